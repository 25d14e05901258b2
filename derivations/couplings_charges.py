"""Eqs. (4), (5), (7): vector couplings from the Standard-Model quantum numbers and the Fierzed charged current;
coherent weak charges Q^ij_W(Z, N); flavour charges and the unitarity identity.

Segarra & Bernabeu, Phys. Rev. D 101, 093004 (2020). The expressions are derived
by the symbolic core (nusym.symbolic) and formatted by
:func:`nusym.latexdoc.couplings_charges_derivation`; nothing is typed in here.

Run:  python derivations/couplings_charges.py [OUTDIR]   (default: derivations/output)
Writes couplings_charges.tex (a standalone LaTeX document) and couplings_charges.json (SymPy str and srepr of
every derived expression, and the boolean checks).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(HERE.parent))

NAME = "couplings_charges"


def main(outdir: Any = HERE / "output") -> list[str]:
    """Write ``couplings_charges.tex`` and ``couplings_charges.json`` into ``outdir``; return their paths."""
    from nusym.latexdoc import write_derivation

    return write_derivation(NAME, outdir)


if __name__ == "__main__":
    for path in main(sys.argv[1] if len(sys.argv) > 1 else HERE / "output"):
        print(f"wrote {path}")
