"""Golden tests of derivations/: regenerate every output into tmp_path and compare.

The committed outputs (derivations/output/, and derivations/ for the accuracy
table) are the reference: a change in a derived result shows up as a diff here.
If the installed SymPy differs from the version that wrote the JSON, its printed
forms may legitimately change; then the expressions are compared mathematically
(sympify of the ``str`` forms, difference simplifies to 0) and the checks exactly.
"""

from __future__ import annotations

import difflib
import importlib.util
import json
from pathlib import Path

import pytest
import sympy as sp

DERIV = Path(__file__).resolve().parent.parent / "derivations"
OUTPUT = DERIV / "output"

FAST = ["couplings_charges", "absorptive", "massless", "closed_forms", "comparison"]
SLOW = ["asymptotic"]


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"_derivation_{name}", DERIV / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _diff(a: str, b: str, name: str) -> str:
    return "".join(list(difflib.unified_diff(a.splitlines(True), b.splitlines(True),
                                             f"committed/{name}", f"regenerated/{name}"))[:60])


def _same_math(committed: dict, fresh: dict) -> None:
    assert committed["checks"] == fresh["checks"]
    assert committed["results"].keys() == fresh["results"].keys()
    for key, rec in committed["results"].items():
        a = sp.sympify(rec["str"])
        b = sp.sympify(fresh["results"][key]["str"])
        if a != b:
            assert sp.simplify(a - b) == 0, key


def _check(name: str, tmp_path: Path) -> None:
    written = _load(name).main(tmp_path)
    assert sorted(Path(p).name for p in written) == [f"{name}.json", f"{name}.tex"]
    committed_json = json.loads((OUTPUT / f"{name}.json").read_text())
    fresh_json = json.loads((tmp_path / f"{name}.json").read_text())
    if committed_json["sympy_version"] != sp.__version__:
        _same_math(committed_json, fresh_json)
        return
    for suffix in (".json", ".tex"):
        a = (OUTPUT / f"{name}{suffix}").read_text()
        b = (tmp_path / f"{name}{suffix}").read_text()
        assert a == b, f"{name}{suffix} differs from the committed output " \
                       f"(regenerate with `python derivations/{name}.py`):\n" + _diff(a, b, name + suffix)


@pytest.mark.parametrize("name", FAST)
def test_derivation_matches_committed_output(name, tmp_path):
    _check(name, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("name", SLOW)
def test_slow_derivation_matches_committed_output(name, tmp_path):
    _check(name, tmp_path)


def test_every_script_has_committed_output():
    scripts = sorted(p.stem for p in DERIV.glob("*.py") if not p.stem.startswith("_"))
    assert set(FAST + SLOW) <= set(scripts)
    for name in FAST + SLOW:
        assert (OUTPUT / f"{name}.tex").is_file() and (OUTPUT / f"{name}.json").is_file()


def test_checks_in_committed_output():
    """What the derivation found, as committed (Eqs. 4-8)."""
    cc = json.loads((OUTPUT / "couplings_charges.json").read_text())["checks"]
    assert all(cc.values())
    ab = json.loads((OUTPUT / "absorptive.json").read_text())["checks"]
    assert ab["eq6_dirac_dirac_equals_printed"] and ab["eq6_majorana_axial_equals_printed"]
    assert not ab["eq6_majorana_vector_equals_printed"]
    ml = json.loads((OUTPUT / "massless.json").read_text())["checks"]
    assert ml["eq8_reproduced"] and ml["eq8_dirac_majorana_equal"]


@pytest.mark.slow
def test_accuracy_table_matches_committed_output(tmp_path):
    """Regenerates derivations/accuracy_table.{csv,md} (~15-25 s) and compares them with the committed files."""
    module = _load("accuracy_table")
    committed = [p for p in (DERIV / "accuracy_table.csv", DERIV / "accuracy_table.md",
                             OUTPUT / "accuracy_table.csv", OUTPUT / "accuracy_table.md") if p.is_file()]
    if not committed or not hasattr(module, "main"):
        pytest.skip("derivations/accuracy_table.py has no committed output yet")
    module.main(tmp_path)
    for ref in committed:
        fresh = tmp_path / ref.name
        assert fresh.is_file(), ref.name
        a, b = ref.read_text(), fresh.read_text()
        assert a == b, _diff(a, b, ref.name)
