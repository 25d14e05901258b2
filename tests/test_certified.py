"""Certified enclosures with Arb (nusym.numeric.certified): containment, width, guarantees.

Every other route of :func:`nusym.potential` / :func:`nusym.force` (verified to
dps + 5 digits) must lie in the certified interval up to its own accuracy
(``contains(v, rel_tol=10^-(dps+5))``); a value moved by 10 widths must not; the
relative width must meet 10^-dps over 1 nm .. 1 m for every kind of mass
spectrum, both natures and complex phases.
"""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from fractions import Fraction

import mpmath
import pytest

flint = pytest.importorskip("flint")

import nusym
from nusym.charges import charge_matrix
from nusym.errors import (
    InvalidLengthError,
    InvalidOptionError,
    InvalidParameterError,
    VerificationError,
)
from nusym.generated.mixing import pmns
from nusym.model import Model
from nusym.numeric import certified
from nusym.numeric.certified import Interval, potential_intervals
from nusym.numeric.kernels import g_mp, terms

R_SPAN = ["1e-9", "1e-6", "1e-3", "1"]
#: mass configurations: massless lightest, tiny lightest, degenerate, 1 eV; both natures; phases
CONFIGS = {
    "NO-0-dirac": dict(),
    "NO-1e-9-dirac": dict(lightest="1e-9"),
    "IO-0.1-majorana-phases": dict(ordering="inverted", lightest="0.1", nature="majorana", delta=90,
                                    alpha21=30, alpha31=200),
    "NO-1-majorana": dict(lightest="1", nature="majorana", alpha21=180),
}


def model(name: str) -> Model:
    return Model.from_preset(**CONFIGS[name])


def mid(b) -> mpmath.mpf:
    """The midpoint of an arb (or the real part of an acb) as an exact mpf."""
    return certified._mpf_of_arb_exact(b.mid())


def cmid(b) -> mpmath.mpc:
    return mpmath.mpc(mid(b.real), mid(b.imag))


def frac(x: mpmath.mpf) -> Fraction:
    sign, man, exp, _ = x._mpf_
    v = Fraction(int(man)) * (Fraction(2) ** int(exp))
    return -v if sign else v


# ----------------------------------------------------------------------------- the Interval
def test_interval_basics():
    iv = Interval.from_strings("-1.25", "1.5")
    assert iv.mid == mpmath.mpf("0.125") and iv.radius == mpmath.mpf("1.375")
    assert iv.width == mpmath.mpf("2.75")
    assert iv.contains("1.5") and iv.contains(-1) and iv.contains(mpmath.mpf("0.3"))
    assert not iv.contains("1.5000000000000000000000000000001") and not iv.contains(2.0)
    assert iv.contains(Interval.from_strings("0", "1")) and not iv.contains(Interval.from_strings("0", "2"))
    assert iv.contains(Fraction(3, 2)) and iv.contains(Decimal("-1.25"))
    assert iv.as_strings(3) == ("-1.25", "1.50")
    assert "Interval(" in repr(iv) and str(iv).startswith("[")
    assert Interval.from_strings("2", "2").rel_width == 0
    with pytest.raises(InvalidParameterError):
        Interval(mpmath.mpf(2), mpmath.mpf(1))
    with pytest.raises(InvalidParameterError):
        iv.as_strings(0)


def test_interval_contains_with_tolerance():
    iv = Interval.from_strings("1", "1")
    assert not iv.contains("1.0000001")
    assert iv.contains("1.0000001", rel_tol="1e-6") and not iv.contains("1.00001", rel_tol="1e-6")


@pytest.mark.parametrize("lo, hi", [("1.23456789012345678901e-4457", "1.23456789012345679e-4457"),
                                    ("-7.0000000000000000001", "-6.9999999999999999999"),
                                    ("-3e-30", "5e-31"), ("9.99999999999999999999", "10.0000000000000000001")])
