"""Bad input on the command line: one line ``nusym: error: ...``, exit status 2, never a
traceback, never nan/inf printed, never a hang. Run in-process through ``nusym.cli.main``.

Also: the model of every evaluation is stated (human output) and carried in the JSON
(``"model"``), units are accepted where documented (``--lightest 100meV``,
``--density1 19.3g/cm3``), ``--help`` works for every subcommand, and
``nusym potential`` imports neither SymPy, SciPy nor matplotlib.
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from nusym.cli import SUBCOMMANDS, main
from nusym.cli.derive import DERIVE_MAX_ORDER
from nusym.inputs import MAX_ORDER
from nusym.model import Model

REPO = Path(__file__).resolve().parent.parent
PRESETS_TOML = REPO / "nusym" / "data" / "presets.toml"
#: no single CLI case may take longer than this (seconds): "never a hang"
CASE_TIMEOUT = 90

POT = ["potential", "Fe-56", "Fe-56"]
R1 = ["--r", "1um"]
HUGE_N = "Z=26,N=" + "7" * 400


@contextmanager
def _deadline(seconds: int):
    def fail(signum, frame):  # pragma: no cover - only on a hang
        raise TimeoutError(f"the CLI did not finish within {seconds} s")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def run(capsys, *args):
    """(status, stdout, stderr) of ``nusym ARGS`` in-process (SystemExit of argparse included)."""
    capsys.readouterr()
    with _deadline(CASE_TIMEOUT):
        try:
            status = main([str(a) for a in args])
        except SystemExit as exc:
            status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    out = capsys.readouterr()
    return int(status), out.out, out.err


def assert_one_line_error(status, out, err, *words):
    assert status == 2, (status, out, err)
    assert "Traceback" not in err and "Traceback" not in out
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("nusym: error: "), err
    assert out == "", out
    for word in words:
        assert word.lower() in err.lower(), (word, err)


def assert_finite_text(text):
    assert not re.search(r"\b(nan|inf|infinity)\b", text, re.IGNORECASE), text


# ----------------------------------------------------------------------------- the battery
BAD = {
    # lengths
    "r huge": (POT + ["--r", "1e400m"], "1e400m"),
    "r tiny": (POT + ["--r", "1e-400m"], "1e-400m"),
    "r zero": (POT + ["--r", "0um"], "0um"),
    "r nan": (POT + ["--r", "nan"], "nan"),
    "r no unit": (POT + ["--r", "5"], "unit"),
    "r one of several bad": (POT + ["--r", "1um", "2 furlongs"], "furlongs"),
    "radius1 huge": (["potential", "W", "W", "--geometry", "sphere-sphere", "--gap", "1um",
                      "--radius1", "1e400m", "--radius2", "1mm"], "--radius1"),
    "gap zero": (["potential", "W", "W", "--geometry", "plane-plane", "--gap", "0m"], "--gap"),
    "thickness no unit": (["potential", "W", "W", "--geometry", "plane-plane", "--gap", "1um",
                           "--thickness", "3"], "--thickness"),
    "wep distance nan": (["wep", "Be", "Ti", "--source", "W", "--distance", "nan"], "--distance"),
    "wep radius huge": (["wep", "Be", "Ti", "--source", "W", "--distance", "1um",
                         "--source-radius", "1e400m"], "--source-radius"),
    "alpha lambda inf": (["alpha", "Fe-56", "Fe-56", "--lambda", "inf"], "--lambda"),
    # densities
    "density1 huge": (["potential", "W", "W", "--geometry", "plane-plane", "--gap", "1um",
                       "--density1", "1e300"], "--density1"),
    "density1 text": (["potential", "W", "W", "--geometry", "plane-plane", "--gap", "1um",
                       "--density1", "abc"], "--density1"),
    "density1 bad unit": (["potential", "W", "W", "--geometry", "plane-plane", "--gap", "1um",
                           "--density1", "19.3g/l"], "unit"),
    "density2 zero": (["potential", "W", "W", "--geometry", "plane-plane", "--gap", "1um",
                       "--density2", "0g/cm3"], "--density2"),
    "source density negative": (["wep", "Be", "Ti", "--source", "W", "--distance", "1um",
                                 "--source-density", "-1"], "--source-density"),
    # masses, phases, model options
    "lightest huge": (POT + R1 + ["--lightest", "1e400"], "lightest"),
    "lightest negative": (POT + R1 + ["--lightest", "-1"], "lightest"),
    "lightest bad unit": (POT + R1 + ["--lightest", "0.1 kg"], "unit"),
    "masses lightest nan": (["masses", "--ordering", "NO", "--lightest", "nan"], "lightest"),
    "delta nan": (POT + R1 + ["--delta", "nan"], "delta"),
    "alpha21 huge": (POT + R1 + ["--nature", "majorana", "--alpha21", "1e400"], "alpha21"),
    "nature": (POT + R1 + ["--nature", "weyl"], "weyl"),
    "ordering": (["masses", "--ordering", "sideways", "--lightest", "0"], "sideways"),
    "unknown preset": (POT + R1 + ["--preset", "nope"], "nope"),
    "missing preset file": (POT + R1 + ["--preset", "/no/such/file.toml"], "file.toml"),
    # digits
    "potential dps 4": (POT + R1 + ["--dps", "4"], "--dps"),
    "potential dps 1001": (POT + R1 + ["--dps", "1001"], "--dps"),
    "potential dps text": (POT + R1 + ["--dps", "thirty"], "--dps"),
    "potential dps float": (POT + R1 + ["--dps", "30.0"], "--dps"),
    "masses dps 4": (["masses", "--ordering", "NO", "--lightest", "0", "--dps", "4"], "--dps"),
    "masses dps 1001": (["masses", "--ordering", "NO", "--lightest", "0", "--dps", "1001"], "--dps"),
    "masses dps 10000": (["masses", "--ordering", "NO", "--lightest", "0", "--dps", "10000"], "1000"),
    "charges dps 4": (["charges", "Fe-56", "--dps", "4"], "--dps"),
    "charges digits 1001": (["charges", "Fe-56", "--digits", "1001"], "1000"),
    "alpha dps 1001": (["alpha", "Fe-56", "Fe-56", "--lambda", "1um", "--dps", "1001"], "--dps"),
    # orders and methods
    "order 10**6": (POT + R1 + ["--method", "asymptotic", "--order", str(10**6)], "order"),
    "order literal 10**6": (POT + R1 + ["--method", "asymptotic", "--order", "10**6"], "--order"),
    "order above MAX_ORDER": (POT + R1 + ["--method", "asymptotic", "--order", str(MAX_ORDER + 1)],
                              str(MAX_ORDER)),
    "order negative": (POT + R1 + ["--method", "asymptotic", "--order", "-1"], "--order"),
    "order missing": (POT + R1 + ["--method", "asymptotic"], "--order"),
    "order without asymptotic": (POT + R1 + ["--order", "2"], "order"),
    "method": (POT + R1 + ["--method", "magic"], "magic"),
    "geometry": (POT + R1 + ["--geometry", "torus"], "torus"),
    "alpha definition": (["alpha", "Fe-56", "Fe-56", "--lambda", "1um", "--definition", "yukawa"],
                         "yukawa"),
    "charges per": (["charges", "Fe-56", "--per", "litre"], "litre"),
    "derive order too large": (["derive", "asymptotic", "--order", str(DERIVE_MAX_ORDER + 1)],
                               f"between 0 and {DERIVE_MAX_ORDER}"),
    "derive order 10**6": (["derive", "asymptotic", "--order", str(10**6)], str(DERIVE_MAX_ORDER)),
    "derive order 30": (["derive", "asymptotic", "--order", "30"], "DERIVE_MAX_ORDER"),
    "derive order elsewhere": (["derive", "couplings", "--order", "2"], "--order"),
    "derive nature": (["derive", "absorptive", "--nature", "weyl"], "weyl"),
    # sources
    "source N of 400 digits": (["potential", HUGE_N, "Fe-56"] + R1, "400"),
    "charges N of 400 digits": (["charges", HUGE_N], "400"),
    "unknown material": (["potential", "Unobtainium", "Fe-56"] + R1, "Unobtainium"),
    "unknown element": (["charges", "Xx"], "Xx"),
    "wep unknown material": (["wep", "Be", "Kryptonite", "--source", "W", "--distance", "1um"],
                             "Kryptonite"),
    "alpha unknown material": (["alpha", "Qq-3", "Fe-56", "--lambda", "1um"], "Qq"),
    # argparse usage errors
    "no such option": (POT + R1 + ["--colour", "red"], "--colour"),
    "missing r": (POT, "--r"),
}


@pytest.mark.parametrize("case", list(BAD), ids=list(BAD))
def test_bad_input_is_one_line_and_exit_2(capsys, case):
    args, word = BAD[case]
    status, out, err = run(capsys, *args)
    assert_one_line_error(status, out, err, word)


@pytest.mark.parametrize("stdin,word", [("", "standard input"), ("1um 0um", "0um"),
                                        ("1um nan", "nan")])
def test_lengths_from_stdin(capsys, monkeypatch, stdin, word):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    assert_one_line_error(*run(capsys, *POT, "--r", "-"), word)


@pytest.mark.parametrize("lightest", ["0.1eV", "100meV", "0.1", " 100 meV "])
def test_lightest_with_units(capsys, lightest):
    status, out, err = run(capsys, *POT, "--r", "10um", "--lightest", lightest, "--dps", "12", "--json")
    assert status == 0, err
    data = json.loads(out)
    assert data["model"]["masses_eV"][0] == "0.1"
    assert data["lightest_eV"] == "0.1"
    assert_finite_text(out)


def test_masses_dps_1000_and_units(capsys):
    status, out, err = run(capsys, "masses", "--ordering", "IO", "--lightest", "100meV", "--dps", "1000",
                           "--json")
    assert status == 0, err
    data = json.loads(out)
    m1, m2, m3 = data["masses_eV"]
    assert m3 == "0.1" and m2.startswith("0.1118033988749894848204586834365638117720309179805762862135")
    assert len(m2) > 990
    assert data["model"]["masses_eV"][1][:60] == m2[:60]


def test_preset_file_verbatim_copy(capsys, tmp_path):
    copy = tmp_path / "my_presets.toml"
    shutil.copyfile(PRESETS_TOML, copy)
    for args in (["masses", "--ordering", "NO", "--lightest", "0.05", "--json"],
                 [*POT, "--r", "5um", "--dps", "10", "--json"],
                 ["charges", "Fe-56", "--json"]):
        status, out, err = run(capsys, *args, "--preset", str(copy))
        assert status == 0, (args, err)
        builtin = json.loads(run(capsys, *args)[1])
        mine = json.loads(out)
        assert mine["model"]["masses_eV"] == builtin["model"]["masses_eV"]
        assert mine["model"]["abs_U_e"] == builtin["model"]["abs_U_e"]
    status, out, err = run(capsys, "masses", "--ordering", "NO", "--lightest", "0", "--json",
                           "--preset", f"{copy}#nufit-6.0")
    assert status == 0, err
    builtin = run(capsys, "masses", "--ordering", "NO", "--lightest", "0", "--json", "--preset", "nufit-6.0")
    assert json.loads(out)["preset"].endswith("nufit-6.0")
    assert json.loads(out)["masses_eV"] == json.loads(builtin[1])["masses_eV"]


def test_density_units_and_bare_numbers_agree(capsys):
    base = ["potential", "SiO2", "W", "--geometry", "plane-plane", "--gap", "10um", "--json"]
    outs = []
    for d1, d2 in (("2.2g/cm3", "19.3 g/cm^3"), ("2200", "19300"), ("2200 kg/m3", "19300kg/m^3")):
        status, out, err = run(capsys, *base, "--density1", d1, "--density2", d2)
        assert status == 0, err
        data = json.loads(out)
        assert data["density1_kg_m3"] in ("2200", 2200, 2200.0) and "model" in data
        outs.append({k: data[k] for k in ("energy_J", "force_N")})
        assert_finite_text(out)
    assert outs[0] == outs[1] == outs[2]
    status, out, err = run(capsys, "wep", "Be", "Ti", "--source", "W", "--distance", "10um",
                           "--source-density", "19.3g/cm3", "--json")
    assert status == 0, err
    assert float(json.loads(out)["source_density_kg_m3"]) == 19300.0


def test_json_carries_the_model(capsys):
    args = ["--nature", "majorana", "--ordering", "IO", "--lightest", "20meV", "--delta", "90",
            "--alpha21", "45", "--preset", "nufit-6.0"]
    model = Model.from_preset("nufit-6.0", nature="majorana", ordering="IO", lightest="0.02",
                              delta="90", alpha21="45")
    status, out, err = run(capsys, *POT, "--r", "3um", "--dps", "15", "--json", *args)
    assert status == 0, err
    data = json.loads(out)
    assert data["model"] == model.describe(15)
    assert data["nature"] == "majorana" and data["ordering"] == "inverted" and data["preset"] == "nufit-6.0"
    # the human output states the same model in one line
    status, out, err = run(capsys, *POT, "--r", "3um", "--dps", "15", *args)
    assert status == 0, err
    assert f"# model: {model.summary()}" in out.splitlines()
    for sub in (["alpha", "Fe-56", "Fe-56", "--lambda", "3um", "--json"],
                ["wep", "Be", "Ti", "--source", "W", "--distance", "30um", "--json"],
                ["potential", "W", "W", "--geometry", "plane-plane", "--gap", "3um", "--json"]):
        status, out, err = run(capsys, *sub, *args)
        assert status == 0, (sub, err)
        assert json.loads(out)["model"] == model.describe(15), sub
        assert_finite_text(out)
    status, out, err = run(capsys, "charges", "W", "--json", "--delta", "90", "--ordering", "IO")
    assert status == 0, err
    assert json.loads(out)["model"]["phases_deg"]["delta"] == "90"


def test_charges_dps_and_hidden_digits_alias(capsys):
    a = run(capsys, "charges", "W", "--dps", "8", "--json")
    b = run(capsys, "charges", "W", "--digits", "8", "--json")
    assert a[0] == b[0] == 0 and a[1] == b[1]
    assert json.loads(a[1])["Z_over_A"] == "0.40241296"
    status, out, err = run(capsys, "charges", "--help")
    assert status == 0 and "--dps" in out and "--digits" not in out


@pytest.mark.parametrize("sub", [None] + SUBCOMMANDS)
def test_help_exits_0(capsys, sub):
    status, out, err = run(capsys, *([sub] if sub else []), "--help")
    assert status == 0, err
    assert out.startswith("usage: nusym") and err == ""


def test_interrupt_is_one_line_130(capsys, monkeypatch):
    import nusym.cli.masses as masses

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(masses, "run", interrupted)  # register() looks the handler up by name
    status, out, err = run(capsys, "masses", "--ordering", "NO", "--lightest", "0")
    assert status == 130 and err == "nusym: interrupted\n"


# ----------------------------------------------------------------------------- imports and time
_PROBE = """
import contextlib, io, json, sys, time
t0 = time.perf_counter()
import nusym.cli
with contextlib.redirect_stdout(io.StringIO()) as out:
    status = nusym.cli.main(["potential", "Fe-56", "Fe-56", "--r", "1um", "--json"])
