"""Asymptotic expansions of the transform T (nusym.symbolic.asymptotic): the series beyond Eqs. (8), (9).

The comparisons with the printed Eqs. (8) and (9) are in tests/paper/test_eq8.py and
tests/paper/test_eq9.py. Every numerical reference here is computed in the tests,
independently of the package's numeric layer (tests/asymptotic_refs.py): T by
mpmath.quad of exp(-sqrt(t) r) kernel(t) over t and, for equal masses, the Bessel
closed form obtained by the substitution sqrt(t) = 2 m cosh(theta).
"""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp
from asymptotic_refs import IDS, KERNELS, MI, MJ, bessel_closed_form, full_T  # noqa: E402  (tests/)

from nusym.symbolic.absorptive import absorptive_terms
from nusym.symbolic.asymptotic import (
    channel_series,
    eq9_comparison_latex,
    long_distance_series,
    long_distance_transform,
    short_distance_series,
    short_distance_transform,
)
from nusym.symbolic.symbols import m, m_i, m_j, r


# ------------------------------------------------------------------ long distance: structure
@pytest.mark.parametrize("nature,weight,kernel", KERNELS, ids=IDS)
def test_threshold_exponents(nature, weight, kernel):
    a_generic = long_distance_series(kernel, 0).a
    assert a_generic == (sp.Rational(3, 2) if weight == "axial" else sp.Rational(1, 2))
    assert long_distance_series(kernel, 0, m, m).a == a_generic
    # a massless partner: integer powers, g ~ x^2 for every kernel
    assert long_distance_series(kernel, 0, m_i, 0).a == 2
    assert long_distance_series(kernel, 0, 0, m_j).a == 2


@pytest.mark.parametrize("nature,weight,kernel", KERNELS, ids=IDS)
def test_both_massless_is_exact(nature, weight, kernel):
    ser = long_distance_series(kernel, 5, 0, 0)
    assert ser.exact
    assert sp.simplify(ser.expr() - 12 / r**4) == 0
    assert short_distance_transform(kernel, 4, 0, 0) == 12 / r**4


def test_massless_partner_form():
    # order N keeps V through r^(-5/2-N): with a massless partner (a = 2) order 4 keeps 3 terms
    for _, _, kernel in KERNELS:
        expr = long_distance_transform(kernel, 4, m_i, 0)
        assert sp.simplify(expr - sp.exp(-m_i * r) * (24 * m_i / r**3 - 48 / r**4 + 360 / (m_i * r**5))) == 0


def test_order_keeps_terms_and_cache():
    (term,) = absorptive_terms("dirac")
    ser = long_distance_series(term.kernel, 3)
    assert len(ser.coeffs) == 4
    assert long_distance_series(term.kernel, 3) is ser
    assert long_distance_series(term.kernel, 1).coeffs == ser.coeffs[:2]
    from nusym.errors import NusymError

    with pytest.raises(NusymError):
        long_distance_series(term.kernel, -1)


# ------------------------------------------------------------------ (b) error of the order-N series
@pytest.mark.parametrize("nature,weight,kernel", KERNELS, ids=IDS)
def test_error_ratio_approaches_one(nature, weight, kernel):
    """|T - S_N| / |term N+1| -> 1 like 1 + O(1/r), m_i = 0.1, m_j = 0.1118 eV, m r ~ 20..200."""
    # five Watson terms: order 4 for a = 1/2, order 5 for the P-wave a = 3/2 (order N cuts V at r^(-5/2-N))
    ser = long_distance_series(kernel, 5, MI, MJ)
    assert len(ser.coeffs) >= 5
    radii = [200, 400, 800, 1600]
    devs = {N: [] for N in (1, 2, 3)}
    with mpmath.workdps(40):
        for R in radii:
            T = full_T(kernel, R, MI, MJ)
            terms = [mpmath.mpf(sp.N(c * sp.exp(-ser.s * R) * sp.Integer(R) ** (-(ser.a + 1 + n)), 45))
                     for n, c in enumerate(ser.coeffs)]
            for N in devs:
                ratio = (T - sum(terms[: N + 1])) / terms[N + 1]
                devs[N].append(abs(ratio - 1))
    for N, d in devs.items():
        assert d[-1] < 0.01, (N, d)
        for k in range(len(radii) - 1):  # deviation halves when r doubles: O(1/r)
            assert 0.35 < d[k + 1] / d[k] < 0.65, (N, d)


def test_channel_series_and_latex():
    ch = channel_series("majorana", 1)
    assert [w for w, _ in ch] == ["axial", "vector"]
    tex = eq9_comparison_latex("majorana", 2)
    assert r"\mu_{ij}" in tex and r"\sqrt{t_{ij}}" in tex and "printed" in tex and "vector" in tex
    tex = eq9_comparison_latex("dirac", 3)
    assert r"\mu_{ij}" in tex and "vector" not in tex


