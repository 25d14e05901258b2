"""Packaging metadata: pyproject.toml, LICENSE, CITATION.cff and the contents of the sdist.

The sdist must carry everything its own tests need (conftests, tests/quadrature.py,
tests/asymptotic_refs.py, derivations/, docs/, benchmarks/); `.ci/run` builds it,
installs it into a fresh venv and runs a subset of its tests.  Here: the metadata,
the MANIFEST.in template (fast, without building) and, marked slow, a real sdist.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

import nusym
from nusym.resources import tomllib

ROOT = Path(__file__).resolve().parents[1]

#: files an unpacked sdist needs to run its tests, besides the package and tests/test_*.py
SDIST_MUST_HAVE = (
    "LICENSE", "CITATION.cff", "README.md", "pyproject.toml", "conftest.py", "MANIFEST.in",
    "tests/conftest.py", "tests/quadrature.py", "tests/asymptotic_refs.py",
    "tests/paper/test_eq6.py", "derivations/README.md", "docs/conf.py", "docs/index.md",
    "benchmarks/run.py", "nusym/data/isotopes.csv", "nusym/data/constants.toml", "nusym/py.typed",
)


@pytest.fixture(scope="module")
def pyproject() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)


def _requirement_names(reqs: list[str]) -> set[str]:
    return {re.split(r"[\s\[<>=!~;]", r, maxsplit=1)[0].lower() for r in reqs}


def test_license_is_spdx_with_file(pyproject):
    project = pyproject["project"]
    assert project["license"] == "MIT"  # SPDX expression, not the deprecated table
    assert project["license-files"] == ["LICENSE"]
    # PEP 639: no "License ::" classifier next to an SPDX expression
    assert not [c for c in project["classifiers"] if c.startswith("License ::")]
    setuptools_req = [r for r in pyproject["build-system"]["requires"] if r.startswith("setuptools")]
    assert setuptools_req == ["setuptools>=77"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert "Copyright (c) 2026 the nusym developers" in text
    assert "THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND" in text


def test_urls_classifiers_keywords(pyproject):
    project = pyproject["project"]
    assert set(project["urls"]) == {"Homepage", "Documentation", "Source", "Issues"}
    assert all(u.startswith("https://") for u in project["urls"].values())
    classifiers = project["classifiers"]
    for needed in ("Programming Language :: Python :: 3", "Topic :: Scientific/Engineering :: Physics",
                   "Intended Audience :: Science/Research", "Typing :: Typed"):
        assert needed in classifiers
    # every "Python :: 3.x" classifier is allowed by requires-python (>= 3.10)
    assert project["requires-python"] == ">=3.10"
    minors = [int(c.rsplit(".", 1)[1]) for c in classifiers if re.fullmatch(r".*Python :: 3\.\d+", c)]
    assert minors and min(minors) == 10
    assert "neutrino" in project["keywords"]
    assert (ROOT / "nusym" / "py.typed").exists()


def test_dependencies_core_is_light(pyproject):
    """No SciPy or matplotlib in the core; extras plot (matplotlib), scan (SciPy for the
    netCDF writer), test (both), dev (build, twine, ruff, mypy)."""
    project = pyproject["project"]
    core = _requirement_names(project["dependencies"])
    assert {"sympy", "mpmath", "numpy", "gmpy2", "python-flint"} <= core
    assert not core & {"scipy", "matplotlib"}
    extras = {k: _requirement_names(v) for k, v in project["optional-dependencies"].items()}
    assert "matplotlib" in extras["plot"]
    assert {"xarray", "dask", "scipy"} <= extras["scan"]
    assert {"pytest", "matplotlib", "scipy", "periodictable"} <= extras["test"]
    assert {"build", "twine", "ruff", "mypy"} <= extras["dev"]


def test_ruff_and_mypy_configured(pyproject):
    ruff = pyproject["tool"]["ruff"]
    assert ruff["target-version"] == "py310" and ruff["line-length"] == 120
    assert {"F", "E", "W", "B", "UP", "I"} <= set(ruff["lint"]["select"])
    mypy = pyproject["tool"]["mypy"]
    assert mypy["python_version"] == "3.10" and mypy["check_untyped_defs"] is True
    ignored = {m for o in pyproject["tool"]["mypy"].get("overrides", []) for m in o["module"]}
    assert {"mpmath", "sympy", "gmpy2", "flint"} <= ignored


def test_package_data_covers_every_data_file(pyproject):
    """Every file under nusym/data and nusym/generated (subfolders too) goes into the wheel."""
    from fnmatch import fnmatchcase

    patterns = [p.split("/") for p in pyproject["tool"]["setuptools"]["package-data"]["nusym"]]

    def covered(rel: str) -> bool:
        parts = rel.split("/")
        return any(len(p) == len(parts) and all(fnmatchcase(a, b) for a, b in zip(parts, p, strict=True))
                   for p in patterns)

    package = ROOT / "nusym"
    files = [f.relative_to(package).as_posix() for sub in ("data", "generated") for f in (package / sub).rglob("*")
             if f.is_file() and "__pycache__" not in f.parts and f.suffix != ".py"]
    assert "data/isotopes.csv" in files
    assert not [f for f in files if not covered(f)]


def test_citation_cff():
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    # key lines, without a YAML parser
    lines = text.splitlines()
    for needed in ("cff-version: 1.2.0", "type: software", "license: MIT", "references:",
                   f'version: "{nusym.__version__}"', 'doi: "10.1103/PhysRevD.101.093004"'):
        assert any(ln.strip() == needed for ln in lines), needed
    yaml = pytest.importorskip("yaml")
    cff = yaml.safe_load(text)
    assert cff["cff-version"] == "1.2.0"
    assert cff["type"] == "software" and cff["license"] == "MIT"
    assert cff["message"] and cff["title"].startswith("nusym")
    assert cff["authors"] == [{"name": "the nusym developers"}]
    assert cff["version"] == nusym.__version__ == cff["preferred-citation"]["version"]
    (paper,) = cff["references"]
    assert paper["doi"] == "10.1103/PhysRevD.101.093004"
    assert (paper["journal"], paper["volume"], paper["start"], paper["year"]) == (
        "Physical Review D", 101, "093004", 2020)
    assert [a["family-names"] for a in paper["authors"]] == ["Segarra", "Bernabéu"]


def test_manifest_template_includes_test_support_files():
    """The MANIFEST.in template, applied to this tree, takes in every file an unpacked
    sdist needs to run its tests (no build; the slow test below builds a real sdist)."""
    filelist_mod = pytest.importorskip("setuptools.command.egg_info")
    if not (ROOT / "MANIFEST.in").exists():
        pytest.fail("MANIFEST.in is missing")
    import os
    files = filelist_mod.FileList()
    cwd = os.getcwd()
    try:
        os.chdir(ROOT)
        for line in (ROOT / "MANIFEST.in").read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                files.process_template_line(line)
    finally:
        os.chdir(cwd)
    got = {Path(f).as_posix() for f in files.files}
    missing = [f for f in SDIST_MUST_HAVE if f not in got and f not in ("nusym/py.typed",)]
    assert not missing
    assert not [f for f in got if "__pycache__" in f or f.endswith(".pyc") or f.startswith("docs/_build/")]


@pytest.mark.slow
def test_sdist_contents(tmp_path):
    """Build the sdist (needs `build` and access to setuptools >= 77) and list it."""
    pytest.importorskip("build")
    proc = subprocess.run([sys.executable, "-m", "build", "--sdist", "--outdir", str(tmp_path), str(ROOT)],
                          capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        pytest.skip(f"could not build the sdist here: {proc.stderr.strip().splitlines()[-1:]}")
    (sdist,) = tmp_path.glob("nusym-*.tar.gz")
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    assert not [f for f in SDIST_MUST_HAVE if f not in names]
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
