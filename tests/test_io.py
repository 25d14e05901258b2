"""nusym.io (the one writer of files) and the robustness of `nusym reproduce`.

No test here runs a full reproduction: the heavy steps are replaced by fakes, or the
helpers are tested directly.
"""

from __future__ import annotations

import ast
import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import nusym.reproduce as rep
from nusym.cli import main
from nusym.errors import InvalidOptionError, NusymError, OutputPathError
from nusym.io import (
    INCOMPLETE_MARKER,
    atomic_write_bytes,
    atomic_write_json,
    atomic_write_text,
    check_writable_dir,
    is_incomplete,
    mark_complete,
    mark_incomplete,
    prepare_output_dir,
)
from nusym.progress import Progress

REPO = Path(__file__).resolve().parent.parent


def _probe_writable(path: Path) -> bool:
    """Whether a file can really be created in ``path`` (root ignores permission bits)."""
    if not os.access(path, os.W_OK):
        return False
    probe = path / ".probe"
    try:
        probe.write_text("x")
    except OSError:
        return False
    probe.unlink()
    return True


@pytest.fixture
def read_only_dir(tmp_path):
    """An existing directory that cannot be written to (skipped where root can anyway)."""
    d = tmp_path / "ro"
    d.mkdir()
    d.chmod(0o555)
    try:
        if _probe_writable(d):
            pytest.skip("running as root (or similar): permission bits do not stop writes")
        yield d
    finally:
        d.chmod(0o755)


@pytest.fixture
def below_a_file(tmp_path):
    """A path that can never be created: it lies below a regular file (works as root too)."""
    f = tmp_path / "file.txt"
    f.write_text("not a directory\n")
    return tmp_path / "file.txt" / "sub"


def _one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("nusym: error: ") and "Traceback" not in err
    return lines[0]


# --------------------------------------------------------------------------- atomic writes
def test_atomic_writes(tmp_path):
    p = tmp_path / "a.txt"
    atomic_write_text(p, "hello\n")
    atomic_write_text(str(p), "again\n")
    assert p.read_text() == "again\n"
    atomic_write_bytes(tmp_path / "b.bin", b"\x00\x01")
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01"
    atomic_write_json(tmp_path / "c.json", {"x": [1, 2], "µ": "é"})
    text = (tmp_path / "c.json").read_text(encoding="utf-8")
    assert json.loads(text) == {"x": [1, 2], "µ": "é"} and text.endswith("}\n")
    assert (p.stat().st_mode & 0o777) == 0o644
    assert sorted(x.name for x in tmp_path.iterdir()) == ["a.txt", "b.bin", "c.json"]


def test_atomic_write_to_stdout(capsys):
    atomic_write_text("-", "to stdout\n")
    atomic_write_bytes("-", b"bytes\n")
    assert capsys.readouterr().out == "to stdout\nbytes\n"


def test_atomic_write_errors(tmp_path, below_a_file):
    for target in (tmp_path / "missing" / "a.txt", below_a_file / "a.txt"):
        with pytest.raises(OutputPathError) as info:
            atomic_write_text(target, "x")
        assert isinstance(info.value, NusymError) and str(target) in str(info.value)
    with pytest.raises(OutputPathError):  # a directory in the way of the file
        (tmp_path / "d").mkdir()
        atomic_write_text(tmp_path / "d", "x")
    assert sorted(x.name for x in tmp_path.iterdir()) == ["d", "file.txt"]  # no temp files