@pytest.mark.parametrize("digits", [1, 5, 17, 40])
def test_as_strings_round_outwards(lo, hi, digits):
    iv = Interval.from_strings(lo, hi)
    s_lo, s_hi = iv.as_strings(digits)
    assert Fraction(Decimal(s_lo)) <= frac(iv.lower) and frac(iv.upper) <= Fraction(Decimal(s_hi))
    for s in (s_lo, s_hi):
        mantissa = s.lstrip("-").split("e")[0].replace(".", "")
        assert s == "0" or len(mantissa) == digits, s
    # the strings are an enclosure: a number just inside the interval is inside them
    assert Interval.from_strings(s_lo, s_hi).contains(iv)


# ----------------------------------------------------------------------------- inputs in Arb
def test_pmns_arb_matches_generated_pmns():
    args = ("0.307", "0.0218", "0.545", "197", "33.5", "-120")
    with flint.ctx.workprec(200):
        u = certified.pmns_arb(*args)
    with mpmath.workdps(60):
        angles = [mpmath.asin(mpmath.sqrt(mpmath.mpf(s))) for s in args[:3]]
        ref = pmns(*angles, *[mpmath.mpf(p) * mpmath.pi / 180 for p in args[3:]])
        for row_b, row_r in zip(u, ref, strict=True):
            for b, v in zip(row_b, row_r, strict=True):
                assert abs(mpmath.mpc(v) - cmid(b)) < mpmath.mpf("1e-55")
                assert b.real.rad() < 1e-55 and b.imag.rad() < 1e-55


def test_charges_and_model_balls():
    m = Model.from_preset(lightest="1e-9", nature="majorana", delta=90, alpha21=30)
    with flint.ctx.workprec(300):
        masses, mixing, source = certified._model_balls(m)
        assert source == "preset"          # recomputed from the exact decimals, consistent with the store
        q = certified.charge_matrix_arb(flint.arb(26), flint.arb(30), mixing)
    with mpmath.workdps(100):
        ref = charge_matrix(26, 30, m.mixing)
        for row_b, row_r in zip(q, ref, strict=True):
            for b, v in zip(row_b, row_r, strict=True):
                assert abs(cmid(b) - v) < mpmath.mpf("1e-85")
    for b, s in zip(masses, m.masses, strict=True):
        assert certified._stored_matches(b, s)
    custom = Model(nature="dirac", masses=m.masses, mixing=m.mixing)
    with flint.ctx.workprec(100):
        assert certified._model_balls(custom)[2] == "stored"


def test_materials_use_exact_means():
    with flint.ctx.workprec(200):
        z, n = certified._source_balls("H2O")
        assert z.contains(flint.arb(10) / 3) and z.rad() < 1e-55   # Fraction(10, 3), not a rounded mpf


# ----------------------------------------------------------------------------- the kernel pieces
@pytest.mark.parametrize("nature", ["dirac", "majorana"])
def test_kernels_symmetric_in_the_masses(nature):
    """Channels (i, j) and (j, i) are summed with one integral: g_k(m_i, m_j) = g_k(m_j, m_i) exactly."""
    from nusym.numeric.kernels import structure

    for k in range(len(terms(nature))):
        c1, f1 = structure(nature, k, certified._MI, certified._MJ)
        c2, f2 = structure(nature, k, certified._MJ, certified._MI)
        norm = [sorted((tuple(tuple(sorted(certified._Poly.coerce(c).terms.items())) for c in cs), e)
                       for cs, e in f) for f in (f1, f2)]
        assert c1 == c2 and norm[0] == norm[1]


