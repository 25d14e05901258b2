"""V(r) of Eq. (1): public API, routes, force, gravity, errors and CLI (in-process).

Eq. (8) and Fig. 3 themselves are checked in tests/paper/test_eq8.py and tests/paper/test_fig3.py.
"""

from __future__ import annotations

import json

import mpmath
import numpy as np
import pytest

import nusym
from nusym.constants import constant
from nusym.errors import InvalidLengthError, NusymError
from nusym.numeric.integral import transform
from nusym.sources import parse_source

FE = "Fe-56"


def test_eq1_massless_channel_integral_equals_eq8_channel():
    """Lightest = 0 (NO): channel (1,1) is massless; integral route = 12/r^4 closed form."""
    ch_int = nusym.potential_channels("2um", FE, FE, lightest=0, dps=30)
    ch_cl = nusym.potential_channels("2um", FE, FE, lightest=0, dps=30, method="closed")
    assert ch_int[(1, 1)].route == "integral" and ch_cl[(1, 1)].route == "closed:massless"
    with mpmath.workdps(40):
        for key in ch_int:
            assert abs(ch_int[key].value - ch_cl[key].value) <= mpmath.mpf("1e-30") * abs(ch_cl[key].value)


@pytest.mark.parametrize("nature,r", [("dirac", "1um"), ("majorana", "7um")])
def test_eq1_closed_method_equals_integral_method(nature, r):
    a = nusym.potential(r, FE, FE, nature=nature, lightest="0.1", dps=30)
    b = nusym.potential(r, FE, FE, nature=nature, lightest="0.1", dps=30, method="closed")
    assert abs(a / b - 1) < mpmath.mpf("1e-29")


def test_channels_sum_to_independent_adaptive_total():
    ch = nusym.potential_channels("1um", FE, "Pb-208", nature="majorana", lightest="0.05", dps=25)
    assert sorted(ch) == [(i, j) for i in (1, 2, 3) for j in (1, 2, 3)]
    assert {c.route for c in ch.values()} == {"integral"}
    # the total by an independent quadrature (adaptive tanh-sinh per channel, no shared rule)
    v = nusym.potential("1um", FE, "Pb-208", nature="majorana", lightest="0.05", dps=25, method="adaptive")
    with mpmath.workdps(40):
        assert abs(sum(c.value for c in ch.values()) / v - 1) < mpmath.mpf("1e-23")


def test_symmetric_in_sources():
    v1 = nusym.potential("2um", FE, "Pb-208", nature="majorana", lightest="0.1", dps=20)
    v2 = nusym.potential("2um", "Pb-208", FE, nature="majorana", lightest="0.1", dps=20)
    assert v1 == v2


def test_lightest_zero_finite_and_below_massless():
    v = nusym.potential("5um", FE, FE, lightest=0, dps=20)
    v0 = nusym.potential("5um", FE, FE, method="massless", dps=20)
    assert mpmath.isfinite(v) and 0 < v < v0


def test_array_and_scalar_inputs():
    vals = nusym.potential(np.array([1e-6, 2e-6]), FE, FE, lightest="0.1", dps=10)
    assert isinstance(vals, list) and len(vals) == 2
    assert vals[0] == nusym.potential(1e-6, FE, FE, lightest="0.1", dps=10)
    assert vals[1] == nusym.potential("2um", FE, FE, lightest="0.1", dps=10)


def test_atoms_scale_the_charges():
    src = parse_source(FE, atoms=1000)
    v1 = nusym.potential("1um", FE, FE, lightest="0.1", dps=20)
    v2 = nusym.potential("1um", src, src, lightest="0.1", dps=20)
    with mpmath.workdps(30):
        assert abs(v2 / v1 / 10**6 - 1) < mpmath.mpf("1e-18")


def test_majorana_phases_enter_only_majorana():
    kw = dict(lightest="0.05", dps=20)
    d0 = nusym.potential("1um", FE, FE, nature="dirac", **kw)
    d1 = nusym.potential("1um", FE, FE, nature="dirac", alpha21=90, alpha31=45, **kw)
    m0 = nusym.potential("1um", FE, FE, nature="majorana", **kw)
    m1 = nusym.potential("1um", FE, FE, nature="majorana", alpha21=90, alpha31=45, **kw)
    with mpmath.workdps(30):
        assert abs(d1 / d0 - 1) < mpmath.mpf("1e-18")
        assert abs(m1 / m0 - 1) > mpmath.mpf("1e-6")


def test_asymptotic_route_approaches_integral_at_long_distance():
    kw = dict(lightest="0.1", dps=20)
    exact = nusym.potential("300um", FE, FE, **kw)
    approx = nusym.potential("300um", FE, FE, method="asymptotic", order=6, **kw)
    assert abs(approx / exact - 1) < 1e-6
    ch = nusym.potential_channels("300um", FE, FE, method="asymptotic", order=2, **kw)
    assert {c.route for c in ch.values()} == {"asymptotic"}


def test_force_analytic_derivative_against_finite_difference():
    kw = dict(nature="majorana", lightest="0.05", dps=30)
    with mpmath.workdps(40):
        r0, h = mpmath.mpf("2e-6"), mpmath.mpf("1e-15")
        vp = nusym.potential(r0 + h, FE, FE, **kw)
        vm = nusym.potential(r0 - h, FE, FE, **kw)
        fd_eV_per_m = -(vp - vm) / (2 * h)
        fd_newton = fd_eV_per_m * constant("e")
    f = nusym.force(r0, FE, FE, **kw)
    with mpmath.workdps(40):
        assert f > 0  # repulsive
        assert abs(f / fd_newton - 1) < mpmath.mpf("1e-15")


