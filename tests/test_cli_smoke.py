"""Subprocess smoke tests of ``python -m nusym`` (the only CLI tests that start a process).

Everything else about the CLI runs in-process through ``nusym.cli.main`` (fixture
``cli`` in tests/conftest.py); these check that the installed entry point starts,
prints to the real stdout/stderr and exits with the right status.
"""

import json

import mpmath
import pytest

from nusym._version import __version__


def test_version(run_nusym):
    proc = run_nusym("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"nusym {__version__}" == "nusym 0.1.0"


def test_help_lists_every_subcommand(run_nusym):
    from nusym.cli import SUBCOMMANDS

    proc = run_nusym("--help")
    assert proc.returncode == 0 and proc.stderr == ""
    assert proc.stdout.startswith("usage: nusym")
    for name in SUBCOMMANDS:
        assert name in proc.stdout


def test_potential_call(run_nusym):
    proc = run_nusym("potential", "Fe-56", "Fe-56", "--r", "1um", "--method", "massless", "--dps", "12",
                     "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["r_m"] == ["1e-06"] and data["method"] == "massless"
    # Eq. (8) typed here: G_F^2/(16 pi^3 r^5) (Q^e Q^e + 2 Q^mu Q^mu) = ... * 2284 for Fe-56
    with mpmath.workdps(30):
        hbar_c = mpmath.mpf("6.62607015e-34") * 299792458 / (2 * mpmath.pi * mpmath.mpf("1.602176634e-19"))
        r = mpmath.mpf("1e-6") / hbar_c
        eq8 = mpmath.mpf("1.1663788e-23") ** 2 / (16 * mpmath.pi**3 * r**5) * 2284
        assert abs(mpmath.mpf(data["V_eV"][0]) / eq8 - 1) < mpmath.mpf("1e-11")


def test_bad_input_is_one_line_exit_2(run_nusym):
    proc = run_nusym("masses", "--ordering", "sideways", "--lightest", "0")
    assert proc.returncode == 2 and proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nusym: error: ")
    assert "Traceback" not in proc.stderr


@pytest.mark.slow
def test_reproduce_quick_as_a_process(run_nusym, tmp_path):
    """The one run with the real worker processes (the in-process runs in tests/test_reproduce.py are serial)."""
    from nusym.reproduce import OUTPUT_FILES

    proc = run_nusym("reproduce", "--out", str(tmp_path / "out"), "--quick", timeout=900)
    assert proc.returncode == 0, proc.stderr
    for name in OUTPUT_FILES:
        assert (tmp_path / "out" / name).stat().st_size > 0, name
    steps = [line for line in proc.stderr.splitlines() if line.startswith("nusym reproduce: [")]
    assert steps and steps[0].startswith("nusym reproduce: [1/")


def test_json_carries_the_version_and_validates(run_nusym):
    import jsonschema

    from nusym.cli.common import json_schema

    proc = run_nusym("masses", "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    jsonschema.validate(doc, json_schema(), cls=jsonschema.Draft202012Validator)
    assert doc["nusym_version"] == __version__ and doc["command"] == "masses"


def test_model_file_from_stdin_as_a_process(run_nusym):
    from pathlib import Path

    example = Path(__file__).resolve().parent.parent / "docs" / "examples" / "sterile_3p1.toml"
    if not example.is_file():
        pytest.skip("docs/examples/sterile_3p1.toml not written yet")
    proc = run_nusym("charges", "Fe-56", "--model", "-", "--json", stdin=example.read_text())
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["model"]["states"] == 4 and len(doc["Q_real"]) == 4
    proc = run_nusym("charges", "Fe-56", "--model", str(example), "--nature", "dirac")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and proc.stdout == ""
