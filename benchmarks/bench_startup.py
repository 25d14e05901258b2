"""Start-up: fresh processes, timed from outside (wall and the children's CPU time).

(i)   ``python -m nusym potential Fe-56 Fe-56 --r 1um --json`` in a fresh process over
      ``python -c "import numpy, mpmath"``: medians of >= 5 runs each, interleaved
      (target <= 3). The printed V is checked against the hand-written
      ``mpmath.quad`` baseline to its 30 digits (an accuracy check).
(iii) a cold ``nusym reproduce --out <tmpdir>`` (target <= 15 s); skipped with
      --quick (``reproduce --quick`` takes about as long as the full run).

(ii), the double-precision set-up of a new configuration, is in bench_potential.py.
Targets are reported (PASS/FAIL), never a failure of the run.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))   # the nusym of this tree

import baseline  # noqa: E402
from _common import Check, Ratio, Results, children_cpu  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CLI_TARGET = 3.0
REPRODUCE_TARGET_S = 15.0


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    return env


def _run(cmd: list[str], cwd: str) -> tuple[float, float, subprocess.CompletedProcess]:
    c0, w0 = children_cpu(), time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=_env(), cwd=cwd)
    w1, c1 = time.perf_counter(), children_cpu()
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-3:]
        raise RuntimeError(f"{' '.join(cmd[1:])} failed ({proc.returncode}): {tail}")
    return w1 - w0, c1 - c0, proc


def bench_cli(quick: bool, res: Results) -> None:
    runs = 5 if quick else 9
    cli = [sys.executable, "-m", "nusym", "potential", "Fe-56", "Fe-56", "--r", "1um", "--json"]
    ref = [sys.executable, "-c", "import numpy, mpmath"]
    times: dict[str, list[tuple[float, float]]] = {"cli": [], "ref": []}
    out = None
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(runs):     # interleaved, alternating which goes first
            order = (("ref", ref), ("cli", cli)) if k % 2 == 0 else (("cli", cli), ("ref", ref))
            for key, cmd in order:
                wall, cpu, proc = _run(cmd, tmp)
                times[key].append((wall, cpu))
                if key == "cli":
                    out = proc.stdout
    med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in times.items()}
    ratio = med["cli"][0] / med["ref"][0]
    res.ratios.append(Ratio(
        "(i) fresh `nusym potential Fe-56 Fe-56 --r 1um --json` / `import numpy, mpmath`", ratio,
        CLI_TARGET, "x",
        f"{med['cli'][0]:.2f} s (CPU {med['cli'][1]:.2f} s) / {med['ref'][0]:.3f} s "
        f"(CPU {med['ref'][1]:.3f} s), medians of {runs} runs each, interleaved"))
    print(f"  nusym potential CLI: {med['cli'][0]:.2f} s; import numpy, mpmath: {med['ref'][0]:.3f} s",
          flush=True)
    # accuracy of what was timed: the printed V against the baseline
    data = json.loads(out)
    v_cli = data["V_eV"][0]
    digits = len(v_cli.split("e")[0].replace("-", "").replace(".", "").lstrip("0")) or 30
    digits = max(digits, 15)
    import mpmath

    v_base = baseline.quad_potential(1e-6, 30, data.get("lightest_eV", "0"))
    with mpmath.workdps(40):
        err = float(abs(mpmath.mpf(v_cli) / v_base - 1))
    res.checks.append(Check("CLI V(1 um) vs baseline", err, 10.0 ** (1 - min(digits, 30)),
                            f"lightest {data.get('lightest_eV')} eV, {digits} digits printed"))


def bench_reproduce(quick: bool, res: Results) -> None:
    if quick:
        res.notes.append("(iii) cold `nusym reproduce` skipped with --quick (its --quick variant "
                         "takes about as long as the full run)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        wall, cpu, _ = _run([sys.executable, "-m", "nusym", "reproduce", "--out",
                             os.path.join(tmp, "out")], tmp)
    res.ratios.append(Ratio("(iii) cold `nusym reproduce --out <tmpdir>` wall time", wall,
                            REPRODUCE_TARGET_S, "s", f"CPU {cpu:.1f} s, one run"))
    print(f"  nusym reproduce (cold): {wall:.1f} s", flush=True)


def main(quick: bool = False) -> Results:
    res = Results()
    print("start-up (fresh processes)")
    bench_cli(quick, res)
    bench_reproduce(quick, res)
    return res


if __name__ == "__main__":
    from _common import report

    quick = "--quick" in sys.argv
    raise SystemExit(report(main(quick), quick))
