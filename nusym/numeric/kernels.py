"""One kernel per absorptive term of Eq. (6), with its mpmath, gmpy2 and NumPy back-ends.

Per ordered channel (i, j) and absorptive term k, Eq. (1) of Segarra & Bernabeu
(2020) needs

    T_k(r) = Int_{(m_i+m_j)^2}^oo dt exp(-sqrt(t) r) kernel_k(t)
           = exp(-s r) Int_0^oo dx exp(-x r) g_k(x),        s = m_i + m_j,

with sqrt(t) = s + x and g_k = 2 sqrt(t) kernel_k(t) free of cancellations
(:func:`nusym.symbolic.absorptive.kernel_in_x`). The derivation is generated
into :mod:`nusym.generated.absorptive` as the factorised form

    g_k(x) = c * prod_f P_f(x)^(e_f/2)

(integer polynomials P_f in x, m_i, m_j); this module evaluates that one form
with three back-ends: mpmath (:func:`g_mp`), gmpy2 MPFR at many nodes
(:func:`g_mpfr_values`) and NumPy (:func:`g_numpy`), and expands it at x = 0 for
Watson's lemma (:func:`watson_coefficients`, the long-distance series of Eq. 9).
``kind="T1"`` gives the integrand of T1 = -dT/dr, (s + x) g(x).

>>> import mpmath
>>> g = g_mp("dirac", 0, mpmath.mpf(0), mpmath.mpf(0))     # massless: g = 2 x^3
>>> g(mpmath.mpf(3))
mpf('54.0')
>>> terms("majorana")
('axial', 'vector')
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import Any, Callable

import mpmath

from nusym.generated import absorptive as generated
from nusym.generated.absorptive import EQ1_PREFACTOR, TERMS
from nusym.inputs import check_nature

__all__ = [
    "KINDS",
    "terms",
    "weight_function",
    "eq1_prefactor",
    "structure",
    "g_mp",
    "g_mpfr_values",
    "g_numpy",
    "watson_coefficients",
]

#: "T" = the transform itself, "T1" = -dT/dr (the sqrt(t)-weighted integrand, for the force)
KINDS = ("T", "T1")


def terms(nature: str) -> tuple[str, ...]:
    """Weight names of the absorptive terms of ``nature`` (Eq. 6): ('dirac',) or ('axial', 'vector')."""
    return TERMS[check_nature(nature)]


def weight_function(name: str) -> Callable[[Any, Any, Any, Any], Any]:
    """w(Re Q_A, Im Q_A, Re Q_B, Im Q_B) of the term ``name`` (generated from the derivation)."""
    return getattr(generated, f"weight_{name}")


def eq1_prefactor(G_F: Any, pi: Any) -> Any:
    """The prefactor of Eq. (1), V = eq1_prefactor * (1/r) sum_ij sum_k w_k T_k (any number type).

    >>> import math
    >>> eq1_prefactor(1.0, math.pi) * 192 * math.pi**3
    1.0
    """
    p, q = EQ1_PREFACTOR
    return G_F * G_F * p / (q * pi**3)


def structure(nature: str, index: int, mi: Any, mj: Any) -> tuple[Fraction, list[tuple[list[Any], int]]]:
    """(c, [(coefficients of P_f, highest power first), e_f]) of g(x) for these masses.

    The coefficients are evaluated in the number type of ``mi``, ``mj`` (float,
    mpf, mpfr, ...); c is an exact :class:`fractions.Fraction`.
    """
    (p, q), factors = getattr(generated, f"g_{check_nature(nature)}_{terms(nature)[index]}")(mi, mj)
    return Fraction(p, q), [(list(cs), e2) for cs, e2 in factors]


def _split(factors: list[tuple[list[Any], int]]) -> tuple[list[tuple[list[Any], int]], list[list[Any]]]:
    """P^(e/2) = P^(e//2) * sqrt(P)^(e%2): (whole powers, factors under one square root)."""
    whole = [(cs, e2 // 2) for cs, e2 in factors if e2 // 2]
    half = [cs for cs, e2 in factors if e2 % 2]
    return whole, half


def g_mp(nature: str, index: int, mi: Any, mj: Any, kind: str = "T") -> Callable[[Any], Any]:
    """mpmath evaluator x -> g(x) (``kind="T1"``: (m_i + m_j + x) g(x)) for fixed masses.

    Horner forms and a single square root, at the current mpmath precision.

    >>> import mpmath
    >>> f = g_mp("majorana", 0, mpmath.mpf("0.1"), mpmath.mpf("0.1"))
    >>> mpmath.nstr(f(mpmath.mpf(1)), 12)
    '3.31300467854'
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    mi, mj = mpmath.mpf(mi), mpmath.mpf(mj)
    const, factors = structure(nature, index, mi, mj)
    whole, half = _split(factors)
    c = mpmath.mpf(const.numerator) / const.denominator
    whole_c = [([mpmath.mpf(v) for v in cs], n) for cs, n in whole]
    half_c = [[mpmath.mpf(v) for v in cs] for cs in half]
    s = mi + mj
    polyval = mpmath.polyval
    force = kind == "T1"

    def g(x: Any) -> Any:
        val = c
        for cs, n in whole_c:
            val *= polyval(cs, x) ** n
        if half_c:
            under = mpmath.mpf(1)
            for cs in half_c:
                under *= polyval(cs, x)
            val *= mpmath.sqrt(under)
        return val * (s + x) if force else val

    return g


def g_mpfr_values(nature: str, index: int, mi: Any, mj: Any, xs: list[Any], kind: str = "T") -> list[Any]:
    """g(x_n) at every node, computed with gmpy2 MPFR numbers, returned as mpf.

    The same factorised form as :func:`g_mp`, several times faster than mpf
    arithmetic at many nodes; precision: the current mpmath precision + 10 bits.
    """
    import gmpy2

    bits = mpmath.mp.prec + 10

    def to_mpfr(v: Any) -> Any:
        sign, man, exp, _ = mpmath.mpf(v)._mpf_
        val = gmpy2.mul_2exp(gmpy2.mpfr(man), exp)
        return -val if sign else val

    out = []
    with gmpy2.context(gmpy2.get_context(), precision=bits):
        gmi, gmj = to_mpfr(mi), to_mpfr(mj)
        const, factors = structure(nature, index, gmi, gmj)
        whole, half = _split(factors)
        c = gmpy2.mpfr(const.numerator) / const.denominator
        whole_c = [([gmpy2.mpfr(v) for v in cs], n) for cs, n in whole]
        half_c = [[gmpy2.mpfr(v) for v in cs] for cs in half]
        s = gmi + gmj

        def horner(cs: list[Any], xv: Any) -> Any:
            acc = cs[0]
            for cc in cs[1:]:
                acc = acc * xv + cc
            return acc

        for xn in xs:
            xv = to_mpfr(xn)
            val = c
            for cs, n in whole_c:
                val = val * horner(cs, xv) ** n
            if half_c:
                under = gmpy2.mpfr(1)
                for cs in half_c:
                    under = under * horner(cs, xv)
                val = val * gmpy2.sqrt(under)
            if kind == "T1":
                val = val * (s + xv)
            m, e = val.as_mantissa_exp()
            out.append(mpmath.mpf((int(m), int(e))))
    return out


def g_numpy(nature: str, index: int, x: Any, mi: float, mj: float, kind: str = "T") -> Any:
    """g(x) on a NumPy array of x (double precision) for fixed masses.

    >>> import numpy as np
    >>> g_numpy("dirac", 0, np.array([1.0, 2.0]), 0.0, 0.0).tolist()   # 2 x^3
    [2.0, 16.0]
    """
    import numpy as np

    x = np.asarray(x, dtype=float)
    const, factors = structure(nature, index, float(mi), float(mj))
    whole, half = _split(factors)
    val = np.full_like(x, float(const))
    for cs, n in whole:
        val = val * np.polyval([float(v) for v in cs], x) ** n
    if half:
        under = np.ones_like(x)
        for cs in half:
            under = under * np.polyval([float(v) for v in cs], x)
        val = val * np.sqrt(under)
    if kind == "T1":
        val = val * (float(mi) + float(mj) + x)
    return val


def _binomial_series(y: list[Any], e: Any, count: int) -> list[Any]:
    """Coefficients of (1 + y(x))^e, y(0) = 0, to x^(count-1): n f_n = sum_k (e k - n + k) y_k f_(n-k)."""
    f = [mpmath.mpf(1)] + [mpmath.mpf(0)] * (count - 1)
    for n in range(1, count):
        acc = mpmath.mpf(0)
        for k in range(1, min(n, len(y) - 1) + 1):
            if y[k]:
                acc += (e * k - n + k) * y[k] * f[n - k]
        f[n] = acc / n
    return f


def _series_mul(u: list[Any], v: list[Any], count: int) -> list[Any]:
    return [mpmath.fsum(u[i] * v[n - i] for i in range(n + 1)) for n in range(count)]


@lru_cache(maxsize=256)
def _watson_cached(nature: str, index: int, mi: Any, mj: Any, count: int, kind: str,
                   prec: int) -> tuple[Fraction, tuple[Any, ...]]:
    with mpmath.workprec(prec):
        const, factors = structure(nature, index, mi, mj)
        if kind == "T1":
            factors = factors + [([mpmath.mpf(1), mi + mj], 2)]
        a = Fraction(0)
        pref = mpmath.mpf(const.numerator) / const.denominator
        total = [mpmath.mpf(1)] + [mpmath.mpf(0)] * (count - 1)
        for cs, e2 in factors:
            asc = [mpmath.mpf(c) for c in reversed(cs)]
            low = next((k for k, c in enumerate(asc) if c != 0), None)
            if low is None:
                return Fraction(0), tuple(mpmath.mpf(0) for _ in range(count))
            e = Fraction(e2, 2)
            a += low * e
            c0 = asc[low]
            pref *= c0 ** (mpmath.mpf(e2) / 2)
            y = [mpmath.mpf(0)] + [c / c0 for c in asc[low + 1:]]
            total = _series_mul(total, _binomial_series(y, mpmath.mpf(e2) / 2, count), count)
        return a, tuple(pref * h for h in total)


def watson_coefficients(nature: str, index: int, mi: Any, mj: Any, count: int,
                        kind: str = "T") -> tuple[Fraction, tuple[Any, ...]]:
    """g(x) = x^a sum_n h_n x^n: (a, (h_0, ..., h_(count-1))) at the current precision.

    Watson's lemma then gives T ~ exp(-s r) sum_n h_n Gamma(a + 1 + n) r^-(a+1+n)
    (the long-distance series, Eq. 9 of Segarra & Bernabeu 2020). Power-series
    arithmetic on the generated factors: O(count^2) operations, no SymPy.

    >>> import mpmath
    >>> a, h = watson_coefficients("dirac", 0, mpmath.mpf(1), mpmath.mpf(1), 2)
    >>> a, mpmath.nstr(h[0], 10)
    (Fraction(1, 2), '12.0')
    """
    mi, mj = mpmath.mpf(mi), mpmath.mpf(mj)
    return _watson_cached(check_nature(nature), index, mi, mj, count, kind, mpmath.mp.prec)
