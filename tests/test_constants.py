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
    assert mpmath.nstr(x, 60) != mpmath.nstr(constant("hbar_c", dps=15), 60)


def test_unknown_constant():
    with pytest.raises(InvalidParameterError, match="allowed names: h, c, e"):
        constant("hbar")
    with pytest.raises(NusymError):
        constant_info("planck")
    with pytest.raises(InvalidParameterError):
        constant("c", dps=0)


# CODATA 2022 (NIST Web Version 9.0, 2024), typed here from the NIST table
CODATA_2022 = {
    "G_N": ("6.67430e-11", "0.00015e-11"),
    "u_kg": ("1.66053906892e-27", "0.00000000052e-27"),
    "u_eV": ("931494103.72", "0.29"),
    "m_n_u": ("1.00866491606", "0.00000000040"),
}
#: the names of the same constants in scipy.constants.physical_constants
SCIPY_NAMES = {
    "G_N": ("Newtonian constant of gravitation", 1),
    "u_kg": ("atomic mass constant", 1),
    "u_eV": ("atomic mass constant energy equivalent in MeV", 10**6),
    "m_n_u": ("neutron mass in u", 1),
}


@pytest.mark.parametrize("name", sorted(CODATA_2022))
def test_codata_2022_values(name):
    value, unc = CODATA_2022[name]
    info = constant_info(name)
    assert (info.value, info.uncertainty) == (value, unc)
    assert "CODATA 2022" in info.source and "2018 recommended" not in info.source


@pytest.mark.parametrize("name", sorted(SCIPY_NAMES))
def test_codata_2022_against_scipy(name):
    """Second route: SciPy's own CODATA table (2022 from SciPy 1.15 on)."""
    sc = pytest.importorskip("scipy.constants")
    key, scale = SCIPY_NAMES[name]
    if "neutron mass in u" not in sc.physical_constants or sc.physical_constants[
            "atomic mass constant"][0] == 1.66053906660e-27:
        pytest.skip("this SciPy ships an older CODATA adjustment")
    value, _, unc = sc.physical_constants[key]
    assert constant_float(name) == pytest.approx(value * scale, rel=1e-15)
    assert float(constant_info(name).uncertainty) == pytest.approx(unc * scale, rel=1e-9)


def test_u_energy_equivalent_consistent_with_u_kg():
    """m_u c^2 / e (from u_kg and the exact c, e) equals u_eV within their uncertainties."""
    with mpmath.workdps(30):
        from_kg = constant("u_kg", 30) * constant("c", 30) ** 2 / constant("e", 30)
        rel = abs(from_kg / constant("u_eV", 30) - 1)
        assert rel < mpmath.mpf("3.2e-10") * 2  # both carry 3.1e-10 relative (correlated)


def test_neutrino_force_depends_on_G_F_and_hbar_c_only():
    """Eq. (1) in eV at a distance in metres: only G_F (PDG) and the exact hbar c enter.

    V for a Fe-56 pair at 1 um is unchanged by the CODATA 2018 -> 2022 update (the
    value below was computed before it); the gravitational potential moved by
    2.8e-9 relative (u_kg squared)."""
    import nusym

    v = nusym.potential("1um", "Fe-56", "Fe-56", dps=30)
    assert mpmath.nstr(v, 30) == "1.85047126404539041774722974923e-49"
