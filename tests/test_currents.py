"""Neutrino currents beyond V-A (issue 13, part 2): derivation, pipeline and independent routes.

* The general vector/axial current gamma^mu (c_V - c_A gamma5) and the scalar
  current c_S + i c_P gamma5 are derived by the trace code with symbolic
  coefficients (nusym.symbolic.absorptive); the explicit-spinor route is
  tests/test_absorptive_spinors.py.
* c_V = c_A = 1 through the decomposed route (c_V^2 and c_A^2 kernels, their own
  generated code) reproduces the Standard Model path to all digits at dps 30.
* Pure V and pure A are the textbook vector/axial two-body spectral functions
  (X = mbar^2 -+ 3 m_i m_j), each half of the V-A kernel (symbolically and numerically).
* No interference survives for static coherent sources; threshold powers per
  structure and nature (symbolically and from the numeric kernels near threshold).
* Massless limit: the power of r from the derived kernels.
* Routes (shared rule, adaptive, closed forms, Watson series, certified) agree.
"""

from __future__ import annotations

from fractions import Fraction

import mpmath
import pytest
import sympy as sp

import nusym
from nusym import Model
from nusym.errors import InvalidOptionError, InvalidParameterError, NusymError
from nusym.inputs import check_current, check_scalar_couplings
from nusym.numeric import kernels
from nusym.numeric.config import configure
from nusym.numeric.potential import assemble
from nusym.symbolic import absorptive as ab
from nusym.symbolic.symbols import c_A, c_P, c_S, c_V, m_i, m_j, t
from nusym.units import metres_to_natural

MIX4 = [["0.8", "0.5+0.1j", "0.2-0.15j", "0.1"],
        ["-0.3+0.2j", "0.6", "0.55", "0.2j"],
        ["0.25", "-0.4+0.3j", "0.7", "0.15"]]


def model4(nature="dirac", masses=("0.01", "0.0132", "0.051", "0.5"), **kw):
    return Model(nature, list(masses), MIX4, **kw)


# ----------------------------------------------------------------------------- inputs and Model
def test_check_current_forms_and_errors():
    assert check_current(None) is None
    assert check_current("V-A") is None and check_current({"v": 1, "a": "1"}) is None
    assert check_current("V+A") == (("V", Fraction(1)), ("A", Fraction(-1)))
    assert check_current("A") == (("V", Fraction(0)), ("A", Fraction(1)))
    assert check_current({"S": 0.1}) == (("S", Fraction(1, 10)), ("P", Fraction(0)))
    assert check_current(check_current("S=2,P=-1")) == (("S", Fraction(2)), ("P", Fraction(-1)))
    for bad, text in (("V=1,S=1", "not both"), ({"T": 1}, "unknown current coefficient"),
                      ({"V": 0, "A": 0}, "every coefficient"), ("V=x", "finite real"),
                      ({"V": float("nan")}, "finite real"), ("Q", "cannot read"), ({"V": True}, "finite real"),
                      (3, "mapping")):
        with pytest.raises(NusymError, match=text):
            check_current(bad)
    assert check_scalar_couplings("e=1, n=-0.5") == (("e", Fraction(1)), ("p", Fraction(0)), ("n", Fraction(-1, 2)))
    with pytest.raises(InvalidParameterError, match="every scalar coupling"):
        check_scalar_couplings({"e": 0})


def test_model_current_is_canonical_part_of_identity_and_shown():
    base = Model.from_preset()
    assert Model.from_preset().with_current({"V": 1, "A": 1}) == base
    assert hash(base.with_current("V-A")) == hash(base)
    vector = base.with_current({"V": 1})
    assert vector != base and vector == base.with_current("V=1,A=0") and vector.family == "dirac_va"
    assert vector.describe()["current"] == "V=1, A=0" and "current V=1, A=0" in vector.summary()
    assert "current" not in base.describe() and "current" not in base.summary()
    scalar = base.with_nature("majorana").with_current({"S": 0.5}, {"e": 1, "p": 1, "n": 1})
    assert scalar.family == "majorana_sp" and scalar.describe()["scalar_couplings"] == {"e": "1", "p": "1", "n": "1"}
    assert scalar != scalar.with_current({"S": 0.5}, {"e": 1, "p": 1, "n": 2})
    import pickle
    assert pickle.loads(pickle.dumps(scalar)) == scalar
    with pytest.raises(InvalidParameterError, match="scalar_couplings"):
        base.with_current({"S": 1})
    with pytest.raises(InvalidParameterError, match="only by a scalar"):
        base.with_current({"V": 1}, {"e": 1})
    with pytest.raises(InvalidOptionError, match="not both"):
        Model("dirac", [0.1], [[1], [0], [0]], current={"V": 1, "P": 1})


