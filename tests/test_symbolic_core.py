"""Symbolic core: Eqs. (2)-(7) of Segarra & Bernabeu, PRD 101, 093004 (2020), derived and
compared with the printed forms (tests named after the equations they reproduce)."""

from __future__ import annotations

import json
import math

import mpmath
import pytest
import sympy as sp

from nusym.symbolic import absorptive as ab
from nusym.symbolic.charges import (
    charge_matrix, charge_matrix_numeric, coupling_sum, flavour_charges, printed_eq5,
)
from nusym.symbolic.couplings import nc_vector_coupling, pmns, printed_eq4, vector_couplings
from nusym.symbolic.report import (
    eq6_comparison, eq7_identity, majorana_phase_conditions, majorana_printed_form_holds,
)
from nusym.symbolic.symbols import G_F, QA_im, QA_re, QB_im, QB_re, k, m, m_i, m_j, s2w, t


# --- Eqs. (3)-(4): couplings -------------------------------------------------------------

def test_nc_couplings_from_quantum_numbers():
    # proton and neutron NC couplings of Eq. (4) from the valence quarks
    assert sp.expand(nc_vector_coupling("p") - (1 - 4 * s2w)) == 0
    assert nc_vector_coupling("n") == -1
    assert sp.expand(nc_vector_coupling("e") + (1 - 4 * s2w)) == 0


def test_pmns_is_unitary():
    U = pmns()
    diff = (U * U.H - sp.eye(3)).applyfunc(lambda e: sp.simplify(sp.expand_complex(e)))
    assert diff == sp.zeros(3, 3)


@pytest.mark.parametrize("fermion", ["e", "p", "n"])
def test_reproduce_eq4(fermion):
    # reproduce eq. (4) in Segarra & Bernabeu PRD 101 093004: derived == printed
    diff = (vector_couplings()[fermion] - printed_eq4()[fermion]).applyfunc(sp.simplify)
    assert diff == sp.zeros(3, 3)


def test_couplings_are_hermitian():
    g = vector_couplings()["e"]
    assert (g - g.H).applyfunc(lambda e: sp.simplify(sp.expand_complex(e))) == sp.zeros(3, 3)


# --- Eqs. (5) and (7): coherent charges ----------------------------------------------------

def test_reproduce_eq5_and_sin2w_cancels():
    # reproduce eq. (5): Q^ij = 2 Z U_ei U*_ej - N delta_ij, without sin^2 theta_W
    q = charge_matrix()
    assert not any(e.has(s2w) for e in q)
    assert (q - printed_eq5()).applyfunc(lambda e: sp.simplify(sp.expand_complex(e))) == sp.zeros(3, 3)
    assert (q - q.H).applyfunc(lambda e: sp.simplify(sp.expand_complex(e))) == sp.zeros(3, 3)


def test_reproduce_eq7_identity():
    # reproduce eq. (7): sum over the nine ordered pairs equals the sum over flavours
    assert eq7_identity() == 0


def test_eq7_fails_for_non_unitary_mixing():
    # the identity needs unitarity: a non-unitary "U" breaks it (the test can fail)
    za, na, zb, nb = sp.symbols("Z_A N_A Z_B N_B", positive=True)
    bad = sp.diag(1, 1, 1) * sp.Rational(11, 10)
    lhs = coupling_sum(charge_matrix(za, na, U=bad), charge_matrix(zb, nb, U=bad))
    fa, fb = flavour_charges(za, na), flavour_charges(zb, nb)
    assert sp.simplify(lhs - sum(fa[f] * fb[f] for f in fa)) != 0


def test_flavour_charges_fe56():
    assert flavour_charges(26, 30) == {"e": 22, "mu": -30, "tau": -30}


def test_numeric_charges_fe56_paper_preset():
    from nusym.presets import load_parameters

    mpmath.mp.dps = 40
    q = charge_matrix_numeric(26, 30, load_parameters("segarra2020", "normal"), dps=30)
    c12sq, s13sq = mpmath.mpf("0.693"), mpmath.mpf("0.0212")
    assert mpmath.almosteq(q[0][0], 52 * c12sq * (1 - s13sq) - 30, 1e-28)
    assert mpmath.almosteq(q[2][2], 52 * s13sq - 30, 1e-28)
    # Hermitian and, with real mixing, real
    for i in range(3):
        for j in range(3):
            assert mpmath.almosteq(q[i][j], mpmath.conj(q[j][i]), 1e-28)
            assert abs(mpmath.im(q[i][j])) < 1e-28
    # sum_ij |Q^ij|^2 = 22^2 + 2 * 30^2 (Eq. 7 numerically)
    total = sum(abs(q[i][j]) ** 2 for i in range(3) for j in range(3))
    assert mpmath.almosteq(total, 2284, 1e-26)


