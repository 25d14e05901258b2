"""Eqs. (7)-(8): the transform for massless neutrinos and the massless potential V = G_F^2/(16 pi^3 r^5) sum_alpha
Q^alpha_A Q^alpha_B, for both natures.

Segarra & Bernabeu, Phys. Rev. D 101, 093004 (2020). The expressions are derived
by the symbolic core (nusym.symbolic) and formatted by
:func:`nusym.latexdoc.massless_derivation`; nothing is typed in here.

Run:  python derivations/massless.py [OUTDIR]   (default: derivations/output)
Writes massless.tex (a standalone LaTeX document) and massless.json (SymPy str and srepr of
every derived expression, and the boolean checks).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(HERE.parent))

NAME = "massless"


def main(outdir: Any = HERE / "output") -> list[str]:
    """Write ``massless.tex`` and ``massless.json`` into ``outdir``; return their paths."""
    from nusym.latexdoc import write_derivation

    return write_derivation(NAME, outdir)


if __name__ == "__main__":
    for path in main(sys.argv[1] if len(sys.argv) > 1 else HERE / "output"):
        print(f"wrote {path}")