def test_scalar_charges_are_flavour_universal():
    m = model4(current={"S": 1}, scalar_couplings={"e": 1, "p": 2, "n": 3})
    with mpmath.workdps(30):
        qs = m.coupled_charges(26, 30)
        u = [[mpmath.mpc(v) for v in row] for row in m.mixing]
        for i in range(4):
            for j in range(4):
                want = (26 * 3 + 30 * 3) * mpmath.fsum(u[a][i] * mpmath.conj(u[a][j]) for a in range(3))
                assert abs(qs[i][j] - want) < mpmath.mpf(10) ** -25


# ----------------------------------------------------------------------------- derivation
def test_general_va_reduces_to_standard_model_symbolically():
    for nature in ("dirac", "majorana"):
        diff = sp.expand(ab.im_M(nature, "VA").subs({c_V: 1, c_A: 1}) - ab.im_M(nature))
        assert sp.simplify(diff) == 0
        assert ab.absorptive_terms(nature, {"V": 1, "A": 1}) == ab.absorptive_terms(nature)


def _textbook(X):
    """t sqrt(1 - 4 mbar^2/t + (Dm^2/t)^2) [1 - X/t - (Dm^2/t)^2/2] (typed in, the form of Eq. 6)."""
    mb2 = (m_i**2 + m_j**2) / 2
    dm2 = m_i**2 - m_j**2
    return t * sp.sqrt(1 - 4 * mb2 / t + (dm2 / t) ** 2) * (1 - X / t - (dm2 / t) ** 2 / 2)


def test_pure_vector_and_axial_are_the_textbook_halves_of_v_minus_a():
    mb2 = (m_i**2 + m_j**2) / 2
    vector = _textbook(mb2 - 3 * m_i * m_j) / 2
    axial = _textbook(mb2 + 3 * m_i * m_j) / 2
    (vv, aa) = ab.absorptive_terms("dirac", "VA")
    assert (vv.name, vv.coefficient, aa.name, aa.coefficient) == ("vv", c_V**2, "aa", c_A**2)
    assert sp.simplify(vv.kernel - vector) == 0
    assert sp.simplify(aa.kernel - axial) == 0
    (sm,) = ab.absorptive_terms("dirac")
    assert sp.simplify(vv.kernel + aa.kernel - sm.kernel) == 0
    # Majorana: the vector current carries Im Q Im Q, the axial one Re Q Re Q, each twice the Dirac kernel
    mvv, maa = ab.absorptive_terms("majorana", "VA")
    assert (mvv.weight, maa.weight) == ("vector", "axial")
    assert sp.simplify(mvv.kernel - 2 * vector) == 0 and sp.simplify(maa.kernel - 2 * axial) == 0


def test_scalar_kernels_and_sign_from_the_derivation():
    lam = (t - (m_i + m_j) ** 2) * (t - (m_i - m_j) ** 2)
    ss, pp = ab.absorptive_terms("dirac", "SP")
    # Tr[(k1 + m_j)(k2 - m_i)] = 2 (t - (m_i + m_j)^2), Tr[(k1 + m_j) i g5 (k2 - m_i) i g5] -> t - (m_i - m_j)^2
    assert sp.simplify(ss.kernel - 3 * sp.sqrt(lam) * (t - (m_i + m_j) ** 2) / (4 * t)) == 0
    assert sp.simplify(pp.kernel - 3 * sp.sqrt(lam) * (t - (m_i - m_j) ** 2) / (4 * t)) == 0
    # opposite sign to vector exchange: attraction (V < 0 for like charges)
    assert (ss.coefficient, pp.coefficient) == (-c_S**2, -c_P**2)
    assert ab.scalar_contraction_sign() == 1 and ab.static_projection_sign() == -1
    mss, mpp = ab.absorptive_terms("majorana", "SP")
    assert mss.weight == mpp.weight == "axial"      # c_S + i c_P gamma5 does not flip under C
    assert sp.simplify(mss.kernel - 2 * ss.kernel) == 0


