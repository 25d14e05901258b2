"""nusym.budgets and ``nusym budget``: two-neutrino force vs gravity and Casimir."""

from __future__ import annotations

import argparse
import json
import math

import numpy as np
import pytest

from nusym.budgets import (
    budget,
    gravity_plane_plane,
    gravity_sphere_plane,
    gravity_sphere_sphere,
    reference_budget,
    reference_budget_csv,
)
from nusym.casimir import casimir_force
from nusym.constants import constant_float
from nusym.errors import InvalidOptionError, NusymError
from nusym.geometry import interaction
from nusym.model import Model


def g_n():
    return constant_float("G_N")


# ----------------------------------------------------------------------------- gravity by quadrature
def test_sphere_sphere_gravity_against_volume_integration():
    from scipy.integrate import dblquad

    r1, r2, gap, rho1, rho2 = 0.3, 0.5, 0.2, 1000.0, 2000.0
    m1 = 4 * math.pi / 3 * r1 ** 3 * rho1
    big_d = r1 + r2 + gap

    # ball 2 integrated point by point (spherical coordinates about its centre) in the field of m1
    def fz(cos_t, r):
        s2 = big_d ** 2 + r * r - 2 * big_d * r * cos_t
        return 2 * math.pi * r * r * (big_d - r * cos_t) / s2 ** 1.5

    integral = dblquad(fz, 0, r2, -1, 1, epsabs=0, epsrel=1e-11)[0]
    numeric = -g_n() * m1 * rho2 * integral
    assert gravity_sphere_sphere(gap, r1, r2, rho1, rho2) == pytest.approx(numeric, rel=1e-9)


def test_sphere_plane_gravity_against_slab_integration():
    from scipy.integrate import dblquad

    radius, gap, thick, rho1, rho2 = 1e-4, 3e-6, 2e-4, 19300.0, 2330.0
    m1 = 4 * math.pi / 3 * radius ** 3 * rho1
    h = radius + gap

    def fz(rho, z):   # slab of infinite lateral extent, 0 <= z <= T below the surface
        return 2 * math.pi * rho * (h + z) / ((h + z) ** 2 + rho ** 2) ** 1.5

    integral = dblquad(fz, 0, thick, 0, np.inf, epsabs=0, epsrel=1e-10)[0]
    numeric = -g_n() * m1 * rho2 * integral
    assert float(gravity_sphere_plane(gap, radius, thick, rho1, rho2)) == pytest.approx(numeric, rel=1e-8)


def test_plane_plane_gravity_against_slab_integration():
    from scipy.integrate import tplquad

    gap, t1, t2, rho1, rho2 = 1.0, 3.0, 5.0, 19300.0, 8960.0     # lengths in um

    def fz(rho, z2, z1):   # z1 depth in plate 1, z2 depth in plate 2: separation gap + z1 + z2
        z = gap + z1 + z2
        return 2 * math.pi * rho * z / (z * z + rho * rho) ** 1.5

    integral = tplquad(fz, 0, t1, 0, t2, 0, np.inf, epsabs=0, epsrel=1e-8)[0] * 1e-12   # um^2 -> m^2
    numeric = -g_n() * rho1 * rho2 * integral
    gap, t1, t2 = gap * 1e-6, t1 * 1e-6, t2 * 1e-6
    assert float(gravity_plane_plane(gap, t1, t2, rho1, rho2)) == pytest.approx(numeric, rel=1e-7)


# ----------------------------------------------------------------------------- the budget
def test_budget_rows_are_the_parts():
    gaps = [1e-6, 1e-5]
    model = Model.from_preset(nature="majorana", lightest="0.05")
    b = budget("Au", "Si", gap=gaps, radius1="100um", thickness="1mm", casimir="drude", temperature=300,
               model=model)
    ref = interaction("sphere-plane", gaps, "Au", "Si", radius1="100um", thickness2="1mm", model=model)
    np.testing.assert_array_equal(b.force_N["two_neutrino"], ref.force_N)
    cas = casimir_force("sphere-plane", gaps, "Au", "Si", radius1=1e-4, model="drude", temperature=300)
    np.testing.assert_array_equal(b.force_N["casimir"], cas.force_N)
    np.testing.assert_allclose(b.force_N["gravity"], gravity_sphere_plane(np.array(gaps), 1e-4, 1e-3, 19300.0,
                                                                          b.bodies["density2_kg_m3"]))
    np.testing.assert_allclose(b.ratios["two_neutrino/gravity"], b.force_N["two_neutrino"] / b.force_N["gravity"])
    assert b.force_N["two_neutrino"][0] > 0 > b.force_N["gravity"][0] and b.force_N["casimir"][0] < 0
    assert b.model == model and b.unit == "N" and not b.per_area


