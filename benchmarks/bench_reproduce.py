"""Benchmark of the main job: a cold ``nusym reproduce`` (target: under 2 minutes on 2 cores).

A fresh interpreter is started, so the symbolic derivations and lambdified
functions are built from scratch (cold run). ``--quick`` times
``nusym reproduce --quick`` instead (fewer grid points, fewer digits).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET_S = 120.0


def main(quick: bool = False) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "nusym", "reproduce", "--out", os.path.join(tmp, "out")]
        if quick:
            cmd.append("--quick")
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
        elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"nusym reproduce failed: {proc.stderr.strip().splitlines()[-1:]}")
    label = "nusym reproduce --quick (cold)" if quick else "nusym reproduce (cold, full)"
    verdict = "" if quick else f"   target < {TARGET_S:.0f} s: {'met' if elapsed < TARGET_S else 'MISSED'}"
    print(f"{label:<64}{elapsed:7.1f} s{verdict}")


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
