"""Effective Yukawa strength alpha(lambda) of the 2-nu force and the published limits (issue 8, item 4).

Every alpha is checked against an independent route: the double-precision
definitions against the verified multi-precision ``potential``/``force``
(``dps=20``), the spectral weight by integrating it back into V(r) and by its
massless limit (Eq. (8)); the CLI output against the verified route, not against
the API call that printed it.
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest

import nusym
from nusym.constants import constant_float
from nusym.errors import InvalidLengthError, InvalidMassError, InvalidOptionError, InvalidParameterError, NusymError
from nusym.fifth_force import (
    DEFINITIONS,
    alpha_eff,
    alpha_from_force,
    alpha_from_potential,
    gravity_coupling,
    spectral_density,
    yukawa_limits,
)
from nusym.model import Model

HBAR_C = constant_float("hbar_c")
LAMS = np.array([1e-6, 1e-5, 1e-4])


# ----------------------------------------------------------------------------- definitions
def test_single_yukawa_recovered_by_potential_and_force_definitions():
    # a pure Yukawa V = -K alpha0 exp(-r/lam0)/r, computed in SI independently of the helpers
    k = gravity_coupling("Au-197", "Si-28")
    g_mm = constant_float("G_N") * nusym.parse_source("Au-197").mass_kg() * nusym.parse_source("Si-28").mass_kg()
    gmm = float(g_mm)
    e_c = constant_float("e")
    for alpha0, lam0_m in ((-2.5e-13, 1e-6), (4.0e3, 3.3e-5), (1.0, 1e-3)):
        v_joule = -gmm * alpha0 * math.exp(-1.0) / lam0_m
        f_newton = -gmm * alpha0 * math.exp(-1.0) * (1 / lam0_m**2 + 1 / lam0_m**2)
        lam_nat = lam0_m / HBAR_C
        a_v = alpha_from_potential(lam_nat, v_joule / e_c, k)
        a_f = alpha_from_force(lam_nat, f_newton * HBAR_C / e_c, k)
        assert a_v == pytest.approx(alpha0, rel=1e-13, abs=0)
        assert a_f == pytest.approx(alpha0, rel=1e-13, abs=0)
        # mpmath numbers go through the same definitions
        a_mp = alpha_from_potential(mpmath.mpf(lam_nat), mpmath.mpf(v_joule / e_c), k)
        assert float(a_mp) == pytest.approx(alpha0, rel=1e-13, abs=0)


def test_gravity_coupling_matches_gravity_potential():
    # V_N = -K/r (r in eV^-1) against nusym.gravity_potential at 25 digits
    k = gravity_coupling("Au-197", "Si-28", dps=25)
    with mpmath.workdps(30):
        r = mpmath.mpf("2.5e-6")
        v = -k / (r / nusym.constant("hbar_c", 30))
        ref = nusym.gravity_potential("2.5um", "Au-197", "Si-28", dps=25)
        assert abs(v / ref - 1) < mpmath.mpf(10) ** -22
    assert gravity_coupling("Au-197", "Si-28") == pytest.approx(float(k), rel=1e-15, abs=0)


# ----------------------------------------------------------------------------- two routes
@pytest.mark.parametrize("nature", ["dirac", "majorana"])
@pytest.mark.parametrize("lightest", ["0", "0.1"])
def test_potential_alpha_double_vs_verified(nature, lightest):
    double = alpha_eff(LAMS, "Au-197", "Si-28", nature=nature, lightest=float(lightest))
    verified = alpha_eff(list(LAMS), "Au-197", "Si-28", nature=nature, lightest=lightest, dps=20)
    assert double.shape == LAMS.shape
    for d, v in zip(double, verified, strict=True):
        # double path: ~1e-12 relative (tests/test_spectral.py), K in double
        assert d == pytest.approx(float(v), rel=1e-11, abs=0)


def test_force_alpha_double_vs_verified():
    double = alpha_eff(LAMS, "W-184", "W-184", definition="force", lightest=0.05, nature="majorana")
    verified = alpha_eff(list(LAMS), "W-184", "W-184", definition="force", lightest="0.05",
                         nature="majorana", dps=15)
    for d, v in zip(double, verified, strict=True):
        assert d == pytest.approx(float(v), rel=1e-11, abs=0)


def test_alpha_is_negative_for_repulsive_potential_and_scalar_input():
    a = alpha_eff("10um", "Fe-56", "Fe-56")
    assert np.ndim(a) == 0 and a < 0
    # e V/V_N by the verified mpmath routes (not the double-precision rule alpha_eff used)
    v = nusym.potential(1e-5, "Fe-56", "Fe-56", dps=20)
    g = nusym.gravity_potential(1e-5, "Fe-56", "Fe-56", dps=20)
    assert a == pytest.approx(math.e * float(v) / float(g), rel=1e-11, abs=0)


def test_log_route_agrees_and_survives_underflow():
    lam = np.geomspace(1e-6, 1e-3, 7)
    a = alpha_eff(lam, "Be-9", "Ti-48", lightest=0.1)
    la = alpha_eff(lam, "Be-9", "Ti-48", lightest=0.1, log=True)
    ok = a != 0
    assert ok[0] and not ok[-1]          # 1 mm: exp(-0.2 eV * 1 mm / hbar c) underflows
    assert np.allclose(np.exp(la[ok]), np.abs(a[ok]), rtol=1e-10, atol=0)
    # ln|alpha| keeps falling, roughly like -2 m_lightest lambda, beyond the underflow
    assert np.all(np.diff(la) < 0) and la[-1] < -700
    slope = (la[-1] - la[-2]) / ((lam[-1] - lam[-2]) / HBAR_C)
    assert slope == pytest.approx(-0.2, rel=0.01, abs=0)


def test_log_route_vs_verified_route_beyond_double_range():
    # alpha ~ 1e-462 at 1 mm (m_min = 0.1 eV): ln|alpha| in double vs mpmath at 12 digits
    la = alpha_eff(1e-3, "Au-197", "Si-28", nature="majorana", lightest=0.1, log=True)
    v = alpha_eff("1mm", "Au-197", "Si-28", nature="majorana", lightest="0.1", dps=12)
    assert v < 0 and mpmath.log10(abs(v)) < -400
    assert la == pytest.approx(float(mpmath.log(abs(v))), abs=1e-9)


def test_sign_change_for_opposite_massless_charges():
    # Au-Si: Q^11 = 2 Z |U_e1|^2 - N has opposite signs (Au -11, Si +5): beyond ~1/m_2
    # only the massless channel (1,1) survives (normal ordering, m_1 = 0) and V turns
    # attractive, alpha > 0; W-W stays repulsive (alpha < 0)
    model = Model.from_preset("segarra2020", ordering="normal")
    q_au = model.charges(79, 118)[0][0]
    q_si = model.charges(14, 14)[0][0]
    assert mpmath.re(q_au) < 0 < mpmath.re(q_si)
    a = alpha_eff(np.array([1e-6, 1e-3]), "Au-197", "Si-28")
    assert a[0] < 0 < a[1]
    assert np.all(alpha_eff(np.array([1e-6, 1e-3]), "W-184", "W-184") < 0)


# ----------------------------------------------------------------------------- spectral definition
def test_spectral_density_massless_limit_is_eq8():
    # rho(q) -> C q^3 for q >> m, and Int C q^3 exp(-q r)/r dq = 6 C / r^5 = Eq. (8)
    q = 1.0e3                                           # eV, (m/q)^2 < 3e-9
    rho = float(spectral_density(q, "Au-197", "Si-28", lightest=0.1))
    r_m = 1e-6
    eq8 = float(nusym.potential(r_m, "Au-197", "Si-28", method="massless", dps=20))
    r_nat = r_m / HBAR_C
    assert 6 * rho / q**3 / r_nat**5 == pytest.approx(eq8, rel=1e-7, abs=0)


@pytest.mark.parametrize("nature,lightest", [("dirac", 0.1), pytest.param("majorana", 0.1, marks=pytest.mark.slow),
                                             ("majorana", 0.0)])
def test_spectral_alpha_integrates_back_to_the_potential(nature, lightest):
    # V(r) = -(K/r) Int d(ln lambda) alpha_S(lambda) exp(-r/lambda), by adaptive quadrature in
    # u = ln q with the thresholds q = m_i + m_j as break points, against nusym.potential
    from scipy.integrate import quad

    from nusym.masses import mass_spectrum

    a, b = "Au-197", "Si-28"
    k = gravity_coupling(a, b)
    masses = [float(m) for m in mass_spectrum("normal", str(lightest), dps=20)]
    thresholds = sorted({mi + mj for mi in masses for mj in masses if mi + mj > 0})
    for r_m in (1e-6, 2e-5):
        r = r_m / HBAR_C

        def integrand(u, r=r):
            lam_m = HBAR_C * math.exp(-u)     # q = e^u eV, lambda = hbar c / q
            return float(alpha_eff(lam_m, a, b, definition="spectral", nature=nature,
                                   lightest=lightest)) * math.exp(-r * math.exp(u))

        lo = math.log(max(thresholds[0], 1e-9) if lightest else 1e-9)
        hi = math.log(60.0 / r)
        pts = [math.log(t) for t in thresholds if lo < math.log(t) < hi]
        val, err = quad(integrand, lo, hi, points=pts or None, limit=400, epsabs=0, epsrel=1e-11)
        v = -k / r * val
        ref = float(nusym.potential(r_m, a, b, nature=nature, lightest=str(lightest), dps=15))
        assert v == pytest.approx(ref, rel=1e-8, abs=0)


def test_spectral_alpha_vanishes_below_threshold_and_rejects_dps():
    lam_far = 1.2 * HBAR_C / 0.2          # q = 0.2/1.2 eV < 2 m_lightest = 0.2 eV
    assert alpha_eff(lam_far, "Fe-56", "Fe-56", definition="spectral", lightest=0.1) == 0.0
    with pytest.raises(InvalidOptionError, match="double precision only"):
        alpha_eff("1um", "Fe-56", "Fe-56", definition="spectral", dps=15)


def test_massless_ratio_of_definitions_is_6e():
    # for V = 6C/r^5: alpha_V / alpha_S = 6 e (docs/fifth_force.md); lightest 0 at 10 nm
    lam = np.array([1e-8])
    av = alpha_eff(lam, "Cu-63", "Pb-208")[0]
    a_s = alpha_eff(lam, "Cu-63", "Pb-208", definition="spectral")[0]
    assert av / a_s == pytest.approx(6 * math.e, rel=1e-3, abs=0)


# ----------------------------------------------------------------------------- errors
@pytest.mark.parametrize("kwargs,exc,text", [
    ({"definition": "yukawa"}, InvalidOptionError, "allowed: potential, force, spectral"),
    ({"definition": "force", "log": True}, InvalidOptionError, "log=True"),
    ({"dps": 15, "log": True}, InvalidOptionError, "double precision"),
    ({"dps": 2}, InvalidOptionError, "dps"),
    ({"nature": "weyl"}, NusymError, "weyl"),
])
def test_bad_options(kwargs, exc, text):
    with pytest.raises(exc, match=text):
        alpha_eff("1um", "Fe-56", "Fe-56", **kwargs)


@pytest.mark.parametrize("lam", [-1e-6, 0.0, "3", float("nan"), np.array([1e-6, -1.0]), 1e300,
                                 float("1e400"), "1e400 m", 10**400, np.array([1e-6, np.inf]), [], True])
@pytest.mark.parametrize("kw", [dict(), dict(dps=12), dict(definition="spectral"), dict(log=True)])
def test_bad_lengths(lam, kw):
    with pytest.raises(InvalidLengthError, match="invalid length|no value given"):
        alpha_eff(lam, "Fe-56", "Fe-56", **kw)


@pytest.mark.parametrize("lightest", [float("1e400"), "1e400", 10**400, -0.1, "heavy"])
@pytest.mark.parametrize("call", [
    lambda **k: alpha_eff("1um", "Fe-56", "Fe-56", **k),
    lambda **k: alpha_eff("1um", "Fe-56", "Fe-56", dps=10, **k),
    lambda **k: spectral_density(1.0, "Fe-56", "Fe-56", **k),
])
def test_bad_lightest(call, lightest):
    with pytest.raises(InvalidMassError, match="lightest neutrino mass"):
        call(lightest=lightest)


@pytest.mark.parametrize("q", [0.0, -1.0, float("nan"), 1e300, float("1e400"), 10**400, "abc", True,
                               [True], [], np.array([1.0, np.inf]), 1e14])
def test_spectral_density_bad_energies(q):
    with pytest.raises(InvalidParameterError, match="q must be positive, finite energies"):
        spectral_density(q, "Fe-56", "Fe-56")


@pytest.mark.parametrize("kw", [dict(), dict(definition="force"), dict(definition="spectral"),
                                dict(log=True), dict(definition="spectral", log=True)])
def test_extreme_valid_inputs_give_no_nan(kw):
    out = alpha_eff(np.array([1e-20, 1e-6, 1e20]), "Fe-56", "Pb-208", lightest=1e5, **kw)
    assert not np.any(np.isnan(out)) and not np.any(np.isposinf(out))
    if not kw.get("log"):
        assert np.all(np.isfinite(out)) and not np.any(np.signbit(out) & (out == 0))
    rho = spectral_density(np.array([1e-27, 1.9e13]), "Pb-208", "Pb-208")
    assert np.all(np.isfinite(rho))


def test_model_equals_shorthand_and_is_not_combined_with_it():
    kw = dict(ordering="inverted", lightest="0.03", nature="majorana", alpha21=70, delta=10)
    model = Model.from_preset("segarra2020", **kw)
    lam = np.array([1e-6, 3e-5])
    for definition in DEFINITIONS:
        a1 = alpha_eff(lam, "Au-197", "Si-28", definition=definition, model=model)
        a2 = alpha_eff(lam, "Au-197", "Si-28", definition=definition, **kw)
        assert np.array_equal(a1, a2)
    assert np.array_equal(spectral_density(np.array([0.1, 1.0]), "Au", "Si", model=model),
                          spectral_density(np.array([0.1, 1.0]), "Au", "Si", **kw))
    # the model reaches the verified route too, and against an independent computation
    v = alpha_eff("1um", "Au-197", "Si-28", model=model, dps=15)
    ref = nusym.potential("1um", "Au-197", "Si-28", model=model, dps=20)
    k = gravity_coupling("Au-197", "Si-28", dps=20)
    with mpmath.workdps(25):
        expected = -mpmath.e * (mpmath.mpf("1e-6") / nusym.constant("hbar_c", 25)) * ref / k
    assert abs(v / expected - 1) < 1e-14
    assert alpha_eff("1um", "Au-197", "Si-28", model=model.with_nature("dirac")) != float(v)
    for call in (lambda: alpha_eff(lam, "Au-197", "Si-28", model=model, lightest="0.03"),
                 lambda: alpha_eff("1um", "Au-197", "Si-28", model=model, nature="majorana", dps=10),
                 lambda: spectral_density(1.0, "Au", "Si", model=model, preset="segarra2020")):
        with pytest.raises(InvalidOptionError, match="not both"):
            call()


def test_definitions_tuple():
    assert DEFINITIONS == ("potential", "force", "spectral")
    assert alpha_eff("1um", "Fe-56", "Fe-56", definition=" Force ") < 0


# ----------------------------------------------------------------------------- limits
def test_limits_file_is_complete_and_sane():
    curves = yukawa_limits()
    for key in ("eotwash2020", "chen2016", "blakemore2021", "isl_envelope"):
        assert key in curves
    for c in curves.values():
        assert c.label and "arXiv" in c.reference or "github" in c.reference or "Phys. Rev." in c.reference
        assert np.all(np.diff(c.lambda_m) > 0)
        assert np.all((c.lambda_m >= 1e-6) & (c.lambda_m <= 1e-3))
        assert np.all(c.alpha_max > 0)
        assert set(c.origin) <= {"abstract", "envelope", "level"}
    # the envelope covers 1 um .. 1 mm and limits tighten with lambda
    env = curves["isl_envelope"]
    assert env.lambda_m[0] == 1e-6 and env.lambda_m[-1] == 1e-3
    assert np.all(np.diff(env.alpha_max) < 0)


def test_limits_agree_with_the_abstracts():
    # numbers stated in the abstracts: Lee 2020 |alpha| = 1 at 38.6 um; Geraci 2008 14000 at 10 um;
    # Kapner 2007 1 at 56 um; Tan 2020 1 at 48 um; Blakemore 2021 ~1e8 above 10 um
    curves = yukawa_limits()
    assert float(curves["eotwash2020"].alpha_at(38.6e-6)) == 1.0
    assert float(curves["geraci2008"].alpha_at(1e-5)) == 1.4e4
    assert float(curves["kapner2007"].alpha_at(56e-6)) == 1.0
    assert float(curves["tan2020"].alpha_at(48e-6)) == 1.0
    assert float(curves["blakemore2021"].alpha_at(3e-5)) == pytest.approx(1e8)
    # the envelope is the union: never weaker than a single experiment (digitisation ~1.5)
    env = curves["isl_envelope"]
    for c in curves.values():
        inside = (c.lambda_m >= env.lambda_m[0]) & (c.lambda_m <= env.lambda_m[-1])
        assert np.all(env.alpha_at(c.lambda_m[inside]) <= 1.5 * c.alpha_max[inside]), c.key
    # outside a curve: NaN, not an extrapolation
    assert np.isnan(curves["chen2016"].alpha_at(1e-4))


def test_unknown_experiment():
    with pytest.raises(InvalidOptionError, match="unknown experiment 'x'"):
        yukawa_limits("x")


def test_two_nu_force_is_far_below_the_limits():
    # the point of the figure: |alpha_eff| is > 15 decades below every limit on 1 um..1 mm
    env = yukawa_limits("isl_envelope")
    a = np.abs(alpha_eff(env.lambda_m, "Au-197", "Si-28"))
    assert np.all(np.log10(env.alpha_max) - np.log10(a, where=a > 0, out=np.full_like(a, -400.0)) > 15)


def test_materials_mean_atom_coupling():
    """K of a material's mean atom: G m_A m_B/(hbar c) from the tabulated mean atomic masses."""
    from nusym.materials import material

    u_kg = constant_float("u_kg")
    m_au = float(material("Au").mass_u_per_atom()) * u_kg
    m_si = float(material("Si").mass_u_per_atom()) * u_kg
    k = constant_float("G_N") * m_au * m_si / (constant_float("hbar_c") * constant_float("e"))
    assert gravity_coupling("Au", "Si") == pytest.approx(k, rel=1e-9, abs=0)
    assert alpha_eff("1um", "Au", "Si") < 0


