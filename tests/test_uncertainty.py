"""nusym.uncertainties: the 1 sigma budget of V(r), its Monte Carlo cross-check, the Majorana phase range.

Fast tests (< ~15 s together); the dense grids and the large Monte Carlo runs are
marked slow.
"""

from __future__ import annotations

import doctest
import json
import math
from decimal import Decimal
from pathlib import Path

import mpmath
import numpy as np
import pytest

from nusym.constants import constant_info
from nusym.errors import (
    InvalidLengthError,
    InvalidOptionError,
    InvalidParameterError,
    InvalidSourceError,
    NusymError,
    UnknownOrderingError,
    UnknownPresetError,
)
from nusym.model import Model
from nusym.numeric.potential import potential
from nusym.presets import load_parameters
from nusym.resources import load_toml
from nusym.uncertainties import (
    BUDGET_KEYS,
    QUANTILES,
    UNCERTAINTY_KEYS,
    load_uncertainties,
    phase_coefficients,
    phase_range,
    uncertainty,
    uncertainty_presets,
)

REPO = Path(__file__).resolve().parent.parent
R3 = [1e-6, 5e-6, 1e-5]

#: the numbers of the issue ("Reference values a referee can trust", part 3): NuFIT 6.0 with
#: SK atmospheric data, (central, plus, minus), transcribed independently of the data file
ISSUE_TABLE = {
    "normal": {"sin2_th12": ("0.308", "0.012", "0.011"), "sin2_th13": ("0.02215", "0.00056", "0.00058"),
               "sin2_th23": ("0.470", "0.017", "0.013"), "delta_deg": ("212", "26", "41"),
               "dm21_sq": ("7.49e-5", "0.19e-5", "0.19e-5"), "dm3l_sq": ("2.513e-3", "0.021e-3", "0.019e-3")},
    "inverted": {"sin2_th12": ("0.308", "0.012", "0.011"), "sin2_th13": ("0.02231", "0.00056", "0.00056"),
                 "sin2_th23": ("0.550", "0.012", "0.015"), "delta_deg": ("274", "22", "25"),
                 "dm21_sq": ("7.49e-5", "0.19e-5", "0.19e-5"), "dm3l_sq": ("-2.484e-3", "0.020e-3", "0.020e-3")},
}


def _mapping(central, plus=None, minus=None, name="test"):
    """A one-ordering uncertainty mapping with the given centrals and widths (dicts keyed like UNCERTAINTY_KEYS)."""
    plus = plus or {k: "0" for k in central}
    minus = minus or plus
    return {"name": name, "normal": {k: {"central": central[k], "plus": plus[k], "minus": minus[k]}
                                     for k in UNCERTAINTY_KEYS}}


NUFIT_NO = {k: v[0] for k, v in ISSUE_TABLE["normal"].items()}


def _linear_surrogate(res, n=400_000, seed=11):
    """The percentiles of sum_p dV_p(X_p) for split-normal X_p with V linear on each side (numpy only).

    Isolates what the quadrature rule approximates (the combination of asymmetric
    errors) from what the Monte Carlo adds (non-linearity of V, sampling).
    """
    rng = np.random.default_rng(seed)
    total = np.zeros((n,) + np.shape(res.value_eV))
    for key, entry in res.budget.items():
        if not entry.enters:
            continue
        item = res.table[key]
        p, m = float(item.plus), float(item.minus)
        below = rng.random(n) < m / (m + p)
        z = np.abs(rng.standard_normal(n))
        shape = (n,) + (1,) * np.ndim(res.value_eV)
        below, z = below.reshape(shape), z.reshape(shape)
        total += np.where(below, z * np.asarray(entry.delta_minus_eV), z * np.asarray(entry.delta_plus_eV))
    lo, hi = np.quantile(total, QUANTILES, axis=0)
    return hi, -lo


