"""\\input-able LaTeX fragments (issue 16, LaTeX part): layout, notation, compilation.

The fast tests check the printing rules on the packaged derivation; the ``latex``
tests compile every fragment in a two-column article (and revtex4-2 when installed)
and require no overfull box over 1 pt.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import sympy as sp

from nusym import latexdoc as L
from nusym.errors import InvalidOptionError
from nusym.symbolic.symbols import Dm2, m_i, m_j, mbar2, r, t

PDFLATEX = shutil.which("pdflatex")
needs_pdflatex = pytest.mark.skipif(PDFLATEX is None, reason="pdflatex not found on PATH (.ci/run installs texlive)")


@pytest.fixture(scope="module")
def single():
    return L.fragments("single")


def test_one_fragment_per_result_with_packages_comment(single):
    assert set(single) == {"eq4", "eq5", "eq6", "eq7", "eq8", "eq9", "cmp_eq6", "cmp_eq9", "currents"}
    for name, text in single.items():
        assert text.startswith("% nusym LaTeX fragment"), name
        assert r"\usepackage{amsmath}" in text.splitlines()[1], name
        assert r"\documentclass" not in text and r"\begin{document}" not in text, name
        assert r"\resizebox" not in text and r"\Big(" not in text, name


def test_paper_notation(single):
    eq6 = single["eq6"]
    assert r"\overline{m}^{2}_{ij}" in eq6 and r"\left(\frac{\Delta m^{2}_{ij}}{t}\right)^{2}" in eq6
    # 1 - X/t - (Dm^2/t)^2/2, in this order
    assert re.search(r"\\left\(1 - \\frac\{\\overline\{m\}\^\{2\}_\{ij\}\}\{t\} - \\frac\{1\}\{2\} "
                     r"\\left\(\\frac\{\\Delta m", eq6), eq6
    assert r"e^{-r\sqrt{t_{ij}}}" in single["eq9"] and "e^{r" not in single["eq9"]
    assert L.paper_latex(sp.exp(-r * (m_i + m_j))) == r"e^{- r \sqrt{t_{ij}}}"
    assert L.paper_latex(1 - mbar2 / t - Dm2**2 / (2 * t**2)).startswith(r"1 - \frac{\overline{m}")


def test_generic_masses_is_text():
    tex = (Path(__file__).resolve().parent.parent / "derivations" / "output" / "asymptotic.tex").read_text()
    assert r"\text{generic masses}" in tex and "$generic masses$" not in tex


def test_broken_products_carry_times_and_big_delimiters():
    x, y = sp.symbols("x y")
    sum_a = sum(sp.Symbol(f"a_{k}") * x**k for k in range(6))
    sum_b = sum(sp.Symbol(f"b_{k}") * y**k for k in range(6))
    out = L.display("f", sp.sqrt(1 + t) * sum_a * sum_b / (2 * t**2), width="single")
    assert out.startswith(r"\begin{multline*}")
    lines = out.split("\\\\\n")
    assert len(lines) >= 2
    # the product is broken between its factors: the continuation line starts with \times
    assert any(line.lstrip().startswith(r"\times") for line in lines[1:]), out
    assert out.count(r"\left(") == out.count(r"\right)")
    long_sum = sum(sp.Symbol(f"a_{k}") * x**k for k in range(16))
    out = L.display("f", sp.sqrt(1 + t) * long_sum * (t - m_i) / (2 * t**2), width="single")
    assert r"\bigl(" in out and r"\bigr)" in out and r"\Big" not in out


def test_width_changes_the_layout(single):
    double = L.fragments("double")
    n1 = sum(t.count("multline*") for t in single.values())
    n2 = sum(t.count("multline*") for t in double.values())
    assert n2 < n1
    assert "246 pt" in single["eq6"] and "510 pt" in double["eq6"]
    assert L.layout_width("300pt") == 300.0
    with pytest.raises(InvalidOptionError, match="LaTeX width"):
        L.fragments("wide")
    with pytest.raises(InvalidOptionError):
        L.layout_width(50)


def test_estimated_widths_respect_the_budget(single):
    """Every line's estimate is inside the layout width (the compile test checks the real widths)."""
    for width in (246.0, 510.0):
        for text in L.fragments(width).values():
            for env in re.findall(r"\\begin\{(?:multline|equation)\*\}\n(.*?)\n\\end", text, re.S):
                for line in env.split("\\\\\n"):
                    est = L.tex_width(line)
                    assert est <= width - 10 or line.count(" ") < 3, (width, est, line[:80])


