"""Length parsing and conversions between SI and natural units.

Natural units (hbar = c = 1) are used internally: lengths in eV^-1, energies
in eV and forces in eV^2.  The conversion factor is
hbar c = h c / (2 pi e) = 1.97326980459...e-7 eV m (exact in SI 2019).

The converters never return NaN or inf for finite input: mpmath numbers have
no overflow, and a NumPy array whose converted value would overflow the double
range raises a :class:`nusym.errors.NusymError` (bad values, e.g. a string that
is not a number or a bool, raise one too).

>>> from nusym.units import parse_length, metres_to_natural
>>> parse_length("2.5um")
mpf('2.5e-6')
>>> parse_length("1 cm") == parse_length("10mm")
True
>>> import mpmath
>>> mpmath.nstr(metres_to_natural(1e-6), 12)
'5.06773071616'
"""

from __future__ import annotations

import re
import sys
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypeAlias, overload

import mpmath

from nusym.constants import constant, constant_float
from nusym.errors import InvalidLengthError, InvalidParameterError, NusymError

if TYPE_CHECKING:  # numpy is imported only if the caller already did (see _is_array)
    import numpy as np

#: an mpmath number (mpmath has no type information)
Mpf: TypeAlias = Any

__all__ = [
    "LENGTH_UNITS",
    "parse_length",
    "metres_to_natural",
    "natural_to_metres",
    "eV_to_joule",
    "force_to_newton",
]

#: accepted length units -> size in metres (as exact decimal strings);
#: "natural" units (eV^-1) are handled separately through hbar c.
LENGTH_UNITS: dict[str, str] = {
    "m": "1",
    "cm": "1e-2",
    "mm": "1e-3",
    "um": "1e-6",
    "µm": "1e-6",  # U+00B5 MICRO SIGN
    "μm": "1e-6",  # U+03BC GREEK SMALL LETTER MU
    "micron": "1e-6",
    "nm": "1e-9",
    "pm": "1e-12",
    "fm": "1e-15",
    "eV^-1": "natural",
    "1/eV": "natural",
}

_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_LENGTH_RE = re.compile(rf"^\s*(?P<num>{_NUMBER}|[+-]?(?:nan|inf|infinity))\s*(?P<unit>\S.*?)?\s*$",
                        re.IGNORECASE)

_ALLOWED = "m, cm, mm, um (or µm, micron), nm, pm, fm, eV^-1 (or 1/eV)"


def _length_error(text: Any, why: str) -> InvalidLengthError:
    return InvalidLengthError(
        f"invalid length {text!r}: {why}; a length is a positive, finite number followed by "
        f"a unit, e.g. '2.5um' or '1 cm'; allowed units: {_ALLOWED}"
    )


def parse_length(text: str) -> mpmath.mpf:
    """Parse a length with a unit, e.g. ``"2.5um"``, and return it in metres.

    The number is converted exactly (as a decimal string) and rounded once to the
    current mpmath precision.  Whitespace between number and unit is optional.  A
    length in natural units (``"1e7 eV^-1"``, ``"1e7 1/eV"``) is converted with
    hbar c.  Distances of Eq. (1) of Segarra & Bernabeu 2020 are given this way at
    the SI edge of the package.

    Parameters
    ----------
    text : str
        A positive, finite number followed by a unit: ``m``, ``cm``, ``mm``,
        ``um`` (``µm``, ``micron``), ``nm``, ``pm``, ``fm``, ``eV^-1`` (``1/eV``).

    Returns
    -------
    mpmath.mpf
        The length in metres.

    Raises
    ------
    nusym.errors.InvalidLengthError
        Not a string, no unit or an unknown one, or a number that is not positive
        and finite.

    Examples
    --------
    >>> parse_length("3 micron")
    mpf('3.0e-6')
    >>> parse_length("5")
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidLengthError: invalid length '5': missing unit; a length is a positive, finite number followed
    by a unit, e.g. '2.5um' or '1 cm'; allowed units: m, cm, mm, um (or µm, micron), nm, pm, fm, eV^-1 (or 1/eV)
    """
    if not isinstance(text, str):
        raise _length_error(text, f"expected a string such as '2.5um', got {type(text).__name__}")
    m = _LENGTH_RE.match(text)
    if m is None:
        raise _length_error(text, "not a number followed by a unit")
    num, unit = m.group("num"), m.group("unit")
    if unit is None:
        raise _length_error(text, "missing unit")
    unit = unit.replace(" ", "")
    if unit not in LENGTH_UNITS:
        raise _length_error(text, f"unknown unit {unit!r}")
    value = mpmath.mpf(num)
    if not mpmath.isfinite(value):
        raise _length_error(text, "not finite")
    if value <= 0:
        raise _length_error(text, "not positive")
    scale = LENGTH_UNITS[unit]
    if scale == "natural":
        return natural_to_metres(value)
    # exact decimal product, then one rounding to the current precision
    try:
        d, f = Decimal(num), Decimal(scale)
        ctx = Context(prec=len(d.as_tuple().digits) + len(f.as_tuple().digits) + 5,
                      Emax=MAX_EMAX, Emin=MIN_EMIN)
        return mpmath.mpf(str(ctx.multiply(d, f)))
    except ArithmeticError:  # an exponent beyond Decimal's range: mpmath has none
        with mpmath.workdps(mpmath.mp.dps + 10):
            x = value * mpmath.mpf(scale)
        return +x


