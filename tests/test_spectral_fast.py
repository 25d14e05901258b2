"""The verified shared rule with the Arb back-end (nusym.numeric.spectral._ArbSetup).

Issue "Reference values a referee can trust", part 2: a fresh 30-digit point is
computed from node weights built by blocks, in Arb ball arithmetic (python-flint),
with the same verification as the mpmath route (nested rule h/2 against h, end
nodes, cancellation), each check required for the whole ball. Here every value
is compared, digit for digit, with the independent adaptive route
(``method="adaptive"``: mpmath tanh-sinh per channel and r): both natures, a
massless lightest state, 1e-9, 0.1 and 1 eV, complex Majorana phases, different
materials, 1 nm to 1 mm, the potential and the force, 30, 60 and 100 digits.

Two values rounded to dps digits may differ by one unit in the last place only
when the exact value lies on a rounding boundary: then both are correct
roundings; this is checked against the adaptive route at dps + 15 digits.
"""

from __future__ import annotations

import random
from fractions import Fraction

import mpmath
import pytest

import nusym
from nusym.model import Model
from nusym.numeric import kernels, spectral
from nusym.numeric import potential as pot

R_THREE = ["1nm", "2um", "1mm"]
R_FIVE = ["1nm", "100nm", "2um", "100um", "1mm"]
CONFIGS = [(n, m) for n in ("dirac", "majorana") for m in ("0", "1e-9", "0.1", "1")]


def _fast(fn, r, a, b, dps, **kw):
    """fn(r, ...) by the shared rule, asserting that no distance fell back to the adaptive route."""
    calls = []
    original = pot.assemble

    def spy(*args, **kwargs):
        calls.append(args[1])
        return original(*args, **kwargs)

    pot.assemble = spy
    try:
        values = fn(r, a, b, dps=dps, **kw)
    finally:
        pot.assemble = original
    assert not calls, f"{len(calls)} distance(s) were not verified by the shared rule"
    return values


def _mp(q):
    """An exact rational (gmpy2.mpq, Fraction) as an mpf of the current precision."""
    return mpmath.mpf(int(q.numerator)) / int(q.denominator)


def _assert_same_digits(fast, slow, dps, recompute):
    """Equal at dps digits, or one unit apart with the exact value on the rounding boundary."""
    for k, (a, b) in enumerate(zip(fast, slow, strict=True)):
        if a == b:
            continue
        assert abs(a - b) <= mpmath.mpf(10) ** (1 - dps) * abs(a), (k, a, b)
        ref = recompute(k)                      # the adaptive route at dps + 15 digits
        with mpmath.workdps(dps + 15):
            mid = (mpmath.mpf(a) + mpmath.mpf(b)) / 2
            assert abs(ref - mid) <= mpmath.mpf(10) ** -(dps + 3) * abs(ref), (k, a, b, ref)


def _compare(fn, r, a, b, dps, **kw):
    fast = _fast(fn, r, a, b, dps, **kw)
    slow = fn(r, a, b, dps=dps, method="adaptive", **kw)
    _assert_same_digits(fast, slow, dps, lambda k: fn(r[k], a, b, dps=dps + 15, method="adaptive", **kw))
    return fast


# ----------------------------------------------------------------------------- against the adaptive route
# (the default run keeps a few distances; the slow ones below cover every configuration)
def test_30_digits_equal_adaptive():
    _compare(nusym.potential, R_THREE, "Fe-56", "Fe-56", 30, nature="dirac", lightest="0.1")


@pytest.mark.slow
def test_30_digits_force_equal_adaptive():
    _compare(nusym.force, ["2um"], "Fe-56", "Fe-56", 30, nature="majorana", lightest="1e-9")


def test_30_digits_complex_majorana_phases_different_materials():
    v = _compare(nusym.potential, ["2um"], "W", "Be", 30, nature="majorana", lightest="0.1", alpha21=60)
    # the phases matter: not the real-phase value
    assert v[0] != nusym.potential("2um", "W", "Be", dps=30, nature="majorana", lightest="0.1")


@pytest.mark.slow
def test_30_digits_phases_materials_force_all_distances():
    _compare(nusym.potential, R_FIVE, "W", "Be", 30, nature="majorana", lightest="0.1", alpha21=60)
    _compare(nusym.force, R_THREE, "W", "Be", 30, nature="majorana", lightest="0", alpha21=60)


@pytest.mark.slow
@pytest.mark.parametrize("nature,lightest", CONFIGS)
def test_30_digits_equal_adaptive_all_configurations(nature, lightest):
    _compare(nusym.potential, R_FIVE, "Fe-56", "Fe-56", 30, nature=nature, lightest=lightest)
    _compare(nusym.force, R_THREE, "Fe-56", "Fe-56", 30, nature=nature, lightest=lightest)


