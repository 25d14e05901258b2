"""Closed forms of the transform T(r) of Eq. (1): equal masses (modified Bessel K_n), one massless partner
(exponential integral), both massless.

Segarra & Bernabeu, Phys. Rev. D 101, 093004 (2020). The expressions are derived
by the symbolic core (nusym.symbolic) and formatted by
:func:`nusym.latexdoc.closed_forms_derivation`; nothing is typed in here.

Run:  python derivations/closed_forms.py [OUTDIR]   (default: derivations/output)
Writes closed_forms.tex (a standalone LaTeX document) and closed_forms.json (SymPy str and srepr of
every derived expression, and the boolean checks).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(HERE.parent))

NAME = "closed_forms"


def main(outdir: Any = HERE / "output") -> list[str]:
    """Write ``closed_forms.tex`` and ``closed_forms.json`` into ``outdir``; return their paths."""
    from nusym.latexdoc import write_derivation

    return write_derivation(NAME, outdir)


if __name__ == "__main__":
    for path in main(sys.argv[1] if len(sys.argv) > 1 else HERE / "output"):
        print(f"wrote {path}")