# ----------------------------------------------------------------------------- the data
@pytest.mark.parametrize("ordering", ["normal", "inverted"])
def test_data_file_matches_preset_and_issue(ordering):
    """Central values = presets.toml "nufit-6.0"; every number = the issue's table."""
    table = load_uncertainties("nufit-6.0", ordering)
    preset = load_parameters("nufit-6.0", ordering)
    for key in UNCERTAINTY_KEYS:
        item = table[key]
        assert Decimal(item.central) == Decimal(getattr(preset, key)), key
        c, p, m = ISSUE_TABLE[ordering][key]
        assert (Decimal(item.central), Decimal(item.plus), Decimal(item.minus)) == (Decimal(c), Decimal(p), Decimal(m))
    raw = load_toml("uncertainties.toml")["nufit-6.0"]
    assert "JHEP 12 (2024) 216" in raw["source"] and "Super-Kamiokande" in raw["source"]
    assert set(raw[ordering]) == set(UNCERTAINTY_KEYS)


def test_data_file_g_f_matches_constants():
    gf = load_uncertainties()["G_F"]
    info = constant_info("G_F")
    assert Decimal(gf.central) == Decimal(info.value) == Decimal("1.1663788e-5")
    assert Decimal(gf.plus) == Decimal(gf.minus) == Decimal(info.uncertainty) == Decimal("6e-12")
    assert "PDG 2024" in load_toml("uncertainties.toml")["G_F"]["source"]
    assert uncertainty_presets() == ("nufit-6.0",)


def test_shifted_values_are_exact_decimals():
    t = load_uncertainties("nufit-6.0", "normal")
    assert (t["sin2_th12"].value(1), t["sin2_th12"].value(-1)) == ("0.320", "0.297")
    assert (t["dm21_sq"].value(1), t["dm21_sq"].value(-1)) == ("0.0000768", "0.0000730")
    assert (t["delta_deg"].value(1), t["delta_deg"].value(-1), t["delta_deg"].value(0)) == ("238", "171", "212")
    ti = load_uncertainties("nufit-6.0", "IH")
    assert (ti["dm3l_sq"].value(1), ti["dm3l_sq"].value(-1)) == ("-0.002464", "-0.002504")


# ----------------------------------------------------------------------------- the linear budget
def test_budget_rule_signs_and_direct_shifts():
    res = uncertainty(R3, "Fe-56", "Pb-208")
    v0 = res.value_eV
    assert list(res.budget) == list(BUDGET_KEYS)
    # the central value is the preset's potential
    np.testing.assert_array_equal(v0, potential(np.array(R3), "Fe-56", "Pb-208", preset="nufit-6.0", dps=None))
    assert np.all(res.sigma_plus_eV > 0) and np.all(res.sigma_minus_eV > 0)
    # the rule, recomputed from the budget
    up = sum(np.maximum(0, np.maximum(e.delta_plus_eV, e.delta_minus_eV)) ** 2 for e in res.budget.values())
    down = sum(np.maximum(0, np.maximum(-e.delta_plus_eV, -e.delta_minus_eV)) ** 2 for e in res.budget.values())
    np.testing.assert_allclose(res.sigma_plus_eV, np.sqrt(up), rtol=1e-15)
    np.testing.assert_allclose(res.sigma_minus_eV, np.sqrt(down), rtol=1e-15)
    # sign conventions: a larger Delta m^2_31 makes the masses larger and V smaller
    e = res.budget["dm3l_sq"]
    assert np.all(e.delta_plus_eV < 0) and np.all(e.delta_minus_eV > 0)
    # a budget entry is V(shifted Model) - V0, for a Model built independently
    params = {**NUFIT_NO, "alpha21_deg": "0", "alpha31_deg": "0", "dm3l_sq": "0.002534"}
    shifted = Model.from_preset({"normal": params}, ordering="normal", lightest=0)
    direct = potential(np.array(R3), "Fe-56", "Pb-208", model=shifted, dps=None) - v0
    np.testing.assert_allclose(e.delta_plus_eV, direct, rtol=1e-13)
    # G_F: V ~ G_F^2 exactly
    g = res.budget["G_F"]
    eps = 6e-12 / 1.1663788e-5
    np.testing.assert_allclose(g.delta_plus_eV, v0 * ((1 + eps) ** 2 - 1), rtol=1e-6)
    np.testing.assert_allclose(g.delta_minus_eV, v0 * ((1 - eps) ** 2 - 1), rtol=1e-6)
    # inputs that cannot change the Dirac V contribute exactly 0
    for key in ("sin2_th23", "delta_deg"):
        assert not res.budget[key].enters
        assert np.all(res.budget[key].delta_plus_eV == 0) and np.all(res.budget[key].delta_minus_eV == 0)


