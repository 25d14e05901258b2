"""Sphinx configuration of the nusym documentation.

Build: ``sphinx-build -W -b html docs docs/_build/html`` (warnings are errors).

* Pages are MyST Markdown, parsed by ``myst_nb`` (which brings ``myst_parser``);
  ``docs/tutorial.md`` is a text-based notebook (MyST-NB format) that is executed
  on every build (``nb_execution_mode = "force"``; a failing cell fails the build).
* Docstrings are numpydoc-style, rendered by ``sphinx.ext.napoleon``; the type hints
  of the signatures are shown in the descriptions (``autodoc_typehints``).
* The command-line reference (``docs/cli_reference.md``) is generated from the parser
  itself by sphinx-argparse (``nusym.cli.build_parser``).
* Intersphinx reads LOCAL inventories shipped in ``docs/_intersphinx/`` (see the
  README there): the build needs no network, and never waits for or warns about an
  unreachable inventory; links still point to the upstream web sites.
"""

from __future__ import annotations

import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, ROOT)

from nusym._version import __version__  # noqa: E402

project = "nusym"
author = "nusym developers"
copyright = "2026, nusym developers"
version = release = __version__

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
    "sphinxarg.ext",
]
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb", ".rst": "restructuredtext"}
master_doc = root_doc = "index"
# figures/*.md: generated fragments that pages pull in with {include}, not pages
exclude_patterns = ["_build", "_intersphinx", "dev", "figures/*.md", "Thumbs.db", ".DS_Store",
                    "**.ipynb_checkpoints"]
nitpicky = False
smartquotes = False    # keep "--option" and quotes of the CLI text as typed (no en dashes)
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3

# ----------------------------------------------------------------------------- autodoc
autodoc_member_order = "bysource"
autodoc_typehints = "description"          # type hints shown, next to each parameter
autodoc_typehints_description_target = "all"
autodoc_typehints_format = "short"
autodoc_default_options = {"members": True, "show-inheritance": False}
autodoc_preserve_defaults = True

# ----------------------------------------------------------------------------- napoleon
napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_rtype = True
napoleon_use_param = True
napoleon_preprocess_types = True

# ----------------------------------------------------------------------------- intersphinx
# Local inventories (docs/_intersphinx/README.md says where each comes from and how to
# refresh it).  A local file is read without network access, so an offline `-W` build
# neither fails nor waits; the first element of each pair is where the links point.
_INV = os.path.join(os.path.dirname(__file__), "_intersphinx")
intersphinx_mapping = {
    "python": ("https://docs.python.org/3", os.path.join(_INV, "python.inv")),
    "numpy": ("https://numpy.org/doc/stable", os.path.join(_INV, "numpy.inv")),
    "mpmath": ("https://mpmath.org/doc/current", os.path.join(_INV, "mpmath.inv")),
    "sympy": ("https://docs.sympy.org/latest", os.path.join(_INV, "sympy.inv")),
    "matplotlib": ("https://matplotlib.org/stable", os.path.join(_INV, "matplotlib.inv")),
}
intersphinx_timeout = 5

# ----------------------------------------------------------------------------- myst-nb
nb_execution_mode = "force"                # the tutorial runs on every build
nb_execution_raise_on_error = True         # ... and a failing cell fails the build
nb_execution_timeout = 300
nb_merge_streams = True

# ----------------------------------------------------------------------------- HTML
html_theme = "alabaster"
html_theme_options = {"page_width": "1200px", "sidebar_width": "240px"}   # room for code and tables
html_static_path: list[str] = []
html_title = f"nusym {release}"


def _optional_pages(app, docname, source):  # noqa: ANN001
    """Drop the toctree of optional notes (docs/asymptotics.md) while it does not exist."""
    if docname != "index" or os.path.exists(os.path.join(app.srcdir, "asymptotics.md")):
        return
    text = source[0]
    start = text.find("<!-- optional-notes")
    if start >= 0:
        end = text.find("```", text.find("```", start) + 3) + 3
        source[0] = text[:start] + text[end:]


def setup(app):  # noqa: ANN001
    os.environ.setdefault("COLUMNS", "88")     # argparse help wraps at a fixed width
    app.connect("source-read", _optional_pages)
    return {"parallel_read_safe": True}
