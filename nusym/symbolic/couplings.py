"""Effective-Lagrangian couplings of Eqs. (3)-(4) of Segarra & Bernabeu (2020).

The four-fermion interaction of Eq. (3),

    L_eff = -(G_F / 2 sqrt 2) [nubar_j gamma^mu (1 - gamma5) nu_i]
                              [psibar gamma_mu (g^psi_V,ij - g^psi_A,ij gamma5) psi],

is built here from the Standard Model quantum numbers instead of being typed in:

* neutral current: in the normalisation of Eq. (3) a fermion f couples with
  ``g_V^f = 2 (T3_f - 2 Q_f sin^2 theta_W)``, flavour-blind, so diagonal in the mass
  basis by unitarity of U; the proton and neutron couplings are the sums over their
  valence quarks (uud, udd);
* charged current: the Fierz rearrangement of the (V-A)x(V-A) nu_e-electron term
  gives the electron an extra coupling 2 to nu_e (flavour basis), i.e.
  ``2 U_ei U*_ej`` in the mass basis.

Only the vector (mu = 0, number-operator) couplings are coherent for bulk matter.

>>> import sympy as sp
>>> from nusym.symbolic.couplings import vector_couplings, printed_eq4
>>> g = vector_couplings()
>>> all(sp.simplify(g[f] - printed_eq4()[f]) == sp.zeros(3, 3) for f in "epn")
True
"""

from __future__ import annotations

from functools import cache

import sympy as sp

from .symbols import alpha21, alpha31, delta, s2w, theta12, theta13, theta23

__all__ = [
    "QUANTUM_NUMBERS",
    "pmns",
    "nc_vector_coupling",
    "flavour_couplings",
    "vector_couplings",
    "printed_eq4",
    "trig_reduce",
]

#: (T3, electric charge) of the first-generation fermions.
QUANTUM_NUMBERS: dict[str, tuple[sp.Rational, sp.Rational]] = {
    "e": (sp.Rational(-1, 2), sp.Integer(-1)),
    "u": (sp.Rational(1, 2), sp.Rational(2, 3)),
    "d": (sp.Rational(-1, 2), sp.Rational(-1, 3)),
}

#: Valence-quark content of the nucleons.
NUCLEON_CONTENT: dict[str, dict[str, int]] = {"p": {"u": 2, "d": 1}, "n": {"u": 1, "d": 2}}


@cache
def pmns(majorana_phases: bool = True) -> sp.Matrix:
    """Symbolic PMNS matrix U (PDG convention), rows e, mu, tau; columns 1, 2, 3.

    ``U = R23 U13(delta) R12 diag(1, e^{i alpha21/2}, e^{i alpha31/2})``.

    >>> U = pmns()
    >>> U[0, 2]
    exp(I*alpha31/2)*exp(-I*delta)*sin(theta13)
    """
    c12, s12 = sp.cos(theta12), sp.sin(theta12)
    c13, s13 = sp.cos(theta13), sp.sin(theta13)
    c23, s23 = sp.cos(theta23), sp.sin(theta23)
    r23 = sp.Matrix([[1, 0, 0], [0, c23, s23], [0, -s23, c23]])
    u13 = sp.Matrix(
        [[c13, 0, s13 * sp.exp(-sp.I * delta)], [0, 1, 0], [-s13 * sp.exp(sp.I * delta), 0, c13]]
    )
    r12 = sp.Matrix([[c12, s12, 0], [-s12, c12, 0], [0, 0, 1]])
    u = r23 * u13 * r12
    if majorana_phases:
        u = u * sp.diag(1, sp.exp(sp.I * alpha21 / 2), sp.exp(sp.I * alpha31 / 2))
    return u


