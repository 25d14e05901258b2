"""The command-line interface, run in-process through ``nusym.cli.main`` (fixture ``cli``).

The few subprocess runs of ``python -m nusym`` are in tests/test_cli_smoke.py.
"""

import json

import pytest

from nusym._version import __version__


def assert_clean_error(proc, status=2):
    assert proc.returncode == status, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("nusym: error: ")
    assert "Traceback" not in proc.stderr


def test_version_in_process(cli):
    proc = cli("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"nusym {__version__}" == "nusym 0.1.0"


def test_no_subcommand_prints_help(cli):
    proc = cli()
    assert proc.returncode == 2
    assert "masses" in proc.stderr and "reproduce" in proc.stderr


def test_masses_json_inverted(cli):
    proc = cli("masses", "--ordering", "IO", "--lightest", "0", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["ordering"] == "inverted" and data["preset"] == "segarra2020"
    assert data["lightest_eV"] == "0"
    m1, m2, m3 = data["masses_eV"]
    assert m1.startswith("0.04924") and len(m1.replace("0.", "", 1).lstrip("0")) >= 15
    assert float(m2) == 0.05 and m3 == "0"


def test_masses_table_and_dps(cli):
    proc = cli("masses", "--ordering", "normal", "--lightest", "0.1", "--dps", "12")
    assert proc.returncode == 0, proc.stderr
    assert "m3" in proc.stdout and "0.111803398875" in proc.stdout


def test_masses_preset_path(cli, tmp_path):
    keys = {"dm21_sq": "7.5e-5", "sin2_th12": "0.3", "sin2_th13": "0.02", "sin2_th23": "0.5",
            "delta_deg": "0", "alpha21_deg": "0", "alpha31_deg": "0"}
    body = "".join(f'{k} = "{v}"\n' for k, v in keys.items())
    f = tmp_path / "p.toml"
    f.write_text('[normal]\ndm3l_sq = "2.5e-3"\n' + body + '[inverted]\ndm3l_sq = "-1e-2"\n' + body)
    proc = cli("masses", "--ordering", "IH", "--lightest", "0", "--preset", str(f), "--json")
    assert proc.returncode == 0, proc.stderr
    assert float(json.loads(proc.stdout)["masses_eV"][1]) == 0.1


@pytest.mark.parametrize("args", [
    ["masses", "--ordering", "IO", "--lightest", "0", "--preset", "nope"],
    ["masses", "--ordering", "sideways", "--lightest", "0"],
    ["masses", "--ordering", "NO", "--lightest", "-1"],
    ["masses", "--ordering", "NO", "--lightest", "abc"],
    ["masses", "--ordering", "NO", "--lightest", "nan"],
    ["masses", "--ordering", "NO", "--lightest", "0", "--dps", "0"],
    ["masses", "--ordering", "NO", "--lightest", "0", "--dps", "x"],
    ["masses", "--ordering", "NO", "--lightest"],
    ["no-such-command"],
])
def test_bad_input_exits_2(cli, args):
    assert_clean_error(cli(*args))


def test_main_in_process(capsys):
    from nusym.cli import main

    assert main(["masses", "--ordering", "NO", "--lightest", "0", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["masses_eV"][0] == "0"
    assert main(["masses", "--ordering", "NO", "--lightest", "-3"]) == 2
    assert capsys.readouterr().err.startswith("nusym: error: ")


def test_common_helpers(tmp_path, capsys):
    from nusym.cli.common import format_table, write_json
    from nusym.io import atomic_write_text

    p = tmp_path / "a.txt"
    atomic_write_text(p, "hello\n")
    atomic_write_text(p, "again\n")
    assert p.read_text() == "again\n"
    assert [x.name for x in tmp_path.iterdir()] == ["a.txt"]
    atomic_write_text("-", "to stdout\n")
    write_json({"a": 1})
    out = capsys.readouterr().out
    assert out.startswith("to stdout\n") and json.loads(out.split("\n", 1)[1]) == {"a": 1}
    assert format_table([[1, 2]], ["x", "y"]).splitlines()[2] == "1  2"
