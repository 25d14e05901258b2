"""Eq. (6): Im M_ij(t) derived from Eqs. (2)-(3) for Dirac and Majorana neutrinos (explicit Dirac traces, phase space,
static sources), compared with the printed Eq. (6); threshold behaviour (S/P wave).

Segarra & Bernabeu, Phys. Rev. D 101, 093004 (2020). The expressions are derived
by the symbolic core (nusym.symbolic) and formatted by
:func:`nusym.latexdoc.absorptive_derivation`; nothing is typed in here.

Run:  python derivations/absorptive.py [OUTDIR]   (default: derivations/output)
Writes absorptive.tex (a standalone LaTeX document) and absorptive.json (SymPy str and srepr of
every derived expression, and the boolean checks).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(HERE.parent))

NAME = "absorptive"


def main(outdir: Any = HERE / "output") -> list[str]:
    """Write ``absorptive.tex`` and ``absorptive.json`` into ``outdir``; return their paths."""
    from nusym.latexdoc import write_derivation

    return write_derivation(NAME, outdir)


if __name__ == "__main__":
    for path in main(sys.argv[1] if len(sys.argv) > 1 else HERE / "output"):
        print(f"wrote {path}")