def _is_array(x: Any) -> bool:
    # avoid importing numpy unless the caller already did
    np = sys.modules.get("numpy")
    return np is not None and isinstance(x, np.ndarray)


def _to_mpf(x: Any, what: str, error: type[NusymError]) -> mpmath.mpf:
    """``x`` (int, float, str, mpf, Decimal, Fraction, NumPy scalar) as an mpf; bool refused."""
    np = sys.modules.get("numpy")
    try:
        if isinstance(x, bool) or (np is not None and isinstance(x, np.bool_)):
            raise TypeError
        if np is not None and isinstance(x, np.integer):
            x = int(x)
        elif np is not None and isinstance(x, np.floating):
            x = float(x)
        if isinstance(x, Fraction):
            return mpmath.mpf(x.numerator) / x.denominator
        if isinstance(x, Decimal):
            x = str(x)
        return mpmath.mpf(x)
    except (TypeError, ValueError):
        shown = repr(x) if not isinstance(x, int) or x.bit_length() < 256 else "a huge integer"
        raise error(f"{what} must be a real number, got {shown[:80]}") from None


def _scale_array(x: Any, factor: float, what: str, error: type[NusymError],
                 divide: bool = False) -> Any:
    """``x * factor`` (``x / factor`` if ``divide``) as a float array.

    Finite input never gives inf or NaN silently: an overflow raises ``error``.
    """
    import numpy as np

    a = np.asarray(x)
    if a.dtype.kind in "bcmMV":
        raise error(f"{what} must be an array of real numbers, got dtype {a.dtype}")
    try:
        af = a.astype(float)
    except OverflowError:
        raise error(f"{what} holds a value too large for double precision; pass it as an "
                    "mpmath number (not in an array)") from None
    except (TypeError, ValueError):
        raise error(f"{what} must be an array of real numbers") from None
    if a.dtype.kind == "O" and np.isinf(af).any():  # e.g. mpf('1e400') becomes inf
        for v, vf in zip(a.reshape(-1), af.reshape(-1), strict=True):
            if np.isinf(vf) and mpmath.isfinite(_to_mpf(v, what, error)):
                raise error(f"{what} {str(v)[:40]} is too large for double precision; pass it "
                            "as an mpmath number (not in an array)")
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        y = af / factor if divide else af * factor
    overflow = np.isinf(y) & ~np.isinf(af)
    if overflow.any():
        first = float(af[overflow].flat[0])
        raise error(f"{what} {first!r} is too large for double precision after conversion; "
                    "pass it as an mpmath number (not in an array)")
    return y


