"""nusym.inputs: the one validator of user input (good values and a bad-input battery)."""

from __future__ import annotations

import ast
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import mpmath
import numpy as np
import pytest

from nusym import inputs
from nusym.errors import (
    InvalidLengthError,
    InvalidMassError,
    InvalidOptionError,
    InvalidParameterError,
    InvalidSourceError,
    NusymError,
    UnknownOrderingError,
)
from nusym.inputs import (
    check_choice,
    check_dps,
    check_flag,
    check_method,
    check_nature,
    check_ordering,
    lengths_double,
    parse_angle_deg,
    parse_density,
    parse_int,
    parse_length_value,
    parse_lengths,
    parse_mass,
)

REPO = Path(__file__).resolve().parent.parent


# --------------------------------------------------------------------------- fake quantities
class FakeConversionError(ValueError):
    """Like astropy.units.UnitConversionError."""


class FakeDimensionalityError(TypeError):
    """Like pint.DimensionalityError."""


#: unit name -> (dimension, size in the base unit of that dimension)
_UNITS = {
    "m": ("L", 1.0), "cm": ("L", 1e-2), "mm": ("L", 1e-3), "um": ("L", 1e-6),
    "km": ("L", 1e3), "s": ("T", 1.0), "": ("1", 1.0), "dimensionless": ("1", 1.0),
    "eV": ("E", 1.0), "meV": ("E", 1e-3), "kg/m3": ("D", 1.0),
}


def _factor(src: str, dst: str, error: type) -> float:
    (d1, s1), (d2, s2) = _UNITS[src], _UNITS[dst]
    if d1 != d2:
        raise error(f"'{src}' and '{dst}' are not convertible")
    return s1 / s2


class FakeAstropyUnit:
    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        return self.name

    def to(self, other: str) -> float:  # astropy: UnitBase.to(other) -> float factor
        return _factor(self.name, str(other), FakeConversionError)

    def __rmul__(self, value):
        return FakeAstropyQuantity(value, self.name)


class FakeAstropyQuantity:
    """The duck type of astropy.units.Quantity: .value, .unit, .to(unit)."""

    def __init__(self, value, unit: str) -> None:
        self.value = np.asarray(value, dtype=float) if isinstance(value, list) else value
        self.unit = FakeAstropyUnit(unit)

    def to(self, unit: str) -> FakeAstropyQuantity:
        return FakeAstropyQuantity(self.value * self.unit.to(unit), unit)

    def __array__(self, dtype=None, copy=None):  # the trap: the bare value, unit dropped
        return np.asarray(self.value, dtype=dtype)

    def __float__(self) -> float:
        return float(self.value)

    def __repr__(self) -> str:
        return f"<Quantity {self.value} {self.unit}>"


class FakePintUnit:
    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        return self.name


class FakePintQuantity:
    """The duck type of pint.Quantity: .magnitude, .units, .to("m")."""

    def __init__(self, magnitude, units) -> None:
        self.magnitude = np.asarray(magnitude, dtype=float) if isinstance(magnitude, list) \
            else magnitude
        self.units = units if isinstance(units, FakePintUnit) else FakePintUnit(units)

    def to(self, unit: str) -> FakePintQuantity:
        return FakePintQuantity(
            self.magnitude * _factor(self.units.name, str(unit), FakeDimensionalityError), unit)

    def __array__(self, dtype=None, copy=None):
        return np.asarray(self.magnitude, dtype=dtype)

    def __repr__(self) -> str:
        return f"<Quantity({self.magnitude}, '{self.units}')>"


# --------------------------------------------------------------------------- helpers
def _expect(exc_type, func, *args, contains=(), **kwargs):
    """Call, expect ``exc_type`` (a NusymError), one-line message naming ``contains``."""
    dps = mpmath.mp.dps
    with pytest.raises(exc_type) as info:
        func(*args, **kwargs)
    assert mpmath.mp.dps == dps
    assert isinstance(info.value, NusymError) and isinstance(info.value, ValueError)
    msg = str(info.value)
    assert msg and "\n" not in msg and len(msg) < 600, msg
    for word in contains:
        assert word in msg, (word, msg)
    return msg


def _same(a, b) -> bool:
    return a == b and type(a) is type(b)


