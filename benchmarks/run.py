"""Run every ``benchmarks/bench_*.py`` ``main(quick)``: ``python benchmarks/run.py [--quick]``."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and cases")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE.parent))
    for path in sorted(HERE.glob("bench_*.py")):
        print(f"== {path.name}")
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        assert spec.loader is not None
        spec.loader.exec_module(module)
        module.main(quick=args.quick)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
