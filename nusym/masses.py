"""Absolute neutrino masses from the lightest mass and the splittings.

Table I of Segarra & Bernabeu, Phys. Rev. D 101, 093004 (2020) lists the
masses for a lightest mass of 0 and 0.1 eV, from Delta m^2_21 = 7.5e-5 eV^2 and
|Delta m^2_3l| = 2.5e-3 eV^2 (l = 1 for the normal, l = 2 for the inverted
ordering):

* normal ordering (NO): m1 = m_min, m2 = sqrt(m1^2 + dm21^2), m3 = sqrt(m1^2 + dm31^2);
* inverted ordering (IO, dm32^2 < 0): m3 = m_min, m2 = sqrt(m3^2 - dm32^2),
  m1 = sqrt(m2^2 - dm21^2).

>>> import mpmath
>>> from nusym.masses import mass_spectrum
>>> m1, m2, m3 = mass_spectrum("IO", 0, dps=50)
>>> mpmath.nstr(m1, 50)
'0.049244289008980523608731057074588122408480681437214'
>>> mpmath.nstr(m2, 50), mpmath.nstr(m3, 50)
('0.05', '0.0')
>>> [mpmath.nstr(m, 50) for m in mass_spectrum("NO", "0.1", dps=50)]  # doctest: +NORMALIZE_WHITESPACE
['0.1', '0.10037429949942365600269851859637025187905062704962',
 '0.11180339887498948482045868343656381177203091798058']
"""

from __future__ import annotations

from typing import Any, Optional

import mpmath

from nusym.errors import InvalidMassError, InvalidParameterError
from nusym.presets import DEFAULT_PRESET, load_parameters, normalise_ordering

__all__ = ["mass_spectrum", "parse_mass"]

_GUARD = 10


def parse_mass(value: Any, what: str = "lightest neutrino mass") -> mpmath.mpf:
    """Convert ``value`` (int, float, str or mpf, in eV) to an mpf >= 0.

    Strings are converted exactly at the current precision.

    >>> parse_mass("0.1")
    mpf('0.1')
    >>> parse_mass(-1)
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidMassError: lightest neutrino mass must be a finite number >= 0 (in eV), got -1
    """
    if isinstance(value, bool):
        raise InvalidMassError(f"{what} must be a number in eV, got {value!r}")
    try:
        x = mpmath.mpf(value.strip() if isinstance(value, str) else value)
    except (TypeError, ValueError):
        raise InvalidMassError(
            f"{what} must be a finite number >= 0 (in eV), got {value!r}"
        ) from None
    if not mpmath.isfinite(x) or x < 0:
        raise InvalidMassError(f"{what} must be a finite number >= 0 (in eV), got {value!r}")
    return x


def mass_spectrum(
    ordering: str,
    lightest: Any,
    preset: Any = DEFAULT_PRESET,
    dps: Optional[int] = None,
) -> tuple[mpmath.mpf, mpmath.mpf, mpmath.mpf]:
    """Return the masses ``(m1, m2, m3)`` in eV (Table I of Segarra & Bernabeu 2020).

    ``ordering`` is normal/NO/NH or inverted/IO/IH; ``lightest`` is m1 (normal)
    or m3 (inverted) in eV; ``preset`` is anything :func:`nusym.presets.load_parameters`
    accepts.  The result is rounded to ``dps`` digits (default: current
    ``mpmath.mp.dps``), computed with guard digits.

    >>> [float(m) for m in mass_spectrum("normal", 0)]
    [0.0, 0.008660254037844387, 0.05]
    """
    ordering = normalise_ordering(ordering)
    if dps is None:
        dps = mpmath.mp.dps
    if not isinstance(dps, int) or isinstance(dps, bool) or dps < 1:
        raise InvalidParameterError(f"dps must be a positive integer, got {dps!r}")
    params = load_parameters(preset, ordering)
    with mpmath.workdps(dps + _GUARD):
        m0 = parse_mass(lightest)
        dm21 = params.mp("dm21_sq")
        dm3l = params.mp("dm3l_sq")
        if ordering == "normal":
            m1 = m0
            m2 = mpmath.sqrt(m0**2 + dm21)
            m3 = mpmath.sqrt(m0**2 + dm3l)
        else:
            m3 = m0
            m2 = mpmath.sqrt(m0**2 - dm3l)
            m1 = mpmath.sqrt(m2**2 - dm21)
    with mpmath.workdps(dps):
        return (+m1, +m2, +m3)