# --- Eqs. (2), (3), (6): absorptive parts ------------------------------------------------

def test_phase_space_two_body():
    # Lorentz-invariant two-body phase space: sqrt(lambda)/(8 pi t)
    lam = ab.kallen(t, m_i**2, m_j**2)
    assert sp.simplify(ab.phase_space() - sp.sqrt(lam) / (8 * sp.pi * t)) == 0


def test_static_sources_pick_spin1_with_minus_sign():
    assert ab.static_projection_sign() == -1


def test_reproduce_eq6_dirac():
    # reproduce eq. (6) in Segarra & Bernabeu PRD 101 093004, Dirac: derived == printed
    (term,) = ab.absorptive_terms("dirac")
    assert term.weight == "dirac"
    assert sp.simplify(term.kernel - ab.printed_eq6("dirac")) == 0


def test_dirac_im_M_is_proportional_to_QA_conjQB():
    expr = ab.im_M("dirac")
    qa, qb = QA_re + sp.I * QA_im, QB_re + sp.I * QB_im
    (term,) = ab.absorptive_terms("dirac")
    assert sp.simplify(expr - ab.PREFACTOR * qa * sp.conjugate(qb) * term.kernel) == 0


def test_reproduce_eq6_majorana_real_mixing():
    # eq. (6), Majorana: the printed form is the axial term; it holds for real U_ei U*_ej
    axial, vector = ab.absorptive_terms("majorana")
    assert (axial.weight, vector.weight) == ("axial", "vector")
    assert sp.simplify(axial.kernel - ab.printed_eq6("majorana")) == 0
    diffs = eq6_comparison("majorana")
    assert diffs["axial"] == 0
    # the vector (Im Q_A Im Q_B) term differs from the printed one: X = mbar^2 - 3 m_i m_j
    expected = 6 * m_i * m_j * sp.sqrt((t - (m_i + m_j) ** 2) * (t - (m_i - m_j) ** 2)) / t
    assert sp.simplify(diffs["vector"] - expected) == 0


def test_majorana_vector_kernel_in_paper_form():
    _, vector = ab.absorptive_terms("majorana")
    mb2 = (m_i**2 + m_j**2) / 2
    dm2 = m_i**2 - m_j**2
    form = t * sp.sqrt(1 - 4 * mb2 / t + (dm2 / t) ** 2) * (1 - (mb2 - 3 * m_i * m_j) / t - (dm2 / t) ** 2 / 2)
    assert sp.simplify(vector.kernel - form) == 0


def test_majorana_with_real_charges_equals_printed_im_M():
    expr = ab.im_M("majorana").subs({QA_im: 0, QB_im: 0})
    printed = ab.PREFACTOR * QA_re * QB_re * ab.printed_eq6("majorana")
    assert sp.simplify(expr - printed) == 0


@pytest.mark.parametrize("nature", ["dirac", "majorana"])
def test_massless_limit_linear_in_t_and_natures_coincide(nature):
    # remark (iii) and Eq. (8): massless kernels are t, and the Majorana weights add up to
    # Re(Q_A conj Q_B), the Dirac weight
    total = sum(
        term.weight_expr * term.kernel.subs({m_i: 0, m_j: 0}) for term in ab.absorptive_terms(nature)
    )
    assert sp.simplify(total - (QA_re * QB_re + QA_im * QB_im) * t) == 0


def test_massless_limit_gives_eq8():
    # Eq. (1) with Im M = PREFACTOR * QQ * t over t in (0, oo): G_F^2/(16 pi^3 r^5) QQ (Eq. 8)
    r = sp.Symbol("r", positive=True)
    (term,) = ab.absorptive_terms("dirac")
    kern0 = term.kernel.subs({m_i: 0, m_j: 0})
    T = sp.integrate(sp.exp(-sp.sqrt(t) * r) * kern0, (t, 0, sp.oo))
    V = -1 / (4 * sp.pi**2 * r) * ab.PREFACTOR * T
    assert sp.simplify(V - G_F**2 / (16 * sp.pi**3 * r**5)) == 0


def test_kernels_symmetric_in_masses():
    for nature in ("dirac", "majorana"):
        for term in ab.absorptive_terms(nature):
            swapped = term.kernel.subs({m_i: m_j, m_j: m_i}, simultaneous=True)
            assert sp.simplify(swapped - term.kernel) == 0


