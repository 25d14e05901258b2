"""Absorptive parts Im M_ij(t) derived from the Lagrangian, Eqs. (2), (3) and (6).

The derivation, step by step (each step is code below, nothing is typed in):

1. **Vertex** (Eq. 3). Per channel, the coupling of the current
   ``nubar_j Gamma^mu nu_i`` to the coherent static source is ``(G_F/2 sqrt2) Q^{ij}``
   with ``Gamma^mu = gamma^mu (1 - gamma5)``.

   * Dirac neutrinos: the V-A vertex of the ordered channel (i, j), final state
     nu_j nubar_i.
   * Majorana neutrinos: the (i, j) and (j, i) Lagrangian terms act on the same
     two self-conjugate fields; with :func:`~nusym.symbolic.dirac.majorana_flip`
     the (j, i) term becomes ``nubar_j (C Gamma^T C^-1) nu_i``, so the effective
     vertex is ``Q^{ij} Gamma + Q^{ji} C Gamma^T C^-1`` with ``Q^{ji} = conj Q^{ij}``.
     For i = j the same expression is the sum of the two Wick contractions
     ("twice the axial current") and the identical-particle factor 1/2 applies;
     for i != j the unordered channel {i, j} is shared equally by the ordered pairs
     (i, j) and (j, i) of Eq. (1). Both cases give a factor 1/2 per ordered pair.

2. **Spin sums and phase space** (Eq. 2). ``T^{mu nu} = Tr[(k1slash + m_j) Gamma_A^mu
   (k2slash - m_i) bar(Gamma_B)^nu]`` with explicit momenta in the pair's rest
   frame, integrated over the directions of k1 (dOmega/4pi) and multiplied by the
   two-body phase space, itself obtained from the delta function of Eq. (2).

3. **Static coherent sources.** The source currents are J = (1, 0, 0, 0) with a
   purely spatial momentum transfer, so J.p = 0: only the spin-1 part of
   ``T^{mu nu} = rho_1 (-g + p p / t) + rho_0 p p / t`` survives, contracted with
   ``J_A (-g + pp/t) J_B = -1`` (the sign of vector exchange: repulsion).
   ``rho_1 = P_{mu nu} T^{mu nu} / 3``.

The result is written as ``Im M_ij = PREFACTOR * sum_k w_k * kernel_k(t, m_i, m_j)``
with ``PREFACTOR = -G_F^2/(48 pi)`` and weights w_k among

* ``dirac``:  Re(Q_A^{ij} conj Q_B^{ij}) (the imaginary part cancels in the sum over
  ordered pairs because the kernels are symmetric in m_i <-> m_j),
* ``axial``:  Re Q_A^{ij} Re Q_B^{ij},
* ``vector``: Im Q_A^{ij} Im Q_B^{ij}.

What the derivation finds (tested in ``tests/paper/test_eq6.py``):

* Dirac: identical to Eq. (6) as printed, X_ij = mbar^2_ij.
* Majorana: ``kernel_axial`` has X_ij = mbar^2 + 3 m_i m_j as printed, but a
  second term ``kernel_vector`` with X_ij = mbar^2 - 3 m_i m_j multiplies
  Im Q_A Im Q_B. The printed Eq. (6) therefore holds for Majorana neutrinos exactly
  when Im Q_A^{ij} Im Q_B^{ij} = 0 for every i != j, i.e. when every U_ei U*_ej is
  real (Dirac phase and Majorana phases at 0 or pi in the combinations entering
  U_e1 U*_e2, U_e1 U*_e3, U_e2 U*_e3). Otherwise the phases are observable and the
  vector term is S-wave.

>>> from nusym.symbolic.absorptive import absorptive_terms
>>> [term.weight for term in absorptive_terms("majorana")]
['axial', 'vector']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from nusym.inputs import NATURES, check_nature

from .dirac import GAMMA, GAMMA5, ETA, bar, majorana_flip, slash
from .symbols import (
    Dm2, G_F, QA, QA_im, QA_re, QB, QB_im, QB_re, k, latex, m_i, m_j, mbar2, t, x,
)

__all__ = [
    "NATURES",
    "PREFACTOR",
    "WEIGHTS",
    "AbsorptiveTerm",
    "normalise_nature",
    "absorptive_terms",
    "im_M",
    "printed_eq6",
    "kallen",
    "phase_space",
    "static_projection_sign",
    "threshold_power",
    "threshold_leading_term",
    "kernel_bracket",
    "paper_form",
    "kernel_in_x",
    "im_M_latex",
]

#: Common prefactor of Eq. (6).
PREFACTOR = -G_F**2 / (48 * sp.pi)
#: Weights of the kernels in terms of the channel charges.
WEIGHTS: dict[str, sp.Expr] = {
    "dirac": QA_re * QB_re + QA_im * QB_im,
    "axial": QA_re * QB_re,
    "vector": QA_im * QB_im,
}

_E1, _E2, _kap = sp.symbols("E_1 E_2 kappa", positive=True)
_th, _ph = sp.symbols("theta phi", real=True)


@dataclass(frozen=True)
class AbsorptiveTerm:
    """One term ``PREFACTOR * weight * kernel`` of Im M_ij(t)."""

    weight: str
    kernel: sp.Expr

    @property
    def weight_expr(self) -> sp.Expr:
        """The weight as an expression in Re/Im of Q_A^{ij}, Q_B^{ij}."""
        return WEIGHTS[self.weight]


#: ``"dirac"`` or ``"majorana"`` (case-insensitive, also ``D``/``M``): :func:`nusym.inputs.check_nature`
normalise_nature = check_nature


def kallen(a: sp.Expr, b: sp.Expr, c: sp.Expr) -> sp.Expr:
    """Kallen function lambda(a, b, c) = a^2 + b^2 + c^2 - 2ab - 2bc - 2ca."""
    return a**2 + b**2 + c**2 - 2 * a * b - 2 * b * c - 2 * c * a


def _kinematics(ma: sp.Expr, mb: sp.Expr) -> dict[sp.Symbol, sp.Expr]:
    """Energies and momentum of the pair in its rest frame (p = (sqrt t, 0))."""
    rt = sp.sqrt(t)
    return {
        _E1: (t + ma**2 - mb**2) / (2 * rt),
        _E2: (t - ma**2 + mb**2) / (2 * rt),
        _kap: sp.sqrt(kallen(t, ma**2, mb**2)) / (2 * rt),
    }


def phase_space(ma: sp.Expr = m_j, mb: sp.Expr = m_i) -> sp.Expr:
    """Two-body phase space of Eq. (2), integrated over the delta functions.

    ``int d^3k /((2 pi)^3 2E1 2E2) 2 pi delta(sqrt t - E1 - E2)``; the angular part
    is kept as the average dOmega/4pi done separately.

    >>> from nusym.symbolic.symbols import t
    >>> phase_space(0, 0)
    1/(8*pi)
    """
    kap = sp.Symbol("kappa", positive=True)
    e1, e2 = sp.sqrt(kap**2 + ma**2), sp.sqrt(kap**2 + mb**2)
    jac = sp.diff(e1 + e2, kap)  # |d(E1+E2)/d kappa|
    ps = 4 * sp.pi * kap**2 / ((2 * sp.pi) ** 3 * 4 * e1 * e2) * 2 * sp.pi / jac
    # on shell, E1 and E2 are the rest-frame energies fixed by t (both positive)
    ps = ps.subs({e1: _E1, e2: _E2}).subs(kap, _kap)
    return sp.simplify(sp.factor(ps.subs(_kinematics(ma, mb))))


def static_projection_sign() -> sp.Expr:
    """J_A P J_B for static sources: J = (1,0,0,0), p = (0, q) spacelike.

    ``P^{mu nu} = -g^{mu nu} + p^mu p^nu / p^2`` is the spin-1 projector.

    >>> static_projection_sign()
    -1
    """
    q = sp.Symbol("q", positive=True)
    p = sp.Matrix([0, 0, 0, q])
    p2 = (p.T * ETA * p)[0]
    J = sp.Matrix([1, 0, 0, 0])
    Jlow = ETA * J
    proj = -ETA.inv() + p * p.T / p2  # contravariant projector
    return sp.simplify((Jlow.T * proj * Jlow)[0])


def _vertices(nature: str) -> tuple[sp.Matrix, ...]:
    """Vertex matrices Gamma^mu (mu = 0..3) for sides A and B, charges symbolic."""
    qa = QA_re + sp.I * QA_im
    qb = QB_re + sp.I * QB_im
    va, vb = [], []
    for mu in range(4):
        gam = GAMMA[mu] * (sp.eye(4) - GAMMA5)
        if nature == "dirac":
            va.append(qa * gam)
            vb.append(qb * gam)
        else:
            flipped = majorana_flip(gam)
            va.append(qa * gam + sp.conjugate(qa) * flipped)
            vb.append(qb * gam + sp.conjugate(qb) * flipped)
    return tuple(va), tuple(vb)


def _spin1_spectral(nature: str) -> sp.Expr:
    """rho_1 = P_{mu nu} T^{mu nu}/3 averaged over directions, in the pair rest frame."""
    va, vb = _vertices(nature)
    ma, mb = m_j, m_i  # nu_j (u spinor, k1) and antiparticle nu_i (v spinor, k2)
    k1 = [_E1, _kap * sp.sin(_th) * sp.cos(_ph), _kap * sp.sin(_th) * sp.sin(_ph), _kap * sp.cos(_th)]
    k2 = [_E2, -k1[1], -k1[2], -k1[3]]
    left = slash(k1) + ma * sp.eye(4)
    right = slash(k2) - mb * sp.eye(4)
    # In the rest frame P_{mu nu} = diag(0, 1, 1, 1) (lower indices).
    total = sp.Integer(0)
    for mu in (1, 2, 3):
        total += (left * va[mu] * right * bar(vb[mu])).trace()
    total = sp.expand(total / 3)
    avg = sp.integrate(sp.integrate(total * sp.sin(_th), (_th, 0, sp.pi)), (_ph, 0, 2 * sp.pi)) / (4 * sp.pi)
    avg = sp.expand(avg.subs(_kinematics(ma, mb)))
    return avg


@lru_cache(maxsize=None)
def im_M(nature: str = "dirac") -> sp.Expr:
    """Derived Im M_ij(t) for one ordered channel, general complex charges.

    Expressed in t, m_i, m_j, G_F and Re/Im of Q^{ij}_{W,A}, Q^{ij}_{W,B}
    (symbols ``QA_re, QA_im, QB_re, QB_im``). Eq. (2) with the vertex of Eq. (3).
    """
    nature = check_nature(nature)
    rho1 = _spin1_spectral(nature)
    symmetry = sp.Integer(1) if nature == "dirac" else sp.Rational(1, 2)
    coupling2 = (G_F / (2 * sp.sqrt(2))) ** 2
    res = sp.Rational(1, 2) * symmetry * phase_space() * coupling2 * static_projection_sign() * rho1
    return sp.expand(res)


def _canonical_kernel(expr: sp.Expr) -> sp.Expr:
    """Write a kernel as sqrt(lambda) * polynomial(t) / t^2 with lambda factorised."""
    lam = kallen(t, m_i**2, m_j**2)
    ratio = sp.factor(sp.simplify(expr / sp.sqrt(lam)))
    lam_f = (t - (m_i + m_j) ** 2) * (t - (m_i - m_j) ** 2)
    assert sp.expand(lam_f - lam) == 0
    return sp.sqrt(lam_f) * ratio


@lru_cache(maxsize=None)
def absorptive_terms(nature: str = "dirac") -> tuple[AbsorptiveTerm, ...]:
    """Decompose the derived Im M_ij into ``PREFACTOR * sum_k w_k kernel_k``.

    Raises ``AssertionError`` if the derivation produced a structure other than
    the expected weights (which would be a bug, not bad input).

    >>> from nusym.symbolic.symbols import t, m_i, m_j
    >>> (term,) = absorptive_terms("dirac")
    >>> term.weight, sp.simplify(term.kernel.subs({m_i: 0, m_j: 0}))
    ('dirac', t)
    """
    nature = check_nature(nature)
    expr = sp.expand(im_M(nature) / PREFACTOR)
    poly = sp.Poly(expr, QA_re, QA_im, QB_re, QB_im)
    coeffs = {mon: sp.simplify(c) for mon, c in poly.terms()}
    rere = coeffs.pop((1, 0, 1, 0), sp.Integer(0))
    imim = coeffs.pop((0, 1, 0, 1), sp.Integer(0))
    if nature == "dirac":
        # Q_A conj(Q_B) = (ReRe + ImIm) + i (ImA ReB - ReA ImB)
        reim = coeffs.pop((1, 0, 0, 1), sp.Integer(0))
        imre = coeffs.pop((0, 1, 1, 0), sp.Integer(0))
        assert sp.simplify(rere - imim) == 0
        assert sp.simplify(imre + reim) == 0
        assert sp.simplify(imre - sp.I * rere) == 0
        assert not coeffs, coeffs
        return (AbsorptiveTerm("dirac", _canonical_kernel(rere)),)
    assert not coeffs, coeffs  # no Re x Im interference survives
    return (
        AbsorptiveTerm("axial", _canonical_kernel(rere)),
        AbsorptiveTerm("vector", _canonical_kernel(imim)),
    )


def printed_eq6(nature: str = "dirac") -> sp.Expr:
    """Eq. (6) as printed, divided by ``PREFACTOR * Q_A conj(Q_B)``.

    ``t sqrt(1 - 4 mbar^2/t + (Dm^2/t)^2) [1 - X/t - (Dm^2/t)^2/2]``.
    """
    nature = check_nature(nature)
    mb2 = (m_i**2 + m_j**2) / 2
    dm2 = m_i**2 - m_j**2
    X = mb2 if nature == "dirac" else mb2 + 3 * m_i * m_j
    return t * sp.sqrt(1 - 4 * mb2 / t + (dm2 / t) ** 2) * (1 - X / t - sp.Rational(1, 2) * (dm2 / t) ** 2)


def kernel_bracket(kernel: sp.Expr) -> sp.Expr:
    """The bracket [1 - X/t - ...] of a kernel: kernel / (t sqrt(lambda)/t)."""
    lam = (t - (m_i + m_j) ** 2) * (t - (m_i - m_j) ** 2)
    return sp.expand(sp.simplify(kernel / sp.sqrt(lam)) * t**2) / t**2


def paper_form(kernel: sp.Expr) -> sp.Expr:
    """Rewrite a derived kernel in the paper's variables mbar^2_ij, Delta m^2_ij.

    >>> from nusym.symbolic.symbols import mbar2, Dm2, t
    >>> (term,) = absorptive_terms("dirac")
    >>> printed = t * sp.sqrt(1 - 4*mbar2/t + (Dm2/t)**2) * (1 - mbar2/t - (Dm2/t)**2/2)
    >>> sp.simplify(paper_form(term.kernel) - printed)
    0
    """
    bracket = sp.expand(kernel_bracket(kernel) * t**2)
    # reduce modulo m_i^2 = mbar2 + Dm2/2, m_j^2 = mbar2 - Dm2/2 (m_i m_j stays)
    ideal = [m_i**2 - mbar2 - Dm2 / 2, m_j**2 - mbar2 + Dm2 / 2]
    _, rem = sp.reduced(bracket, ideal, m_i, m_j, mbar2, Dm2, t, order="lex")
    new_bracket = sp.expand(rem / t**2)
    root = sp.sqrt(1 - 4 * mbar2 / t + (Dm2 / t) ** 2)
    return t * root * new_bracket


def _vanishing_order(expr: sp.Expr, var: sp.Symbol) -> sp.Rational:
    """Order of the zero of ``expr`` at ``var = 0`` (products and powers of polynomials)."""
    if expr.is_Mul:
        return sum((_vanishing_order(f, var) for f in expr.args), sp.Integer(0))
    if expr.is_Pow:
        return expr.exp * _vanishing_order(expr.base, var)
    num, den = sp.fraction(sp.together(sp.expand(expr)))
    orders = []
    for part in (num, den):
        poly = sp.Poly(sp.expand(part), var)
        orders.append(min(mon[0] for mon in poly.monoms()))
    return sp.Integer(orders[0] - orders[1])


def threshold_power(kernel: sp.Expr, mi: sp.Expr | None = None, mj: sp.Expr | None = None) -> sp.Expr:
    """Leading power of k of a kernel near threshold, t = t_ij (1 + k^2/(m_i m_j)).

    Eq. (6), remark (v): S-wave (k^1) for Dirac, P-wave (k^3) for Majorana.
    The substitution is made in every factor of the kernel and the order of the
    zero at k = 0 is read off the resulting polynomials in k.

    >>> [threshold_power(term.kernel) for term in absorptive_terms("majorana")]
    [3, 1]
    """
    mi = m_i if mi is None else mi
    mj = m_j if mj is None else mj
    expr = kernel.subs({m_i: mi, m_j: mj})
    tij = (mi + mj) ** 2
    expr = expr.subs(t, tij * (1 + k**2 / (mi * mj)))
    return _vanishing_order(expr, k)


def threshold_leading_term(kernel: sp.Expr) -> sp.Expr:
    """Leading term of a kernel in k near threshold (checks :func:`threshold_power`).

    Uses a series expansion (slower); returns ``c * k**p``.
    """
    expr = kernel.subs(t, (m_i + m_j) ** 2 * (1 + k**2 / (m_i * m_j)))
    p = threshold_power(kernel)
    lead = sp.limit(sp.simplify(expr / k**p), k, 0)
    return sp.factor(lead) * k**p


def im_M_latex(nature: str = "dirac") -> str:
    """LaTeX of the derived Im M_ij in the paper's notation."""
    nature = check_nature(nature)
    parts = []
    for term in absorptive_terms(nature):
        w = QA * sp.conjugate(QB) if term.weight == "dirac" else term.weight_expr
        parts.append(sp.Mul(w, paper_form(term.kernel), evaluate=False))
    body = " + ".join(r"\left(" + latex(p) + r"\right)" for p in parts)
    return r"\operatorname{Im} M_{ij}(t) = -\frac{G_{F}^{2}}{48\pi}\left[" + body + r"\right]"


