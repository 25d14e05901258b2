"""HTML tables for rich display in Jupyter (the ``_repr_html_`` methods of result objects).

A result object of nusym (:class:`nusym.budgets.Budget`,
:class:`nusym.uncertainties.UncertaintyResult`, :class:`nusym.geometry.BodyInteraction`,
:class:`nusym.materials.Material`, ...) shows in a notebook as a small table of its
numbers, built here: :func:`html_columns` for columns of equal length (one row per
gap, distance, ...), :func:`html_table` for any rows.  Every text is escaped;
numbers are printed with :func:`html_number` (``digits`` significant digits, mpmath
numbers included).  Long columns are cut to their first and last rows.  A table
comes in a ``<div class="nusym-table">`` that scrolls sideways when it is wider than
the page, with a small style sheet (:data:`STYLE`) that keeps numbers on one line.

>>> print(html_columns({"r (m)": [1e-6, 1e-5], "V (eV)": [2.5e-49, 1.25e-54]}, caption="V < 1"))
... # doctest: +ELLIPSIS
<div class="nusym-table" style="overflow-x: auto"><style>...</style>
<table class="nusym">
<caption>V &lt; 1</caption>
<thead><tr><th>r (m)</th><th>V (eV)</th></tr></thead>
<tbody>
<tr><td>1e-06</td><td>2.5e-49</td></tr>
<tr><td>1e-05</td><td>1.25e-54</td></tr>
</tbody>
</table>
</div>
"""

from __future__ import annotations

import html
import numbers
from collections.abc import Mapping, Sequence
from typing import Any

import mpmath

__all__ = ["MAX_ROWS", "STYLE", "html_number", "html_table", "html_columns"]

#: rows shown by :func:`html_columns` before the middle is elided
MAX_ROWS = 20

#: the style sheet of every table: numbers on one line, right-aligned; caption on the left
STYLE = ("table.nusym {border-collapse: collapse; font-size: 0.9em; margin: 0.5em 0} "
         "table.nusym caption {text-align: left; caption-side: top; padding-bottom: 0.3em} "
         "table.nusym th, table.nusym td {white-space: nowrap; padding: 0.1em 0.6em; text-align: right} "
         "table.nusym th {border-bottom: 1px solid #888}")


def html_number(x: Any, digits: int = 6) -> str:
    """One cell: a number to ``digits`` significant digits, anything else as escaped text.

    Parameters
    ----------
    x : object
        A Python or NumPy number, an mpmath number, a string, ``None`` or a bool.
    digits : int, optional
        Significant digits of floats and mpmath numbers (default 6).

    Returns
    -------
    str
        HTML-escaped text (``None`` gives an em dash).

    Examples
    --------
    >>> html_number(1 / 3), html_number(mpmath.mpf(2) / 3, 4), html_number(None), html_number("a<b")
    ('0.333333', '0.6667', '—', 'a&lt;b')
    """
    if x is None:
        return "—"
    if isinstance(x, (bool, str)):
        return html.escape(str(x))
    if isinstance(x, (mpmath.mpf, mpmath.mpc)):
        return html.escape(mpmath.nstr(x, digits))
    if isinstance(x, numbers.Integral):
        return str(int(x))
    if isinstance(x, numbers.Real):
        return html.escape(f"{float(x) + 0.0:.{digits}g}")
    if isinstance(x, numbers.Complex):
        return html.escape(f"{complex(x):.{digits}g}")
    return html.escape(str(x))


def html_table(rows: Sequence[Sequence[Any]], *, header: Sequence[str] | None = None,
               caption: str | None = None, digits: int = 6) -> str:
    """An HTML ``<table class="nusym">`` of ``rows`` (cells through :func:`html_number`).

    Parameters
    ----------
    rows : sequence of sequences
        The cells, row by row.
    header : sequence of str, optional
        Column titles.
    caption : str, optional
        The caption (plain text, escaped).
    digits : int, optional
        Significant digits of the numbers (default 6).

    Returns
    -------
    str
        The table.

    Examples
    --------
    >>> html_table([["Fe-56", 26]], header=["source", "Z"]).count("<tr>")
    2
    """
    out = [f'<div class="nusym-table" style="overflow-x: auto"><style>{STYLE}</style>', '<table class="nusym">']
    if caption:
        out.append(f"<caption>{html.escape(caption)}</caption>")
    if header:
        out.append("<thead><tr>" + "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
                   + "</tr></thead>")
    out.append("<tbody>")
    for row in rows:
        out.append("<tr>" + "".join(f"<td>{html_number(c, digits)}</td>" for c in row) + "</tr>")
    out.append("</tbody>")
    out.append("</table>")
    out.append("</div>")
    return "\n".join(out)


def _column(values: Any) -> list[Any]:
    """A column as a flat list (a scalar is one value; NumPy arrays are flattened)."""
    if values is None or isinstance(values, (str, bytes, numbers.Number, mpmath.mpf, mpmath.mpc)):
        return [values]
    if hasattr(values, "ravel"):
        return list(values.ravel()) if getattr(values, "ndim", 1) else [values[()]]
    if isinstance(values, Sequence):
        return list(values)
    return [values]


def html_columns(columns: Mapping[str, Any], *, caption: str | None = None, digits: int = 6,
                 max_rows: int = MAX_ROWS) -> str:
    """A table whose columns are ``{title: values}``; a scalar column repeats on every row.

    Parameters
    ----------
    columns : Mapping of str to values
        Column title -> a scalar, a sequence or a NumPy array (flattened).
    caption : str, optional
        The caption.
    digits : int, optional
        Significant digits (default 6).
    max_rows : int, optional
        More rows than this show the first and last ``max_rows // 2`` and a row of
        ellipses between them (default :data:`MAX_ROWS`).

    Returns
    -------
    str
        The table.

    Examples
    --------
    >>> t = html_columns({"x": list(range(100)), "unit": "m"}, max_rows=4)
    >>> t.count("<tr>"), "<td>99</td>" in t, "<td>50</td>" in t
    (6, True, False)
    """
    cols = {k: _column(v) for k, v in columns.items()}
    n = max((len(v) for v in cols.values()), default=0)
    cols = {k: (v * n if len(v) == 1 else v) for k, v in cols.items()}
    index = list(range(n))
    rows: list[list[Any]] = []
    if n > max_rows:
        half = max(max_rows // 2, 1)
        head, tail = index[:half], index[-half:]
        rows = [[cols[k][i] for k in cols] for i in head]
        rows.append(["…"] * len(cols))
        rows += [[cols[k][i] for k in cols] for i in tail]
    else:
        rows = [[cols[k][i] if i < len(cols[k]) else None for k in cols] for i in index]
    return html_table(rows, header=list(cols), caption=caption, digits=digits)