@pytest.mark.parametrize("nature", ["dirac", "majorana"])
def test_no_interference_survives_for_static_sources(nature):
    terms = ab.interference_terms(nature)
    assert set(terms) == set(ab.INTERFERENCE_PAIRS)
    assert ab.surviving_interference(nature) == []
    # the general traces contain no c_V c_A or c_S c_P term either
    for structure, pair in (("VA", c_V * c_A), ("SP", c_S * c_P)):
        poly = sp.Poly(sp.expand(ab.im_M(nature, structure)), *pair.free_symbols)
        assert all(sum(mon) != 2 or 2 in mon for mon, _ in poly.terms())


THRESHOLD = [("dirac", "VA", {"vv": 1, "aa": 3}), ("majorana", "VA", {"vv": 1, "aa": 3}),
             ("dirac", "SP", {"ss": 3, "pp": 1}), ("majorana", "SP", {"ss": 3, "pp": 1})]


@pytest.mark.parametrize("nature,structure,powers", THRESHOLD)
def test_threshold_powers_symbolic_and_numeric(nature, structure, powers):
    family = ab.family(nature, structure)
    for index, term in enumerate(ab.absorptive_terms(nature, structure)):
        power = ab.threshold_power(term.kernel)
        assert power == powers[term.name]
        # numeric route: the generated kernel g(x) near threshold, t = t_ij (1 + k^2/(m_i m_j))
        with mpmath.workdps(40):
            mi, mj = mpmath.mpf("0.03"), mpmath.mpf("0.05")
            g = kernels.g_mp(family, index, mi, mj)

            def kernel_at(kk, g=g, mi=mi, mj=mj):
                rt = (mi + mj) * mpmath.sqrt(1 + kk**2 / (mi * mj))
                return g(rt - mi - mj) / (2 * rt)      # g = 2 sqrt(t) kernel
            k1, k2 = mpmath.mpf("1e-8"), mpmath.mpf("1e-9")
            slope = mpmath.log(kernel_at(k1) / kernel_at(k2)) / mpmath.log(k1 / k2)
            assert abs(slope - power) < 1e-6


@pytest.mark.parametrize("structure", ["VA", "SP"])
def test_massless_limit_power_of_r(structure):
    """Massless kernels are linear in t for every structure, so V ~ 1/r^5 (as Eq. 8)."""
    for nature in ("dirac", "majorana"):
        for term in ab.absorptive_terms(nature, structure):
            lim = sp.simplify(term.kernel.subs({m_i: 0, m_j: 0}))
            assert sp.degree(lim, t) == 1 and sp.simplify(lim / t).is_number
            # T = int dt e^{-sqrt(t) r} kernel -> 1/r^4, V = T / r -> 1/r^5
            r = sp.Symbol("r", positive=True)
            T = sp.integrate(2 * sp.Symbol("u", positive=True) * lim.subs(t, sp.Symbol("u", positive=True) ** 2)
                             * sp.exp(-sp.Symbol("u", positive=True) * r), (sp.Symbol("u", positive=True), 0, sp.oo))
            assert sp.simplify(T * r**4).is_number


def test_massless_scalar_over_vector_ratio():
    """Massless Dirac: the S (or P) kernel is 3/4 of the V-A kernel, with the opposite sign."""
    (sm,) = ab.absorptive_terms("dirac")
    for term in ab.absorptive_terms("dirac", "SP"):
        ratio = sp.simplify(term.kernel.subs({m_i: 0, m_j: 0}) / sm.kernel.subs({m_i: 0, m_j: 0}))
        assert ratio == sp.Rational(3, 4)


# ----------------------------------------------------------------------------- numeric pipeline
R_NAT = None


def _r(text):
    with mpmath.workdps(60):
        return metres_to_natural(mpmath.mpf(text))


