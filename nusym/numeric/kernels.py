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

The ``nature`` argument of these functions is a kernel family
(:data:`FAMILIES`): ``"dirac"``/``"majorana"`` for the Standard Model current of
the paper, ``"<nature>_va"`` / ``"<nature>_sp"`` for the currents beyond V-A
(their weights include the current coefficients, :func:`weight_functions`).

>>> import mpmath
>>> g = g_mp("dirac", 0, mpmath.mpf(0), mpmath.mpf(0))     # massless: g = 2 x^3
>>> g(mpmath.mpf(3))
mpf('54.0')
>>> terms("majorana")
('axial', 'vector')
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from functools import cache, lru_cache
from typing import Any

import mpmath

from nusym.generated import absorptive as generated
from nusym.generated.absorptive import CURRENT_TERMS, EQ1_PREFACTOR, TERMS
from nusym.inputs import check_nature

__all__ = [
    "KINDS",
    "FAMILIES",
    "check_family",
    "weight_functions",
    "terms",
    "weight_function",
    "eq1_prefactor",
    "structure",
    "g_mp",
    "g_mpfr_values",
    "reduced_form",
    "g_numpy",
    "watson_coefficients",
]

#: "T" = the transform itself, "T1" = -dT/dr (the sqrt(t)-weighted integrand, for the force)
KINDS = ("T", "T1")


#: kernel families: a nature (the Standard Model V-A of Eq. 6) or ``<nature>_va`` / ``<nature>_sp``
#: (currents beyond V-A, :func:`nusym.symbolic.absorptive.absorptive_terms`)
FAMILIES = tuple(TERMS)


def check_family(name: str) -> str:
    """A kernel family of :data:`FAMILIES` (a nature is accepted in any spelling of check_nature).

    >>> check_family("Dirac"), check_family("majorana_sp")
    ('dirac', 'majorana_sp')
    """
    if isinstance(name, str) and name in TERMS:
        return name
    return check_nature(name)


def terms(nature: str) -> tuple[str, ...]:
    """Names of the absorptive terms of a kernel family (Eq. 6): ('dirac',), ('axial', 'vector'), ('vv', 'aa') ...

    >>> terms("dirac_sp")
    ('ss', 'pp')
    """
    return TERMS[check_family(nature)]


def weight_functions(family: str, coefficients: Any = None) -> list[Callable[[Any, Any, Any, Any], Any]]:
    """w_k(Re Q_A, Im Q_A, Re Q_B, Im Q_B) of every term of ``family``, current coefficients included.

    For the currents beyond V-A, w_k = (p/q) prod_c c^power * (charge weight), with
    the signed monomials of the derivation (``CURRENT_TERMS``); ``coefficients``
    maps V, A, S, P to numbers (any type; a missing key counts as 1).

    >>> [f(2.0, 0.0, 3.0, 0.0) for f in weight_functions("dirac_sp", {"S": 0.5, "P": 0.0})]
    [-1.5, -0.0]
    """
    family = check_family(family)
    if family not in CURRENT_TERMS:
        return [weight_function(name) for name in terms(family)]
    values = dict(coefficients or {})
    out: list[Callable[[Any, Any, Any, Any], Any]] = []
    for _name, charge, (p, q), powers in CURRENT_TERMS[family]:
        factor: Any = p
        for key, power in zip(("V", "A", "S", "P"), powers, strict=True):
            if power:
                factor = factor * values.get(key, 1) ** power
        factor = factor / q
        out.append(_scaled(weight_function(charge), factor))
    return out


def _scaled(base: Callable[[Any, Any, Any, Any], Any], factor: Any) -> Callable[[Any, Any, Any, Any], Any]:
    """``factor * base(a, b, c, d)`` as a function of (a, b, c, d)."""
    return lambda a, b, c, d: factor * base(a, b, c, d)


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
    (p, q), factors = getattr(generated, f"g_{check_family(nature)}_{terms(nature)[index]}")(mi, mj)
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


