"""Closed forms of the transform T of Eq. (1) of Segarra & Bernabeu (2020).

For one ordered channel (i, j) and one absorptive term (kernel) of Eq. (6) the
potential of Eq. (1) needs

    T(r) = Int_{(m_i+m_j)^2}^oo dt exp(-sqrt(t) r) kernel(t; m_i, m_j).

Three special mass configurations have closed forms, all derived here by SymPy
from the kernels of :mod:`nusym.symbolic.absorptive` (no result is typed in):

* **equal masses** m_i = m_j = m: with sqrt(t) = 2 m cosh(theta) one has
  sqrt(lambda) = 4 m^2 cosh(theta) sinh(theta) and dt = 8 m^2 cosh sinh dtheta.
  The integrand becomes a finite sum c_n cosh(n theta) exp(-z cosh theta),
  z = 2 m r (it is checked that no negative power of cosh(theta) survives), and
  Int_0^oo exp(-z cosh theta) cosh(n theta) dtheta = K_n(z) gives modified
  Bessel functions, reduced to K_0, K_1 (and matched to a single K_n when possible);
* **one massless partner** (m_j = 0): sqrt(lambda) = t - m^2 and, with
  sqrt(t) = m + x, the integrand is rational in x; a partial-fraction split gives
  Gamma-function moments and generalised exponential integrals
  Int_0^oo exp(-x r) (m + x)^-k dx = exp(m r) m^(1-k) E_k(m r), written with E_1;
* **both massless**: T is a Gamma-function moment, T = 12 / r^4 for every kernel,
  which assembled over the nine channels is Eq. (8) (:func:`massless_potential`).

>>> from nusym.symbolic.absorptive import absorptive_terms
>>> from nusym.symbolic.symbols import m, r
>>> (term,) = absorptive_terms("dirac")
>>> closed_form_transform(term.kernel, 0, 0)
12/r**4
>>> closed_form_transform(term.kernel, m, m)
12*m**3*besselk(3, 2*m*r)/r
"""

from __future__ import annotations

from functools import cache
from typing import Any

import sympy as sp

from nusym.errors import InvalidParameterError
from nusym.inputs import check_nature

from .absorptive import PREFACTOR, WEIGHTS, absorptive_terms, kernel_in_x
from .charges import charge_matrix, coupling_sum, flavour_charges
from .symbols import G_F, QA_im, QA_re, QB_im, QB_re, m, m_i, m_j, r, t, x
from .symbols import latex as _latex

__all__ = [
    "closed_form_transform",
    "equal_mass_transform",
    "one_massless_transform",
    "massless_transform",
    "closed_form_kind",
    "reduce_bessel",
    "single_bessel",
    "massless_potential",
    "massless_r_power",
    "check_eq8",
    "derive_closed_form_text",
    "derive_massless_text",
]

_theta = sp.Symbol("theta", positive=True)
_z = sp.Symbol("z", positive=True)
_w = sp.Symbol("w", positive=True)  # w = exp(theta)


def _rational_part(kernel: sp.Expr) -> sp.Expr:
    """kernel / sqrt(lambda) as a rational function of t (lambda = Kallen function)."""
    lam = (t - (m_i + m_j) ** 2) * (t - (m_i - m_j) ** 2)
    ratio = sp.cancel(sp.simplify(kernel / sp.sqrt(lam)))
    if ratio.has(sp.sqrt(lam)) or any(p.exp.q != 1 for p in ratio.atoms(sp.Pow) if p.has(t)):
        raise ArithmeticError("kernel is not sqrt(lambda) times a rational function of t")
    return ratio


# ----------------------------------------------------------------------------- K_n
def reduce_bessel(expr: sp.Expr, z: sp.Expr | None = None) -> sp.Expr:
    """Rewrite every K_n (integer n >= 2) through K_0 and K_1.

    Uses K_{n+1}(z) = K_{n-1}(z) + (2 n / z) K_n(z) (positive coefficients, so no
    cancellation is introduced).

    >>> reduce_bessel(sp.besselk(2, _z))
    besselk(0, z) + 2*besselk(1, z)/z
    """

    def red(n: int, arg: sp.Expr) -> sp.Expr:
        k0, k1 = sp.besselk(0, arg), sp.besselk(1, arg)
        if n < 0:
            n = -n
        if n == 0:
            return k0
        if n == 1:
            return k1
        a, b = k0, k1
        for k in range(1, n):
            a, b = b, a + 2 * k / arg * b
        return sp.expand(b)

    return expr.replace(
        lambda e: isinstance(e, sp.besselk) and e.args[0].is_Integer and abs(int(e.args[0])) > 1,
        lambda e: red(int(e.args[0]), e.args[1]),
    )


