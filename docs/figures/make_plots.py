"""Figures of docs/plotting.md, drawn by nusym.plot (run from the repository root).

    python docs/figures/make_plots.py        # writes docs/figures/plot_*.png

Each PNG is one public function of :mod:`nusym.plot` with its default data (computed by
nusym) at its default journal width, saved with :func:`nusym.plot.save` at 200 dpi.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nusym.plot as plot

HERE = Path(__file__).resolve().parent
FIGURES = ("fig2", "fig3", "fig3_bands", "alpha_lambda", "wep", "budget")


def main(argv: list[str]) -> int:
    names = argv or list(FIGURES)
    for name in names:
        fig = getattr(plot, name)()
        path = HERE / f"plot_{name}.png"
        plot.save(fig, path, dpi=200)
        print(f"wrote {path.relative_to(HERE.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
