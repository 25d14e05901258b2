"""Equivalence-principle violation by the 2-nu force (nusym.wep).

eta is computed by two routes: the closed-form Yukawa sum of nusym.wep (the
spectral rule with the sphere form factor) and a direct numerical integration over
the source volume of the atom-atom force -dV/ds of Eq. (1), evaluated by an
independent quadrature of its dispersion integral (``force_exp_sinh``: the
exp-sinh rule of ``nusym.numeric.fast.transform_fast`` per channel; checked against
the verified mpmath ``force(..., dps=20)`` below): no Yukawa decomposition, no
form factor, not the shared spectral rule.  The accelerations agree to <= 5e-14
(measured), asserted 1e-12; eta to <= 7e-13, asserted 1e-9: its numerator
a_A - a_B can be ~1e-3 of a_A, which magnifies the errors of the accelerations
by up to ~1e3.  The CLI output is compared with the direct integration too, not
with the API call that printed it.
"""

import functools
import json
import math

import numpy as np
import pytest
from numpy.polynomial.legendre import leggauss
from quadrature import log_nodes  # noqa: E402  (tests/quadrature.py)

import nusym.wep as W
from nusym.constants import constant_float
from nusym.errors import (
    InvalidLengthError,
    InvalidMassError,
    InvalidMaterialError,
    InvalidOptionError,
    InvalidParameterError,
    NusymError,
)
from nusym.geometry import number_density
from nusym.model import Model, resolve_model
from nusym.numeric.config import configure, prefactor_float
from nusym.numeric.fast import TAU_MAX, TAU_MIN, H, transform_fast
from nusym.numeric.kernels import g_numpy, terms
from nusym.numeric.potential import force as verified_force
from nusym.sources import parse_source
from nusym.units import force_to_newton

HBAR_C = constant_float("hbar_c")


@functools.lru_cache(maxsize=32)
def _transforms(s_bytes, nature, masses):
    """{(mi, mj, k): (T, T1)} at r = s/(hbar c) by the exp-sinh rule of nusym.numeric.fast.

    T = exp(-(mi+mj) r)/r Int_0^oo dy exp(-y) g_k(y/r), T1 = -dT/dr the same with
    (mi + mj + x) g_k(x): the rule of transform_fast (same H, TAU_MIN, TAU_MAX),
    with g evaluated once for both.  Independent of the sources (cached for A and B).
    """
    r = np.frombuffer(s_bytes) / HBAR_C
    tau = np.arange(TAU_MIN, TAU_MAX + H / 2, H)
    y = np.exp(0.5 * np.pi * np.sinh(tau))
    wy = H * 0.5 * np.pi * np.cosh(tau) * y * np.exp(-y)
    x = y[:, None] / r[None, :]
    out = {}
    with np.errstate(under="ignore"):
        for mi in masses:
            for mj in masses:
                if mi > mj:
                    continue
                total = mi + mj
                for k in range(len(terms(nature))):
                    g = g_numpy(nature, k, x, mi, mj)
                    scale = np.exp(-total * r) / r
                    out[(mi, mj, k)] = (scale * (wy @ g), scale * (wy @ ((total + x) * g)))
    return out


def force_exp_sinh(s_m, a, b, **model_keywords):
    """-dV/ds in eV^2 of Eq. (1) at s in metres (array), by the exp-sinh rule of transform_fast.

    -dV/ds = G_F^2/(192 pi^3) sum_ij sum_k w_k (T1_k/s + T_k/s^2): an independent
    quadrature of the t integral (nusym.wep sums the shared rule of numeric.spectral).
    """
    config = configure(resolve_model(**model_keywords), a, b, 30)
    s = np.ascontiguousarray(np.atleast_1d(np.asarray(s_m, dtype=float)))
    r = s / HBAR_C
    masses = tuple(float(m) for m in config.masses)
    table = _transforms(s.tobytes(), config.nature, tuple(sorted(set(masses))))
    total = np.zeros_like(r)
    for (i, j), weights in config.weights.items():
        mi, mj = sorted((masses[i], masses[j]))
        for k, w in enumerate(weights):
            if w != 0:
                t, t1 = table[(mi, mj, k)]
                total += float(w) * (t1 / r + t / r**2)
    return prefactor_float() * total


