"""The symbolic layer is pure SymPy, and its long-distance series follows the numeric
route's order convention.

* no module of ``nusym.symbolic`` imports argparse, mpmath, numpy or scipy (checked on
  the source with ast; SymPy itself imports mpmath, so ``sys.modules`` cannot tell);
* the derive texts take plain keywords, ``normalise_nature`` is ``nusym.inputs.check_nature``,
  ``charge_matrix_numeric`` is gone (``nusym.charges.charge_matrix`` computes the numbers);
* order N of the Watson series keeps every term of V through r^(-5/2-N), for every
  channel and absorptive term: the symbolic series, lambdified to mpmath here, agree with
  ``nusym.numeric.series.long_distance_transform`` to 25 digits;
* Eq. (9)'s b_0, b_1 are unchanged; ``derive asymptotic`` refuses orders above its bound;
* the short-distance constant C, now evaluated by SymPy's evalf, matches an independent
  mpmath quadrature.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import mpmath
import pytest
import sympy as sp

from nusym.errors import InvalidOptionError, NusymError
from nusym.inputs import MAX_ORDER, check_nature
from nusym.numeric.series import kept_terms as numeric_kept_terms
from nusym.numeric.series import long_distance_transform as numeric_transform
from nusym.symbolic import absorptive, charges, closed, report
from nusym.symbolic.absorptive import absorptive_terms, kernel_in_x
from nusym.symbolic.asymptotic import (
    DERIVE_MAX_ORDER,
    compare_with_eq9,
    derive_asymptotic_text,
    derived_eq9_coefficients,
    kept_terms,
    large_t_coefficients,
    long_distance_series,
    long_distance_transform,
    short_distance_series,
)
from nusym.symbolic.symbols import m, m_i, m_j, mu, r, t_ij, x

SYMBOLIC_DIR = Path(__file__).resolve().parent.parent / "nusym" / "symbolic"
BANNED = {"argparse", "mpmath", "numpy", "scipy"}

#: (nature, term index, weight, kernel) for the three absorptive terms
TERMS = [(nat, k, term.weight, term.kernel) for nat in ("dirac", "majorana")
         for k, term in enumerate(absorptive_terms(nat))]
TERM_IDS = [f"{nat}-{w}" for nat, _, w, _ in TERMS]


# ----------------------------------------------------------------------------- purity
@pytest.mark.parametrize("path", sorted(SYMBOLIC_DIR.glob("*.py")), ids=lambda p: p.name)
def test_symbolic_modules_import_only_sympy(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name.split(".")[0] for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append(node.module.split(".")[0])
    assert not BANNED & set(found), (path.name, sorted(BANNED & set(found)))


def test_derive_texts_take_plain_keywords():
    funcs = [report.derive_couplings_text, report.derive_charges_text, report.derive_absorptive_text,
             report.derive_threshold_text, closed.derive_closed_form_text, closed.derive_massless_text,
             derive_asymptotic_text]
    for f in funcs:
        params = inspect.signature(f).parameters.values()
        assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params), f.__name__
        assert {p.name for p in params} <= {"nature", "order", "latex", "current"}, f.__name__
    assert "sin^2(theta_W) cancels: True" in report.derive_charges_text()
    assert "P-wave" in report.derive_threshold_text(nature="M")
    assert "\\sum_{\\alpha}" in closed.derive_massless_text(latex=True)


def test_normalise_nature_is_the_input_validator():
    assert absorptive.normalise_nature is check_nature
    with pytest.raises(InvalidOptionError):
        absorptive.normalise_nature("weyl")


def test_symbolic_charges_match_the_numeric_charges():
    """charge_matrix_numeric is gone: the derived Q^ij (symbolic PMNS, numbers substituted)
    equals nusym.charges.charge_matrix on the model's mixing matrix."""
    from nusym.model import Model
    from nusym.symbolic.symbols import alpha21, alpha31, delta, theta12, theta13, theta23

    assert not hasattr(charges, "charge_matrix_numeric")
    from nusym.presets import load_parameters

    model = Model.from_preset("nufit-6.0", ordering="normal", nature="majorana", delta="212",
                              alpha21="40", alpha31="-70")
    params = dict(model.origin)
    p = load_parameters("nufit-6.0", "normal")
    with mpmath.workdps(40):
        def angle(s2):
            return sp.Float(mpmath.asin(mpmath.sqrt(mpmath.mpf(str(s2)))), 40)

        values = {theta12: angle(p.sin2_th12), theta13: angle(p.sin2_th13), theta23: angle(p.sin2_th23),
                  delta: sp.rad(sp.Rational(params["delta_deg"])),
                  alpha21: sp.rad(sp.Rational(params["alpha21_deg"])),
                  alpha31: sp.rad(sp.Rational(params["alpha31_deg"]))}
        q_sym = charges.charge_matrix(26, 30).subs(values)
        q_num = model.charges(26, 30)
        for i in range(3):
            for j in range(3):
                re, im = sp.N(q_sym[i, j], 35).as_real_imag()
                diff = abs(mpmath.mpc(str(re), str(im)) - q_num[i][j])
                assert diff < mpmath.mpf("1e-25") * 60, (i, j, re, im, q_num[i][j])