# --------------------------------------------------------------------------- dps
@pytest.mark.parametrize("value, expected", [
    (5, 5), (30, 30), (1000, 1000), (np.int64(50), 50), (np.int32(7), 7), (np.uint16(40), 40),
])
def test_check_dps_good(value, expected):
    assert _same(check_dps(value), expected)
    assert _same(check_dps(value, allow_none=True), expected)


def test_check_dps_none():
    assert check_dps(None, allow_none=True) is None
    _expect(InvalidOptionError, check_dps, None, contains=("5", "1000"))


@pytest.mark.parametrize("value", [
    4, 0, -30, 1001, 10**400, True, False, 30.0, "30", np.float64(30), np.bool_(True), [30],
    mpmath.mpf(30), 1e400,
])
def test_check_dps_bad(value):
    _expect(InvalidOptionError, check_dps, value, contains=("between 5 and 1000",))
    _expect(InvalidOptionError, check_dps, value, allow_none=True, contains=("None",))


# --------------------------------------------------------------------------- nature, ordering
@pytest.mark.parametrize("value, expected", [
    ("dirac", "dirac"), ("Dirac", "dirac"), (" MAJORANA ", "majorana"), ("D", "dirac"),
    ("m", "majorana"), (np.str_("dirac"), "dirac"),
])
def test_check_nature_good(value, expected):
    assert check_nature(value) == expected


@pytest.mark.parametrize("value", ["weyl", "", "x", None, 1, True, "dirac majorana", b"dirac"])
def test_check_nature_bad(value):
    msg = _expect(InvalidOptionError, check_nature, value)
    assert msg == f"unknown neutrino nature {value!r}; allowed: 'dirac' or 'majorana'"


@pytest.mark.parametrize("value, expected", [
    ("normal", "normal"), ("NO", "normal"), ("nh", "normal"), (" Normal ", "normal"),
    ("inverted", "inverted"), ("IO", "inverted"), ("ih", "inverted"),
])
def test_check_ordering_good(value, expected):
    assert check_ordering(value) == expected


@pytest.mark.parametrize("value", ["up", "", "N", "I", None, 1, True, ["NO"]])
def test_check_ordering_bad(value):
    msg = _expect(UnknownOrderingError, check_ordering, value)
    assert msg == (f"unknown mass ordering {value!r}; use normal (NO, NH) or inverted (IO, IH), "
                   "case-insensitive")


def test_same_behaviour_as_the_old_validators():
    """check_nature/check_ordering copy normalise_nature/normalise_ordering (while those exist)."""
    presets = pytest.importorskip("nusym.presets")
    absorptive = pytest.importorskip("nusym.symbolic.absorptive")
    pairs = [(check_ordering, getattr(presets, "normalise_ordering", None)),
             (check_nature, getattr(absorptive, "normalise_nature", None))]
    for new, old in pairs:
        if old is None or old is new:
            continue
        for value in ("NO", "ih", " Dirac", "M", "up", "", None, 3):
            try:
                expected = ("ok", old(value))
            except NusymError as exc:
                expected = ("error", type(exc), str(exc))
            try:
                got = ("ok", new(value))
            except NusymError as exc:
                got = ("error", type(exc), str(exc))
            assert got == expected, (new.__name__, value)


# --------------------------------------------------------------------------- method, flags, choices
@pytest.mark.parametrize("method, order, expected", [
    ("integral", None, ("integral", None)), ("Adaptive", None, ("adaptive", None)),
    (" closed ", None, ("closed", None)), ("massless", None, ("massless", None)),
    ("asymptotic", 0, ("asymptotic", 0)), ("asymptotic", 40, ("asymptotic", 40)),
    ("asymptotic", np.int64(3), ("asymptotic", 3)),
])
def test_check_method_good(method, order, expected):
    got = check_method(method, order)
    assert got == expected and (got[1] is None or type(got[1]) is int)


