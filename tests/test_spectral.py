"""The shared quadrature rule of Eq. (1) (nusym.numeric.spectral): double and verified paths.

Issue 7: double precision within 1e-12 of the arbitrary-precision reference from
1 nm to 1 mm for every mass configuration (massless lightest state, lightest
1e-9 eV, 0.1 eV, 1 eV ~ degenerate), both natures; underflow gives 0 without
warnings and the log variant stays finite; the 30-digit shared rule agrees with
the independent adaptive route and with the Bessel closed forms.
"""

from __future__ import annotations

import mpmath
import numpy as np
import pytest

import nusym
from nusym.constants import constant_float
from nusym.errors import InvalidLengthError, InvalidOptionError
from nusym.numeric import spectral

SRC = "Fe-56"
CONFIGS = [(n, m) for n in ("dirac", "majorana") for m in ("0", "1e-9", "0.1", "1")]
R_GRID = np.geomspace(1e-9, 1e-3, 25)   # includes V ~ 1e-300 (lightest 1 eV)
TINY = np.finfo(float).tiny


@pytest.mark.parametrize("nature,lightest", CONFIGS)
def test_double_path_within_1e12_of_reference(nature, lightest):
    fast = nusym.potential(R_GRID, SRC, SRC, nature=nature, lightest=lightest, dps=None)
    assert isinstance(fast, np.ndarray) and fast.shape == R_GRID.shape
    assert not np.isnan(fast).any()
    ref = nusym.potential([mpmath.mpf(float(r)) for r in R_GRID], SRC, SRC, nature=nature,
                          lightest=lightest, dps=20)
    checked = 0
    for f, v in zip(fast, ref, strict=True):
        if abs(v) < TINY:
            assert f == 0 or abs(f) < TINY    # underflow: 0 (or subnormal), never garbage
            continue
        assert abs(f / v - 1) < 1e-12, (f, v)
        checked += 1
    assert checked >= 8


@pytest.mark.parametrize("nature,lightest", [("dirac", "0.1"), ("majorana", "1e-9")])
def test_double_force_within_1e12_of_reference(nature, lightest):
    r = np.geomspace(1e-8, 1e-4, 5)
    fast = nusym.force(r, SRC, SRC, nature=nature, lightest=lightest, dps=None)
    ref = nusym.force([mpmath.mpf(float(x)) for x in r], SRC, SRC, nature=nature, lightest=lightest, dps=20)
    for f, v in zip(fast, ref, strict=True):
        assert abs(f / v - 1) < 1e-12


def test_underflow_is_zero_and_log_is_finite():
    r = np.array([1e-4, 5e-4, 1e-3])     # lightest 1 eV: exp(-2 m r) ~ e^-1000 and below
    with np.errstate(all="raise"):
        v = nusym.potential(r, SRC, SRC, lightest=1, dps=None)
        lv = nusym.potential(r, SRC, SRC, lightest=1, dps=None, log=True)
    assert (v == 0).all()
    assert np.isfinite(lv).all()
    ref = nusym.potential([mpmath.mpf(float(x)) for x in r], SRC, SRC, lightest=1, dps=20)
    for a, b in zip(lv, ref, strict=True):
        # condition number of ln V in r is ~ (m_i + m_j) r ~ 1e4: allow 1e4 * 1e-16 * safety
        assert abs(a - float(mpmath.log(b))) < 1e-10 * abs(a)


def test_log_variant_equals_log_of_value_where_representable():
    r = np.geomspace(1e-8, 1e-5, 7)
    v = nusym.potential(r, SRC, SRC, lightest="0.05", dps=None)
    lv = nusym.potential(r, SRC, SRC, lightest="0.05", dps=None, log=True)
    np.testing.assert_allclose(np.exp(lv), v, rtol=1e-13)


