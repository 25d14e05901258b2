"""Every ``--json`` output validates against the one schema (nusym/data/schema/output.json).

Run in-process through ``nusym.cli.main`` (fixture ``cli``). Besides the schema,
checked directly: each document carries ``nusym_version`` and (where a model is
used) the model, and a key has the same JSON type in every output (one test
collects the keys of many outputs).
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from nusym._version import __version__
from nusym.cli import SUBCOMMANDS
from nusym.cli.common import JSON_SCHEMA_ID, json_schema

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "docs" / "examples"

MAJORANA = ["--nature", "majorana", "--lightest", "0.05", "--alpha21", "90", "--alpha31", "45", "--delta", "30"]

#: name -> arguments; every subcommand but reproduce and scan (their own tests below)
CASES = {
    "masses default": ["masses"],
    "masses inverted dps 40": ["masses", "--ordering", "IO", "--lightest", "10meV", "--dps", "40"],
    "charges isotope": ["charges", "Fe-56"],
    "charges material per kg": ["charges", "W", "--per", "kg", "--dps", "12"],
    "charges formula with phases": ["charges", "SiO2", "--delta", "90"],
    "charges mass fractions": ["charges", "mass:Cu=0.98,Be=0.02", "--per", "u"],
    "derive couplings": ["derive", "couplings"],
    "derive absorptive majorana": ["derive", "absorptive", "--nature", "majorana"],
    "potential isotope several r": ["potential", "Fe-56", "Fe-56", "--r", "1um", "2um", "5um", "--dps", "12"],
    "potential material majorana": ["potential", "W", "Be", "--r", "3um", "--dps", "10", *MAJORANA],
    "potential massless": ["potential", "Fe-56", "W", "--r", "1um", "--method", "massless", "--dps", "15"],
    "potential asymptotic order": ["potential", "Fe-56", "Fe-56", "--r", "1mm", "--method", "asymptotic",
                                   "--order", "2", "--dps", "10"],
    "potential certified": ["potential", "Fe-56", "W", "--r", "1um", "--certified", "--dps", "12"],
    "potential sphere-plane": ["potential", "W", "Be", "--geometry", "sphere-plane", "--gap", "1um", "10um",
                               "--radius1", "20um", "--thickness", "30um"],
    "potential plane-plane densities": ["potential", "SiO2", "W", "--geometry", "plane-plane", "--gap", "10um",
                                        "--density1", "2.2g/cm3"],
    "potential phase range": ["potential", "Fe-56", "Fe-56", "--r", "10um", "20um", "--lightest", "0.1",
                              "--phases", "range"],
    "alpha double": ["alpha", "W", "W", "--lambda", "10um", "1m"],
    "alpha underflow": ["alpha", "W", "W", "--lambda", "1m", "--lightest", "0.1"],
    "alpha dps majorana": ["alpha", "Fe-56", "Fe-56", "--lambda", "1um", "--dps", "12", *MAJORANA],
    "wep sphere": ["wep", "Be", "Ti", "--source", "W", "--distance", "10um", "1mm"],
    "wep plate majorana": ["wep", "Cu", "Pb", "--source", "Al", "--distance", "1um", "--source-thickness", "1mm",
                           *MAJORANA],
    "budget sphere-plane": ["budget", "Au", "Au", "--gap", "1um", "--radius1", "100um", "--thickness", "1mm",
                            "--differences"],
    "budget plane-plane": ["budget", "W", "W", "--geometry", "plane-plane", "--gap", "1um", "--thickness",
                           "1mm", "--casimir", "none"],
}


@pytest.fixture(scope="module")
def validator():
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _document(cli, args):
    proc = cli(*args, "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _check(validator, doc, command):
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    assert doc["nusym_version"] == __version__ and doc["schema"] == JSON_SCHEMA_ID
    assert doc["command"] == command and list(doc)[:3] == ["nusym_version", "schema", "command"]


def test_schema_is_packaged_and_names_every_subcommand():
    schema = json_schema()
    assert schema["$id"] == JSON_SCHEMA_ID
    assert sorted(schema["properties"]["command"]["enum"]) == sorted(SUBCOMMANDS)
    assert (REPO / "nusym" / "data" / "schema" / "output.json").is_file()


SLOW = {"derive absorptive majorana"}  # SymPy derives the Majorana kernels twice (text and LaTeX)


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.slow) if n in SLOW else n
                                  for n in sorted(CASES)])
def test_output_validates(cli, validator, name):
    args = CASES[name]
    doc = _document(cli, args)
    _check(validator, doc, args[0])
    if args[0] != "derive":
        assert isinstance(doc["model"], dict) and isinstance(doc["dps"], int)
        assert doc["precision"] in ("double", "multiple")


def _types(obj, path="", out=None):
    """path (list indices collapsed to []) -> set of JSON types (null left out), recursively."""
    out = {} if out is None else out
    if obj is not None:
        kind = {dict: "object", list: "array", str: "string", bool: "boolean",
                int: "integer", float: "number"}[type(obj)]
        out.setdefault(path, set()).add(kind)
    if isinstance(obj, dict):
        for k, v in obj.items():
            _types(v, f"{path}/{k}", out)
    elif isinstance(obj, list):
        for v in obj:
            _types(v, f"{path}[]", out)
    return out


#: keys that several subcommands share at the top level: one type everywhere
SHARED = ("/nusym_version", "/schema", "/command", "/precision", "/dps", "/model", "/a", "/b", "/nature",
          "/ordering", "/preset", "/lightest_eV", "/geometry", "/per_area", "/gap_m", "/r_m", "/source",
          "/model/masses_eV[]", "/model/states")


def test_a_key_has_one_type_in_every_output(cli):
    """A key has the same type whatever the input (isotope or material, one or several r, double or
    multiple precision, Dirac or Majorana), and the shared keys whatever the subcommand."""
    per_command: dict = {}
    shared: dict = {}
    for args in CASES.values():
        if args[0] == "derive":
            continue
        types = _types(_document(cli, args))
        for path, kinds in types.items():
            per_command.setdefault((args[0], path), set()).update(kinds)
            if path in SHARED:
                shared.setdefault(path, set()).update(kinds)
    mixed = {k: v for k, v in {**per_command, **shared}.items() if len(v) > 1}
    assert not mixed, mixed
    assert per_command[("charges", "/N")] == per_command[("charges", "/Q_real[][]")] == {"string"}
    assert per_command[("alpha", "/limit_envelope[]")] == {"string"}
    assert shared["/dps"] == {"integer"} and shared["/model/states"] == {"integer"}


def test_no_floats_anywhere(cli):
    """Physical values are decimal strings: no JSON number but integers (counts, dps)."""
    for name in ("charges material per kg", "alpha double", "potential phase range"):
        doc = _document(cli, CASES[name])
        assert not [p for p, kinds in _types(doc).items() if "number" in kinds], name


def test_underflow_is_null(cli):
    assert _document(cli, CASES["alpha underflow"])["alpha"] == [None]


def test_exact_charges_are_integral_strings(cli):
    doc = _document(cli, CASES["charges isotope"])
    assert (doc["Z"], doc["N"], doc["A"]) == ("26", "30", "56")
    assert doc["flavour"] == {"e": "22", "mu": "-30", "tau": "-30"}
    w = _document(cli, ["charges", "W"])
    assert w["Z"] == "74" and w["N"].startswith("109.89")


def test_derive_json_gives_text_and_latex(cli, validator):
    doc = _document(cli, ["derive", "charges"])
    _check(validator, doc, "derive")
    assert doc["nature"] is None and doc["order"] is None
    plain = cli("derive", "charges").stdout.rstrip("\n")
    latex = cli("derive", "charges", "--latex").stdout.rstrip("\n")
    assert doc["text"] == plain and doc["latex"] == latex and plain != latex


def test_scan_json(cli, validator, tmp_path):
    grid = tmp_path / "g.toml"
    grid.write_text('pairs = [["Fe-56", "Fe-56"]]\nnature = ["dirac", "majorana"]\nr = ["1um", "2um", "3um"]\n')
    doc = _document(cli, ["scan", str(grid), "--out", str(tmp_path / "g.nc"), "--quiet"])
    _check(validator, doc, "scan")
    assert doc["variables"]["V_eV"]["dims"]["r"] == 3 and doc["precision"] == "double"


def test_reproduce_json_summary(validator, tmp_path, capsys, monkeypatch):
    """The summary of ``reproduce --json`` (reproduce itself stubbed: the real run is tested elsewhere)."""
    import nusym.reproduce
    from nusym.cli import main

    out = tmp_path / "out"

    def fake(path, **kwargs):
        out.mkdir()
        (out / "table1.csv").write_text("m1,0\n")
        return {"out": str(out), "files": [str(out / "table1.csv")],
                "timing": {"Table I": 0.25, "total": 1.5},
                "checks": {"eq5_s2w_cancels": True, "eq6_majorana_vector_equals_printed": False}}

    monkeypatch.setattr(nusym.reproduce, "reproduce", fake)
    assert main(["reproduce", "--out", str(out), "--quick", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    _check(validator, doc, "reproduce")
    assert doc["files"] == [{"path": str(out / "table1.csv"), "name": "table1.csv", "bytes": 5}]
    assert doc["checks"][1] == {"name": "eq6_majorana_vector_equals_printed", "holds": False}
    assert doc["timing_s"] == {"Table I": "0.250", "total": "1.500"} and doc["dps"] == 30


def test_schema_rejects_drift(validator):
    """The schema can fail: a float value, a missing version, an unknown key."""
    good = {"nusym_version": __version__, "schema": JSON_SCHEMA_ID, "command": "masses", "precision": "multiple",
            "dps": 10, "ordering": "normal", "preset": "segarra2020", "lightest_eV": "0",
            "masses_eV": ["0", "0.0086", "0.05"],
            "model": {"nature": "dirac", "states": 3, "masses_eV": ["0", "0.0086", "0.05"],
                      "abs_U_e": ["0.8", "0.5", "0.1"]}}
    assert validator.is_valid(good)
    for broken in ({**good, "lightest_eV": 0.0}, {k: v for k, v in good.items() if k != "nusym_version"},
                   {**good, "extra": "1"}, {**good, "dps": "10"}, {**good, "masses_eV": ["0.1 eV"]},
                   {k: v for k, v in good.items() if k != "model"}):
        assert not validator.is_valid(broken), broken
