"""Eq. (5) of Segarra & Bernabeu, PRD 101, 093004 (2020): the coherent weak charge matrix.

Printed:  Q^ij_W(Z, N) = Z (g^e_V,ij + g^p_V,ij) + N g^n_V,ij = 2 Z U_ei U*_ej - N delta_ij.

Routes: symbolically, ``nusym.symbolic.charges.charge_matrix`` (assembled from the
couplings derived from quantum numbers, tests/paper/test_eq4.py) is compared with
the right-hand side typed here, and sin^2 theta_W is shown to cancel; numerically,
the charges the potential uses (``nusym.Model.charges``, the generated couplings
and the preset's PMNS matrix) are compared, for Fe-56 with the paper's mixing, with
2 Z |U_ei|^2 - N computed here from the preset's sin^2 values.
"""

from __future__ import annotations

import mpmath
import sympy as sp

from nusym.symbolic.charges import charge_matrix, printed_eq5
from nusym.symbolic.couplings import pmns, trig_reduce
from nusym.symbolic.symbols import N, Z, s2w


def _printed():
    """2 Z U_ei U*_ej - N delta_ij, typed here."""
    U = pmns()
    return sp.Matrix(3, 3, lambda i, j: 2 * Z * U[0, i] * sp.conjugate(U[0, j]) - N * (1 if i == j else 0))


def _zero(matrix):
    return all(trig_reduce(sp.expand(sp.expand_complex(e))) == 0 for e in matrix)


def test_eq5_derived_equals_printed():
    assert _zero(charge_matrix() - _printed())
    assert _zero(printed_eq5() - _printed())      # the package's transcription, too


def test_eq5_sin2_theta_w_cancels():
    assert not any(e.has(s2w) for e in charge_matrix())


def test_eq5_charge_matrix_is_hermitian():
    q = charge_matrix()
    assert _zero(q - q.H)


def test_eq5_fe56_numeric_charges_with_the_paper_mixing():
    from nusym.model import Model

    with mpmath.workdps(40):
        s12sq, s13sq = mpmath.mpf("0.307"), mpmath.mpf("0.0212")   # segarra2020 preset
        q = Model.from_preset("segarra2020", ordering="normal").charges(26, 30)
        # |U_e1|^2 = c12^2 c13^2, |U_e2|^2 = s12^2 c13^2, |U_e3|^2 = s13^2
        ue2 = [(1 - s12sq) * (1 - s13sq), s12sq * (1 - s13sq), s13sq]
        for i in range(3):
            assert abs(q[i][i] - (52 * ue2[i] - 30)) < mpmath.mpf(10) ** -28
            for j in range(3):
                # Hermitian and, with the paper's real mixing (no phases), real
                assert abs(q[i][j] - mpmath.conj(q[j][i])) < mpmath.mpf(10) ** -28
                assert abs(mpmath.im(q[i][j])) < mpmath.mpf(10) ** -28
                if i != j:
                    assert abs(abs(q[i][j]) - 52 * mpmath.sqrt(ue2[i] * ue2[j])) < mpmath.mpf(10) ** -28
