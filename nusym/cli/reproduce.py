"""``nusym reproduce``: write the reproduction of the paper's results into a directory.

Besides the paper's Table I and Figs. 2-3 it writes two figures beyond the paper,
``extra_alpha_lambda`` (alpha(lambda) against fifth-force limits) and
``extra_wep_eta`` (the Eotvos parameter); the file list is
:data:`nusym.reproduce.OUTPUT_FILES`.

The work is done by :func:`nusym.reproduce.reproduce`; this module only parses
the options. A bad ``--out`` (a file, an unwritable directory or parent) fails at
once with one ``nusym: error:`` line (status 2), before any computation; Ctrl-C
prints ``nusym: interrupted`` and exits with status 130 (no traceback), leaving
the marker ``.nusym-incomplete`` in ``--out`` so that a re-run completes the
directory without ``--force``.
"""

from __future__ import annotations

import argparse
import os
import sys

from nusym.cli.common import (
    add_dps_option,
    add_json_argument,
    add_preset_argument,
    digits_from_args,
    emit_json,
)
from nusym.inputs import check_latex_width

__all__ = ["register", "run", "EXIT_INTERRUPTED"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``reproduce`` subcommand."""
    p = subparsers.add_parser(
        "reproduce",
        help="reproduce the paper's results (Table I, Figs. 2-3, equations, report) and two "
        "figures beyond the paper (alpha(lambda), WEP eta) into a directory",
        description="Write Table I (table1.csv, table1.tex), Fig. 2 and Fig. 3 (PNG and PDF), "
        "reference_values.csv, equations.tex (every derived equation) and report.md "
        "(each item against the paper) into --out, and two figures beyond the paper (PNG, PDF "
        "and CSV): extra_alpha_lambda, the 2-nu force as a Yukawa strength abs(alpha(lambda)) "
        "against published fifth-force limits, and extra_wep_eta, the Eotvos parameter eta of "
        "the 2-nu force alone towards a tungsten source. Each file is written whole. Progress "
        "is shown on stderr. While it runs, --out holds the marker file .nusym-incomplete; "
        "an interrupted or failed run leaves it, and a re-run into that directory replaces "
        "its files without --force. Ctrl-C stops at once (exit status 130).",
    )
    p.add_argument("--out", default="nusym-reproduction", metavar="DIR",
                   help="output directory (default: nusym-reproduction); must be writable, "
                   "and empty unless --force or left incomplete (.nusym-incomplete) by an "
                   "earlier run")
    p.add_argument("--force", action="store_true",
                   help="write into a non-empty directory (files of the same name are replaced)")
    p.add_argument("--quick", action="store_true",
                   help="fewer grid points and digits (for tests; a few seconds less)")
    p.add_argument("--derive", action="store_true",
                   help="derive equations.tex and its checks anew with SymPy (tens of seconds, in a "
                   "parallel process) instead of taking the packaged derivation, which the test suite "
                   "keeps equal to a fresh one")
    add_dps_option(p, default=30)
    add_preset_argument(p)
    p.add_argument("--latex-width", dest="latex_width", default="single", metavar="single|double|PT",
                   help="width for which the \\input-able LaTeX fragments are laid out: single (246 pt, "
                   "one journal column; default), double (510 pt) or a number of TeX points")
    add_json_argument(p)
    p.set_defaults(handler=run)


#: exit status after Ctrl-C (128 + SIGINT), as a shell reports it
EXIT_INTERRUPTED = 130


def run(args: argparse.Namespace) -> int:
    """Run ``nusym reproduce`` (status 130 and one line ``nusym: interrupted`` on Ctrl-C)."""
    dps = digits_from_args(args)
    check_latex_width(args.latex_width)  # before any work
    try:
        from nusym.reproduce import reproduce

        summary = reproduce(args.out, force=args.force, dps=dps, quick=args.quick,
                            preset=args.preset, derive=args.derive, latex_width=args.latex_width)
    except KeyboardInterrupt:
        print("nusym: interrupted", file=sys.stderr, flush=True)
        return EXIT_INTERRUPTED
    if args.json:
        emit_json("reproduce", json_summary(summary, args), dps=dps, precision="multiple")
        return 0
    for path in summary["files"]:
        print(f"wrote {path}")
    return 0


def _holds(value: object) -> bool:
    """Whether a check of the derivation holds (True, or 0 for a difference that vanishes).

    A check that does not hold is a finding, not an error: e.g.
    ``eq6_majorana_vector_equals_printed`` is False (the paper's Eq. (6) misses a term).
    """
    if isinstance(value, bool):
        return value
    return isinstance(value, (int, float)) and value == 0


def json_summary(summary: dict, args: argparse.Namespace) -> dict:
    """The ``--json`` summary of ``nusym reproduce``: files written (with sizes), the checks of
    the derivation and whether each holds, and the timings in seconds (decimal strings)."""
    files = []
    for path in summary["files"]:
        files.append({"path": path, "name": os.path.basename(path), "bytes": os.path.getsize(path)})
    checks = []
    for name, value in dict(summary.get("checks") or {}).items():
        checks.append({"name": str(name), "holds": _holds(value)})
    return {
        "out": summary["out"],
        "preset": str(args.preset),
        "quick": bool(args.quick),
        "derive": bool(args.derive),
        "latex_width": str(args.latex_width),
        "files": files,
        "checks": checks,
        "timing_s": {str(k): f"{float(v):.3f}" for k, v in dict(summary.get("timing") or {}).items()},
    }
