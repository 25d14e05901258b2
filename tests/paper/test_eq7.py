"""Eq. (7) of Segarra & Bernabeu, PRD 101, 093004 (2020): the sum over mass pairs is a flavour sum.

Printed:  sum_ij Q^ij_W,A (Q^ij_W,B)* = sum_alpha Q^alpha_W,A Q^alpha_W,B,
          Q^e_W = 2Z - N,  Q^mu_W = Q^tau_W = -N  (per atom).

Routes: symbolically, the nine-pair sum of the derived charge matrices (Eq. 5) is
reduced exactly with sin^2 + cos^2 = 1 and compared with the flavour sum of the
charges typed here; the identity is shown to need unitarity (a non-unitary "U"
breaks it). Numerically, the charge matrices the potential uses (``nusym.Model``)
give 22^2 + 2 * 30^2 = 2284 for two Fe-56 atoms, with the paper's real mixing and
with NuFIT's complex phases alike, and the channel weights the accuracy-table
script sums reproduce it.
"""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import mpmath
import sympy as sp

from nusym.symbolic.charges import charge_matrix, coupling_sum, flavour_charges
from nusym.symbolic.couplings import trig_reduce

ZA, NA, ZB, NB = sp.symbols("Z_A N_A Z_B N_B", positive=True)


def _flavour_sum():
    """sum_alpha Q^alpha_A Q^alpha_B with the printed flavour charges, typed here."""
    return (2 * ZA - NA) * (2 * ZB - NB) + 2 * NA * NB


def test_eq7_flavour_charges_are_printed():
    from nusym.symbolic.symbols import N, Z

    assert flavour_charges(Z, N) == {"e": 2 * Z - N, "mu": -N, "tau": -N}
    assert flavour_charges(26, 30) == {"e": 22, "mu": -30, "tau": -30}


def test_eq7_sum_over_mass_pairs_equals_sum_over_flavours():
    lhs = coupling_sum(charge_matrix(ZA, NA), charge_matrix(ZB, NB))
    assert trig_reduce(sp.expand(sp.expand_complex(lhs)) - sp.expand(_flavour_sum())) == 0
    from nusym.symbolic.report import eq7_identity

    assert eq7_identity() == 0   # the package's own statement of the identity


def test_eq7_identity_needs_unitary_mixing():
    # a non-unitary "U" breaks the identity (the check can fail)
    bad = sp.diag(1, 1, 1) * sp.Rational(11, 10)
    lhs = coupling_sum(charge_matrix(ZA, NA, U=bad), charge_matrix(ZB, NB, U=bad))
    assert sp.simplify(lhs - _flavour_sum()) != 0


def test_eq7_fe56_pair_sum_is_2284_for_real_and_complex_mixing():
    from nusym.model import Model

    with mpmath.workdps(40):
        for preset in ("segarra2020", "nufit-6.0"):
            for ordering in ("normal", "inverted"):
                q = Model.from_preset(preset, ordering=ordering).charges(26, 30)
                total = mpmath.fsum(abs(q[i][j]) ** 2 for i in range(3) for j in range(3))
                assert abs(total - 2284) < mpmath.mpf(10) ** -30, (preset, ordering)
        # two different sources: Fe-56 (22, -30, -30) and Pb-208 (38, -126, -126)
        model = Model.from_preset("nufit-6.0", ordering="normal")
        qa, qb = model.charges(26, 30), model.charges(82, 126)
        total = mpmath.fsum(qa[i][j] * mpmath.conj(qb[i][j]) for i in range(3) for j in range(3))
        assert abs(total - (22 * 38 + 2 * 30 * 126)) < mpmath.mpf(10) ** -30


def test_eq7_accuracy_table_channel_weights_sum_to_2284():
    """The channel weights of derivations/accuracy_table.py: sum_ij Q Q* = (2Z-N)^2 + 2 N^2."""
    path = Path(__file__).resolve().parents[2] / "derivations" / "accuracy_table.py"
    spec = importlib.util.spec_from_file_location("accuracy_table", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    with mpmath.workdps(25):
        total = sum(w for *_, w in mod.channels("dirac", "normal", "0.05"))
    assert abs(total - ((2 * 26 - 30) ** 2 + 2 * 30**2)) < 1e-15
    assert math.isclose(float(total), 2284.0)