# ------------------------------------------------------------------ short distance
def test_eq8_leading_and_mass_corrections():
    for _, _weight, kernel in KERNELS:
        ser = short_distance_series(kernel, 2)
        assert ser.f[0] == 1  # Eq. (8): T -> 12/r^4 for every kernel
    (dirac,) = absorptive_terms("dirac")
    assert short_distance_series(dirac.kernel, 2).f[2] == 0  # no log for Dirac
    assert sp.simplify(short_distance_transform(dirac.kernel, 2) - (12 / r**4 - 3 * (m_i**2 + m_j**2) / r**2)) == 0
    from nusym.errors import NusymError

    with pytest.raises(NusymError):
        short_distance_transform(dirac.kernel, 5)


@pytest.mark.slow
def test_short_distance_equal_masses_exact_constants():
    (dirac,) = absorptive_terms("dirac")
    assert short_distance_series(dirac.kernel, 4).f[2] == 0  # no log for Dirac
    # equal masses: exact constants
    assert sp.simplify(short_distance_transform(dirac.kernel, 4, m, m) - (12 / r**4 - 6 * m**2 / r**2 + 3 * m**4)) == 0
    axial = absorptive_terms("majorana")[0].kernel
    expected = 12 / r**4 - 12 * m**2 / r**2 - 12 * m**4 * sp.log(r) + m**4 * (9 - 12 * sp.log(m) - 12 * sp.EulerGamma)
    assert sp.simplify(short_distance_transform(axial, 4, m, m) - expected) == 0


@pytest.mark.slow
def test_short_distance_equal_masses_against_bessel():
    """Equal masses: C is exact; the remainder against the Bessel closed form is O(r^2 log r)."""
    mval = sp.Rational(1, 10)
    for _, _, kernel in KERNELS:
        closed = bessel_closed_form(kernel)
        S = sp.lambdify(r, short_distance_transform(kernel, 4, m, m).subs(m, mval), "mpmath")
        with mpmath.workdps(40):
            def T(R, closed=closed):
                return sum(mpmath.mpf(sp.N(A.subs(m, mval), 45)) * mpmath.besselk(n, 2 * R * mpmath.mpf(mval))
                           for n, A in closed.items())
            d1, d2 = (abs(T(R) - S(R)) for R in (mpmath.mpf("0.02"), mpmath.mpf("0.01")))
            scale = mpmath.mpf(mval) ** 6 * mpmath.mpf("0.02") ** 2 * abs(mpmath.log(mpmath.mpf("0.002")))
            assert d1 < 20 * scale
            assert 2.5 < d1 / d2 < 4.5


def _short_distance_check(kernel, a, b, radii):
    """Remainder after order N divided by the next term -> 1 (N = 0, 2); order 4 remainder shrinks >= like r."""
    ser4 = short_distance_series(kernel, 4, a, b)
    f0, f1, f2 = (mpmath.mpf(sp.N(f, 40)) for f in ser4.f)
    C = mpmath.mpf(sp.N(ser4.constant, 40))
    rem4 = []
    for R in radii:
        R = mpmath.mpf(R)
        T = full_T(kernel, R, a, b)
        S0 = 12 * f0 / R**4
        S2 = S0 + 2 * f1 / R**2
        S4 = S2 - 2 * f2 * mpmath.log(R) + C
        assert abs((T - S0) / (S4 - S0) - 1) < 0.05
        assert abs((T - S2) / (S4 - S2) - 1) < 0.25
        rem4.append(abs(T - S4))
    for k in range(len(radii) - 1):
        assert rem4[k + 1] / rem4[k] < 0.6  # radii halve: remainder O(r) or smaller
    return rem4


def test_short_distance_scaling_generic_fast():
    axial = absorptive_terms("majorana")[0].kernel
    _short_distance_check(axial, MI, MJ, ["0.2", "0.1"])


@pytest.mark.parametrize("nature,weight,kernel", KERNELS, ids=IDS)
@pytest.mark.parametrize("masses", [
    pytest.param((MI, MJ), marks=pytest.mark.slow, id="generic"),   # fast instance: ..._generic_fast
    pytest.param((MI, MI), marks=pytest.mark.slow, id="equal"),     # 5-15 s each (symbolic series)
    pytest.param((MI, 0), id="partner"),
])
def test_short_distance_scaling(nature, weight, kernel, masses):
    _short_distance_check(kernel, *masses, ["0.4", "0.2", "0.1"])


# ------------------------------------------------------------------ CLI
def test_cli_derive_asymptotic(cli):
    res = cli("derive", "asymptotic", "--nature", "dirac", "--order", "3")
    assert res.returncode == 0, res.stderr
    assert "b_1" in res.stdout and "DIFFER" in res.stdout and "12/r**4" in res.stdout
    res = cli("derive", "asymptotic", "--nature", "majorana", "--order", "1", "--latex")
    assert res.returncode == 0, res.stderr
    assert r"\mu_{ij}" in res.stdout and "vector" in res.stdout
