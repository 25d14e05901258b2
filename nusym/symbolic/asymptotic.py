"""Asymptotic expansions of the transform T: long distance (Eq. 9) and short distance (Eq. 8).

Every evaluation route of nusym shares the per-channel transform (see
``docs/dev/CONTRACTS.md``, "The transform T")::

    T(r) = Int_{(m_i+m_j)^2}^oo dt exp(-sqrt(t) r) kernel(t)
         = exp(-s r) Int_0^oo dx exp(-x r) g(x),      s = m_i + m_j,

with ``g = kernel_in_x(kernel)``, and the potential of one ordered channel is
``V_ij = -(1/(4 pi^2 r)) PREFACTOR sum_k w_k T_k`` (Eq. 1 of Segarra & Bernabeu 2020).

Long distance (Watson's lemma)
------------------------------
Write ``g(x) = x^a h(x)`` with h analytic at 0 and ``h(x) = sum_n h_n x^n``.
Then, term by term, ``T ~ exp(-s r) sum_n h_n Gamma(a+n+1) r^(-a-1-n)``.

* generic masses (m_i, m_j > 0): a = 1/2 (Dirac, Majorana "vector" term,
  S-wave) or a = 3/2 (Majorana "axial" term, P-wave threshold), so
  ``V_ij ~ exp(-r sqrt(t_ij)) sum_n c_n r^(-5/2-n)``: the form of Eq. (9);
* equal masses: the same series with m_i = m_j = m;
* one massless partner (m_j = 0): s = m_i and g has *integer* powers; g ~ x^2
  for every term (Dirac and both Majorana terms coincide), so
  ``T ~ exp(-m_i r) (24 m_i/r^3 - 48/r^4 + 360/(m_i r^5) - ...)`` and
  ``V_i0 ~ G_F^2/(8 pi^3) m_i exp(-m_i r)/r^4``. Eq. (9) is singular there
  (mu_ij = 0, and its (2 mu/r)^(3/2)/(2 mu r) term diverges): the power law
  changes from r^(-5/2) to r^(-4);
* both massless: g = 2 x^3 exactly, the series terminates, T = 12/r^4 (Eq. 8).

**Order convention** (shared with :mod:`nusym.numeric.series`): order N keeps
every term of V through r^(-5/2-N), the same cut for every channel and every
absorptive term, i.e. :func:`kept_terms` = max(0, floor(1/2 + N - a) + 1) Watson
terms. Order 1 is the order of the printed Eq. (9) for both natures (Dirac
b_0 r^-5/2 + b_1 r^-7/2; the Majorana P-wave axial term, a = 3/2, contributes
from order 1); a massless partner (a = 2, V ~ r^-4) contributes from order 2, a
massless pair (V = 12 G_F^2/(192 pi^3 r^5) per unit weight) from order 3.

What the comparison with the printed Eq. (9) finds (:func:`compare_with_eq9`,
tested in ``tests/paper/test_eq9.py``). Writing, per channel and divided by
the charge product,
``V_ij = G_F^2/(64 pi^(5/2)) exp(-r sqrt(t_ij)) sqrt(t_ij) (2 mu_ij)^(3/2) [b_0 r^(-5/2) + b_1 r^(-7/2) + ...]``
(printed: ``b_0 = {1 Dirac; 0 Majorana}``, ``b_1 = (3 - 4 mu/sqrt(t))/(2 mu)``):

* Dirac: b_0 = 1 **coincides**; b_1 **differs**: derived
  ``b_1 = 5 (3 sqrt(t) - 5 mu)/(8 mu sqrt(t)) = (15 - 25 mu/sqrt(t))/(8 mu)``
  against the printed ``(12 - 16 mu/sqrt(t))/(8 mu)``. (For equal masses,
  mu/sqrt(t) = 1/4: derived 35/(16 m), printed 2/m.)
* Majorana, axial term (weight Re Q_A Re Q_B; the whole answer for the paper's
  real phases): b_0 = 0 and b_1 = (3 - 4 mu/sqrt(t))/(2 mu) **both coincide**
  with Eq. (9) as printed.
* Majorana, vector term (weight Im Q_A Im Q_B, not in the paper; nonzero only
  for complex U_ei U*_ej, i != j): S-wave, ``b_0 = 2``,
  ``b_1 = (9 sqrt(t) - 17 mu)/(4 mu sqrt(t))``.

Higher coefficients (b_2, ...) are not printed in the paper; ``nusym derive
asymptotic --order N`` prints them.

Short distance
--------------
With the large-t expansion ``kernel = f0 t + f1 + f2/t + O(t^-2)`` (so
``F(u) = 2 u kernel(u^2) = 2 f0 u^3 + 2 f1 u + 2 f2/u + R(u)``)::

    T = 12 f0/r^4 + 2 f1/r^2 - 2 f2 log(r) + C + O(r)

    C = lim_{L->oo} [Int_s^L F(u) du - f0 L^4/2 - f1 L^2 - 2 f2 log L] - 2 f2 EulerGamma

The first term is Eq. (8) (f0 = 1 for every kernel); the relative corrections
are of order (m r)^2 and (m r)^4 log(m r); the omitted remainder is O(r)
(relative (m r)^5) in general and O(r^2 log r) for equal masses (measured in
the tests). C is exact (elementary integrals) for
equal masses and for a massless partner; for other symbolic masses it is kept as
a convergent unevaluated integral, and for numerical masses it is evaluated
numerically (SymPy's ``evalf``).

>>> from nusym.symbolic.absorptive import absorptive_terms
>>> from nusym.symbolic.symbols import r, m
>>> (term,) = absorptive_terms("dirac")
>>> long_distance_transform(term.kernel, 0, m, m)
6*sqrt(pi)*m**(5/2)*exp(-2*m*r)/r**(3/2)
>>> long_distance_transform(term.kernel, 3, 0, 0)
12/r**4
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import sympy as sp

from nusym.errors import InvalidOptionError
from nusym.inputs import MAX_ORDER, check_dps, check_nature

from .absorptive import PREFACTOR, WEIGHTS, absorptive_terms, kernel_in_x
from .symbols import G_F, QA, QB, m, m_i, m_j, mu, r, t, t_ij, x
from .symbols import latex as _latex

__all__ = [
    "MAX_SERIES_ORDER",
    "DERIVE_MAX_ORDER",
    "kept_terms",
    "LongDistanceSeries",
    "long_distance_series",
    "long_distance_transform",
    "channel_series",
    "potential_series",
    "printed_eq9",
    "derived_eq9_coefficients",
    "compare_with_eq9",
    "eq9_comparison_latex",
    "ShortDistanceSeries",
    "short_distance_series",
    "short_distance_transform",
    "large_t_coefficients",
    "derive_asymptotic_text",
]

#: largest order of the symbolic long-distance series (the numeric evaluators' bound)
MAX_SERIES_ORDER = MAX_ORDER
#: largest order of ``nusym derive asymptotic`` (:func:`derive_asymptotic_text`): the report
#: simplifies every coefficient b_n in the paper's variables, and its cost grows with the
#: order. Measured (Majorana, --latex, whole command, shared 2-core machine): about 3 s at
#: order 1, 4-6 s at order 6, 5.5-8 s at order 8, 9 s at order 12 (docs/cli.md)
DERIVE_MAX_ORDER = 6

#: sqrt(t_ij) = m_i + m_j in the paper's notation.
SQRT_TIJ = sp.sqrt(t_ij)
#: Eq. (1) factor from T to V for unit weight: -(1/(4 pi^2 r)) * PREFACTOR.
_V_FACTOR = -PREFACTOR / (4 * sp.pi**2)  # times 1/r
#: Prefactor of the printed Eq. (9).
_EQ9_PREFACTOR = G_F**2 / (64 * sp.pi ** sp.Rational(5, 2))


# --------------------------------------------------------------------------- helpers
def _sym(value: Any) -> sp.Expr:
    return sp.sympify(value)


def _split_power(g: sp.Expr) -> tuple[sp.Expr, list[tuple[sp.Expr, sp.Expr]], sp.Expr]:
    """Write g = const * x^a * prod p_k(x)^e_k with p_k(0) != 0.

    Returns (a, [(p_k, e_k)], const). Every factor of g must be a power of a
    polynomial in x (true for ``kernel_in_x``).
    """
    a = sp.Integer(0)
    factors: list[tuple[sp.Expr, sp.Expr]] = []
    const = sp.Integer(1)
    for f in sp.Mul.make_args(sp.factor(g, x)):
        base, e = f.as_base_exp()
        if not base.has(x):
            const *= f
            continue
        poly = sp.Poly(sp.expand(base), x)
        low = min(k for (k,), _ in poly.terms())
        a += low * e
        rest = sp.Poly(sp.expand(base / x**low), x)
        if rest.degree() == 0:
            const *= rest.as_expr() ** e
        else:
            factors.append((rest.as_expr(), e))
    return a, factors, const


def _domain(exprs: list[sp.Expr]) -> Any:
    """Exact coefficient field: QQ or QQ(free symbols)."""
    syms = sorted(set().union(*[e.free_symbols for e in exprs]) - {x}, key=str)
    return sp.QQ.frac_field(*syms) if syms else sp.QQ


def _taylor(factors: list[tuple[sp.Expr, sp.Expr]], order: int) -> tuple[sp.Expr, list[sp.Expr]]:
    """Taylor coefficients of prod p_k^e_k = (prod p_k(0)^e_k) * sum_n h_n x^n, n <= order.

    Binomial series of (1 + y_k)^e_k, y_k = p_k/p_k(0) - 1, multiplied as dense
    coefficient lists over an exact rational-function field (fast and exact).
    Returns (prod p_k(0)^e_k, [h_0, ..., h_order]).
    """
    K = _domain([p for p, _ in factors])
    const = sp.Integer(1)

    def mul(u: list[Any], v: list[Any]) -> list[Any]:
        out = [K.zero] * (order + 1)
        for i, ui in enumerate(u):
            if ui == K.zero:
                continue
            for j in range(order + 1 - i):
                out[i + j] += ui * v[j]
        return out

    total = [K.one] + [K.zero] * order
    for p, e in factors:
        coeffs = sp.Poly(p, x).all_coeffs()[::-1]  # ascending
        p0 = coeffs[0]
        const *= p0**e
        y = [K.zero] + [K.from_sympy(sp.cancel(c / p0)) for c in coeffs[1:]]
        y = (y + [K.zero] * (order + 1))[: order + 1]
        series = [K.one] + [K.zero] * order
        ypow = [K.one] + [K.zero] * order
        for k in range(1, order + 1):
            ypow = mul(ypow, y)
            b = K.from_sympy(sp.binomial(e, k))
            series = [s_ + b * y_ for s_, y_ in zip(series, ypow, strict=True)]
        total = mul(total, series)
    return const, [K.to_sympy(c) for c in total]


def _is_polynomial(factors: list[tuple[sp.Expr, sp.Expr]]) -> bool:
    return all(e.is_integer and e >= 0 for _, e in factors)


# --------------------------------------------------------------------------- long distance
def kept_terms(a: Any, order: int) -> int:
    """Number of Watson terms kept at ``order`` N for a threshold exponent a (g ~ x^a).

    T ~ exp(-s r) sum_n c_n r^-(a+1+n), so V_ij ~ exp(-s r) sum_n c_n r^-(a+2+n), and
    order N keeps every term of V through r^(-5/2-N): the terms n with
    a + 2 + n <= 5/2 + N, i.e. ``max(0, floor(1/2 + N - a) + 1)`` of them. The cut is
    the same for every channel and absorptive term (the convention of
    :func:`nusym.numeric.series.kept_terms`): order 1 is Eq. (9)'s order for both natures.

    >>> kept_terms(sp.Rational(1, 2), 1), kept_terms(sp.Rational(3, 2), 1), kept_terms(2, 1), kept_terms(3, 3)
    (2, 1, 0, 1)
    """
    return max(0, int(sp.floor(sp.Rational(1, 2) + order - sp.sympify(a))) + 1)


def _check_order(order: Any, bound: int = MAX_SERIES_ORDER, what: str = "order") -> int:
    """An integer order in [0, bound] (Python or SymPy integer), else InvalidOptionError."""
    if isinstance(order, sp.Integer):
        order = int(order)
    if isinstance(order, bool) or not isinstance(order, int) or not 0 <= order <= bound:
        shown = repr(order) if not isinstance(order, int) or abs(order) < 10**12 else "a huge integer"
        raise InvalidOptionError(f"{what} must be an integer between 0 and {bound}, got {shown}")
    return order


@dataclass(frozen=True)
class LongDistanceSeries:
    """T ~ exp(-s r) sum_n coeffs[n] r^(-(a + 1 + n)); ``exact`` if nothing was cut off.

    ``coeffs`` holds the :func:`kept_terms` terms of the requested order (possibly none).
    """

    s: sp.Expr
    a: sp.Expr
    coeffs: tuple[sp.Expr, ...]
    exact: bool

    def expr(self) -> sp.Expr:
        body = sp.Add(*[c * r ** (-(self.a + 1 + n)) for n, c in enumerate(self.coeffs)])
        return sp.exp(-self.s * r) * body

    def _repr_latex_(self) -> str:
        r"""Jupyter: ``$T(r) \simeq ...$`` (``=`` when ``exact``), the series behind Eq. (9)
        of Segarra & Bernabeu 2020, in the paper's notation (:func:`nusym.symbolic.symbols.latex`).

        >>> from nusym.symbolic.absorptive import absorptive_terms
        >>> (term,) = absorptive_terms("dirac")
        >>> long_distance_series(term.kernel, 3, 0, 0)._repr_latex_()
        '$T(r) = \\frac{12}{r^{4}}$'
        """
        relation = "=" if self.exact else r"\simeq"
        return f"$T(r) {relation} {_latex(self.expr())}$"


@cache
def _watson_structure(kernel: sp.Expr, mi: sp.Expr, mj: sp.Expr) -> tuple[sp.Expr, list, sp.Expr]:
    g = kernel_in_x(kernel).subs({m_i: mi, m_j: mj}, simultaneous=True)
    return _split_power(g)


#: (kernel, mi, mj) -> the Watson coefficients c_0, c_1, ... computed so far (grown on demand:
#: coefficient n does not depend on how many are asked for)
_WATSON_COEFFS: dict[tuple[sp.Expr, sp.Expr, sp.Expr], list[sp.Expr]] = {}


def _watson_coefficients(kernel: sp.Expr, mi: sp.Expr, mj: sp.Expr, count: int) -> tuple[sp.Expr, ...]:
    """c_0..c_(count-1) of T ~ exp(-s r) sum_n c_n r^-(a+1+n) (non-terminating case)."""
    a, factors, const = _watson_structure(kernel, mi, mj)
    have = _WATSON_COEFFS.setdefault((kernel, mi, mj), [])
    if len(have) < count:
        pref, h = _taylor(factors, count - 1)
        for n in range(len(have), count):
            have.append(sp.factor(sp.powsimp(const * pref * h[n] * sp.gamma(a + n + 1))))
    return tuple(have[:count])


@cache
def _long_distance_cached(kernel: sp.Expr, order: int, mi: sp.Expr, mj: sp.Expr) -> LongDistanceSeries:
    a, factors, const = _watson_structure(kernel, mi, mj)
    s = sp.simplify(mi + mj)
    count = kept_terms(a, order)
    if _is_polynomial(factors):
        poly = sp.Poly(sp.expand(const * sp.Mul(*[p**e for p, e in factors])), x)
        h = [poly.coeff_monomial(x**n) for n in range(poly.degree() + 1)]
        coeffs = tuple(sp.factor(sp.powsimp(hn * sp.gamma(a + n + 1))) for n, hn in enumerate(h[:count]))
        return LongDistanceSeries(s=s, a=a, coeffs=coeffs, exact=count >= len(h))
    coeffs = _watson_coefficients(kernel, mi, mj, count) if count else ()
    return LongDistanceSeries(s=s, a=a, coeffs=coeffs, exact=False)


def long_distance_series(kernel: sp.Expr, order: int, mi: Any = m_i, mj: Any = m_j) -> LongDistanceSeries:
    """Watson's-lemma series of T as a :class:`LongDistanceSeries` (cached).

    ``order`` N (0 <= N <= :data:`MAX_SERIES_ORDER`) keeps every term of V through
    r^(-5/2-N) (:func:`kept_terms`): n = 0..N for S-wave terms with both masses
    positive (a = 1/2), n = 0..N-1 for the P-wave Majorana axial term (a = 3/2),
    n = 0..N-2 with one massless partner (a = 2, V ~ r^-4), and the exact
    T = 12/r^4 of a massless pair from order 3 (V ~ r^-5).
    """
    order = _check_order(order)
    mi, mj = _sym(mi), _sym(mj)
    mi, mj = (sp.nsimplify(v, rational=True) if v.is_Float else v for v in (mi, mj))
    if (mi.is_number and (not mi.is_real or mi < 0)) or (mj.is_number and (not mj.is_real or mj < 0)):
        raise InvalidOptionError(f"neutrino masses must be real and >= 0, got {mi}, {mj}")
    return _long_distance_cached(kernel, order, mi, mj)


def long_distance_transform(kernel: sp.Expr, order: int, mi: Any = m_i, mj: Any = m_j) -> sp.Expr:
    """Long-distance (m r >> 1) series of T, Watson's lemma, for Eq. (9) and beyond.

    Returns ``exp(-(m_i+m_j) r) sum_n c_n r^(-a-1-n)`` (SymPy, in r and the masses)
    over the :func:`kept_terms` terms of ``order`` N: V through r^(-5/2-N). a = 1/2
    for S-wave kernels with both masses positive, 3/2 for the P-wave (Majorana
    axial) kernel, 2 (integer powers) with one massless partner; with both massless
    the series terminates and the exact T = 12/r^4 is returned from order 3 (0 below).

    >>> from nusym.symbolic.absorptive import absorptive_terms
    >>> from nusym.symbolic.symbols import m
    >>> axial = absorptive_terms("majorana")[0].kernel
    >>> long_distance_transform(axial, 2, m, 0)
    24*m*exp(-m*r)/r**3
    >>> long_distance_transform(axial, 1, m, 0)
    0
    """
    return long_distance_series(kernel, order, mi, mj).expr()


def channel_series(nature: str, order: int, mi: Any = m_i, mj: Any = m_j,
                   current: Any = None) -> list[tuple[str, sp.Expr]]:
    """Per absorptive term, ``[(weight name, long-distance series of T)]``.

    ``current``: as in :func:`nusym.symbolic.absorptive.absorptive_terms`; for a
    current beyond V-A the names are the term labels (vv, aa, ss, pp).
    """
    nature = check_nature(nature)
    return [(term.weight if current is None else term.label, long_distance_transform(term.kernel, order, mi, mj))
            for term in absorptive_terms(nature, current)]


def potential_series(nature: str, order: int, mi: Any = m_i, mj: Any = m_j) -> sp.Expr:
    """Long-distance series of the potential V_ij(r) of one ordered channel (Eq. 1).

    Dirac: weight ``Q_A conj(Q_B)`` (symbols ``Q_A``, ``Q_B``); Majorana: the
    weights ``Re Q_A Re Q_B`` (axial) and ``Im Q_A Im Q_B`` (vector).
    """
    nature = check_nature(nature)
    total = sp.Integer(0)
    for weight, expr in channel_series(nature, order, mi, mj):
        w = QA * sp.conjugate(QB) if weight == "dirac" else WEIGHTS[weight]
        total += w * expr
    return _V_FACTOR / r * total


# --------------------------------------------------------------------------- Eq. (9)
def printed_eq9(nature: str) -> sp.Expr:
    """Eq. (9) as printed, for one channel, divided by the charge product.

    ``G_F^2/(64 pi^(5/2)) e^{-r sqrt(t_ij)} (sqrt(t_ij)/r) (2 mu_ij/r)^(3/2)
    [{1 Dirac; 0 Majorana} + (3 - 4 mu_ij/sqrt(t_ij))/(2 mu_ij r)]``, in the
    symbols ``mu`` and ``t_ij``.
    """
    nature = check_nature(nature)
    lead = 1 if nature == "dirac" else 0
    bracket = lead + (3 - 4 * mu / SQRT_TIJ) / (2 * mu * r)
    return _EQ9_PREFACTOR * sp.exp(-r * SQRT_TIJ) * (SQRT_TIJ / r) * (2 * mu / r) ** sp.Rational(3, 2) * bracket


def _symmetric_to_paper(expr: sp.Expr) -> sp.Expr:
    """Rational symmetric function of m_i, m_j -> function of sqrt(t_ij) and mu_ij."""
    from sympy.polys.polyfuncs import symmetrize

    num, den = sp.fraction(sp.cancel(sp.together(expr)))
    res = []
    for part in (num, den):
        sym_part, rem, defs = symmetrize(sp.expand(part), m_i, m_j, formal=True)
        if rem != 0:
            raise ArithmeticError(f"not symmetric in m_i, m_j: {part}")
        sub = {}
        for sym_k, e in defs:
            if sp.expand(e - (m_i + m_j)) == 0:
                sub[sym_k] = SQRT_TIJ
            elif sp.expand(e - m_i * m_j) == 0:
                sub[sym_k] = mu * SQRT_TIJ
            else:  # pragma: no cover
                raise ArithmeticError(f"unexpected elementary symmetric polynomial {e}")
        res.append(sym_part.subs(sub))
    return sp.simplify(res[0] / res[1])


def derived_eq9_coefficients(kernel: sp.Expr, order: int = 1) -> list[sp.Expr]:
    """Coefficients b_n of V_ij = G_F^2/(64 pi^(5/2)) e^{-r sqrt t} sqrt t (2 mu)^(3/2) sum b_n r^(-5/2-n).

    Generic masses; returned in the paper's variables ``mu`` and ``t_ij`` (n = 0..order:
    exactly the terms that the series of ``order`` keeps). Each b_n is cached.
    """
    ser = long_distance_series(kernel, order)
    shift = ser.a - sp.Rational(1, 2)  # V power r^(-(a+2+k)) = r^(-5/2-n) with n = k + shift
    if not shift.is_integer or shift < 0:
        raise ArithmeticError(f"unexpected threshold exponent a = {ser.a}")
    return [_eq9_coefficient(kernel, n, ser.coeffs[n - int(shift)]) if n >= shift else sp.Integer(0)
            for n in range(int(order) + 1)]


@cache
def _eq9_coefficient(kernel: sp.Expr, n: int, coeff: sp.Expr) -> sp.Expr:
    """b_n from the Watson coefficient of the same power of r (``kernel``, ``n``: cache key)."""
    norm = _EQ9_PREFACTOR * SQRT_TIJ * (2 * mu) ** sp.Rational(3, 2)
    norm_m = norm.subs({mu: m_i * m_j / (m_i + m_j), t_ij: (m_i + m_j) ** 2})
    # a rational function of the (positive) masses once the half-integer powers are combined;
    # cancel() gives the same canonical form as simplify(), several times faster
    ratio = sp.cancel(sp.powsimp(sp.powdenest(_V_FACTOR * coeff / norm_m, force=True), force=True))
    return sp.factor(_symmetric_to_paper(ratio))


def _printed_coefficients(nature: str, order: int = 1) -> list[sp.Expr]:
    norm = _EQ9_PREFACTOR * sp.exp(-r * SQRT_TIJ) * SQRT_TIJ * (2 * mu) ** sp.Rational(3, 2)
    body = sp.expand(sp.simplify(printed_eq9(nature) / norm) * r ** sp.Rational(5, 2))
    poly = sp.Poly(body, 1 / r)
    return [sp.factor(poly.coeff_monomial((1 / r) ** n)) for n in range(order + 1)]


@dataclass(frozen=True)
class Eq9Row:
    """One coefficient b_n (of r^(-5/2-n)) of Eq. (9): derived, printed, coincide?"""

    n: int
    derived: sp.Expr
    printed: sp.Expr
    coincide: bool


@dataclass(frozen=True)
class Eq9Comparison:
    """Derived against printed Eq. (9) for one nature.

    ``rows`` compare the term the paper prints (Dirac, or Majorana axial with the
    paper's real phases); ``vector`` lists the coefficients of the Majorana
    vector term (weight Im Q_A Im Q_B), absent from the paper (empty for Dirac).
    """

    nature: str
    rows: tuple[Eq9Row, ...]
    vector: tuple[sp.Expr, ...]


@cache
def compare_with_eq9(nature: str) -> Eq9Comparison:
    """Compare the derived coefficients b_0, b_1 with the printed Eq. (9).

    Dirac: b_0 coincides, b_1 differs; Majorana (axial): both coincide; the
    vector term is new (see the module docstring; tested).

    >>> [row.coincide for row in compare_with_eq9("dirac").rows]
    [True, False]
    """
    order = 1
    nature = check_nature(nature)
    terms = {term.weight: term.kernel for term in absorptive_terms(nature)}
    main = terms["dirac"] if nature == "dirac" else terms["axial"]
    derived = derived_eq9_coefficients(main, order)
    printed = _printed_coefficients(nature, order)
    rows = tuple(
        Eq9Row(n, d, p, bool(sp.simplify(d - p) == 0)) for n, (d, p) in enumerate(zip(derived, printed, strict=True))
    )
    vector = tuple(derived_eq9_coefficients(terms["vector"], order)) if "vector" in terms else ()
    return Eq9Comparison(nature, rows, vector)


def _main_kernel(nature: str) -> sp.Expr:
    terms = {term.weight: term.kernel for term in absorptive_terms(nature)}
    return terms["dirac"] if nature == "dirac" else terms["axial"]


def _vector_kernel() -> sp.Expr:
    return {term.weight: term.kernel for term in absorptive_terms("majorana")}["vector"]


def _bracket(coeffs: list[sp.Expr] | tuple[sp.Expr, ...]) -> sp.Expr:
    return sp.Add(*[c / r**n for n, c in enumerate(coeffs)], evaluate=False)


def eq9_comparison_latex(nature: str, order: int = 1) -> str:
    """LaTeX: the derived series beside the printed Eq. (9) (paper notation mu_ij, sqrt(t_ij))."""
    nature = check_nature(nature)
    comp = compare_with_eq9(nature)
    derived_all = derived_eq9_coefficients(_main_kernel(nature), max(order, 1))
    head = (r"V_{ij}(r) \simeq \frac{G_F^{2}}{64\pi^{5/2}}\,Q^{ij}_{W,A}Q^{ij*}_{W,B}\,"
            r"e^{-r\sqrt{t_{ij}}}\,\frac{\sqrt{t_{ij}}}{r}\left(\frac{2\mu_{ij}}{r}\right)^{3/2}")
    derived = _latex(_bracket(derived_all))
    lines = [r"\begin{aligned}",
             head + r"\left[" + derived + rf"\right] &\quad\text{{(derived, order {order:d})}}\\"]
    printed = _latex(_bracket([row.printed for row in comp.rows[:2]]))
    lines.append(head + r"\left[" + printed + r"\right] &\quad\text{(printed Eq.~9)}")
    if comp.vector:
        vec = _latex(_bracket(derived_eq9_coefficients(_vector_kernel(), max(order, 1))))
        lines[-1] += r"\\"
        lines.append(head.replace(r"Q^{ij}_{W,A}Q^{ij*}_{W,B}",
                                  r"\operatorname{Im}Q^{ij}_{W,A}\operatorname{Im}Q^{ij}_{W,B}")
                     + r"\left[" + vec + r"\right] &\quad\text{(derived vector term, new)}")
    lines.append(r"\end{aligned}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- short distance
def large_t_coefficients(kernel: sp.Expr, count: int = 3, mi: Any = m_i, mj: Any = m_j) -> list[sp.Expr]:
    """f_0..f_{count-1} of the large-t expansion kernel = f0 t + f1 + f2/t + ..."""
    y = sp.Symbol("y", positive=True)
    k = kernel.subs({m_i: _sym(mi), m_j: _sym(mj)}, simultaneous=True)
    ser = sp.series(sp.expand(k.subs(t, 1 / y) * y), y, 0, count).removeO()
    poly = sp.Poly(sp.expand(ser), y)
    return [sp.factor(poly.coeff_monomial(y**n)) for n in range(count)]


@dataclass(frozen=True)
class ShortDistanceSeries:
    """T ~ 12 f0/r^4 + 2 f1/r^2 - 2 f2 log r + C (orders 0, 2, 4 in m r)."""

    f: tuple[sp.Expr, sp.Expr, sp.Expr]
    constant: sp.Expr
    order: int

    def expr(self) -> sp.Expr:
        f0, f1, f2 = self.f
        out = 12 * f0 / r**4
        if self.order >= 2:
            out += 2 * f1 / r**2
        if self.order >= 4:
            out += -2 * f2 * sp.log(r) + self.constant
        return out

    def _repr_latex_(self) -> str:
        r"""Jupyter: ``$T(r) \simeq ...$``, the short-distance (m r << 1) series whose leading
        term is the massless Eq. (8) of Segarra & Bernabeu 2020.

        >>> from nusym.symbolic.absorptive import absorptive_terms
        >>> (term,) = absorptive_terms("dirac")
        >>> short_distance_series(term.kernel, 0)._repr_latex_()
        '$T(r) \\simeq \\frac{12}{r^{4}}$'
        """
        return rf"$T(r) \simeq {_latex(self.expr())}$"


def _finite_part_exact(kernel: sp.Expr, mi: sp.Expr, mj: sp.Expr, f: list[sp.Expr]) -> sp.Expr | None:
    """C by exact integration, or None if SymPy cannot do it."""
    f0, f1, f2 = f
    s = mi + mj
    L = sp.Symbol("L", positive=True)
    if s == 0:
        return sp.Integer(0)
    # for u > s: sqrt((u^2 - s^2)(u^2 - d^2)) is real; help SymPy with the substitution u = s + x
    g = kernel_in_x(kernel).subs({m_i: mi, m_j: mj}, simultaneous=True)
    g = sp.simplify(sp.factor(g))
    try:
        anti = sp.integrate(g, (x, 0, L))
    except Exception:  # pragma: no cover - SymPy failure
        return None
    if anti.has(sp.Integral):
        return None
    uL = s + L
    expr = anti - f0 * uL**4 / 2 - f1 * uL**2 - 2 * f2 * sp.log(uL)
    lim = sp.limit(expr, L, sp.oo)
    if not lim.is_finite:
        return None
    return sp.simplify(lim - 2 * f2 * sp.EulerGamma)


def _finite_part_integral(kernel: sp.Expr, mi: sp.Expr, mj: sp.Expr, f: list[sp.Expr]) -> sp.Expr:
    """C with the convergent remainder integral left unevaluated."""
    f0, f1, f2 = f
    s = mi + mj
    g = kernel_in_x(kernel).subs({m_i: mi, m_j: mj}, simultaneous=True)
    u = s + x
    R = g - 2 * f0 * u**3 - 2 * f1 * u - 2 * f2 / u
    return (-f0 * s**4 / 2 - f1 * s**2 - 2 * f2 * (sp.EulerGamma + sp.log(s))
            + sp.Integral(R, (x, 0, sp.oo)))


def _finite_part_numeric(kernel: sp.Expr, mi: sp.Expr, mj: sp.Expr, f: list[sp.Expr], dps: int) -> sp.Expr:
    """C numerically with SymPy's evalf: the remainder integral on u in [s, 4 s] by
    quadrature, the tail u > 4 s by the large-t series (terms fall like (s/u)^2 = 1/16)."""
    wp = dps + 20
    f0, f1, f2 = f
    s = mi + mj
    nt = max(40, int(0.85 * dps) + 12)  # 16^-(nt - 3) far below 10^-wp
    fs = large_t_coefficients(kernel, nt, mi, mj)
    g = kernel_in_x(kernel).subs({m_i: mi, m_j: mj}, simultaneous=True)
    u = s + x
    remainder = g - 2 * f0 * u**3 - 2 * f1 * u - 2 * f2 / u
    X = 4 * s
    head = sp.Integral(remainder, (x, 0, X - s)).evalf(wp)  # tanh-sinh: sqrt(x) at 0 is harmless
    tail = sum(2 * fs[kk] * X ** (4 - 2 * kk) / (2 * kk - 4) for kk in range(3, nt))
    const = (-f0 * s**4 / 2 - f1 * s**2 - 2 * f2 * (sp.EulerGamma + sp.log(s))) + tail
    return sp.Float(sp.N(const, wp) + head, dps)


@cache
def _short_cached(kernel: sp.Expr, order: int, mi: sp.Expr, mj: sp.Expr, dps: int) -> ShortDistanceSeries:
    f = large_t_coefficients(kernel, 3, mi, mj)
    const = sp.Integer(0)
    if order >= 4:
        numeric = mi.is_number and mj.is_number
        if numeric and not (mi.is_Rational and mj.is_Rational and (mi == mj or mi * mj == 0)):
            const = _finite_part_numeric(kernel, mi, mj, f, dps)
        else:
            exact = None
            if sp.simplify(mi - mj) == 0 or mi * mj == 0 or (mi + mj) == 0:
                exact = _finite_part_exact(kernel, mi, mj, f)
            const = exact if exact is not None else _finite_part_integral(kernel, mi, mj, f)
    return ShortDistanceSeries(f=tuple(f), constant=const, order=order)


def short_distance_series(kernel: sp.Expr, order: int, mi: Any = m_i, mj: Any = m_j,
                          dps: int = 30) -> ShortDistanceSeries:
    """Short-distance (m r << 1) series of T as a :class:`ShortDistanceSeries` (cached).

    ``dps`` (5..1000): digits of the constant C when it is evaluated numerically.
    """
    order = _check_order(order, 4, "short-distance order (powers of m r)")
    mi, mj = _sym(mi), _sym(mj)
    return _short_cached(kernel, order, mi, mj, check_dps(dps))


def short_distance_transform(kernel: sp.Expr, order: int, mi: Any = m_i, mj: Any = m_j,
                             dps: int = 30) -> sp.Expr:
    """Eq. (8) and its mass corrections: T for m r << 1, through (m r)^order relative to 1/r^4.

    order 0: ``12 f0/r^4`` (Eq. 8); order 2 (or 3): ``+ 2 f1/r^2``; order 4:
    ``- 2 f2 log(r) + C``. The omitted remainder is O(r) (relative (m r)^5;
    O(r^2 log r) for equal masses).

    >>> from nusym.symbolic.absorptive import absorptive_terms
    >>> from nusym.symbolic.symbols import m
    >>> (term,) = absorptive_terms("dirac")
    >>> short_distance_transform(term.kernel, 2, m, m)
    -6*m**2/r**2 + 12/r**4
    """
    return short_distance_series(kernel, order, mi, mj, dps).expr()


# --------------------------------------------------------------------------- report
def derive_asymptotic_text(*, nature: str = "dirac", order: int = 1, latex: bool = False,
                           current: Any = None) -> str:
    """What ``nusym derive asymptotic --nature N --order K [--latex]`` prints.

    Per absorptive term: the long-distance series of T at ``order`` (V through
    r^(-5/2-order); generic, equal, one and two massless masses), the comparison
    with the printed Eq. (9) (b_0..b_order), and the short-distance series (Eq. 8
    with its (m r)^2 correction). ``order`` is at most :data:`DERIVE_MAX_ORDER`.
    ``current`` (beyond V-A, as in :func:`nusym.symbolic.absorptive.absorptive_terms`):
    the series of its terms (no printed Eq. 9 to compare with).
    """
    if current is not None:
        return _derive_current_series_text(nature, order, bool(latex), current)
    nature = check_nature(nature)
    order = _check_order(order, DERIVE_MAX_ORDER,
                         f"the order of 'derive asymptotic' (bounded by DERIVE_MAX_ORDER = "
                         f"{DERIVE_MAX_ORDER}; the numeric route method='asymptotic' accepts up to "
                         f"{MAX_SERIES_ORDER})")
    use_latex = bool(latex)

    def show(e: sp.Expr) -> str:
        return _latex(e) if use_latex else sp.sstr(e)

    lines = [f"# Long-distance series (Watson's lemma), {nature}, order {order}: every term of V "
             f"through r^(-5/2-{order}) (T through r^(-3/2-{order}))",
             "# T_k(r) = Int_{(m_i+m_j)^2}^oo dt exp(-sqrt(t) r) kernel_k(t);"
             "  V_ij = G_F^2/(192 pi^3 r) sum_k w_k T_k  (Eq. 1)"]
    cases = [("generic masses", m_i, m_j), ("equal masses m_i = m_j = m", m, m),
             ("massless partner m_j = 0", m_i, 0), ("both massless (exact from order 3)", 0, 0)]
    for label, a, b in cases:
        lines.append(f"## {label}")
        for weight, expr in channel_series(nature, order, a, b):
            lines.append(f"T[{weight}] = {show(expr)}")
    comp = compare_with_eq9(nature)
    main = "dirac" if nature == "dirac" else "axial"
    lines.append("# Comparison with Eq. (9): V_ij = G_F^2/(64 pi^(5/2)) (charges) exp(-r sqrt(t_ij)) "
                 "sqrt(t_ij) (2 mu_ij)^(3/2) sum_n b_n r^(-5/2-n)")
    lines.append(f"## term compared: {main} (weight {WEIGHTS[main]})")
    derived_all = derived_eq9_coefficients(_main_kernel(nature), max(order, 1))
    for n, coeff in enumerate(derived_all):
        if n < len(comp.rows):
            row = comp.rows[n]
            tag = "coincide" if row.coincide else "DIFFER"
            lines.append(f"b_{n}: derived {show(coeff)} ; printed {show(row.printed)} ; {tag}")
        else:
            lines.append(f"b_{n}: derived {show(coeff)} ; not printed")
    if comp.vector:
        lines.append("## Majorana vector term (weight Im Q_A Im Q_B; not in the paper, new)")
        for n, coeff in enumerate(derived_eq9_coefficients(_vector_kernel(), max(order, 1))):
            lines.append(f"b_{n}: derived {show(coeff)}")
    if use_latex:
        lines.append(eq9_comparison_latex(nature, max(order, 1)))
    lines.append("# Short distance (Eq. 8 and mass corrections), through (m r)^2 relative to 1/r^4")
    for term in absorptive_terms(nature):
        for label, a, b in cases[:3]:
            lines.append(f"T[{term.weight}] ({label}) = {show(short_distance_transform(term.kernel, 2, a, b))}"
                         " + O(m^4 log r)")
    return "\n".join(lines)


def _derive_current_series_text(nature: str, order: int, use_latex: bool, current: Any) -> str:
    """Long- and short-distance series of the terms of a current beyond V-A."""
    nature = check_nature(nature)
    order = _check_order(order, DERIVE_MAX_ORDER, f"the order of 'derive asymptotic' (at most {DERIVE_MAX_ORDER})")

    def show(e: sp.Expr) -> str:
        return _latex(e) if use_latex else sp.sstr(e)

    terms = absorptive_terms(nature, current)
    lines = [f"# Long-distance series (Watson's lemma), {nature}, current {current!r}, order {order}",
             "# V_ij = G_F^2/(192 pi^3 r) sum_k c_k w_k T_k  (Eq. 1); terms: "
             + ", ".join(f"{term.label} (c = {sp.sstr(term.coefficient)}, weight {term.weight})" for term in terms)]
    cases = [("generic masses", m_i, m_j), ("equal masses m_i = m_j = m", m, m),
             ("massless partner m_j = 0", m_i, 0), ("both massless (exact from order 3)", 0, 0)]
    for label, a, b in cases:
        lines.append(f"## {label}")
        for name, expr in channel_series(nature, order, a, b, current):
            lines.append(f"T[{name}] = {show(expr)}")
    lines.append("# Short distance, through (m r)^2 relative to 1/r^4")
    for term in terms:
        for label, a, b in cases[:3]:
            lines.append(f"T[{term.label}] ({label}) = {show(short_distance_transform(term.kernel, 2, a, b))}"
                         " + O(m^4 log r)")
    return "\n".join(lines)
