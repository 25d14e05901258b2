"""Figure and table of docs/currents.md, computed by nusym (run from the repository root).

    python docs/figures/make_currents.py          # writes docs/figures/currents.png and currents_table.md

A pure scalar neutrino interaction against the Standard Model V-A current, Fe-56 - Fe-56,
preset segarra2020, normal ordering, lightest mass 0.05 eV (so the pair threshold, and
the Dirac/Majorana difference, sits at a few um). The scalar couplings are g_e = g_p = 0,
g_n = -1 (units of G_F/(2 sqrt 2)): the scalar charge per atom is then -N, the weak charge
of the mu and tau flavours, so the curves differ only by the Lorentz structure of the
current. Left: |V| r^5 (flat for a 1/r^5 potential); right: V_Majorana / V_Dirac.
Curves in double precision (dps=None); table at 30 digits (dps=30), rounded for display.
"""

from __future__ import annotations

import sys
from pathlib import Path

import mpmath
import numpy as np

import nusym

HERE = Path(__file__).resolve().parent
PAIR = ("Fe-56", "Fe-56")
SCALAR = ({"S": 1}, {"e": 0, "p": 0, "n": -1})
TABLE_R = ("0.1um", "1um", "10um")


def models():
    """{(current label, nature): Model}."""
    out = {}
    for nature in ("dirac", "majorana"):
        base = nusym.Model.from_preset(lightest="0.05", nature=nature)
        out[("V-A", nature)] = base
        out[("scalar", nature)] = base.with_current(*SCALAR)
    return out


def figure(path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    r = np.logspace(-7, -5, 200)            # 0.1 - 10 um
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    mdl = models()
    styles = {"V-A": "C0", "scalar": "C3"}
    values = {key: nusym.potential(r, *PAIR, model=m, dps=None) for key, m in mdl.items()}
    for (label, nature), v in values.items():
        ax1.loglog(r * 1e6, np.abs(v) * (r * 1e6) ** 5, color=styles[label],
                   ls="-" if nature == "dirac" else "--",
                   label=f"{label}, {nature} ({'repulsive' if v[0] > 0 else 'attractive'})")
    for label in ("V-A", "scalar"):
        ax2.semilogx(r * 1e6, values[(label, "majorana")] / values[(label, "dirac")], color=styles[label],
                     label=label)
    ax1.set_xlabel("r [um]")
    ax1.set_ylabel("|V| (r / 1 um)^5 [eV]")
    ax1.set_title("Fe-56 - Fe-56, m_lightest = 0.05 eV (NO)")
    ax1.legend(fontsize=8)
    ax2.set_xlabel("r [um]")
    ax2.set_ylabel("V_Majorana / V_Dirac")
    ax2.set_title("Dirac/Majorana difference")
    ax2.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def table() -> str:
    mdl = models()
    lines = ["| r | V-A Dirac (eV) | V-A Majorana (eV) | scalar Dirac (eV) | scalar Majorana (eV) |",
             "|---|---|---|---|---|"]
    for r in TABLE_R:
        cells = []
        for key in (("V-A", "dirac"), ("V-A", "majorana"), ("scalar", "dirac"), ("scalar", "majorana")):
            v = nusym.potential(r, *PAIR, model=mdl[key], dps=30)
            cells.append(mpmath.nstr(v, 12))
        lines.append(f"| {r} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    figure(HERE / "currents.png")
    (HERE / "currents_table.md").write_text(table(), encoding="utf-8")
    print(f"wrote {HERE / 'currents.png'} and {HERE / 'currents_table.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
