"""Coherent weak charges of neutral matter, Eqs. (5) and (7) of Segarra & Bernabeu (2020).

The coherent charge of an object with Z protons (and Z electrons) and N neutrons
is the number-operator matrix element of Eq. (3):

    Q^{ij}_W(Z, N) = Z (g^e_{V,ij} + g^p_{V,ij}) + N g^n_{V,ij}          (Eq. 5)

a Hermitian 3x3 matrix in the definite-mass basis. It is assembled here from the
couplings derived in :mod:`nusym.symbolic.couplings`; ``tests/paper/test_eq5.py`` proves that
sin^2 theta_W cancels and that it equals the printed ``2 Z U_ei U*_ej - N delta_ij``.
Numerical charges for a given mixing matrix are :func:`nusym.charges.charge_matrix`
(from the generated couplings) and :meth:`nusym.Model.charges`.

>>> import sympy as sp
>>> from nusym.symbolic.charges import charge_matrix, flavour_charges
>>> from nusym.symbolic.symbols import s2w
>>> charge_matrix()[0, 0].has(s2w)
False
>>> flavour_charges(26, 30)
{'e': 22, 'mu': -30, 'tau': -30}
"""

from __future__ import annotations

from functools import cache
from typing import Any

import sympy as sp

from .couplings import flavour_couplings, pmns, trig_reduce, vector_couplings
from .symbols import N as N_sym
from .symbols import Z as Z_sym

__all__ = [
    "charge_matrix",
    "printed_eq5",
    "flavour_charges",
    "coupling_sum",
]

FLAVOURS = ("e", "mu", "tau")


@cache
def _charge_matrix_symbolic() -> sp.Matrix:
    g = vector_couplings()
    q = Z_sym * (g["e"] + g["p"]) + N_sym * g["n"]
    return q.applyfunc(lambda e: sp.factor(trig_reduce(e)))


def charge_matrix(Z: Any = Z_sym, N: Any = N_sym, U: sp.Matrix | None = None) -> sp.Matrix:
    """Matrix Q^{ij}_W(Z, N) of Eq. (5), derived from the couplings of Eq. (4).

    Z and N may be numbers or symbols; for an object of n atoms pass n Z and n N.
    ``U=None`` uses the symbolic PMNS matrix.

    >>> from nusym.symbolic.symbols import theta12, theta13
    >>> sp.simplify(charge_matrix(26, 30)[1, 1] - (52*sp.sin(theta12)**2*sp.cos(theta13)**2 - 30))
    0
    """
    if U is None:
        q = _charge_matrix_symbolic()
    else:
        g = vector_couplings(U)
        q = (Z_sym * (g["e"] + g["p"]) + N_sym * g["n"]).applyfunc(sp.expand)
    return q.subs({Z_sym: Z, N_sym: N})


def printed_eq5(Z: Any = Z_sym, N: Any = N_sym, U: sp.Matrix | None = None) -> sp.Matrix:
    """Eq. (5) as printed: ``2 Z U_ei U*_ej - N delta_ij``."""
    U = pmns() if U is None else U
    return sp.Matrix(3, 3, lambda i, j: 2 * Z * U[0, i] * sp.conjugate(U[0, j]) - N * (1 if i == j else 0))


def flavour_charges(Z: Any = Z_sym, N: Any = N_sym) -> dict[str, Any]:
    """Weak flavour charges Q^alpha_W of Eq. (7), from the flavour-basis couplings.

    >>> from nusym.symbolic.symbols import Z, N
    >>> flavour_charges() == {"e": 2*Z - N, "mu": -N, "tau": -N}
    True
    """
    ge, gp, gn = (flavour_couplings(f) for f in ("e", "p", "n"))
    q = Z * (ge + gp) + N * gn
    return {f: sp.simplify(q[a, a]) for a, f in enumerate(FLAVOURS)}


def coupling_sum(QA: sp.Matrix, QB: sp.Matrix) -> sp.Expr:
    """sum over the nine ordered pairs (i, j) of Q_A^{ij} conj(Q_B^{ij}) (left side of Eq. 7)."""
    return sum(QA[i, j] * sp.conjugate(QB[i, j]) for i in range(3) for j in range(3))