def test_currents_fragment_reduces_to_eq6_for_v_minus_a():
    """The packaged general-current kernels (traces with symbolic c_V, c_A) at c_V = c_A = 1 equal
    the packaged Standard-Model Eq. (6) kernels (a separate trace computation), both natures."""
    ex = L.packaged_fragment_expressions()
    cv, ca = sp.Symbol("c_V", real=True), sp.Symbol("c_A", real=True)
    w = L.WEIGHT_SYMBOLS
    sm = {"dirac": w["dirac"] * ex["eq6_dirac_dirac"],
          "majorana": w["axial"] * ex["eq6_majorana_axial"] + w["vector"] * ex["eq6_majorana_vector"]}
    for nature, expected in sm.items():
        general = ex[f"cur_{nature}_VA"]
        assert general.has(cv) and general.has(ca)
        assert sp.simplify(general.subs({cv: 1, ca: 1}) - expected) == 0
        assert sp.simplify(general.subs({cv: 1, ca: 0}) - expected) != 0  # the current matters


def test_write_fragments(tmp_path):
    paths = L.write_fragments(tmp_path, "double", extra={"table1": "% t\n"})
    names = sorted(Path(p).name for p in paths)
    assert names == sorted(L.fragment_filename(n) for n in [*L.FRAGMENTS, "table1"])
    assert (tmp_path / "fragment_table1.tex").read_text() == "% t\n"


def test_table1_fragment():
    from nusym.reproduce import table1_fragment

    rows = [{"label": "NH", "state": 3, "m0": 0.05, "m1": 0.1118034, "printed0": "0.0500", "printed1": "0.1118"}]
    single = table1_fragment(rows, "segarra2020", "single")
    assert r"\begin{table}" in single and "0.111803" in single and r"\documentclass" not in single
    assert r"\begin{table*}" in table1_fragment(rows, "segarra2020", "double")


# --------------------------------------------------------------------------- compilation
def _compile(tmp_path: Path, doc: str) -> str:
    (tmp_path / "f.tex").write_text(doc)
    proc = subprocess.run([PDFLATEX, "-interaction=nonstopmode", "-halt-on-error", "f.tex"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=240)
    log = (tmp_path / "f.log").read_text(errors="replace")
    assert proc.returncode == 0, log[-3000:]
    return log


def _overfull(log: str) -> list[float]:
    return [float(x) for x in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\)", log)]


def _document(cls: str, frags: dict[str, str], preamble: str = "", onecolumn: bool = False) -> str:
    from nusym.reproduce import table1_fragment

    rows = [{"label": "NH", "state": 3, "m0": 0.05, "m1": 0.1118034, "printed0": "0.0500", "printed1": "0.1118"}]
    body = "\n".join("\\section*{" + n.replace("_", " ") + "}\n" + t for n, t in frags.items())
    return (f"\\documentclass[twocolumn]{{{cls}}}\n{preamble}\\usepackage{{amsmath}}\n\\usepackage{{booktabs}}\n"
            "\\begin{document}\n" + ("\\onecolumn\n" if onecolumn else "") + body + "\n"
            + table1_fragment(rows, "segarra2020", 246 if not onecolumn else 510) + "\n\\end{document}\n")


@needs_pdflatex
@pytest.mark.latex
@pytest.mark.parametrize("width, preamble, onecolumn", [
    # the journal geometry: 246 pt columns of a 510 pt page (revtex4-2's)
    ("single", "\\usepackage[textwidth=510pt,columnsep=18pt]{geometry}\n", False),
    ("double", "\\usepackage[textwidth=510pt,columnsep=18pt]{geometry}\n", True),
    # plain article, two columns: \columnwidth = 229.5 pt
    (229.5, "", False),
])
def test_fragments_compile_without_overfull_boxes(tmp_path, width, preamble, onecolumn):
    log = _compile(tmp_path, _document("article", L.fragments(width), preamble, onecolumn))
    bad = [w for w in _overfull(log) if w > 1.0]
    assert not bad, f"overfull boxes {bad} pt at width {width}"


@needs_pdflatex
@pytest.mark.latex
def test_fragments_compile_in_revtex(tmp_path):
    kpse = shutil.which("kpsewhich")
    found = kpse and subprocess.run([kpse, "revtex4-2.cls"], capture_output=True, text=True).stdout.strip()
    if not found:
        pytest.skip("revtex4-2.cls not installed (apt package texlive-publishers)")
    log = _compile(tmp_path, _document("revtex4-2", L.fragments("single")).replace(
        "[twocolumn]{revtex4-2}", "[aps,prd,twocolumn]{revtex4-2}"))
    assert not [w for w in _overfull(log) if w > 1.0]


def test_reproduce_refuses_a_bad_latex_width_before_touching_the_disk(tmp_path):
    from nusym.reproduce import reproduce

    with pytest.raises(InvalidOptionError, match="LaTeX width"):
        reproduce(str(tmp_path / "out"), latex_width="wide")
    assert not (tmp_path / "out").exists()