def single_bessel(expr: sp.Expr, arg: sp.Expr, nmax: int = 8) -> sp.Expr | None:
    """Write ``expr`` (a combination of K_0(arg), K_1(arg)) as c * K_n(arg) if possible."""
    reduced = sp.expand(reduce_bessel(expr))
    for n in range(nmax + 1):
        kn = sp.expand(reduce_bessel(sp.besselk(n, arg)))
        k0, k1 = sp.besselk(0, arg), sp.besselk(1, arg)
        # reduced = c * kn  <=>  coefficients of K_0, K_1 proportional
        a0, a1 = reduced.coeff(k0), reduced.coeff(k1)
        b0, b1 = kn.coeff(k0), kn.coeff(k1)
        rest = sp.expand(reduced - a0 * k0 - a1 * k1)
        if rest != 0:
            return None
        if b1 == 0:
            c = sp.simplify(a0 / b0)
            if sp.simplify(a1) == 0:
                return c * sp.besselk(n, arg)
            continue
        c = sp.simplify(a1 / b1)
        if sp.simplify(a0 - c * b0) == 0 and not c.has(sp.besselk):
            return sp.factor(c) * sp.besselk(n, arg)
    return None


@cache
def _equal_mass_cached(kernel: sp.Expr) -> sp.Expr:
    ratio = _rational_part(kernel).subs({m_i: m, m_j: m})
    ch, sh = sp.cosh(_theta), sp.sinh(_theta)
    tt = 4 * m**2 * ch**2
    # sqrt(lambda) = sqrt(t (t - 4 m^2)) = 4 m^2 cosh sinh;  dt = 8 m^2 cosh sinh dtheta
    integrand = 4 * m**2 * ch * sh * ratio.subs(t, tt) * 8 * m**2 * ch * sh
    # through exponentials: cosh = (w + 1/w)/2, sinh = (w - 1/w)/2, w = e^theta
    in_w = sp.cancel(sp.together(integrand.rewrite(sp.exp).subs(sp.exp(_theta), _w)))
    num, den = sp.fraction(in_w)
    den_poly = sp.Poly(den, _w)
    if len(den_poly.terms()) != 1:
        # a negative power of cosh(theta) survived: no finite cosh(n theta) sum
        raise ArithmeticError(
            f"equal-mass integrand has a non-monomial denominator {den}; "
            "negative powers of cosh(theta) are not reducible to K_n"
        )
    (dpow,), dcoef = den_poly.terms()[0]
    terms = sp.Poly(sp.expand(num), _w).terms()
    coeff: dict[int, sp.Expr] = {}
    for (p,), c in terms:
        n = p - dpow
        coeff[n] = coeff.get(n, 0) + c / dcoef
    # sum_n a_n w^n  with a_n = a_{-n} (even in theta) = sum_{n>=0} c_n cosh(n theta)
    total = sp.Integer(0)
    z = 2 * m * r
    for n in sorted({abs(n) for n in coeff}):
        a_pos, a_neg = coeff.get(n, 0), coeff.get(-n, 0)
        if sp.simplify(a_pos - a_neg) != 0:
            raise ArithmeticError("equal-mass integrand is not even in theta")
        c_n = a_pos if n == 0 else 2 * a_pos
        # Int_0^oo exp(-z cosh theta) cosh(n theta) dtheta = K_n(z)
        total += c_n * sp.besselk(n, z)
    reduced = sp.collect(sp.expand(reduce_bessel(total)), [sp.besselk(0, z), sp.besselk(1, z)],
                         sp.factor)
    single = single_bessel(reduced, z)
    return single if single is not None else reduced


def equal_mass_transform(kernel: sp.Expr, mass: Any = m) -> sp.Expr:
    """T(r) for m_i = m_j = ``mass`` (modified Bessel functions of z = 2 m r).

    >>> from nusym.symbolic.absorptive import absorptive_terms
    >>> [equal_mass_transform(term.kernel) for term in absorptive_terms("majorana")]
    [24*m**2*besselk(2, 2*m*r)/r**2,
     24*m**2*besselk(0, 2*m*r)/r**2 + 24*m*(m**2*r**2 + 1)*besselk(1, 2*m*r)/r**3]
    """
    res = _equal_mass_cached(sp.sympify(kernel))
    return res if mass is m else res.subs(m, mass)


