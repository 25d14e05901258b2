"""Figures and tables of docs/beyond.md, computed by nusym (run from the repository root).

    python docs/figures/make_beyond.py            # writes docs/figures/beyond.png and beyond_table.md

Relative change of the two-neutrino potential, V(model) / V(three-neutrino preset) - 1,
for (1) the 3+1 benchmark (nusym/data/sectors.toml "3+1": m4 = 0.5 eV, |U_e4|^2 = 0.02)
and (2) the non-unitary block of docs/examples/nonunitary.toml, both against the same
active sector (preset segarra2020, normal ordering). Curves: double precision
(dps=None); table: 30 significant digits (dps=30), rounded for display.
"""

from __future__ import annotations

import sys
from pathlib import Path

import mpmath
import numpy as np

import nusym
from nusym.sectors import load_model, sterile_model

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"
PAIRS = (("Fe-56", "Fe-56"), ("W", "Be"))
TABLE_R = ("0.1um", "1um", "10um")


def models():
    """(label, model, reference) for both natures: 3+1 benchmark and the non-unitary example."""
    out = []
    for nature in ("dirac", "majorana"):
        out.append(("3+1", nature, sterile_model("3+1", nature=nature),
                    nusym.Model.from_preset(nature=nature)))
    nu = load_model(EXAMPLES / "nonunitary.toml")
    for nature in ("dirac", "majorana"):
        m = nu.with_nature(nature)
        out.append(("non-unitary", nature, m, nusym.Model.from_preset(lightest="0.01", nature=nature)))
    return out


def table(rows) -> str:
    lines = ["| model | nature | pair | " + " | ".join(f"r = {r}" for r in TABLE_R) + " |",
             "|---|---|---|" + "---|" * len(TABLE_R)]
    for label, nature, m, ref in rows:
        for a, b in PAIRS:
            v = nusym.potential(list(TABLE_R), a, b, model=m, dps=30)
            v0 = nusym.potential(list(TABLE_R), a, b, model=ref, dps=30)
            with mpmath.workdps(30):
                rel = [mpmath.nstr(x / y - 1, 6) for x, y in zip(v, v0, strict=False)]
            lines.append(f"| {label} | {nature} | {a}-{b} | " + " | ".join(rel) + " |")
    return "\n".join(lines) + "\n"


def figure(rows, path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    r = np.geomspace(1e-7, 1e-5, 81)
    fig, axes = plt.subplots(1, 2, figsize=(10, 4), constrained_layout=True)
    for ax, label in zip(axes, ("3+1", "non-unitary"), strict=False):
        for lab, nature, m, ref in rows:
            if lab != label:
                continue
            for (a, b), style in zip(PAIRS, ("-", "--"), strict=False):
                rel = (nusym.potential(r, a, b, model=m, dps=None)
                       / nusym.potential(r, a, b, model=ref, dps=None) - 1)
                ax.semilogx(r * 1e6, 100 * rel, style, label=f"{nature}, {a}-{b}")
        ax.set_xlabel("r [um]")
        ax.set_ylabel("V / V(3 nu) - 1  [%]")
        ax.set_title({"3+1": "3+1: m4 = 0.5 eV, |U_e4|^2 = 0.02",
                      "non-unitary": "non-unitary: (1 - eta) U_PMNS (docs/examples)"}[label])
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main() -> int:
    rows = models()
    text = table(rows)
    (HERE / "beyond_table.md").write_text(text)
    print(text)
    figure(rows, HERE / "beyond.png")
    print(f"wrote {HERE / 'beyond.png'} and {HERE / 'beyond_table.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
