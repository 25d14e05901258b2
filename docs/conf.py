"""Sphinx configuration of the nusym documentation (Markdown pages via myst-parser).

Build: ``sphinx-build -W -b html docs docs/_build/html`` (warnings are errors).
"""

from __future__ import annotations

import os
import sys

from docutils import nodes
from docutils.parsers.rst import Directive

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, ROOT)

from nusym._version import __version__  # noqa: E402

project = "nusym"
author = "nusym developers"
copyright = "2026, nusym developers"
version = release = __version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
master_doc = root_doc = "index"
exclude_patterns = ["_build", "dev", "Thumbs.db", ".DS_Store"]
nitpicky = False
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3
autodoc_member_order = "bysource"
autodoc_typehints = "none"
autodoc_default_options = {"members": True, "show-inheritance": False}
html_theme = "alabaster"
html_static_path: list[str] = []
html_title = f"nusym {release}"


def _plain_docstring(app, what, name, obj, options, lines):  # noqa: ANN001
    """Docstrings of nusym are plain text with ``code`` and doctests, not full reST.

    Physics notation such as ``U_ei U*_ej`` or ``|U_ei|`` is not reST markup: escape
    the characters that reST would read as unterminated inline markup.
    """
    out = []
    in_code = False
    in_doctest = False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith(">>>"):
            in_doctest = True
        if in_doctest:
            if not stripped:
                in_doctest = False
            out.append(line)
            continue
        if in_code:
            if stripped and not line.startswith((" ", "\t")):
                in_code = False
            else:
                out.append(line)
                continue
        if stripped.endswith("::"):
            in_code = True
        indent = line[: len(line) - len(line.lstrip())]
        bullet = ""
        if stripped.startswith(("* ", "- ")):
            bullet, line = stripped[:2], stripped[2:]
        parts = line.split("``")
        for k in range(0, len(parts), 2):  # outside ``literals``
            seg = parts[k]
            if ":math:`" in seg or ":func:`" in seg or ":class:`" in seg or ":mod:`" in seg \
                    or ":data:`" in seg or ":meth:`" in seg or ":attr:`" in seg:
                continue
            seg = seg.replace("\\", "\\\\").replace("*", "\\*").replace("|", "\\|")
            seg = seg.replace("`", "\\`").replace("_ ", "\\_ ")
            parts[k] = seg
        out.append(indent + bullet + "``".join(parts) if bullet else "``".join(parts))
    lines[:] = out


class NusymHelp(Directive):
    """``{nusym-help} SUBCOMMAND``: the ``--help`` text of a subcommand, as a literal block."""

    required_arguments = 0
    optional_arguments = 1

    def run(self):  # noqa: D401
        os.environ["COLUMNS"] = "88"
        from nusym.cli import build_parser

        parser = build_parser()
        if self.arguments:
            sub = next(a for a in parser._subparsers._group_actions  # noqa: SLF001
                       if hasattr(a, "choices")).choices[self.arguments[0]]
            text = sub.format_help()
        else:
            text = parser.format_help()
        text = text.replace(os.path.basename(sys.argv[0]), "nusym") if "sphinx" in sys.argv[0] else text
        node = nodes.literal_block(text, text)
        node["language"] = "text"
        return [node]


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
    app.connect("autodoc-process-docstring", _plain_docstring)
    app.connect("source-read", _optional_pages)
    app.add_directive("nusym-help", NusymHelp)
    return {"parallel_read_safe": True}
