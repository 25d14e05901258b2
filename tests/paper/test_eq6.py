"""Eq. (6) of Segarra & Bernabeu, PRD 101, 093004 (2020): the absorptive part Im M_ij(t).

Printed:  Im M_ij = -(G_F^2/48 pi) t Q^ij_A Q^ij*_B sqrt(1 - 4 mbar^2/t + (Dm^2/t)^2)
                    x [1 - X_ij/t - (Dm^2/t)^2/2],  X = mbar^2 (Dirac), mbar^2 + 3 m_i m_j (Majorana),
and the printed remarks: massless neutrinos give Im M linear in t; near threshold the
Dirac part is S-wave (~k), the Majorana one P-wave (~k^3).

Routes:

* symbolic: ``nusym.symbolic.absorptive`` derives Im M from Eq. (2) with spin sums
  (completeness relations), traces of 4x4 gamma matrices and an angular integral;
  its kernels are compared with Eq. (6) typed in this file (``printed`` below);
* numeric, independent of the traces (below): explicit Dirac spinors u, v for every
  spin state, the amplitudes ubar(k1) Gamma v(k2) contracted with a static source that
  is a spatial unit vector in the pair rest frame (J.p = 0), summed over spins,
  averaged over directions by Gauss-Legendre quadrature and multiplied by the
  textbook two-body phase space kappa/(4 pi sqrt t). For Majorana neutrinos the two
  Wick contractions are built from the spinors themselves (v = C ubar^T), so the
  identity ubar(k1) G v(k2) - ubar(k2) G v(k1) = ubar(k1) (G + C G^T C^-1) v(k2) used
  by the derivation is checked too. Agreement is required to 1e-12 relative.

Finding (both routes): the printed Majorana form is the derived axial term; with
complex charges (CP phases, Im Q^ij != 0) a vector term with X = mbar^2 - 3 m_i m_j
adds to it, so the printed Majorana Eq. (6) holds only for real U_ei U*_ej.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from dirac_matrices import CINV, ETA, G0, G5, GAM, SIG, C  # noqa: E402  (tests/dirac_matrices.py)

from nusym.symbolic import absorptive as ab
from nusym.symbolic.symbols import G_F, QA_im, QA_re, QB_im, QB_re, k, m_i, m_j, t


def printed(nature):
    """Eq. (6) as printed, typed here, divided by -(G_F^2/48 pi) Q_A Q_B^*."""
    mb2 = (m_i**2 + m_j**2) / 2
    dm2 = m_i**2 - m_j**2
    X = mb2 if nature == "dirac" else mb2 + 3 * m_i * m_j
    return t * sp.sqrt(1 - 4 * mb2 / t + (dm2 / t) ** 2) * (1 - X / t - (dm2 / t) ** 2 / 2)




def slash(p):
    return sum(ETA[mu, mu] * p[mu] * GAM[mu] for mu in range(4))


def u_spinors(p, m):
    """u(p, s) for s = up, down (Dirac representation), normalised to ubar u = 2m."""
    E = p[0]
    sp_ = sum(p[k + 1] * SIG[k] for k in range(3))
    out = []
    for chi in (np.array([1, 0], complex), np.array([0, 1], complex)):
        out.append(np.concatenate([np.sqrt(E + m) * chi, sp_ @ chi / np.sqrt(E + m)]))
    return out


def bar(spinor):
    return spinor.conj() @ G0


def v_spinors(p, m):
    """v(p, s) = C ubar(p, s)^T: the Majorana-consistent antiparticle spinors."""
    return [C @ bar(u) for u in u_spinors(p, m)]


def numeric_kernel(ma, mb, tt, vertex_a, vertex_b, identical=False, n_theta=24, n_phi=24):
    """sum_spins <J.M_A (J.M_B)^*> averaged over directions, times phase space and factors.

    Returns Im M / PREFACTOR with G_F = 1, i.e. comparable with sum_k w_k kernel_k.
    """
    rt = np.sqrt(tt)
    lam = (tt - (ma + mb) ** 2) * (tt - (ma - mb) ** 2)
    kap = np.sqrt(lam) / (2 * rt)
    E1, E2 = (tt + ma**2 - mb**2) / (2 * rt), (tt - ma**2 + mb**2) / (2 * rt)
    xs, ws = np.polynomial.legendre.leggauss(n_theta)
    phis = 2 * np.pi * (np.arange(n_phi) + 0.5) / n_phi
    eps = np.array([0.0, 0.0, 0.0, 1.0])  # static source seen in the pair rest frame
    eps_low = ETA @ eps
    ga = sum(eps_low[mu] * vertex_a[mu] for mu in range(4))
    gb = sum(eps_low[mu] * vertex_b[mu] for mu in range(4))
    total = 0.0
    for cth, w in zip(xs, ws, strict=True):
        sth = np.sqrt(1 - cth**2)
        for ph in phis:
            n = np.array([sth * np.cos(ph), sth * np.sin(ph), cth])
            k1 = np.concatenate([[E1], kap * n])
            k2 = np.concatenate([[E2], -kap * n])
            us, vs = u_spinors(k1, ma), v_spinors(k2, mb)
            acc = 0.0
            for uu in us:
                for vv in vs:
                    acc += (bar(uu) @ ga @ vv) * np.conj(bar(uu) @ gb @ vv)
            total += w / 2 * acc.real / n_phi
    phase_space = kap / (4 * np.pi * rt)
    symmetry = 0.5 if identical else 1.0
    coupling2 = 1.0 / 8.0  # (1/(2 sqrt 2))^2 with G_F = 1
    im_m = 0.5 * symmetry * phase_space * coupling2 * (-1.0) * total
    return im_m / (-1.0 / (48 * np.pi))


def va_vertex():
    return [g @ (np.eye(4) - G5) for g in GAM]


def majorana_vertex(q):
    """q Gamma + conj(q) C Gamma^T C^-1 (the (i,j) and (j,i) Lagrangian terms)."""
    return [q * g + np.conj(q) * (C @ g.T @ CINV) for g in va_vertex()]


def derived(nature, mi, mj, tt, qa, qb):
    vals = {m_i: mi, m_j: mj, t: tt}
    out = 0.0
    for term in ab.absorptive_terms(nature):
        w = {"dirac": (qa * np.conj(qb)).real, "axial": qa.real * qb.real, "vector": qa.imag * qb.imag}[term.weight]
        out += w * float(sp.N(term.kernel.subs(vals), 20))
    return out


def test_eq6_route_spinors_satisfy_completeness():
    p = np.array([0.0, 0.03, -0.02, 0.05])
    m = 0.07
    p[0] = np.sqrt(m**2 + p[1:] @ p[1:])
    su = sum(np.outer(u, bar(u)) for u in u_spinors(p, m))
    sv = sum(np.outer(v, bar(v)) for v in v_spinors(p, m))
    assert np.allclose(su, slash(p) + m * np.eye(4), atol=1e-14)
    assert np.allclose(sv, slash(p) - m * np.eye(4), atol=1e-14)


def test_eq6_route_majorana_wick_contractions_are_the_flipped_vertex():
    rng = np.random.default_rng(1)
    m = 0.1
    for _ in range(3):
        ka, kb = rng.normal(size=3) * 0.1, rng.normal(size=3) * 0.1
        k1 = np.concatenate([[np.sqrt(m**2 + ka @ ka)], ka])
        k2 = np.concatenate([[np.sqrt(m**2 + kb @ kb)], kb])
        for g in va_vertex():
            flip = C @ g.T @ CINV
            for s1, u1 in enumerate(u_spinors(k1, m)):
                for s2, v2 in enumerate(v_spinors(k2, m)):
                    u2, v1 = u_spinors(k2, m)[s2], v_spinors(k1, m)[s1]
                    lhs = bar(u1) @ g @ v2 - bar(u2) @ g @ v1
                    rhs = bar(u1) @ (g + flip) @ v2
                    assert abs(lhs - rhs) < 1e-13


@pytest.mark.parametrize("mi,mj,tt", [(0.1, 0.1118, 0.06), (0.0087, 0.05, 0.01), (0.0, 0.05, 0.004),
                                      (0.05, 0.05, 0.02)])
def test_eq6_dirac_kernel_from_explicit_spinors(mi, mj, tt):
    qa, qb = 3.0 + 0.5j, -1.2 + 2.0j
    vert_a = [qa * g for g in va_vertex()]
    vert_b = [qb * g for g in va_vertex()]
    # particle nu_j (u spinor, mass m_j), antiparticle of nu_i (v spinor, mass m_i)
    num = numeric_kernel(mj, mi, tt, vert_a, vert_b)
    assert num == pytest.approx((qa * np.conj(qb)).real * derived("dirac", mi, mj, tt, 1.0 + 0j, 1.0 + 0j),
                                rel=1e-12, abs=0)


@pytest.mark.parametrize("mi,mj,tt", [(0.1, 0.1118, 0.06), (0.0087, 0.05, 0.01), (0.03, 0.05, 0.0065)])
def test_eq6_majorana_kernels_from_explicit_spinors_complex_charges(mi, mj, tt):
    # i != j: the derived axial + vector terms, with complex charges
    qa, qb = 3.0 + 0.5j, -1.2 + 2.0j
    num = numeric_kernel(mj, mi, tt, majorana_vertex(qa), majorana_vertex(qb), identical=True)
    # identical=True applies the factor 1/2 that shares the unordered channel between (i,j) and (j,i)
    assert num == pytest.approx(derived("majorana", mi, mj, tt, qa, qb), rel=1e-12, abs=0)
    # and it is NOT the printed Eq. (6) (axial kernel times Re(Q_A conj Q_B)) for complex charges
    printed_value = (qa * np.conj(qb)).real * float(sp.N(printed("majorana").subs({m_i: mi, m_j: mj, t: tt})))
    assert abs(num - printed_value) > 1e-3 * abs(printed_value)


def test_eq6_majorana_equal_masses_from_explicit_spinors():
    m, tt = 0.05, 0.02
    q = 2.5 + 0j  # diagonal charges are real (Hermitian matrix)
    num = numeric_kernel(m, m, tt, majorana_vertex(q), majorana_vertex(q), identical=True)
    assert num == pytest.approx(derived("majorana", m, m, tt, q, q), rel=1e-12, abs=0)


# ----------------------------------------------------------------------------- symbolic route
def test_eq6_prefactor_and_package_transcription():
    assert sp.simplify(ab.PREFACTOR + G_F**2 / (48 * sp.pi)) == 0
    for nature in ("dirac", "majorana"):
        assert sp.simplify(ab.printed_eq6(nature) - printed(nature)) == 0


def test_eq6_dirac_derived_equals_printed():
    (term,) = ab.absorptive_terms("dirac")
    assert term.weight == "dirac"
    assert sp.simplify(term.kernel - printed("dirac")) == 0


def test_eq6_majorana_axial_term_equals_printed_vector_term_differs():
    axial, vector = ab.absorptive_terms("majorana")
    assert (axial.weight, vector.weight) == ("axial", "vector")
    assert sp.simplify(axial.kernel - printed("majorana")) == 0
    # the vector (Im Q_A Im Q_B) kernel is not the printed one: it differs by
    # 6 m_i m_j sqrt(lambda)/t, i.e. X = mbar^2 - 3 m_i m_j instead of mbar^2 + 3 m_i m_j
    lam = (t - (m_i + m_j) ** 2) * (t - (m_i - m_j) ** 2)
    assert sp.simplify(vector.kernel - printed("majorana") - 6 * m_i * m_j * sp.sqrt(lam) / t) == 0
    mb2 = (m_i**2 + m_j**2) / 2
    dm2 = m_i**2 - m_j**2
    form = t * sp.sqrt(1 - 4 * mb2 / t + (dm2 / t) ** 2) * (1 - (mb2 - 3 * m_i * m_j) / t - (dm2 / t) ** 2 / 2)
    assert sp.simplify(vector.kernel - form) == 0


def test_eq6_majorana_with_real_charges_equals_printed():
    expr = ab.im_M("majorana").subs({QA_im: 0, QB_im: 0})
    assert sp.simplify(expr + G_F**2 / (48 * sp.pi) * QA_re * QB_re * printed("majorana")) == 0


def test_eq6_dirac_with_complex_charges_equals_printed():
    qa, qb = QA_re + sp.I * QA_im, QB_re + sp.I * QB_im
    expr = ab.im_M("dirac")
    assert sp.simplify(expr + G_F**2 / (48 * sp.pi) * qa * sp.conjugate(qb) * printed("dirac")) == 0


@pytest.mark.parametrize("nature", ["dirac", "majorana"])
def test_eq6_massless_limit_is_linear_in_t(nature):
    # printed remark: for massless neutrinos Im M is linear in t; the Majorana weights then
    # add up to Re(Q_A conj Q_B), the Dirac weight (the natures coincide, cf. Eq. 8)
    total = sum(term.weight_expr * term.kernel.subs({m_i: 0, m_j: 0}) for term in ab.absorptive_terms(nature))
    assert sp.simplify(total - (QA_re * QB_re + QA_im * QB_im) * t) == 0


@pytest.mark.parametrize(
    "nature,weight,power", [("dirac", "dirac", 1), ("majorana", "axial", 3), ("majorana", "vector", 1)]
)
def test_eq6_threshold_s_wave_dirac_p_wave_majorana(nature, weight, power):
    # printed remark: t = t_ij (1 + k^2/(m_i m_j)); Dirac ~ k (S-wave), Majorana ~ k^3 (P-wave)
    term = next(tt for tt in ab.absorptive_terms(nature) if tt.weight == weight)
    assert ab.threshold_power(term.kernel) == power
    lead = ab.threshold_leading_term(term.kernel)
    # independent check: series expansion in k at numeric masses
    sub = {m_i: sp.Rational(1, 10), m_j: sp.Rational(3, 20)}
    expr = term.kernel.subs(sub).subs(t, (sp.Rational(1, 4)) ** 2 * (1 + k**2 / (sp.Rational(3, 200))))
    ser = sp.series(expr, k, 0, power + 2).removeO()
    assert sp.simplify(ser.coeff(k, power) - lead.subs(sub).coeff(k, power)) == 0
    for lower in range(power):
        assert sp.simplify(ser.coeff(k, lower)) == 0
    # the printed Majorana form (the axial kernel) is P-wave at threshold, too
    if weight == "axial":
        p = printed("majorana").subs(sub).subs(t, (sp.Rational(1, 4)) ** 2 * (1 + k**2 / (sp.Rational(3, 200))))
        assert all(sp.simplify(c) == 0 for c in sp.series(p, k, 0, 3).removeO().as_coefficients_dict().values())


# ----------------------------------------------------------------------------- when the printed form holds
def test_eq6_printed_majorana_form_holds_only_for_real_mixing_products():
    import math

    from nusym.symbolic.report import eq6_comparison, majorana_phase_conditions, majorana_printed_form_holds

    assert eq6_comparison("dirac") == {"dirac": 0}
    assert eq6_comparison("majorana")["axial"] == 0
    assert len(majorana_phase_conditions()) == 3
    assert majorana_printed_form_holds(0, 0, 0)
    assert majorana_printed_form_holds(0, 2 * math.pi, 0)                       # alpha21/2 = pi
    assert majorana_printed_form_holds(math.radians(40), 0, math.radians(80))   # alpha31 = 2 delta
    assert not majorana_printed_form_holds(math.radians(212), 0, 0)             # NuFIT 6.0 NO delta
    assert not majorana_printed_form_holds(0, math.pi, 0)


def test_eq6_nufit_delta_makes_the_charges_complex():
    import mpmath

    from nusym.model import Model

    with mpmath.workdps(20):
        q = Model.from_preset("nufit-6.0", ordering="normal").charges(26, 30)
    assert abs(mpmath.im(q[0][2])) > 1   # Im Q^13 != 0: Majorana differs from the printed Eq. (6)