@pytest.mark.parametrize("nature", ["dirac", "majorana"])
@pytest.mark.parametrize("masses", [("0.05", "0.0087"), ("0", "0.05"), ("0.1", "0.1"), ("0", "0")])
def test_integrand_and_tail_bound(nature, masses):
    """G(x) of the channel equals sum_k w_k g_k(x) (kernels.g_mp), and C x^B bounds it beyond X."""
    with mpmath.workdps(60):
        mi, mj = (mpmath.mpf(m) for m in masses)
    with flint.ctx.workprec(200):
        ami, amj = (flint.arb(m) for m in masses)
        ws = [flint.arb(3), flint.arb(-2)][:len(terms(nature))]
        groups = []
        for grp in certified._channel_structure(nature, ami.is_zero(), amj.is_zero()):
            num = None
            for const, index, N in grp.numerator:
                cs = [c.evaluate(ami, amj) * ws[index] * const.numerator / const.denominator for c in N]
                num = cs if num is None else [a + b for a, b in zip(
                    [flint.arb(0)] * (len(cs) - len(num)) + num, [flint.arb(0)] * (len(num) - len(cs)) + cs,
                    strict=True)]
            groups.append((grp.a2, num, [c.evaluate(ami, amj) for c in grp.H], [c.evaluate(ami, amj) for c in grp.D]))
        rinv = flint.arb(1)
        f = certified._Integrand(groups, rinv)
        X = flint.arb("0.3")
        C, B = f.tail_constant(X)
        with mpmath.workdps(50):
            gs = [g_mp(nature, k, mi, mj) for k in range(len(terms(nature)))]
            for xs in ("0.3", "0.31", "0.7", "3", "40", "1e4", "1e9"):
                x = mpmath.mpf(xs)
                ref = sum(mid(ws[k]) * gs[k](x) for k in range(len(gs)))
                y = flint.acb(flint.arb(xs).sqrt())
                val = f.g(flint.acb(flint.arb(xs)), y, False)
                assert abs(mid(val.real) - ref) <= mpmath.mpf("1e-40") * abs(ref) + mpmath.mpf("1e-60")
                bound = mid(C.upper()) * x ** (mpmath.mpf(B.numerator) / B.denominator)
                assert abs(ref) <= bound * (1 + mpmath.mpf("1e-45"))   # equality for massless (x^3)


# ----------------------------------------------------------------------------- agreement with the routes
def _check_routes(m, a, b, r, dps, kind, methods):
    fn = nusym.potential if kind == "V" else nusym.force
    [iv] = potential_intervals(m, a, b, [r], dps=dps, kind=kind)
    tol = f"1e-{dps + 5}"
    for method in methods:
        v = fn(float(r), a, b, model=m, dps=dps + 5, method=method)
        assert iv.contains(v, rel_tol=tol), (method, iv, v)
        # the value moved by 10 requested widths (10 * 10^-dps relative) is outside
        with mpmath.workdps(dps + 60):
            shift = 10 * mpmath.mpf(10) ** -dps * abs(v)
            assert not iv.contains(v + shift, rel_tol=tol) and not iv.contains(v - shift, rel_tol=tol)
    return iv


@pytest.mark.parametrize("name", list(CONFIGS))
def test_contains_the_integral_route(name):
    m = model(name)
    for r in ("1e-9", "1e-6", "1e-3"):
        _check_routes(m, "Fe-56", "W", r, 15, "V", ["integral"])


def test_contains_adaptive_and_closed_routes():
    m = model("NO-0-dirac")
    _check_routes(m, "Fe-56", "Fe-56", "2e-6", 15, "V", ["adaptive", "closed"])


def test_massless_is_eq8():
    base = Model.from_preset()
    m0 = Model(nature="majorana", masses=[0, 0, 0], mixing=base.mixing)
    [iv] = potential_intervals(m0, "Fe-56", "Fe-56", ["3e-6"], dps=30)
    v = nusym.potential(3e-6, "Fe-56", "Fe-56", model=m0, dps=35, method="massless")
    assert iv.contains(v, rel_tol="1e-35")
    with mpmath.workdps(60):     # Eq. (8) directly: G_F^2/(16 pi^3 r^5) sum_alpha Q_A Q_B
        gf = mpmath.mpf("1.1663788e-23")
        hc = mpmath.mpf("6.62607015e-34") * 299792458 / (2 * mpmath.pi * mpmath.mpf("1.602176634e-19"))
        r = mpmath.mpf("3e-6") / hc
        eq8 = gf ** 2 / (16 * mpmath.pi ** 3 * r ** 5) * (22 * 22 + 2 * 30 * 30)
        assert iv.contains(eq8, rel_tol="1e-55")
        # and a value 10 widths away is not
        assert not iv.contains(eq8 + 10 * iv.width) and not iv.contains(eq8 - 10 * iv.width)


