"""``--model FILE.toml`` on the subcommands that build a Model, and ``derive --current`` (in-process).

The model files are the examples of docs/examples/ (written with nusym.sectors);
each output is validated against the one JSON schema and compared with the
library called directly on ``nusym.sectors.load_model(FILE)``.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import mpmath
import pytest

import nusym
from nusym.cli.common import json_schema
from nusym.sectors import load_model

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
MODEL_FILES = ["sterile_3p1.toml", "sterile_3p2.toml", "nonunitary.toml", "current_vector.toml",
               "current_axial.toml", "current_scalar.toml"]
CURRENT_FILES = ["current_vector.toml", "current_axial.toml", "current_scalar.toml"]


def _example(name: str) -> Path:
    path = EXAMPLES / name
    if not path.is_file():
        pytest.skip(f"docs/examples/{name} not written yet")
    return path


@pytest.fixture(scope="module")
def validator():
    return jsonschema.Draft202012Validator(json_schema())


def _json(cli, validator, *args, stdin=None):
    proc = cli(*args, "--json", stdin=stdin)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    errors = list(validator.iter_errors(doc))
    assert not errors, [e.message for e in errors[:3]]
    return doc


def _one_line_error(proc, *words):
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nusym: error: "), proc.stderr
    for w in words:
        assert w in lines[0], lines[0]


@pytest.mark.parametrize("name", MODEL_FILES)
def test_potential_model_file(cli, validator, name):
    path = _example(name)
    model = load_model(path)
    doc = _json(cli, validator, "potential", "Fe-56", "W", "--r", "1um", "3um", "--dps", "15", "--model", str(path))
    assert doc["model"] == model.describe(15) and doc["model"]["states"] == model.n
    lib = nusym.potential(["1um", "3um"], "Fe-56", "W", model=model, dps=15)
    assert doc["V_eV"] == [mpmath.nstr(v, 15) for v in lib]


def test_decoupled_sterile_state_leaves_v_unchanged(cli, validator, tmp_path):
    """A 3+1 model file with U_a4 = 0 (m4 = 0.5 eV) gives the paper's three-neutrino V to every digit."""
    f = tmp_path / "decoupled.toml"
    f.write_text('[model]\nnature = "majorana"\n[sterile]\nmasses = ["0.5 eV"]\nsin2_theta14 = "0"\n')
    four = _json(cli, validator, "potential", "Fe-56", "W", "--r", "1um", "5um", "--dps", "25", "--model", str(f))
    three = _json(cli, validator, "potential", "Fe-56", "W", "--r", "1um", "5um", "--dps", "25",
                  "--nature", "majorana")
    assert four["model"]["states"] == 4 and three["model"]["states"] == 3
    assert four["V_eV"] == three["V_eV"]


def test_model_from_stdin(cli, validator):
    text = _example("sterile_3p1.toml").read_text()
    doc = _json(cli, validator, "potential", "Fe-56", "Fe-56", "--r", "2um", "--dps", "12", "--model", "-",
                stdin=text)
    from_file = _json(cli, validator, "potential", "Fe-56", "Fe-56", "--r", "2um", "--dps", "12", "--model",
                      str(_example("sterile_3p1.toml")))
    assert doc["V_eV"] == from_file["V_eV"] and doc["model"]["states"] == 4


@pytest.mark.parametrize("args", [
    ["charges", "W"],
    ["masses"],
    ["alpha", "Fe-56", "Fe-56", "--lambda", "1um", "10um"],
    ["wep", "Be", "Ti", "--source", "W", "--distance", "10um"],
    ["budget", "Au", "Au", "--gap", "1um", "--radius1", "100um", "--thickness", "1mm"],
    ["potential", "W", "Be", "--geometry", "plane-plane", "--gap", "1um"],
])
def test_every_model_subcommand_takes_a_model_file(cli, validator, args):
    path = _example("sterile_3p1.toml")
    model = load_model(path)
    doc = _json(cli, validator, *args, "--model", str(path))
    assert doc["model"]["states"] == 4 and doc["model"]["masses_eV"] == model.describe(
        15 if doc["precision"] == "double" else doc["dps"])["masses_eV"]


