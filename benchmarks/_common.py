"""Shared helpers of the benchmarks: medians of wall and CPU time, result records, fresh configurations."""

from __future__ import annotations

import itertools
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

_FRESH = itertools.count(1)


def fresh_lightest() -> str:
    """A lightest mass (eV, decimal string) never used before in this process: 0.1 + k 1e-12.

    A new configuration for nusym's caches (whatever they are keyed on: masses,
    a model object, ...) with the physics of lightest = 0.1 eV.
    """
    return f"0.1{next(_FRESH):011d}"


@dataclass
class Timing:
    wall: float           # median wall time, s
    cpu: float            # median CPU time (time.process_time or children's), s
    repeats: int
    walls: list[float] = field(default_factory=list)


def measure(fn: Callable[[Any], Any], repeat: int,
            prepare: Callable[[], Any] | None = None) -> tuple[Timing, list[Any]]:
    """Run ``fn(prepare())`` ``repeat`` times; medians of wall and CPU time; results.

    ``prepare`` (untimed) gives each repeat its argument, e.g. a fresh configuration.
    """
    walls, cpus, results = [], [], []
    for _ in range(repeat):
        arg = prepare() if prepare is not None else None
        c0, w0 = time.process_time(), time.perf_counter()
        results.append(fn(arg))
        w1, c1 = time.perf_counter(), time.process_time()
        walls.append(w1 - w0)
        cpus.append(c1 - c0)
    return Timing(statistics.median(walls), statistics.median(cpus), repeat, walls), results


def children_cpu() -> float:
    t = os.times()
    return t.children_user + t.children_system


@dataclass
class Row:
    """One timed row: nusym against its baseline, measured in the same run."""

    name: str
    points: int
    wall_s: float
    cpu_s: float
    repeats: int
    baseline: str
    baseline_wall_s: float
    baseline_cpu_s: float
    note: str = ""

    @property
    def ratio_wall(self) -> float:
        return self.wall_s / self.baseline_wall_s

    @property
    def ratio_cpu(self) -> float:
        return self.cpu_s / self.baseline_cpu_s if self.baseline_cpu_s > 0 else float("nan")

    def as_dict(self) -> dict:
        d = asdict(self)
        d.update(ratio_wall=self.ratio_wall, ratio_cpu=self.ratio_cpu)
        return d


@dataclass
class Ratio:
    """A start-up ratio (or time) against its target: reported, never a failure."""

    name: str
    value: float
    target: float
    unit: str            # "x" (ratio) or "s"
    detail: str = ""

    @property
    def passed(self) -> bool:
        return self.value <= self.target

    def as_dict(self) -> dict:
        d = asdict(self)
        d["passed"] = self.passed
        return d


@dataclass
class Check:
    """An accuracy check: a failure makes ``run.py`` exit non-zero (also with --quick)."""

    name: str
    error: float         # measured relative error (or 1.0 for a wrong result)
    tolerance: float
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.error <= self.tolerance

    def as_dict(self) -> dict:
        d = asdict(self)
        d["ok"] = self.ok
        return d


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    ratios: list[Ratio] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def fmt_time(seconds: float) -> str:
    if seconds != seconds:
        return "-"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.3g} us"
    if seconds < 1:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds:.3g} s"


def _table(header: list[str], rows: list[list[str]], right: set[int]) -> str:
    """A plain text table; columns in ``right`` are right-aligned."""
    rows = [[c if len(c) <= 110 else c[:107] + "..." for c in r] for r in rows]
    widths = [max(len(h), *(len(r[k]) for r in rows)) for k, h in enumerate(header)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if k in right else c.ljust(w)
                         for k, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip()

    return "\n".join([line(header), "  ".join("-" * w for w in widths)] + [line(r) for r in rows])


def report(res: Results, quick: bool) -> int:
    """Print the plain tables; return the exit status (1 if an accuracy check failed)."""
    print()
    print(f"timings: medians over repeats; ratio = nusym / baseline (< 1: nusym faster){' [--quick]' if quick else ''}")
    if res.rows:
        rows = [[r.name, str(r.points), str(r.repeats), fmt_time(r.wall_s), fmt_time(r.cpu_s),
                 fmt_time(r.wall_s / r.points), r.baseline, fmt_time(r.baseline_wall_s),
                 f"{r.ratio_wall:.3g}", f"{r.ratio_cpu:.3g}"] for r in res.rows]
        print(_table(["row", "points", "reps", "wall", "CPU", "wall/point", "baseline", "baseline wall",
                      "ratio wall", "ratio CPU"], rows, {1, 2, 3, 4, 5, 7, 8, 9}))
        notes = [f"  {r.name}: {r.note}" for r in res.rows if r.note]
        if notes:
            print("\n".join(notes))
    if res.ratios:
        print()
        print("start-up targets (reported, never a failure):")
        rows = [[r.name, f"{r.value:.3g} {r.unit}", f"<= {r.target:g} {r.unit}",
                 "PASS" if r.passed else "FAIL", r.detail]
                for r in sorted(res.ratios, key=lambda r: r.name.split(")")[0])]
        print(_table(["quantity", "measured", "target", "", "detail"], rows, {1, 2}))
    if res.checks:
        print()
        print("accuracy (a failure makes the run fail):")
        rows = [[c.name, f"{c.error:.2e}", f"{c.tolerance:.0e}", "ok" if c.ok else "FAILED", c.detail]
                for c in res.checks]
        print(_table(["check", "rel. error", "tolerance", "", "detail"], rows, {1, 2}))
    for note in res.notes:
        print(f"note: {note}")
    failed = [c for c in res.checks if not c.ok]
    if failed:
        print("ACCURACY CHECK FAILED: " + "; ".join(c.name for c in failed))
        return 1
    return 0