def test_reference_rule_is_transform_fast():
    """_transforms is the rule of transform_fast (computed once for T and T1)."""
    s = np.array([1e-6, 4e-5])
    table = _transforms(s.tobytes(), "majorana", (0.0, 0.01, 0.05))
    for (mi, mj, k), (t, t1) in table.items():
        assert np.allclose(t, transform_fast("majorana", k, mi, mj, s / HBAR_C), rtol=1e-14, atol=0)
        assert np.allclose(t1, transform_fast("majorana", k, mi, mj, s / HBAR_C, "T1"), rtol=1e-14, atol=0)


@pytest.mark.parametrize("kw", [dict(), dict(nature="majorana", lightest=0.1)])
def test_reference_force_against_verified_route(kw):
    rs = [1e-6, 3e-5]
    verified = verified_force(rs, "Be", "W", dps=20, **{k: str(v) for k, v in kw.items()})
    newtons = force_exp_sinh(rs, "Be", "W", **kw) * constant_float("e") / HBAR_C
    assert list(newtons) == pytest.approx([float(v) for v in verified], rel=1e-11, abs=0)


PAIRS = [("Be", "Ti"), ("Be", "Al"), ("Pt", "Ti"), ("Cu", "Pb")]




def direct_accel_sphere(test, source, D, R, density=None, **kw):
    """Acceleration towards a uniform ball, by integrating the atom-atom force over its volume.

    Radial force on an atom at r = R + D from the centre, shells of radius rho, s the
    distance to a source atom: F_r = (pi n/r^2) Int_D^{D+2R} ds F(s) P(s),
    P(s) = Int_{|r-s|}^R rho (r^2 - rho^2 + s^2) d rho (Gauss-Legendre, exact for this cubic).
    """
    n = number_density(source, density)
    r = R + D
    # s = D + u with u log-spaced from 1e-9 D (P ~ u there: the rest is ~1e-18 of the total),
    # so that a force decaying over ~1/(2 m) << D is resolved; kink of P at s = r
    u1, w1 = log_nodes(1e-9 * D, R, per_decade=4)
    u2, w2 = log_nodes(R, 2 * R)
    s, w = D + np.concatenate([u1, u2]), np.concatenate([w1, w2])
    F = force_exp_sinh(s, test, source, **kw)                     # eV^2, repulsive > 0
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


def direct_accel_plate(test, source, D, T, density=None, **kw):
    """Towards a plate (thickness T): F = 2 pi n Int_D^oo ds F(s) Int_D^min(s, D+T) z dz."""
    n = number_density(source, density)
    u1, w1 = log_nodes(1e-9 * D, T, per_decade=4)
    s2, w2 = log_nodes(D + T, (D + T) * 1e6)
    s, w = np.concatenate([D + u1, s2]), np.concatenate([w1, w2])
    F = force_exp_sinh(s, test, source, **kw)
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


def test_same_material_and_swapped_pair():
    """eta(A, A) = 0 and eta(B, A) = -eta(A, B), each against the direct route (not by construction)."""
    d = np.array([3e-6, 3e-4])
    same = W.eotvos("Cu", "Cu", "W", d, nature="majorana", lightest=0.02)
    assert np.all(same.eta == 0.0) and np.all(same.delta_accel == 0.0)
    ba = W.eotvos("Ti", "Be", "W", d)
    for i, D in enumerate(d):
        da, db = (direct_accel_sphere(x, "W", D, 1e-2) for x in ("Be", "Ti"))
        g = ba.accel_gravity[i]
        assert ba.eta[i] == pytest.approx(2 * (db - da) / ((g + da) + (g + db)), rel=1e-9, abs=0)
        assert (ba.eta[i] < 0) == (db < da)


def test_gravity_and_sign_conventions():
    res = W.eotvos("Be", "Ti", "W", "10um")
    mass = 19300 * 4 * math.pi / 3 * 1e-6                      # 1 cm radius tungsten
    newton = constant_float("G_N") * mass / 0.01001**2
    assert res.accel_gravity == pytest.approx(newton, rel=1e-12, abs=0)
    plate = W.source_gravity("Al", ["1um", "1mm"], source_thickness="2mm", source_density="2.7 g/cm3")
    assert np.allclose(plate, 2 * math.pi * constant_float("G_N") * 2700 * 2e-3, rtol=1e-12, atol=0)
    # V > 0 at 10 um: the 2-nu force repels, i.e. a negative acceleration towards the source
    assert res.accel_a < 0 and res.accel_b < 0
    assert res.accel_a == pytest.approx(direct_accel_sphere("Be", "W", 1e-5, 1e-2), rel=1e-12, abs=0)
    one = W.acceleration("Be", "W", "10um", source_radius="2mm", source_density="20 g/cm3")
    assert one == pytest.approx(direct_accel_sphere("Be", "W", 1e-5, 2e-3, density=20000), rel=1e-12, abs=0)
    # at 1 cm only the massless channel is left and W, Be, Ti attract
    far = W.eotvos("Be", "Ti", "W", "1cm")
    assert far.accel_a > 0 and far.accel_b > 0