def _to_mpfr(v: Any) -> Any:
    """An mpf (or anything mpmath.mpf accepts) as a gmpy2 mpfr, exactly (no rounding)."""
    import gmpy2

    sign, man, exp, _ = mpmath.mpf(v)._mpf_
    if not man:
        return gmpy2.mpfr(0)
    bits = max(int(man).bit_length(), 1)
    val = gmpy2.mul_2exp(gmpy2.mpfr(man, bits), exp)
    return -val if sign else val


def g_mpfr_values(nature: str, index: int, mi: Any, mj: Any, xs: list[Any], kind: str = "T") -> list[Any]:
    """g(x_n) at every node, computed with gmpy2 MPFR numbers, returned as mpf.

    The same form as :func:`g_mp`, reduced once by :func:`reduced_form` to
    g = c A(x) sqrt(U(x)) / D(x) (one Horner loop per polynomial, one square root
    per node); precision: the current mpmath precision + 10 bits. The nodes are
    converted exactly (mpf -> mpfr), the values are rounded once to mpf.

    >>> import mpmath
    >>> [mpmath.nstr(v, 12) for v in g_mpfr_values("majorana", 0, "0.1", "0.1", [1, 2])]
    ['3.31300467854', '21.0325462082']
    """
    import gmpy2

    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    bits = mpmath.mp.prec + 10
    const, a_poly, u_poly, d_poly = reduced_form(nature, index, mi, mj)
    from_mpfr = mpmath.mpf
    out = []
    with gmpy2.context(gmpy2.get_context(), precision=bits):
        c = gmpy2.mpfr(const)
        a_c = [gmpy2.mpfr(v) for v in reversed(a_poly)]       # highest power first
        u_c = [gmpy2.mpfr(v) for v in reversed(u_poly)]
        d_c = [gmpy2.mpfr(v) for v in reversed(d_poly)]
        s = gmpy2.mpfr(_exact(mi) + _exact(mj))
        force = kind == "T1"
        root = len(u_c) > 1
        u0 = gmpy2.sqrt(u_c[0]) if not root else None
        sqrt = gmpy2.sqrt

        def horner(cs: list[Any], xv: Any) -> Any:
            acc = cs[0]
            for cc in cs[1:]:
                acc = acc * xv + cc
            return acc

        for xn in xs:
            xv = _to_mpfr(xn)
            val = c * horner(a_c, xv)
            val = val * (sqrt(horner(u_c, xv)) if root else u0)
            if len(d_c) > 1:
                val = val / horner(d_c, xv)
            elif d_c[0] != 1:
                val = val / d_c[0]
            if force:
                val = val * (s + xv)
            m, e = val.as_mantissa_exp()
            out.append(from_mpfr((int(m), int(e))))
    return out


# ----------------------------------------------------------------------------- exact reduced form
def _exact(v: Any) -> Any:
    """``v`` (int, Fraction, float, mpf, decimal string, mpq) as an exact gmpy2.mpq."""
    import gmpy2

    if isinstance(v, (int, Fraction)) or type(v).__name__ == "mpq":
        return gmpy2.mpq(v)
    sign, man, exp, _ = mpmath.mpf(v)._mpf_
    q = gmpy2.mpq(int(man) << exp) if exp >= 0 else gmpy2.mpq(int(man), 1 << -exp)
    return -q if sign else q


def _int_mul(p: tuple[int, ...], q: tuple[int, ...]) -> tuple[int, ...]:
    """Product of two integer polynomials (coefficients lowest power first)."""
    out = [0] * (len(p) + len(q) - 1)
    for i, a in enumerate(p):
        if a:
            for j, b in enumerate(q):
                out[i + j] += a * b
    return tuple(out)


def _int_pow(p: tuple[int, ...], n: int) -> tuple[int, ...]:
    out: tuple[int, ...] = (1,)
    while n:                       # by squaring
        if n & 1:
            out = _int_mul(out, p)
        n >>= 1
        if n:
            p = _int_mul(p, p)
    return out


@cache
def _homogeneous(nature: str, index: int) -> bool:
    """Whether every generated factor P_f(x; m_i, m_j) is homogeneous (of degree deg_x P_f).

    Then P_f(x; m) = L^-deg P_f(L x; L m): with L = 2^E the masses become integers.
    Checked at two points (exact integer arithmetic): t^k c_k(m) = c_k(t m).
    """
    fn = getattr(generated, f"g_{nature}_{terms(nature)[index]}")
    for (a, b), t in (((3, 5), 2), ((2, 7), 3)):
        _, f1 = fn(a, b)
        _, f2 = fn(t * a, t * b)
        for (c1, _), (c2, _) in zip(f1, f2, strict=True):
            if any(int(v2) != int(v1) * t**i for i, (v1, v2) in enumerate(zip(c1, c2, strict=True))):
                return False
    return True


