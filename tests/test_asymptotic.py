"""Asymptotic expansions of the transform T (nusym.symbolic.asymptotic): Eqs. (8), (9).

Every numerical reference here is computed in the test itself, independently of
the package's numeric layer: T by mpmath.quad of exp(-sqrt(t) r) kernel(t) over t,
and, for equal masses, the Bessel closed form obtained below by the substitution
sqrt(t) = 2 m cosh(theta).
"""

from __future__ import annotations

import math

import mpmath
import pytest
import sympy as sp

from nusym.symbolic.absorptive import absorptive_terms
from nusym.symbolic.asymptotic import (
    channel_series,
    compare_with_eq9,
    derived_eq9_coefficients,
    eq9_comparison_latex,
    long_distance_series,
    long_distance_transform,
    potential_series,
    printed_eq9,
    short_distance_series,
    short_distance_transform,
)
from nusym.symbolic.symbols import G_F, QA, QB, m, m_i, m_j, mu, r, t, t_ij

KERNELS = [(nat, term.weight, term.kernel) for nat in ("dirac", "majorana") for term in absorptive_terms(nat)]
IDS = [f"{n}-{w}" for n, w, _ in KERNELS]
MI, MJ = sp.Rational(1, 10), sp.Rational(1118, 10000)


# ------------------------------------------------------------------ independent references
def full_T(kernel, R, a, b, dps=30):
    """T(r) = int_{(a+b)^2}^oo dt exp(-sqrt(t) r) kernel(t), by mpmath.quad over t."""
    K = sp.lambdify(t, kernel.subs({m_i: a, m_j: b}), "mpmath")
    with mpmath.workdps(dps + 10):
        s = mpmath.mpf(sp.N(a + b, dps + 20))
        R = mpmath.mpf(R)
        pts = [s**2] + [(s + k / R) ** 2 for k in (1, 4, 16, 64, 256)] + [mpmath.inf]
        val = mpmath.quad(lambda tt: mpmath.re(mpmath.exp(-(mpmath.sqrt(tt) - s) * R) * K(tt)), pts)
        return mpmath.exp(-s * R) * val


def bessel_closed_form(kernel):
    """Equal masses: T = sum_n A_n K_n(2 m r) from sqrt(t) = 2 m cosh(theta).

    Returns {n: A_n}. The integrand kernel(t) dt/dtheta is a polynomial in
    c = cosh(theta) (sqrt(lambda) = 4 m^2 c sinh, sinh^2 = c^2 - 1), and
    c^n = 2^-n sum_k binom(n, k) cosh((n - 2k) theta),
    int_0^oo exp(-z cosh) cosh(j theta) = K_j(z).
    """
    c, sh = sp.symbols("c sh", positive=True)
    k_eq = kernel.subs({m_i: m, m_j: m})
    root = sp.sqrt((t - 4 * m**2) * t)
    ratio = sp.cancel(sp.simplify(k_eq / root))  # rational in t
    integrand = ratio.subs(t, 4 * m**2 * c**2) * (4 * m**2 * c * sh) * (8 * m**2 * c * sh)
    integrand = sp.expand(sp.cancel(integrand).subs(sh**2, c**2 - 1))
    poly = sp.Poly(integrand, c)
    out: dict[int, sp.Expr] = {}
    for (n,), coeff in poly.terms():
        for k in range(n + 1):
            j = abs(n - 2 * k)
            out[j] = out.get(j, 0) + coeff * sp.binomial(n, k) / sp.Integer(2) ** n
    return {j: sp.factor(v) for j, v in out.items() if v != 0}


def hankel_series(closed, order):
    """Large-z expansion of sum A_n K_n(z), z = 2 m r, as coefficients of exp(-2mr) r^(-1/2-k)."""
    z = 2 * m * r
    total = 0
    for nu, A in closed.items():
        for k in range(order + 1):
            a_k = sp.Mul(*[4 * nu**2 - (2 * j - 1) ** 2 for j in range(1, k + 1)]) / (sp.factorial(k) * 8**k)
            total += A * sp.sqrt(sp.pi / (2 * z)) * sp.exp(-z) * a_k / z**k
    return sp.expand(sp.powsimp(sp.expand(total)))


