"""Eq. (9) of Segarra & Bernabeu, PRD 101, 093004 (2020): the long-distance potential.

Printed:  V(m_i r > 1) = G_F^2/(64 pi^(5/2)) sum_ij Q^ij_A (Q^ij_B)* e^{-r sqrt(t_ij)} (sqrt(t_ij)/r)
          (2 mu_ij/r)^(3/2) [{1 Dirac; 0 Majorana} + (3 - 4 mu_ij/sqrt(t_ij))/(2 mu_ij r)].

Routes: the package's long-distance series (``nusym.symbolic.asymptotic``, Watson's
lemma on Eq. (1) with the derived kernels) is compared coefficient by coefficient
with Eq. (9) typed here; for equal masses it is compared with the Hankel expansion of
the Bessel closed form derived in the test (tests/asymptotic_refs.py, substitution
sqrt(t) = 2 m cosh(theta)); numerically, the order-3 series for two Fe-56 atoms at
20 um is compared with Eq. (1) integrated by ``mpmath.quad`` in the test, with
charges built here from the paper's mixing. Findings: the leading Dirac and both
Majorana coefficients coincide with the printed ones; the Dirac next-to-leading
coefficient differs from the printed one; complex charges add a Majorana vector
term that Eq. (9) does not have.
"""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp
from asymptotic_refs import IDS, KERNELS, MI, bessel_closed_form, coeff_r, full_T, hankel_series  # noqa: E402  (tests/)

from nusym.symbolic.absorptive import absorptive_terms
from nusym.symbolic.asymptotic import (
    compare_with_eq9,
    derived_eq9_coefficients,
    long_distance_series,
    long_distance_transform,
    potential_series,
    printed_eq9,
)
from nusym.symbolic.symbols import G_F, QA, QB, m, m_i, m_j, mu, r, t_ij


def printed(nature):
    """Eq. (9) as printed, typed here, per channel and divided by Q_A Q_B^*."""
    st = sp.sqrt(t_ij)
    lead = 1 if nature == "dirac" else 0
    return (G_F**2 / (64 * sp.pi ** sp.Rational(5, 2)) * sp.exp(-r * st) * (st / r) * (2 * mu / r) ** sp.Rational(3, 2)
            * (lead + (3 - 4 * mu / st) / (2 * mu * r)))


def test_eq9_package_transcription_equals_printed():
    for nature in ("dirac", "majorana"):
        assert sp.simplify(printed_eq9(nature) - printed(nature)) == 0


@pytest.mark.parametrize("nature,weight,kernel", KERNELS, ids=IDS)
def test_eq9_series_matches_hankel_expansion_of_bessel_form(nature, weight, kernel):
    closed = bessel_closed_form(kernel)
    # the closed form itself is right (numerically, at one point)
    with mpmath.workdps(30):
        R = mpmath.mpf(3)
        z = 2 * R / 10
        closed_val = sum(mpmath.mpf(sp.N(A.subs(m, sp.Rational(1, 10)), 30)) * mpmath.besselk(n, z)
                         for n, A in closed.items())
        assert abs(closed_val / full_T(kernel, R, MI, MI) - 1) < 1e-20
    # five Watson terms: order N keeps V through r^(-5/2-N), so order 4 (a = 1/2) or 5 (a = 3/2)
    a = long_distance_series(kernel, 0, m, m).a
    order = 4 + int(a - sp.Rational(1, 2))
    ser = long_distance_transform(kernel, order, m, m)
    assert len(long_distance_series(kernel, order, m, m).coeffs) == 5
    hank = hankel_series(closed, 6)  # K-series is in r^(-1/2-k); a = 3/2 needs two more terms
    # compare coefficient by coefficient of exp(-2 m r) r^(-a-1-n), n = 0..4
    body = sp.expand(sp.powsimp(sp.expand(hank * sp.exp(2 * m * r))))
    mine = sp.expand(sp.powsimp(sp.expand(ser * sp.exp(2 * m * r))))
    for n in range(5):
        p = -(a + 1 + n)
        assert sp.simplify(coeff_r(body, p) - coeff_r(mine, p)) == 0, (n, coeff_r(body, p), coeff_r(mine, p))


def test_eq9_dirac_leading_coefficient_equals_printed_next_differs():
    comp = compare_with_eq9("dirac")
    b0, b1 = comp.rows
    assert b0.coincide and b0.derived == 1 and b0.printed == 1
    assert not b1.coincide
    st = sp.sqrt(t_ij)
    assert sp.simplify(b1.derived - 5 * (3 * st - 5 * mu) / (8 * mu * st)) == 0
    assert sp.simplify(b1.printed - (3 - 4 * mu / st) / (2 * mu)) == 0
    assert comp.vector == ()


