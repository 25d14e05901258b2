"""Every place where the derivation differs from the printed equation, printed and derived side by side (Eq. 6
Majorana, Eq. 9).

Segarra & Bernabeu, Phys. Rev. D 101, 093004 (2020). The expressions are derived
by the symbolic core (nusym.symbolic) and formatted by
:func:`nusym.latexdoc.comparison_derivation`; nothing is typed in here.

Run:  python derivations/comparison.py [OUTDIR]   (default: derivations/output)
Writes comparison.tex (a standalone LaTeX document) and comparison.json (SymPy str and srepr of
every derived expression, and the boolean checks).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(HERE.parent))

NAME = "comparison"


def main(outdir: Any = HERE / "output") -> list[str]:
    """Write ``comparison.tex`` and ``comparison.json`` into ``outdir``; return their paths."""
    from nusym.latexdoc import write_derivation

    return write_derivation(NAME, outdir)


if __name__ == "__main__":
    for path in main(sys.argv[1] if len(sys.argv) > 1 else HERE / "output"):
        print(f"wrote {path}")
