"""Recasting published Yukawa limits for a spectral density, and power laws (nusym.recast).

Checks through the generic spectral route: a pure Yukawa at the limit gives margin
1 (discrete YukawaSpectrum and a callable rho), linearity in the strength, the
discrete (shared-rule) and continuous (exact rho) routes agree for the 2-nu force,
margins for Fe-Fe, W-Be, Au-Si are finite and > 1e15, the power-law round trip and
beta_5 from the massless limit (Eq. (8)) against a fit.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from nusym.constants import constant_float
from nusym.errors import InvalidOptionError, InvalidParameterError, NusymError
from nusym.fifth_force import gravity_coupling, spectral_density, yukawa_limits
from nusym.numeric.potential import potential
from nusym.numeric.spectral import YukawaSpectrum, yukawa_spectrum
from nusym.recast import (
    from_power_law,
    power_law_fit,
    recast,
    recast_table,
    to_power_law,
)

HC = constant_float("hbar_c")
PAIR = ("Au", "Si")
K = gravity_coupling(*PAIR)


def single_yukawa(alpha0: float, lam0: float) -> YukawaSpectrum:
    """V = -K alpha0 exp(-r/lam0)/r as a one-term spectrum."""
    return YukawaSpectrum(np.array([HC / lam0]), np.array([-K * alpha0]), 1e-9, 1e-3)


# ----------------------------------------------------------------------------- single Yukawa
@pytest.mark.parametrize("key", sorted(yukawa_limits()))
def test_single_yukawa_at_the_limit_has_margin_one(key):
    curve = yukawa_limits(key)
    # inside the band (or at the single published point)
    lam0 = float(np.sqrt(curve.lambda_m[0] * curve.lambda_m[-1]))
    alpha0 = float(curve.alpha_at(lam0))
    for sign in (1.0, -1.0):
        res = recast(single_yukawa(sign * alpha0, lam0), experiments=key, pair=PAIR)[key]
        assert res.margin == pytest.approx(1.0, rel=1e-9)
        assert res.lambda_at_margin == pytest.approx(lam0, rel=1e-9)
        assert math.copysign(1.0, res.signal) == sign
        assert res.margin_no_cancellation == pytest.approx(1.0, rel=1e-9)
        # the exclusion boundary is margin = 1: just above it is excluded, just below is not
        above = recast(single_yukawa(1.001 * sign * alpha0, lam0), experiments=key, coupling=K)[key]
        below = recast(single_yukawa(0.999 * sign * alpha0, lam0), experiments=key, coupling=K)[key]
        assert above.excluded and not below.excluded


def test_narrow_yukawa_band_through_callable_rho():
    # a Yukawa smeared as a Gaussian of width 1 % in ln q, recast through the continuous route
    # (2001 points per band); the limit's slope over the width shifts the margin by ~ p^2 s^2/2 < 0.5 %
    key = "eotwash2020"
    lam0, s = 2e-5, 0.01
    alpha0 = float(yukawa_limits(key).alpha_at(lam0))
    q0 = HC / lam0

    def rho(q):       # Int dq rho = -K alpha0
        return -K * alpha0 * np.exp(-0.5 * (np.log(q / q0) / s) ** 2) / (q * s * math.sqrt(2 * math.pi))

    res = recast(rho, experiments=key, coupling=K)[key]
    assert res.margin == pytest.approx(1.0, rel=5e-3)
    assert res.lambda_at_margin == pytest.approx(lam0, rel=0.03)
    assert res.method.startswith("linear")


def test_scaling_linearity():
    base = recast(("Fe", "Fe"))
    spec = yukawa_spectrum("Fe", "Fe", r_min=1e-9, r_max=1e-3)
    scaled = YukawaSpectrum(spec.q, 10 * spec.c, spec.r_min, spec.r_max)
    s1 = recast(spec, pair=("Fe", "Fe"))
    s10 = recast(scaled, pair=("Fe", "Fe"))
    for key in base:
        assert s10[key].margin == pytest.approx(s1[key].margin / 10, rel=1e-12)
        # the discrete shared-rule nodes and the exact rho on a dense grid agree, to the
        # resolution of the band edges by the nodes (the margins are set at an edge)
        assert s1[key].margin == pytest.approx(base[key].margin, rel=0.2)
    # and for a callable rho
    r1 = recast(lambda q: spectral_density(q, "Fe", "Fe"), pair=("Fe", "Fe"))
    r10 = recast(lambda q: 10 * spectral_density(q, "Fe", "Fe"), pair=("Fe", "Fe"))
    for key in base:
        assert r10[key].margin == pytest.approx(r1[key].margin / 10, rel=1e-12)
        # (one-point curves: V(lambda) of the callable by a 6001-point quadrature in ln q)
        assert r1[key].margin == pytest.approx(base[key].margin, rel=1e-4)


# ----------------------------------------------------------------------------- the 2-nu force
def test_two_neutrino_margins_fe_w_be_au_si():
    table = recast_table()
    assert set(table) == {("Fe", "Fe"), ("W", "Be"), ("Au", "Si")}
    for pair, res in table.items():
        assert set(res) == set(yukawa_limits())
        for key, r in res.items():
            assert math.isfinite(r.margin) and r.margin > 1e15, (pair, key, r.margin)
            assert not r.excluded
            assert r.margin_no_cancellation <= r.margin * (1 + 1e-12)
            lo, hi = r.band_m
            assert lo <= r.lambda_at_margin <= hi
            assert r.assumptions and r.method
            # repulsive at short range for the default preset: alpha < 0
            assert r.signal < 0


def test_pointwise_matches_alpha_eff_definition():
    # pointwise method = alpha_lim / |alpha_V| with alpha_V = -e lam V(lam)/K, V from the verified route
    key = "tan2020"
    r = recast(("W", "Be"), experiments=key)[key]
    lam = float(yukawa_limits(key).lambda_m[0])
    v = float(potential(lam, "W", "Be", dps=20))
    alpha_v = -math.e * (lam / HC) * v / gravity_coupling("W", "Be")
    assert r.margin == pytest.approx(1.0 / abs(alpha_v), rel=1e-10)
    assert r.method.startswith("pointwise")
    both = recast(("W", "Be"), method="pointwise", experiments=["eotwash2020"])["eotwash2020"]
    assert both.method.startswith("pointwise") and both.margin > 1e15


# ----------------------------------------------------------------------------- power laws
def test_beta5_massless_equals_fit():
    for pair in (("Fe-56", "Fe-56"), ("W", "Be"), ("Au", "Si")):
        exact = to_power_law(pair, 5, method="massless")
        fit = power_law_fit(pair, 5, r_range=("1nm", "10nm"))
        assert fit.max_rel_residual < 1e-5
        assert fit.beta == pytest.approx(exact, rel=1e-5)
        # independent: rho(q) -> rho0 q^3 (massless), V = 6 rho0 / r^5
        q = 1e5
        c5 = 6 * spectral_density(q, *pair) / q**3
        assert exact == pytest.approx(-c5 / (gravity_coupling(*pair) * (1e-3 / HC) ** 4), rel=1e-6)


@pytest.mark.parametrize("k", [2, 3, 4, 5])
def test_power_law_round_trip(k):
    pair, r_range = ("Fe-56", "Fe-56"), (1e-9, 1e-8)
    fit = power_law_fit(pair, k, r_range=r_range)
    v_k = from_power_law(fit.beta, k, "1mm", *pair)
    r = np.geomspace(*r_range, 17)
    v = np.asarray(potential(r, *pair, dps=None))
    assert np.max(np.abs(v_k(r) / v - 1)) <= fit.max_rel_residual * 1.01 + 1e-12
    if k == 5:
        assert fit.max_rel_residual < 1e-5
    # scalar in, float out; the spectrum route gives the same beta
    assert isinstance(v_k(2e-9), float)
    spec = yukawa_spectrum(*pair)
    assert to_power_law(spec, k, r_range=r_range, pair=pair) == pytest.approx(fit.beta, rel=1e-9)


# ----------------------------------------------------------------------------- bad input
def test_bad_input():
    with pytest.raises(InvalidOptionError):
        recast(("Fe", "Fe"), experiments="nope")
    with pytest.raises(InvalidOptionError):
        recast(("Fe", "Fe"), method="bayes")
    with pytest.raises(InvalidParameterError):
        recast(single_yukawa(1.0, 1e-5))                      # no normalisation
    with pytest.raises(InvalidParameterError):
        recast(single_yukawa(1.0, 1e-5), coupling=-1.0)
    with pytest.raises(InvalidParameterError):
        recast(42)
    with pytest.raises(InvalidOptionError):
        to_power_law(("Fe", "Fe"), 4, method="massless")
    with pytest.raises(NusymError):
        to_power_law(("Fe", "Fe"), 0)
    with pytest.raises(NusymError):
        to_power_law(("Fe", "Fe"), 5, r_range=("10nm", "1nm"))
    with pytest.raises(InvalidParameterError):
        from_power_law(float("nan"), 5, "1mm", "Fe", "Fe")
    spec = yukawa_spectrum("Fe", "Fe", r_min=1e-8, r_max=1e-6)
    with pytest.raises(InvalidParameterError):
        to_power_law(spec, 5, r_range=(1e-9, 1e-8), pair=("Fe", "Fe"))   # outside its validity