def test_force_contains_routes():
    m = model("IO-0.1-majorana-phases")
    for r in ("1e-8", "1e-5"):
        iv = _check_routes(m, "W", "SiO2", r, 15, "F", ["integral"])
        assert iv.lower > 0     # repulsive here


# ----------------------------------------------------------------------------- width
@pytest.mark.parametrize("dps", [15, pytest.param(30, marks=pytest.mark.slow)])
@pytest.mark.parametrize("name", list(CONFIGS))
def test_width_bound(name, dps):
    m = model(name)
    models = [m, m.with_nature("majorana" if m.nature == "dirac" else "dirac")] if dps == 15 else [m]
    for mod in models:   # both natures at dps=15
        for kind in ("V", "F"):
            for iv in potential_intervals(mod, "Fe-56", "Fe-56", R_SPAN, dps=dps, kind=kind):
                assert iv.rel_width <= mpmath.mpf(10) ** -dps, (mod.nature, kind, iv)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(CONFIGS))
def test_width_bound_100_digits(name):
    for kind in ("V", "F"):
        ivs = potential_intervals(model(name), "Fe-56", "W", R_SPAN, dps=100, kind=kind)
        for _r, iv in zip(R_SPAN, ivs, strict=True):
            assert iv.rel_width <= mpmath.mpf(10) ** -100
        fn = nusym.potential if kind == "V" else nusym.force
        v = fn(1e-6, "Fe-56", "W", model=model(name), dps=105)
        assert ivs[1].contains(v, rel_tol="1e-105")


@pytest.mark.slow
@pytest.mark.parametrize("name", list(CONFIGS))
def test_contains_every_route_strictly(name):
    """A reference 25 digits beyond the request lies in the interval with no tolerance at all
    (up to its own 10^-55), over the whole span, for V and F; the adaptive and closed routes too."""
    m = model(name)
    for kind in ("V", "F"):
        fn = nusym.potential if kind == "V" else nusym.force
        ivs = potential_intervals(m, "Fe-56", "W", R_SPAN, dps=30, kind=kind)
        for r, iv in zip(R_SPAN, ivs, strict=True):
            assert iv.contains(fn(float(r), "Fe-56", "W", model=m, dps=55), rel_tol="1e-55")
    _check_routes(m, "Cu", "W", "1e-6", 20, "V", ["adaptive", "closed"])


# ----------------------------------------------------------------------------- n != 3, cancellation
def test_fourth_decoupled_state_gives_the_same_interval():
    m3 = Model.from_preset(lightest="0.01", nature="majorana", delta=60, alpha21=30)
    c3 = Model(nature="majorana", masses=m3.masses, mixing=m3.mixing)
    c4 = Model(nature="majorana", masses=list(m3.masses) + ["0.3"], mixing=[list(row) + [0] for row in m3.mixing])
    rs = ["1e-7", "2e-5"]
    for x, y, z in zip(*(potential_intervals(m, "Cu", "SiO2", rs, dps=15) for m in (m3, c3, c4)), strict=True):
        # the same arithmetic up to Arb's cached constants (last bits of the radii)
        assert abs(y.lower - z.lower) <= y.width / 100 and abs(y.upper - z.upper) <= y.width / 100
        assert x.contains(y.mid) and y.contains(x.mid)     # stored vs exact decimals of the preset


def test_cancellation_resolved_with_more_precision():
    """H-1 against H-3 (Q^e = 0): the flavour sum of Eq. (8) vanishes and V is ~1e-20 of the channels."""
    m = Model.from_preset()
    [iv] = potential_intervals(m, "H-1", "H-3", ["1e-9"], dps=15)
    assert iv.rel_width <= mpmath.mpf("1e-15")
    assert abs(iv.mid) < mpmath.mpf("1e-18") * iv.scale          # a genuine cancellation


