"""Absolute neutrino masses (Table I itself is checked in tests/paper/test_table1.py)."""

import mpmath
import pytest

from nusym.errors import InvalidMassError, UnknownOrderingError, UnknownPresetError
from nusym.masses import mass_spectrum


def test_regression_50_digits():
    m1, m2, m3 = mass_spectrum("IO", 0, dps=50)
    assert mpmath.nstr(m1, 50) == "0.049244289008980523608731057074588122408480681437214"
    assert mpmath.nstr(m2, 50) == "0.05"
    with mpmath.workdps(50):
        assert abs(m2 - mpmath.mpf("0.05")) < mpmath.mpf("1e-51")
    assert m3 == 0


def test_splittings_recovered():
    with mpmath.workdps(60):
        for lightest in ("0", "0.01", "0.3"):
            m1, m2, m3 = mass_spectrum("normal", lightest, dps=60)
            assert abs(m2**2 - m1**2 - mpmath.mpf("7.5e-5")) < mpmath.mpf("1e-55")
            assert abs(m3**2 - m1**2 - mpmath.mpf("2.5e-3")) < mpmath.mpf("1e-55")
            m1, m2, m3 = mass_spectrum("inverted", lightest, dps=60)
            assert abs(m2**2 - m1**2 - mpmath.mpf("7.5e-5")) < mpmath.mpf("1e-55")
            assert abs(m3**2 - m2**2 + mpmath.mpf("2.5e-3")) < mpmath.mpf("1e-55")
            assert m3 < m1 < m2


def test_input_types_agree():
    ref = mass_spectrum("NO", "0.25", dps=20)
    for v in (0.25, mpmath.mpf("0.25")):
        assert mass_spectrum("NO", v, dps=20) == ref


def test_global_precision_untouched():
    before = mpmath.mp.dps
    mass_spectrum("NO", "0.1", dps=80)
    assert mpmath.mp.dps == before


def test_nufit_preset():
    m1, m2, m3 = mass_spectrum("IO", 0, preset="nufit-6.0", dps=20)
    with mpmath.workdps(20):
        assert abs(m2 / mpmath.sqrt(mpmath.mpf("2.484e-3")) - 1) < mpmath.mpf("1e-19")
    assert m3 == 0


@pytest.mark.parametrize("bad", [-1, "-0.1", float("nan"), float("inf"), "inf", "abc", None,
                                 True, [0.1]])
def test_bad_lightest(bad):
    with pytest.raises(InvalidMassError, match="finite number >= 0|a number in eV"):
        mass_spectrum("NO", bad)


def test_bad_ordering_and_preset():
    with pytest.raises(UnknownOrderingError):
        mass_spectrum("XX", 0)
    with pytest.raises(UnknownPresetError):
        mass_spectrum("NO", 0, preset="nope")