def test_differences():
    b = budget("W", "W", geometry="sphere-sphere", gap="10um", radius1="1mm", radius2="1mm", differences=True,
               casimir=None, nature="majorana")
    kw = dict(radius1="1mm", radius2="1mm")
    dirac = interaction("sphere-sphere", [1e-5], "W", "W", nature="dirac", **kw).force_N
    majorana = interaction("sphere-sphere", [1e-5], "W", "W", nature="majorana", **kw).force_N
    np.testing.assert_allclose(b.force_N["dirac_minus_majorana"], dirac - majorana, rtol=1e-12)
    low = interaction("sphere-sphere", [1e-5], "W", "W", nature="majorana", lightest=0, **kw).force_N
    high = interaction("sphere-sphere", [1e-5], "W", "W", nature="majorana", lightest=0.1, **kw).force_N
    np.testing.assert_allclose(b.force_N["lightest_0_minus_0.1eV"], low - high, rtol=1e-12)
    assert b.force_N["casimir"] is None and "casimir/gravity" not in b.ratios
    assert "dirac_minus_majorana/gravity" in b.ratios


def test_plane_plane_per_area_and_as_dict():
    b = budget("Au", "Au", geometry="plane-plane", gap=["1um", "2um"], thickness1="1mm", thickness2="2mm",
               casimir="plasma")
    assert b.per_area and b.unit == "N/m^2"
    d = json.loads(json.dumps(b.as_dict()))
    assert set(d["force_N"]) == {"two_neutrino", "gravity", "casimir"}
    assert d["gap_m"] == ["1e-06", "2e-06"]
    assert all(isinstance(v, str) for row in d["force_N"].values() for v in row)
    assert float(d["force_N"]["gravity"][0]) == pytest.approx(
        -2 * math.pi * g_n() * 19300.0 ** 2 * 2e-6, rel=1e-9)
    assert d["model"]["nature"] == "dirac"


@pytest.mark.parametrize("kwargs, text", [
    (dict(radius1="1mm"), "needs thickness2 \\(gravity diverges for a half-space\\)"),
    (dict(radius1="1mm", thickness="1mm", radius2="1mm"), "does not take radius2"),
    (dict(geometry="plane-plane", thickness="1mm", thickness1="1mm"), "either thickness or"),
    (dict(geometry="plane-plane", thickness1="1mm"), "needs thickness2"),
    (dict(radius1="1mm", thickness="1mm", casimir="lorentz"), "allowed: ideal, plasma, drude, none"),
    (dict(radius1="1mm", thickness="1mm", temperature=-3), "temperature must be"),
    (dict(geometry="cube", radius1="1mm"), "unknown geometry 'cube'"),
    (dict(radius1="1mm", thickness="1mm", differences="yes"), "differences must be True or False"),
])
def test_bad_input(kwargs, text):
    with pytest.raises(NusymError, match=text):
        budget("Au", "Au", gap="1um", **kwargs)


