"""Coherent weak charges of neutral matter in the mass basis, Eqs. (5) and (7) of Segarra & Bernabeu (2020).

The coherent charge of an object with Z protons (and Z electrons) and N neutrons is

    Q^{ij}_W = sum_{a,b in (e, mu, tau)} U_ai (Z C_Z + N C_N)_ab conj(U_bj),

with the flavour-basis couplings C_Z = g^e + g^p and C_N = g^n of Eqs. (3)-(4)
derived in :mod:`nusym.symbolic.couplings` and generated into
:mod:`nusym.generated.mixing` (sin^2 theta_W cancels: C_Z = diag(2, 0, 0),
C_N = -1). For a unitary 3x3 U this is the printed Eq. (5),
2 Z U_ei U*_ej - N delta_ij; for a 3 x n mixing matrix (n mass states) the same
formula holds with the N term sum_a U_ai U*_aj no longer diagonal.

>>> import mpmath
>>> q = charge_matrix(26, 30, [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
>>> [[int(mpmath.re(v)) for v in row] for row in q]
[[22, 0, 0], [0, -30, 0], [0, 0, -30]]
>>> flavour_charges(26, 30)
{'e': 22, 'mu': -30, 'tau': -30}
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import mpmath

from nusym.generated.mixing import C_N, C_Z

__all__ = ["FLAVOURS", "charge_matrix", "charge_matrix_float", "flavour_charges", "scalar_charge_matrix",
           "scalar_charge_matrix_float"]

FLAVOURS = ("e", "mu", "tau")


def charge_matrix(Z: Any, N: Any, mixing: Sequence[Sequence[Any]]) -> list[list[Any]]:
    """Q^{ij}_W (mpc, current precision) for Z, N (numbers, possibly non-integer mean values).

    ``mixing`` is the 3 x n matrix U (rows e, mu, tau; columns the mass states).
    For an object of n atoms pass n Z and n N.
    """
    z, n = mpmath.mpf(Z), mpmath.mpf(N)
    u = [[mpmath.mpc(v) for v in row] for row in mixing]
    return _bilinear(z, n, u)


def charge_matrix_float(Z: float, N: float, mixing: Sequence[Sequence[complex]]) -> list[list[complex]]:
    """The same Q^{ij}_W in double precision (Python complex), for the double-precision routes.

    >>> charge_matrix_float(26.0, 30.0, [[1, 0], [0, 1], [0, 0]])
    [[(22+0j), 0j], [0j, (-30+0j)]]
    """
    return _bilinear(float(Z), float(N), [[complex(v) for v in row] for row in mixing])


def scalar_charge_matrix(Z: Any, N: Any, mixing: Sequence[Sequence[Any]], couplings: Any) -> list[list[Any]]:
    """Scalar charges Q_S^{ij} = [Z (g_e + g_p) + N g_n] sum_a U_ai conj(U_aj) (mpc, current precision).

    The scalar current nubar_j (c_S + i c_P gamma5) nu_i is flavour-universal in the
    flavour basis (the same coupling for e, mu, tau), so in the mass basis it
    carries sum_a U_ai conj(U_aj) (delta_ij for a unitary 3 x 3 U), with the same
    index convention as Q^{ij}_W. ``couplings``: (g_e, g_p, g_n) (numbers, or
    ``(("e", g_e), ("p", g_p), ("n", g_n))``), in units of G_F/(2 sqrt 2).

    >>> import mpmath
    >>> q = scalar_charge_matrix(26, 30, [[1, 0], [0, 1], [0, 0]], (1, 1, 1))
    >>> [[int(mpmath.re(v)) for v in row] for row in q]
    [[82, 0], [0, 82]]
    """
    ge, gp, gn = (_coupling_value(c, mpmath.mpf) for c in couplings)
    z, n = mpmath.mpf(Z), mpmath.mpf(N)
    u = [[mpmath.mpc(v) for v in row] for row in mixing]
    return _bilinear(z, n, u, _universal(ge + gp), _universal(gn))


def scalar_charge_matrix_float(Z: float, N: float, mixing: Sequence[Sequence[complex]],
                               couplings: Any) -> list[list[complex]]:
    """The same Q_S^{ij} in double precision (Python complex)."""
    ge, gp, gn = (_coupling_value(c, float) for c in couplings)
    return _bilinear(float(Z), float(N), [[complex(v) for v in row] for row in mixing],
                     _universal(ge + gp), _universal(gn))


def _coupling_value(item: Any, kind: Any) -> Any:
    value = item[1] if isinstance(item, tuple) else item
    if hasattr(value, "numerator") and hasattr(value, "denominator") and kind is mpmath.mpf:
        return mpmath.mpf(value.numerator) / value.denominator
    return kind(value)


def _universal(g: Any) -> tuple[tuple[Any, ...], ...]:
    return tuple(tuple(g if a == b else 0 for b in range(3)) for a in range(3))


def _bilinear(z: Any, n: Any, u: list[list[Any]], c_z: Any = C_Z, c_n: Any = C_N) -> list[list[Any]]:
    """sum_ab U_ai (z C_Z + n C_N)_ab conj(U_bj) in the arithmetic of the arguments."""
    coupling = [[z * c_z[a][b] + n * c_n[a][b] for b in range(3)] for a in range(3)]
    pairs = [(a, b, coupling[a][b]) for a in range(3) for b in range(3) if c_z[a][b] or c_n[a][b]]
    states = len(u[0])
    conj = [[v.conjugate() for v in row] for row in u]
    return [[sum(u[a][i] * c * conj[b][j] for a, b, c in pairs) for j in range(states)]
            for i in range(states)]


def flavour_charges(Z: Any, N: Any) -> dict[str, Any]:
    """Weak flavour charges Q^alpha_W of Eq. (7): the diagonal of Z C_Z + N C_N.

    Integers stay integers (exact arithmetic on the generated couplings).
    """
    return {f: Z * C_Z[a][a] + N * C_N[a][a] for a, f in enumerate(FLAVOURS)}
