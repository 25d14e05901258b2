"""Symbolic core: the ingredients of Eqs. (2)-(6) of Segarra & Bernabeu, PRD 101, 093004 (2020)
(PMNS unitarity, two-body phase space, the static-source projection, kernel symmetries),
the LaTeX and the ``charges``/``derive absorptive`` CLI.

The comparisons with the printed equations are in tests/paper/ (test_eq4.py ... test_eq9.py).
"""

from __future__ import annotations

import json

import pytest
import sympy as sp

from nusym.symbolic import absorptive as ab
from nusym.symbolic.couplings import pmns
from nusym.symbolic.symbols import m, m_i, m_j, t

# --- Eqs. (3)-(4): couplings -------------------------------------------------------------

def _reduce_trig(expr):
    """Remainder of a polynomial in sin/cos of the mixing angles modulo sin^2 + cos^2 - 1."""
    from nusym.symbolic.symbols import theta12, theta13, theta23

    sins, coss = sp.symbols("s1:4"), sp.symbols("c1:4")
    rep = {}
    for ang, s_, c_ in zip((theta12, theta13, theta23), sins, coss, strict=True):
        rep[sp.sin(ang)], rep[sp.cos(ang)] = s_, c_
    poly = sp.expand(sp.expand(expr).xreplace(rep))
    return sp.reduced(poly, [c_**2 + s_**2 - 1 for s_, c_ in zip(sins, coss, strict=True)], *sins, *coss)[1]


def test_pmns_is_unitary():
    # exact: the phases cancel in exp(i a) exp(-i a); the rest is reduced modulo sin^2 + cos^2 = 1
    U = pmns()
    assert all(_reduce_trig(e) == 0 for e in U * U.H - sp.eye(3))
    # and the reduction is not vacuous: one wrong entry is caught
    bad = U.copy()
    bad[0, 0] = 2 * bad[0, 0]
    assert not all(_reduce_trig(e) == 0 for e in bad * bad.H - sp.eye(3))


def test_phase_space_two_body():
    # Lorentz-invariant two-body phase space: sqrt(lambda)/(8 pi t)
    lam = ab.kallen(t, m_i**2, m_j**2)
    assert sp.simplify(ab.phase_space() - sp.sqrt(lam) / (8 * sp.pi * t)) == 0


def test_static_sources_pick_spin1_with_minus_sign():
    assert ab.static_projection_sign() == -1


def test_kernels_symmetric_in_masses():
    for nature in ("dirac", "majorana"):
        for term in ab.absorptive_terms(nature):
            swapped = term.kernel.subs({m_i: m_j, m_j: m_i}, simultaneous=True)
            assert sp.simplify(swapped - term.kernel) == 0


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

# --- LaTeX and CLI -----------------------------------------------------------------------

def test_latex_in_paper_notation():
    text = ab.im_M_latex("majorana")
    for piece in (r"\overline{m}^{2}_{ij}", r"\Delta m^{2}_{ij}", "G_{F}", "m_{i}", r"\operatorname{Im} M_{ij}"):
        assert piece in text


def test_cli_charges_json(cli):
    proc = cli("charges", "Fe-56", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["source"] == "Fe-56" and data["Z"] == "26" and data["N"] == "30"
    assert data["flavour"] == {"e": "22", "mu": "-30", "tau": "-30"}
    assert len(data["Q_real"]) == 3 and all(len(row) == 3 for row in data["Q_imag"])
    assert float(data["Q_real"][2][2]) == pytest.approx(52 * 0.0212 - 30, rel=1e-9, abs=0)


@pytest.mark.parametrize("spec", ["Fe-56", "56Fe", "Fe56", "Z=26,N=30"])
def test_cli_charges_source_forms(cli, spec):
    proc = cli("charges", spec, "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["flavour"]["e"] == "22"


@pytest.mark.parametrize("spec", ["Xx-3", "Fe-12", "Z=-1,N=3", "Z=26,N=-30", "iron"])
def test_cli_charges_bad_source(cli, spec):
    proc = cli("charges", spec)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_cli_derive_absorptive(cli):
    proc = cli("derive", "absorptive", "--nature", "majorana")
    assert proc.returncode == 0, proc.stderr
    assert "DIFFERS from Eq. (6)" in proc.stdout
    proc = cli("derive", "absorptive", "--nature", "dirac", "--latex")
    assert proc.returncode == 0 and r"\operatorname{Im} M_{ij}" in proc.stdout
    assert "identical to Eq. (6)" in proc.stdout


def test_cli_derive_bad_nature(cli):
    proc = cli("derive", "absorptive", "--nature", "weyl")
    assert proc.returncode == 2 and "dirac" in proc.stderr and "Traceback" not in proc.stderr
