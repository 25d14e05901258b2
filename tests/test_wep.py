"""Equivalence-principle violation by the 2-nu force (nusym.wep).

eta is computed by two routes: the closed-form Yukawa sum of nusym.wep (the
spectral rule with the sphere form factor) and a direct numerical integration of
the atom-atom force -dV/ds of ``potential_fast`` over the source volume (no Yukawa
decomposition, no form factor). The accelerations agree to <= 4e-14 (measured; both
routes are double precision with ~1e-14 errors), asserted 1e-12; eta to <= 4e-12,
asserted 1e-9: its numerator a_A - a_B can be ~1e-3 of a_A, which magnifies the
errors of the accelerations by up to ~1e3.
"""

import json
import math

import numpy as np
import pytest
from numpy.polynomial.legendre import leggauss

import nusym.wep as W
from nusym.constants import constant_float
from nusym.errors import InvalidLengthError, InvalidMaterialError, InvalidOptionError
from nusym.geometry import number_density
from nusym.numeric.fast import potential_fast
from nusym.sources import parse_source
from nusym.units import force_to_newton

from quadrature import log_nodes  # noqa: E402  (tests/quadrature.py)

PAIRS = [("Be", "Ti"), ("Be", "Al"), ("Pt", "Ti"), ("Cu", "Pb")]




def direct_accel_sphere(test, source, D, R, **kw):
    """Acceleration towards a uniform ball, by integrating the atom-atom force over its volume.

    Radial force on an atom at r = R + D from the centre, shells of radius rho, s the
    distance to a source atom: F_r = (pi n/r^2) Int_D^{D+2R} ds F(s) P(s),
    P(s) = Int_{|r-s|}^R rho (r^2 - rho^2 + s^2) d rho (Gauss-Legendre, exact for this cubic).
    """
    n = number_density(source)
    r = R + D
    # s = D + u with u log-spaced from 1e-9 D (P ~ u there: the rest is ~1e-18 of the total),
    # so that a force decaying over ~1/(2 m) << D is resolved; kink of P at s = r
    u1, w1 = log_nodes(1e-9 * D, R, per_decade=4)
    u2, w2 = log_nodes(R, 2 * R)
    s, w = D + np.concatenate([u1, u2]), np.concatenate([w1, w2])
    F = potential_fast(s, test, source, kind="F", **kw)            # eV^2, repulsive > 0
    # rho = R - t, t in [0, R - |r - s|]; R - |r - s| = min(u, 2R - u) and
    # r^2 - rho^2 = (D + t)(2R + D - t) are formed without cancellation (R/D ~ 1e4)
    u = np.concatenate([u1, u2])
    top = np.minimum(u, 2 * R - u)
    xg, wg = leggauss(4)
    t = 0.5 * top[:, None] * (xg[None, :] + 1)
    integrand = (R - t) * ((D + t) * (2 * R + D - t) + s[:, None] ** 2)
    P = 0.5 * top * np.sum(wg * integrand, axis=1)
    f_nat = math.pi * n / r**2 * np.sum(w * F * P)
    return -float(force_to_newton(np.array(f_nat))) / float(parse_source(test).mass_kg())


def direct_accel_plate(test, source, D, T, **kw):
    """Towards a plate (thickness T): F = 2 pi n Int_D^oo ds F(s) Int_D^min(s, D+T) z dz."""
    n = number_density(source)
    u1, w1 = log_nodes(1e-9 * D, T, per_decade=4)
    s2, w2 = log_nodes(D + T, (D + T) * 1e6)
    s, w = np.concatenate([D + u1, s2]), np.concatenate([w1, w2])
    F = potential_fast(s, test, source, kind="F", **kw)
    top = np.minimum(s, D + T)
    f_nat = 2 * math.pi * n * np.sum(w * F * (top**2 - D**2) / 2)
    return -float(force_to_newton(np.array(f_nat))) / float(parse_source(test).mass_kg())