def test_atomic_write_interrupted_leaves_nothing(tmp_path, monkeypatch):
    def boom(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(tmp_path / "a.txt", "x")
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- output directories
def test_check_writable_dir(tmp_path, below_a_file):
    check_writable_dir(tmp_path)
    assert list(tmp_path.iterdir()) == [below_a_file.parent]  # the probe is removed
    with pytest.raises(OutputPathError, match="not writable"):
        check_writable_dir(below_a_file)


def test_check_writable_dir_read_only(read_only_dir):
    with pytest.raises(OutputPathError, match="not writable"):
        check_writable_dir(read_only_dir)


def test_prepare_output_dir(tmp_path):
    out = tmp_path / "a" / "b"
    assert prepare_output_dir(out) == str(out) and out.is_dir()
    assert prepare_output_dir(out) == str(out)  # empty: fine
    (out / "x.txt").write_text("x")
    with pytest.raises(OutputPathError, match="not empty.*--force"):
        prepare_output_dir(out)
    assert prepare_output_dir(out, force=True) == str(out)
    assert issubclass(OutputPathError, InvalidOptionError)


@pytest.mark.parametrize("make", ["file", "below_file", "empty"])
def test_prepare_output_dir_impossible_paths(tmp_path, make):
    if make == "file":
        path = tmp_path / "f"
        path.write_text("x")
        match = "not a directory"
    elif make == "below_file":
        (tmp_path / "file.txt").write_text("x")
        path = tmp_path / "file.txt" / "sub"
        match = "cannot create"
    else:
        path, match = "", "empty"
    with pytest.raises(OutputPathError, match=match):
        prepare_output_dir(path, force=True)


def test_prepare_output_dir_read_only(read_only_dir):
    with pytest.raises(OutputPathError, match="not writable"):
        prepare_output_dir(read_only_dir)
    with pytest.raises(OutputPathError, match="cannot create"):
        prepare_output_dir(read_only_dir / "sub")


def test_incomplete_marker(tmp_path):
    out = tmp_path / "out"
    prepare_output_dir(out)
    marker = mark_incomplete(out, "nusym reproduce")
    assert Path(marker).name == INCOMPLETE_MARKER and is_incomplete(out)
    assert "interrupted" in Path(marker).read_text()
    (out / "table1.csv").write_text("partial")
    (out / ".nusym-abc123.tmp").write_text("stale temp file of a killed run")
    # an incomplete output is replaced without --force; stale temp files are removed
    assert prepare_output_dir(out, expected=["table1.csv", "report.md"]) == str(out)
    assert sorted(p.name for p in out.iterdir()) == [INCOMPLETE_MARKER, "table1.csv"]
    # ... but not when it holds anything else
    (out / "notes.txt").write_text("mine")
    with pytest.raises(OutputPathError, match="incomplete.*notes.txt.*--force"):
        prepare_output_dir(out, expected=["table1.csv"])
    assert prepare_output_dir(out, force=True, expected=["table1.csv"]) == str(out)
    (out / "notes.txt").unlink()
    # without a list of expected names only the marker itself is tolerated
    with pytest.raises(OutputPathError, match="table1.csv"):
        prepare_output_dir(out)
    mark_complete(out)
    mark_complete(out)  # idempotent
    assert not is_incomplete(out)
    with pytest.raises(OutputPathError, match="not empty"):
        prepare_output_dir(out, expected=["table1.csv"])


# --------------------------------------------------------------------------- progress
def test_progress_abort():
    stream = io.StringIO()
    bar = Progress(3, stream=stream, tty=True)
    bar.step("a")
    bar.abort()
    assert stream.getvalue().endswith("a\n") and stream.getvalue().count("\n") == 1
    stream = io.StringIO()
    bar = Progress(3, stream=stream, tty=False)
    bar.step("a")
    bar.abort()
    assert stream.getvalue() == "nusym: [1/3] a\n"


# --------------------------------------------------------------------------- reproduce, fast
def _fail_if_called(*args, **kwargs):
    raise AssertionError("a computation started")


@pytest.fixture
def no_computation(monkeypatch):
    """Every heavy step of nusym.reproduce raises (the checks must come first)."""
    for name in ("table1_rows", "_fig2", "_fig3", "_run_reference_jobs", "_equations_job",
                 "_fig_alpha", "_fig_wep", "reference_jobs", "_start_equations_job"):
        monkeypatch.setattr(rep, name, _fail_if_called)


@pytest.fixture
def fake_steps(monkeypatch):
    """Replace the heavy steps by fakes that write small files (a reproduction in ms).

    Returns a dict: set ``"out"`` to record whether the marker is present during the
    run, ``"interrupt"`` to make the Fig. 3 step raise KeyboardInterrupt (Ctrl-C).
    """
    ctl: dict = {}

    def write(*paths):
        for p in paths:
            atomic_write_text(p, "fake\n")
        return {}

    def table1_rows(preset, dps=30):
        if "out" in ctl:
            ctl["marker_during_run"] = is_incomplete(ctl["out"])
        return []

    def fig3(png, pdf, settings):
        if ctl.get("interrupt"):
            raise KeyboardInterrupt
        return write(png, pdf)

    monkeypatch.setattr(rep, "table1_rows", table1_rows)
    monkeypatch.setattr(rep, "table1_csv", lambda rows, dps=30: "csv\n")
    monkeypatch.setattr(rep, "table1_tex", lambda rows, preset: "tex\n")
    monkeypatch.setattr(rep, "_fig2", lambda png, pdf: write(png, pdf))
    monkeypatch.setattr(rep, "_fig3", fig3)
    monkeypatch.setattr(rep, "reference_jobs", lambda settings: [])
    monkeypatch.setattr(rep, "_run_reference_jobs", lambda jobs: [])
    monkeypatch.setattr(rep, "reference_csv", lambda results, settings: "ref\n")
    monkeypatch.setattr(rep, "_start_equations_job", lambda: (None, None))
    monkeypatch.setattr(rep, "_equations_job", lambda: {
        "tex": "eq\n", "checks": {}, "eq9": {}, "eq9_vector": [], "seconds": 0.0})
    monkeypatch.setattr(rep, "_fig_alpha", lambda png, pdf, csv, settings: write(png, pdf, csv))
    monkeypatch.setattr(rep, "_fig_wep", lambda png, pdf, csv, settings: write(png, pdf, csv))
    monkeypatch.setattr(rep, "report_markdown", lambda ctx, settings: "report\n")
    return ctl


def test_reproduce_writes_every_file_and_removes_the_marker(tmp_path, fake_steps):
    out = tmp_path / "out"
    fake_steps["out"] = str(out)
    summary = rep.reproduce(str(out), quick=True, stream=io.StringIO())
    assert fake_steps["marker_during_run"] is True
    assert sorted(p.name for p in out.iterdir()) == sorted(rep.OUTPUT_FILES)
    assert not is_incomplete(out)
    assert summary["files"] == [str(out / f) for f in rep.OUTPUT_FILES]


def test_reproduce_refuses_bad_flags_and_dps_before_touching_the_disk(tmp_path, no_computation):
    out = tmp_path / "o"
    for kwargs in ({"dps": 4}, {"dps": 1001}, {"dps": 30.0}, {"force": "yes"}, {"quick": 1}):
        with pytest.raises(InvalidOptionError):
            rep.reproduce(str(out), **kwargs)
    assert not out.exists()


def test_cli_unwritable_out_fails_at_once(below_a_file, no_computation, capsys):
    t0 = time.monotonic()
    assert main(["reproduce", "--out", str(below_a_file), "--quick"]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert str(below_a_file) in line
    assert time.monotonic() - t0 < 10


def test_cli_read_only_out_fails_at_once(read_only_dir, no_computation, capsys):
    assert main(["reproduce", "--out", str(read_only_dir), "--quick"]) == 2
    assert "not writable" in _one_error_line(capsys.readouterr().err)
    assert main(["reproduce", "--out", str(read_only_dir / "new"), "--quick"]) == 2
    _one_error_line(capsys.readouterr().err)


def test_cli_out_is_a_file(tmp_path, no_computation, capsys):
    (tmp_path / "f").write_text("x")
    assert main(["reproduce", "--out", str(tmp_path / "f"), "--force"]) == 2
    assert "not a directory" in _one_error_line(capsys.readouterr().err)


def test_cli_interrupt_then_rerun(tmp_path, fake_steps, capsys):
    out = tmp_path / "out"
    fake_steps["interrupt"] = True
    assert main(["reproduce", "--out", str(out), "--quick"]) == 130
    captured = capsys.readouterr()
    assert captured.err.strip().splitlines()[-1] == "nusym: interrupted"
    assert "Traceback" not in captured.err and captured.out == ""
    assert is_incomplete(out) and (out / "table1.csv").exists()
    # a re-run into the incomplete directory needs no --force (interrupted again here)
    assert main(["reproduce", "--out", str(out), "--quick"]) == 130
    capsys.readouterr()
    # a foreign file makes it a directory that needs --force
    (out / "mine.txt").write_text("x")
    assert main(["reproduce", "--out", str(out), "--quick"]) == 2
    assert "--force" in _one_error_line(capsys.readouterr().err)
    (out / "mine.txt").unlink()
    # the run that completes removes the marker
    fake_steps["interrupt"] = False
    assert main(["reproduce", "--out", str(out), "--quick"]) == 0
    assert capsys.readouterr().out.count("wrote ") == len(rep.OUTPUT_FILES)
    assert not is_incomplete(out)
    assert sorted(p.name for p in out.iterdir()) == sorted(rep.OUTPUT_FILES)


def test_interrupt_terminates_worker_pool(monkeypatch):
    """_terminate_pool stops a running ProcessPoolExecutor at once (no waiting for the job)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("fork start method")
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("fork"),
                               initializer=rep._ignore_sigint)
    future = pool.submit(time.sleep, 60)
    time.sleep(0.3)
    procs = list(pool._processes.values())
    t0 = time.monotonic()
    rep._terminate_pool(pool)
    assert time.monotonic() - t0 < 10
    assert all(not p.is_alive() for p in procs)
    assert future.cancelled() or future.done()


# --------------------------------------------------------------------------- real SIGINT
_SIGINT_SCRIPT = textwrap.dedent('''
    import os, sys, time
    import nusym.reproduce as rep

    PIDFILE = sys.argv[2]

    def slow_equations():                  # runs in the forked worker
        with open(PIDFILE, "w") as fh:
            fh.write(str(os.getpid()))
        time.sleep(120)

    def slow_table(*args, **kwargs):       # runs here: Ctrl-C arrives while it sleeps
        while not os.path.exists(PIDFILE) and rep._start_equations_job is not None:
            time.sleep(0.05)
            if time.monotonic() - T0 > 20:
                break
        print("ready", flush=True)
        time.sleep(120)

    T0 = time.monotonic()
    rep._equations_job = slow_equations
    rep.table1_rows = slow_table
    if (os.cpu_count() or 1) < 2:
        open(PIDFILE, "w").close()
    from nusym.cli import main
    sys.exit(main(["reproduce", "--out", sys.argv[1], "--quick", "--derive"]))
''')


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or sys.platform == "win32", reason="POSIX")
def test_real_sigint(tmp_path):
    out, pidfile = tmp_path / "out", tmp_path / "worker.pid"
    proc = subprocess.Popen([sys.executable, "-c", _SIGINT_SCRIPT, str(out), str(pidfile)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    try:
        line = proc.stdout.readline()
        assert line.strip() == "ready", proc.stderr.read()
        t0 = time.monotonic()
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=30)
        elapsed = time.monotonic() - t0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr, stderr
    assert stderr.strip().splitlines()[-1] == "nusym: interrupted"
    assert elapsed < 15
    assert is_incomplete(out)
    worker = pidfile.read_text().strip()
    if worker:  # the forked worker of the derived equations was stopped too
        deadline = time.monotonic() + 10
        while Path(f"/proc/{worker}").exists() and time.monotonic() < deadline:
            status = Path(f"/proc/{worker}/status")
            try:
                if "zombie" in status.read_text():
                    break
            except OSError:
                break
            time.sleep(0.1)
        alive = Path(f"/proc/{worker}/status").exists() and \
            "zombie" not in Path(f"/proc/{worker}/status").read_text(errors="ignore")
        if alive:
            os.kill(int(worker), signal.SIGKILL)
        assert not alive, "the worker process outlived the interrupted run"


# --------------------------------------------------------------------------- layering
@pytest.mark.parametrize("module", ["nusym/reproduce.py", "nusym/latexdoc.py", "nusym/io.py"])
def test_output_code_does_not_import_cli(module):
    tree = ast.parse((REPO / module).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            name = ("nusym." if node.level else "") + (node.module or "")
            assert not name.startswith("nusym.cli"), (module, name)
        elif isinstance(node, ast.Import):
            assert not any(a.name.startswith("nusym.cli") for a in node.names), module


def test_cli_common_does_not_write_files():
    """Files are written by nusym.io alone (one writer): the CLI helpers do not define writers."""
    import nusym.cli.common as common

    for name in ("atomic_write_bytes", "atomic_write_text", "prepare_output_dir"):
        assert not hasattr(common, name)