def test_point_source_limit():
    """A tiny source sphere acts as N_S atoms at its centre (form factor -> 1)."""
    R, D = 1e-8, 1e-6
    res = W.acceleration("Al", "Pt", D, source_radius=R)
    n_atoms = number_density("Pt") * 4 * math.pi / 3 * R**3
    f = force_exp_sinh(np.array([R + D]), "Al", "Pt")
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
    (lambda: W.eotvos("Be", "Ti", "W", "1um", source_radius=["1cm", "2cm"]), InvalidLengthError),
    (lambda: W.eotvos("Be", "Xx", "W", "1um"), InvalidMaterialError),
    (lambda: W.eotvos("Be", "Ti", "W", "1um", source_density="dense"), InvalidParameterError),
    (lambda: W.eotvos("Be", "Ti", "W", "1um", nature="weyl"), InvalidOptionError),
])
def test_bad_input(call, error):
    with pytest.raises(error) as info:
        call()
    assert isinstance(info.value, NusymError) and str(info.value)


def test_distance_error_mentions_distance():
    with pytest.raises(InvalidLengthError, match="^invalid length for distance: .*from the source surface"):
        W.eotvos("Be", "Ti", "W", np.array([-1e-6]))


HUGE = [1e300, float("1e400"), "1e400 m", 10**400, np.array([1e-6, np.inf])]


@pytest.mark.parametrize("value", HUGE, ids=["1e300", "1e400", "1e400m", "10**400", "array-inf"])
@pytest.mark.parametrize("call,what", [
    (lambda v: W.eotvos("Be", "Ti", "W", v), "distance"),
    (lambda v: W.acceleration("Be", "W", v), "distance"),
    (lambda v: W.source_gravity("W", v), "distance"),
    (lambda v: W.eotvos("Be", "Ti", "W", "1um", source_radius=v), "source radius"),
    (lambda v: W.eotvos("Be", "Ti", "W", "1um", source_thickness=v), "source thickness"),
    (lambda v: W.source_gravity("W", "1um", source_thickness=v), "source thickness"),
])
def test_extreme_lengths_are_refused(call, what, value):
    """1e300 m, 1e400 (inf), ...: a NusymError naming the length, never an OverflowError or a nan."""
    with pytest.raises(InvalidLengthError, match=f"invalid length for {what}: "):
        call(value)


@pytest.mark.parametrize("call,error", [
    (lambda: W.eotvos("Be", "Ti", "W", "1um", source_density=1e300), InvalidParameterError),
    (lambda: W.eotvos("Be", "Ti", "W", "1um", source_density="1e400 kg/m3"), InvalidParameterError),
    (lambda: W.source_gravity("W", "1um", source_density=float("nan")), InvalidParameterError),
    (lambda: W.eotvos("Be", "Ti", "W", "1um", lightest=float("1e400")), InvalidMassError),
    (lambda: W.acceleration("Be", "W", "1um", lightest="1e400"), InvalidMassError),
    (lambda: W.eotvos("Be", "Ti", "W", "1um", lightest=10**400), InvalidMassError),
])
def test_extreme_densities_and_masses_are_refused(call, error):
    with pytest.raises(error, match="density must be|mass must be"):
        call()


@pytest.mark.parametrize("kw", [dict(source_radius=1e20), dict(source_radius=1e-20),
                                dict(source_thickness=1e20, source_density=1e6),
                                dict(source_thickness=1e-20, lightest=1e5)])
def test_extreme_valid_inputs_give_finite_results(kw):
    res = W.eotvos("Be", "Ti", "W", [1e-20, 1e20], **kw)
    for part in res:
        assert np.all(np.isfinite(part)) and not np.any(np.signbit(part) & (part == 0))


