"""The documentation's set-up: numpydoc sections of the public API, local intersphinx
inventories (an offline `sphinx-build -W` must not need the web), the CLI reference
generated from the parser, and the executed tutorial."""

from __future__ import annotations

import argparse
import importlib.util
import inspect
import os
import re

import pytest

import nusym

DOCS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "docs")
#: the checks of the documentation's set-up need the source tree (an sdist may ship no docs/)
needs_docs = pytest.mark.skipif(not os.path.isfile(os.path.join(DOCS, "conf.py")),
                                reason="docs/ is not part of this distribution")

#: public names of nusym whose docstrings carry the numpydoc sections
NUMPYDOC_NAMES = ("alpha_eff", "yukawa_limits", "material", "charges_per", "sphere_sphere", "sphere_plane",
                  "plane_plane", "eotvos", "uncertainty", "phase_range", "budget", "parse_source",
                  "load_parameters", "mass_spectrum", "parse_length",
                  # the core API (dotted: an attribute of a public name, or a function of a submodule)
                  "Model", "Model.from_preset", "Model.with_nature", "Model.with_current", "Model.charges",
                  "Model.describe", "potential", "force", "potential_channels", "gravity_potential",
                  "sterile_model", "nonunitary_model", "load_model", "sectors.mixing_from_angles", "constant",
                  "plot.fig2", "plot.fig3", "plot.fig3_bands", "plot.alpha_lambda", "plot.wep", "plot.budget",
                  "latexdoc.fragments", "latexdoc.fragment", "latexdoc.write_fragments", "scan")
#: of those, the ones that raise nothing of their own (no Raises section needed)
NO_RAISES = {"Model.describe"}


def _resolve(name: str):
    """``nusym.<name>``: a public name, an attribute of one (``Model.charges``) or a submodule's function."""
    import importlib

    head, _, rest = name.partition(".")
    obj = getattr(nusym, head) if head in dir(nusym) else importlib.import_module(f"nusym.{head}")
    for part in rest.split(".") if rest else ():
        obj = getattr(obj, part)
    return obj


def _sections(doc: str) -> set[str]:
    """Titles of numpydoc sections: a line followed by a line of dashes of the same length."""
    lines = inspect.cleandoc(doc).splitlines()
    return {a.strip() for a, b in zip(lines, lines[1:], strict=False)
            if b.strip() and set(b.strip()) == {"-"} and len(b.strip()) == len(a.strip())}


@pytest.mark.parametrize("name", NUMPYDOC_NAMES)
def test_public_function_has_numpydoc_sections(name):
    func = _resolve(name)
    sections = _sections(func.__doc__ or "")
    needed = {"Parameters", "Returns", "Examples"} | (set() if name in NO_RAISES else {"Raises"})
    assert needed <= sections, (name, sections)
    params = [p for p in inspect.signature(func).parameters if p != "self"]
    text = inspect.cleandoc(func.__doc__)
    block = text.split("Parameters\n----------\n", 1)[1].split("\n\n", 1)[0]
    documented = {n.strip().lstrip("*") for line in block.splitlines()
                  if not line.startswith(" ") and (" : " in line or line.startswith("*"))
                  for n in line.split(" : ", 1)[0].split(",")}
    shorthand = {"nature", "ordering", "lightest", "preset", "delta", "alpha21", "alpha31", "shorthand"}
    missing = [p for p in params if p not in documented and not (p in shorthand and "model" in documented)]
    assert not missing, f"{name}: parameters without an entry in Parameters: {missing}"
    assert re.search(r"Eqs?\. \(\d+\)|Table I", text), f"{name} cites no equation (or table) of the paper"


def _conf() -> dict:
    pytest.importorskip("sphinx")
    spec = importlib.util.spec_from_file_location("nusym_docs_conf", os.path.join(DOCS, "conf.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return vars(mod)


@needs_docs
@pytest.mark.parametrize("key, name", [("python", "str"), ("numpy", "numpy.ndarray"),
                                       ("mpmath", "mpmath.mpf"), ("mpmath", "mpmath.quad"),
                                       ("sympy", "sympy.core.expr.Expr"),
                                       ("matplotlib", "matplotlib.figure.Figure")])
def test_intersphinx_inventories_are_local_and_readable(key, name):
    from sphinx.util.inventory import InventoryFile

    target, inventory = _conf()["intersphinx_mapping"][key]
    assert target.startswith("https://")
    assert os.path.isfile(inventory), f"{key}: the inventory must be a local file, got {inventory!r}"
    with open(inventory, "rb") as f:
        inv = InventoryFile.load(f, target, lambda base, uri: base + "/" + uri)
    entries = {n: item for role in inv.values() for n, item in role.items()}
    assert name in entries
    uri = entries[name].uri if hasattr(entries[name], "uri") else entries[name][2]
    assert uri.startswith(target + "/")


@needs_docs
def test_cli_reference_uses_the_parser():
    with open(os.path.join(DOCS, "cli_reference.md"), encoding="utf-8") as f:
        text = f.read()
    assert ".. argparse::" in text and ":module: nusym.cli" in text
    func = re.search(r":func:\s*(\w+)", text).group(1)
    from nusym import cli

    parser = getattr(cli, func)()
    assert isinstance(parser, argparse.ArgumentParser)
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(cli.SUBCOMMANDS) <= set(subparsers.choices)


@needs_docs
def test_tutorial_is_an_executed_notebook():
    conf = _conf()
    assert conf["nb_execution_mode"] in ("force", "cache", "auto")
    assert conf["nb_execution_raise_on_error"] is True
    with open(os.path.join(DOCS, "tutorial.md"), encoding="utf-8") as f:
        head = f.read().split("---", 2)[1]
    assert "file_format: mystnb" in head
