"""nusym.scans: batched double precision against potential(), netCDF output, resume, dask, CLI."""

from __future__ import annotations

import argparse
import os

import mpmath
import numpy as np
import pytest

xr = pytest.importorskip("xarray")

from nusym.errors import NusymError
from nusym.model import Model
from nusym.numeric.kernels import g_numpy
from nusym.numeric.potential import potential
from nusym.scans import batched_potential, plan_scan, scan

SMALL = {
    "pairs": [["Fe-56", "Fe-56"], ["W", "Be"]],
    "nature": ["dirac", "majorana"],
    "ordering": ["normal", "inverted"],
    "lightest": [0, "1e-3eV", "0.05eV", "0.3eV"],
    "r": {"from": "3nm", "to": "1mm", "points": 40, "spacing": "log"},
    "chunk": 5,
}


def _normal(ref: np.ndarray) -> np.ndarray:
    """Where V is a normal double (subnormal values carry fewer digits by nature)."""
    return np.abs(ref) > 1e-300


def test_batched_matches_potential_double():
    ds = scan(SMALL)
    assert ds.V_eV.dims == ("pair", "nature", "ordering", "lightest", "r")
    assert ds.V_eV.shape == (2, 2, 2, 4, 40)
    assert ds.r.attrs["units"] == "m" and ds.V_eV.attrs["units"] == "eV"
    assert ds.attrs["nusym_version"] and "segarra2020" in ds.attrs["presets"]
    worst = 0.0
    checked = 0
    for pair in ds.pair.values:
        a, b = str(pair).split("|")
        for nature in ("dirac", "majorana"):
            for ordering in ("normal", "inverted"):
                for lightest in ds.lightest.values:
                    ref = potential(ds.r.values, a, b, nature=nature, ordering=ordering,
                                    lightest=float(lightest), dps=None)
                    got = ds.V_eV.sel(pair=pair, nature=nature, ordering=ordering, lightest=lightest).values
                    ok = _normal(ref)
                    worst = max(worst, float(np.max(np.abs(got[ok] / ref[ok] - 1))))
                    # where potential() underflows to 0, V is far below the double range here too
                    assert np.all(np.abs(got[ref == 0]) < 1e-300)
                    checked += int(ok.sum())
    assert checked > 1000
    assert worst < 1e-12, worst


def test_batched_matches_mpmath_route():
    m = Model.from_preset(ordering="inverted", lightest="0.02", nature="majorana", alpha21=90)
    r = [2e-9, 1e-6, 3e-5]
    got = batched_potential([(m, "W", "Be")], r)[0]
    for r_m, v in zip(r, got, strict=True):
        ref = potential(r_m, "W", "Be", model=m, dps=25)
        assert abs(mpmath.mpf(v) / ref - 1) < 1e-12


def test_batched_matches_mpmath_dps30():
    """The scan's route against the verified 30-digit route at a few (configuration, r) points."""
    cases = [
        (Model.from_preset(lightest="1e-4"), "Fe-56", "Fe-56", [1e-6, 1e-3]),
        (Model.from_preset(lightest="0.3", ordering="inverted"), "Fe-56", "Fe-56", [3e-6, 1e-4]),
        (Model.from_preset(lightest="0.01", nature="majorana", alpha31=120), "W", "Be", [5e-9, 1e-5]),
    ]
    for model, a, b, r in cases:
        got = batched_potential([(model, a, b)], r)[0]
        for r_m, v in zip(r, got, strict=True):
            ref = potential(r_m, a, b, model=model, dps=30)
            assert abs(mpmath.mpf(float(v)) / ref - 1) < 1e-12, (model, r_m)


@pytest.mark.slow
def test_scan_grid_matches_mpmath_dps30():
    """A whole grid (both natures and orderings, lightest 0 - 0.5 eV, 1 nm - 1 mm) against dps=30."""
    grid = {"pairs": [["Fe-56", "Fe-56"], ["W", "Be"]], "nature": ["dirac", "majorana"],
            "ordering": ["normal", "inverted"], "lightest": [0, "1e-9eV", "1e-4eV", "0.05eV", "0.5eV"],
            "alpha21": 70, "r": ["1nm", "1um", "100um", "1mm"]}
    ds = scan(grid)
    worst, checked = 0.0, 0
    for pair in ds.pair.values:
        a, b = str(pair).split("|")
        for nature in ("dirac", "majorana"):
            for ordering in ("normal", "inverted"):
                for lightest in ds.lightest.values:
                    got = ds.V_eV.sel(pair=pair, nature=nature, ordering=ordering, lightest=lightest).values
                    ok = np.abs(got) > 1e-290
                    refs = potential(list(ds.r.values[ok]), a, b, nature=nature, ordering=ordering,
                                     lightest=float(lightest), alpha21=70, dps=30)
                    for v, ref in zip(got[ok], refs, strict=True):
                        worst = max(worst, float(abs(mpmath.mpf(float(v)) / ref - 1)))
                        checked += 1
    assert checked > 100
    assert worst < 1e-12, worst