def test_scalar_and_shape():
    v = nusym.potential(1e-6, SRC, SRC, lightest="0.1", dps=None)
    assert np.ndim(v) == 0
    grid = nusym.potential(np.full((2, 3), 1e-6), SRC, SRC, lightest="0.1", dps=None)
    # equal to the last bits or so: the node sums use BLAS, whose order depends on the array size
    assert grid.shape == (2, 3) and np.allclose(grid, v, rtol=1e-15, atol=0)
    assert nusym.potential("1um", SRC, SRC, lightest="0.1", dps=None) == v


def test_value_does_not_depend_on_the_other_distances():
    a = nusym.potential(np.array([2e-6]), SRC, SRC, lightest="0.1", dps=None)
    b = nusym.potential(np.geomspace(1e-9, 1e-3, 101).tolist() + [2e-6], SRC, SRC,
                        lightest="0.1", dps=None)
    assert a[0] == b[-1]


def test_table_and_direct_sum_against_verified_route_relative_to_channel_scale():
    # Fe-Pb: V changes sign (the diagonal channel of the lightest state is negative),
    # so the errors are measured against the sum of |channels|
    from nusym.model import resolve_model
    from nusym.numeric.config import configure

    hc = constant_float("hbar_c")
    lo, hi = spectral.R_RANGE_M[0] / hc, spectral.R_RANGE_M[1] / hc
    config = configure(resolve_model(nature="dirac", lightest=0), SRC, "Pb-208", 30)
    sp = spectral.double_setup(config, (lo, hi))
    r = np.geomspace(lo, hi, 4001)
    direct = spectral.evaluate_double(sp, r)
    scale = sum(np.abs(c) for c in spectral.evaluate_double(sp, r, channels=True).values())
    # the direct sum against the verified mpmath evaluation (rule at two steps, adaptive fallback)
    picks = np.arange(0, r.size, 400)
    verified = nusym.potential([mpmath.mpf(float(x * hc)) for x in r[picks]], SRC, "Pb-208",
                               nature="dirac", lightest=0, dps=20)
    for k, v in zip(picks, verified, strict=True):
        assert abs(direct[k] - float(v)) < 1e-12 * scale[k], (r[k], direct[k], v)
    # the interpolation table against the direct sum, everywhere on the grid
    table = spectral.build_table(sp, lo, hi)(r)
    assert np.max(np.abs(table - direct) / scale) < 1e-13
    assert (np.sign(direct) < 0).any() and (np.sign(direct) > 0).any()


def test_double_channels_against_verified_channels_and_adaptive_total():
    r = [1e-6, 3e-6]
    ch = nusym.potential_channels(np.array(r), SRC, "Pb-208", lightest="0.1", dps=None)
    assert sorted(ch) == [(i, j) for i in (1, 2, 3) for j in (1, 2, 3)]
    for k, x in enumerate(r):
        verified = nusym.potential_channels(x, SRC, "Pb-208", lightest="0.1", dps=20)
        for key, c in verified.items():
            assert abs(ch[key][k] / float(c.value) - 1) < 1e-12, key
        # their sum against an independent quadrature of the total (adaptive tanh-sinh per channel)
        total = nusym.potential(x, SRC, "Pb-208", lightest="0.1", dps=15, method="adaptive")
        assert abs(sum(c[k] for c in ch.values()) / float(total) - 1) < 1e-12


def test_yukawa_spectrum_against_verified_potential():
    # the Yukawa sum shares its set-up with potential(dps=None): compare with the verified route
    s = spectral.yukawa_spectrum(SRC, SRC, lightest="0.1")
    r = np.geomspace(1e-8, 1e-4, 9)
    verified = nusym.potential([mpmath.mpf(float(x)) for x in r], SRC, SRC, lightest="0.1", dps=20)
    np.testing.assert_allclose(s.potential_eV(r), [float(v) for v in verified], rtol=1e-12, atol=0)
    assert (s.q >= 0).all() and s.q.size == s.c.size


