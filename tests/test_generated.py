"""The generated derived expressions (nusym/generated) against a fresh SymPy derivation.

Regenerate-and-diff: every module of :mod:`nusym.generated` must equal the text
:func:`nusym.symbolic.codegen.render` produces now, so the derivation stays the
source of truth. Then the numeric back-ends of :mod:`nusym.numeric.kernels`
(mpmath, gmpy2, NumPy, Watson series) are checked against the SymPy expressions
they were generated from (an independent evaluation: ``sympy.lambdify`` of
``kernel_in_x`` and of the closed forms).
"""

from __future__ import annotations

import mpmath
import numpy as np
import pytest
import sympy as sp

from nusym.generated import closed as generated_closed
from nusym.numeric import kernels
from nusym.symbolic import codegen
from nusym.symbolic.absorptive import FAMILIES, family_terms, kernel_in_x
from nusym.symbolic.closed import closed_form_transform
from nusym.symbolic.symbols import m, m_i, m_j, r, x

# every kernel family: the Standard Model natures and the currents beyond V-A (<nature>_va, <nature>_sp)
TERMS = [(fam, index) for fam in FAMILIES for index in range(len(kernels.terms(fam)))]
MASSES = [("0", "0"), ("0.1", "0"), ("0.05", "0.05"), ("0.05", "0.0086"), ("1e-9", "0.1")]


@pytest.mark.parametrize("name", codegen.MODULES)
def test_generated_module_equals_fresh_derivation(name):
    committed = codegen.generated_path(name).read_text(encoding="utf-8")
    assert committed == codegen.render(name), (
        f"nusym/generated/{name}.py differs from a fresh derivation: run python -m nusym.symbolic.codegen")


def _sympy_g(nature, index):
    expr = kernel_in_x(family_terms(nature)[index].kernel)
    return sp.lambdify((x, m_i, m_j), expr, modules="mpmath")


@pytest.mark.parametrize("nature,index", TERMS)
@pytest.mark.parametrize("mi,mj", MASSES)
def test_kernel_backends_equal_sympy_expression(nature, index, mi, mj):
    ref = _sympy_g(nature, index)
    xs = ["1e-6", "0.003", "0.2", "7", "400"]
    with mpmath.workdps(40):
        mmi, mmj = mpmath.mpf(mi), mpmath.mpf(mj)
        g = kernels.g_mp(nature, index, mmi, mmj)
        g1 = kernels.g_mp(nature, index, mmi, mmj, kind="T1")
        nodes = [mpmath.mpf(v) for v in xs]
        mpfr = kernels.g_mpfr_values(nature, index, mmi, mmj, nodes)
        for xv, via_mpfr in zip(nodes, mpfr, strict=True):
            want = ref(xv, mmi, mmj)
            assert abs(g(xv) / want - 1) < mpmath.mpf(10) ** -35
            assert abs(via_mpfr / want - 1) < mpmath.mpf(10) ** -35
            assert abs(g1(xv) / (want * (mmi + mmj + xv)) - 1) < mpmath.mpf(10) ** -35
        dbl = kernels.g_numpy(nature, index, np.array([float(v) for v in xs]), float(mi), float(mj))
        want = np.array([float(ref(v, mmi, mmj)) for v in nodes])
        assert np.allclose(dbl, want, rtol=1e-13, atol=0)


@pytest.mark.parametrize("nature,index", TERMS)
@pytest.mark.parametrize("mi,mj", [("0.1", "0.1"), ("0.1", "0"), ("0.05", "0.0086"), ("0", "0")])
def test_watson_coefficients_equal_sympy_series(nature, index, mi, mj):
    """g(x) = x^a sum h_n x^n: the numeric power series against sympy.series of kernel_in_x."""
    count = 5
    expr = kernel_in_x(family_terms(nature)[index].kernel).subs(
        {m_i: sp.Rational(mi), m_j: sp.Rational(mj)}, simultaneous=True)
    with mpmath.workdps(30):
        a, h = kernels.watson_coefficients(nature, index, mi, mj, count)
        reduced = sp.expand(sp.simplify(expr / x ** sp.Rational(a.numerator, a.denominator)))
        ser = sp.series(reduced, x, 0, count).removeO()
        for n in range(count):
            want = sp.N(ser.coeff(x, n), 40)
            got = h[n]
            if want == 0:
                assert abs(got) < mpmath.mpf(10) ** -25
            else:
                assert abs(got / mpmath.mpf(str(want)) - 1) < mpmath.mpf(10) ** -25


@pytest.mark.parametrize("nature", FAMILIES)
def test_generated_closed_forms_equal_sympy(nature):
    for term in family_terms(nature):
        for case, args in codegen.CLOSED_CASES:
            expr = closed_form_transform(term.kernel, *args)
            ref = sp.lambdify((r, m), expr, modules="mpmath")
            ref1 = sp.lambdify((r, m), -sp.diff(expr, r), modules="mpmath")
            f = getattr(generated_closed, f"T_{nature}_{term.label}_{case}")
            f1 = getattr(generated_closed, f"T1_{nature}_{term.label}_{case}")
            with mpmath.workdps(30):
                for rv, mv in (("3", "0.1"), ("50", "0.05")):
                    rr, mm = mpmath.mpf(rv), mpmath.mpf(mv)
                    assert abs(f(rr, mm) / ref(rr, mm) - 1) < mpmath.mpf(10) ** -25
                    assert abs(f1(rr, mm) / ref1(rr, mm) - 1) < mpmath.mpf(10) ** -25


def test_numeric_path_does_not_import_sympy():
    import subprocess
    import sys

    code = ("import sys, nusym; v = nusym.potential('1um', 'Fe-56', 'Fe-56', dps=20); "
            "w = nusym.potential([1e-6, 2e-6], 'W', 'Be', dps=None); "
            "print(sorted(m for m in ('sympy', 'scipy', 'matplotlib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.slow
def test_packaged_equations_equal_fresh_derivation():
    """nusym/generated/equations.json (what `nusym reproduce` writes as equations.tex) is a fresh derivation."""
    from importlib import resources

    from nusym import latexdoc

    committed = resources.files("nusym.generated").joinpath(latexdoc.EQUATIONS_JSON).read_text(encoding="utf-8")
    assert committed == latexdoc.render_equations_json(), (
        "nusym/generated/equations.json differs from a fresh derivation: run python -m nusym.latexdoc")