def coeff_r(expr, p):
    """Coefficient of r**p (p may be a half-integer) in a sum of powers of r."""
    total = 0
    for term in sp.Add.make_args(sp.expand(expr)):
        c, e = term.as_independent(r, as_Add=False)
        _, power = e.as_base_exp() if e != 1 else (r, 0)
        if e == r:
            power = 1
        if sp.simplify(power - p) == 0:
            total += c
    return total


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
    for _, _, kernel in KERNELS:
        expr = long_distance_transform(kernel, 2, m_i, 0)
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


# ------------------------------------------------------------------ (a) Hankel expansion, equal masses
@pytest.mark.parametrize("nature,weight,kernel", KERNELS, ids=IDS)
def test_equal_masses_match_hankel_expansion(nature, weight, kernel):
    closed = bessel_closed_form(kernel)
    # the closed form itself is right (numerically, at one point)
    with mpmath.workdps(30):
        R = mpmath.mpf(3)
        z = 2 * R / 10
        closed_val = sum(mpmath.mpf(sp.N(A.subs(m, sp.Rational(1, 10)), 30)) * mpmath.besselk(n, z)
                         for n, A in closed.items())
        assert abs(closed_val / full_T(kernel, R, MI, MI) - 1) < 1e-20
    order = 4
    ser = long_distance_transform(kernel, order, m, m)
    a = long_distance_series(kernel, order, m, m).a
    hank = hankel_series(closed, order + 2)  # K-series is in r^(-1/2-k); a = 3/2 needs two more terms
    # compare coefficient by coefficient of exp(-2 m r) r^(-a-1-n), n = 0..order
    body = sp.expand(sp.powsimp(sp.expand(hank * sp.exp(2 * m * r))))
    mine = sp.expand(sp.powsimp(sp.expand(ser * sp.exp(2 * m * r))))
    for n in range(order + 1):
        p = -(a + 1 + n)
        assert sp.simplify(coeff_r(body, p) - coeff_r(mine, p)) == 0, (n, coeff_r(body, p), coeff_r(mine, p))


# ------------------------------------------------------------------ (b) error of the order-N series
@pytest.mark.parametrize("nature,weight,kernel", KERNELS, ids=IDS)
def test_error_ratio_approaches_one(nature, weight, kernel):
    """|T - S_N| / |term N+1| -> 1 like 1 + O(1/r), m_i = 0.1, m_j = 0.1118 eV, m r ~ 20..200."""
    ser = long_distance_series(kernel, 4, MI, MJ)
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


# ------------------------------------------------------------------ Eq. (9)
def test_eq9_comparison_dirac():
    comp = compare_with_eq9("dirac")
    b0, b1 = comp.rows
    assert b0.coincide and b0.derived == 1 and b0.printed == 1
    assert not b1.coincide
    st = sp.sqrt(t_ij)
    assert sp.simplify(b1.derived - 5 * (3 * st - 5 * mu) / (8 * mu * st)) == 0
    assert sp.simplify(b1.printed - (3 - 4 * mu / st) / (2 * mu)) == 0
    assert comp.vector == ()


def test_eq9_comparison_majorana():
    comp = compare_with_eq9("majorana")
    b0, b1 = comp.rows
    assert b0.coincide and b0.derived == 0 and b0.printed == 0
    assert b1.coincide
    st = sp.sqrt(t_ij)
    assert sp.simplify(b1.derived - (3 - 4 * mu / st) / (2 * mu)) == 0
    v0, v1 = comp.vector
    assert v0 == 2
    assert sp.simplify(v1 - (9 * st - 17 * mu) / (4 * mu * st)) == 0