def test_issue_example_fe_pb_5um():
    """One sigma of NuFIT 6.0 moves V(Fe-Pb, 5 um, lightest 0) by about +0.14 % / -0.15 %."""
    res = uncertainty("5um", "Fe-56", "Pb-208")
    plus, minus = res.relative()
    assert round(100 * float(plus), 2) == 0.14 and round(100 * float(minus), 2) == 0.15
    # the natural elements give the same to this precision (Fe-56, Pb-208 dominate)
    plus_n, minus_n = uncertainty("5um", "Fe", "Pb").relative()
    assert abs(plus_n / plus - 1) < 0.01 and abs(minus_n / minus - 1) < 0.01


def test_majorana_budget_includes_delta():
    res = uncertainty(R3, "Fe-56", "Pb-208", nature="majorana", lightest="0.1")
    e = res.budget["delta_deg"]
    assert e.enters and np.all(e.delta_plus_eV != 0)
    assert not res.budget["sin2_th23"].enters


def test_same_direction_shifts_count_once():
    """At an extremum in delta both shifts move V the same way: the larger one counts, on its side only."""
    central = {**NUFIT_NO, "delta_deg": "0"}
    plus = {k: "0" for k in UNCERTAINTY_KEYS}
    plus["delta_deg"] = "10"
    res = uncertainty(R3, "Fe-56", "Fe-56", preset=_mapping(central, plus), nature="majorana", lightest="0.1",
                      alpha21=0, alpha31=0)
    e = res.budget["delta_deg"]
    assert np.all(np.sign(e.delta_plus_eV) == np.sign(e.delta_minus_eV))
    # delta -> -delta is a symmetry at alpha = 0: both shifts give the same V
    np.testing.assert_allclose(e.delta_plus_eV, e.delta_minus_eV, rtol=1e-9)
    largest = np.maximum(np.abs(e.delta_plus_eV), np.abs(e.delta_minus_eV))
    side, other = ((res.sigma_plus_eV, res.sigma_minus_eV) if np.all(e.delta_plus_eV > 0)
                   else (res.sigma_minus_eV, res.sigma_plus_eV))
    # every other width is 0 (plus G_F's, tiny): the whole band is delta's, on one side
    gf = np.abs(res.budget["G_F"].delta_plus_eV)
    np.testing.assert_allclose(side, np.hypot(largest, gf), rtol=1e-12)
    np.testing.assert_allclose(other, gf, rtol=1e-6)


def test_symmetric_inputs_give_nearly_symmetric_band():
    """Equal plus and minus widths: sigma_plus and sigma_minus differ only at second order.

    |sigma_plus - sigma_minus| <= sum_p |dV+_p + dV-_p| (triangle inequality), and that sum is
    second order in the widths.
    """
    widths = {"sin2_th12": "0.011", "sin2_th13": "0.00057", "sin2_th23": "0.015", "delta_deg": "30",
              "dm21_sq": "0.19e-5", "dm3l_sq": "0.020e-3"}
    res = uncertainty(R3, "Fe-56", "Pb-208", preset=_mapping(NUFIT_NO, widths))
    second = sum(np.abs(e.delta_plus_eV + e.delta_minus_eV) for e in res.budget.values())
    for e in res.budget.values():
        if e.enters:
            assert np.all(np.sign(e.delta_plus_eV) == -np.sign(e.delta_minus_eV))
    assert np.all(np.abs(res.sigma_plus_eV - res.sigma_minus_eV) <= second * (1 + 1e-12))
    assert np.all(second < 0.2 * res.sigma_plus_eV)
    # zero widths: zero band
    zero = uncertainty(R3, "Fe-56", "Pb-208", preset=_mapping(NUFIT_NO))
    gf = np.abs(zero.budget["G_F"].delta_plus_eV)
    np.testing.assert_allclose(zero.sigma_plus_eV, gf, rtol=1e-6)


