"""Validation and parsing of every kind of user input (the one validator module).

Every function here either returns a clean value or raises a subclass of
:class:`nusym.errors.NusymError` (a ``ValueError``) whose message says what was
given and what is allowed: never a traceback from deeper down, a silent NaN or
infinity, or a number read in the wrong unit.

Conventions:

* a Python ``float`` means the decimal number it prints as (``1e-6`` is exactly
  10^-6, not its binary approximation); NumPy floats likewise (``str``);
* ``bool`` (and ``numpy.bool_``) is never a number;
* strings are parsed strictly (``"1_0"``, ``"1/2"``, ``"0x10"`` are refused);
* multi-precision results are ``mpmath.mpf`` at the current ``mpmath.mp.dps``;
  the global precision is never changed.

>>> check_dps(30), check_nature("M"), check_ordering("IH")
(30, 'majorana', 'inverted')
>>> parse_mass("100 meV")
mpf('0.1')
>>> parse_length_value(1e-6) == mpmath.mpf("1e-6")
True
>>> parse_lengths(["1um", 2e-6])
([mpf('1.0e-6'), mpf('2.0e-6')], False)
>>> parse_density("19.3 g/cm^3")
19300.0
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterable, Sequence
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal
from fractions import Fraction
from typing import Any, Literal, overload

import mpmath

from nusym.errors import (
    InvalidLengthError,
    InvalidMassError,
    InvalidOptionError,
    InvalidParameterError,
    NusymError,
    UnknownOrderingError,
)
from nusym.units import parse_length

__all__ = [
    "DPS_MIN",
    "DPS_MAX",
    "check_dps",
    "NATURES",
    "check_nature",
    "ORDERINGS",
    "ORDERING_ALIASES",
    "check_ordering",
    "METHODS",
    "MAX_ORDER",
    "check_method",
    "check_flag",
    "check_choice",
    "MASS_MAX_EV",
    "MASS_UNITS",
    "parse_mass",
    "ANGLE_MAX_DEG",
    "parse_angle_deg",
    "LENGTH_MIN_M",
    "LENGTH_MAX_M",
    "parse_length_value",
    "parse_lengths",
    "lengths_double",
    "DENSITY_MAX_KG_M3",
    "DENSITY_UNITS",
    "parse_density",
    "parse_int",
    "parse_mixing_angle",
]

#: allowed range of ``dps`` (significant decimal digits) of the multi-precision routes
DPS_MIN, DPS_MAX = 5, 1000

#: neutrino natures
NATURES: tuple[str, ...] = ("dirac", "majorana")

#: mass orderings and their accepted spellings (case-insensitive)
ORDERINGS: tuple[str, ...] = ("normal", "inverted")
ORDERING_ALIASES: dict[str, str] = {
    "normal": "normal", "no": "normal", "nh": "normal",
    "inverted": "inverted", "io": "inverted", "ih": "inverted",
}

#: evaluation routes of ``nusym.potential``; ``asymptotic`` needs ``order <= MAX_ORDER``
METHODS: tuple[str, ...] = ("integral", "adaptive", "closed", "asymptotic", "massless")
MAX_ORDER = 40

#: neutrino masses are in [0, MASS_MAX_EV] eV
MASS_MAX_EV = 1e6
#: mass units accepted in strings -> power of ten of eV
MASS_UNITS: dict[str, int] = {"eV": 0, "meV": -3, "keV": 3, "MeV": 6}

#: angles (phases) are finite and at most this many degrees in absolute value
#: (larger ones would only cost time in the argument reduction)
ANGLE_MAX_DEG = 1e6

#: lengths (metres) must lie in [LENGTH_MIN_M, LENGTH_MAX_M]
LENGTH_MIN_M, LENGTH_MAX_M = 1e-20, 1e20

#: densities (kg/m^3) are positive and at most this (far above any material)
DENSITY_MAX_KG_M3 = 1e6
#: density units accepted in strings -> power of ten of kg/m^3
DENSITY_UNITS: dict[str, int] = {"kg/m3": 0, "kg/m^3": 0, "g/cm3": 3, "g/cm^3": 3}

_DECIMAL = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_DECIMAL_RE = re.compile(rf"\s*({_DECIMAL})\s*")
_NUMBER_UNIT_RE = re.compile(rf"\s*(?P<num>{_DECIMAL})\s*(?P<unit>[^\s\d+\-.].*?)?\s*")
_LENGTH_HINT = ("a positive number of metres, a string with a unit such as '2.5um' or '1 cm', "
                "or an astropy/pint length quantity")


# --------------------------------------------------------------------------- helpers
def _numpy() -> Any:
    """NumPy if it is already imported (a value cannot be a NumPy object otherwise)."""
    return sys.modules.get("numpy")


def _show(value: Any, limit: int = 80) -> str:
    """``repr(value)``, shortened; never fails (huge ints, broken ``__repr__``)."""
    try:
        if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 256:
            digits = int(value.bit_length() * math.log10(2)) + 1
            return f"{'-' if value < 0 else ''}<integer of about {digits} digits>"
        text = " ".join(repr(value).split())  # one line (arrays print on several)
    except Exception:  # noqa: BLE001 - a message must always be built
        text = f"<{type(value).__name__} object>"
    if len(text) > limit:
        text = text[: limit - 20] + "..." + text[-15:]
    return text


def _decimal_mpf(num: str, power: int = 0) -> mpmath.mpf:
    """The strict decimal string ``num`` times ``10**power`` as an mpf at the current
    precision: exact, then one rounding (any exponent: mpmath has no overflow)."""
    try:
        d = Decimal(num)
        ctx = Context(prec=len(d.as_tuple().digits) + 5, Emax=MAX_EMAX, Emin=MIN_EMIN)
        return mpmath.mpf(str(d.scaleb(power, context=ctx)))
    except ArithmeticError:  # an exponent beyond Decimal's range
        with mpmath.workdps(mpmath.mp.dps + 10):
            x = mpmath.mpf(num) * mpmath.mpf(10) ** power
        return +x


def _is_bool(value: Any) -> bool:
    np = _numpy()
    return isinstance(value, bool) or (np is not None and isinstance(value, np.bool_))


def _number(value: Any) -> mpmath.mpf | None:
    """A real number (not a string) as an mpf at the current precision, else None.

    ``float`` -> the decimal it prints as; ints, mpf, Decimal, Fraction, NumPy
    scalars and 0-d arrays are accepted; NaN and infinities are returned as such
    (the caller checks the range).
    """
    if _is_bool(value):
        return None
    np = _numpy()
    if np is not None:
        if isinstance(value, np.ndarray):
            if value.ndim != 0 or _quantity_kind(value) is not None or value.dtype.kind == "b":
                return None
            value = value[()]
            if isinstance(value, np.ndarray):  # ndarray subclasses
                return None
        if isinstance(value, np.integer):
            return mpmath.mpf(int(value))
        if isinstance(value, np.floating):
            return mpmath.mpf(str(value))  # shortest decimal of its own precision
        if isinstance(value, np.generic) and not isinstance(value, (int, float)):
            return None  # complex, datetime, str_, void, ...
    if isinstance(value, int):
        return mpmath.mpf(value)
    if isinstance(value, float):
        return mpmath.mpf(repr(value))
    if isinstance(value, mpmath.mpf):
        return +value
    if isinstance(value, Decimal):
        if value.is_nan():
            return mpmath.mpf("nan")
        if value.is_infinite():
            return mpmath.mpf("-inf") if value < 0 else mpmath.mpf("inf")
        return mpmath.mpf(str(value))
    if isinstance(value, Fraction):
        return mpmath.mpf(value.numerator) / value.denominator
    return None


def _quantity_kind(value: Any) -> str | None:
    """``"astropy"`` or ``"pint"`` for an object that looks like a unit-carrying quantity."""
    if isinstance(value, (str, bytes, int, float, mpmath.mpf)):
        return None
    try:
        if hasattr(value, "unit") and hasattr(value, "value") and hasattr(value, "to"):
            return "astropy"
        if hasattr(value, "units") and hasattr(value, "magnitude") and hasattr(value, "to"):
            return "pint"
    except Exception:  # noqa: BLE001 - a property raising means: not a quantity
        return None
    return None


def _quantity_parts(q: Any, unit: str) -> tuple[Any, Any, float | None, str]:
    """(magnitude, magnitude converted to ``unit``, exact factor or None, unit text).

    Raises ValueError if ``q`` cannot be converted to ``unit`` (other dimension,
    dimensionless, ...).
    """
    kind = _quantity_kind(q)
    own_unit = q.unit if kind == "astropy" else q.units
    try:
        unit_text = str(own_unit).strip() or "dimensionless"
    except Exception:  # noqa: BLE001
        unit_text = "an unknown unit"
    magnitude = q.value if kind == "astropy" else q.magnitude
    try:
        converted = q.to(unit)
        converted = converted.value if kind == "astropy" else converted.magnitude
    except Exception as exc:  # UnitConversionError, DimensionalityError, ...
        raise ValueError(unit_text) from exc
    factor: float | None
    try:  # the size of one unit, so that 2.5 um is exactly 2.5e-6 m
        if kind == "astropy":
            factor = float(own_unit.to(unit))
        else:
            factor = float(type(q)(1, own_unit).to(unit).magnitude)
        if not (math.isfinite(factor) and factor > 0):
            factor = None
    except Exception:  # noqa: BLE001 - fall back to the converted magnitude
        factor = None
    return magnitude, converted, factor, unit_text


def _times(x: mpmath.mpf, factor: float) -> mpmath.mpf:
    """``x * factor`` (factor a float read as its decimal) at the current precision."""
    if factor == 1:
        return x
    with mpmath.workdps(mpmath.mp.dps + 30):
        y = x * mpmath.mpf(repr(factor))
    return +y


# --------------------------------------------------------------------------- options
@overload
def check_dps(dps: Any, *, allow_none: Literal[False] = False) -> int: ...
@overload
def check_dps(dps: Any, *, allow_none: bool) -> int | None: ...
def check_dps(dps: Any, *, allow_none: bool = False) -> int | None:
    """Validate a number of significant digits: an integer in [DPS_MIN, DPS_MAX].

    NumPy integers are accepted (and returned as ``int``); bool, float and str are
    not. ``allow_none=True`` also accepts ``None`` (double precision).

    >>> check_dps(50), check_dps(None, allow_none=True)
    (50, None)
    >>> check_dps(4)
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidOptionError: dps must be an integer between 5 and 1000, got 4
    >>> check_dps(30.0, allow_none=True)
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidOptionError: dps must be an integer between 5 and 1000 or None (double precision), got 30.0
    """
    if dps is None and allow_none:
        return None
    np = _numpy()
    is_int = (isinstance(dps, int) and not isinstance(dps, bool)) or (
        np is not None and isinstance(dps, np.integer))
    if not is_int or not DPS_MIN <= int(dps) <= DPS_MAX:
        extra = " or None (double precision)" if allow_none else ""
        raise InvalidOptionError(
            f"dps must be an integer between {DPS_MIN} and {DPS_MAX}{extra}, got {_show(dps)}")
    return int(dps)


def check_nature(value: Any) -> str:
    """``"dirac"`` or ``"majorana"`` (case-insensitive; ``"D"``/``"M"`` too).

    >>> check_nature(" Dirac "), check_nature("m")
    ('dirac', 'majorana')
    >>> check_nature("weyl")
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidOptionError: unknown neutrino nature 'weyl'; allowed: 'dirac' or 'majorana'
    """
    try:
        key = str(value).strip().lower()
    except Exception:  # noqa: BLE001 - a broken __str__ is not a nature
        key = ""
    key = {"d": "dirac", "m": "majorana"}.get(key, key)
    if key not in NATURES:
        raise InvalidOptionError(
            f"unknown neutrino nature {_show(value)}; allowed: 'dirac' or 'majorana'")
    return key


def check_ordering(value: Any) -> str:
    """``"normal"`` (normal, NO, NH) or ``"inverted"`` (inverted, IO, IH), case-insensitive.

    >>> check_ordering("NH"), check_ordering(" io ")
    ('normal', 'inverted')
    >>> check_ordering("up")
    Traceback (most recent call last):
    ...
    nusym.errors.UnknownOrderingError: unknown mass ordering 'up'; use normal (NO, NH) or inverted (IO, IH), case-insensitive
    """  # noqa: E501
    key = value.strip().lower() if isinstance(value, str) else None
    if key not in ORDERING_ALIASES:
        raise UnknownOrderingError(
            f"unknown mass ordering {_show(value)}; use normal (NO, NH) or inverted (IO, IH), "
            "case-insensitive")
    return ORDERING_ALIASES[key]


def _order_ok(order: Any) -> bool:
    np = _numpy()
    is_int = (isinstance(order, int) and not isinstance(order, bool)) or (
        np is not None and isinstance(order, np.integer))
    return is_int and 0 <= int(order) <= MAX_ORDER


def check_method(method: Any, order: Any = None) -> tuple[str, int | None]:
    """Validate an evaluation route of ``nusym.potential`` and its ``order``.

    ``method`` is one of :data:`METHODS` (case-insensitive); ``order`` is an
    integer in [0, MAX_ORDER] for ``"asymptotic"`` and must be None otherwise.

    >>> check_method("Asymptotic", 3), check_method("integral", None)
    (('asymptotic', 3), ('integral', None))
    >>> check_method("asymptotic", 41)
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidOptionError: method 'asymptotic' needs order, a non-negative integer at most 40 (MAX_ORDER), got 41
    """  # noqa: E501
    key = method.strip().lower() if isinstance(method, str) else None
    if key not in METHODS:
        raise InvalidOptionError(f"unknown method {_show(method)}; allowed: {', '.join(METHODS)}")
    if key == "asymptotic":
        if not _order_ok(order):
            raise InvalidOptionError(
                f"method 'asymptotic' needs order, a non-negative integer at most {MAX_ORDER} "
                f"(MAX_ORDER), got {_show(order)}")
        return key, int(order)
    if order is not None:
        raise InvalidOptionError(
            f"order is only used with method 'asymptotic', got order={_show(order)}")
    return key, None


def check_flag(value: Any, name: str) -> bool:
    """A yes/no option: only ``True`` or ``False`` (or ``numpy.bool_``).

    >>> check_flag(True, "log")
    True
    >>> check_flag("yes", "log")
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidOptionError: log must be True or False, got 'yes'
    """
    if _is_bool(value):
        return bool(value)
    raise InvalidOptionError(f"{name} must be True or False, got {_show(value)}")


def check_choice(value: Any, name: str, allowed: Iterable[str]) -> str:
    """One of ``allowed`` (case-insensitive, surrounding spaces ignored), spelled as in ``allowed``.

    >>> check_choice("PNG", "format", ("png", "pdf"))
    'png'
    >>> check_choice("gif", "format", ("png", "pdf"))
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidOptionError: unknown format 'gif'; allowed: png, pdf
    """
    allowed = tuple(allowed)
    if isinstance(value, str):
        key = value.strip().lower()
        for choice in allowed:
            if choice.lower() == key:
                return choice
    raise InvalidOptionError(f"unknown {name} {_show(value)}; allowed: {', '.join(allowed)}")


# --------------------------------------------------------------------------- masses, angles
def parse_mass(value: Any, what: str = "lightest neutrino mass") -> mpmath.mpf:
    """A neutrino mass in eV as an mpf: finite, >= 0 and <= MASS_MAX_EV (1e6 eV).

    Numbers are eV (a float means the decimal it prints as); strings are a
    decimal number, optionally followed by a unit: ``eV``, ``meV``, ``keV``,
    ``MeV`` (converted exactly). An astropy/pint energy quantity is converted
    to eV.

    >>> parse_mass("0.1eV"), parse_mass(0.1), parse_mass("1 keV")
    (mpf('0.1'), mpf('0.1'), mpf('1000.0'))
    >>> parse_mass(-1)
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidMassError: lightest neutrino mass must be a finite number >= 0 and <= 1e+06 in eV (a string may carry a unit: eV, meV, keV, MeV), got -1
    """  # noqa: E501
    def error(why: str = "") -> InvalidMassError:
        return InvalidMassError(
            f"{what} must be a finite number >= 0 and <= {MASS_MAX_EV:g} in eV (a string may "
            f"carry a unit: {', '.join(MASS_UNITS)}), got {_show(value)}{why}")

    if isinstance(value, str):
        m = _NUMBER_UNIT_RE.fullmatch(value)
        if m is None:
            raise error()
        unit = m.group("unit")
        if unit is not None and unit not in MASS_UNITS:
            raise error(f" (unknown unit {unit!r})")
        x = _decimal_mpf(m.group("num"), MASS_UNITS[unit or "eV"])
    elif _quantity_kind(value) is not None:
        try:
            magnitude, converted, factor, _ = _quantity_parts(value, "eV")
        except ValueError as exc:
            raise error(f" (a quantity in {exc}, which is not an energy)") from None
        x = _number(magnitude) if factor is not None else None
        x = _times(x, factor) if x is not None and factor is not None else _number(converted)
    else:
        x = _number(value)
    if x is None or not mpmath.isfinite(x) or x < 0 or x > MASS_MAX_EV:
        raise error()
    return x


def parse_angle_deg(value: Any, name: str) -> mpmath.mpf:
    """An angle (e.g. a Majorana phase) in degrees as an mpf: finite, ``|value| <= ANGLE_MAX_DEG``.

    Numbers, decimal strings (optionally ending in ``deg`` or ``°``), mpf and NumPy
    scalars are accepted.

    >>> parse_angle_deg("90deg", "alpha21"), parse_angle_deg(-45, "alpha31")
    (mpf('90.0'), mpf('-45.0'))
    >>> parse_angle_deg(float("nan"), "alpha21")
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidParameterError: alpha21 must be a finite number of degrees (at most 1e+06 in absolute value), got nan
    """  # noqa: E501
    if isinstance(value, str):
        text = value.strip()
        for suffix in ("deg", "°"):
            if text.endswith(suffix):
                text = text[: -len(suffix)]
                break
        m = _DECIMAL_RE.fullmatch(text)
        x = _decimal_mpf(m.group(1)) if m else None
    else:
        x = _number(value)
    if x is None or not mpmath.isfinite(x) or abs(x) > ANGLE_MAX_DEG:
        raise InvalidParameterError(
            f"{name} must be a finite number of degrees (at most {ANGLE_MAX_DEG:g} in absolute "
            f"value), got {_show(value)}")
    return x


# --------------------------------------------------------------------------- lengths
def _length_error(what: str, value: Any, why: str) -> InvalidLengthError:
    return InvalidLengthError(f"invalid length for {what}: {_show(value)} {why}")


def _range_text() -> str:
    return f"lengths must be between {LENGTH_MIN_M:g} m and {LENGTH_MAX_M:g} m"


def _check_length(x: mpmath.mpf, given: Any, what: str) -> mpmath.mpf:
    if not mpmath.isfinite(x) or x <= 0:
        raise _length_error(what, given, f"is not a positive, finite length; {_range_text()}")
    if x < LENGTH_MIN_M or x > LENGTH_MAX_M:
        raise _length_error(what, given, f"is out of range: {_range_text()}")
    return x


def _length_quantity_parts(q: Any, what: str) -> tuple[Any, Any, float | None]:
    """(magnitude, value in metres, unit size in metres) of an astropy/pint length quantity."""
    try:
        magnitude, converted, factor, _ = _quantity_parts(q, "m")
    except ValueError as exc:
        raise _length_error(
            what, q, f"is a quantity in {exc}, which is not a length (a dimensionless quantity "
            f"is never read as metres); give {_LENGTH_HINT}") from None
    return magnitude, converted, factor


def _quantity_lengths(q: Any, what: str) -> tuple[list[mpmath.mpf], bool]:
    """(values in metres, is_scalar) of an astropy/pint quantity."""
    magnitude, converted, factor = _length_quantity_parts(q, what)
    np = _numpy()
    ndim = np.ndim(magnitude) if np is not None else 0
    if ndim == 0:
        mags, convs, scalar = [magnitude], [converted], True
    elif ndim == 1:
        mags, convs, scalar = list(magnitude), list(converted), False
        if not mags:
            raise InvalidLengthError(f"no value given: {what} is an empty quantity array")
    else:
        raise _length_error(what, q, f"has shape {np.shape(magnitude)}; expected a single length "
                                     "or a 1-d sequence of lengths")
    out = []
    for mag, conv in zip(mags, convs, strict=True):
        x = _number(mag) if factor is not None else None
        x = _times(x, factor) if x is not None and factor is not None else _number(conv)
        if x is None:
            raise _length_error(what, q, f"has a magnitude that is not a real number; give {_LENGTH_HINT}")
        out.append(_check_length(x, conv, what))
    return out, scalar


def parse_length_value(value: Any, what: str = "r") -> mpmath.mpf:
    """One length in metres as an mpf at the current precision.

    Accepted: int, float (the decimal it prints as: ``1e-6`` is exactly 10^-6),
    mpf, NumPy scalar or 0-d array (metres); a string with a unit (see
    :func:`nusym.units.parse_length`); an astropy or pint ``Quantity`` with a
    length unit (converted to metres; a dimensionless quantity is refused). The
    value must be positive, finite and in [LENGTH_MIN_M, LENGTH_MAX_M].

    >>> parse_length_value("2.5um"), parse_length_value(3)
    (mpf('2.5e-6'), mpf('3.0'))
    >>> parse_length_value(1e30)
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidLengthError: invalid length for r: 1e+30 is out of range: lengths must be between 1e-20 m and 1e+20 m
    """  # noqa: E501
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            raise _length_error(what, value, f"is not text; give {_LENGTH_HINT}") from None
    if isinstance(value, str):
        value = str(value)  # numpy.str_ -> str
        try:
            parsed = parse_length(value)
        except InvalidLengthError as exc:
            raise InvalidLengthError(f"{what}: {exc}") from None
        return _check_length(parsed, value, what)
    if _quantity_kind(value) is not None:
        values, scalar = _quantity_lengths(value, what)
        if not scalar:
            raise _length_error(what, value, "is an array; expected a single length")
        return values[0]
    x = _number(value)
    if x is None:
        raise _length_error(what, value, f"is not a length; give {_LENGTH_HINT}")
    return _check_length(x, value, what)


def parse_lengths(r: Any, what: str = "r") -> tuple[list[mpmath.mpf], bool]:
    """``([lengths in metres as mpf], is_scalar)`` for one length or a 1-d sequence of them.

    A scalar (number, NumPy scalar or 0-d array, str, scalar quantity) gives
    ``is_scalar=True``; a list, tuple, 1-d array or quantity array gives a list
    (``is_scalar=False``; empty is refused). Each item as in
    :func:`parse_length_value`.

    >>> parse_lengths("1 mm")
    ([mpf('0.001')], True)
    >>> parse_lengths([])
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidLengthError: no value given: r is an empty sequence; give one length or a non-empty sequence of lengths
    """  # noqa: E501
    if isinstance(r, (str, bytes)):
        return [parse_length_value(r, what)], True
    if _quantity_kind(r) is not None:
        return _quantity_lengths(r, what)
    np = _numpy()
    if np is not None and not isinstance(r, (list, tuple)) and (
            isinstance(r, np.ndarray) or hasattr(r, "__array__")):
        arr = r if isinstance(r, np.ndarray) else np.asarray(r)
        if arr.ndim == 0:
            return [parse_length_value(arr, what)], True
        if arr.ndim != 1:
            raise _length_error(what, r, f"has shape {arr.shape}; expected a single length or a "
                                         "1-d sequence of lengths")
        values = list(arr)
    elif isinstance(r, Sequence):
        values = list(r)
    else:
        return [parse_length_value(r, what)], True
    if not values:
        raise InvalidLengthError(
            f"no value given: {what} is an empty sequence; give one length or a non-empty "
            "sequence of lengths")
    return [parse_length_value(v, what) for v in values], False


def _double_item(value: Any, what: str) -> float:
    with mpmath.workdps(40):  # so that the float is correctly rounded at any mp.dps
        return float(parse_length_value(value, what))


def _double_sequence(seq: Sequence[Any], what: str) -> Any:
    import numpy as np

    if len(seq) == 0:
        raise InvalidLengthError(
            f"no value given: {what} is an empty sequence; give one length or a non-empty "
            "sequence of lengths")
    if all(isinstance(v, (int, float, np.integer, np.floating))
           and not isinstance(v, (bool, np.bool_)) for v in seq):
        try:
            return np.array(seq, dtype=float)
        except OverflowError:  # a huge int: checked item by item below
            pass
    if all(isinstance(v, (list, tuple)) for v in seq):
        parts = [_double_sequence(v, what) for v in seq]
        if len({p.shape for p in parts}) != 1:
            raise InvalidLengthError(f"invalid lengths for {what}: a ragged nested sequence; "
                                     "give a number, a string or a rectangular array of lengths")
        return np.stack(parts)
    return np.array([_double_item(v, what) for v in seq], dtype=float)


def lengths_double(r: Any, what: str = "r") -> tuple[Any, bool]:
    """``(r in metres as a float NumPy array, is_scalar)`` for the double-precision path.

    The same inputs and checks as :func:`parse_lengths` (strings with units,
    astropy/pint quantities, NumPy arrays of any shape; bool arrays refused);
    arrays are checked at once and the first offending value is named. A scalar
    gives a 0-d array and ``is_scalar=True``.

    >>> import numpy as np
    >>> lengths_double(np.array([1e-6, 2e-6]))
    (array([1.e-06, 2.e-06]), False)
    >>> lengths_double(["1um", "1 cm"])[0].tolist()
    [1e-06, 0.01]
    >>> lengths_double(np.array([1e-6, np.nan]))
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidLengthError: invalid length for r: nan is not a positive, finite length; lengths must be between 1e-20 m and 1e+20 m
    """  # noqa: E501
    import numpy as np

    if isinstance(r, (str, bytes)):
        return np.array(_double_item(r, what)), True
    if _quantity_kind(r) is not None:
        magnitude, converted, factor = _length_quantity_parts(r, what)
        arr = _double_array(np.asarray(converted), what)
        divisor = _decimal_divisor(factor)
        if divisor is not None and np.asarray(magnitude).dtype.kind in "fiu":
            # 5 um -> 5 / 10**6 (correctly rounded), not 5 * 1e-6 (one ulp off)
            with np.errstate(all="ignore"):
                arr = np.asarray(np.asarray(magnitude, dtype=float) / divisor)
    elif isinstance(r, np.generic):  # a NumPy scalar: read as the decimal it prints as
        return np.array(_double_item(r, what)), True
    elif isinstance(r, np.ndarray) or (not isinstance(r, (list, tuple)) and hasattr(r, "__array__")):
        arr = _double_array(np.asarray(r), what)
    elif isinstance(r, Sequence):
        arr = _double_sequence(r, what)
    else:
        return np.array(_double_item(r, what)), True
    with np.errstate(invalid="ignore"):
        bad = ~np.isfinite(arr) | (arr < LENGTH_MIN_M) | (arr > LENGTH_MAX_M)
    if bad.any():
        first = float(arr[bad].flat[0])
        _check_length(mpmath.mpf(first), first, what)
    return arr, arr.ndim == 0


def _decimal_divisor(factor: float | None) -> int | None:
    """``10**k`` if ``factor`` (a unit's size) prints as ``1e-k`` (k > 0), else None."""
    if factor is None or not 0 < factor < 1:
        return None
    inverse = 1 / Decimal(repr(factor))
    return int(inverse) if inverse == int(inverse) and inverse < 10**30 else None


def _double_array(arr: Any, what: str) -> Any:
    import numpy as np

    if arr.size == 0:
        raise InvalidLengthError(
            f"no value given: {what} is an empty array; give one length or a non-empty "
            "array of lengths")
    kind = arr.dtype.kind
    if kind in "fiu":
        return arr.astype(float)
    if kind in "OUS":
        flat = [_double_item(v, what) for v in arr.reshape(-1)]
        return np.array(flat, dtype=float).reshape(arr.shape)
    raise _length_error(what, arr.reshape(-1)[0] if arr.ndim else arr,
                        f"(an array of dtype {arr.dtype}) is not a length; give {_LENGTH_HINT}")


# --------------------------------------------------------------------------- densities, counts
def parse_density(value: Any) -> float:
    """A mass density in kg/m^3 as a float: positive, finite, <= DENSITY_MAX_KG_M3 (1e6).

    Bare numbers (and decimal strings without a unit) are kg/m^3; strings may end in
    ``kg/m3``, ``kg/m^3``, ``g/cm3`` or ``g/cm^3``.

    >>> parse_density(19300), parse_density("19.3g/cm3"), parse_density("19300 kg/m^3")
    (19300.0, 19300.0, 19300.0)
    >>> parse_density(1e300)
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidParameterError: density must be a positive, finite number of kg/m^3, at most 1e+06 (or a string such as '19.3 g/cm^3' or '19300 kg/m^3'), got 1e+300
    """  # noqa: E501
    def error(why: str = "") -> InvalidParameterError:
        return InvalidParameterError(
            f"density must be a positive, finite number of kg/m^3, at most {DENSITY_MAX_KG_M3:g} "
            f"(or a string such as '19.3 g/cm^3' or '19300 kg/m^3'), got {_show(value)}{why}")

    with mpmath.workdps(40):  # so that the float is correctly rounded at any mp.dps
        x = _density_mpf(value, error)
    if x is None or not mpmath.isfinite(x) or x <= 0 or x > DENSITY_MAX_KG_M3 or float(x) == 0:
        raise error()
    return float(x)


def _density_mpf(value: Any, error: Any) -> mpmath.mpf | None:
    if isinstance(value, str):
        m = _NUMBER_UNIT_RE.fullmatch(value)
        if m is None:
            raise error()
        unit = m.group("unit")
        unit = None if unit is None else "".join(unit.split())
        if unit is not None and unit not in DENSITY_UNITS:
            raise error(f" (unknown unit {m.group('unit')!r}; allowed: {', '.join(DENSITY_UNITS)})")
        return _decimal_mpf(m.group("num"), DENSITY_UNITS[unit or "kg/m3"])
    return _number(value)


def parse_int(value: Any, name: str, lo: int, hi: int, *,
              error: type[NusymError] = InvalidParameterError) -> int:
    """An integer in [lo, hi] (for counts such as Z and N), raising ``error`` otherwise.

    int, NumPy integers and decimal-integer strings are accepted; bool and float
    are not. Huge values give the error, never an OverflowError.

    >>> parse_int("26", "Z", 1, 118), parse_int(30, "N", 0, 300)
    (26, 30)
    >>> parse_int(10**400, "Z", 1, 118)
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidParameterError: Z must be an integer between 1 and 118, got <integer of about 401 digits>
    """
    np = _numpy()
    n: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        n = value
    elif np is not None and isinstance(value, np.integer):
        n = int(value)
    elif isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d{1,1000}\s*", value):
        n = int(value)
    if n is None or not lo <= n <= hi:
        raise error(f"{name} must be an integer between {lo} and {hi}, got {_show(value)}")
    return n



# --------------------------------------------------------------------------- mixing angles
def parse_mixing_angle(value: Any, name: str, *, as_sin2: bool = False) -> mpmath.mpf:
    """A mixing angle theta in [0, 90] degrees, or (``as_sin2=True``) sin^2 theta in [0, 1], as an mpf.

    Degrees: numbers or decimal strings, optionally ending in ``deg`` or ``°``.
    sin^2 theta: a plain number or decimal string. The angle of a rotation
    R_ij of the standard parametrisation of a unitary matrix lies in the first
    quadrant (its phase is carried by a separate delta_ij); returns the value
    as given (degrees or sin^2), not converted.

    >>> parse_mixing_angle("8.5deg", "theta13"), parse_mixing_angle("0.02", "sin2_theta14", as_sin2=True)
    (mpf('8.5'), mpf('0.02'))
    >>> parse_mixing_angle(1.5, "sin2_theta14", as_sin2=True)
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidParameterError: sin2_theta14 must be a number between 0 and 1 (sin^2 of a mixing angle), got 1.5
    """
    if as_sin2:
        if isinstance(value, str):
            m = _DECIMAL_RE.fullmatch(value)
            x = _decimal_mpf(m.group(1)) if m else None
        else:
            x = _number(value)
        if x is None or not mpmath.isfinite(x) or x < 0 or x > 1:
            raise InvalidParameterError(
                f"{name} must be a number between 0 and 1 (sin^2 of a mixing angle), got {_show(value)}")
        return x
    try:
        x = parse_angle_deg(value, name)
    except InvalidParameterError:
        x = None
    if x is None or x < 0 or x > 90:
        raise InvalidParameterError(
            f"{name} must be a mixing angle between 0 and 90 degrees (a number or a string such as "
            f"'8.5deg'), got {_show(value)}")
    return x


# --------------------------------------------------------------------------- widths
def _named_width(value: Any, named: dict[str, float], low: float, high: float,
                 unit: str | None = None) -> float | None:
    """A width given by name (a key of ``named``, case and spaces ignored) or as a finite number
    in [low, high]; with ``unit``, also a numeric string with an optional unit suffix
    (``"300"``, ``"300pt"``). None when it is neither (the caller says what is allowed)."""
    x: Any = None
    if isinstance(value, str):
        key = value.strip().lower()
        if key in named:
            return named[key]
        if unit is None:
            return None
        try:
            x = mpmath.mpf(float(key.removesuffix(unit).strip()))
        except ValueError:
            return None
    elif not isinstance(value, bool):
        x = _number(value)
    if x is not None and mpmath.isfinite(x) and low <= x <= high:
        return float(x)
    return None


# --------------------------------------------------------------------------- figure width
#: journal column widths in inches (one column, two columns): APS/Elsevier-like 3.4 in, 7.0 in
FIGURE_WIDTHS_IN = {"single": 3.4, "double": 7.0}


def check_figure_width(value: Any) -> float:
    """A figure width in inches: ``"single"`` (3.4 in), ``"double"`` (7.0 in) or a number 1..20.

    >>> check_figure_width("single"), check_figure_width(" Double "), check_figure_width(5)
    (3.4, 7.0, 5.0)
    >>> check_figure_width("wide")
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidOptionError: figure width must be 'single' (3.4 in), 'double' (7.0 in) or a number of inches between 1 and 20, got 'wide'
    """  # noqa: E501
    width = _named_width(value, FIGURE_WIDTHS_IN, 1, 20)
    if width is not None:
        return width
    raise InvalidOptionError(
        "figure width must be 'single' (3.4 in), 'double' (7.0 in) or a number of inches between "
        f"1 and 20, got {_show(value)}")


__all__ += ["FIGURE_WIDTHS_IN", "check_figure_width"]


# --------------------------------------------------------------------------- LaTeX width
#: LaTeX layout widths in TeX points: one column (3.4 in) and the full page (7.0 in) of a
#: two-column journal (revtex4-2's \columnwidth = 246 pt, \textwidth = 510 pt)
LATEX_WIDTHS_PT = {"single": 246.0, "double": 510.0}


def check_latex_width(value: Any) -> float:
    """A LaTeX layout width in TeX points: ``"single"`` (246 pt), ``"double"`` (510 pt) or 100..2000 pt.

    A number, or a string with an optional ``pt`` unit (``"300"``, ``"300pt"``).

    >>> check_latex_width("single"), check_latex_width(" Double "), check_latex_width("320pt")
    (246.0, 510.0, 320.0)
    >>> check_latex_width("wide")
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidOptionError: LaTeX width must be 'single' (246 pt), 'double' (510 pt) or a number of points between 100 and 2000 (e.g. 300 or '300pt'), got 'wide'
    """  # noqa: E501
    width = _named_width(value, LATEX_WIDTHS_PT, 100, 2000, unit="pt")
    if width is not None:
        return width
    raise InvalidOptionError(
        "LaTeX width must be 'single' (246 pt), 'double' (510 pt) or a number of points between "
        f"100 and 2000 (e.g. 300 or '300pt'), got {_show(value)}")


__all__ += ["LATEX_WIDTHS_PT", "check_latex_width"]


# --------------------------------------------------------------------------- neutrino currents
#: keys of the neutrino current: vector/axial (nubar gamma^mu (c_V - c_A gamma5) nu) and
#: scalar/pseudoscalar (nubar (c_S + i c_P gamma5) nu); the Standard Model is V = A = 1
CURRENT_KEYS: tuple[str, ...] = ("V", "A", "S", "P")
#: constituents of the scalar charge per atom Z (g_e + g_p) + N g_n
SCALAR_COUPLING_KEYS: tuple[str, ...] = ("e", "p", "n")
_COEFF_MAX = Fraction(10) ** 100


def _exact_real(value: Any, what: str) -> Fraction:
    """A finite real number as an exact Fraction (a float is the decimal it prints as)."""
    bad = InvalidParameterError(f"{what} must be a finite real number (|x| <= 1e100), got {_show(value)}")
    if _is_bool(value):
        raise bad
    if hasattr(value, "item") and not isinstance(value, (str, bytes)) and getattr(value, "ndim", 0) == 0:
        try:
            value = value.item()
        except (TypeError, ValueError):
            raise bad from None
    try:
        if isinstance(value, Fraction):
            out = value
        elif isinstance(value, int) and not isinstance(value, bool):
            out = Fraction(value)
        elif isinstance(value, float):
            out = Fraction(Decimal(repr(value)))
        elif isinstance(value, str):
            out = Fraction(Decimal(value.strip().replace("_", "")))
        elif isinstance(value, Decimal):
            out = Fraction(value)
        elif isinstance(value, mpmath.mpf):
            if not mpmath.isfinite(value):
                raise bad
            man, exp = value.man_exp
            out = Fraction(int(man)) * (Fraction(2) ** int(exp)) if man else Fraction(0)
        else:
            raise bad
    except (ArithmeticError, ValueError, TypeError):
        raise bad from None
    if abs(out) > _COEFF_MAX:
        raise bad
    return out


def check_current(value: Any) -> tuple[tuple[str, Fraction], ...] | None:
    """The neutrino current in canonical form: None (Standard Model V-A) or ((key, exact value), ...).

    Accepted: None; a mapping with keys V, A (the current nubar_j gamma^mu
    (c_V - c_A gamma5) nu_i) or S, P (nubar_j (c_S + i c_P gamma5) nu_i), real
    numbers, a missing key meaning 0; a string ``"V=1,A=0"``, ``"S=1"``,
    ``"V-A"`` (= V=1,A=1), ``"V+A"`` (= V=1,A=-1), or one key (``"V"``: V=1).
    The canonical form lists both keys of the structure, ("V", "A") or ("S", "P"),
    as exact fractions; c_V = c_A = 1 is the Standard Model and returns None.
    Vector/axial and scalar/pseudoscalar cannot be mixed in one current.

    >>> check_current("V=1, A=0")
    (('V', Fraction(1, 1)), ('A', Fraction(0, 1)))
    >>> check_current({"S": 0.5})
    (('S', Fraction(1, 2)), ('P', Fraction(0, 1)))
    >>> check_current("V-A"), check_current({"V": 1, "A": 1})
    (None, None)
    >>> check_current("V=1,S=1")
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidOptionError: a current is either vector/axial (keys V, A) or scalar/pseudoscalar (keys S, P), not both (their interference vanishes for static sources: add the two potentials); got V, S
    """  # noqa: E501
    if value is None:
        return None
    items: list[tuple[Any, Any]]
    if isinstance(value, str):
        text = value.strip().upper().replace(" ", "")
        if text in ("V-A", "SM"):
            return None
        if text == "V+A":
            items = [("V", 1), ("A", -1)]
        elif text in CURRENT_KEYS:
            items = [(text, 1)]
        else:
            items = []
            for part in filter(None, text.split(",")):
                key, sep, num = part.partition("=")
                if not sep:
                    raise InvalidOptionError(
                        f"cannot read the current {_show(value)}: give 'V=c_V,A=c_A', 'S=c_S,P=c_P', "
                        "'V-A' or 'V+A'")
                items.append((key, num))
    elif hasattr(value, "items"):
        items = list(value.items())
    elif isinstance(value, (tuple, list)) and all(isinstance(p, (tuple, list)) and len(p) == 2 for p in value):
        items = [tuple(p) for p in value]
    else:
        raise InvalidOptionError(
            f"the current must be a mapping such as {{'V': 1, 'A': 0}} or {{'S': 1}}, or a string such as "
            f"'V=1,A=0', 'S=1', 'V-A'; got {_show(value)}")
    coeffs: dict[str, Fraction] = {}
    for key, num in items:
        k = str(key).strip().upper()
        if k not in CURRENT_KEYS:
            raise InvalidOptionError(
                f"unknown current coefficient {_show(key)}; allowed: V, A (vector/axial) or S, P "
                "(scalar/pseudoscalar)")
        if k in coeffs:
            raise InvalidOptionError(f"current coefficient {k} given twice")
        coeffs[k] = _exact_real(num, f"current coefficient c_{k}")
    if not coeffs:
        raise InvalidOptionError("the current is empty: give at least one of V, A or S, P")
    vector = [k for k in coeffs if k in ("V", "A")]
    scalar = [k for k in coeffs if k in ("S", "P")]
    if vector and scalar:
        raise InvalidOptionError(
            "a current is either vector/axial (keys V, A) or scalar/pseudoscalar (keys S, P), not both "
            "(their interference vanishes for static sources: add the two potentials); got "
            + ", ".join(coeffs))
    keys = ("V", "A") if vector else ("S", "P")
    canonical = tuple((k, coeffs.get(k, Fraction(0))) for k in keys)
    if all(v == 0 for _, v in canonical):
        raise InvalidParameterError(
            f"every coefficient of the current is 0 ({', '.join(keys)}): the neutrinos would not couple")
    if canonical == (("V", Fraction(1)), ("A", Fraction(1))):
        return None
    return canonical


def check_scalar_couplings(value: Any) -> tuple[tuple[str, Fraction], ...] | None:
    """Scalar couplings of the source's constituents: None or (("e", g_e), ("p", g_p), ("n", g_n)).

    A mapping (or ``"e=1,p=1,n=1"``) with keys e, p, n (a missing key is 0), real
    numbers in units of the weak coupling G_F/(2 sqrt 2) of Eq. (3) (a neutron's
    weak charge is -1 in these units). The scalar charge per atom is
    Z (g_e + g_p) + N g_n.

    >>> check_scalar_couplings({"n": 1})
    (('e', Fraction(0, 1)), ('p', Fraction(0, 1)), ('n', Fraction(1, 1)))
    >>> check_scalar_couplings("e=1,q=2")
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidOptionError: unknown scalar coupling 'q'; allowed: e, p, n
    """
    if value is None:
        return None
    if isinstance(value, str):
        items = []
        for part in filter(None, value.replace(" ", "").split(",")):
            key, sep, num = part.partition("=")
            if not sep:
                raise InvalidOptionError(
                    f"cannot read the scalar couplings {_show(value)}: give 'e=..,p=..,n=..'")
            items.append((key, num))
    elif hasattr(value, "items"):
        items = list(value.items())
    elif isinstance(value, (tuple, list)) and all(isinstance(p, (tuple, list)) and len(p) == 2 for p in value):
        items = [tuple(p) for p in value]
    else:
        raise InvalidOptionError(
            f"scalar_couplings must be a mapping such as {{'e': 1, 'p': 1, 'n': 1}}; got {_show(value)}")
    out: dict[str, Fraction] = {}
    for key, num in items:
        k = str(key).strip().lower()
        if k not in SCALAR_COUPLING_KEYS:
            raise InvalidOptionError(f"unknown scalar coupling {_show(key)}; allowed: e, p, n")
        if k in out:
            raise InvalidOptionError(f"scalar coupling {k} given twice")
        out[k] = _exact_real(num, f"scalar coupling g_{k}")
    canonical = tuple((k, out.get(k, Fraction(0))) for k in SCALAR_COUPLING_KEYS)
    if all(v == 0 for _, v in canonical):
        raise InvalidParameterError(
            "every scalar coupling (e, p, n) is 0: the sources would carry no scalar charge")
    return canonical


__all__ += ["CURRENT_KEYS", "SCALAR_COUPLING_KEYS", "check_current", "check_scalar_couplings"]