# ----------------------------------------------------------------------------- order convention
@pytest.mark.parametrize("a", [sp.Rational(1, 2), sp.Rational(3, 2), 2, 3])
def test_kept_terms_is_the_numeric_convention(a):
    from fractions import Fraction

    fa = Fraction(int(sp.numer(a)), int(sp.denom(a))) if not isinstance(a, int) else Fraction(a)
    for order in range(MAX_ORDER + 1):
        assert kept_terms(a, order) == numeric_kept_terms(fa, order)
        # V ~ r^-(a+2+n): the last kept power is at most 5/2 + N, the next one beyond it
        count = kept_terms(a, order)
        if count:
            assert a + 2 + (count - 1) <= sp.Rational(5, 2) + order
        assert a + 2 + count > sp.Rational(5, 2) + order


def test_order_1_is_eq9_order_for_both_natures():
    dirac = absorptive_terms("dirac")[0].kernel
    axial, vector = (term.kernel for term in absorptive_terms("majorana"))
    assert len(long_distance_series(dirac, 1).coeffs) == 2          # b_0 r^-5/2 + b_1 r^-7/2
    assert len(long_distance_series(vector, 1).coeffs) == 2
    assert len(long_distance_series(axial, 1).coeffs) == 1          # P-wave: from r^-7/2
    for kernel in (dirac, axial, vector):
        # one massless partner (V ~ r^-4): nothing at order 1, one term at order 2
        assert long_distance_transform(kernel, 1, m, 0) == 0
        assert sp.simplify(long_distance_transform(kernel, 2, m, 0) - 24 * m * sp.exp(-m * r) / r**3) == 0
        assert len(long_distance_series(kernel, 4, m_i, 0).coeffs) == 3
        # both massless (V ~ r^-5): exact 12/r^4 from order 3
        assert long_distance_transform(kernel, 2, 0, 0) == 0
        ser = long_distance_series(kernel, 3, 0, 0)
        assert ser.exact and ser.expr() == 12 / r**4
        assert long_distance_series(kernel, MAX_ORDER, 0, 0).expr() == 12 / r**4


def test_longer_series_extend_shorter_ones():
    for _, _, _, kernel in TERMS:
        long = long_distance_series(kernel, 6)
        for order in range(6):
            short = long_distance_series(kernel, order)
            assert short.coeffs == long.coeffs[: len(short.coeffs)]


@pytest.mark.parametrize("bad", [-1, MAX_ORDER + 1, 10**6, 1.5, True, "2"])
def test_series_order_is_validated(bad):
    kernel = absorptive_terms("dirac")[0].kernel
    with pytest.raises(InvalidOptionError, match=str(MAX_ORDER)):
        long_distance_series(kernel, bad)


MASSES = [("0.05", "0.0866"), ("0.1", "0.1"), ("0.05", "0"), ("0", "0.0123"), ("0", "0")]


@pytest.mark.parametrize("nature,index,weight,kernel", TERMS, ids=TERM_IDS)
@pytest.mark.parametrize("mi,mj", MASSES, ids=["generic", "equal", "partner", "partner2", "massless"])
def test_symbolic_series_equals_numeric_series(nature, index, weight, kernel, mi, mj):
    """The symbolic Watson series, lambdified to mpmath, against nusym.numeric.series, 25 digits."""
    for order in (0, 1, 2, 3, 6):
        expr = long_distance_transform(kernel, order, sp.Rational(mi), sp.Rational(mj))
        f = sp.lambdify(r, expr, "mpmath")
        with mpmath.workdps(45):
            for rr in ("300", "4.5e4"):
                sym = mpmath.mpf(f(mpmath.mpf(rr)))
                num = numeric_transform(nature, index, mpmath.mpf(mi), mpmath.mpf(mj), mpmath.mpf(rr), order)
                if num == 0 or sym == 0:
                    assert sym == num == 0, (order, rr, sym, num)
                else:
                    assert abs(sym / num - 1) < mpmath.mpf("1e-25"), (order, rr, sym, num)