# -------------------------------------------------------------------------- E_n
def _expint_via_e1(k: int, arg: sp.Expr) -> sp.Expr:
    """E_k(arg) for integer k >= 1 via E_{n+1} = (e^{-z} - z E_n)/n; no negative powers."""
    e = sp.expint(1, arg)
    for n in range(1, k):
        e = (sp.exp(-arg) - arg * e) / n
    return sp.expand(e)


@cache
def _one_massless_cached(kernel: sp.Expr) -> sp.Expr:
    g = kernel_in_x(kernel).subs({m_i: m, m_j: 0})
    g = sp.cancel(sp.simplify(g))
    if any(p.exp.q != 1 for p in g.atoms(sp.Pow) if p.has(x)):
        raise ArithmeticError(f"one-massless integrand is not rational in x: {g}")
    parts = sp.apart(g, x)
    total = sp.Integer(0)
    for term in sp.Add.make_args(parts):
        c, rest = term.as_independent(x, as_Add=False)
        if rest == 1:
            total += c / r  # Int_0^oo e^{-xr} dx
            continue
        base, ex = rest.as_base_exp()
        if base == x and ex.is_Integer and ex > 0:
            total += c * sp.factorial(ex) / r ** (ex + 1)  # Gamma moment
        elif ex.is_Integer and ex < 0 and sp.expand(base - (m + x)) == 0:
            k = int(-ex)
            # Int_0^oo e^{-xr} (m+x)^{-k} dx = e^{mr} m^{1-k} E_k(m r)
            total += c * sp.exp(m * r) * m ** (1 - k) * _expint_via_e1(k, m * r)
        else:
            raise ArithmeticError(f"unexpected partial fraction {term}")
    # T = e^{-m r} Int_0^oo e^{-x r} g(x) dx   (threshold sqrt(t_ij) = m)
    res = sp.expand(sp.exp(-m * r) * total)
    e1 = sp.expint(1, m * r)
    return sp.collect(res, [e1, sp.exp(-m * r)], sp.factor)


def one_massless_transform(kernel: sp.Expr, mass: Any = m) -> sp.Expr:
    """T(r) for one massless partner and the other of mass ``mass`` (E_1 and exponentials).

    >>> from nusym.symbolic.absorptive import absorptive_terms
    >>> from nusym.symbolic.symbols import r
    >>> (term,) = absorptive_terms("dirac")
    >>> sp.limit(one_massless_transform(term.kernel) * r**4, m, 0)
    12
    """
    res = _one_massless_cached(sp.sympify(kernel))
    return res if mass is m else res.subs(m, mass)


@cache
def _massless_cached(kernel: sp.Expr) -> sp.Expr:
    g = sp.expand(sp.simplify(kernel_in_x(kernel).subs({m_i: 0, m_j: 0})))
    return sp.simplify(sp.integrate(sp.exp(-x * r) * g, (x, 0, sp.oo)))


def massless_transform(kernel: sp.Expr) -> sp.Expr:
    """T(r) for m_i = m_j = 0 (Gamma-function moments).

    >>> from nusym.symbolic.absorptive import absorptive_terms
    >>> [massless_transform(term.kernel) for term in absorptive_terms("majorana")]
    [12/r**4, 12/r**4]
    """
    return _massless_cached(sp.sympify(kernel))


def _is_zero(v: Any) -> bool:
    v = sp.sympify(v)
    return v.is_zero is True


def closed_form_kind(mi: Any, mj: Any) -> str | None:
    """Which closed form applies: "massless", "one_massless", "equal_mass" or None.

    >>> closed_form_kind(0, 0), closed_form_kind(0.1, 0), closed_form_kind(m, m), closed_form_kind(1, 2)
    ('massless', 'one_massless', 'equal_mass', None)
    """
    zi, zj = _is_zero(mi), _is_zero(mj)
    if zi and zj:
        return "massless"
    if zi or zj:
        return "one_massless"
    if sp.simplify(sp.sympify(mi) - sp.sympify(mj)) == 0:
        return "equal_mass"
    return None