@pytest.mark.parametrize("method, order, words", [
    ("fast", None, ("integral", "adaptive", "closed", "asymptotic", "massless")),
    (None, None, ("allowed",)), (1, None, ("allowed",)), (np.array(["integral"]), None, ("allowed",)),
    ("asymptotic", None, ("order", "40")), ("asymptotic", 41, ("40",)),
    ("asymptotic", 10**400, ("40",)), ("asymptotic", -1, ("non-negative",)),
    ("asymptotic", 2.0, ("integer",)), ("asymptotic", True, ("integer",)),
    ("asymptotic", "3", ("integer",)), ("integral", 3, ("only used with method 'asymptotic'",)),
    ("closed", 0, ("only used",)),
])
def test_check_method_bad(method, order, words):
    _expect(InvalidOptionError, check_method, method, order, contains=words)


@pytest.mark.parametrize("value, expected", [(True, True), (False, False),
                                             (np.bool_(True), True), (np.bool_(False), False)])
def test_check_flag_good(value, expected):
    assert check_flag(value, "log") is expected


@pytest.mark.parametrize("value", ["yes", "True", 1, 0, None, 1.0, [], np.array([True])])
def test_check_flag_bad(value):
    _expect(InvalidOptionError, check_flag, value, "log", contains=("log", "True or False"))


def test_check_choice():
    assert check_choice("Potential", "definition", ("potential", "force")) == "potential"
    assert check_choice(" force ", "definition", ("potential", "force")) == "force"
    for bad in ("energy", "", None, 1, ["force"]):
        _expect(InvalidOptionError, check_choice, bad, "definition", ("potential", "force"),
                contains=("definition", "potential, force"))


# --------------------------------------------------------------------------- masses
@pytest.mark.parametrize("value, expected", [
    (0, "0"), ("0", "0"), ("-0", "0"), (0.1, "0.1"), ("0.1", "0.1"), (" 0.1 ", "0.1"),
    ("0.1eV", "0.1"), ("0.1 eV", "0.1"), ("100 meV", "0.1"), ("100meV", "0.1"),
    ("1 keV", "1000"), ("1MeV", "1e6"), ("1e-3 eV", "0.001"), (".5", "0.5"), (1e6, "1e6"),
    (mpmath.mpf("0.25"), "0.25"), (np.float64(0.05), "0.05"), (np.float32(0.1), "0.1"),
    (np.int64(1), "1"), (np.array(0.2), "0.2"), (Decimal("0.1"), "0.1"),
    (FakeAstropyQuantity(100, "meV"), "0.1"), (FakePintQuantity(0.1, "eV"), "0.1"),
])
def test_parse_mass_good(value, expected):
    with mpmath.workdps(40):
        x = parse_mass(value)
        assert isinstance(x, mpmath.mpf) and x == mpmath.mpf(expected), x
    assert mpmath.mp.dps == 15


def test_parse_mass_fraction():
    with mpmath.workdps(40):
        assert parse_mass(Fraction(1, 10)) == mpmath.mpf(1) / 10


@pytest.mark.parametrize("value", [
    1e400, float("inf"), float("-inf"), float("nan"), "nan", "inf", "-inf", -1, -1e-30, "-0.1",
    True, False, np.bool_(False), None, "", "abc", "0.1 GeV", "0.1 ev", "0.1 mev", "1_0", "1/2",
    "0x10", "1e", "0.1 eV eV", 2e6, "2 MeV", "1e7", 10**400, [0.1], (0.1,), {"m": 0.1},
    complex(0.1, 0), np.array([0.1, 0.2]), mpmath.mpf("nan"), mpmath.mpc(1, 1),
    "1e999999999999999999999 eV", FakeAstropyQuantity(1, "m"), FakePintQuantity(1, "s"),
    FakeAstropyQuantity(1, ""), Decimal("NaN"), np.float64("nan"),
])
def test_parse_mass_bad(value):
    msg = _expect(InvalidMassError, parse_mass, value,
                  contains=("lightest neutrino mass", "finite", ">= 0", "eV", "meV", "MeV"))
    assert "got" in msg


def test_parse_mass_what_and_unit_hint():
    msg = _expect(InvalidMassError, parse_mass, "3 GeV", what="m1")
    assert msg.startswith("m1 must be") and "unknown unit 'GeV'" in msg
    msg = _expect(InvalidMassError, parse_mass, FakeAstropyQuantity(1, "m"))
    assert "not an energy" in msg