@pytest.mark.parametrize("nature,r", [("dirac", "1um"), ("majorana", "7um")])
def test_30_digits_shared_rule_equals_adaptive_route(nature, r):
    # reproduce Eq. (1) by two independent quadratures: the shared rule and adaptive tanh-sinh
    a = nusym.potential(r, SRC, "Pb-208", nature=nature, lightest="0.05", dps=30)
    b = nusym.potential(r, SRC, "Pb-208", nature=nature, lightest="0.05", dps=30, method="adaptive")
    assert abs(a / b - 1) <= mpmath.mpf(10) ** -29


def test_shared_rule_equal_mass_channels_match_bessel_closed_forms():
    # channels (2,2), (3,3): closed form 24 m^4 K_3(2 m r)/(2 m r) type (Eq. 7), to 40 digits
    a = nusym.potential_channels("3um", SRC, SRC, lightest="0.02", dps=40)
    b = nusym.potential_channels("3um", SRC, SRC, lightest="0.02", dps=40, method="closed")
    for key in ((2, 2), (3, 3)):
        assert b[key].route == "closed:equal_mass" and a[key].route == "integral"
        assert abs(a[key].value / b[key].value - 1) <= mpmath.mpf(10) ** -39


def test_unverified_points_fall_back_to_adaptive(monkeypatch):
    def never(fine, r_nats, dps, kind="T"):
        return [(mpmath.mpf(0), {}, False) for _ in r_nats]

    monkeypatch.setattr(spectral, "evaluate_mp", never)
    ch = nusym.potential_channels("2um", SRC, SRC, lightest="0.1", dps=12)
    assert {c.route for c in ch.values()} == {"integral:adaptive"}


def test_make_rule_step_follows_digits():
    coarse = spectral.make_rule(16, 0.005, 5000.0)
    fine = spectral.make_rule(35, 0.005, 5000.0)
    # error ~ exp(-2 pi d / h): twice the digits need about half the step
    assert 0.45 * coarse.h < fine.h < 0.55 * coarse.h and fine.n > 1.8 * coarse.n


@pytest.mark.parametrize("kw,error,match", [
    (dict(method="closed"), InvalidOptionError, "method 'integral' only"),
    (dict(log=True, r=[1e-6, -1e-6]), InvalidLengthError, "not a positive, finite length"),
    (dict(r=[1e-6, float("nan")]), InvalidLengthError, "not a positive, finite length"),
    (dict(r=[]), InvalidLengthError, "empty"),
])
def test_double_path_bad_input(kw, error, match):
    r = kw.pop("r", [1e-6])
    with pytest.raises(error, match=match):
        nusym.potential(r, SRC, SRC, dps=None, **kw)


def test_force_log_is_refused():
    from nusym.model import resolve_model
    from nusym.numeric.potential import _run_double

    with pytest.raises(InvalidOptionError, match="potential only"):
        _run_double([1e-6], SRC, SRC, resolve_model(), method="integral", kind="F", channels=False, log=True)


@pytest.mark.slow
@pytest.mark.parametrize("nature", ["dirac", "majorana"])
def test_100_digits_shared_rule_equals_adaptive_route(nature):
    a = nusym.potential("2um", SRC, SRC, nature=nature, lightest="0.1", dps=100)
    b = nusym.potential("2um", SRC, SRC, nature=nature, lightest="0.1", dps=100, method="adaptive")
    assert abs(a / b - 1) <= mpmath.mpf(10) ** -99


def test_repeated_calls_reuse_the_rule_setup():
    from nusym.numeric import potential as pot

    pot._SPECTRAL_CACHE.clear()
    a = nusym.potential("2um", SRC, SRC, lightest="0.1", dps=25)
    assert len(pot._SPECTRAL_CACHE) == 1
    b = nusym.potential("2um", SRC, SRC, lightest="0.1", dps=25)
    c = nusym.potential("2um", SRC, SRC, lightest="0.2", dps=25)   # other masses: a new set-up
    assert a == b and c != a and len(pot._SPECTRAL_CACHE) == 2