def test_derived_coefficients_reproduce_series():
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
def test_eq9_equal_masses_symbolic(nature):
    """(c) equal masses: the leading terms that agree are identical symbolically."""
    main = "dirac" if nature == "dirac" else "axial"
    weight = QA * sp.conjugate(QB) if nature == "dirac" else None
    derived = potential_series(nature, 1, m, m)
    if nature == "majorana":  # the paper's phases: real charges, the vector term drops out
        from nusym.symbolic.symbols import QA_im, QA_re, QB_im, QB_re

        derived = derived.subs({QA_im: 0, QB_im: 0}) / (QA_re * QB_re)
    else:
        derived = derived / weight
    printed = printed_eq9(nature).subs({mu: m / 2, t_ij: 4 * m**2})
    lead_power = -sp.Rational(5, 2)
    dd = sp.expand(sp.powsimp(sp.expand(derived * sp.exp(2 * m * r))))
    pp = sp.expand(sp.powsimp(sp.expand(printed * sp.exp(2 * m * r))))
    assert main in ("dirac", "axial")
    # leading r^(-5/2): 1 (Dirac) or 0 (Majorana) both sides
    assert sp.simplify(coeff_r(dd, lead_power) - coeff_r(pp, lead_power)) == 0
    # next r^(-7/2): coincides for Majorana, differs for Dirac
    diff = sp.simplify(coeff_r(dd, lead_power - 1) - coeff_r(pp, lead_power - 1))
    assert (diff == 0) == (nature == "majorana")


def test_channel_series_and_latex():
    ch = channel_series("majorana", 1)
    assert [w for w, _ in ch] == ["axial", "vector"]
    tex = eq9_comparison_latex("majorana", 2)
    assert r"\mu_{ij}" in tex and r"\sqrt{t_{ij}}" in tex and "printed" in tex and "vector" in tex
    tex = eq9_comparison_latex("dirac", 3)
    assert r"\mu_{ij}" in tex and "vector" not in tex


# ------------------------------------------------------------------ short distance
def test_eq8_leading_and_mass_corrections():
    for _, weight, kernel in KERNELS:
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
            def T(R):
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


@pytest.mark.slow
@pytest.mark.parametrize("nature,weight,kernel", KERNELS, ids=IDS)
@pytest.mark.parametrize("masses", [(MI, MJ), (MI, MI), (MI, 0)], ids=["generic", "equal", "partner"])
def test_short_distance_scaling(nature, weight, kernel, masses):
    _short_distance_check(kernel, *masses, ["0.4", "0.2", "0.1"])


# ------------------------------------------------------------------ acceptance: Fe-Fe at 20 um
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
        for j in range(3):
            q = 2 * Z * Ue[i] * Ue[j] - (N if i == j else 0)
            for term in absorptive_terms(nature):
                w = q * q if term.weight in ("dirac", "axial") else 0  # real charges: Im Q = 0
                if w:
                    out.append((masses[i], masses[j], term.kernel, w))
    return out


@pytest.mark.parametrize("nature", ["dirac", "majorana"])
def test_acceptance_order3_fe_fe_20um(nature):
    with mpmath.workdps(30):
        R = mpmath.mpf("20e-6") / mpmath.mpf("1.973269804e-7")
        full = series = mpmath.mpf(0)
        for a, b, kernel, w in _fe_channels(nature):
            full += w * full_T(kernel, R, a, b)
            expr = long_distance_transform(kernel, 3, a, b)
            series += w * mpmath.mpf(sp.N(expr.subs(r, sp.Float(str(R), 40)), 35))
        err = abs(series / full - 1)
    assert err < 1e-4, err


# ------------------------------------------------------------------ CLI
def test_cli_derive_asymptotic(run_nusym):
    res = run_nusym("derive", "asymptotic", "--nature", "dirac", "--order", "3")
    assert res.returncode == 0, res.stderr
    assert "b_1" in res.stdout and "DIFFER" in res.stdout and "12/r**4" in res.stdout
    res = run_nusym("derive", "asymptotic", "--nature", "majorana", "--order", "1", "--latex")
    assert res.returncode == 0, res.stderr
    assert r"\mu_{ij}" in res.stdout and "vector" in res.stdout


def test_accuracy_table_weights_sum_to_eq7():
    """The table script's channel weights reproduce Eq. (7): sum_ij Q Q* = (2Z-N)^2 + 2 N^2."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "derivations" / "accuracy_table.py"
    spec = importlib.util.spec_from_file_location("accuracy_table", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    with mpmath.workdps(25):
        total = sum(w for *_, w in mod.channels("dirac", "normal", "0.05"))
    assert abs(total - ((2 * 26 - 30) ** 2 + 2 * 30**2)) < 1e-15
    assert math.isclose(float(total), 2284.0)
