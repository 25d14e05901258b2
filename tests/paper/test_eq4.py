"""Eq. (4) of Segarra & Bernabeu, PRD 101, 093004 (2020): the vector couplings g^psi_{V,ij}.

Printed:  g^e_V,ij = 2 U_ei U*_ej - (1 - 4 sin^2 theta_W) delta_ij,
          g^p_V,ij = (1 - 4 sin^2 theta_W) delta_ij,   g^n_V,ij = -delta_ij.

Route: ``nusym.symbolic.couplings.vector_couplings`` builds the couplings from the
Standard-Model quantum numbers (T3, Q of e, u, d; valence quarks uud, udd for the
nucleons; the Fierzed charged-current term 2 for nu_e), rotated to the mass basis
with the symbolic PMNS matrix. It is compared with Eq. (4) typed in this file
(``PRINTED`` below, not the package's own transcription ``printed_eq4``, which is
checked against it too).
"""

from __future__ import annotations

import pytest
import sympy as sp

from nusym.symbolic.couplings import nc_vector_coupling, pmns, printed_eq4, trig_reduce, vector_couplings
from nusym.symbolic.symbols import s2w


def _printed():
    """Eq. (4) as printed, typed here."""
    U = pmns()
    d = sp.eye(3)
    return {
        "e": sp.Matrix(3, 3, lambda i, j: 2 * U[0, i] * sp.conjugate(U[0, j]) - (1 - 4 * s2w) * d[i, j]),
        "p": (1 - 4 * s2w) * d,
        "n": -d,
    }


PRINTED = _printed()


def _zero(matrix):
    """Exact zero test for polynomials in sin/cos of the mixing angles and phases."""
    return all(trig_reduce(sp.expand(sp.expand_complex(e))) == 0 for e in matrix)


def test_eq4_nucleon_and_electron_nc_couplings_from_quantum_numbers():
    # the flavour-blind (NC) part of Eq. (4) from T3 and Q of the valence quarks
    assert sp.expand(nc_vector_coupling("p") - (1 - 4 * s2w)) == 0
    assert nc_vector_coupling("n") == -1
    assert sp.expand(nc_vector_coupling("e") + (1 - 4 * s2w)) == 0


@pytest.mark.parametrize("fermion", ["e", "p", "n"])
def test_eq4_derived_equals_printed(fermion):
    assert _zero(vector_couplings()[fermion] - PRINTED[fermion])


def test_eq4_package_transcription_equals_printed():
    for fermion in ("e", "p", "n"):
        assert (printed_eq4()[fermion] - PRINTED[fermion]).applyfunc(sp.expand) == sp.zeros(3, 3)


def test_eq4_electron_coupling_is_hermitian():
    g = vector_couplings()["e"]
    assert _zero(g - g.H)


def test_eq4_flavour_blind_part_needs_unitary_mixing():
    # the NC term is diagonal in the mass basis only because U is unitary: a non-unitary
    # "U" (the same matrix scaled by 11/10) breaks the printed form (the check can fail)
    bad = pmns() * sp.Rational(11, 10)
    g = vector_couplings(U=bad)["p"]
    assert not _zero(g - PRINTED["p"])