# ----------------------------------------------------------------------------- Eq. (9)
def test_eq9_coefficients_unchanged():
    st = sp.sqrt(t_ij)
    d = compare_with_eq9("dirac")
    assert [row.coincide for row in d.rows] == [True, False]
    assert d.rows[0].derived == 1 and sp.simplify(d.rows[1].derived - 5 * (3 * st - 5 * mu) / (8 * mu * st)) == 0
    mj_ = compare_with_eq9("majorana")
    assert [row.coincide for row in mj_.rows] == [True, True]
    assert mj_.rows[0].derived == 0 and sp.simplify(mj_.rows[1].derived - (3 - 4 * mu / st) / (2 * mu)) == 0
    assert mj_.vector[0] == 2 and sp.simplify(mj_.vector[1] - (9 * st - 17 * mu) / (4 * mu * st)) == 0
    # b_0..b_N at order N, and b_n does not depend on the order asked for
    for term in absorptive_terms("majorana") + absorptive_terms("dirac"):
        b3 = derived_eq9_coefficients(term.kernel, 3)
        assert len(b3) == 4 and derived_eq9_coefficients(term.kernel, 1) == b3[:2]


def test_derive_asymptotic_bound():
    from nusym.cli.derive import DERIVE_MAX_ORDER as CLI_BOUND

    assert CLI_BOUND == DERIVE_MAX_ORDER
    with pytest.raises(InvalidOptionError, match=f"DERIVE_MAX_ORDER = {DERIVE_MAX_ORDER}"):
        derive_asymptotic_text(order=DERIVE_MAX_ORDER + 1)
    with pytest.raises(NusymError):
        derive_asymptotic_text(order=-1)
    text = derive_asymptotic_text(nature="majorana", order=2)
    assert "through r^(-5/2-2)" in text and "b_2: derived" in text


# ----------------------------------------------------------------------------- short distance
def _independent_constant(kernel, mi, mj):
    """C = -f0 s^4/2 - f1 s^2 - 2 f2 (EulerGamma + log s) + Int_0^oo R(x) dx, with mpmath.quad
    on [0, X], X = 1e5 s, at 120 digits (R cancels like x^6 against 2 f0 u^3), and the tail
    beyond X from R ~ 2 f3/u^3 + 2 f4/u^5 + 2 f5/u^7 (a 1e-10 relative correction)."""
    f = [sp.Rational(v) for v in large_t_coefficients(kernel, 6, mi, mj)]
    g = sp.lambdify(x, kernel_in_x(kernel).subs({m_i: mi, m_j: mj}), "mpmath")
    with mpmath.workdps(120):
        F = [mpmath.mpf(c.p) / c.q for c in f]
        s = mpmath.mpf(sp.Rational(mi + mj).p) / sp.Rational(mi + mj).q

        def R(xx):
            u = s + xx
            return g(xx) - 2 * F[0] * u**3 - 2 * F[1] * u - 2 * F[2] / u

        X = 10**5 * s
        head = mpmath.quad(R, [0, s / 4, s, 10 * s, 100 * s, 1000 * s, 10**4 * s, X - s])
        tail = sum(2 * F[k] * X ** (4 - 2 * k) / (2 * k - 4) for k in (3, 4, 5))
        return -F[0] * s**4 / 2 - F[1] * s**2 - 2 * F[2] * (mpmath.euler + mpmath.log(s)) + head + tail


@pytest.mark.parametrize("which", [
    "majorana-axial",
    pytest.param("dirac-dirac", marks=pytest.mark.slow),
    pytest.param("majorana-vector", marks=pytest.mark.slow),
])
def test_short_distance_constant_with_sympy_evalf(which):
    kernel = {f"{n}-{w}": k for n, _, w, k in TERMS}[which]
    mi, mj = sp.Rational(1, 10), sp.Rational(1118, 10000)
    const = short_distance_series(kernel, 4, mi, mj, dps=30).constant
    assert isinstance(const, sp.Float)
    ref = _independent_constant(kernel, mi, mj)
    with mpmath.workdps(40):
        assert abs(mpmath.mpf(str(const)) / ref - 1) < mpmath.mpf("1e-27"), (const, ref)