@pytest.mark.slow
@pytest.mark.parametrize("nature,lightest", CONFIGS)
def test_60_digits_equal_adaptive(nature, lightest):
    _compare(nusym.potential, R_THREE, "Fe-56", "Fe-56", 60, nature=nature, lightest=lightest)


@pytest.mark.slow
def test_60_digits_phases_materials_and_force():
    _compare(nusym.potential, R_THREE, "W", "Be", 60, nature="majorana", lightest="0", alpha21=60)
    _compare(nusym.force, R_THREE, "W", "Be", 60, nature="majorana", lightest="0.1", alpha21=60)


@pytest.mark.slow
@pytest.mark.parametrize("nature,lightest", [("dirac", "0.1"), ("majorana", "0"), ("majorana", "1")])
def test_100_digits_equal_adaptive(nature, lightest):
    _compare(nusym.potential, R_THREE, "Fe-56", "Fe-56", 100, nature=nature, lightest=lightest)


@pytest.mark.slow
def test_100_digits_force_phases_materials():
    _compare(nusym.force, ["2um"], "W", "Be", 100, nature="majorana", lightest="1e-9", alpha21=60)


# ----------------------------------------------------------------------------- properties of the route
def test_channels_are_verified_by_the_shared_rule():
    ch = nusym.potential_channels("2um", "W", "Be", nature="majorana", lightest="1e-9", alpha21=60, dps=30)
    assert {c.route for c in ch.values()} == {"integral"}
    with mpmath.workdps(40):
        total = mpmath.fsum(c.value for c in ch.values())
    v = nusym.potential("2um", "W", "Be", nature="majorana", lightest="1e-9", alpha21=60, dps=30)
    assert abs(total - v) <= mpmath.mpf(10) ** -29 * abs(v)


def test_value_does_not_depend_on_the_other_distances():
    """Blocks of nodes are built on a fixed grid: the same sums for r whatever else is asked."""
    model = Model.from_preset(lightest="0.1000000000123")       # a fresh configuration
    alone = nusym.potential(["30um"], "Fe-56", "Fe-56", model=model, dps=30)
    pot._SPECTRAL_CACHE.clear()
    # 1 nm needs every block; 1 mm only the first ones
    mixed = nusym.potential(["1nm", "30um", "1mm"], "Fe-56", "Fe-56", model=model, dps=30)
    assert mixed[1] == alone[0]
    # and below the rounding: the internal sums are identical
    config = nusym.numeric.config.configure(model, "Fe-56", "Fe-56", 90)
    lo, hi = spectral.rule_range(1.0, 1.0)
    with mpmath.workdps(50):
        r = mpmath.mpf(152)          # 30 um in eV^-1
        sp1 = spectral.spectral_setup(config, (lo, hi), 33, halve=True)
        one = spectral.evaluate_mp(sp1, [r], 30)[0]
        sp2 = spectral.spectral_setup(config, (lo, hi), 33, halve=True)
        many = spectral.evaluate_mp(sp2, [mpmath.mpf("5.1e-3"), r, mpmath.mpf("5e3")], 30)[1]
    assert one[0] == many[0] and one[1] == many[1] and one[2] and many[2]


def test_lazy_coefficients_equal_the_mpmath_route(monkeypatch):
    config = nusym.numeric.config.configure(Model.from_preset(nature="majorana", lightest="0", alpha21=60),
                                            "W", "Be", 90)
    lo, hi = spectral.rule_range(1.0, 1.0)
    with mpmath.workdps(50):
        fast = spectral.spectral_setup(config, (lo, hi), 33, halve=True)
        assert fast.engine is not None
        monkeypatch.setattr(spectral, "_flint_or_none", lambda: None)
        slow = spectral.spectral_setup(config, (lo, hi), 33, halve=True)
        assert slow.engine is None
        assert len(fast.x) == len(slow.x)
        tol = mpmath.mpf(10) ** -45
        assert all(abs(a - b) <= tol * abs(b) for a, b in zip(fast.x, slow.x, strict=True))
        for cf, cs in zip(fast.coefficients, slow.coefficients, strict=True):
            scale = max(abs(v) for v in cs)
            assert all(abs(a - b) <= tol * max(abs(b), scale * mpmath.mpf(10) ** -30)
                       for a, b in zip(cf, cs, strict=True))
        r = [mpmath.mpf("0.007"), mpmath.mpf(30), mpmath.mpf("3.3e3")]     # eV^-1: 1.4 nm - 0.65 mm
        for kind in ("T", "F"):
            for (va, ca, oka), (vb, cb, okb) in zip(spectral.evaluate_mp(fast, r, 30, kind),
                                                    spectral.evaluate_mp(slow, r, 30, kind), strict=True):
                assert oka and okb and abs(va - vb) <= mpmath.mpf(10) ** -40 * abs(vb)
                assert all(abs(ca[k] - cb[k]) <= mpmath.mpf(10) ** -40 * abs(vb) for k in cb)


