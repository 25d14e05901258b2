"""``nusym reproduce``: write the reproduction of the paper's results.

Placeholder: for now it writes only Table I (``table1.csv``).
"""

from __future__ import annotations

import argparse
import os

from nusym.cli.common import add_preset_argument, atomic_write_text, prepare_output_dir

#: Table I of the paper: (ordering label, ordering, rows top to bottom)
_TABLE1 = (("NH", "normal", (3, 2, 1)), ("IH", "inverted", (2, 1, 3)))


def register(subparsers: "argparse._SubParsersAction") -> None:
    p = subparsers.add_parser(
        "reproduce",
        help="reproduce the paper's results into a directory",
        description="Write the reproduced results (currently Table I as table1.csv) into --out.",
    )
    p.add_argument("--out", default="nusym-reproduction", metavar="DIR",
                   help="output directory (default: nusym-reproduction); must be empty "
                   "unless --force")
    p.add_argument("--force", action="store_true", help="write into a non-empty directory")
    add_preset_argument(p)
    p.set_defaults(handler=run)


def table1_csv(preset: str = "segarra2020", dps: int = 30) -> str:
    """Table I as CSV: printed 4-decimal values and ``dps``-digit values."""
    import mpmath

    from nusym.masses import mass_spectrum

    lines = ["ordering,state,m_min_0_eV,m_min_0.1_eV,m_min_0_eV_full,m_min_0.1_eV_full"]
    for label, ordering, states in _TABLE1:
        a = mass_spectrum(ordering, "0", preset=preset, dps=dps)
        b = mass_spectrum(ordering, "0.1", preset=preset, dps=dps)
        for s in states:
            x, y = a[s - 1], b[s - 1]
            short = [f"{float(v):.4f}" if v != 0 else "0" for v in (x, y)]
            full = [mpmath.nstr(v, dps) if v != 0 else "0" for v in (x, y)]
            lines.append(",".join([label, f"m{s}", *short, *full]))
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    text = table1_csv(args.preset)
    out = prepare_output_dir(args.out, force=args.force)
    path = os.path.join(out, "table1.csv")
    atomic_write_text(path, text)
    print(f"wrote {path}")
    return 0
