"""`nusym reproduce` (issue 6): files, CSV contents, refusal of a non-empty directory, --force.

Run in-process through ``nusym.cli.main`` (fixture ``cli``; the quick run with the
process pools disabled, see ``quick_run``). The paper's results themselves are
checked in tests/paper/ (test_table1.py, test_fig2.py, test_fig3.py); the run as a
real process, with its worker processes, in tests/test_cli_smoke.py.
"""

from __future__ import annotations

import contextlib
import csv
import io

import pytest

from nusym.progress import Progress
from nusym.reproduce import OUTPUT_FILES


def test_progress_on_a_terminal_redraws_one_line():
    stream = io.StringIO()
    bar = Progress(3, stream=stream, tty=True, prefix="x")
    bar.step("a")
    bar.step("b")
    bar.close("done")
    out = stream.getvalue()
    assert out.count("\r") == 3 and out.endswith("\n") and out.count("\n") == 1
    assert "3/3" in out and "done" in out


def test_refuses_non_empty_dir(cli, tmp_path):
    (tmp_path / "keep.txt").write_text("x")
    proc = cli("reproduce", "--out", str(tmp_path), "--quick")
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nusym: error:") and "--force" in lines[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


def test_rejects_bad_dps(cli, tmp_path):
    proc = cli("reproduce", "--out", str(tmp_path / "o"), "--dps", "0")
    assert proc.returncode == 2 and proc.stderr.startswith("nusym: error:")
    assert not (tmp_path / "o").exists()


class _Run:
    def __init__(self, returncode, stdout, stderr):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    """One `nusym reproduce --quick --force` into a directory holding an unrelated file, in-process.

    ``os.cpu_count`` is 1 for the run, so the reference values are computed serially
    (no forked worker processes inside the test process).
    """
    from nusym.cli import main

    out = tmp_path_factory.mktemp("reproduce")
    (out / "keep.txt").write_text("x")
    stdout, stderr = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("os.cpu_count", lambda: 1)
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            status = main(["reproduce", "--out", str(out), "--quick", "--force"])
    return out, _Run(status, stdout.getvalue(), stderr.getvalue())


@pytest.mark.slow
def test_quick_run_writes_every_file(quick_run):
    out, proc = quick_run
    assert proc.returncode == 0, proc.stderr
    for name in OUTPUT_FILES:
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
    assert (out / "keep.txt").read_text() == "x"  # --force keeps other files
    assert not [p for p in out.iterdir() if p.name.startswith(".nusym-")]  # no temp files left
    # progress: one line per step on a non-terminal stderr
    steps = [line for line in proc.stderr.splitlines() if line.startswith("nusym reproduce: [")]
    assert len(steps) == 6 and steps[0].startswith("nusym reproduce: [1/6]")
    assert (out / "fig2_flavour_charges.png").read_bytes()[:4] == b"\x89PNG"
    assert (out / "fig3_potentials.pdf").read_bytes()[:4] == b"%PDF"


@pytest.mark.slow
def test_quick_run_csv_files_parse(quick_run):
    import mpmath

    out, proc = quick_run
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO((out / "table1.csv").read_text())))
    assert len(rows) == 6 and rows[4]["ordering"] == "IH" and rows[4]["m_min_0_eV"] == "0.0492"
    ref = list(csv.DictReader(io.StringIO((out / "reference_values.csv").read_text())))
    assert len(ref) == 2 * 2 * 2 * 2  # r, nature, ordering, lightest (quick grid)
    for row in ref:
        v, v0, g = (mpmath.mpf(row[k]) for k in ("V_eV", "V_massless_eV", "V_gravity_eV"))
        assert 0 < v <= v0 and g < 0  # repulsive, below the massless Eq. (8), attractive gravity
        assert row["method"] == "integral" and int(row["dps"]) == 15
    by = {(r["r_um"], r["nature"], r["ordering"], r["lightest_eV"]): mpmath.mpf(r["V_eV"]) for r in ref}
    # Fig. 3 claim: Dirac larger than Majorana
    assert all(by[(r, "dirac", o, m)] > by[(r, "majorana", o, m)]
               for (r, n, o, m) in by if n == "dirac")


@pytest.mark.slow
def test_quick_run_report(quick_run):
    out, proc = quick_run
    assert proc.returncode == 0, proc.stderr
    report = (out / "report.md").read_text()
    for heading in ("## Table I", "## Fig. 2", "## Fig. 3", "## Equations", "## Reference values"):
        assert heading in report
    assert "6/6 rows agree" in report
    assert "Z = A / (1.98 + 0.0155 A^(2/3))" in report
    assert "Dirac larger than Majorana at every point and case: **yes**" in report
    tex = (out / "equations.tex").read_text()
    assert tex.startswith("\\documentclass") and tex.rstrip().endswith("\\end{document}")