@pytest.mark.slow
def test_cancellation_contains_the_routes():
    m = Model.from_preset(nature="majorana", alpha21=120)
    for r in ("1e-9", "1e-7"):
        [iv] = potential_intervals(m, "H-1", "H-3", [r], dps=20)
        assert iv.rel_width <= mpmath.mpf("1e-20")
        assert iv.contains(nusym.potential(float(r), "H-1", "H-3", model=m, dps=25), rel_tol="1e-25")


def test_exact_zero_gets_the_absolute_guarantee():
    """Massless: V(H-1, H-3) = 0 exactly; the interval contains 0 and is 10^-dps of the channel sum."""
    base = Model.from_preset()
    m0 = Model(nature="dirac", masses=[0, 0, 0], mixing=base.mixing)
    [iv] = potential_intervals(m0, "H-1", "H-3", ["1e-6"], dps=15)
    assert iv.contains(0) and iv.scale > 0
    assert iv.width <= mpmath.mpf("1e-15") * iv.scale


def test_verification_error_when_no_enclosure(monkeypatch):
    monkeypatch.setattr(certified, "_channel_integral",
                        lambda *args: flint.arb(1, 1))   # an enclosure as wide as its value
    with pytest.raises(VerificationError):
        potential_intervals(Model.from_preset(), "Fe-56", "Fe-56", ["1e-6"], dps=15)


# ----------------------------------------------------------------------------- inputs
def test_r_inputs_and_errors():
    m = Model.from_preset()
    ivs = potential_intervals(m, "Fe-56", "Fe-56", ["1e-6", 1e-6, Decimal("1e-6"), "1um", "1 um",
                                                    mpmath.mpf("1e-6"), Fraction(1, 10**6)], dps=20)
    for k, iv in enumerate(ivs):   # the same exact 10^-6 m, except the binary mpf
        if k != 5:
            assert ivs[0].contains(iv.mid) or iv.contains(ivs[0].mid), k
    assert ivs[0].contains(ivs[5].mid, rel_tol="1e-15") and not ivs[0].contains(ivs[5].mid)   # binary 1e-6
    assert potential_intervals(m, "Fe-56", "Fe-56", "1e-6", dps=15)[0].contains(ivs[0].mid)
    with pytest.raises(InvalidLengthError):
        potential_intervals(m, "Fe-56", "Fe-56", ["-1e-6"], dps=15)
    with pytest.raises(InvalidLengthError):
        potential_intervals(m, "Fe-56", "Fe-56", ["1 parsec"], dps=15)
    with pytest.raises(InvalidLengthError):
        potential_intervals(m, "Fe-56", "Fe-56", [], dps=15)
    with pytest.raises(InvalidOptionError):
        potential_intervals(m, "Fe-56", "Fe-56", ["1e-6"], dps=15, kind="E")
    with pytest.raises(InvalidOptionError):
        potential_intervals("dirac", "Fe-56", "Fe-56", ["1e-6"], dps=15)
    with pytest.raises(nusym.NusymError):
        potential_intervals(m, "Fe-56", "Fe-56", ["1e-6"], dps=2)


def test_extreme_distances():
    """The whole accepted range of r (1e-20 m .. 1e20 m): V ~ 10^-(4.4e25) is still an enclosure."""
    m = Model.from_preset(lightest="0.1", nature="majorana", alpha21=90)
    short, far = potential_intervals(m, "Fe-56", "W", ["1e-20", "1e20"], dps=20)
    for iv in (short, far):
        assert iv.rel_width <= mpmath.mpf("1e-20")
        lo, hi = iv.as_strings(12)
        assert len(lo.split("e")[0].lstrip("-").replace(".", "")) == 12
    assert far.upper < 0 and far.as_strings(6)[0].endswith("e-44017749715966744970763063")
    assert short.contains(nusym.potential(1e-20, "Fe-56", "W", model=m, dps=25), rel_tol="1e-25")


def test_flint_precision_restored():
    before = flint.ctx.prec
    potential_intervals(Model.from_preset(), "Fe-56", "Fe-56", ["1e-6"], dps=15)
    assert flint.ctx.prec == before


def test_import_is_cheap():
    code = "import sys, nusym.numeric.certified; print('flint' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
