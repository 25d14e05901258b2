"""Explicit Dirac algebra used to derive the absorptive parts (Eq. 2).

Dirac representation, metric (+, -, -, -). Everything is explicit 4x4 SymPy
matrices, so the traces of :mod:`nusym.symbolic.absorptive` are computed, not
looked up.

>>> from nusym.symbolic.dirac import GAMMA, GAMMA5, ETA, anticommutator
>>> import sympy as sp
>>> all(anticommutator(GAMMA[a], GAMMA[b]) == 2 * ETA[a, b] * sp.eye(4)
...     for a in range(4) for b in range(4))
True
>>> GAMMA5**2 == sp.eye(4)
True
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

__all__ = ["ETA", "GAMMA", "GAMMA5", "CHARGE_CONJ", "slash", "bar", "majorana_flip", "anticommutator"]

_I2 = sp.eye(2)
_Z2 = sp.zeros(2)
_SIGMA = [
    sp.Matrix([[0, 1], [1, 0]]),
    sp.Matrix([[0, -sp.I], [sp.I, 0]]),
    sp.Matrix([[1, 0], [0, -1]]),
]


def _block(a: sp.Matrix, b: sp.Matrix, c: sp.Matrix, d: sp.Matrix) -> sp.Matrix:
    return sp.Matrix(sp.BlockMatrix([[a, b], [c, d]]))


#: Minkowski metric diag(1, -1, -1, -1).
ETA = sp.diag(1, -1, -1, -1)
#: gamma^mu, mu = 0..3, Dirac representation.
GAMMA: list[sp.Matrix] = [_block(_I2, _Z2, _Z2, -_I2)] + [_block(_Z2, s, -s, _Z2) for s in _SIGMA]
#: gamma5 = i gamma^0 gamma^1 gamma^2 gamma^3.
GAMMA5: sp.Matrix = sp.I * GAMMA[0] * GAMMA[1] * GAMMA[2] * GAMMA[3]
#: Charge-conjugation matrix C = i gamma^2 gamma^0 (C gamma^mu^T C^-1 = -gamma^mu).
CHARGE_CONJ: sp.Matrix = sp.I * GAMMA[2] * GAMMA[0]


def anticommutator(a: sp.Matrix, b: sp.Matrix) -> sp.Matrix:
    """{a, b} = ab + ba."""
    return a * b + b * a


def slash(p: Sequence[sp.Expr]) -> sp.Matrix:
    """p-slash = gamma^mu p_mu for a contravariant four-vector p."""
    return sum((ETA[mu, mu] * p[mu] * GAMMA[mu] for mu in range(4)), sp.zeros(4))


def bar(gam: sp.Matrix) -> sp.Matrix:
    """Dirac adjoint of a vertex: gamma^0 Gamma^dagger gamma^0."""
    return GAMMA[0] * gam.H * GAMMA[0]


def majorana_flip(gam: sp.Matrix) -> sp.Matrix:
    """Vertex of the transposed bilinear for anticommuting Majorana fields.

    For Majorana fields (nu = C nubar^T) the bilinear nubar_a Gamma nu_b equals
    nubar_b (C Gamma^T C^-1) nu_a, the Fermi sign included. So the vector current
    flips sign and the axial current does not.

    >>> from nusym.symbolic.dirac import GAMMA, GAMMA5, majorana_flip
    >>> majorana_flip(GAMMA[1]) == -GAMMA[1], majorana_flip(GAMMA[1] * GAMMA5) == GAMMA[1] * GAMMA5
    (True, True)
    """
    return CHARGE_CONJ * gam.T * CHARGE_CONJ.inv()