def test_multiprecision_budget_agrees_with_double():
    res = uncertainty(["1um", "10um"], "Fe-56", "Pb-208", ordering="IO", lightest="0.01")
    mp = uncertainty(["1um", "10um"], "Fe-56", "Pb-208", ordering="IO", lightest="0.01", dps=20)
    assert isinstance(mp.value_eV, list) and isinstance(mp.value_eV[0], mpmath.mpf)
    for x, y in ((res.value_eV, mp.value_eV), (res.sigma_plus_eV, mp.sigma_plus_eV),
                 (res.sigma_minus_eV, mp.sigma_minus_eV)):
        np.testing.assert_allclose(np.array([float(v) for v in y]), x, rtol=1e-9)
    single = uncertainty("3um", "Fe-56", "Fe-56", dps=15)
    assert isinstance(single.value_eV, mpmath.mpf) and isinstance(single.sigma_plus_eV, mpmath.mpf)


def test_result_as_dict_is_json():
    data = json.loads(json.dumps(uncertainty(R3, "Cu", "Pb").as_dict()))
    assert data["preset"] == "nufit-6.0" and len(data["V_eV"]) == 3 and data["monte_carlo"] is None
    data = json.loads(json.dumps(uncertainty("3um", "Cu", "Pb", monte_carlo=100).as_dict()))
    assert set(data["budget"]) == set(BUDGET_KEYS) and data["monte_carlo"]["samples"] == 100
    mp = uncertainty("2um", "Cu", "Pb", dps=12, nature="M").as_dict()
    assert isinstance(json.loads(json.dumps(mp))["V_eV"], str)


# ----------------------------------------------------------------------------- Monte Carlo
def test_monte_carlo_reproducible_and_agrees():
    """N = 300 (fast): the sampling error of a 1 sigma percentile is ~1.5 sigma / sqrt(N) ~ 9 %.

    Two checks, each at 4 standard errors of the percentile (order statistics):
    the Monte Carlo against the linear surrogate (same split normals, V linear on each
    side; isolates sampling and non-linearity), and against the linear budget with
    the surrogate's difference from the quadrature rule (measured here, < 4 % of sigma
    for Dirac) added to the allowance.
    """
    res = uncertainty(R3, "Fe-56", "Pb-208", monte_carlo=300, seed=3)
    mc = res.monte_carlo
    first = uncertainty("5um", "Fe-56", "Pb-208", monte_carlo=100, seed=3).monte_carlo
    again = uncertainty("5um", "Fe-56", "Pb-208", monte_carlo=100, seed=3).monte_carlo
    other = uncertainty("5um", "Fe-56", "Pb-208", monte_carlo=100, seed=4).monte_carlo
    assert first == again and first.high_eV != other.high_eV
    assert mc.samples == 300 and mc.rejected == 0
    assert np.all(mc.low_eV < mc.median_eV) and np.all(mc.median_eV < mc.high_eV)
    hi, lo = _linear_surrogate(res)
    assert np.all(np.abs(mc.sigma_plus_eV - hi) <= 4 * mc.stderr_plus_eV)
    assert np.all(np.abs(mc.sigma_minus_eV - lo) <= 4 * mc.stderr_minus_eV)
    rule_plus = np.abs(hi / res.sigma_plus_eV - 1)
    rule_minus = np.abs(lo / res.sigma_minus_eV - 1)
    assert np.all(rule_plus < 0.04) and np.all(rule_minus < 0.04)
    assert np.all(np.abs(mc.sigma_plus_eV - res.sigma_plus_eV)
                  <= 4 * mc.stderr_plus_eV + rule_plus * res.sigma_plus_eV)
    assert np.all(np.abs(mc.sigma_minus_eV - res.sigma_minus_eV)
                  <= 4 * mc.stderr_minus_eV + rule_minus * res.sigma_minus_eV)
    # the standard error is about 1.5 sigma / sqrt(N) (Gaussian order statistics)
    ratio = mc.stderr_plus_eV / res.sigma_plus_eV * math.sqrt(300)
    assert np.all((0.7 < ratio) & (ratio < 3))