def _dyadic(q: Any) -> tuple[int, int] | None:
    """(n, e) with q = n / 2^e, e >= 0, or None if the denominator is not a power of two."""
    den = int(q.denominator)
    if den & (den - 1):
        return None
    return int(q.numerator), den.bit_length() - 1


@lru_cache(maxsize=512)
def _reduced_cached(nature: str, index: int, mi: Any, mj: Any) -> tuple[Any, tuple, Any, tuple, tuple]:
    """(c, A, u, U, D): g = c A(x) sqrt(u U(x)) / D(x) with integer polynomials A, U, D."""
    import gmpy2

    fn = getattr(generated, f"g_{nature}_{terms(nature)[index]}")
    di, dj = _dyadic(mi), _dyadic(mj)
    shift = 0
    if di is not None and dj is not None and _homogeneous(nature, index):
        # binary masses (any mpf): m = M / 2^E with integer M, and X = 2^E x; then
        # P_f(x; m) = 2^(-E deg_f) P_f(X; M) has integer coefficients (no rationals below)
        shift = max(di[1], dj[1])
        (p, q), factors = fn(di[0] << (shift - di[1]), dj[0] << (shift - dj[1]))
    else:
        (p, q), factors = fn(mi, mj)
    const, root = gmpy2.mpq(p, q), gmpy2.mpq(1)
    two_power = 0                                # sum over factors of deg_f * e_f (for 2^(-E ...))
    powers: dict[tuple[int, ...], int] = {}      # primitive factor -> e2 (sum)
    for cs, e2 in factors:
        asc = [gmpy2.mpq(c) for c in reversed(cs)] if not shift else list(reversed(cs))
        while len(asc) > 1 and asc[-1] == 0:
            asc.pop()
        if asc[-1] == 0:
            return gmpy2.mpq(0), (0,), gmpy2.mpq(1), (1,), (1,)
        if shift:
            ints, den = asc, 1
            two_power += (len(cs) - 1) * e2
        else:
            den = 1
            for c in asc:
                den = gmpy2.lcm(den, c.denominator)
            ints = [int(c.numerator * (den // c.denominator)) for c in asc]
        content = math.gcd(*ints)
        if ints[-1] < 0:
            content = -content
        whole, half = divmod(e2, 2)
        if content != 1 or den != 1:
            scale = gmpy2.mpq(content, den)       # P = scale * primitive
            const *= scale ** whole
            if half:
                root *= scale
        if len(ints) > 1:
            key = tuple(v // content for v in ints) if content != 1 else tuple(ints)
            powers[key] = powers.get(key, 0) + e2
    if shift:
        # prod_f (2^(-E deg_f))^(e_f/2) = 2^(-E two_power / 2)
        whole, half = divmod(two_power, 2)
        const *= gmpy2.mpq(2) ** (-shift * whole)
        if half:
            root /= 2 ** shift
    a_poly: tuple[int, ...] = (1,)
    u_poly: tuple[int, ...] = (1,)
    d_poly: tuple[int, ...] = (1,)
    for key, e2 in powers.items():
        whole, half = divmod(e2, 2)
        if whole > 0:
            a_poly = _int_mul(a_poly, _int_pow(key, whole))
        elif whole < 0:
            d_poly = _int_mul(d_poly, _int_pow(key, -whole))
        if half:
            u_poly = _int_mul(u_poly, key)
    # common powers of x of A and D cancel (massless partners: g = 2 x^3 has no denominator)
    while len(a_poly) > 1 and len(d_poly) > 1 and a_poly[0] == 0 and d_poly[0] == 0:
        a_poly, d_poly = a_poly[1:], d_poly[1:]
    if shift:   # back from X = 2^E x to x
        a_poly, u_poly, d_poly = (tuple(v << (shift * k) for k, v in enumerate(poly))
                                  for poly in (a_poly, u_poly, d_poly))
    # a constant under the root that is a rational square leaves the root
    if len(u_poly) == 1:
        root *= u_poly[0]
        u_poly = (1,)
        rn, en = gmpy2.iroot(root.numerator, 2)
        rd, ed = gmpy2.iroot(root.denominator, 2)
        if en and ed:
            const *= gmpy2.mpq(rn, rd)
            root = gmpy2.mpq(1)
    return const, a_poly, root, u_poly, d_poly


def reduced_form(nature: str, index: int, mi: Any, mj: Any, integer: bool = False) -> tuple[Any, ...]:
    """g(x) = c A(x) sqrt(U(x)) / D(x), exactly: (c, A, U, D) as gmpy2.mpq (lowest power first).

    The generated factorised form g = c prod_f P_f(x)^(e_f/2) (:func:`structure`)
    with proportional factors merged (each P_f made a primitive integer
    polynomial, exponents added), the whole powers split into the numerator A
    and the denominator D, and the factors left with a half-integer power
    multiplied under one square root U. The masses are taken exactly (an mpf is a
    binary fraction), so the merging is exact, and for non-negative masses every
    coefficient of A, U and D is non-negative: at x > 0 each polynomial is a sum
    of positive terms (no cancellation in any evaluation order). U = (1,) when g
    has no square root. ``integer=True`` returns (c, A, u, U, D) with A, U, D
    integer polynomials (tuples of int) and g = c A sqrt(u U) / D.

    >>> c, a, u, d = reduced_form("dirac", 0, 0, 0)          # massless: g = 2 x^3
    >>> c, [int(v) for v in a], [int(v) for v in u], [int(v) for v in d]
    (mpq(2,1), [0, 0, 0, 1], [1], [1])
    >>> c, a, u, d = reduced_form("dirac", 0, 1, 1)          # equal masses
    >>> [int(v) for v in u], [int(v) for v in d]
    ([0, 4, 1], [4, 4, 1])
    """
    import gmpy2

    const, a_poly, root, u_poly, d_poly = _reduced_cached(check_family(nature), int(index), _exact(mi), _exact(mj))
    if integer:
        return const, a_poly, root, u_poly, d_poly
    mpq = gmpy2.mpq
    return (const, tuple(mpq(v) for v in a_poly), tuple(root * v for v in u_poly), tuple(mpq(v) for v in d_poly))


def g_numpy(nature: str, index: int, x: Any, mi: Any, mj: Any, kind: str = "T") -> Any:
    """g(x) on a NumPy array of x (double precision) for fixed masses.

    ``mi``, ``mj`` are numbers, or 1-d arrays of G mass pairs: then the result has
    shape ``x.shape + (G,)`` (every pair at every x, one vectorised pass).

    >>> import numpy as np
    >>> g_numpy("dirac", 0, np.array([1.0, 2.0]), 0.0, 0.0).tolist()   # 2 x^3
    [2.0, 16.0]
    >>> g_numpy("dirac", 0, np.array([1.0, 2.0]), np.array([0.0, 0.1]), np.array([0.0, 0.1])).shape
    (2, 2)
    """
    import numpy as np

    batched = np.ndim(mi) > 0 or np.ndim(mj) > 0
    x = np.asarray(x, dtype=float)
    mi = np.asarray(mi, dtype=float)
    mj = np.asarray(mj, dtype=float)
    if batched:
        x = x[..., None]
    const, factors = structure(nature, index, mi, mj)
    whole, half = _split(factors)

    def horner(cs: list[Any]) -> Any:
        acc = cs[0] + 0.0 * x
        for c in cs[1:]:
            acc = acc * x + c
        return acc

    val = float(const) * np.ones(np.broadcast_shapes(x.shape, mi.shape, mj.shape))
    for cs, n in whole:
        val = val * horner(cs) ** n
    if half:
        under = horner(half[0])
        for cs in half[1:]:
            under = under * horner(cs)
        val = val * np.sqrt(under)
    if kind == "T1":
        val = val * (mi + mj + x)
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
    return _watson_cached(check_family(nature), index, mi, mj, count, kind, mpmath.mp.prec)