@pytest.mark.parametrize("a,b", PAIRS)
@pytest.mark.parametrize("kw", [dict(), dict(nature="majorana", lightest=0.1)])
def test_eta_two_routes_sphere(a, b, kw):
    distances = np.array([1e-6, 3e-5, 3e-4])
    res = W.eotvos(a, b, "W", distances, **kw)
    R = 1e-2
    for i, D in enumerate(distances):
        da = direct_accel_sphere(a, "W", D, R, **kw)
        db = direct_accel_sphere(b, "W", D, R, **kw)
        assert res.accel_a[i] == pytest.approx(da, rel=1e-12, abs=0)
        assert res.accel_b[i] == pytest.approx(db, rel=1e-12, abs=0)
        g = res.accel_gravity[i]
        # a_X = g + a_2nu(X) with |a_2nu| ~ 1e-17 g: the difference is taken before adding g
        eta_direct = 2 * (da - db) / ((g + da) + (g + db))
        assert res.eta[i] == pytest.approx(eta_direct, rel=1e-9, abs=0)
        assert res.eta[i] == pytest.approx(res.delta_accel[i] / g, rel=1e-12, abs=0)


def test_eta_two_routes_plate():
    res = W.eotvos("Pt", "Ti", "Cu", ["2um", "20um"], source_thickness="100um")
    for i, D in enumerate((2e-6, 2e-5)):
        da = direct_accel_plate("Pt", "Cu", D, 1e-4)
        db = direct_accel_plate("Ti", "Cu", D, 1e-4)
        assert res.accel_a[i] == pytest.approx(da, rel=1e-12, abs=0)
        assert res.accel_b[i] == pytest.approx(db, rel=1e-12, abs=0)
    g_plate = 2 * math.pi * constant_float("G_N") * 8960 * 1e-4     # 2 pi G rho T, copper
    assert np.allclose(res.accel_gravity, g_plate, rtol=1e-12, atol=0)


def test_eta_antisymmetric_and_zero_for_same_material():
    d = np.geomspace(1e-6, 1e-3, 7)
    ab = W.eotvos("Be", "Ti", "W", d)
    ba = W.eotvos("Ti", "Be", "W", d)
    assert np.array_equal(ab.eta, -ba.eta) and np.array_equal(ab.delta_accel, -ba.delta_accel)
    same = W.eotvos("Cu", "Cu", "W", d, nature="majorana", lightest=0.02)
    assert np.all(same.eta == 0.0) and np.all(same.delta_accel == 0.0)
    assert np.all(ab.eta != 0.0)


def test_gravity_and_sign_conventions():
    res = W.eotvos("Be", "Ti", "W", "10um")
    mass = 19300 * 4 * math.pi / 3 * 1e-6                      # 1 cm radius tungsten
    assert res.accel_gravity == pytest.approx(constant_float("G_N") * mass / 0.01001**2, rel=1e-12, abs=0)
    assert res.accel_gravity == pytest.approx(W.source_gravity("W", "10um"), rel=1e-15, abs=0)
    # V > 0 at 10 um: the 2-nu force repels, i.e. a negative acceleration towards the source
    assert res.accel_a < 0 and res.accel_b < 0
    assert res.delta_accel == res.accel_a - res.accel_b
    assert W.acceleration("Be", "W", "10um") == res.accel_a
    # at 1 cm only the massless channel is left and W, Be, Ti attract
    far = W.eotvos("Be", "Ti", "W", "1cm")
    assert far.accel_a > 0 and far.accel_b > 0


def test_point_source_limit():
    """A tiny source sphere acts as N_S atoms at its centre (form factor -> 1)."""
    R, D = 1e-8, 1e-6
    res = W.acceleration("Al", "Pt", D, source_radius=R)
    n_atoms = number_density("Pt") * 4 * math.pi / 3 * R**3
    f = potential_fast(np.array([R + D]), "Al", "Pt", kind="F")
    point = -float(force_to_newton(f)[0]) * n_atoms / float(parse_source("Al").mass_kg())
    assert res == pytest.approx(point, rel=1e-3, abs=0)           # the correction is O(R^2/D^2 x 20)
    assert res != pytest.approx(point, rel=1e-5, abs=0)           # ... and is resolved