@pytest.mark.slow
@pytest.mark.parametrize("ordering", ["normal", "inverted"])
def test_monte_carlo_large_agrees_with_linear_budget(ordering):
    """N = 4000: the standard error is ~2.4 % of sigma; agreement within 4 of them plus the rule's own error."""
    res = uncertainty(R3, "Fe-56", "Pb-208", ordering=ordering, monte_carlo=4000, seed=7)
    mc = res.monte_carlo
    hi, lo = _linear_surrogate(res, n=1_000_000)
    assert np.all(np.abs(mc.sigma_plus_eV - hi) <= 4 * mc.stderr_plus_eV)
    assert np.all(np.abs(mc.sigma_minus_eV - lo) <= 4 * mc.stderr_minus_eV)
    assert np.all(np.abs(mc.sigma_plus_eV / res.sigma_plus_eV - 1) < 0.04 + 4 * mc.stderr_plus_eV / res.sigma_plus_eV)
    assert np.all(np.abs(mc.sigma_minus_eV / res.sigma_minus_eV - 1)
                  < 0.04 + 4 * mc.stderr_minus_eV / res.sigma_minus_eV)


# ----------------------------------------------------------------------------- phases
def test_dirac_potential_is_phase_independent_to_all_digits():
    """dps = 30: the Dirac V is identical for any delta, alpha21, alpha31 (and sin^2 theta_23)."""
    values = set()
    for delta, a21, a31 in ((None, None, None), (90, 0, 0), (212, 45, 300), ("17.3", 123, "271.5")):
        m = Model.from_preset("nufit-6.0", lightest="0.1", delta=delta, alpha21=a21, alpha31=a31)
        v = potential(["1um", "10um"], "Fe-56", "Pb-208", model=m, dps=30)
        values.add(tuple(mpmath.nstr(x, 30) for x in v))
    assert len(values) == 1
    # sin^2 theta_23 changes neither nature's V
    for nature in ("dirac", "majorana"):
        vs = {tuple(mpmath.nstr(x, 30) for x in potential(
            ["1um", "10um"], "Fe-56", "Pb-208", dps=30, model=Model.from_preset(
                {"normal": {**NUFIT_NO, "sin2_th23": s23, "alpha21_deg": "0", "alpha31_deg": "0"}},
                lightest="0.1", nature=nature))) for s23 in ("0.470", "0.3")}
        assert len(vs) == 1
    lo, hi, at_lo, at_hi = phase_range(R3, "Fe-56", "Pb-208", nature="dirac", lightest="0.1")
    np.testing.assert_array_equal(lo, hi)
    assert at_lo == at_hi == {"alpha21": 0.0, "alpha31": 0.0, "delta": 212.0}


