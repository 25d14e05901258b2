"""The LaTeX that nusym writes compiles with pdflatex (issue 6)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.latex

PDFLATEX = shutil.which("pdflatex")
needs_pdflatex = pytest.mark.skipif(
    PDFLATEX is None,
    reason="pdflatex not found on PATH (install texlive-latex-base, texlive-latex-recommended, "
    "texlive-fonts-recommended; .ci/run does)",
)
OUTPUT = Path(__file__).resolve().parent.parent / "derivations" / "output"


def compile_tex(tex: str, tmp_path: Path, name: str = "doc") -> Path:
    src = tmp_path / f"{name}.tex"
    src.write_text(tex)
    proc = subprocess.run(
        [PDFLATEX, "-interaction=nonstopmode", "-halt-on-error", src.name],
        cwd=tmp_path, capture_output=True, text=True, timeout=240,
    )
    log = (tmp_path / f"{name}.log").read_text(errors="replace") if (tmp_path / f"{name}.log").exists() else ""
    assert proc.returncode == 0, f"pdflatex failed on {name}.tex:\n" + (log or proc.stdout)[-3000:]
    pdf = tmp_path / f"{name}.pdf"
    assert pdf.is_file() and pdf.read_bytes()[:4] == b"%PDF"
    return pdf


@needs_pdflatex
def test_table1_compiles(tmp_path):
    from nusym.reproduce import table1_rows, table1_tex

    compile_tex(table1_tex(table1_rows(), "segarra2020"), tmp_path, "table1")


@needs_pdflatex
@pytest.mark.parametrize("name", ["couplings_charges", "absorptive", "massless", "closed_forms",
                                  "asymptotic", "comparison"])
def test_committed_derivation_compiles(name, tmp_path):
    compile_tex((OUTPUT / f"{name}.tex").read_text(), tmp_path, name)


@needs_pdflatex
@pytest.mark.slow
def test_equations_tex_compiles(tmp_path):
    from nusym.reproduce import packaged_equations

    # the packaged text (tests/test_generated.py keeps it equal to a fresh derivation)
    tex = packaged_equations()["tex"]
    compile_tex(tex, tmp_path, "equations")
    log = (tmp_path / "equations.log").read_text(errors="replace")
    wide = [float(w) for w in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\)", log)]
    assert not [w for w in wide if w > 1.0], wide


def test_display_breaks_long_sums():
    import sympy as sp

    from nusym.latexdoc import display

    x = sp.Symbol("x")
    long_sum = sum(sp.Symbol(f"a_{k}") * x**k for k in range(40))
    out = display("f", long_sum)
    assert out.count("\\\\") >= 2 and out.startswith("\\begin{multline*}")