def test_force_over_potential_definition_massless_is_5_2():
    # V = C/r^5: alpha_F / alpha_V = 5/2 (docs/fifth_force.md)
    lam = np.array([1e-8])
    av = alpha_eff(lam, "Cu-63", "Pb-208")[0]
    af = alpha_eff(lam, "Cu-63", "Pb-208", definition="force")[0]
    assert af / av == pytest.approx(2.5, rel=1e-3, abs=0)


def test_public_names():
    from nusym import fifth_force

    assert nusym.alpha_eff is fifth_force.alpha_eff
    assert nusym.yukawa_limits is fifth_force.yukawa_limits


# ----------------------------------------------------------------------------- CLI
def test_cli_alpha_json_against_verified_route(cli):
    import json

    proc = cli("alpha", "Fe-56", "Fe-56", "--lambda", "1um", "10um", "--nature", "majorana",
               "--lightest", "0.1", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    verified = alpha_eff(["1um", "10um"], "Fe-56", "Fe-56", nature="majorana", lightest="0.1", dps=20)
    assert [float(x) for x in out["alpha"]] == pytest.approx([float(v) for v in verified], rel=1e-9, abs=0)
    assert out["limit_envelope"] == ["5.9e+06", "2.9e+03"]


def test_cli_alpha_table_with_dps(cli):
    proc = cli("alpha", "Fe-56", "Fe-56", "--lambda", "1um", "--dps", "12")
    assert proc.returncode == 0, proc.stderr
    assert "-1.39964216478e-13" in proc.stdout and proc.stdout.startswith("# alpha_eff (potential)")
    # double precision: an underflow is said so, not printed as 0
    proc = cli("alpha", "Au", "Si", "--lambda", "1mm", "--lightest", "0.1")
    assert proc.returncode == 0, proc.stderr
    assert "underflow (use --dps)" in proc.stdout


@pytest.mark.parametrize("args,text", [
    (["--lambda", "1um", "--definition", "x"], "unknown alpha definition"),
    (["--lambda", "0um"], "invalid length"),
    (["--lambda", "1um", "--definition", "spectral", "--dps", "10"], "double precision only"),
])
def test_cli_alpha_errors(cli, args, text):
    proc = cli("alpha", "Fe-56", "Fe-56", *args)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nusym: error:") and text in lines[0]