@pytest.mark.parametrize("nature", ["dirac", "majorana"])
def test_standard_model_through_the_decomposed_closed_forms_all_digits(nature):
    """c_V = c_A = 1 through the generated closed forms of the c_V^2, c_A^2 terms = the SM ones, dps 30."""
    mdl = Model.from_preset(nature=nature, delta=200, alpha21=70, alpha31=30)
    mdl = Model(nature, ["0", "0.1", "0.1"], mdl.mixing)       # every channel has a closed form
    sm = configure(mdl, "W", "Be-9", 60)
    general = configure(mdl, "W", "Be-9", 60, general=True)
    for r in ("2e-7", "3e-6"):
        a, ch_a = assemble(sm, _r(r), 30, method="closed")
        b, ch_b = assemble(general, _r(r), 30, method="closed")
        assert all(c.route.startswith("closed") for c in list(ch_a.values()) + list(ch_b.values()))
        with mpmath.workdps(30):
            assert abs(a - b) <= mpmath.mpf(10) ** -30 * abs(a)


@pytest.mark.parametrize("nature", ["dirac", "majorana"])
def test_standard_model_through_the_decomposed_shared_rule(nature):
    """The shared trapezoidal rule (mp, dps 30; and double) over the c_V^2 + c_A^2 kernels = the SM path."""
    import numpy as np

    from nusym.numeric import spectral

    mdl = Model.from_preset(lightest="0.01", nature=nature, delta=200, alpha21=70, alpha31=30)
    rs = [_r("2e-7"), _r("3e-6")]
    lo, hi = spectral.rule_range(float(min(rs)), float(max(rs)))
    values = []
    for general in (False, True):
        cfg = configure(mdl, "Fe-56", "Be-9", 60, general=general)
        with mpmath.workdps(50):
            fine = spectral.spectral_setup(cfg, (lo, hi), 33, halve=True)
            out = spectral.evaluate_mp(fine, rs, 30)
        assert all(ok for _, _, ok in out)
        dbl = spectral.evaluate_double(spectral.double_setup(configure(mdl, "Fe-56", "Be-9", None, general=general),
                                                              (lo, hi)), np.array([float(x) for x in rs]))
        values.append(([v for v, _, _ in out], dbl))
    (sm, sm_dbl), (gen, gen_dbl) = values
    with mpmath.workdps(30):
        for a, b in zip(sm, gen, strict=True):
            assert abs(a - b) <= mpmath.mpf(10) ** -29 * abs(a)
    assert np.allclose(sm_dbl, gen_dbl, rtol=1e-14, atol=0)


@pytest.mark.slow
@pytest.mark.parametrize("nature", ["dirac", "majorana"])
def test_standard_model_through_the_decomposed_route_all_digits(nature):
    """c_V = c_A = 1 through the c_V^2 + c_A^2 kernels (other generated code) = the SM path, dps 30."""
    mdl = Model.from_preset(lightest="0.01", nature=nature, delta=200, alpha21=70, alpha31=30)
    sm = configure(mdl, "W", "Be-9", 60)
    general = configure(mdl, "W", "Be-9", 60, general=True)
    assert (sm.nature, general.nature) == (nature, f"{nature}_va")
    for r in ("2e-7", "3e-6"):
        a, _ = assemble(sm, _r(r), 30)
        b, _ = assemble(general, _r(r), 30)
        with mpmath.workdps(30):
            assert abs(a - b) <= mpmath.mpf(10) ** -30 * abs(a)
    # and V(c_V = 1) + V(c_A = 1) = V(V-A) (V is linear in c_V^2, c_A^2), through the public API
    total = nusym.potential("1um", "W", "Be-9", model=mdl, dps=30)
    parts = [nusym.potential("1um", "W", "Be-9", model=mdl.with_current(c), dps=30) for c in ("V", "A")]
    with mpmath.workdps(30):
        assert abs(parts[0] + parts[1] - total) <= mpmath.mpf(10) ** -28 * abs(total)


CURRENT_MODELS = [
    ({"V": "0.7", "A": "-0.3"}, None),
    ({"S": 1, "P": "0.5"}, {"e": 1, "p": "0.5", "n": "-0.25"}),
]


@pytest.mark.parametrize("nature", ["dirac", "majorana"])
@pytest.mark.parametrize("current,couplings", CURRENT_MODELS)
def test_new_currents_double_and_mp_and_adaptive_agree(nature, current, couplings):
    mdl = model4(nature, current=current, scalar_couplings=couplings)
    rs = ["0.3um", "2um"]
    mp = nusym.potential(rs, "Fe-56", "W", model=mdl, dps=30)
    dbl = nusym.potential([3e-7, 2e-6], "Fe-56", "W", model=mdl, dps=None)
    for v, d in zip(mp, dbl, strict=True):
        assert abs(float(v) / d - 1) < 1e-12