def test_force_massless_is_five_v_over_r():
    f = nusym.force("1um", FE, FE, method="massless", dps=25)
    v = nusym.potential("1um", FE, FE, method="massless", dps=25)
    with mpmath.workdps(35):
        expected = 5 * v / mpmath.mpf("1e-6") * constant("e")
        assert abs(f / expected - 1) < mpmath.mpf("1e-23")


def test_gravity_potential():
    g = nusym.gravity_potential("1um", FE, FE, dps=20)
    with mpmath.workdps(30):
        m = mpmath.mpf("55.93493554") * constant("u_kg")
        expected = -constant("G_N") * m * m / mpmath.mpf("1e-6") / constant("e")
        assert abs(g / expected - 1) < mpmath.mpf("1e-18")


@pytest.mark.parametrize("m,r", [("1e-9", "5.07"), ("0.05", "5.07e-3"), ("0.05", "5.07e6"), ("1e-9", "5.07e6")])
def test_integral_robust_equal_masses(m, r):
    """Tiny masses, r = 1 nm and r = 1 m: integral = K_3 closed form (Dirac)."""
    v = transform("dirac", 0, m, m, r, dps=30)
    with mpmath.workdps(50):
        mm, rr = mpmath.mpf(m), mpmath.mpf(r)
        closed = 12 * mm**3 * mpmath.besselk(3, 2 * mm * rr) / rr
        assert abs(v / closed - 1) < mpmath.mpf("1e-29")


def test_integral_nearly_degenerate_masses_continuous():
    m, d = "0.05", "1e-9"
    with mpmath.workdps(40):
        m2 = mpmath.mpf(m) + mpmath.mpf(d)
    for nature, index in (("dirac", 0), ("majorana", 0), ("majorana", 1)):
        eq = transform(nature, index, m, m, "5", dps=25)
        near = transform(nature, index, m, m2, "5", dps=25)
        assert 0 < abs(near / eq - 1) < 1e-6


def test_r_one_metre_does_not_underflow():
    v = nusym.potential("1m", FE, FE, lightest="0.1", dps=15)
    assert 0 < v < mpmath.mpf("1e-100000")


@pytest.mark.parametrize("bad", [0, -1e-6, float("nan"), float("inf"), "5", "-2um", "abc", True])
def test_bad_r(bad):
    with pytest.raises(InvalidLengthError):
        nusym.potential(bad, FE, FE)


@pytest.mark.parametrize("kw,match", [
    (dict(method="fast"), "allowed: integral, adaptive, closed, asymptotic, massless"),
    (dict(nature="weyl"), "dirac"),
    (dict(dps=4), "between 5 and 1000"),
    (dict(dps=1001), "between 5 and 1000"),
    (dict(method="asymptotic"), "order"),
    (dict(order=2), "asymptotic"),
    (dict(ordering="up"), "normal"),
    (dict(lightest=-1), ">= 0"),
])
def test_bad_options(kw, match):
    with pytest.raises(NusymError, match=match):
        nusym.potential("1um", FE, FE, **kw)


def test_cli_json(cli):
    res = cli("potential", FE, FE, "--r", "1um", "10um", "--lightest", "0.1", "--json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert list(data) == ["nusym_version", "schema", "command", "precision", "dps", "kind", "a", "b",
                          "nature", "ordering", "lightest_eV", "preset", "method", "r_m", "V_eV",
                          "V_gravity_eV", "model"]
    assert data["model"]["nature"] == "dirac" and data["model"]["masses_eV"][0] == "0.1"
    assert data["r_m"] == ["1e-06", "1e-05"] and data["ordering"] == "normal"
    mant = data["V_eV"][0].split("e")[0].replace(".", "").lstrip("0")
    assert len(mant) == 30
    v = nusym.potential("1um", FE, FE, lightest="0.1", dps=30)
    assert data["V_eV"][0] == mpmath.nstr(v, 30)


def test_cli_table(cli):
    res = cli("potential", FE, FE, "--r", "1um", "--method", "massless", "--dps", "10",
                    "--ordering", "IO")
    assert res.returncode == 0, res.stderr
    assert "V/V_grav" in res.stdout and "1.873864074e-49" in res.stdout


@pytest.mark.parametrize("args", [["--r", "5"], ["--r", "1um", "--method", "bad"],
                                  ["--r", "1um", "--dps", "2"], ["--r", "0um"]])
def test_cli_bad_input(cli, args):
    res = cli("potential", FE, FE, *args)
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nusym: error:")


def test_cli_lengths_from_stdin(cli):
    args = ["potential", "Fe-56", "Fe-56", "--r", "-", "--dps", "12", "--json"]
    proc = cli(*args, stdin="1um\n2um 5um\n")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["r_m"] == ["1e-06", "2e-06", "5e-06"] and len(data["V_eV"]) == 3
    proc = cli(*args, stdin="\n")
    assert proc.returncode == 2 and "standard input" in proc.stderr and "Traceback" not in proc.stderr