@overload
def metres_to_natural(x_m: np.ndarray) -> np.ndarray: ...
@overload
def metres_to_natural(x_m: Any) -> Mpf: ...
def metres_to_natural(x_m: Any) -> Any:
    """Convert a length in metres to natural units (eV^-1): x / (hbar c).

    The distances r of Eq. (1) of Segarra & Bernabeu 2020 are in eV^-1 inside the
    package.

    Parameters
    ----------
    x_m : int or float or str or mpmath.mpf or numpy.ndarray
        A length in metres (a plain number: no unit).

    Returns
    -------
    mpmath.mpf or numpy.ndarray
        An mpf at the current precision (guard digits used), or a float array for an
        array.

    Raises
    ------
    nusym.errors.InvalidLengthError
        Not a number, or an array value that overflows the double range.

    Examples
    --------
    >>> metres_to_natural(natural_to_metres(7)) == 7
    True
    """
    if _is_array(x_m):
        return _scale_array(x_m, constant_float("hbar_c"), "length", InvalidLengthError,
                            divide=True)
    with mpmath.workdps(mpmath.mp.dps + 10):
        y = _to_mpf(x_m, "length", InvalidLengthError) / constant("hbar_c")
    return +y


@overload
def natural_to_metres(x_nat: np.ndarray) -> np.ndarray: ...
@overload
def natural_to_metres(x_nat: Any) -> Mpf: ...
def natural_to_metres(x_nat: Any) -> Any:
    """Convert a length in eV^-1 to metres: x * (hbar c).

    Parameters
    ----------
    x_nat : int or float or str or mpmath.mpf or numpy.ndarray
        A length in eV^-1.

    Returns
    -------
    mpmath.mpf or numpy.ndarray
        The length in metres (an mpf at the current precision, or a float array).

    Raises
    ------
    nusym.errors.InvalidLengthError
        Not a number, or an array value that overflows the double range.

    Examples
    --------
    >>> import mpmath
    >>> mpmath.nstr(natural_to_metres(1), 12)        # hbar c in eV m
    '1.97326980459e-7'
    """
    if _is_array(x_nat):
        return _scale_array(x_nat, constant_float("hbar_c"), "length", InvalidLengthError)
    with mpmath.workdps(mpmath.mp.dps + 10):
        y = _to_mpf(x_nat, "length", InvalidLengthError) * constant("hbar_c")
    return +y


@overload
def eV_to_joule(energy_eV: np.ndarray) -> np.ndarray: ...
@overload
def eV_to_joule(energy_eV: Any) -> Mpf: ...
def eV_to_joule(energy_eV: Any) -> Any:
    """Convert an energy in eV to joules (times the exact elementary charge).

    Parameters
    ----------
    energy_eV : int or float or str or mpmath.mpf or numpy.ndarray
        An energy in eV (e.g. V of Eq. (1) of Segarra & Bernabeu 2020).

    Returns
    -------
    mpmath.mpf or numpy.ndarray
        Joules (an mpf at the current precision, or a float array).

    Raises
    ------
    nusym.errors.InvalidParameterError
        Not a number, or an array value that overflows the double range.

    Examples
    --------
    >>> eV_to_joule(1)
    mpf('1.602176634e-19')
    """
    if _is_array(energy_eV):
        return _scale_array(energy_eV, constant_float("e"), "energy", InvalidParameterError)
    with mpmath.workdps(mpmath.mp.dps + 10):
        y = _to_mpf(energy_eV, "energy", InvalidParameterError) * constant("e")
    return +y


@overload
def force_to_newton(force_eV2: np.ndarray) -> np.ndarray: ...
@overload
def force_to_newton(force_eV2: Any) -> Mpf: ...
def force_to_newton(force_eV2: Any) -> Any:
    """Convert a force in natural units (eV/eV^-1 = eV^2) to newtons.

    F[N] = F[eV^2] * e / (hbar c [eV m]).

    Parameters
    ----------
    force_eV2 : int or float or str or mpmath.mpf or numpy.ndarray
        A force in eV^2 (e.g. -dV/dr of Eq. (1) of Segarra & Bernabeu 2020).

    Returns
    -------
    mpmath.mpf or numpy.ndarray
        Newtons (an mpf at the current precision, or a float array).

    Raises
    ------
    nusym.errors.InvalidParameterError
        Not a number, or an array value that overflows the double range.

    Examples
    --------
    >>> import mpmath
    >>> mpmath.nstr(force_to_newton(1), 10)
    '8.119399741e-13'
    """
    if _is_array(force_eV2):
        return _scale_array(force_eV2, constant_float("e") / constant_float("hbar_c"), "force",
                            InvalidParameterError)
    with mpmath.workdps(mpmath.mp.dps + 10):
        y = _to_mpf(force_eV2, "force", InvalidParameterError) * constant("e") / constant("hbar_c")
    return +y