def test_batched_unsorted_r_and_mixed_natures():
    """One call with both natures and r in any order equals the calls one configuration at a time."""
    configs = [(Model.from_preset(lightest=m, nature=n), a, b)
               for m in ("0", "0.02") for n in ("dirac", "majorana") for a, b in (("Fe-56", "Fe-56"), ("W", "Be"))]
    r = [3e-4, 1e-6, 2e-9, 1e-6, 5e-5]
    together = batched_potential(configs, r)
    for row, cfg in enumerate(configs):
        alone = batched_potential([cfg], sorted(r))[0]
        np.testing.assert_allclose(together[row], [alone[sorted(r).index(v)] for v in r], rtol=1e-15, atol=0)
        ref = potential(r, cfg[1], cfg[2], model=cfg[0], dps=None)
        np.testing.assert_allclose(together[row], ref, rtol=1e-12, atol=0)


def test_batched_currents_beyond_v_minus_a():
    """The batched route sums whatever kernel family configure() gives (currents beyond V-A)."""
    if not hasattr(Model, "with_current"):
        pytest.skip("no currents beyond V-A in this tree")
    r = [1e-8, 1e-6, 1e-4]
    for nature, current, extra in (("dirac", {"V": 1, "A": 0.5}, {}),
                                   ("majorana", "S=1", {"scalar_couplings": {"n": 1}})):
        m = Model.from_preset(lightest="0.05", nature=nature).with_current(current, **extra)
        got = batched_potential([(m, "Fe-56", "W")], r)[0]
        ref = potential(r, "Fe-56", "W", model=m, dps=None)
        assert np.all(ref != 0)
        np.testing.assert_allclose(got, ref, rtol=1e-12, atol=0)


def test_shared_masses_route(monkeypatch):
    """Phases and pairs at fixed masses share node sums (_shared_values): same values as without."""
    import nusym.scans as scans

    grid = {"pairs": [["Fe-56", "Fe-56"], ["W", "Be"]], "nature": "majorana", "lightest": ["1e-3eV", 0.05],
            "alpha21": [0, 90, 180], "alpha31": [0, 45, 200], "r": {"from": "2nm", "to": "1mm", "points": 30}}
    calls = []
    shared = scans._shared_values
    monkeypatch.setattr(scans, "_shared_values", lambda *a: calls.append(1) or shared(*a))
    with_sharing = scan(grid).V_eV
    assert calls
    monkeypatch.setattr(scans, "SHARE_MASSES", False)
    without = scan(grid).V_eV
    np.testing.assert_allclose(with_sharing.values, without.values, rtol=1e-13, atol=1e-300)
    sel = {"pair": "W|Be", "lightest": 0.05, "alpha21": 90.0, "alpha31": 200.0}
    ref = potential(with_sharing.r.values, "W", "Be", nature="majorana", lightest=0.05, alpha21=90, alpha31=200,
                    dps=None)
    ok = _normal(ref)
    np.testing.assert_allclose(with_sharing.sel(**sel).values[ok], ref[ok], rtol=1e-12, atol=0)


def test_fast_masses_equal_model_masses():
    """The scan's decimal copy of Table I gives the Model's masses to the last bit."""
    from nusym.presets import load_parameters
    from nusym.scans import _table_one_masses

    values = [0.0, 1e-9, 3.7e-5, 1e-4, 0.0123, 0.1, 0.3, 1.0, 2.5] + np.geomspace(1e-6, 1, 40).tolist()
    for preset in ("segarra2020", "nufit-6.0"):
        for ordering in ("normal", "inverted"):
            table = _table_one_masses(load_parameters(preset, ordering), values)
            for v, row in zip(values, table.tolist(), strict=True):
                assert tuple(row) == Model.from_preset(preset, ordering=ordering, lightest=v).masses_float