def closed_form_transform(kernel: sp.Expr, mi: Any, mj: Any) -> sp.Expr:
    """Closed form of T(r) = Int dt exp(-sqrt(t) r) kernel(t) (see the module docstring).

    ``mi``, ``mj`` are SymPy expressions or numbers; a closed form exists for equal
    masses, one massless partner and two massless neutrinos. Otherwise
    :class:`nusym.errors.InvalidParameterError` is raised.

    >>> from nusym.symbolic.absorptive import absorptive_terms
    >>> (term,) = absorptive_terms("dirac")
    >>> closed_form_transform(term.kernel, sp.Rational(1, 2), sp.Rational(1, 2))
    3*besselk(3, r)/(2*r)
    """
    kind = closed_form_kind(mi, mj)
    if kind == "massless":
        return massless_transform(kernel)
    if kind == "one_massless":
        mass = mj if _is_zero(mi) else mi
        return one_massless_transform(kernel, sp.sympify(mass))
    if kind == "equal_mass":
        return equal_mass_transform(kernel, sp.sympify(mi))
    raise InvalidParameterError(
        f"no closed form for m_i = {mi}, m_j = {mj}; closed forms exist for equal masses, "
        "one massless partner, or both massless (use the full integral otherwise)"
    )


# ---------------------------------------------------------------------- Eq. (8)
def massless_potential(nature: str = "dirac", QA: sp.Matrix | None = None,
                       QB: sp.Matrix | None = None, current: Any = None) -> sp.Expr:
    """V(r) for massless neutrinos assembled from the derived transforms (Eq. 1 -> Eq. 8).

    ``V = -(1/(4 pi^2 r)) PREFACTOR sum_ij sum_k c_k w_k(Q_A^ij, Q_B^ij) T_k(r)`` with the
    massless T_k. Without charges, returns the coefficient of
    sum_ij Q_A^ij conj(Q_B^ij) (the weights are summed symbolically); for a
    current beyond V-A (``current``, as in
    :func:`nusym.symbolic.absorptive.absorptive_terms`) whose weights do not
    combine into Re(Q_A conj Q_B) (Majorana V/A, S/P), the per-channel expression
    in Re/Im of the charges.

    >>> massless_potential("majorana")
    G_F**2/(16*pi**3*r**5)
    >>> massless_potential("dirac", current="SP")
    -3*G_F**2*(c_P**2 + c_S**2)/(64*pi**3*r**5)
    """
    nature = check_nature(nature)
    terms = absorptive_terms(nature, current)
    if QA is None or QB is None:
        # per channel: sum_k w_k T_k; with all T_k equal this is T * (ReRe + ImIm)
        per = sum(term.coefficient * WEIGHTS[term.weight] * massless_transform(term.kernel) for term in terms)
        coeff = sp.simplify(per / (QA_re * QB_re + QA_im * QB_im))
        if coeff.has(QA_re, QA_im, QB_re, QB_im):
            if current is None:
                raise ArithmeticError("massless transforms are not a common factor of Re(Q_A conj Q_B)")
            return sp.factor(-PREFACTOR / (4 * sp.pi**2 * r) * per)
        return sp.factor(sp.simplify(-PREFACTOR / (4 * sp.pi**2 * r) * coeff)) if current is not None else \
            sp.simplify(-PREFACTOR / (4 * sp.pi**2 * r) * coeff)
    total = sp.Integer(0)
    for i in range(QA.shape[0]):  # n x n charge matrices (n mass states, e.g. 3+1: n = 4)
        for j in range(QA.shape[1]):
            qa, qb = sp.expand(QA[i, j]), sp.expand(QB[i, j])
            subs = {QA_re: sp.re(qa), QA_im: sp.im(qa), QB_re: sp.re(qb), QB_im: sp.im(qb)}
            for term in terms:
                total += term.coefficient * WEIGHTS[term.weight].subs(subs) * massless_transform(term.kernel)
    return -PREFACTOR / (4 * sp.pi**2 * r) * total


def massless_r_power(nature: str = "dirac", current: Any = None) -> int:
    """The power of r of the massless potential, read off the derived transforms (-5 for every current).

    >>> massless_r_power(), massless_r_power("majorana", "SP")
    (-5, -5)
    """
    expr = massless_potential(nature, current=current)
    powers = {int(sp.Poly(t_.as_numer_denom()[1], r).degree()) - int(sp.Poly(t_.as_numer_denom()[0], r).degree())
              for t_ in sp.Add.make_args(sp.expand(expr))}
    if len(powers) != 1:
        raise ArithmeticError(f"the massless potential is not a single power of r: {expr}")
    return -powers.pop()