@pytest.mark.parametrize(
    "nature,weight,power", [("dirac", "dirac", 1), ("majorana", "axial", 3), ("majorana", "vector", 1)]
)
def test_threshold_behaviour(nature, weight, power):
    # remark (v) of Eq. (6): S-wave (k) for Dirac, P-wave (k^3) for Majorana (axial)
    term = next(tt for tt in ab.absorptive_terms(nature) if tt.weight == weight)
    assert ab.threshold_power(term.kernel) == power
    lead = ab.threshold_leading_term(term.kernel)
    # independent check with a series expansion at numeric masses
    sub = {m_i: sp.Rational(1, 10), m_j: sp.Rational(3, 20)}
    expr = term.kernel.subs(sub).subs(t, (sp.Rational(1, 4)) ** 2 * (1 + k**2 / (sp.Rational(3, 200))))
    ser = sp.series(expr, k, 0, power + 2).removeO()
    assert sp.simplify(ser.coeff(k, power) - lead.subs(sub).coeff(k, power)) == 0
    for lower in range(power):
        assert sp.simplify(ser.coeff(k, lower)) == 0


def test_equal_mass_majorana_is_beta_cubed():
    axial, _ = ab.absorptive_terms("majorana")
    kern = axial.kernel.subs({m_i: m, m_j: m})
    beta = sp.sqrt(1 - 4 * m**2 / t)
    assert sp.simplify(kern - t * beta**3) == 0


def test_kernel_in_x_equals_kernel():
    x = sp.Symbol("x", positive=True)
    vals = {m_i: sp.Rational(1, 10), m_j: sp.Rational(1, 20), x: sp.Rational(3, 7)}
    for nature in ("dirac", "majorana"):
        for term in ab.absorptive_terms(nature):
            g = ab.kernel_in_x(term.kernel)
            u = vals[m_i] + vals[m_j] + vals[x]
            direct = 2 * u * term.kernel.subs({m_i: vals[m_i], m_j: vals[m_j]}).subs(t, u**2)
            assert sp.simplify(g.subs(vals) - direct) == 0


# --- Majorana phases -------------------------------------------------------------------

def test_majorana_phase_conditions():
    c = majorana_phase_conditions()
    assert len(c) == 3
    assert majorana_printed_form_holds(0, 0, 0)
    assert majorana_printed_form_holds(0, 2 * math.pi, 0)           # alpha21/2 = pi
    assert majorana_printed_form_holds(math.radians(40), 0, math.radians(80))  # alpha31 = 2 delta
    assert not majorana_printed_form_holds(math.radians(212), 0, 0)  # NuFIT 6.0 NO delta
    assert not majorana_printed_form_holds(0, math.pi, 0)


def test_nufit_delta_makes_charges_complex():
    from nusym.presets import load_parameters

    q = charge_matrix_numeric(26, 30, load_parameters("nufit-6.0", "normal"), dps=20)
    assert abs(mpmath.im(q[0][2])) > 1  # Im Q^{13} != 0: Majorana differs from printed Eq. (6)


# --- LaTeX and CLI -----------------------------------------------------------------------

def test_latex_in_paper_notation():
    text = ab.im_M_latex("majorana")
    for piece in (r"\overline{m}^{2}_{ij}", r"\Delta m^{2}_{ij}", "G_{F}", "m_{i}", r"\operatorname{Im} M_{ij}"):
        assert piece in text


def test_cli_charges_json(run_nusym):
    proc = run_nusym("charges", "Fe-56", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["source"] == "Fe-56" and data["Z"] == 26 and data["N"] == 30
    assert data["flavour"] == {"e": 22, "mu": -30, "tau": -30}
    assert len(data["Q_real"]) == 3 and all(len(row) == 3 for row in data["Q_imag"])
    assert data["Q_real"][2][2] == pytest.approx(52 * 0.0212 - 30, rel=1e-12, abs=0)


@pytest.mark.parametrize("spec", ["Fe-56", "56Fe", "Fe56", "Z=26,N=30"])
def test_cli_charges_source_forms(run_nusym, spec):
    proc = run_nusym("charges", spec, "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["flavour"]["e"] == 22


@pytest.mark.parametrize("spec", ["Xx-3", "Fe-12", "Z=-1,N=3", "Z=26,N=-30", "iron"])
def test_cli_charges_bad_source(run_nusym, spec):
    proc = run_nusym("charges", spec)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_cli_derive_absorptive(run_nusym):
    proc = run_nusym("derive", "absorptive", "--nature", "majorana")
    assert proc.returncode == 0, proc.stderr
    assert "DIFFERS from Eq. (6)" in proc.stdout
    proc = run_nusym("derive", "absorptive", "--nature", "dirac", "--latex")
    assert proc.returncode == 0 and r"\operatorname{Im} M_{ij}" in proc.stdout
    assert "identical to Eq. (6)" in proc.stdout


def test_cli_derive_bad_nature(run_nusym):
    proc = run_nusym("derive", "absorptive", "--nature", "weyl")
    assert proc.returncode == 2 and "dirac" in proc.stderr and "Traceback" not in proc.stderr