def test_arrays_match_scalars():
    d = np.array([2e-6, 5e-5])
    arr = W.eotvos("Cu", "Pb", "W", d, source_radius="5mm")
    for i, x in enumerate(d):
        one = W.eotvos("Cu", "Pb", "W", float(x), source_radius="5mm")
        assert isinstance(one.eta, float)
        assert one.accel_a == pytest.approx(arr.accel_a[i], rel=1e-11, abs=0)
        assert one.eta == pytest.approx(arr.eta[i], rel=1e-8, abs=0)


@pytest.mark.parametrize("call,error", [
    (lambda: W.eotvos("Be", "Ti", "W", "-1um"), InvalidLengthError),
    (lambda: W.eotvos("Be", "Ti", "W", [1e-6, 0.0]), InvalidLengthError),
    (lambda: W.eotvos("Be", "Ti", "W", "1um", source_radius="1mm", source_thickness="1mm"),
     InvalidOptionError),
    (lambda: W.eotvos("Be", "Ti", "SiO2", "1um"), InvalidMaterialError),
    (lambda: W.eotvos("Be", "Ti", "W", "1um", source_radius="0cm"), InvalidLengthError),
    (lambda: W.eotvos("Be", "Xx", "W", "1um"), InvalidMaterialError),
])
def test_bad_input(call, error):
    with pytest.raises(error) as info:
        call()
    assert str(info.value)


def test_distance_error_mentions_distance():
    with pytest.raises(InvalidLengthError, match="^distance: .*from the source surface"):
        W.eotvos("Be", "Ti", "W", np.array([-1e-6]))


# ----------------------------------------------------------------------------- CLI
def test_cli_wep_lines(run_nusym):
    proc = run_nusym("wep", "Be", "Ti", "--source", "W", "--distance", "10um")
    assert proc.returncode == 0, proc.stderr
    lines = [ln for ln in proc.stdout.splitlines() if not ln.startswith("#")]
    values = {ln.split(":", 1)[0]: ln.split(":", 1)[1].split() for ln in lines}
    res = W.eotvos("Be", "Ti", "W", "10um")
    assert values["distance from the source surface"] == ["1e-05", "m"]
    assert values["a_2nu(Be)"][1] == "m/s^2" and float(values["a_2nu(Be)"][0]) == pytest.approx(res.accel_a, rel=1e-9, abs=0)
    key = "delta_a = a_2nu(Be) - a_2nu(Ti)"
    assert values[key][1] == "m/s^2" and float(values[key][0]) == pytest.approx(res.delta_accel, rel=1e-9, abs=0)
    assert float(values["a_gravity"][0]) == pytest.approx(res.accel_gravity, rel=1e-9, abs=0)
    eta = [v for k, v in values.items() if k.startswith("eta(Be, Ti)")]
    assert len(eta) == 1 and float(eta[0][0]) == pytest.approx(res.eta, rel=1e-9, abs=0)
    assert "positive towards the source" in proc.stdout and "sphere of radius 0.01 m" in proc.stdout


def test_cli_wep_json_plate(run_nusym):
    proc = run_nusym("wep", "Cu", "Pb", "--source", "Al", "--distance", "1um", "1mm",
                     "--source-thickness", "1mm", "--nature", "majorana", "--lightest", "0.01", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    res = W.eotvos("Cu", "Pb", "Al", [1e-6, 1e-3], source_thickness="1mm", nature="majorana",
                   lightest=0.01)
    assert data["source_shape"] == "plate" and data["distance_m"] == ["1e-06", "0.001"]
    assert [float(x) for x in data["eta"]] == pytest.approx(list(res.eta), rel=1e-9, abs=0)


@pytest.mark.parametrize("args", [
    ["Be", "Ti", "--source", "W", "--distance", "0um"],
    ["Be", "Ti", "--source", "W", "--distance=-10um"],
    ["Be", "Ti", "--source", "SiO2", "--distance", "1um"],
    ["Be", "Ti", "--source", "W", "--distance", "1um", "--source-radius", "1mm",
     "--source-thickness", "1mm"],
    ["Be", "Ti", "--source", "W", "--distance", "1um", "--nature", "weyl"],
    ["Be", "Ti", "--distance", "1um"],
    ["Be", "Qq", "--source", "W", "--distance", "1um"],
])
def test_cli_wep_bad_input(run_nusym, args):
    proc = run_nusym("wep", *args)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nusym: error: "), proc.stderr
