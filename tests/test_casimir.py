"""nusym.casimir: the Lifshitz formula against its known limits."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nusym.casimir import (
    Optical,
    boltzmann,
    casimir_force,
    check_temperature,
    ideal_plane_plane,
    lifshitz_plane_plane,
    optical,
    optical_table,
)
from nusym.constants import constant_float
from nusym.errors import InvalidLengthError, InvalidMaterialError, InvalidOptionError, InvalidParameterError, NusymError

ZETA3 = 1.2020569031595942


def hbar_c_J():
    return constant_float("hbar_c") * constant_float("e")


def test_k_B_is_the_exact_SI_value():
    assert boltzmann() == 1.380649e-23


def test_optical_table_has_the_required_materials_with_sources():
    table = optical_table()
    for metal in ("Au", "Cu", "Al", "W"):
        assert table[metal].kind == "drude" and table[metal].omega_p_eV > 1 and table[metal].gamma_eV > 0
        assert table[metal].source
    assert table["Si"].kind == "oscillator" and table["Si"].eps_0 == 11.87
    assert math.isclose(table["Au"].omega_p_eV, 9.0) and math.isclose(table["Au"].gamma_eV, 0.035)
    # Ordal's wavenumbers converted: 1 cm^-1 = 1.239841984e-4 eV
    assert math.isclose(table["Al"].omega_p_eV, 119000 * 1.239841984e-4, rel_tol=1e-9)


def test_ideal_closed_forms():
    d = np.array([1e-7, 1e-6])
    r = ideal_plane_plane(d)
    np.testing.assert_allclose(r.pressure_N_m2, -math.pi ** 2 * hbar_c_J() / (240 * d ** 4), rtol=1e-14)
    f = casimir_force("sphere-plane", d, "Au", "Au", radius1=1e-4, model="ideal").force_N
    np.testing.assert_allclose(f, -math.pi ** 3 * hbar_c_J() * 1e-4 / (360 * d ** 3), rtol=1e-14)
    ss = casimir_force("sphere-sphere", d, "Au", "Au", radius1=1e-4, radius2=3e-4).force_N
    np.testing.assert_allclose(ss, -math.pi ** 3 * hbar_c_J() * 0.75e-4 / (360 * d ** 3), rtol=1e-14)


@pytest.mark.parametrize("d", [1e-8, 1e-6, 1e-4])
def test_lifshitz_with_perfect_reflection_is_the_closed_form(d):
    exact = ideal_plane_plane(d)
    r = lifshitz_plane_plane(d, "Au", "Au", model="ideal")
    assert r.pressure_N_m2 == pytest.approx(exact.pressure_N_m2, rel=1e-12)
    assert r.energy_J_m2 == pytest.approx(exact.energy_J_m2, rel=1e-12)


@pytest.mark.parametrize("model", ["plasma", "drude"])
def test_infinite_plasma_frequency_gives_the_ideal_metal(model):
    huge = Optical("X", "drude", 1e5, 1e-2, None, None, None, "test")   # hbar omega_p = 100 keV
    r = lifshitz_plane_plane(1e-6, huge, huge, model=model)
    exact = ideal_plane_plane(1e-6)
    assert r.pressure_N_m2 / exact.pressure_N_m2 == pytest.approx(1, abs=1e-3)
    assert r.energy_J_m2 / exact.energy_J_m2 == pytest.approx(1, abs=1e-3)


def test_gold_plasma_matches_the_first_orders_in_the_skin_depth():
    # P/P_ideal = 1 - 16/3 x + 24 x^2 - 640/7 (1 - pi^2/210) x^3 + ..., x = c/(omega_p d)
    # (plasma model at T = 0; Bordag, Klimchitskaya, Mohideen & Mostepanenko 2009, ch. 13)
    d = 1e-5
    delta = constant_float("hbar_c") / optical("Au").omega_p_eV
    x = delta / d
    ratio = lifshitz_plane_plane(d, "Au", "Au", model="plasma").pressure_N_m2 / ideal_plane_plane(d).pressure_N_m2
    assert ratio == pytest.approx(1 - 16 / 3 * x + 24 * x ** 2 - 640 / 7 * (1 - math.pi ** 2 / 210) * x ** 3,
                                  abs=1e-8)


def test_high_temperature_limit_of_drude_metals():
    d, t = 1e-4, 300.0        # zeta_1 = 4 pi d k_B T/(hbar c) ~ 16: only l = 0 counts
    kt = boltzmann() * t
    r = lifshitz_plane_plane(d, "Au", "Au", model="drude", temperature=t)
    # TM l = 0 only: F/A = -zeta(3) k_B T/(16 pi d^2), P = -zeta(3) k_B T/(8 pi d^3)
    assert r.pressure_N_m2 == pytest.approx(-ZETA3 * kt / (8 * math.pi * d ** 3), rel=1e-6)
    assert r.energy_J_m2 == pytest.approx(-ZETA3 * kt / (16 * math.pi * d ** 2), rel=1e-6)
    ideal = lifshitz_plane_plane(d, "Au", "Au", model="ideal", temperature=t)
    assert ideal.pressure_N_m2 == pytest.approx(-ZETA3 * kt / (4 * math.pi * d ** 3), rel=1e-6)


def test_plasma_minus_drude_at_high_temperature_is_the_TE_zero_frequency_term():
    from scipy.integrate import quad

    d, t = 1e-4, 300.0
    kt = boltzmann() * t
    pl = lifshitz_plane_plane(d, "Au", "Au", model="plasma", temperature=t)
    dr = lifshitz_plane_plane(d, "Au", "Au", model="drude", temperature=t)
    big_a = 2 * d * optical("Au").omega_p_eV / constant_float("hbar_c")

    def integrand(x):
        r = (x - math.hypot(x, big_a)) / (x + math.hypot(x, big_a))
        return x * x * r * r * math.exp(-x) / (1 - r * r * math.exp(-x))

    te0 = -kt / (math.pi * (2 * d) ** 3) * 0.5 * quad(integrand, 0, 200, epsabs=0, epsrel=1e-12, limit=200)[0]
    assert pl.pressure_N_m2 - dr.pressure_N_m2 == pytest.approx(te0, rel=1e-6)
    assert pl.pressure_N_m2 / dr.pressure_N_m2 == pytest.approx(2, abs=3e-3)   # -> 2 as c/(omega_p d) -> 0


def test_pressure_is_minus_the_derivative_of_the_energy():
    for model, t, a, b in (("drude", 300.0, "Au", "Si"), ("plasma", 0, "Cu", "W")):
        d, h = 1e-6, 1e-9
        e_plus = lifshitz_plane_plane(d + h, a, b, model=model, temperature=t).energy_J_m2
        e_minus = lifshitz_plane_plane(d - h, a, b, model=model, temperature=t).energy_J_m2
        p = lifshitz_plane_plane(d, a, b, model=model, temperature=t).pressure_N_m2
        assert -(e_plus - e_minus) / (2 * h) == pytest.approx(p, rel=1e-5)


def test_many_matsubara_terms_and_the_euler_maclaurin_tail():
    # 10 nm at 1 K: ~1e6 terms, 2000 summed, the rest by the tail; the ideal metal then is the T = 0 result
    r = lifshitz_plane_plane(1e-8, "Au", "Au", model="ideal", temperature=1.0)
    assert r.pressure_N_m2 == pytest.approx(ideal_plane_plane(1e-8).pressure_N_m2, rel=1e-9)
    dr0 = lifshitz_plane_plane(1e-8, "Au", "Au", model="drude")
    dr1 = lifshitz_plane_plane(1e-8, "Au", "Au", model="drude", temperature=1.0)
    assert dr1.pressure_N_m2 == pytest.approx(dr0.pressure_N_m2, rel=1e-6)


def test_dielectric_is_weaker_than_metal_and_all_attract():
    d = np.array([1e-7, 1e-6])
    metal = lifshitz_plane_plane(d, "Au", "Au").pressure_N_m2
    mixed = lifshitz_plane_plane(d, "Au", "Si").pressure_N_m2
    si = lifshitz_plane_plane(d, "Si", "Si").pressure_N_m2
    assert np.all(metal < mixed) and np.all(mixed < si) and np.all(si < 0)


def test_pfa_sphere_plane_is_2_pi_R_times_the_energy_per_area():
    r = casimir_force("sphere-plane", ["1um", "2um"], "Au", "W", radius1="50um", model="drude", temperature=300)
    e = lifshitz_plane_plane(["1um", "2um"], "Au", "W", model="drude", temperature=300).energy_J_m2
    np.testing.assert_allclose(r.force_N, 2 * math.pi * 50e-6 * e, rtol=1e-14)
    assert not r.per_area


@pytest.mark.parametrize("call, error, text", [
    (lambda: check_temperature(-1), InvalidParameterError, "temperature must be"),
    (lambda: check_temperature("hot"), InvalidParameterError, "kelvin"),
    (lambda: optical("Fe"), InvalidMaterialError, "known materials Ag, Al, Au, Cu, Si, W"),
    (lambda: lifshitz_plane_plane(1e-10, "Au", "Au"), InvalidLengthError, "at least 1e-09 m"),
    (lambda: lifshitz_plane_plane(1e-6, "Au", "Au", model="lorentz"), InvalidOptionError, "allowed: ideal"),
    (lambda: casimir_force("sphere-plane", 1e-6, "Au", "Au"), InvalidLengthError, "radius1"),
])
def test_bad_input(call, error, text):
    with pytest.raises(error, match=text) as info:
        call()
    assert isinstance(info.value, NusymError)


def test_optical_accepts_materials_and_spellings():
    from nusym.materials import material

    assert optical(material("Au")).material == "Au"
    assert optical(" W ").material == "W"