# --------------------------------------------------------------------------- angles
@pytest.mark.parametrize("value, expected", [
    (0, "0"), (90, "90"), ("90", "90"), ("90deg", "90"), ("-45.5 deg", "-45.5"), ("30°", "30"),
    (np.float64(12.5), "12.5"), (mpmath.mpf(180), "180"), (0.1, "0.1"), (-1e6, "-1e6"),
])
def test_parse_angle_good(value, expected):
    with mpmath.workdps(30):
        assert parse_angle_deg(value, "alpha21") == mpmath.mpf(expected)


@pytest.mark.parametrize("value", [
    float("nan"), float("inf"), "nan", "abc", "", True, None, 1e7, "1e99999", 10**400,
    "90 rad", [90], complex(1, 1),
])
def test_parse_angle_bad(value):
    _expect(InvalidParameterError, parse_angle_deg, value, "alpha31",
            contains=("alpha31", "finite", "degrees"))


# --------------------------------------------------------------------------- lengths
GOOD_LENGTHS = [
    (1e-6, "1e-6"), (2.5e-6, "2.5e-6"), (3, "3"), (1e-20, "1e-20"), (1e20, "1e20"),
    ("2.5um", "2.5e-6"), ("2.5 µm", "2.5e-6"), ("1 cm", "0.01"), (" 1e-6 m ", "1e-6"),
    ("1e-20 m", "1e-20"), (b"1um", "1e-6"), (np.str_("3 mm"), "0.003"),
    (mpmath.mpf("0.5"), "0.5"), (np.float64(1e-6), "1e-6"), (np.float32(1e-6), "1e-6"),
    (np.int64(2), "2"), (np.array(2e-6), "2e-6"), (Decimal("1e-6"), "1e-6"),
    (FakeAstropyQuantity(2.5, "um"), "2.5e-6"), (FakeAstropyQuantity(1, "km"), "1000"),
    (FakePintQuantity(2.5, "um"), "2.5e-6"), (FakePintQuantity(3, "mm"), "0.003"),
]


@pytest.mark.parametrize("value, metres", GOOD_LENGTHS)
def test_parse_length_value_good(value, metres):
    with mpmath.workdps(50):
        x = parse_length_value(value)
        assert isinstance(x, mpmath.mpf)
        assert x == mpmath.mpf(metres), (value, x)   # exact at 50 digits: decimal semantics
    assert mpmath.mp.dps == 15


def test_parse_length_value_natural_units_and_fraction():
    with mpmath.workdps(30):
        from nusym.constants import constant

        x = parse_length_value("1e7 eV^-1")
        assert abs(x / (10**7 * constant("hbar_c")) - 1) < mpmath.mpf("1e-28")
        assert parse_length_value(Fraction(1, 10**6)) == mpmath.mpf(1) / 10**6


BAD_LENGTHS = [
    0, -1, -1e-6, 0.0, -0.0, float("nan"), float("inf"), float("-inf"), 1e-21, 1e21, 1e30,
    10**400, -(10**400), "1e21 m", "1e-30 m", "0 um", "-1 m", "nan m", "inf m", "5", "1 km",
    "abc", "", "um", True, False, np.bool_(True), None, complex(1e-6, 0), mpmath.mpf("nan"),
    mpmath.mpf("-inf"), mpmath.mpc(1, 1), object(), b"\xff\xfe", np.float64("nan"),
    np.array(-1.0), np.array([1e-6]), [1e-6], (1e-6,), {1e-6}, Decimal("NaN"),
    FakeAstropyQuantity(1, ""), FakeAstropyQuantity(1, "dimensionless"),
    FakePintQuantity(1, "dimensionless"), FakeAstropyQuantity(1, "s"), FakePintQuantity(1, "eV"),
    FakeAstropyQuantity([1.0, 2.0], "um"), FakeAstropyQuantity(-1, "um"),
    FakePintQuantity(float("nan"), "m"), FakeAstropyQuantity(1e30, "km"),
]


@pytest.mark.parametrize("value", BAD_LENGTHS)
def test_parse_length_value_bad(value):
    _expect(InvalidLengthError, parse_length_value, value, contains=("length",))


