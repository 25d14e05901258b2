"""Exception hierarchy of nusym.

Every error caused by bad user input is a :class:`NusymError`, which is a
:class:`ValueError`; its message says what was wrong and what is allowed.  The
command-line interface prints such errors as a single line
``nusym: error: <message>`` and exits with status 2.

:class:`VerificationError` is different: the input was fine but a requested
number of digits could not be verified (e.g. two independent evaluations
disagree).  It is an :class:`ArithmeticError`, not a ``ValueError``.

>>> issubclass(InvalidLengthError, NusymError) and issubclass(NusymError, ValueError)
True
>>> issubclass(VerificationError, NusymError)
False
"""

from __future__ import annotations

__all__ = [
    "NusymError",
    "UnknownPresetError",
    "UnknownOrderingError",
    "InvalidMassError",
    "InvalidLengthError",
    "InvalidSourceError",
    "InvalidMaterialError",
    "InvalidParameterError",
    "InvalidOptionError",
    "OutputPathError",
    "VerificationError",
]


class NusymError(ValueError):
    """Base class for errors caused by invalid input to nusym."""


class UnknownPresetError(NusymError):
    """An oscillation-parameter preset name is not known (and is not a TOML path)."""


class UnknownOrderingError(NusymError):
    """A neutrino mass ordering is not one of normal/NO/NH or inverted/IO/IH."""


class InvalidMassError(NusymError):
    """A neutrino mass (e.g. the lightest mass) is negative, not finite or not a number."""


class InvalidLengthError(NusymError):
    """A length is malformed, lacks a unit, or is not positive and finite."""


class InvalidSourceError(NusymError):
    """A source (nucleus/atom) specification cannot be parsed or is unphysical."""


class InvalidMaterialError(InvalidSourceError):
    """A material (element, compound, alloy or mass-fraction mixture) is malformed or unknown."""


class InvalidParameterError(NusymError):
    """A physical parameter or constant name is missing, unknown or out of range."""


class InvalidOptionError(NusymError):
    """An option value (e.g. a method or format name) is not one of the allowed values."""


class OutputPathError(InvalidOptionError):
    """An output file or directory cannot be created or written, or is not empty (see --force)."""


class VerificationError(ArithmeticError):
    """The requested digits could not be verified (not a problem with the input)."""
