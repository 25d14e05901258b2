"""Closed forms of the transform T of Eq. (1) (nusym.symbolic.closed); Eq. (8) itself: tests/paper/test_eq8.py."""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp

from nusym.numeric.integral import transform
from nusym.symbolic.absorptive import absorptive_terms
from nusym.symbolic.closed import (
    closed_form_kind,
    closed_form_transform,
    derive_closed_form_text,
    derive_massless_text,
    equal_mass_transform,
    one_massless_transform,
)
from nusym.symbolic.symbols import m, m_i, m_j, r, t

TERMS = [("dirac", 0), ("majorana", 0), ("majorana", 1)]


def _closed_value(nature, index, mi, mj, rr, dps):
    kernel = absorptive_terms(nature)[index].kernel
    expr = closed_form_transform(kernel, m if mi else 0, (m if mj else 0))
    f = sp.lambdify((r, m), expr, modules="mpmath")
    with mpmath.workdps(dps + 20):
        return f(mpmath.mpf(rr), mpmath.mpf(mi or mj or 0))


def _direct_quad(nature, index, mi, mj, rr, dps):
    """T by mpmath quad of the t-integral in u = sqrt(t), independent of nusym.numeric."""
    kernel = absorptive_terms(nature)[index].kernel
    u = sp.Symbol("u", positive=True)
    f = sp.lambdify((u, m_i, m_j), 2 * u * kernel.subs(t, u**2), modules="mpmath")
    with mpmath.workdps(dps + 10):
        mi, mj, rr = mpmath.mpf(mi), mpmath.mpf(mj), mpmath.mpf(rr)
        s = mi + mj
        pts = [s, s + mpmath.mpf(1) / rr, s + 10 / rr, s + 40 / rr, mpmath.inf]
        return mpmath.quad(lambda x: mpmath.exp(-x * rr) * f(x, mi, mj), pts)


@pytest.mark.parametrize("nature,index", TERMS)
@pytest.mark.parametrize("mass,rr", [("0.1", "5.07"), ("0.05", "50.7"), ("0.0087", "2")])
def test_eq1_equal_mass_bessel_form_matches_full_integral(nature, index, mass, rr):
    """Eq. (1), m_i = m_j: the K_n form equals the verified integral to >= 30 digits at dps 40."""
    closed = _closed_value(nature, index, mass, mass, rr, 40)
    full = transform(nature, index, mass, mass, rr, dps=40)
    with mpmath.workdps(50):
        assert abs(closed / full - 1) < mpmath.mpf(10) ** -32


@pytest.mark.parametrize("nature,index", TERMS)
@pytest.mark.parametrize("mass,rr", [("0.05", "5.07"), ("0.0087", "50")])
def test_eq1_one_massless_partner_matches_full_integral(nature, index, mass, rr):
    closed = _closed_value(nature, index, mass, 0, rr, 40)
    full = transform(nature, index, mass, 0, rr, dps=40)
    with mpmath.workdps(50):
        assert abs(closed / full - 1) < mpmath.mpf(10) ** -32


@pytest.mark.parametrize("nature,index", TERMS)
@pytest.mark.parametrize("mi,mj", [("0.1", "0.1"), ("0.03", "0")])
def test_closed_forms_against_independent_quadrature(nature, index, mi, mj):
    """Closed forms vs mpmath.quad of the t-integral itself (not nusym.numeric)."""
    for rr in ("0.5", "7"):
        closed = _closed_value(nature, index, mi, mj if mj != "0" else 0, rr, 25)
        direct = _direct_quad(nature, index, mi, mj, rr, 25)
        with mpmath.workdps(30):
            assert abs(closed / direct - 1) < mpmath.mpf(10) ** -20


def test_equal_mass_forms_are_single_bessel_functions_for_paper_terms():
    dirac = equal_mass_transform(absorptive_terms("dirac")[0].kernel)
    axial = equal_mass_transform(absorptive_terms("majorana")[0].kernel)
    assert sp.simplify(dirac - 12 * m**3 * sp.besselk(3, 2 * m * r) / r) == 0
    assert sp.simplify(axial - 24 * m**2 * sp.besselk(2, 2 * m * r) / r**2) == 0


def test_equal_mass_closed_form_has_massless_limit():
    for nature, index in TERMS:
        expr = equal_mass_transform(absorptive_terms(nature)[index].kernel)
        f = sp.lambdify((r, m), expr, modules="mpmath")
        with mpmath.workdps(40):
            val = f(mpmath.mpf(2), mpmath.mpf("1e-15"))
            assert abs(val * 16 / 12 - 1) < mpmath.mpf("1e-20")


def test_one_massless_form_derivative_matches_integrand_structure():
    """d/dr of the closed form equals -Int dt sqrt(t) e^{-sqrt(t) r} kernel (numerically)."""
    kernel = absorptive_terms("dirac")[0].kernel
    expr = one_massless_transform(kernel)
    d = sp.lambdify((r, m), -sp.diff(expr, r), modules="mpmath")
    u = sp.Symbol("u", positive=True)
    g = sp.lambdify((u, m_i, m_j), 2 * u * u * kernel.subs(t, u**2), modules="mpmath")
    with mpmath.workdps(30):
        mm, rr = mpmath.mpf("0.05"), mpmath.mpf(3)
        direct = mpmath.quad(lambda x: mpmath.exp(-x * rr) * g(x, mm, 0), [mm, mm + 1, mm + 20, mpmath.inf])
        assert abs(d(rr, mm) / direct - 1) < mpmath.mpf("1e-25")


def test_closed_form_kind_and_error():
    assert closed_form_kind(0, 0) == "massless"
    assert closed_form_kind(m, 0) == "one_massless"
    assert closed_form_kind(m, m) == "equal_mass"
    from nusym.errors import NusymError

    with pytest.raises(NusymError, match="no closed form"):
        closed_form_transform(absorptive_terms("dirac")[0].kernel, 1, 2)


def test_derive_texts():
    text = derive_closed_form_text(nature="majorana", latex=False)
    assert "besselk(2, 2*m*r)" in text and "expint(1, m*r)" in text and "12/r**4" in text
    assert "K_{2}" in derive_closed_form_text(nature="dirac", latex=True) or \
        "K_{3}" in derive_closed_form_text(nature="dirac", latex=True)
    mtext = derive_massless_text(nature="dirac", latex=False)
    assert "G_F**2*S/(16*pi**3*r**5)" in mtext and "True" in mtext
    assert r"\pi^{3}" in derive_massless_text(nature="dirac", latex=True)


def test_cli_derive_closed_form(cli):
    res = cli("derive", "closed-form", "--nature", "dirac")
    assert res.returncode == 0, res.stderr
    assert "besselk(3, 2*m*r)" in res.stdout
    res = cli("derive", "massless", "--latex")
    assert res.returncode == 0, res.stderr
    assert "16" in res.stdout