def test_without_python_flint_the_mpmath_route_gives_the_same_digits(monkeypatch):
    model = Model.from_preset(lightest="0.1000000000456")
    fast = nusym.potential(R_THREE, "Fe-56", "Fe-56", model=model, dps=30)
    pot._SPECTRAL_CACHE.clear()
    monkeypatch.setattr(spectral, "_flint_or_none", lambda: None)
    slow = nusym.potential(R_THREE, "Fe-56", "Fe-56", model=model, dps=30)
    _assert_same_digits(fast, slow, 30, lambda k: nusym.potential(R_THREE[k], "Fe-56", "Fe-56", model=model,
                                                                    dps=45, method="adaptive"))


def test_outside_the_rule_range_is_not_verified():
    """A distance whose largest nodes still contribute (beyond r_min of the rule) is refused."""
    config = nusym.numeric.config.configure(Model.from_preset(), "Fe-56", "Fe-56", 90)
    lo, hi = spectral.rule_range(1.0, 1.0)
    with mpmath.workdps(50):
        sp = spectral.spectral_setup(config, (lo, hi), 33, halve=True)
        (_, _, ok_in), (_, _, ok_out) = spectral.evaluate_mp(sp, [mpmath.mpf(lo) * 2, mpmath.mpf(lo) / 1e3], 30)
    assert ok_in and not ok_out


def test_unverified_rule_falls_back_per_distance(monkeypatch):
    """A rule too coarse for the digits asked fails the nested comparison: adaptive route."""
    real = spectral.spectral_setup

    def coarse(config, r_range, precision, halve=False):
        return real(config, r_range, 12, halve=halve)

    monkeypatch.setattr(spectral, "spectral_setup", coarse)
    pot._SPECTRAL_CACHE.clear()
    try:
        ch = nusym.potential_channels("2um", "Fe-56", "Fe-56", lightest="0.1000000000789", dps=30)
    finally:
        pot._SPECTRAL_CACHE.clear()     # the coarse set-up must not serve later calls
    assert {c.route for c in ch.values()} == {"integral:adaptive"}


# ----------------------------------------------------------------------------- kernels
@pytest.mark.parametrize("nature,index", [("dirac", 0), ("majorana", 0), ("majorana", 1)])
def test_reduced_form_equals_the_generated_kernel(nature, index):
    rng = random.Random(7)
    masses = [(0, 0), (0, "0.1"), ("0.1", "0.1"), ("1e-9", "0.05"), ("0.3", "0.3000000001"),
              (Fraction(1, 3), Fraction(2, 7)), ("2", "0.5")]
    with mpmath.workdps(40):
        for mi, mj in masses:
            mi_f = _mp(mi) if isinstance(mi, Fraction) else mpmath.mpf(mi)
            mj_f = _mp(mj) if isinstance(mj, Fraction) else mpmath.mpf(mj)
            exact = (mi, mj) if isinstance(mi, Fraction) else (mi_f, mj_f)
            c, a, u, d = kernels.reduced_form(nature, index, *exact)
            assert all(v >= 0 for v in a + u + d)          # no cancellation at x > 0
            g = kernels.g_mp(nature, index, mi_f, mj_f)
            xs = [mpmath.mpf(10) ** rng.uniform(-30, 4) for _ in range(8)]
            for x in xs:
                val = _mp(c) * mpmath.polyval([_mp(v) for v in reversed(a)], x) \
                    * mpmath.sqrt(mpmath.polyval([_mp(v) for v in reversed(u)], x)) \
                    / mpmath.polyval([_mp(v) for v in reversed(d)], x)
                assert abs(val / g(x) - 1) < mpmath.mpf(10) ** -37
            for kind in ("T", "T1"):
                ref = kernels.g_mp(nature, index, mi_f, mj_f, kind)
                vals = kernels.g_mpfr_values(nature, index, mi_f, mj_f, xs, kind)
                assert all(abs(v / ref(x) - 1) < mpmath.mpf(10) ** -38 for v, x in zip(vals, xs, strict=True))
