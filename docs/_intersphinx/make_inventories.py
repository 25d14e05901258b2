"""Write the small intersphinx inventories of docs/_intersphinx (run from anywhere).

``python docs/_intersphinx/make_inventories.py`` writes

* ``numpy.inv`` and ``matplotlib.inv``: the few objects of NumPy and matplotlib that the
  nusym documentation names (Debian ships no documentation package of either with an
  ``objects.inv``);
* ``mpmath.inv``: Debian's inventory of the mpmath 1.2.1 documentation
  (``mpmath-debian.inv``, from the package ``python-mpmath-doc``) plus the number
  types ``mpmath.mpf`` / ``mpmath.mpc``, which that documentation has no target for.

The format is Sphinx's inventory version 2 (a four-line header, then zlib-compressed
lines ``name domain:role priority uri display-name``; a ``uri`` ending in ``$``
stands for the uri followed by the name).
"""

from __future__ import annotations

import os
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))

#: (name, domain:role, uri relative to the project's documentation root)
NUMPY = [
    ("numpy", "py:module", "reference/index.html#module-$"),
    ("numpy.ndarray", "py:class", "reference/generated/numpy.ndarray.html#$"),
    ("numpy.float64", "py:attribute", "reference/arrays.scalars.html#$"),
    ("numpy.asarray", "py:function", "reference/generated/numpy.asarray.html#$"),
    ("numpy.geomspace", "py:function", "reference/generated/numpy.geomspace.html#$"),
    ("numpy.linspace", "py:function", "reference/generated/numpy.linspace.html#$"),
    ("numpy.logspace", "py:function", "reference/generated/numpy.logspace.html#$"),
    ("numpy.errstate", "py:class", "reference/generated/numpy.errstate.html#$"),
    ("numpy.typing.ArrayLike", "py:data", "reference/typing.html#$"),
]
MATPLOTLIB = [
    ("matplotlib", "py:module", "index.html#module-$"),
    ("matplotlib.figure.Figure", "py:class", "api/_as_gen/matplotlib.figure.Figure.html#$"),
    ("matplotlib.axes.Axes", "py:class", "api/_as_gen/matplotlib.axes.Axes.html#$"),
    ("matplotlib.pyplot.subplots", "py:function", "api/_as_gen/matplotlib.pyplot.subplots.html#$"),
    ("matplotlib.pyplot.loglog", "py:function", "api/_as_gen/matplotlib.pyplot.loglog.html#$"),
]
MPMATH_EXTRA = [
    ("mpmath.mpf", "py:class", "basics.html#number-types"),
    ("mpmath.mpc", "py:class", "basics.html#number-types"),
    # where the classes live: what autodoc writes for an evaluated annotation ``mpmath.mpf``
    ("mpmath.ctx_mp_python.mpf", "py:class", "basics.html#number-types"),
    ("mpmath.ctx_mp_python.mpc", "py:class", "basics.html#number-types"),
]


def _header(project: str, version: str) -> bytes:
    return (f"# Sphinx inventory version 2\n# Project: {project}\n# Version: {version}\n"
            "# The remainder of this file is compressed using zlib.\n").encode()


def _lines(entries: list[tuple[str, str, str]]) -> bytes:
    return "".join(f"{name} {role} 1 {uri} -\n" for name, role, uri in entries).encode()


def write(path: str, project: str, version: str, body: bytes) -> None:
    """Write one inventory file (header, then ``body`` compressed)."""
    with open(path, "wb") as f:
        f.write(_header(project, version) + zlib.compress(body, 9))


def read_body(path: str) -> tuple[str, str, bytes]:
    """Project, version and the uncompressed lines of a version-2 inventory."""
    with open(path, "rb") as f:
        data = f.read()
    head = data.split(b"\n", 4)
    project = head[1].decode().split(": ", 1)[1]
    version = head[2].decode().split(": ", 1)[1]
    return project, version, zlib.decompress(head[4])


def main() -> None:
    write(os.path.join(HERE, "numpy.inv"), "NumPy", "stable", _lines(NUMPY))
    write(os.path.join(HERE, "matplotlib.inv"), "Matplotlib", "stable", _lines(MATPLOTLIB))
    project, version, body = read_body(os.path.join(HERE, "mpmath-debian.inv"))
    write(os.path.join(HERE, "mpmath.inv"), project, version, body + _lines(MPMATH_EXTRA))


if __name__ == "__main__":
    main()