@pytest.mark.slow
@pytest.mark.parametrize("nature", ["dirac", "majorana"])
@pytest.mark.parametrize("current,couplings", CURRENT_MODELS)
def test_new_currents_adaptive_quadrature_agrees_with_shared_rule(nature, current, couplings):
    mdl = model4(nature, current=current, scalar_couplings=couplings)
    mp = nusym.potential(["0.3um"], "Fe-56", "W", model=mdl, dps=30)
    adaptive = nusym.potential("0.3um", "Fe-56", "W", model=mdl, dps=25, method="adaptive")
    with mpmath.workdps(25):
        assert abs(adaptive - mp[0]) <= mpmath.mpf(10) ** -24 * abs(mp[0])
    force = nusym.force("0.3um", "Fe-56", "W", model=mdl, dps=20)
    assert force != 0


@pytest.mark.parametrize("current,couplings", CURRENT_MODELS)
def test_closed_forms_against_integral_for_a_4_state_model(current, couplings):
    """Masses (0, 0, m, m): every channel has a closed form (massless, one massless, equal)."""
    for nature in ("dirac", "majorana"):
        mdl = model4(nature, masses=("0", "0", "0.1", "0.1"), current=current, scalar_couplings=couplings)
        a = nusym.potential("1.5um", "Fe-56", "Be-9", model=mdl, dps=25)
        b = nusym.potential("1.5um", "Fe-56", "Be-9", model=mdl, dps=25, method="closed")
        with mpmath.workdps(25):
            assert abs(a - b) <= mpmath.mpf(10) ** -23 * abs(a)
        ch = nusym.potential_channels("1.5um", "Fe-56", "Be-9", model=mdl, dps=20, method="closed")
        assert all(c.route.startswith("closed") for c in ch.values())


@pytest.mark.parametrize("current,couplings", CURRENT_MODELS)
def test_asymptotic_series_against_integral_far_out(current, couplings):
    mdl = model4("majorana", masses=("0.05", "0.0601", "0.09", "0.5"), current=current, scalar_couplings=couplings)
    a = nusym.potential("0.4mm", "Fe-56", "Fe-56", model=mdl, dps=22)
    b = nusym.potential("0.4mm", "Fe-56", "Fe-56", model=mdl, dps=22, method="asymptotic", order=12)
    with mpmath.workdps(22):
        assert abs(a - b) <= mpmath.mpf(10) ** -20 * abs(a)


@pytest.mark.parametrize("current,couplings", CURRENT_MODELS)
def test_massless_method_is_the_derived_1_over_r5(current, couplings):
    mdl = model4("dirac", current=current, scalar_couplings=couplings)
    v1 = nusym.potential("1um", "Fe-56", "W", model=mdl, dps=20, method="massless")
    v2 = nusym.potential("2um", "Fe-56", "W", model=mdl, dps=20, method="massless")
    with mpmath.workdps(20):
        assert abs(v1 / v2 - 32) < mpmath.mpf(10) ** -18


def test_scalar_force_attracts_and_majorana_is_twice_dirac_for_real_charges():
    base = Model.from_preset(lightest="0.01")
    sc = {"e": 1, "p": 1, "n": 1}
    dirac = nusym.potential("1um", "Fe-56", "Fe-56", model=base.with_current("S", sc), dps=20)
    majorana = nusym.potential("1um", "Fe-56", "Fe-56", model=base.with_nature("majorana").with_current("S", sc),
                               dps=20)
    assert dirac < 0 and majorana < 0
    with mpmath.workdps(20):
        assert abs(majorana / dirac - 2) < mpmath.mpf(10) ** -18   # Q_S real (real PMNS, phases 0)


def test_certified_enclosures_for_new_currents():
    for current, couplings in CURRENT_MODELS:
        mdl = model4("majorana", current=current, scalar_couplings=couplings)
        iv = nusym.potential("1um", "Fe-56", "W", model=mdl, dps=15, certified=True)
        value = nusym.potential("1um", "Fe-56", "W", model=mdl, dps=30)
        assert iv.contains(value, rel_tol=mpmath.mpf(10) ** -29)