def test_underflow_is_zero_without_warnings():
    m = Model.from_preset(lightest="2")        # exp(-4 eV r) is far below the double range at 1 mm
    with np.errstate(all="raise"):
        v = batched_potential([(m, "Fe-56", "Fe-56")], [1e-6, 1e-4, 1e-3])[0]
    assert v[0] > 0 and v[2] == 0 and np.all(np.isfinite(v))


def test_one_blas_thread_restores():
    pytest.importorskip("threadpoolctl")
    from nusym.scans import _blas_controller, one_blas_thread

    def threads():      # the BLAS libraries the scan limits (NumPy's among them)
        return [i["num_threads"] for i in _blas_controller().info() if i["user_api"] == "blas"]

    before = threads()
    with one_blas_thread():
        with one_blas_thread():
            inside = threads()
        still = threads()
    assert inside and all(n == 1 for n in inside) and all(n == 1 for n in still)
    assert threads() == before


def test_vectorised_kernel_equals_g_numpy():
    x = np.geomspace(1e-8, 1e4, 50)
    lo, hi = np.array([0.0, 0.01, 0.05]), np.array([0.0086, 0.01, 0.3])
    for nature, count in (("dirac", 1), ("majorana", 2)):
        for k in range(count):
            batch = g_numpy(nature, k, x, lo, hi).T
            for row in range(lo.size):
                ref = g_numpy(nature, k, x, lo[row], hi[row])
                np.testing.assert_allclose(batch[row], ref, rtol=1e-14, atol=0)


def test_scalar_keys_and_phases(tmp_path):
    grid = tmp_path / "g.toml"
    grid.write_text('pairs = [["Fe-56", "Fe-56"]]\nnature = "majorana"\nalpha21 = [0, 180]\n'
                    'lightest = "0.1eV"\nr = ["1um", 2e-6]\nprecision = "double"\n')
    ds = scan(str(grid))
    assert ds.V_eV.dims == ("pair", "alpha21", "r")
    assert str(ds.nature.values) == "majorana" and float(ds.lightest) == 0.1
    ref = potential(2e-6, "Fe-56", "Fe-56", nature="majorana", lightest="0.1", alpha21=180, dps=None)
    assert float(ds.V_eV.sel(pair="Fe-56|Fe-56", alpha21=180.0, r=2e-6)) == pytest.approx(ref, rel=1e-12)


@pytest.mark.parametrize("bad", [
    {"pairs": [["Fe-56", "Fe-56"]]},                                      # no r
    {"pairs": [["Fe-56", "Fe-56"]], "r": "1um", "colour": "red"},       # unknown key
    {"pairs": [["Fe-56", "Xx"]], "r": "1um"},                             # bad source
    {"pairs": [["Fe-56", "Fe-56"]], "r": {"from": "1um", "to": "1mm"}},   # no points
    {"pairs": [["Fe-56", "Fe-56"]], "r": "0um"},
    {"pairs": [["Fe-56", "Fe-56"]], "r": "1um", "nature": ["dirac", "dirac"]},
    {"pairs": [["Fe-56", "Fe-56"]], "r": "1um", "dps": 2},
])
def test_bad_grids(bad):
    with pytest.raises(NusymError):
        plan_scan(bad)


def test_dps_route():
    ds = scan({"pairs": [["Fe-56", "Fe-56"]], "lightest": ["0.1eV"], "r": ["1um"], "dps": 15})
    assert ds.attrs["precision"] == "dps=15"
    assert float(ds.V_eV[0, 0, 0]) == pytest.approx(1.6391341e-49, rel=1e-7)


def test_netcdf_and_resume(tmp_path):
    out = tmp_path / "scan.nc"
    first = scan(SMALL, out=out)
    on_disk = xr.load_dataset(out, engine="scipy")
    xr.testing.assert_identical(on_disk, first)
    parts = out.parent / (out.name + ".parts") / plan_scan(SMALL).digest
    names = sorted(os.listdir(parts))
    assert len(names) == plan_scan(SMALL).chunks and not any(n.endswith(".tmp") for n in names)
    os.unlink(parts / names[3])
    stamps = {n: os.stat(parts / n).st_mtime_ns for n in names if n != names[3]}

    class Bar:
        def __init__(self):
            self.labels = []

        def step(self, label):
            self.labels.append(label)

        def close(self, message=""):
            pass

        def abort(self):
            pass

    bar = Bar()
    again = scan(SMALL, out=out, progress=bar)
    assert sum("done earlier" not in lab for lab in bar.labels) == 1     # only the deleted chunk
    assert {n: os.stat(parts / n).st_mtime_ns for n in stamps} == stamps
    xr.testing.assert_identical(again, first)
    xr.testing.assert_identical(xr.load_dataset(out, engine="scipy"), first)


