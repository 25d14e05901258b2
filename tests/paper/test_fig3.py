"""Fig. 3 of Segarra & Bernabeu, PRD 101, 093004 (2020): the 2-nu potential between two Fe-56 atoms.

Printed: the Dirac and Majorana potentials for 1 um <= r <= 10 um, lightest mass 0 and
0.1 eV, both orderings, against gravity; the text states that the orderings are hardly
distinguishable there, while m_min and the Dirac/Majorana nature change the potential
markedly, the Dirac one being the larger.

Routes: the curves of ``nusym reproduce`` (``nusym.reproduce._fig3``: Eq. (1) by the
shared quadrature rule in double precision) are checked at their end points against
the verified arbitrary-precision evaluation of Eq. (1) (``nusym.potential(...,
dps=12)``: the rule at two step sizes, falling back to adaptive quadrature) and, for
one case, against adaptive tanh-sinh quadrature of each channel (``method="adaptive"``,
no shared rule); the claims (Dirac > Majorana > 0 everywhere, orderings within tens
of per cent, m_min = 0.1 eV suppressing V by orders of magnitude at 10 um, Majorana
about a third of Dirac there) are asserted on the curves and on the verified values;
gravity is -G m^2/r with the Fe-56 mass typed here.
"""

from __future__ import annotations

import mpmath
import numpy as np
import pytest

import nusym
from nusym.reproduce import ReproduceSettings, _fig3

FE = "Fe-56"
CASES = [(n, m, o) for n in ("dirac", "majorana") for m in ("0", "0.1") for o in ("normal", "inverted")]


@pytest.fixture(scope="module")
def fig3(tmp_path_factory):
    out = tmp_path_factory.mktemp("fig3")
    claims = _fig3(str(out / "fig3.png"), str(out / "fig3.pdf"), ReproduceSettings(quick=True))
    return out, claims


@pytest.fixture(scope="module")
def verified():
    """V at 1 um and 10 um by the verified mpmath evaluation, 12 digits, every case."""
    return {c: nusym.potential(["1um", "10um"], FE, FE, nature=c[0], lightest=c[1], ordering=c[2], dps=12)
            for c in CASES}


def test_fig3_files_written(fig3):
    out, claims = fig3
    assert (out / "fig3.png").read_bytes()[:4] == b"\x89PNG"
    assert (out / "fig3.pdf").read_bytes()[:4] == b"%PDF"
    assert claims["points"] == 25


def test_fig3_curves_equal_the_verified_potential_at_the_ends(fig3, verified):
    _, claims = fig3
    massless = claims["massless"]
    for case in CASES:
        ratio = claims["over_massless"][case]
        for k in (0, 1):
            assert ratio[k] * massless[k] == pytest.approx(float(verified[case][k]), rel=1e-11, abs=0)


def test_fig3_verified_potential_equals_adaptive_quadrature(verified):
    case = ("majorana", "0.1", "inverted")
    adaptive = nusym.potential("10um", FE, FE, nature=case[0], lightest=case[1], ordering=case[2],
                               dps=12, method="adaptive")
    with mpmath.workdps(20):
        assert abs(verified[case][1] / adaptive - 1) < mpmath.mpf(10) ** -11


def test_fig3_dirac_above_majorana(fig3, verified):
    _, claims = fig3
    assert claims["dirac_larger"] is True
    for m in ("0", "0.1"):
        for o in ("normal", "inverted"):
            d, mj = verified[("dirac", m, o)], verified[("majorana", m, o)]
            assert all(x > y > 0 for x, y in zip(d, mj, strict=True))
    # and at an inner point, by the verified evaluation
    rs = ["3um"]
    for m in ("0", "0.1"):
        d = nusym.potential(rs, FE, FE, nature="dirac", lightest=m, dps=12)
        mj = nusym.potential(rs, FE, FE, nature="majorana", lightest=m, dps=12)
        assert d[0] > mj[0] > 0


def test_fig3_orderings_close_mass_and_nature_change_v_markedly(fig3, verified):
    _, claims = fig3
    # orderings: within 40 % everywhere on 1-10 um (measured <= 0.40), on a figure spanning 5 decades
    assert max(claims["ordering_max_rel_diff"].values()) < 0.41
    for (n, m, o), v in verified.items():
        other = verified[(n, m, "inverted" if o == "normal" else "normal")]
        assert all(abs(a / b - 1) < 0.41 for a, b in zip(v, other, strict=True))
    # m_min = 0.1 eV vs 0: V drops by > 100 at 10 um (measured 1/270 Dirac, 1/840 Majorana)
    for n in ("dirac", "majorana"):
        for o in ("normal", "inverted"):
            assert claims["mass_ratio"][(n, o)][1] < 0.01
            assert verified[(n, "0.1", o)][1] / verified[(n, "0", o)][1] < 0.01
    # nature at m_min = 0.1 eV: Majorana ~ 0.3 x Dirac at 10 um (larger than the ordering effect)
    for o in ("normal", "inverted"):
        assert claims["nature_ratio"][("0.1", o)][1] < 0.35
        assert verified[("majorana", "0.1", o)][1] / verified[("dirac", "0.1", o)][1] < 0.35


def test_fig3_below_eq8_and_against_gravity(fig3):
    _, claims = fig3
    for case in CASES:
        assert all(0 < x < 1 for x in claims["over_massless"][case])      # massive V < Eq. (8)
        assert all(x < 0 for x in claims["over_gravity"][case])           # V > 0, gravity < 0
    # gravity: -G m^2 / r with m(Fe-56) = 55.93493554 u, typed here
    G, u, e = 6.67430e-11, 1.66053906892e-27, 1.602176634e-19  # CODATA 2022, SI
    m_fe = 55.93493554 * u
    for k, r in enumerate((1e-6, 1e-5)):
        assert claims["gravity"][k] == pytest.approx(-G * m_fe**2 / r / e, rel=1e-8, abs=0)
    # at 1 um the 2-nu potential is ~5e-14 of gravity (|V/V_N|, measured 4.1e-14 .. 5.2e-14)
    assert all(3e-14 < -claims["over_gravity"][c][0] < 6e-14 for c in CASES)
    assert np.isfinite(claims["fast_vs_verified"]) and claims["fast_vs_verified"] < 1e-10