def test_majorana_phase_structure_is_exact():
    """V_M at random phases = the fitted trigonometric polynomial (double 1e-12; dps=25 1e-20)."""
    rng = np.random.default_rng(1)
    r = np.array(R3)
    c = phase_coefficients(r, "Fe-56", "Pb-208", lightest="0.1")
    for a21, a31, delta in rng.uniform(0, 360, size=(4, 3)).round(3):
        m = Model.from_preset("nufit-6.0", lightest="0.1", nature="majorana", delta=str(delta),
                              alpha21=str(a21), alpha31=str(a31))
        v = potential(r, "Fe-56", "Pb-208", model=m, dps=None)
        np.testing.assert_allclose(c.value(a21, a31, delta), v, rtol=1e-12)
    cm = phase_coefficients("4um", "Fe-56", "Pb-208", lightest="0.1", dps=25)
    m = Model.from_preset("nufit-6.0", lightest="0.1", nature="majorana", alpha21="33.5", alpha31="301")
    v = potential("4um", "Fe-56", "Pb-208", model=m, dps=25)
    with mpmath.workdps(30):
        t1 = mpmath.radians(mpmath.mpf("33.5"))
        t2 = mpmath.radians(mpmath.mpf("301") - 2 * 212)
        poly = cm.a0 + cm.b12 * mpmath.cos(t1) + cm.b13 * mpmath.cos(t2) + cm.b23 * mpmath.cos(t1 - t2)
        assert abs(poly / v - 1) < mpmath.mpf("1e-20")
    # a massless lightest state: only the pair (2, 3) depends on the phases (NO)
    c0 = phase_coefficients(r, "Fe-56", "Pb-208", lightest=0)
    assert np.all(np.abs(c0.b12) < 1e-12 * c0.a0) and np.all(np.abs(c0.b13) < 1e-12 * c0.a0)


def _grid_extremes(r, preset, ordering, lightest, step, a="Fe-56", b="Pb-208", deltas=(None,)):
    v = []
    for delta in deltas:
        for a21 in range(0, 360, step):
            for a31 in range(0, 360, step):
                m = Model.from_preset(preset, ordering=ordering, lightest=lightest, nature="majorana",
                                      delta=delta, alpha21=a21, alpha31=a31)
                v.append(potential(r, a, b, model=m, dps=None))
    v = np.array(v)
    return v.min(axis=0), v.max(axis=0)


def _direct(r, preset, ordering, lightest, phases, a="Fe-56", b="Pb-208"):
    out = []
    for i, x in enumerate(r):
        m = Model.from_preset(preset, ordering=ordering, lightest=lightest, nature="majorana",
                              delta=repr(float(phases["delta"])), alpha21=repr(float(phases["alpha21"][i])),
                              alpha31=repr(float(phases["alpha31"][i])))
        out.append(potential(x, a, b, model=m, dps=None))
    return np.array(out)


def _check_against_grid(r, preset, ordering, lightest, step):
    pr = phase_range(r, "Fe-56", "Pb-208", preset=preset, ordering=ordering, lightest=lightest)
    gmin, gmax = _grid_extremes(r, preset, ordering, lightest, step)
    assert np.all(pr.v_max >= gmax * (1 - 1e-12)) and np.all(pr.v_min <= gmin * (1 + 1e-12))
    # and the extremes are attained at the phases returned
    np.testing.assert_allclose(_direct(r, preset, ordering, lightest, pr.argmax), pr.v_max, rtol=1e-12)
    np.testing.assert_allclose(_direct(r, preset, ordering, lightest, pr.argmin), pr.v_min, rtol=1e-12)
    return pr, gmin, gmax


def test_phase_extremes_against_grid():
    r = np.array([1e-6, 1e-5])
    pr, _, _ = _check_against_grid(r, "nufit-6.0", "normal", "0.1", 20)
    assert np.all(pr.v_max / pr.v_min > 1) and 3.6 < pr.v_max[1] / pr.v_min[1] < 3.8


#: a made-up preset where |U_e3| is large, so that the extremes are inside (0, 180) deg
FRUSTRATED = {"normal": {**NUFIT_NO, "sin2_th12": "0.5", "sin2_th13": "0.33", "delta_deg": "30",
                         "alpha21_deg": "0", "alpha31_deg": "0"}}