def kernel_in_x(kernel: sp.Expr) -> sp.Expr:
    """Integrand of Eq. (1) above threshold, free of cancellations.

    With sqrt(t) = m_i + m_j + x, ``int_{t_ij}^oo dt e^{-sqrt(t) r} kernel(t)
    = e^{-(m_i+m_j) r} int_0^oo dx e^{-x r} g(x)`` and this returns g(x) =
    2 sqrt(t) kernel(t), with sqrt(lambda) written as
    sqrt(x (x + 2(m_i+m_j)) (x + 2 m_i) (x + 2 m_j)) and the polynomial factors
    that vanish at threshold written as multiples of x.

    >>> from nusym.symbolic.symbols import x, m_i, m_j
    >>> (term,) = absorptive_terms("dirac")
    >>> g = kernel_in_x(term.kernel)
    >>> sp.simplify(g.subs({m_i: 0, m_j: 0}) - 2 * x**3)
    0
    """
    s = m_i + m_j
    lam = (t - (m_i + m_j) ** 2) * (t - (m_i - m_j) ** 2)
    ratio = sp.factor(sp.cancel(sp.simplify(kernel / sp.sqrt(lam))))
    num, den = sp.fraction(ratio)
    u = s + x

    def sub(e: sp.Expr) -> sp.Expr:
        factors = sp.Mul.make_args(sp.factor(e))
        out = sp.Integer(1)
        for f in factors:
            base, exp = f.as_base_exp()
            out *= sp.factor(sp.expand(base.subs(t, u**2))) ** exp
        return out

    root = sp.sqrt(x * (x + 2 * s) * (x + 2 * m_i) * (x + 2 * m_j))
    return 2 * u * root * sub(num) / sub(den)