@pytest.mark.parametrize("value", [1e-21, 1e21, 10**400, "1e-30 m", "1e30 m",
                                   FakeAstropyQuantity(1e30, "km")])
def test_length_range_message(value):
    _expect(InvalidLengthError, parse_length_value, value, what="gap",
            contains=("gap", "1e-20 m", "1e+20 m", "range"))


@pytest.mark.parametrize("value", [FakeAstropyQuantity(3, ""), FakePintQuantity(3, "dimensionless"),
                                   FakeAstropyQuantity(3, "s")])
def test_quantity_not_a_length(value):
    msg = _expect(InvalidLengthError, parse_length_value, value, contains=("not a length",))
    assert "dimensionless" in msg or "in s," in msg


@pytest.mark.parametrize("r, metres, scalar", [
    ("1um", ["1e-6"], True), (1e-6, ["1e-6"], True), (np.float64(1e-6), ["1e-6"], True),
    (np.array(1e-6), ["1e-6"], True), (FakeAstropyQuantity(1, "um"), ["1e-6"], True),
    (mpmath.mpf(2), ["2"], True),
    ([1e-6, "2um"], ["1e-6", "2e-6"], False), ((1e-6,), ["1e-6"], False),
    (np.array([1e-6, 2e-6]), ["1e-6", "2e-6"], False), (range(1, 3), ["1", "2"], False),
    (FakeAstropyQuantity([1.0, 2.0], "um"), ["1e-6", "2e-6"], False),
    (FakePintQuantity([1.5, 2.0], "mm"), ["0.0015", "0.002"], False),
    ([FakeAstropyQuantity(1, "um"), FakePintQuantity(1, "mm")], ["1e-6", "0.001"], False),
    (np.array(["1um", "2 um"]), ["1e-6", "2e-6"], False),
])
def test_parse_lengths_good(r, metres, scalar):
    with mpmath.workdps(40):
        values, is_scalar = parse_lengths(r)
        assert is_scalar is scalar
        assert values == [mpmath.mpf(m) for m in metres]


@pytest.mark.parametrize("r", [
    [], (), np.array([]), [1e-6, -1], [1e-6, "5"], np.ones((2, 2)), [[1e-6]], {1e-6},
    FakeAstropyQuantity(np.array([]), "um"), FakeAstropyQuantity([1.0, 2.0], "s"),
    FakeAstropyQuantity(np.ones((2, 2)), "m"), [True], None, (x for x in [1e-6]),
])
def test_parse_lengths_bad(r):
    _expect(InvalidLengthError, parse_lengths, r)


def test_parse_lengths_what():
    _expect(InvalidLengthError, parse_lengths, [], what="lambda", contains=("lambda", "empty"))


@pytest.mark.parametrize("r, expected, scalar", [
    (1e-6, 1e-6, True), ("1um", 1e-6, True), (np.float32(1e-6), 1e-6, True),
    (np.array(2e-6), 2e-6, True), (FakeAstropyQuantity(1, "um"), 1e-6, True),
    (FakePintQuantity(2.5, "um"), 2.5e-6, True), (mpmath.mpf("3e-6"), 3e-6, True),
    ([1e-6, 2e-6], [1e-6, 2e-6], False), ([1, 2], [1.0, 2.0], False),
    ([1e-6, "2um", FakeAstropyQuantity(3, "um")], [1e-6, 2e-6, 3e-6], False),
    (np.array([1e-6, 2e-6]), [1e-6, 2e-6], False), (np.array([1, 2]), [1.0, 2.0], False),
    (np.array([[1e-6, 2e-6], [3e-6, 4e-6]]), [[1e-6, 2e-6], [3e-6, 4e-6]], False),
    ([[1e-6, 2e-6], [3e-6, 4e-6]], [[1e-6, 2e-6], [3e-6, 4e-6]], False),
    (FakeAstropyQuantity([1.0, 2.0], "mm"), [1e-3, 2e-3], False),
    (FakePintQuantity([1.0, 2.0], "um"), [1e-6, 2e-6], False),
    (np.array(["1um", "1 cm"]), [1e-6, 0.01], False),
    (np.array([1e-6, 2e-6], dtype=object), [1e-6, 2e-6], False),
])
def test_lengths_double_good(r, expected, scalar):
    arr, is_scalar = lengths_double(r)
    assert isinstance(arr, np.ndarray) and arr.dtype == np.float64
    assert is_scalar is scalar and arr.ndim == (0 if scalar else np.ndim(expected))
    np.testing.assert_allclose(arr, expected, rtol=1e-15)