# ----------------------------------------------------------------------------- the neutrino model
def test_model_equals_shorthand_and_is_not_combined_with_it():
    kw = dict(ordering="inverted", lightest="0.02", nature="majorana", alpha31=60)
    model = Model.from_preset("segarra2020", **kw)
    d = np.array([2e-6, 2e-4])
    by_model = W.eotvos("Pt", "Ti", "Cu", d, model=model)
    by_keywords = W.eotvos("Pt", "Ti", "Cu", d, **kw)
    for x, y in zip(by_model, by_keywords, strict=True):
        assert np.array_equal(x, y)
    assert np.array_equal(W.acceleration("Pt", "Cu", d, model=model), by_model.accel_a)
    # the model reaches the force: the direct route with the same model agrees, Dirac differs
    assert by_model.accel_a[0] == pytest.approx(direct_accel_sphere("Pt", "Cu", 2e-6, 1e-2, model=model),
                                                rel=1e-12, abs=0)
    assert W.acceleration("Pt", "Cu", d[0], model=model.with_nature("dirac")) != by_model.accel_a[0]
    for call in (lambda: W.eotvos("Pt", "Ti", "Cu", d, model=model, nature="majorana"),
                 lambda: W.acceleration("Pt", "Cu", d, model=model, preset="segarra2020")):
        with pytest.raises(InvalidOptionError, match="not both"):
            call()


def test_source_body_is_validated():
    body = W.source_body("Cu", source_thickness="100um", source_density="8.96 g/cm^3")
    assert body == W.SourceBody("plate", 1e-4, pytest.approx(number_density("Cu", 8960), rel=1e-15), 8960.0)
    assert W.source_body("W").size_m == 0.01 and W.source_body("W").shape == "sphere"


# ----------------------------------------------------------------------------- CLI
def test_cli_wep_lines(cli):
    proc = cli("wep", "Be", "Ti", "--source", "W", "--distance", "10um")
    assert proc.returncode == 0, proc.stderr
    lines = [ln for ln in proc.stdout.splitlines() if not ln.startswith("#")]
    values = {ln.split(":", 1)[0]: ln.split(":", 1)[1].split() for ln in lines}
    # against the direct volume integration, not against the nusym.wep call the CLI made
    da, db = (direct_accel_sphere(x, "W", 1e-5, 1e-2) for x in ("Be", "Ti"))
    g = constant_float("G_N") * 19300 * 4 * math.pi / 3 * 1e-6 / 0.01001**2
    assert values["distance from the source surface"] == ["1e-05", "m"]
    assert values["a_2nu(Be)"][1] == "m/s^2" and float(values["a_2nu(Be)"][0]) == pytest.approx(da, rel=1e-9, abs=0)
    key = "delta_a = a_2nu(Be) - a_2nu(Ti)"
    assert values[key][1] == "m/s^2" and float(values[key][0]) == pytest.approx(da - db, rel=1e-8, abs=0)
    assert float(values["a_gravity"][0]) == pytest.approx(g, rel=1e-9, abs=0)
    eta = [v for k, v in values.items() if k.startswith("eta(Be, Ti)")]
    assert len(eta) == 1 and float(eta[0][0]) == pytest.approx(2 * (da - db) / (2 * g + da + db), rel=1e-8, abs=0)
    assert "positive towards the source" in proc.stdout and "sphere of radius 0.01 m" in proc.stdout


def test_cli_wep_json_plate(cli):
    proc = cli("wep", "Cu", "Pb", "--source", "Al", "--distance", "1um", "1mm",
               "--source-thickness", "1mm", "--nature", "majorana", "--lightest", "0.01", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["source_shape"] == "plate" and data["distance_m"] == ["1e-06", "0.001"]
    g = 2 * math.pi * constant_float("G_N") * float(data["source_density_kg_m3"]) * 1e-3
    for i, D in enumerate((1e-6, 1e-3)):
        da, db = (direct_accel_plate(x, "Al", D, 1e-3, nature="majorana", lightest=0.01) for x in ("Cu", "Pb"))
        assert float(data["accel_a_m_s2"][i]) == pytest.approx(da, rel=1e-9, abs=0)
        assert float(data["eta"][i]) == pytest.approx(2 * (da - db) / (2 * g + da + db), rel=1e-8, abs=0)


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
def test_cli_wep_bad_input(cli, args):
    proc = cli("wep", *args)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nusym: error: "), proc.stderr
