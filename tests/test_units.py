"""Length parsing and SI <-> natural unit conversions."""

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nusym.constants import constant
from nusym.errors import InvalidLengthError, NusymError
from nusym.units import (
    LENGTH_UNITS,
    eV_to_joule,
    force_to_newton,
    metres_to_natural,
    natural_to_metres,
    parse_length,
)


@pytest.mark.parametrize("text, metres", [
    ("2.5um", "2.5e-6"), ("2.5 um", "2.5e-6"), ("2.5µm", "2.5e-6"), ("2.5μm", "2.5e-6"),
    ("2.5 micron", "2.5e-6"), ("1m", "1"), ("3 cm", "0.03"), ("4mm", "0.004"),
    ("7nm", "7e-9"), ("1.5e3 pm", "1.5e-9"), ("2fm", "2e-15"), (" 1e-6 m ", "1e-6"),
    (".5mm", "5e-4"),
])
def test_parse_forms(text, metres):
    with mpmath.workdps(40):
        assert parse_length(text) == mpmath.mpf(metres)


def test_parse_natural_units():
    with mpmath.workdps(30):
        x = parse_length("1e7 eV^-1")
        assert x == parse_length("1e7 1/eV")
        assert abs(x / (10**7 * constant("hbar_c", 30)) - 1) < mpmath.mpf("1e-28")


def test_parse_is_exact_at_high_precision():
    with mpmath.workdps(60):
        assert parse_length("0.1 um") == mpmath.mpf("1e-7")


@pytest.mark.parametrize("text", [
    "5", "0m", "0 um", "-1m", "-2.5um", "nan m", "inf m", "-inf um", "abc", "", "1 km",
    "um", "1..2m", "1e m",
])
def test_parse_errors(text):
    with pytest.raises(InvalidLengthError) as info:
        parse_length(text)
    msg = str(info.value)
    assert "positive" in msg and "finite" in msg
    for unit in ("m", "cm", "mm", "um", "nm", "eV^-1"):
        assert unit in msg
    assert isinstance(info.value, NusymError) and isinstance(info.value, ValueError)


@pytest.mark.parametrize("value", [1.0, None, 3])
def test_parse_requires_string(value):
    with pytest.raises(InvalidLengthError):
        parse_length(value)


def test_units_table():
    assert {"m", "cm", "mm", "um", "µm", "micron", "nm", "eV^-1", "1/eV"} <= set(LENGTH_UNITS)


def test_round_trips_mp():
    with mpmath.workdps(50):
        x = mpmath.mpf("3.7e-6")
        assert abs(natural_to_metres(metres_to_natural(x)) / x - 1) < mpmath.mpf("1e-48")
        assert abs(metres_to_natural("1e-6") - mpmath.mpf("1e-6") / constant("hbar_c", 50)) \
            < mpmath.mpf("1e-45")


def test_conversions_accept_types():
    for v in (1, 1.0, "1", mpmath.mpf(1)):
        assert eV_to_joule(v) == constant("e")
    assert isinstance(metres_to_natural(2), mpmath.mpf)


def test_force_to_newton():
    with mpmath.workdps(30):
        expected = constant("e", 30) / constant("hbar_c", 30)
        assert abs(force_to_newton(1) / expected - 1) < mpmath.mpf("1e-28")
    # 1 eV^2 = 1 eV / (hbar c / eV) ~ 8.1194e-13 N
    assert abs(float(force_to_newton(1)) - 8.119399741e-13) < 1e-21


def test_numpy_arrays():
    r = np.array([1e-6, 2e-6])
    nat = metres_to_natural(r)
    assert isinstance(nat, np.ndarray) and nat.dtype == float
    np.testing.assert_allclose(natural_to_metres(nat), r, rtol=1e-15)
    np.testing.assert_allclose(eV_to_joule(np.array([1.0])), [1.602176634e-19], rtol=1e-15)
    np.testing.assert_allclose(force_to_newton(np.array([1.0])), [8.119399741e-13], rtol=1e-9)