def test_differences_need_a_preset_model():
    m = Model("dirac", [0, 0.01, 0.05], [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    with pytest.raises(InvalidOptionError, match="from a preset"):
        budget("Au", "Au", gap="1um", radius1="1mm", thickness="1mm", model=m, differences=True)


def test_differences_refuse_a_sterile_sector():
    from nusym.sectors import sterile_model
    m = sterile_model("3+1")
    with pytest.raises(InvalidOptionError, match="sterile"):
        budget("Au", "Au", gap="1um", radius1="1mm", thickness="1mm", model=m, differences=True)


def test_differences_keep_the_current():
    """The lightest-mass variant of a pure-vector model is a pure-vector model (not the V-A one)."""
    kw = dict(radius1="1mm", radius2="1mm")
    vector = Model.from_preset(nature="majorana", lightest="0.1").with_current({"V": 1, "A": 0})
    b = budget("W", "W", geometry="sphere-sphere", gap="10um", casimir=None, model=vector, differences=True, **kw)
    low = interaction("sphere-sphere", [1e-5], "W", "W",
                      model=Model.from_preset(nature="majorana", lightest=0).with_current({"V": 1, "A": 0}),
                      **kw).force_N
    high = interaction("sphere-sphere", [1e-5], "W", "W", model=vector, **kw).force_N
    np.testing.assert_allclose(b.force_N["lightest_0_minus_0.1eV"], low - high, rtol=1e-12)
    va = interaction("sphere-sphere", [1e-5], "W", "W", nature="majorana", lightest=0, **kw).force_N
    assert abs(low[0] - va[0]) > 1e-3 * abs(va[0])  # the current matters here


def test_reference_budget_and_its_csv():
    data = reference_budget(points=7)
    lines = reference_budget_csv(data).splitlines()
    assert lines[1].startswith("gap_m,two_neutrino_dirac_N") and len(lines) == 2 + 7
    info = data["summary"]
    assert info["two_neutrino_over_gravity"] < 0 and info["points"] == 7
    # the CSV rows are the Budget's numbers (repr round-trips exactly)
    row = lines[2 + 3].split(",")
    assert float(row[0]) == data["gap_m"][3]
    assert float(row[1]) == data["dirac"].force_N["two_neutrino"][3]
    assert float(row[3]) == data["dirac"].force_N["gravity"][3]


# ----------------------------------------------------------------------------- the CLI
def _run(argv, monkeypatch):
    import nusym.cli as cli

    if "budget" not in cli.SUBCOMMANDS:
        monkeypatch.setattr(cli, "SUBCOMMANDS", [*cli.SUBCOMMANDS, "budget"])
    return cli.main(argv)


def test_cli_json(capsys, monkeypatch):
    rc = _run(["budget", "Au", "Au", "--gap", "1um", "10um", "--radius1", "100um", "--thickness", "1mm",
               "--casimir", "drude", "--temperature", "300", "--differences", "--json"], monkeypatch)
    assert rc == 0
    out = json.loads(capsys.readouterr().out)
    assert out["gap_m"] == ["1e-06", "1e-05"]
    assert {"two_neutrino", "gravity", "casimir", "dirac_minus_majorana"} <= set(out["force_N"])
    assert "two_neutrino/casimir" in out["ratios"] and out["model"]["nature"] == "dirac"
    assert out["temperature_K"] == "300.0" and out["casimir"] == "drude"


def test_cli_table(capsys, monkeypatch):
    rc = _run(["budget", "W", "W", "--geometry", "plane-plane", "--gap", "1um", "--thickness", "1mm"],
              monkeypatch)
    out = capsys.readouterr().out
    assert rc == 0 and "two_neutrino/N/m^2" in out and "# model:" in out


@pytest.mark.parametrize("argv, text", [
    (["--radius1", "1mm"], "needs thickness2"),
    (["--radius1", "1mm", "--thickness", "1mm", "--casimir", "foo"], "unknown --casimir 'foo'"),
    (["--radius1", "1mm", "--thickness", "1mm", "--temperature", "-1"], "temperature must be"),
    (["--radius1", "1mm", "--thickness", "1mm", "--casimir", "drude", "--gap", "1um"], None),
])
def test_cli_errors(argv, text, capsys, monkeypatch):
    args = ["budget", "Fe" if text is None else "Au", "Au", "--gap", "1um", *argv]
    rc = _run(args, monkeypatch)
    err = capsys.readouterr().err
    assert rc == 2 and err.startswith("nusym: error: ") and err.count("\n") == 1
    assert (text or "no optical data for 'Fe'") in err


def test_register_builds_a_parser():
    from nusym.cli.budget import register

    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["budget", "Au", "Si", "--gap", "1um"])
    assert args.geometry == "sphere-plane" and args.casimir == "ideal" and callable(args.handler)
