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

Currents beyond V-A (issue 13; ``docs/currents.md``). The same steps with the
vertex ``gamma^mu (c_V - c_A gamma5)`` (``current="VA"``) or ``c_S + i c_P gamma5``
(``current="SP"``, coupled to the scalar charges of the sources through the full
trace, :func:`scalar_contraction_sign`, instead of the spin-1 projection), with
symbolic coefficients: :func:`absorptive_terms` returns terms whose weight is a
signed coefficient monomial (c_V^2, c_A^2, -c_S^2, -c_P^2) times a charge weight
above; the kernel families of the numeric layer are named by :func:`family`
(``dirac_va``, ``majorana_sp``, ...). :func:`interference_terms` shows that no
interference (V x A, S x V, ...) survives for static sources.

>>> from nusym.symbolic.absorptive import absorptive_terms
>>> [term.weight for term in absorptive_terms("majorana")]
['axial', 'vector']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

import sympy as sp

from nusym.inputs import NATURES, check_current, check_nature

from .dirac import ETA, GAMMA, GAMMA5, bar, majorana_flip, slash
from .symbols import (
    CURRENT_SYMBOLS,
    G_F,
    QA,
    QB,
    Dm2,
    QA_im,
    QA_re,
    QB_im,
    QB_re,
    c_A,
    c_P,
    c_S,
    c_V,
    k,
    latex,
    m_i,
    m_j,
    mbar2,
    t,
    x,
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
    "STRUCTURES",
    "FAMILIES",
    "family",
    "structure_of",
    "current_vertex",
    "scalar_contraction_sign",
    "interference_terms",
    "surviving_interference",
    "INTERFERENCE_PAIRS",
    "family_terms",
    "angular_average_check",
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


#: structures of the neutrino current beyond V-A: ``"VA"`` = gamma^mu (c_V - c_A gamma5),
#: ``"SP"`` = c_S + i c_P gamma5 (keys of :func:`nusym.inputs.check_current`)
STRUCTURES = ("VA", "SP")
#: kernel families: the Standard Model ones (named by the nature) and one per nature and structure
FAMILIES = ("dirac", "majorana", "dirac_va", "majorana_va", "dirac_sp", "majorana_sp")
#: names of the terms of a general current, by their coefficient monomial
_TERM_NAMES = {c_V**2: "vv", c_A**2: "aa", c_S**2: "ss", c_P**2: "pp"}
_TERM_ORDER = ("vv", "aa", "ss", "pp")


@dataclass(frozen=True)
class AbsorptiveTerm:
    """One term ``PREFACTOR * coefficient * weight * kernel`` of Im M_ij(t).

    ``weight``: the charge weight (a key of :data:`WEIGHTS`); ``coefficient``: a
    monomial in the current coefficients c_V, c_A, c_S, c_P with its sign (1 for
    the Standard Model terms); ``name``: the term's name in its family (the
    weight for the Standard Model families, ``vv``, ``aa``, ``ss``, ``pp`` for
    the general currents). The kernel is positive above threshold for the
    general currents (a sign of the exchange is in ``coefficient``).
    """

    weight: str
    kernel: sp.Expr
    coefficient: sp.Expr = sp.Integer(1)
    name: str = ""

    @property
    def label(self) -> str:
        """The name of the term in its family (``name``, or the weight when unnamed)."""
        return self.name or self.weight

    @property
    def weight_expr(self) -> sp.Expr:
        """The weight as an expression in Re/Im of Q_A^{ij}, Q_B^{ij}."""
        return WEIGHTS[self.weight]

    def _repr_latex_(self) -> str:
        r"""Jupyter: ``$...$`` with the term in the notation of Eq. (6) of Segarra & Bernabeu 2020.

        ``PREFACTOR * coefficient * weight`` times the kernel K(t) rewritten in
        the paper's variables (:func:`paper_form`), followed by the definitions of
        \overline{m}^2_{ij} and \Delta m^2_{ij} in terms of m_i, m_j.

        >>> (term,) = absorptive_terms("dirac")
        >>> text = term._repr_latex_()
        >>> text.startswith("$") and text.endswith("$"), r"\sqrt" in text, "m_{i}" in text
        (True, True, True)
        """
        weight = latex(PREFACTOR * self.coefficient * self.weight_expr)
        kernel = latex(paper_form(self.kernel))
        mbar = latex(sp.Eq(mbar2, (m_i**2 + m_j**2) / 2, evaluate=False))
        dm = latex(sp.Eq(Dm2, m_i**2 - m_j**2, evaluate=False))
        return (rf"$\displaystyle \operatorname{{Im}} M_{{ij}}(t) \ni {weight}\, K_{{\mathrm{{{self.label}}}}}(t),"
                rf"\quad K_{{\mathrm{{{self.label}}}}}(t) = {kernel},\quad {mbar},\ {dm}$")


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


def scalar_contraction_sign() -> sp.Expr:
    """J_A J_B for two static scalar sources: the scalar densities (1, 1), no Lorentz index.

    The pair of a scalar current couples to the full trace (there is no spin-1
    projector); the sign of the exchange then follows from this contraction and
    the positive spin sum: +1 against the -1 of :func:`static_projection_sign`,
    so scalar exchange attracts where vector exchange repels.

    >>> scalar_contraction_sign()
    1
    """
    rho_a, rho_b = sp.Integer(1), sp.Integer(1)  # static densities, J = rho (a Lorentz scalar)
    return rho_a * rho_b


def family(nature: str, structure: str | None = None) -> str:
    """Name of the kernel family: the nature (Standard Model V-A) or ``<nature>_va`` / ``<nature>_sp``.

    >>> family("dirac"), family("majorana", "SP")
    ('dirac', 'majorana_sp')
    """
    nature = check_nature(nature)
    if structure is None:
        return nature
    if structure not in STRUCTURES:
        raise ValueError(f"structure must be one of {STRUCTURES} or None, got {structure!r}")
    return f"{nature}_{structure.lower()}"


def structure_of(current: object) -> tuple[str | None, dict[str, sp.Expr]]:
    """(structure, {symbol key: value}) of a ``current`` argument.

    ``None`` (Standard Model), ``"VA"`` / ``"SP"`` (symbolic coefficients) or
    anything :func:`nusym.inputs.check_current` accepts (numbers substituted).

    >>> structure_of({"V": 1, "A": 0})
    ('VA', {'V': 1, 'A': 0})
    >>> structure_of("V-A")
    (None, {})
    """
    if current is None:
        return None, {}
    if isinstance(current, str) and current.strip().upper() in STRUCTURES:
        return current.strip().upper(), {}
    canonical = check_current(current)
    if canonical is None:
        return None, {}
    values = {key: sp.Rational(val.numerator, val.denominator) for key, val in canonical}
    return ("VA" if "V" in values else "SP"), values


def current_vertex(structure: str | None, mu: int | None = None) -> sp.Matrix:
    """The Dirac matrix of the current: gamma^mu (c_V - c_A gamma5), c_S + i c_P gamma5, or V-A.

    ``structure``: None (Standard Model gamma^mu (1 - gamma5)), ``"VA"`` (needs
    ``mu``), ``"SP"``, or one piece ``"V"`` (gamma^mu), ``"A"`` (-gamma^mu gamma5),
    ``"S"`` (1), ``"P"`` (i gamma5), so that c_V V + c_A A and c_S S + c_P P are the
    general currents.

    >>> current_vertex("P") == sp.I * GAMMA5
    True
    """
    def gamma() -> sp.Matrix:
        if mu is None:
            raise TypeError(f"the current {structure or 'V-A'} needs the Lorentz index mu")
        return GAMMA[mu]

    if structure is None:
        return gamma() * (sp.eye(4) - GAMMA5)
    pieces = {
        "V": gamma,
        "A": lambda: -gamma() * GAMMA5,
        "S": lambda: sp.eye(4),
        "P": lambda: sp.I * GAMMA5,
    }
    if structure == "VA":
        return c_V * pieces["V"]() + c_A * pieces["A"]()
    if structure == "SP":
        return c_S * pieces["S"]() + c_P * pieces["P"]()
    return pieces[structure]()


def _is_vector(structure: str | None) -> bool:
    return structure in (None, "VA", "V", "A")


def _vertex_pair(nature: str, structure: str | None, charge: sp.Expr) -> list[sp.Matrix]:
    """Q Gamma (Dirac) or Q Gamma + conj(Q) C Gamma^T C^-1 (Majorana), per Lorentz index (one if scalar)."""
    indices = range(4) if _is_vector(structure) else (None,)
    out = []
    for mu in indices:
        gam = current_vertex(structure, mu)
        if nature == "dirac":
            out.append(charge * gam)
        else:
            out.append(charge * gam + sp.conjugate(charge) * majorana_flip(gam))
    return out


def _vertices(nature: str, structure: str | None = None,
              structure_b: str | None | Literal[False] = False) -> tuple[list[sp.Matrix], list[sp.Matrix]]:
    """Vertex matrices for sides A and B (per Lorentz index for vector-like currents), charges symbolic."""
    qa = QA_re + sp.I * QA_im
    qb = QB_re + sp.I * QB_im
    other = structure if structure_b is False else structure_b
    return _vertex_pair(nature, structure, qa), _vertex_pair(nature, other, qb)


_KX, _KY, _KZ = sp.symbols("k_x k_y k_z", real=True)


def _spin_sums() -> tuple[list[sp.Expr], sp.Matrix, sp.Matrix]:
    """k1 and the spin sums (k1slash + m_j), (k2slash - m_i) in the pair rest frame, k2 = (E2, -k1)."""
    ma, mb = m_j, m_i  # nu_j (u spinor, k1) and antiparticle nu_i (v spinor, k2)
    k1 = [_E1, _KX, _KY, _KZ]
    k2 = [_E2, -_KX, -_KY, -_KZ]
    return k1, slash(k1) + ma * sp.eye(4), slash(k2) - mb * sp.eye(4)


def _angular_average(total: sp.Expr) -> sp.Expr:
    """Average over the directions of k1 (dOmega/4pi), then on-shell kinematics.

    The spin sums are linear in k1, so the traces are polynomials of degree <= 2
    in its components; over directions <k_a> = 0 and <k_a k_b> = delta_ab kappa^2/3.
    (:func:`angular_average_check` compares this with the explicit integral.)
    """
    poly = sp.Poly(sp.expand(total), _KX, _KY, _KZ)
    avg = sp.Integer(0)
    for (a, b, c), coeff in poly.terms():
        degree = a + b + c
        assert degree <= 2, (a, b, c)
        if degree == 0:
            avg += coeff
        elif 2 in (a, b, c):
            avg += coeff * _kap**2 / 3
    return sp.expand(avg.subs(_kinematics(m_j, m_i)))


def angular_average_check() -> bool:
    """The rule <k_a k_b> = delta_ab kappa^2/3, <k_a> = 0 against the integral over dOmega/4pi.

    >>> angular_average_check()
    True
    """
    n = [sp.sin(_th) * sp.cos(_ph), sp.sin(_th) * sp.sin(_ph), sp.cos(_th)]
    ks = (_KX, _KY, _KZ)
    for a in range(3):
        for b in range(3):
            for expr, want in ((ks[a], 0), (ks[a] * ks[b], _kap**2 * sp.KroneckerDelta(a, b) / 3)):
                val = expr.subs({ks[c]: _kap * n[c] for c in range(3)}, simultaneous=True)
                avg = sp.integrate(sp.integrate(val * sp.sin(_th), (_th, 0, sp.pi)), (_ph, 0, 2 * sp.pi))
                if sp.simplify(avg / (4 * sp.pi) - want) != 0:
                    return False
    return True


def _spin1_spectral(nature: str, structure: str | None = None,
                    structure_b: str | None | Literal[False] = False) -> sp.Expr:
    """rho_1 = P_{mu nu} T^{mu nu}/3 averaged over directions, in the pair rest frame."""
    va, vb = _vertices(nature, structure, structure_b)
    _, left, right = _spin_sums()
    # In the rest frame P_{mu nu} = diag(0, 1, 1, 1) (lower indices).
    total = sp.Integer(0)
    for mu in (1, 2, 3):
        total += (left * va[mu] * right * bar(vb[mu])).trace()
    return _angular_average(total / 3)


def _scalar_spectral(nature: str, structure: str = "SP", structure_b: str | Literal[False] = False) -> sp.Expr:
    """rho_S = Tr[(k1slash + m_j) Gamma_A (k2slash - m_i) bar Gamma_B] averaged over directions."""
    va, vb = _vertices(nature, structure, structure_b)
    _, left, right = _spin_sums()
    return _angular_average((left * va[0] * right * bar(vb[0])).trace())


def im_M(nature: str = "dirac", current: object = None) -> sp.Expr:
    """Derived Im M_ij(t) for one ordered channel, general complex charges.

    Expressed in t, m_i, m_j, G_F and Re/Im of Q^{ij}_{W,A}, Q^{ij}_{W,B}
    (symbols ``QA_re, QA_im, QB_re, QB_im``). Eq. (2) with the vertex of Eq. (3).
    ``current``: None (the Standard Model V-A of the paper), ``"VA"`` or ``"SP"``
    (symbolic c_V, c_A or c_S, c_P, :data:`nusym.symbolic.symbols.CURRENT_SYMBOLS`),
    or a current of :func:`nusym.inputs.check_current` (its numbers substituted).
    For ``"SP"`` Q are the scalar charges of the sources and the pair couples
    through :func:`scalar_contraction_sign` instead of the spin-1 projection.

    >>> im_M("dirac", "SP").subs({m_i: 0, m_j: 0, QA_im: 0, QB_im: 0, c_P: 0})
    G_F**2*QA_re*QB_re*c_S**2*t/(64*pi)
    """
    nature = check_nature(nature)
    structure, values = structure_of(current)
    res = _im_M(nature, structure)
    if values:
        res = sp.expand(res.subs({CURRENT_SYMBOLS[key]: v for key, v in values.items()}))
    return res


@cache
def _im_M(nature: str, structure: str | None) -> sp.Expr:
    symmetry = sp.Integer(1) if nature == "dirac" else sp.Rational(1, 2)
    coupling2 = (G_F / (2 * sp.sqrt(2))) ** 2
    if _is_vector(structure):
        rho = static_projection_sign() * _spin1_spectral(nature, structure)
    else:
        assert structure is not None  # _is_vector(None): the Standard Model current is V-A
        rho = scalar_contraction_sign() * _scalar_spectral(nature, structure)
    res = sp.Rational(1, 2) * symmetry * phase_space() * coupling2 * rho
    return sp.expand(res)


def _charge_parts(expr: sp.Expr, nature: str) -> list[tuple[str, sp.Expr]]:
    """Split a polynomial in Re/Im of the charges into [(charge weight, coefficient)] (zeros dropped)."""
    poly = sp.Poly(expr, QA_re, QA_im, QB_re, QB_im)
    coeffs = {mon: sp.simplify(c) for mon, c in poly.terms()}
    coeffs = {mon: c for mon, c in coeffs.items() if c != 0}
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
        return [("dirac", rere)] if rere != 0 else []
    assert not coeffs, coeffs  # no Re x Im interference survives
    return [(w, c) for w, c in (("axial", rere), ("vector", imim)) if c != 0]


def _positive_sign(kernel: sp.Expr) -> int:
    """Sign of a kernel above threshold (exact, at m_i = 1, m_j = 2, t = 100)."""
    val = sp.nsimplify(kernel.subs({m_i: 1, m_j: 2, t: 100}))
    sign = sp.sign(sp.N(val, 30))
    assert sign in (1, -1), val
    return int(sign)


@cache
def _general_terms(nature: str, structure: str) -> tuple[AbsorptiveTerm, ...]:
    """Terms of the general current with symbolic coefficients (see :func:`absorptive_terms`)."""
    expr = sp.expand(im_M(nature, structure) / PREFACTOR)
    cs = (c_V, c_A) if structure == "VA" else (c_S, c_P)
    poly = sp.Poly(expr, *cs)
    out = []
    for mon, part in poly.terms():
        monomial = cs[0] ** mon[0] * cs[1] ** mon[1]
        if monomial not in _TERM_NAMES:
            # an interference term (c_V c_A or c_S c_P): it must vanish for static sources
            assert sp.simplify(part) == 0, (monomial, part)
            continue
        for weight, raw in _charge_parts(sp.expand(part), nature):
            kernel = _canonical_kernel(raw)
            sign = _positive_sign(kernel)
            out.append(AbsorptiveTerm(weight, _canonical_kernel(sign * raw), sign * monomial,
                                      _TERM_NAMES[monomial]))
    return tuple(sorted(out, key=lambda term: _TERM_ORDER.index(term.name)))


#: the interference pairs of current pieces (side A, side B) that :func:`interference_terms` examines
INTERFERENCE_PAIRS = (("V", "A"), ("S", "P"), ("S", "V"), ("S", "A"), ("P", "V"), ("P", "A"))


@cache
def _interference(nature: str, a: str, b: str) -> sp.Expr:
    if _is_vector(a) and _is_vector(b):
        # spin-1 part; the spin-0 part p^mu p^nu / t is removed by J.p = 0
        return sp.simplify(static_projection_sign() * _spin1_spectral(nature, a, b))
    if not _is_vector(a) and not _is_vector(b):
        return sp.simplify(scalar_contraction_sign() * _scalar_spectral(nature, a, b))
    # one scalar and one vector vertex: T^nu = Tr[(k1 + m_j) Gamma_S (k2 - m_i) bar Gamma_V^nu]
    scalar_side, vector_side = (a, b) if not _is_vector(a) else (b, a)
    va = _vertex_pair(nature, scalar_side, QA_re + sp.I * QA_im)
    vb = _vertex_pair(nature, vector_side, QB_re + sp.I * QB_im)
    _, left, right = _spin_sums()
    avg = [_angular_average((left * va[0] * right * bar(vb[nu])).trace()) for nu in range(4)]
    # after the average over directions T^nu can only be along p = (sqrt t, 0, 0, 0)
    assert all(sp.simplify(c) == 0 for c in avg[1:]), avg
    q = sp.Symbol("q", positive=True)
    p_static = sp.Matrix([0, 0, 0, q])       # spacelike momentum transfer between static sources
    j_static = ETA * sp.Matrix([1, 0, 0, 0])  # J_mu of a static source
    j_dot_p = (j_static.T * p_static)[0]
    return sp.simplify(avg[0] / sp.sqrt(t) * j_dot_p)


def interference_terms(nature: str = "dirac") -> dict[tuple[str, str], sp.Expr]:
    """Interference of two pieces of the current for static coherent sources, derived.

    For each pair (X on side A, Y on side B) of :data:`INTERFERENCE_PAIRS`
    (V = gamma^mu, A = -gamma^mu gamma5, S = 1, P = i gamma5, charges symbolic)
    the spin sum of Eq. (2) is averaged over directions and contracted with the
    static sources: vector x vector through the spin-1 projector (the V x A
    trace is the antisymmetric epsilon^{mu nu alpha beta} k1_alpha k2_beta, so it
    vanishes), scalar x vector through J.p (the averaged T^mu is along p and
    J.p = 0 for a static source with spacelike p), scalar x scalar through the
    full trace (Tr[gamma5 k1slash k2slash] = 0). Returns {(X, Y): expression}.

    >>> set(interference_terms("dirac").values())
    {0}
    """
    nature = check_nature(nature)
    return {(a, b): _interference(nature, a, b) for a, b in INTERFERENCE_PAIRS}


def surviving_interference(nature: str = "dirac") -> list[tuple[str, str]]:
    """The pairs of :func:`interference_terms` that do not vanish for static sources (none).

    >>> surviving_interference("majorana")
    []
    """
    return [pair for pair, expr in interference_terms(nature).items() if expr != 0]


def _canonical_kernel(expr: sp.Expr) -> sp.Expr:
    """Write a kernel as sqrt(lambda) * polynomial(t) / t^2 with lambda factorised."""
    lam = kallen(t, m_i**2, m_j**2)
    ratio = sp.factor(sp.simplify(expr / sp.sqrt(lam)))
    lam_f = (t - (m_i + m_j) ** 2) * (t - (m_i - m_j) ** 2)
    assert sp.expand(lam_f - lam) == 0
    return sp.sqrt(lam_f) * ratio


def absorptive_terms(nature: str = "dirac", current: object = None) -> tuple[AbsorptiveTerm, ...]:
    """Decompose the derived Im M_ij into ``PREFACTOR * sum_k c_k w_k kernel_k``.

    ``current=None``: the Standard Model V-A of the paper (c_k = 1, the terms of
    Eq. 6). ``current="VA"`` / ``"SP"``: the general currents with symbolic
    coefficients c_k (monomials c_V^2, c_A^2 or c_S^2, c_P^2 with the sign of the
    exchange; the interference terms c_V c_A and c_S c_P vanish for static
    sources and are checked to). Any other ``current`` (a mapping or text of
    :func:`nusym.inputs.check_current`): the general terms with its numbers
    substituted and zero terms dropped (the Standard Model values give the
    Standard Model terms).

    Raises ``AssertionError`` if the derivation produced a structure other than
    the expected weights (which would be a bug, not bad input).

    >>> from nusym.symbolic.symbols import t, m_i, m_j
    >>> (term,) = absorptive_terms("dirac")
    >>> term.weight, sp.simplify(term.kernel.subs({m_i: 0, m_j: 0}))
    ('dirac', t)
    >>> [(term.name, term.coefficient, term.weight) for term in absorptive_terms("majorana", "VA")]
    [('vv', c_V**2, 'vector'), ('aa', c_A**2, 'axial')]
    >>> [(term.name, term.coefficient) for term in absorptive_terms("dirac", "SP")]
    [('ss', -c_S**2), ('pp', -c_P**2)]
    """
    nature = check_nature(nature)
    structure, values = structure_of(current)
    if structure is not None:
        general = _general_terms(nature, structure)
        if not values:
            return general
        subs = {CURRENT_SYMBOLS[key]: v for key, v in values.items()}
        return tuple(AbsorptiveTerm(term.weight, term.kernel, term.coefficient.subs(subs), term.name)
                     for term in general if term.coefficient.subs(subs) != 0)
    return _sm_terms(nature)


@cache
def _sm_terms(nature: str) -> tuple[AbsorptiveTerm, ...]:
    """The Standard Model terms of Eq. (6) (the paper's derivation, unchanged)."""
    parts = _charge_parts(sp.expand(im_M(nature) / PREFACTOR), nature)
    return tuple(AbsorptiveTerm(weight, _canonical_kernel(coeff)) for weight, coeff in parts)


def family_terms(name: str) -> tuple[AbsorptiveTerm, ...]:
    """The terms of a kernel family of :data:`FAMILIES` (symbolic coefficients for the general currents).

    >>> [term.label for term in family_terms("dirac_sp")]
    ['ss', 'pp']
    """
    if name not in FAMILIES:
        raise ValueError(f"unknown kernel family {name!r}; allowed: {', '.join(FAMILIES)}")
    nature, _, structure = name.partition("_")
    return absorptive_terms(nature, structure.upper() or None)


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


def im_M_latex(nature: str = "dirac", current: object = None) -> str:
    """LaTeX of the derived Im M_ij in the paper's notation.

    ``current``: as in :func:`absorptive_terms` (``"VA"``/``"SP"``: symbolic
    coefficients c_V, c_A, c_S, c_P; for ``"SP"`` Q are the scalar charges).

    >>> "c_{S}^{2}" in im_M_latex("dirac", "SP")
    True
    """
    nature = check_nature(nature)
    parts = []
    for term in absorptive_terms(nature, current):
        w = QA * sp.conjugate(QB) if term.weight == "dirac" else term.weight_expr
        factors = [w, paper_form(term.kernel)]
        if term.coefficient != 1:
            factors.insert(0, term.coefficient)
        parts.append(sp.Mul(*factors, evaluate=False))
    names = {}
    if structure_of(current)[0] == "SP":   # the scalar charges of the sources
        names = {QA: r"Q^{ij}_{S,A}", QB: r"Q^{ij}_{S,B}", QA_re: r"\operatorname{Re} Q^{ij}_{S,A}",
                 QA_im: r"\operatorname{Im} Q^{ij}_{S,A}", QB_re: r"\operatorname{Re} Q^{ij}_{S,B}",
                 QB_im: r"\operatorname{Im} Q^{ij}_{S,B}"}
    body = " + ".join(r"\left(" + latex(p, symbol_names=names) + r"\right)" for p in parts)
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