def nc_vector_coupling(fermion: str) -> sp.Expr:
    """Neutral-current vector coupling in the normalisation of Eq. (3).

    ``g_V = 2 (T3 - 2 Q sin^2 theta_W)`` for e, u, d; summed over valence quarks
    for p and n.

    >>> nc_vector_coupling("p"), nc_vector_coupling("n"), nc_vector_coupling("e")
    (1 - 4*s2w, -1, 4*s2w - 1)
    """
    if fermion in NUCLEON_CONTENT:
        return sp.expand(sum(n * nc_vector_coupling(q) for q, n in NUCLEON_CONTENT[fermion].items()))
    if fermion not in QUANTUM_NUMBERS:
        raise KeyError(fermion)
    t3, q = QUANTUM_NUMBERS[fermion]
    return sp.expand(2 * (t3 - 2 * q * s2w))


def flavour_couplings(fermion: str) -> sp.Matrix:
    """3x3 vector couplings of ``fermion`` in the flavour basis (e, mu, tau).

    The electron carries the Fierzed charged-current term 2 for nu_e.
    """
    cc = sp.diag(2, 0, 0) if fermion == "e" else sp.zeros(3, 3)
    return cc + nc_vector_coupling(fermion) * sp.eye(3)


def _to_mass_basis(g_flavour: sp.Matrix, U: sp.Matrix) -> sp.Matrix:
    # sum_alpha c_alpha nubar_alpha G nu_alpha with nu_alpha = sum_i U_alpha,i nu_i:
    # coefficient of nubar_j G nu_i is g_ij = sum_ab U_a,i g_ab U*_b,j.
    return sp.Matrix(3, 3, lambda i, j: sum(
        U[a, i] * g_flavour[a, b] * sp.conjugate(U[b, j]) for a in range(3) for b in range(3)
    ))


def trig_reduce(expr: sp.Expr) -> sp.Expr:
    """Simplify a polynomial in sin/cos of the mixing angles using sin^2 + cos^2 = 1.

    Polynomial reduction modulo the ideal (c^2 + s^2 - 1) for each angle: this is
    how unitarity of U shows up, fast and exact.

    >>> trig_reduce(sp.sin(theta12)**2 + sp.cos(theta12)**2)
    1
    """
    sins = [sp.Dummy(f"s{n}") for n in range(3)]
    coss = [sp.Dummy(f"c{n}") for n in range(3)]
    rep: dict[sp.Expr, sp.Expr] = {}
    for ang, s_, c_ in zip((theta12, theta13, theta23), sins, coss, strict=True):
        rep[sp.sin(ang)] = s_
        rep[sp.cos(ang)] = c_
    e = sp.expand(sp.expand(expr).subs(rep))
    if e == 0:
        return sp.Integer(0)
    ideal = [c_**2 + s_**2 - 1 for s_, c_ in zip(sins, coss, strict=True)]
    _, rem = sp.reduced(e, ideal, *sins, *coss)
    return sp.factor(rem).subs({v: k for k, v in rep.items()})


@cache
def _vector_couplings_cached() -> dict[str, sp.Matrix]:
    U = pmns()
    out = {}
    for f in ("e", "p", "n"):
        g = _to_mass_basis(flavour_couplings(f), U)
        # flavour-blind parts are diagonal by unitarity of U (U^dagger U = 1)
        out[f] = g.applyfunc(lambda e: sp.expand(trig_reduce(e)))
    return out


def vector_couplings(U: sp.Matrix | None = None) -> dict[str, sp.Matrix]:
    """Vector couplings g^psi_{V,ij} of Eq. (4) in the mass basis, psi = e, p, n.

    Row i, column j is the coefficient of ``nubar_j gamma^mu (1-gamma5) nu_i``.
    With ``U=None`` the symbolic PMNS matrix :func:`pmns` is used.
    """
    if U is None:
        return dict(_vector_couplings_cached())
    return {f: _to_mass_basis(flavour_couplings(f), U).applyfunc(sp.expand) for f in ("e", "p", "n")}


def printed_eq4(U: sp.Matrix | None = None) -> dict[str, sp.Matrix]:
    """Eq. (4) exactly as printed in the paper, for comparison with the derivation."""
    U = pmns() if U is None else U
    d = sp.eye(3)
    ge = sp.Matrix(3, 3, lambda i, j: 2 * U[0, i] * sp.conjugate(U[0, j]) - (1 - 4 * s2w) * d[i, j])
    return {"e": ge, "p": (1 - 4 * s2w) * d, "n": -d}