def test_charges_of_a_3p1_model(cli, validator):
    """Q^ij = 2 Z U_ei U*_ej - N sum_a U_ai U*_aj: 4 x 4, with Q^44 = 2 Z |U_e4|^2 - N |U_e4|^2 here."""
    doc = _json(cli, validator, "charges", "Fe-56", "--model", str(_example("sterile_3p1.toml")), "--dps", "15")
    assert len(doc["Q_real"]) == 4 and all(len(row) == 4 for row in doc["Q_imag"])
    # sterile_3p1: |U_e4|^2 = 0.02 and U_mu4 = U_tau4 = 0
    assert mpmath.mpf(doc["Q_real"][3][3]) == pytest.approx(mpmath.mpf("0.02") * (2 * 26 - 30), rel=1e-13)


def test_masses_of_a_3p2_model(cli, validator):
    doc = _json(cli, validator, "masses", "--model", str(_example("sterile_3p2.toml")))
    assert len(doc["masses_eV"]) == 5 and doc["masses_eV"][3:] == ["0.5", "1.0"]


@pytest.mark.parametrize("extra, words", [
    (["--nature", "majorana"], ["--model", "--nature"]),
    (["--lightest", "0.1", "--preset", "nufit-6.0"], ["--lightest", "--preset"]),
])
def test_model_excludes_the_preset_options(cli, extra, words):
    _one_line_error(cli("potential", "Fe-56", "W", "--r", "1um", "--model", str(_example("sterile_3p1.toml")),
                        *extra), *words)


def test_model_file_errors_are_one_line(cli, tmp_path):
    _one_line_error(cli("potential", "Fe-56", "W", "--r", "1um", "--model", str(tmp_path / "none.toml")),
                    "does not exist")
    bad = tmp_path / "bad.toml"
    bad.write_text("[model]\nnatur = 'dirac'\n")
    _one_line_error(cli("charges", "W", "--model", str(bad)), "natur")
    _one_line_error(cli("masses", "--model", "-", stdin="[model\n"), "TOML")
    _one_line_error(cli("potential", "Fe-56", "W", "--r", "1um", "--uncertainty", "--model",
                        str(_example("sterile_3p1.toml"))), "--model")


def test_masses_defaults_like_the_others(cli, validator):
    """`masses` needs no option: normal ordering and lightest mass 0, as every other subcommand."""
    bare = _json(cli, validator, "masses")
    explicit = _json(cli, validator, "masses", "--ordering", "NO", "--lightest", "0")
    assert bare == explicit and bare["ordering"] == "normal" and bare["lightest_eV"] == "0"


# ----------------------------------------------------------------------------- derive --current
@pytest.mark.slow  # SymPy derives the general-current kernels (~10 s)
def test_derive_current_structures(cli, validator):
    vector = _json(cli, validator, "derive", "absorptive", "--current", "V=1,A=0", "--nature", "dirac")
    axial = _json(cli, validator, "derive", "absorptive", "--current", "V=0,A=1", "--nature", "dirac")
    assert vector["current"] == "V=1, A=0" and axial["current"] == "V=0, A=1"
    assert "m_i*m_j" in vector["text"] and vector["text"] != axial["text"]
    scalar = cli("derive", "absorptive", "--current", "S=1")
    assert scalar.returncode == 0 and "# with c_S = 1, c_P = 0" in scalar.stdout
    latex = cli("derive", "absorptive", "--current", "S=1", "--latex")
    assert latex.returncode == 0 and r"\operatorname{Im} M_{ij}(t)" in latex.stdout
    sm = cli("derive", "absorptive", "--current", "V-A")
    assert sm.stdout == cli("derive", "absorptive").stdout


