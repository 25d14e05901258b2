"""Independent references for the transform T of Eq. (1), shared by tests/test_asymptotic.py
and tests/paper/test_eq9.py (none of them uses nusym.numeric).

* ``full_T``: T(r) = int dt exp(-sqrt(t) r) kernel(t) by mpmath.quad over t;
* ``bessel_closed_form``: equal masses, T = sum_n A_n K_n(2 m r) by the substitution
  sqrt(t) = 2 m cosh(theta), derived here from the kernel;
* ``hankel_series``: the large-r (Hankel) expansion of that Bessel form;
* ``coeff_r``: the coefficient of a power of r in a sum of powers.
"""

from __future__ import annotations

import mpmath
import sympy as sp

from nusym.symbolic.absorptive import absorptive_terms
from nusym.symbolic.symbols import m, m_i, m_j, r, t

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
