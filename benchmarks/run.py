"""Run the benchmarks: ``python benchmarks/run.py [--quick] [--json FILE]``.

Runs ``bench_potential.py`` (verified digits against a hand-written mpmath.quad
of Eqs. (1)+(6) at the same dps; double precision against nine scipy kv calls)
and ``bench_startup.py`` (fresh-process start-up, cold ``nusym reproduce``), then
prints one plain table. Timings are medians over repeats (wall and CPU) with the
ratio to a baseline measured in the same run; start-up targets print PASS/FAIL.
The exit status is non-zero only if an ACCURACY check fails (or a benchmark
crashes), never because of a timing. ``--quick`` (CI): fewer repeats, 10^5
instead of 10^6 double-precision points, no cold ``nusym reproduce``; it checks
the accuracy of every route it times.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODULES = ("bench_potential.py", "bench_startup.py", "bench_certified.py", "bench_scan.py")


def _load(name: str):
    spec = importlib.util.spec_from_file_location(Path(name).stem, HERE / name)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repeats and points (CI); fails only on accuracy")
    parser.add_argument("--json", metavar="FILE", default=None, help="also write the results as JSON to FILE")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    sys.path.insert(1, str(HERE.parent))
    from _common import Check, Results, report

    t0 = time.perf_counter()
    total = Results()
    for name in MODULES:
        print(f"== {name}", flush=True)
        try:
            res = _load(name).main(quick=args.quick)
        except Exception as exc:   # a crash is not a timing: it fails the run
            traceback.print_exc()
            total.checks.append(Check(f"{name} ran", 1.0, 0.0, f"{type(exc).__name__}: {exc}"))
            continue
        total.rows += res.rows
        total.ratios += res.ratios
        total.checks += res.checks
        total.notes += res.notes
    elapsed = time.perf_counter() - t0
    status = report(total, args.quick)
    print(f"benchmarks took {elapsed:.1f} s")
    if args.json:
        import nusym

        data = {
            "quick": args.quick,
            "elapsed_s": elapsed,
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                        "platform": platform.platform(), "nusym": nusym.__version__},
            "ratio": "nusym time / baseline time (wall and CPU medians, same run)",
            "rows": [r.as_dict() for r in total.rows],
            "startup": [r.as_dict() for r in total.ratios],
            "accuracy": [c.as_dict() for c in total.checks],
            "notes": total.notes,
            "ok": status == 0,
        }
        Path(args.json).write_text(json.dumps(data, indent=2) + "\n")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