@pytest.mark.slow
def test_phase_extremes_interior_maximum():
    """A frustrated case (all three b < 0): the maximum is at alpha21 strictly inside (0, 180)."""
    r = np.array([1e-6, 3e-6, 1e-5])
    pr, _, _ = _check_against_grid(r, FRUSTRATED, "normal", "0.05", 20)
    assert np.all((pr.argmax["alpha21"] > 1) & (pr.argmax["alpha21"] < 179))
    # a local maximum: no neighbour at +-0.5 deg in either phase is higher
    for d21, d31 in ((0.5, 0), (-0.5, 0), (0, 0.5), (0, -0.5), (0.5, 0.5), (-0.5, -0.5)):
        moved = {"alpha21": pr.argmax["alpha21"] + d21, "alpha31": pr.argmax["alpha31"] + d31, "delta": 30.0}
        assert np.all(_direct(r, FRUSTRATED, "normal", "0.05", moved) <= pr.v_max * (1 + 1e-12))


@pytest.mark.slow
@pytest.mark.parametrize("ordering, lightest", [("normal", "0.1"), ("inverted", "0.1"), ("inverted", 0),
                                                ("normal", "0.01")])
def test_phase_extremes_against_dense_grid(ordering, lightest):
    _check_against_grid(np.array([1e-6, 3e-6, 1e-5]), "nufit-6.0", ordering, lightest, 5)


@pytest.mark.slow
def test_phase_extremes_interior_dense_grid():
    _check_against_grid(np.array([1e-6, 3e-6, 1e-5]), FRUSTRATED, "normal", "0.05", 4)


def test_delta_range_changes_nothing_but_the_reported_delta():
    r = np.array([2e-6, 1e-5])
    base = phase_range(r, "Fe-56", "Pb-208", lightest="0.1")
    for window in ("1sigma", (0, 360), ("100", "150deg")):
        pr = phase_range(r, "Fe-56", "Pb-208", lightest="0.1", delta_range=window)
        np.testing.assert_allclose(pr.v_max, base.v_max, rtol=1e-12)
        np.testing.assert_allclose(pr.v_min, base.v_min, rtol=1e-12)
    assert phase_range(r, "Fe-56", "Pb-208", lightest="0.1", delta_range=(100, 150)).argmax["delta"] == 100.0
    # brute force over (alpha21, alpha31, delta in its 1 sigma range 171..238)
    gmin, gmax = _grid_extremes(r, "nufit-6.0", "normal", "0.1", 45, deltas=("171", "200", "238"))
    assert np.all(base.v_max >= gmax * (1 - 1e-12)) and np.all(base.v_min <= gmin * (1 + 1e-12))


def test_phase_range_multiprecision():
    lo, hi, _, at_hi = phase_range("10um", "Fe-56", "Fe-56", lightest="0.1", dps=20)
    dlo, dhi, _, _ = phase_range("10um", "Fe-56", "Fe-56", lightest="0.1")
    assert isinstance(hi, mpmath.mpf) and abs(float(hi) / dhi - 1) < 1e-12 and abs(float(lo) / dlo - 1) < 1e-12
    assert abs(at_hi["alpha21"] - 180) < 1e-15 and abs(at_hi["alpha31"] - 244) < 1e-15


# ----------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("kwargs, error", [
    ({"preset": "segarra2020"}, UnknownPresetError),
    ({"preset": "nope"}, UnknownPresetError),
    ({"preset": 3}, UnknownPresetError),
    ({"ordering": "up"}, UnknownOrderingError),
    ({"nature": "weyl"}, InvalidOptionError),
    ({"lightest": -1}, NusymError),
    ({"dps": 3}, InvalidOptionError),
    ({"dps": 30.0}, InvalidOptionError),
    ({"monte_carlo": 50}, InvalidOptionError),
    ({"monte_carlo": -1}, InvalidOptionError),
    ({"monte_carlo": 1.5}, InvalidOptionError),
    ({"monte_carlo": True}, InvalidOptionError),
    ({"seed": -1}, InvalidOptionError),
    ({"alpha21": "x"}, InvalidParameterError),
])
def test_bad_options(kwargs, error):
    with pytest.raises(error) as info:
        uncertainty("5um", "Fe-56", "Pb-208", **kwargs)
    assert isinstance(info.value, NusymError) and str(info.value)