def test_lengths_double_quantity_is_not_read_in_its_own_unit():
    """The bug behind this module: 1 um as an astropy Quantity was read as 1 m."""
    arr, scalar = lengths_double(FakeAstropyQuantity(1, "um"))
    assert scalar and float(arr) == 1e-6
    arr, _ = lengths_double(FakeAstropyQuantity([1.0, 5.0], "um"))
    assert arr.tolist() == [1e-6, 5e-6]
    arr, _ = lengths_double([FakeAstropyQuantity(1, "um"), FakeAstropyQuantity(1, "mm")])
    assert arr.tolist() == [1e-6, 1e-3]


@pytest.mark.parametrize("r, shown", [
    (np.array([1e-6, np.nan]), "nan"), (np.array([1e-6, 0.0]), "0.0"),
    (np.array([1e-6, -2.0, -3.0]), "-2.0"), (np.array([1e-6, 1e30]), "1e+30"),
    (np.array([1e-6, np.inf]), "inf"), (np.array([1e-30]), "1e-30"), ([1e-6, float("nan")], "nan"),
    (np.array([[1e-6, 1e-6], [1e-6, -1.0]]), "-1.0"), (np.array([1, 0]), "0.0"),
])
def test_lengths_double_names_first_bad_value(r, shown):
    msg = _expect(InvalidLengthError, lengths_double, r, contains=("1e-20 m", "1e+20 m"))
    assert f"for r: {shown} " in msg


@pytest.mark.parametrize("r", [
    [], (), np.array([]), np.array([True]), [True], True, np.bool_(False), np.array([1 + 1j]),
    [[1e-6, 2e-6], [3e-6]], FakeAstropyQuantity(1, ""), FakePintQuantity([1.0], "dimensionless"),
    FakeAstropyQuantity([1.0, 2.0], "s"), "5", np.array(["1e-6"]), [10**400], [1e-6, None],
    None, object(), np.array(["2020-01-01"], dtype="datetime64[D]"), "1e30 m", [1e-6, "abc"],
])
def test_lengths_double_bad(r):
    _expect(InvalidLengthError, lengths_double, r)


def test_lengths_double_does_not_change_precision():
    with mpmath.workdps(5):
        arr, _ = lengths_double(["1.000000000001 m"])
        assert arr[0] == 1.000000000001
        assert mpmath.mp.dps == 5


# --------------------------------------------------------------------------- densities, counts
@pytest.mark.parametrize("value, expected", [
    (19300, 19300.0), (19300.5, 19300.5), ("19300", 19300.0), ("19.3g/cm3", 19300.0),
    ("19.3 g/cm^3", 19300.0), ("19.3 g / cm^3", 19300.0), ("19300kg/m3", 19300.0),
    ("19300 kg/m^3", 19300.0), (np.float64(2200), 2200.0), ("1e6 kg/m3", 1e6),
    (mpmath.mpf("2.5"), 2.5), ("0.0001", 1e-4),
])
def test_parse_density_good(value, expected):
    x = parse_density(value)
    assert type(x) is float and x == expected


@pytest.mark.parametrize("value", [
    0, -1, 1e300, "1e300", "1e7 kg/m3", float("nan"), float("inf"), "nan", True, None, "",
    "19.3 g/cc", "abc", "1e-400", "19.3 g/cm^3 g", 1e6 + 1, [19300], 10**400,
    "1e999999999999 g/cm3",
])
def test_parse_density_bad(value):
    _expect(InvalidParameterError, parse_density, value,
            contains=("density", "kg/m^3", "g/cm^3", "positive", "finite"))


@pytest.mark.parametrize("value, expected", [
    (26, 26), ("26", 26), (" 30 ", 30), (np.int64(7), 7), (0, 0), (118, 118), ("+5", 5),
])
def test_parse_int_good(value, expected):
    assert _same(parse_int(value, "Z", 0, 118), expected)