def test_eq9_majorana_two_coefficients_equal_printed_plus_vector_term():
    comp = compare_with_eq9("majorana")
    b0, b1 = comp.rows
    assert b0.coincide and b0.derived == 0 and b0.printed == 0
    assert b1.coincide
    st = sp.sqrt(t_ij)
    assert sp.simplify(b1.derived - (3 - 4 * mu / st) / (2 * mu)) == 0
    v0, v1 = comp.vector
    assert v0 == 2
    assert sp.simplify(v1 - (9 * st - 17 * mu) / (4 * mu * st)) == 0


def test_eq9_coefficients_rebuild_the_long_distance_series():
    """b_n, mapped back to m_i, m_j, rebuild potential_series (generic masses)."""
    (term,) = absorptive_terms("dirac")
    bs = derived_eq9_coefficients(term.kernel, 3)
    mu_m = m_i * m_j / (m_i + m_j)
    st = m_i + m_j
    rebuilt = (G_F**2 / (64 * sp.pi ** sp.Rational(5, 2)) * sp.exp(-r * st) * st * (2 * mu_m) ** sp.Rational(3, 2)
               * sum(b.subs({mu: mu_m, t_ij: st**2}) * r ** (-sp.Rational(5, 2) - n) for n, b in enumerate(bs)))
    V = potential_series("dirac", 3) / (QA * sp.conjugate(QB))
    vals = {m_i: sp.Rational(3, 10), m_j: sp.Rational(7, 10), r: sp.Rational(17, 3), G_F: 1}
    assert abs(sp.N((rebuilt - V).subs(vals), 30)) < 1e-25 * abs(sp.N(V.subs(vals), 30))


@pytest.mark.parametrize("nature", ["dirac", "majorana"])
def test_eq9_equal_masses_against_printed(nature):
    """(c) equal masses: the leading terms that agree are identical symbolically."""
    main = "dirac" if nature == "dirac" else "axial"
    weight = QA * sp.conjugate(QB) if nature == "dirac" else None
    derived = potential_series(nature, 1, m, m)
    if nature == "majorana":  # the paper's phases: real charges, the vector term drops out
        from nusym.symbolic.symbols import QA_im, QA_re, QB_im, QB_re

        derived = derived.subs({QA_im: 0, QB_im: 0}) / (QA_re * QB_re)
    else:
        derived = derived / weight
    printed_ = printed(nature).subs({mu: m / 2, t_ij: 4 * m**2})
    lead_power = -sp.Rational(5, 2)
    dd = sp.expand(sp.powsimp(sp.expand(derived * sp.exp(2 * m * r))))
    pp = sp.expand(sp.powsimp(sp.expand(printed_ * sp.exp(2 * m * r))))
    assert main in ("dirac", "axial")
    # leading r^(-5/2): 1 (Dirac) or 0 (Majorana) both sides
    assert sp.simplify(coeff_r(dd, lead_power) - coeff_r(pp, lead_power)) == 0
    # next r^(-7/2): coincides for Majorana, differs for Dirac
    diff = sp.simplify(coeff_r(dd, lead_power - 1) - coeff_r(pp, lead_power - 1))
    assert (diff == 0) == (nature == "majorana")


def _fe_channels(nature):
    """Ordered channels with weights from Q = 2 Z U_ei U*_ej - N delta_ij (real U, segarra2020 numbers)."""
    from nusym.masses import mass_spectrum

    s12, s13 = mpmath.mpf("0.307"), mpmath.mpf("0.0212")
    c13 = 1 - s13
    Ue = [mpmath.sqrt((1 - s12) * c13), mpmath.sqrt(s12 * c13), mpmath.sqrt(s13)]
    Z, N = 26, 30
    masses = [sp.nsimplify(str(mpmath.nstr(v, 40)), rational=True) for v in mass_spectrum("normal", "0.1", dps=40)]
    out = []
    for i in range(3):
        for j in range(i, 3):   # (i, j) and (j, i): the same kernel (symmetric in the masses), twice
            q = 2 * Z * Ue[i] * Ue[j] - (N if i == j else 0)
            for term in absorptive_terms(nature):
                w = q * q if term.weight in ("dirac", "axial") else 0  # real charges: Im Q = 0
                if w:
                    out.append((masses[i], masses[j], term.kernel, w * (1 if i == j else 2)))
    return out


@pytest.mark.parametrize("nature", ["dirac", "majorana"])
def test_eq9_regime_order3_series_matches_full_integral_fe_fe_20um(nature):
    with mpmath.workdps(30):
        R = mpmath.mpf("20e-6") / mpmath.mpf("1.973269804e-7")
        full = series = mpmath.mpf(0)
        for a, b, kernel, w in _fe_channels(nature):
            full += w * full_T(kernel, R, a, b, dps=20)     # 20 digits: the check is at 1e-4
            expr = long_distance_transform(kernel, 3, a, b)
            series += w * mpmath.mpf(sp.N(expr.subs(r, sp.Float(str(R), 40)), 35))
        err = abs(series / full - 1)
    assert err < 1e-4, err