def test_dask_local_cluster(tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    serial = scan(SMALL)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        out = tmp_path / "d.nc"
        par = scan(SMALL, scheduler=cluster.scheduler_address, out=out)
    np.testing.assert_array_equal(par.V_eV.values, serial.V_eV.values)
    xr.testing.assert_identical(xr.load_dataset(out, engine="scipy"), par)


@pytest.mark.slow
def test_dask_processes_bigger(tmp_path):
    pytest.importorskip("dask.distributed")
    grid = dict(SMALL, lightest={"from": "1e-4eV", "to": "0.3eV", "points": 50}, chunk=40,
                r={"from": "1nm", "to": "1mm", "points": 500})
    par = scan(grid, workers=2, out=tmp_path / "big.nc")
    # other processes may sum in another BLAS order: the last bit can differ
    np.testing.assert_allclose(par.V_eV.values, scan(grid).V_eV.values, rtol=1e-13, atol=0)


def test_cli(tmp_path, capsys):
    from nusym.cli import NusymArgumentParser
    from nusym.cli import scan as cli_scan

    grid = tmp_path / "g.toml"
    grid.write_text('pairs = [["Fe-56", "Fe-56"]]\nlightest = [0, 0.1]\nr = {from = "1um", to = "10um", '
                    'points = 3}\n')
    parser = NusymArgumentParser(prog="nusym")
    cli_scan.register(parser.add_subparsers(dest="command"))
    out = tmp_path / "o.nc"
    args = parser.parse_args(["scan", str(grid), "--out", str(out)])
    assert args.handler(args) == 0
    ds = xr.load_dataset(out, engine="scipy")
    assert ds.V_eV.shape == (1, 2, 3)
    assert "o.nc" in capsys.readouterr().out
    with pytest.raises(NusymError):
        args = parser.parse_args(["scan", str(grid), "--out", str(out), "--workers", "0"])
        args.handler(args)
    assert isinstance(args, argparse.Namespace)


# ----------------------------------------------------------------------------- extended bodies
BODIES = {
    "pairs": [["Au", "Si"], ["W", "W"]],
    "nature": ["dirac", "majorana"],
    "geometry": "sphere-plane",
    "radius1": ["50um", "100um"],
    "thickness2": "1mm",
    "gap": {"from": "1um", "to": "100um", "points": 7},
    "chunk": 3,
}


def test_bodies_equal_interaction_calls(tmp_path):
    from nusym.geometry import interaction

    ds = scan(BODIES)
    assert ds.force_N.dims == ("pair", "nature", "radius1", "gap")
    assert ds.force_N.shape == (2, 2, 2, 7) and ds.energy_J.shape == (2, 2, 2, 7)
    assert ds.radius1.values.tolist() == [5e-05, 1e-04]                 # the radius list: a dimension
    assert str(ds.geometry.values) == "sphere-plane" and float(ds.thickness2) == 1e-3
    assert ds.gap.attrs["units"] == "m" and ds.force_N.attrs["units"] == "N"
    assert not bool(ds.per_area) and ds.energy_J.attrs["units"] == "J"
    gaps = ds.gap.values
    for pair in ds.pair.values:
        a, b = str(pair).split("|")
        for nature in ("dirac", "majorana"):
            for radius, radius_m in (("50um", 5e-5), ("100um", 1e-4)):
                ref = interaction("sphere-plane", gaps, a, b, radius1=radius, thickness2="1mm",
                                  model=Model.from_preset(nature=nature))
                sel = {"pair": pair, "nature": nature, "radius1": radius_m}
                np.testing.assert_array_equal(ds.force_N.sel(**sel).values, ref.force_N)
                np.testing.assert_array_equal(ds.energy_J.sel(**sel).values, ref.energy_J)
    # netCDF round trip, then resume from the parts
    out = tmp_path / "bodies.nc"
    first = scan(BODIES, out=out)
    xr.testing.assert_identical(first, ds)
    xr.testing.assert_identical(xr.load_dataset(out, engine="scipy"), ds)
    parts = out.parent / (out.name + ".parts") / plan_scan(BODIES).digest
    names = sorted(os.listdir(parts))
    assert len(names) == plan_scan(BODIES).chunks == 3
    os.unlink(parts / names[1])
    steps = []

    class Bar:
        def step(self, label):
            steps.append(label)

        def close(self, message=""):
            pass

        def abort(self):
            pass

    xr.testing.assert_identical(scan(BODIES, out=out, progress=Bar()), ds)
    assert sum("done earlier" not in s for s in steps) == 1


def test_bodies_geometry_list_and_plane_plane():
    from nusym.geometry import interaction

    grid = {"pairs": [["Au", "Au"]], "geometry": ["sphere-plane", "plane-plane"], "radius1": "20um",
            "thickness2": ["half-space", "10um"], "density1": ["19.3 g/cm3", 10000],
            "gap": ["1um", 3e-6]}
    ds = scan(grid)
    assert ds.force_N.dims == ("pair", "geometry", "thickness2", "density1", "gap")
    assert ds.per_area.values.tolist() == [False, True]
    assert "N/m^2" in ds.force_N.attrs["units"] and "J/m^2" in ds.energy_J.attrs["units"]
    assert ds.thickness2.values.tolist() == [np.inf, 1e-5]
    m = Model.from_preset()
    got = ds.energy_J.sel(pair="Au|Au", geometry="plane-plane", thickness2=1e-5, density1=1e4).values
    ref = interaction("plane-plane", [1e-6, 3e-6], "Au", "Au", thickness2="10um", density1=10000, model=m)
    np.testing.assert_array_equal(got, ref.energy_J)
    got = ds.force_N.sel(pair="Au|Au", geometry="sphere-plane", thickness2=np.inf, density1=19300).values
    ref = interaction("sphere-plane", [1e-6, 3e-6], "Au", "Au", radius1="20um", density1=19300, model=m)
    np.testing.assert_array_equal(got, ref.force_N)
    only = scan({"pairs": [["Au", "Au"]], "geometry": "plane-plane", "gap": "1um"})
    assert only.force_N.attrs["units"] == "N/m^2" and bool(only.per_area)
    assert float(only.force_N[0, 0]) == interaction("plane-plane", np.array([1e-6]), "Au", "Au").force_N[0]


@pytest.mark.parametrize("bad, message", [
    ({"r": "1um", "gap": "1um", "geometry": "plane-plane"}, "not both"),
    ({"gap": "1um"}, "needs geometry"),
    ({"gap": "1um", "geometry": "cube-plane"}, "unknown geometry"),
    ({"gap": "1um", "geometry": "atoms"}, "unknown geometry"),
    ({"gap": "1um", "geometry": "sphere-plane"}, "needs radius1"),
    ({"gap": "1um", "geometry": ["plane-plane", "sphere-sphere"], "radius1": "1mm"}, "needs radius2"),
    ({"gap": "1um", "geometry": "sphere-plane", "radius1": "1mm", "radius2": "1mm"}, "radius2 is not used"),
    ({"geometry": "plane-plane", "r": "1um"}, "needs gap"),
    ({"r": "1um", "radius1": "1mm"}, "need geometry"),
    ({"gap": "0um", "geometry": "plane-plane"}, "gap"),
    ({"gap": "1um", "geometry": "plane-plane", "thickness1": "-1mm"}, "half-space"),
    ({"gap": "1um", "geometry": "plane-plane", "density1": -3}, "density1"),
    ({"gap": "1um", "geometry": "plane-plane", "dps": 20}, "double precision"),
    ({"gap": "1um", "geometry": "sphere-sphere", "radius1": ["1mm", "1 mm"], "radius2": "1mm"},
     "more than once"),
])
def test_bad_body_grids(bad, message):
    with pytest.raises(NusymError, match=message):
        plan_scan(dict({"pairs": [["Au", "W"]]}, **bad))
    with pytest.raises(NusymError, match="density2"):     # a compound needs its density
        plan_scan({"pairs": [["Au", "SiO2"]], "geometry": "plane-plane", "gap": "1um"})


def test_cli_scan_geometry_grid(tmp_path, capsys):
    from pathlib import Path

    from nusym.cli import main

    grid = Path(__file__).resolve().parent.parent / "docs" / "examples" / "scan_geometry.toml"
    assert main(["scan", str(grid), "--out", str(tmp_path / "g.nc"), "--quiet"]) == 0
    assert "force_N" in capsys.readouterr().out
    assert (tmp_path / "g.nc").exists()