@pytest.mark.parametrize("value", [
    -1, 119, 10**400, -(10**400), "9" * 400, "9" * 5000, 26.0, "26.0", "2e1", True, None, "",
    "abc", np.float64(26), [26], np.bool_(True),
])
def test_parse_int_bad(value):
    msg = _expect(InvalidParameterError, parse_int, value, "Z", 0, 118,
                  contains=("Z", "integer", "0", "118"))
    assert len(msg) < 300


def test_parse_int_error_class():
    _expect(InvalidSourceError, parse_int, 999, "N", 0, 300, error=InvalidSourceError)


# --------------------------------------------------------------------------- real pint, if installed
def test_real_pint():
    pint = pytest.importorskip("pint")
    ureg = pint.UnitRegistry()
    with mpmath.workdps(40):
        assert parse_length_value(2.5 * ureg.um) == mpmath.mpf("2.5e-6")
        assert parse_length_value(1 * ureg.inch) == mpmath.mpf("0.0254")
        assert parse_lengths(np.array([1.0, 2.0]) * ureg.mm) == (
            [mpmath.mpf("0.001"), mpmath.mpf("0.002")], False)
        assert parse_mass(100 * ureg.meV) == mpmath.mpf("0.1")
    arr, scalar = lengths_double(1 * ureg.um)
    assert scalar and float(arr) == pytest.approx(1e-6, rel=1e-15)
    arr, scalar = lengths_double(np.array([1.0, 2.0]) * ureg.mm)
    assert not scalar and arr.tolist() == pytest.approx([1e-3, 2e-3], rel=1e-15)
    for bad in (3 * ureg.dimensionless, 3 * ureg.second, ureg.Quantity(1.0, "")):
        _expect(InvalidLengthError, parse_length_value, bad, contains=("not a length",))
        _expect(InvalidLengthError, lengths_double, bad, contains=("not a length",))
    _expect(InvalidMassError, parse_mass, 1 * ureg.m)


def test_real_astropy():
    u = pytest.importorskip("astropy.units")
    with mpmath.workdps(40):
        assert parse_length_value(2.5 * u.um) == mpmath.mpf("2.5e-6")
    arr, scalar = lengths_double(1 * u.um)
    assert scalar and float(arr) == pytest.approx(1e-6, rel=1e-15)
    arr, scalar = lengths_double([1.0, 2.0] * u.mm)
    assert not scalar and arr.tolist() == pytest.approx([1e-3, 2e-3], rel=1e-15)
    for bad in (3 * u.dimensionless_unscaled, 3 * u.s):
        _expect(InvalidLengthError, parse_length_value, bad, contains=("not a length",))
        _expect(InvalidLengthError, lengths_double, bad, contains=("not a length",))


# --------------------------------------------------------------------------- module rules
ALLOWED = {"nusym.errors", "nusym.constants", "nusym.resources", "nusym.units", "nusym._version"}


@pytest.mark.parametrize("module", ["nusym/inputs.py", "nusym/io.py", "nusym/units.py"])
def test_layer_imports(module):
    tree = ast.parse((REPO / module).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            name = node.module or ""
            if node.level:
                name = "nusym." + name
            if name.startswith("nusym"):
                assert name in ALLOWED, (module, name)
                assert not any(a.name.startswith("_") for a in node.names), (module, name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("nusym"):
                    assert alias.name in ALLOWED, (module, alias.name)
    top = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    for node in top:  # numpy is imported lazily
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
        assert "numpy" not in names, module


def test_import_does_not_load_numpy():
    code = "import sys, nusym.inputs, nusym.io, nusym.units; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=REPO, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_all_exported_names_exist():
    for name in inputs.__all__:
        assert hasattr(inputs, name), name
    assert (inputs.DPS_MIN, inputs.DPS_MAX) == (5, 1000)
    assert inputs.MAX_ORDER == 40 and inputs.MASS_MAX_EV == 1e6
    assert (inputs.LENGTH_MIN_M, inputs.LENGTH_MAX_M) == (1e-20, 1e20)
    assert inputs.NATURES == ("dirac", "majorana")
    assert inputs.METHODS == ("integral", "adaptive", "closed", "asymptotic", "massless")