def check_eq8(Z_A: Any = 26, N_A: Any = 30, Z_B: Any = 26, N_B: Any = 30,
              nature: str = "dirac") -> bool:
    """Check Eq. (8): the massless assembly equals G_F^2/(16 pi^3 r^5) sum_a Q_A^a Q_B^a.

    Uses the symbolic PMNS matrix (unitarity is what makes Eq. 7 hold), the charge
    matrices of Eq. (5) and :func:`nusym.symbolic.charges.coupling_sum`.

    >>> check_eq8(26, 30, 82, 126)
    True
    """
    QA, QB = charge_matrix(Z_A, N_A), charge_matrix(Z_B, N_B)
    qa, qb = flavour_charges(Z_A, N_A), flavour_charges(Z_B, N_B)
    eq8 = G_F**2 / (16 * sp.pi**3 * r**5) * sum(qa[f] * qb[f] for f in qa)
    coeff = massless_potential(nature)
    # Eq. (7): sum_ij Q_A^ij conj Q_B^ij = sum_alpha Q_A^alpha Q_B^alpha
    s = sp.simplify(sp.expand(coupling_sum(QA, QB)))
    ok7 = sp.simplify(sp.expand_trig(s - sum(qa[f] * qb[f] for f in qa))) == 0
    return bool(ok7 and sp.simplify(coeff * s - eq8) == 0)


# ------------------------------------------------------------------ derive texts
def _fmt(expr: sp.Expr, as_latex: bool) -> str:
    return _latex(expr) if as_latex else sp.sstr(expr)


def derive_closed_form_text(*, nature: str = "dirac", latex: bool = False, current: Any = None) -> str:
    """What ``nusym derive closed-form`` prints: T(r) per absorptive term and mass case.

    ``current``: as in :func:`nusym.symbolic.absorptive.absorptive_terms` (None: V-A).
    """
    nature = check_nature(nature)
    as_latex = bool(latex)
    lines = [f"# Closed forms of T(r) = Int dt exp(-sqrt(t) r) kernel(t), {nature} neutrinos "
             "(Eq. 1 of Segarra & Bernabeu 2020)"]
    cases = [("m_i = m_j = m", m, m), ("m_i = m, m_j = 0", m, 0), ("m_i = m_j = 0", 0, 0)]
    for term in absorptive_terms(nature, current):
        if current is None:
            lines.append(f"term {term.weight} (weight {sp.sstr(WEIGHTS[term.weight])}):")
        else:
            lines.append(f"term {term.label} (weight {sp.sstr(term.coefficient * WEIGHTS[term.weight])}):")
        for label, a, b in cases:
            lines.append(f"  {label}:  T = {_fmt(closed_form_transform(term.kernel, a, b), as_latex)}")
    return "\n".join(lines)


def derive_massless_text(*, nature: str = "dirac", latex: bool = False, current: Any = None) -> str:
    """What ``nusym derive massless`` prints: Eq. (8) from the massless transforms.

    ``current``: as in :func:`nusym.symbolic.absorptive.absorptive_terms` (None: V-A).
    """
    as_latex = bool(latex)
    nature = check_nature(nature)
    if current is not None:
        expr = massless_potential(nature, current=current)
        name = (", ".join(f"c_{k} = {v}" for k, v in dict(current).items())
                if isinstance(current, (dict, tuple)) else str(current))
        if expr.has(QA_re, QA_im, QB_re, QB_im):
            head = (f"# Massless limit for the current {name} ({nature}): V(r) per channel (i, j), "
                    "in Re/Im of its charges Q_A^ij, Q_B^ij (the scalar charges for S/P); sum over i, j")
        else:  # the weights combine into Re(Q_A conj Q_B): show the sum over channels
            sym = sp.Symbol("S")
            expr = expr * sym
            head = (f"# Massless limit for the current {name} ({nature}), S = sum_ij Q_A^ij conj(Q_B^ij) "
                    "(the scalar charges for S/P)")
        lines = [head,
                 "V(r) = " + (_latex(expr) if as_latex else sp.sstr(expr)),
                 f"power of r (derived): {massless_r_power(nature, current)}"]
        return "\n".join(lines)
    coeff = massless_potential(nature)
    sym = sp.Symbol("S")
    expr = coeff * sym
    lines = ["# Massless limit (Eq. 8 of Segarra & Bernabeu 2020), "
             "S = sum_alpha Q^alpha_{W,A} Q^alpha_{W,B} = sum_ij Q_A^ij conj(Q_B^ij) (Eq. 7)"]
    if as_latex:
        lines.append("V(r) = " + _latex(expr, symbol_names={sym: r"\sum_{\alpha} Q^{\alpha}_{W,A} Q^{\alpha}_{W,B}"}))
    else:
        lines.append(f"V(r) = {sp.sstr(expr)}")
    lines.append(f"Eq. (8) reproduced for Fe-56/Pb-208 with the symbolic PMNS matrix: {check_eq8(26, 30, 82, 126)}")
    return "\n".join(lines)