heavy = sorted(m for m in ("sympy", "scipy", "matplotlib") if m in sys.modules)
print(json.dumps({"status": status, "heavy": heavy, "V": json.loads(out.getvalue())["V_eV"],
                  "seconds": time.perf_counter() - t0}))
"""


def test_potential_imports_no_sympy_scipy_matplotlib():
    proc = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, timeout=300,
                          cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["status"] == 0 and data["heavy"] == [], data
    assert data["V"][0].startswith("1.8")


def test_potential_wall_time_report():
    """Wall time of ``python -m nusym potential Fe-56 Fe-56 --r 1um --json`` against
    ``python -c "import numpy, mpmath"`` (printed; the bound is generous: no hang)."""
    def wall(*argv):
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, *argv], capture_output=True, text=True, timeout=300,
                              cwd=REPO)
        assert proc.returncode == 0, proc.stderr
        return time.perf_counter() - t0

    base = min(wall("-c", "import numpy, mpmath") for _ in range(2))
    cli = min(wall("-m", "nusym", "potential", "Fe-56", "Fe-56", "--r", "1um", "--json") for _ in range(2))
    print(f"\nnusym potential Fe-56 Fe-56 --r 1um --json: {cli:.2f} s; "
          f"python -c 'import numpy, mpmath': {base:.2f} s")
    assert cli < 60