@settings(max_examples=200, deadline=None)
@given(
    mantissa=st.decimals(min_value="0.001", max_value="999.999", places=3, allow_nan=False,
                         allow_infinity=False),
    unit=st.sampled_from(["m", "cm", "mm", "um", "nm", "pm", "fm"]),
    space=st.sampled_from(["", " "]),
)
def test_round_trip_property(mantissa, unit, space):
    text = f"{mantissa}{space}{unit}"
    with mpmath.workdps(40):
        x = parse_length(text)
        expected = mpmath.mpf(str(mantissa)) * mpmath.mpf(LENGTH_UNITS[unit])
        assert abs(x / expected - 1) < mpmath.mpf("1e-38")
        back = natural_to_metres(metres_to_natural(x))
        assert abs(back / x - 1) < mpmath.mpf("1e-38")


# --------------------------------------------------------------------------- robustness
def test_parse_is_correctly_rounded():
    """The decimal product is exact, then rounded once: equal to the decimal string."""
    for text, metres in (("2.5um", "2.5e-6"), ("3 nm", "3e-9"), ("1.234567890123456789 mm",
                                                                 "1.234567890123456789e-3")):
        for dps in (15, 30, 60):
            with mpmath.workdps(dps):
                assert parse_length(text) == mpmath.mpf(metres)


@pytest.mark.parametrize("text", ["1e999999999999999999999 m", "1e-999999999999999999999 um"])
def test_parse_huge_exponents_are_numbers(text):
    x = parse_length(text)  # no decimal.InvalidOperation, no hang; the range is checked elsewhere
    assert mpmath.isfinite(x) and x > 0


@pytest.mark.parametrize("func", [metres_to_natural, natural_to_metres, eV_to_joule,
                                  force_to_newton])
@pytest.mark.parametrize("value", [True, False, "abc", "1 m", None, object(), [1.0], 1 + 1j])
def test_conversions_refuse_non_numbers(func, value):
    with pytest.raises(NusymError):
        func(value)


@pytest.mark.parametrize("func", [metres_to_natural, natural_to_metres, eV_to_joule,
                                  force_to_newton])
def test_conversions_accept_numpy_scalars(func):
    assert func(np.float32(1.0)) == func(1.0)
    assert func(np.int64(2)) == func(2)


@pytest.mark.parametrize("func", [metres_to_natural, natural_to_metres, eV_to_joule,
                                  force_to_newton])
@pytest.mark.parametrize("value", ["1e400", "1e-400", 10**400, "1e-999999", "1e999999"])
def test_scalar_conversions_never_overflow(func, value):
    with mpmath.workdps(20):
        y = func(mpmath.mpf(value) if isinstance(value, str) else value)
    assert mpmath.isfinite(y) and y > 0


@pytest.mark.parametrize("func", [metres_to_natural, natural_to_metres, eV_to_joule,
                                  force_to_newton])
def test_array_conversions_never_silently_nan_or_inf(func):
    finite = np.array([1e-300, 1e-6, 1.0, 1e300, -1e300, 0.0])
    try:
        y = func(finite)
    except NusymError as exc:  # overflow of finite input is an error, never inf
        assert "too large" in str(exc)
    else:
        assert np.isfinite(y).all()
    assert np.isfinite(func(np.array([1e-6, 1.0, 2.0]))).all()


def test_metres_to_natural_array_overflow_is_an_error():
    with pytest.raises(InvalidLengthError, match="too large"):
        metres_to_natural(np.array([1e-6, 1e305]))
    with pytest.raises(InvalidLengthError, match="too large"):
        metres_to_natural(np.array([mpmath.mpf("1e400")], dtype=object))
    with pytest.raises(InvalidLengthError, match="too large"):
        metres_to_natural(np.array([10**400], dtype=object))
    with pytest.raises(InvalidLengthError):
        metres_to_natural(np.array([True, False]))


def test_non_finite_array_input_passes_through():
    """NaN/inf given is NaN/inf returned (not silent: it was in the input)."""
    y = metres_to_natural(np.array([np.inf, 1.0]))
    assert np.isinf(y[0]) and np.isfinite(y[1])


def test_array_results_match_before():
    r = np.array([1e-9, 1e-6, 1e-3, 1.0])
    np.testing.assert_array_equal(metres_to_natural(r), r / float(constant("hbar_c")))
    np.testing.assert_array_equal(force_to_newton(r), r * (float(constant("e")) / float(constant("hbar_c"))))


def test_conversions_do_not_change_precision():
    dps = mpmath.mp.dps
    for func in (metres_to_natural, natural_to_metres, eV_to_joule, force_to_newton):
        func("1e-6")
        func(np.array([1.0]))
    parse_length("1 um")
    assert mpmath.mp.dps == dps