@pytest.mark.parametrize("r", [0, -1e-6, "5 parsec", "abc", float("nan"), [], [[1e-6], [2e-6, 3e-6]]])
def test_bad_distance(r):
    with pytest.raises(InvalidLengthError):
        uncertainty(r, "Fe-56", "Pb-208")
    with pytest.raises(InvalidLengthError):
        phase_range(r, "Fe-56", "Pb-208")


def test_bad_sources_and_tables():
    with pytest.raises(InvalidSourceError):
        uncertainty("5um", "Xx-999", "Pb-208")
    bad = _mapping(NUFIT_NO)
    del bad["normal"]["dm21_sq"]
    with pytest.raises(InvalidParameterError, match="missing dm21_sq"):
        uncertainty("5um", "Fe-56", "Pb-208", preset=bad)
    bad = _mapping(NUFIT_NO, {**{k: "0" for k in UNCERTAINTY_KEYS}, "sin2_th12": "-0.01"})
    with pytest.raises(InvalidParameterError, match=">= 0"):
        load_uncertainties(bad)
    bad = _mapping(NUFIT_NO)
    bad["normal"]["alpha21_deg"] = {"central": "0", "plus": "1", "minus": "1"}
    with pytest.raises(InvalidParameterError, match="unknown key"):
        load_uncertainties(bad)
    bad = _mapping(NUFIT_NO)
    bad["normal"]["sin2_th13"] = {"central": "0.02", "plus": "1_0", "minus": "0"}
    with pytest.raises(InvalidParameterError, match="decimal"):
        load_uncertainties(bad)
    # a +1 sigma value outside the physical range is refused by the preset's checks
    wide = _mapping(NUFIT_NO, {**{k: "0" for k in UNCERTAINTY_KEYS}, "sin2_th13": "2"})
    with pytest.raises(InvalidParameterError, match="outside"):
        uncertainty("5um", "Fe-56", "Pb-208", preset=wide)
    with pytest.raises(InvalidLengthError):  # dps=N takes a 1-d sequence only
        uncertainty(np.array([[1e-6, 2e-6]]), "Fe-56", "Pb-208", dps=15)


def test_bad_phase_options():
    with pytest.raises(InvalidOptionError):
        phase_range("5um", "Fe-56", "Pb-208", delta=10, delta_range=(0, 20))
    with pytest.raises(InvalidOptionError):
        phase_range("5um", "Fe-56", "Pb-208", delta_range=(20, 10))
    with pytest.raises(InvalidOptionError):
        phase_range("5um", "Fe-56", "Pb-208", delta_range="2sigma")
    with pytest.raises(InvalidOptionError):
        phase_range("5um", "Fe-56", "Pb-208", delta_range=(1, 2, 3))
    with pytest.raises(UnknownPresetError):
        phase_range("5um", "Fe-56", "Pb-208", preset="segarra2020", delta_range="1sigma")
    with pytest.raises(InvalidParameterError):
        phase_range("5um", "Fe-56", "Pb-208", delta="north")
    with pytest.raises(UnknownPresetError):
        phase_range("5um", "Fe-56", "Pb-208", preset="nope")
    # any preset works for the phases (no 1 sigma table needed)
    lo, hi, _, _ = phase_range("5um", "Fe-56", "Pb-208", preset="segarra2020", lightest="0.1")
    assert lo < hi


# ----------------------------------------------------------------------------- docs
def test_docs_examples_run_as_shown():
    """The >>> examples of docs/uncertainty.md (doctest)."""
    path = REPO / "docs" / "uncertainty.md"
    result = doctest.testfile(str(path), module_relative=False,
                              optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    assert result.attempted >= 5 and result.failed == 0