@pytest.mark.slow  # SymPy derives the general-current kernels and their transforms
def test_derive_other_targets_take_the_current(cli, validator):
    """threshold, closed-form and massless derive for the given current, not for V-A."""
    threshold = cli("derive", "threshold", "--current", "S=1")
    assert threshold.returncode == 0 and "P-wave" in threshold.stdout and "ss" in threshold.stdout
    massless = _json(cli, validator, "derive", "massless", "--current", "S=1")
    assert massless["current"] == "S=1, P=0" and "r**5" in massless["text"]
    assert massless["text"] != _json(cli, validator, "derive", "massless")["text"]
    closed = cli("derive", "closed-form", "--current", "V=1,A=0", "--nature", "majorana")
    assert closed.returncode == 0 and "besselk" in closed.stdout


@pytest.mark.parametrize("args, word", [
    (["absorptive", "--current", "V=1,S=1"], "not both"),
    (["absorptive", "--current", "X=1"], "X"),
    (["charges", "--current", "S=1"], "--current"),
    (["couplings", "--current", "V=1,A=0"], "--current"),
    (["absorptive", "--current", "S=1", "--latex", "--latex-width", "single"], "--current"),
])
def test_derive_current_bad_input(cli, args, word):
    _one_line_error(cli("derive", *args), word)


@pytest.mark.slow
@pytest.mark.parametrize("name", CURRENT_FILES)
def test_derive_with_a_current_model_file(cli, validator, name):
    path = _example(name)
    model = load_model(path)
    doc = _json(cli, validator, "derive", "absorptive", "--model", str(path))
    assert doc["nature"] == model.nature and doc["current"] == model.describe()["current"]
    _one_line_error(cli("derive", "absorptive", "--model", str(path), "--current", "S=1"), "--current")


def test_vector_plus_axial_current_is_v_minus_a(cli, validator, tmp_path):
    """Model files with [current]: the JSON states the current; V(pure vector) + V(pure axial) is the
    V-A potential of the paper (the V x A interference vanishes for static sources)."""
    docs = {}
    for name, current in (("vector", "V = 1\nA = 0\n"), ("axial", "V = 0\nA = 1\n")):
        f = tmp_path / f"{name}.toml"
        f.write_text('[model]\nnature = "dirac"\nlightest = "0.05 eV"\n[current]\n' + current)
        docs[name] = _json(cli, validator, "potential", "Fe-56", "W", "--r", "2um", "--dps", "20", "--model", str(f))
        assert docs[name]["model"]["current"] == load_model(f).describe(20)["current"]
    sm = _json(cli, validator, "potential", "Fe-56", "W", "--r", "2um", "--dps", "20", "--lightest", "0.05")
    assert docs["vector"]["model"]["current"] == "V=1, A=0" and "current" not in sm["model"]
    with mpmath.workdps(30):
        total = mpmath.mpf(docs["vector"]["V_eV"][0]) + mpmath.mpf(docs["axial"]["V_eV"][0])
        assert abs(total / mpmath.mpf(sm["V_eV"][0]) - 1) < mpmath.mpf(10) ** -18


# ----------------------------------------------------------------------------- --latex-width
def test_latex_width_bad_input_fails_before_any_work(cli, tmp_path):
    _one_line_error(cli("derive", "massless", "--latex", "--latex-width", "wide"), "wide")
    _one_line_error(cli("derive", "threshold", "--latex", "--latex-width", "single"), "threshold")
    _one_line_error(cli("reproduce", "--out", str(tmp_path / "o"), "--latex-width", "5"), "width")
    assert not (tmp_path / "o").exists()


@pytest.mark.slow  # lays out the packaged fragments with SymPy (~8 s)
def test_derive_latex_width(cli, validator):
    single = cli("derive", "absorptive", "--latex", "--latex-width", "single")
    double = cli("derive", "absorptive", "--latex", "--latex-width", "double")
    assert single.returncode == double.returncode == 0, single.stderr
    assert "246 pt" in single.stdout and "510 pt" in double.stdout
    assert r"\documentclass" not in single.stdout and r"\begin{equation*}" in double.stdout
    doc = _json(cli, validator, "derive", "massless", "--latex-width", "300pt")
    assert doc["latex_width"] == "300pt" and "300 pt" in doc["latex"]
