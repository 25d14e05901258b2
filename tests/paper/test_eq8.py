"""Eq. (8) of Segarra & Bernabeu, PRD 101, 093004 (2020): the short-distance (massless) potential.

Printed:  V(m_i r << 1) = G_F^2/(16 pi^3 r^5) sum_alpha Q^alpha_W,A Q^alpha_W,B   (repulsive).

Routes:

* symbolic: SymPy integrates Eq. (1) with the massless kernel Im M ~ t over
  t in (0, oo) (``sympy.integrate``, not the package's closed forms), and the
  package's massless assembly (derived transforms 12/r^4 with the Eq. (7) charge
  sum) is compared with Eq. (8) typed here;
* numeric: the massless transform by the verified integral of Eq. (1)
  (``nusym.numeric.integral.transform``) equals 12/r^4; ``nusym.potential(...,
  method="massless")`` equals Eq. (8) evaluated here from G_F, hbar c and the
  flavour charges typed in the test; and the full massive potential of Eq. (1)
  (double-precision rule) tends to Eq. (8) as r -> 0, the deficit shrinking like
  (m r)^2.
"""

from __future__ import annotations

import mpmath
import numpy as np
import pytest
import sympy as sp

import nusym
from nusym.constants import constant

FE = "Fe-56"
TERMS = [("dirac", 0), ("majorana", 0), ("majorana", 1)]


def eq8(r_m, sum_qq, dps=40):
    """Eq. (8) typed here, r in metres, V in eV."""
    with mpmath.workdps(dps + 10):
        rn = mpmath.mpf(r_m) / constant("hbar_c", dps + 10)
        return constant("G_F_eV", dps + 10) ** 2 / (16 * mpmath.pi**3 * rn**5) * sum_qq


def test_eq8_from_symbolic_integration_of_massless_eq1():
    from nusym.symbolic import absorptive as ab
    from nusym.symbolic.symbols import G_F, m_i, m_j, t

    # Eq. (1) with Im M = PREFACTOR * QQ * t over t in (0, oo): G_F^2/(16 pi^3 r^5) QQ
    r = sp.Symbol("r", positive=True)
    (term,) = ab.absorptive_terms("dirac")
    kern0 = term.kernel.subs({m_i: 0, m_j: 0})
    T = sp.integrate(sp.exp(-sp.sqrt(t) * r) * kern0, (t, 0, sp.oo))
    V = -1 / (4 * sp.pi**2 * r) * ab.PREFACTOR * T
    assert sp.simplify(V - G_F**2 / (16 * sp.pi**3 * r**5)) == 0


def test_eq8_potential_assembled_from_massless_transforms():
    from nusym.symbolic.closed import check_eq8, massless_potential
    from nusym.symbolic.symbols import G_F, r

    for nature in ("dirac", "majorana"):
        assert sp.simplify(massless_potential(nature) - G_F**2 / (16 * sp.pi**3 * r**5)) == 0
    assert check_eq8(26, 30, 26, 30)
    assert check_eq8(26, 30, 82, 126, nature="majorana")


@pytest.mark.parametrize("nature,index", TERMS)
def test_eq8_massless_transform_by_the_verified_integral_is_12_over_r4(nature, index):
    from nusym.numeric.integral import transform
    from nusym.symbolic.absorptive import absorptive_terms
    from nusym.symbolic.closed import massless_transform
    from nusym.symbolic.symbols import r

    assert massless_transform(absorptive_terms(nature)[index].kernel) == 12 / r**4
    full = transform(nature, index, 0, 0, "5.07", dps=40)
    with mpmath.workdps(50):
        assert abs(full * mpmath.mpf("5.07") ** 4 / 12 - 1) < mpmath.mpf(10) ** -32


def test_eq8_fe56_pair_at_1um():
    """V = G_F^2/(16 pi^3 r^5) * 2284 for two Fe-56 atoms (Q = 22, -30, -30), repulsive."""
    for nature in ("dirac", "majorana"):
        v = nusym.potential("1um", FE, FE, nature=nature, method="massless", dps=30)
        with mpmath.workdps(40):
            assert v > 0
            assert abs(v / eq8("1e-6", 22**2 + 2 * 30**2) - 1) < mpmath.mpf("1e-29")


def test_eq8_fe56_pb208_at_3um():
    """sum_alpha Q_A Q_B for Fe-56 (22, -30, -30) and Pb-208 (38, -126, -126)."""
    v = nusym.potential("3um", FE, "Pb-208", method="massless", dps=30)
    with mpmath.workdps(40):
        assert abs(v / eq8("3e-6", 22 * 38 + 2 * 30 * 126) - 1) < mpmath.mpf("1e-29")


@pytest.mark.parametrize("nature", ["dirac", "majorana"])
def test_eq8_is_the_short_distance_limit_of_the_massive_potential(nature):
    # lightest 0.1 eV (all m_i >= 0.1 eV): m r = 5e-4 .. 5e-3 from 1 nm to 10 nm
    r = np.array([1e-9, 3e-9, 1e-8])
    v = nusym.potential(r, FE, FE, nature=nature, lightest=0.1, dps=None)
    massless = np.array([float(eq8(repr(float(x)), 2284)) for x in r])
    deficit = 1 - v / massless
    assert np.all(deficit > 0) and deficit[0] < 1e-4          # V < Eq. (8), and -> Eq. (8)
    # the correction is O((m r)^2): the deficit grows like r^2 (measured to 1e-5)
    scaling = (deficit[1:] / deficit[:-1]) / (r[1:] / r[:-1]) ** 2
    assert np.allclose(scaling, 1, rtol=1e-3, atol=0)
