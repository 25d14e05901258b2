r"""LaTeX documents of the derived results (``equations.tex``, ``derivations/*.tex``).

Every formula in these documents comes from the symbolic core
(:mod:`nusym.symbolic`): the expressions are derived there and only *formatted*
here, with :func:`nusym.symbolic.symbols.latex`. The paper's printed equations
enter only through the ``printed_eq*`` functions of the symbolic modules, for the
side-by-side comparisons.

Each ``*_derivation()`` function returns a :class:`Derivation`: a LaTeX fragment
(one ``\section``), the derived expressions (for the machine-readable JSON files
of ``derivations/``) and the boolean checks made on the way.

Expressions are printed in the paper's notation and arrangement by
:class:`PaperPrinter` (``e^{-r\sqrt{t_{ij}}}``, ``1 - X/t - (\Delta m^2_{ij}/t)^2/2``,
``\overline{m}^2_{ij}``). A long one is broken by :func:`display` for a chosen width
(``width="single"`` = 246 pt, ``"double"`` = 510 pt, or points): its printed width is
estimated in TeX points (:func:`tex_width`), sums and products are split at the top
level into amsmath's ``multline*`` (a product broken across lines carries ``\times``;
parentheses spanning lines are ``\biggl( \biggr)``), otherwise ``equation*``.

Besides the standalone documents (``equations.tex``, ``derivations/*.tex``;
packages amsmath, amssymb, booktabs, graphicx, geometry), :func:`fragments` gives one
``\input``-able fragment per result (Eqs. 4-9 and the printed-versus-derived
comparisons), needing only amsmath (see ``docs/latex.md``).

>>> import sympy as sp
>>> from nusym.symbolic.symbols import t, m_i
>>> print(display("f", t + m_i))
\begin{equation*}
f = t + m_{i}
\end{equation*}
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import sympy as sp
from sympy.printing.latex import LatexPrinter

from nusym.errors import InvalidOptionError
from nusym.inputs import check_latex_width
from nusym.io import atomic_write_text

__all__ = [
    "Derivation",
    "DOCUMENT_WIDTH",
    "FRAGMENT_PACKAGES",
    "layout_width",
    "PaperPrinter",
    "paper_latex",
    "tex_width",
    "display",
    "display_many",
    "eq9_comparison_displays",
    "standalone",
    "FRAGMENTS",
    "fragment_expressions",
    "packaged_fragment_expressions",
    "fragments",
    "fragment",
    "fragment_header",
    "fragment_filename",
    "write_fragments",
    "couplings_charges_derivation",
    "absorptive_derivation",
    "massless_derivation",
    "closed_forms_derivation",
    "asymptotic_derivation",
    "comparison_derivation",
    "DERIVATIONS",
    "equations_document",
    "derivation_json",
    "PREAMBLE",
    "write_derivation",
    "EQUATIONS_JSON",
    "derive_equations",
    "render_equations_json",
    "write_equations_json",
]

#: the packaged derivation behind ``equations.tex`` (nusym/generated/equations.json)
EQUATIONS_JSON = "equations.json"

PAPER = (r"A.~Segarra and J.~Bernab\'eu, ``Absolute neutrino mass and the Dirac/Majorana "
         r"distinction from the weak interaction of aggregate matter'', "
         r"Phys.\ Rev.\ D \textbf{101}, 093004 (2020)")

PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage[margin=2cm]{geometry}
\usepackage{amsmath,amssymb}
\usepackage{booktabs}
\usepackage{graphicx}
\allowdisplaybreaks
\setlength{\emergencystretch}{3em}
"""

@dataclass
class Derivation:
    """One derived result: LaTeX section, expressions and checks."""

    name: str
    title: str
    body: str
    results: dict[str, Any] = field(default_factory=dict)
    checks: dict[str, bool] = field(default_factory=dict)


# --------------------------------------------------------------------------- widths
#: layout width (TeX points, at 10 pt) of the standalone documents: 11 pt article with 2 cm
#: margins on A4 (481 pt), divided by 1.1 for the larger type
DOCUMENT_WIDTH = 430.0

#: the packages that the displays need (documented in every fragment and docs/latex.md)
FRAGMENT_PACKAGES = ("amsmath",)


def layout_width(width: Any = None) -> float:
    """Width in TeX points for a ``width=`` argument; ``None`` -> :data:`DOCUMENT_WIDTH`.

    ``"single"`` = 246 pt (3.4 in column), ``"double"`` = 510 pt (7.0 in), or a number of
    points (:func:`nusym.inputs.check_latex_width`).

    >>> layout_width("single"), layout_width(300), layout_width(None)
    (246.0, 300.0, 430.0)
    """
    return DOCUMENT_WIDTH if width is None else check_latex_width(width)


# --------------------------------------------------------------------------- printing
def _degree(expr: sp.Expr, var: sp.Symbol) -> float:
    """Exponent of ``var`` in a product (0 if absent or not numeric)."""
    total = 0.0
    for f in sp.Mul.make_args(expr):
        base, exp = f.as_base_exp()
        if base == var and exp.is_number:
            total += float(exp)
    return total


class PaperPrinter(LatexPrinter):
    r"""SymPy's LaTeX printer in the paper's notation and arrangement.

    Symbols print with :data:`nusym.symbolic.symbols.LATEX_NAMES`; sums are ordered by
    falling powers of ``t`` and then of ``r`` (``1 - X/t - ...``, ``b_0 + b_1/r``); the
    threshold exponential ``exp(-r (m_i + m_j))`` prints as ``e^{-r\sqrt{t_{ij}}}``
    (``t_ij = (m_i + m_j)^2``), and ``Delta m^4/t^2`` as ``(Delta m^2/t)^2``.

    >>> from nusym.symbolic.symbols import t, r, m_i, m_j, mbar2, Dm2
    >>> print(paper_latex(1 - mbar2/t - Dm2**2/(2*t**2)))
    1 - \frac{\overline{m}^{2}_{ij}}{t} - \frac{1}{2} \left(\frac{\Delta m^{2}_{ij}}{t}\right)^{2}
    >>> print(paper_latex(sp.exp(-r*(m_i + m_j))))
    e^{- r \sqrt{t_{ij}}}
    """

    def __init__(self) -> None:
        from .symbolic.symbols import LATEX_NAMES

        super().__init__({"symbol_names": {**LATEX_NAMES, **_EXTRA_NAMES}, "fold_func_brackets": True})

    def _as_ordered_terms(self, expr: Any, order: Any = None) -> list[Any]:
        from .symbolic.symbols import mbar2, r, t

        # falling powers of t, then of r; among equal powers, mbar^2_ij first (X = mbar^2 + 3 m_i m_j)
        terms = list(expr.as_ordered_terms())
        return sorted(terms, key=lambda e: (-_degree(e, t), -_degree(e, r), 0 if e.has(mbar2) else 1))

    def _print_ExpBase(self, expr: Any, exp: Any = None) -> str:
        from .symbolic.symbols import m_i, m_j, t_ij

        arg = expr.args[0]
        if arg.has(m_i) and arg.has(m_j):
            q = sp.cancel(arg / (m_i + m_j))
            if not q.has(m_i, m_j):
                return self._do_exponent(f"e^{{{self._print(q * sp.sqrt(t_ij))}}}", exp)
        return super()._print_ExpBase(expr, exp)

    def _print_Mul(self, expr: Any) -> str:
        from .symbolic.symbols import Dm2, t

        if _degree(expr, Dm2) == 2 and _degree(expr, t) <= -2:
            rest = expr * t**2 / Dm2**2
            frac = r"\left(\frac{\Delta m^{2}_{ij}}{t}\right)^{2}"
            if rest == 1:
                return frac
            if rest == -1:
                return "- " + frac
            return self._print(rest) + " " + frac
        # the paper's order of a product: t sqrt(...) [1 - X/t - ...]: roots before brackets
        big = [f for f in expr.args if isinstance(f, sp.Add)
               or (f.is_Pow and f.exp == sp.Rational(1, 2) and isinstance(f.base, sp.Add))]
        if len(big) >= 2 and any(f.is_Pow for f in big) and any(isinstance(f, sp.Add) for f in big):
            rest = sp.Mul(*[f for f in expr.args if f not in big])
            head = "" if rest == 1 else ("- " if rest == -1 else self._print(rest) + " ")
            tail = [self._print(f) if f.is_Pow else r"\left(" + self._print(f) + r"\right)"
                    for f in sorted(big, key=lambda f: 0 if f.is_Pow else 1)]
            return head + " ".join(tail)
        return super()._print_Mul(expr)


def paper_latex(expr: Any) -> str:
    """LaTeX of ``expr`` with :class:`PaperPrinter` (a LaTeX string is returned as is)."""
    if isinstance(expr, str):
        return expr
    return PaperPrinter().doprint(sp.sympify(expr))


_latex = paper_latex

_WEIGHT_TEX = {
    "dirac": r"Q^{ij}_{W,A}Q^{ij*}_{W,B}",
    "axial": r"\operatorname{Re}Q^{ij}_{W,A}\operatorname{Re}Q^{ij}_{W,B}",
    "vector": r"\operatorname{Im}Q^{ij}_{W,A}\operatorname{Im}Q^{ij}_{W,B}",
}
#: placeholders for the charge weights of Eq. (6) in displayed sums (printed as the weights)
WEIGHT_SYMBOLS = {w: sp.Symbol(f"W_{w}") for w in _WEIGHT_TEX}
#: placeholder for sum_alpha Q^alpha_{W,A} Q^alpha_{W,B} (Eq. 7)
SUM_ALPHA = sp.Symbol("S_alpha")
_EXTRA_NAMES = {**{WEIGHT_SYMBOLS[w]: tex for w, tex in _WEIGHT_TEX.items()},
                SUM_ALPHA: r"\sum_{\alpha} Q^{\alpha}_{W,A}Q^{\alpha}_{W,B}"}

# widths (pt) of Computer Modern math italic / roman glyphs at 10 pt
_GLYPH = dict(zip("abcdefghijklmnopqrstuvwxyz",
                  (5.3, 4.3, 4.3, 5.2, 4.7, 4.9, 4.8, 5.8, 3.4, 4.1, 5.2, 3.0, 8.8, 6.0, 4.9, 5.0,
                   4.5, 4.5, 4.7, 3.6, 5.7, 5.2, 7.2, 5.7, 4.9, 4.6), strict=True))
_GLYPH.update(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                  (7.5, 7.6, 7.2, 8.3, 7.4, 6.4, 7.9, 8.3, 4.4, 5.5, 8.5, 6.8, 9.7, 8.0, 7.6, 6.4,
                   7.9, 7.6, 6.1, 5.8, 6.8, 5.8, 9.4, 8.3, 5.8, 6.8), strict=True))
_GLYPH.update({c: 5.0 for c in "0123456789"})
_GLYPH.update({"(": 3.9, ")": 3.9, "[": 2.8, "]": 2.8, ",": 4.5, ".": 2.8, "/": 5.0, "|": 2.8,
               "'": 2.8, "*": 5.0, ";": 2.8, ":": 2.8, "!": 2.8})
_BINARY = {"+": 7.8, "-": 7.8, "=": 7.8, "<": 7.8, ">": 7.8}
_CMD_WIDTH = {
    r"\Delta": 8.3, r"\alpha": 6.4, r"\mu": 6.0, r"\pi": 5.7, r"\theta": 4.7, r"\delta": 4.4,
    r"\psi": 6.9, r"\tau": 4.4, r"\nu": 5.2, r"\lambda": 5.8, r"\gamma": 5.2, r"\sigma": 5.7,
    r"\infty": 10.0, r"\sum": 14.4, r"\int": 8.0, r"\partial": 5.7, r"\ell": 4.2,
    r"\quad": 10.0, r"\qquad": 20.0, r"\,": 1.7, r"\;": 2.8, r"\:": 2.2, r"\!": -1.7, r"\ ": 3.3,
    r"\dots": 13.4, r"\ldots": 13.4, r"\cdots": 13.4, r"\sin": 15.6, r"\cos": 15.6, r"\log": 15.0,
    r"\cdot": 7.8, r"\LaTeX": 24.0, r"\hbar": 5.8, r"\prime": 2.8,
}
_RELATION = {r"\simeq", r"\approx", r"\le", r"\leq", r"\ge", r"\geq", r"\equiv", r"\sim", r"\ne",
             r"\times", r"\pm", r"\mp", r"\to"}
_DELIM = {r"\left": 6.5, r"\right": 6.5, r"\bigl": 4.6, r"\bigr": 4.6, r"\Bigl": 5.9, r"\Bigr": 5.9,
          r"\biggl": 7.0, r"\biggr": 7.0, r"\Biggl": 8.1, r"\Biggr": 8.1, r"\big": 4.6, r"\Big": 5.9,
          r"\bigg": 7.0, r"\Bigg": 8.1}
_UPRIGHT = {r"\operatorname", r"\mathrm", r"\text", r"\textbf", r"\mathbf", r"\texttt"}
_WORD = re.compile(r"\\([A-Za-z]+|.)")
#: effective size of script and scriptscript glyphs (cmr7/cmr5 are wider than 0.7/0.5 of cmr10)
_SCRIPT, _SCRIPTSCRIPT = 0.78, 0.6


def _braced(s: str, i: int) -> tuple[str, int]:
    """The balanced ``{...}`` group (or single token) starting at ``s[i]``: (contents, index after)."""
    while i < len(s) and s[i] == " ":
        i += 1
    if i >= len(s):
        return ("", i)
    if s[i] != "{":
        m = _WORD.match(s, i)
        if m:
            return (m.group(0), m.end())
        return (s[i], i + 1)
    depth = 0
    for j in range(i, len(s)):
        if s[j] == "{":
            depth += 1
        elif s[j] == "}":
            depth -= 1
            if depth == 0:
                return (s[i + 1:j], j + 1)
    return (s[i + 1:], len(s))


def _text_width(s: str) -> float:
    """Width of upright text (``\\text{...}``), with ``$...$`` parts measured as math."""
    total = 0.0
    for n, part in enumerate(s.split("$")):
        if n % 2:
            total += tex_width(part)
        else:
            plain = re.sub(r"\\[A-Za-z]+\s*|[{}~]", lambda m: " " if m.group(0) == "~" else "", part)
            total += sum(3.3 if c == " " else 4.6 for c in plain)
    return total


def tex_width(tex: str, scale: float = 1.0, style: int = 0) -> float:
    r"""Estimated printed width (TeX points at 10 pt) of a LaTeX math string.

    ``style`` 0 = display, 1 = text, 2 = script, 3 = scriptscript (sizes 1, 1, 0.7, 0.5).
    Fractions count as their wider part, scripts at their size, binary operators and
    relations with their spacing (none in scripts). An estimate, calibrated on
    Computer Modern; the LaTeX tests check the result with pdflatex.

    >>> round(tex_width(r"m_{i} + m_{j}"), 1)  # pdflatex: 37.3 pt
    36.6
    """
    total = 0.0
    i = 0
    last_script = 0.0  # width of a script just seen (sub and sup stack: count the wider)
    while i < len(tex):
        c = tex[i]
        if c in "^_":
            arg, i = _braced(tex, i + 1)
            sub_style = 2 if style < 2 else 3
            w = tex_width(arg, _SCRIPT if style < 2 else _SCRIPTSCRIPT, sub_style) + 0.5
            if last_script:
                total += max(0.0, w - last_script)
                last_script = 0.0
            else:
                total += w
                last_script = w
            continue
        last_script = 0.0
        if c == "\\":
            m = _WORD.match(tex, i)
            word = m.group(0) if m else "\\"
            i = m.end() if m else i + 1
            if word in (r"\frac", r"\dfrac", r"\tfrac"):
                num, i = _braced(tex, i)
                den, i = _braced(tex, i)
                inner = 1 if style == 0 and word != r"\tfrac" else min(style + 1, 3)
                sc = scale if inner <= 1 else (_SCRIPT if inner == 2 else _SCRIPTSCRIPT)
                total += max(tex_width(num, sc, inner), tex_width(den, sc, inner)) + 2.4 * scale
            elif word == r"\sqrt":
                if i < len(tex) and tex[i] == "[":
                    j = tex.index("]", i)
                    i = j + 1
                arg, i = _braced(tex, i)
                total += tex_width(arg, scale, style) + 8.3 * scale
            elif word in _UPRIGHT:
                arg, i = _braced(tex, i)
                total += _text_width(arg) * scale + (3.4 if word == r"\operatorname" else 0.0)
            elif word in (r"\overline", r"\bar", r"\hat", r"\tilde", r"\mathit", r"\boldsymbol",
                          r"\displaystyle", r"\mathbb", r"\mathcal"):
                if word != r"\displaystyle":
                    arg, i = _braced(tex, i)
                    total += tex_width(arg, scale, style)
            elif word in _DELIM:
                _, i = _braced(tex, i)
                total += _DELIM[word] * scale
            elif word in _RELATION:
                total += (7.8 + (5.6 if style < 2 else 0.0)) * scale
            elif word in ("\\\\", r"\begin", r"\end", r"\label", r"\tag", r"\nonumber"):
                if word in (r"\begin", r"\end", r"\label"):
                    _, i = _braced(tex, i)
            else:
                total += _CMD_WIDTH.get(word, 6.0) * scale
            continue
        i += 1
        if c in " {}&~":
            continue
        if c in _BINARY:
            space = (5.6 if c in "=<>" else 4.4) if style < 2 else 0.0
            total += (_BINARY[c] + space) * scale
        else:
            total += _GLYPH.get(c, 5.5) * scale
    return total


@dataclass
class _Tok:
    text: str
    joiner: str = ""  # written at the start of a continuation line before this token


def _is_simple(f: sp.Expr) -> bool:
    """A factor kept in the leading coefficient of a broken product (no sum inside)."""
    return not any(isinstance(a, sp.Add) for a in sp.preorder_traversal(f)) and not isinstance(f, sp.exp)


def _tokens(expr: sp.Expr, limit: float) -> list[_Tok]:
    """Split ``expr`` into tokens between which a line may break (widths in pt)."""
    tex = paper_latex(expr)
    if tex_width(tex) <= limit or not isinstance(expr, (sp.Add, sp.Mul)):
        return [_Tok(tex)]
    if isinstance(expr, sp.Add):
        out: list[_Tok] = []
        for n, term in enumerate(PaperPrinter()._as_ordered_terms(expr)):
            neg = term.could_extract_minus_sign()
            body = -term if neg else term
            sign = "- " if neg else ("" if n == 0 else "+ ")
            sub = _tokens(body, limit - 12)
            sub[0] = _Tok(sign + sub[0].text)
            out.extend(sub)
        return out
    # a product: the numeric coefficient and the simple factors (with every denominator) lead;
    # each factor holding a sum follows, after "\times" where a line breaks before it
    sign = ""
    if expr.could_extract_minus_sign():
        sign, expr = "- ", -expr
    head: list[sp.Expr] = []
    big: list[sp.Expr] = []
    for f in sp.Mul.make_args(expr):
        base, e = f.as_base_exp()
        (head if (_is_simple(f) or (e.is_number and e < 0)) else big).append(f)
    out = []
    if head:
        out.append(_Tok(sign + paper_latex(sp.Mul(*head))))
        sign = ""
    # the paper's order: roots, then the other factors (t sqrt(...) [1 - X/t - ...])
    ordered = sp.Mul(*big).as_ordered_factors() if big else []
    ordered.sort(key=lambda f: 0 if (f.is_Pow and f.exp == sp.Rational(1, 2)) else 1)
    for f in ordered:
        base, e = f.as_base_exp()
        ftex = paper_latex(f)
        if isinstance(base, sp.Add) and (e == 1 or (e.is_integer and e > 1)) and tex_width(ftex) > limit:
            inner = _tokens(base, limit - 16)
            tall = any(r"\frac" in tk.text for tk in inner)
            lo, hi = (r"\biggl(", r"\biggr)") if tall else (r"\bigl(", r"\bigr)")
            power = "" if e == 1 else "^{" + paper_latex(e) + "}"
            group = [_Tok(lo + " " + inner[0].text, r"\times ")] + inner[1:]
            group[-1] = _Tok(group[-1].text + " " + hi + power, group[-1].joiner)
            out.extend(group)
        else:
            if isinstance(f, sp.Add):
                ftex = r"\left(" + ftex + r"\right)"
            out.append(_Tok(ftex, r"\times "))
    if sign:
        out.insert(0, _Tok("-"))
    if out:
        out[0] = _Tok(out[0].text)
    return out


def _pack(tokens: list[_Tok], first: float, limit: float) -> list[str]:
    """Greedy lines: the first at most ``first`` pt wide, the others ``limit``."""
    lines: list[str] = []
    cur = ""
    for tok in tokens:
        room = first if not lines else limit
        if cur and tex_width(cur + " " + tok.text) > room:
            lines.append(cur)
            cur = tok.joiner + tok.text
        else:
            cur = (cur + " " + tok.text) if cur else tok.text
    if cur:
        lines.append(cur)
    return lines


#: room kept free on each line: multline's \multlinegap (10 pt) and the estimate's error
_GAP = 10.0
_SAFETY = 0.92


def display(lhs: str, expr: Any, note: str = "", width: Any = None, prefix: Any = "",
            rel: str = "=") -> str:
    r"""Display ``lhs = expr``: ``equation*`` if it fits in ``width``, else ``multline*``.

    ``lhs`` is LaTeX; ``expr`` a SymPy expression (printed by :class:`PaperPrinter`) or a
    LaTeX string (shown as is); ``note`` is text put after a ``\quad`` on the last line
    (or on a line of its own); ``prefix`` (a LaTeX string, or a list of LaTeX factors)
    multiplies the whole expression, which is then put in brackets. ``width`` is
    ``"single"``, ``"double"``, a number of points, or ``None`` (:data:`DOCUMENT_WIDTH`).
    A product broken across lines carries an explicit ``\times``; parentheses that span
    lines are ``\biggl( ... \biggr)``.

    >>> from nusym.symbolic.symbols import t, m_i
    >>> print(display("f", t + m_i))
    \begin{equation*}
    f = t + m_{i}
    \end{equation*}
    """
    room = layout_width(width) * _SAFETY - _GAP
    head = f"{lhs} {rel} "
    pre = [prefix] if isinstance(prefix, str) and prefix else list(prefix or [])
    if isinstance(expr, str):
        tokens = [_Tok(expr)]
    else:
        tokens = _tokens(sp.sympify(expr), room - (16 if pre else 0))
    if pre:
        tokens = ([_Tok(p, r"\times ") for p in pre]
                  + [_Tok(r"\biggl[ " + tokens[0].text, r"\times ")] + tokens[1:])
        tokens[-1] = _Tok(tokens[-1].text + r" \biggr]", tokens[-1].joiner)
        tokens[0] = _Tok(tokens[0].text)
        if len(tokens) == 1 or tex_width(" ".join(t.text for t in tokens)) <= room - tex_width(head):
            body = " ".join(t.text for t in tokens)
            body = body.replace(r"\biggl[", r"\left[", 1)
            body = body[::-1].replace(r"]rggib\ ", r"]thgir\ ", 1)[::-1]
            tokens = [_Tok(body)]
    lines = _pack(tokens, room - tex_width(head), room)
    if note:
        tag = r"\text{" + note + "}"
        if tex_width(lines[-1] + tag) + 10 <= (room if len(lines) > 1 else room - tex_width(head)):
            lines[-1] += r" \quad " + tag
        else:
            lines.append(tag)
    if len(lines) == 1:
        return "\\begin{equation*}\n" + head + lines[0] + "\n\\end{equation*}"
    return "\\begin{multline*}\n" + head + " \\\\\n".join(lines) + "\n\\end{multline*}"


def display_many(rows: Iterable[tuple[str, Any, str]], width: Any = None) -> str:
    """Several :func:`display` blocks, one after the other."""
    return "\n".join(display(lhs, expr, note, width=width) for lhs, expr, note in rows)


def _text(s: str) -> str:
    """Escape plain text for LaTeX."""
    repl = {"&": r"\&", "%": r"\%", "_": r"\_", "#": r"\#", "~": r"\textasciitilde{}"}
    return "".join(repl.get(c, c) for c in s)


def _yes(flag: bool) -> str:
    return "yes" if flag else "\\textbf{no}"


def standalone(title: str, body: str, width: Any = None) -> str:
    r"""A complete pdflatex document around ``body``.

    ``width`` (as in :func:`display`) sets the text width; ``None``: A4/letter with 2 cm margins.
    """
    pre = PREAMBLE
    if width is not None:
        w = layout_width(width)
        pre = pre.replace(r"\usepackage[margin=2cm]{geometry}",
                          r"\usepackage[textwidth=%gpt,hmargin=1cm,vmargin=2cm]{geometry}" % (w * 1.1))
    return (pre + "\\title{" + title + "}\n\\author{generated by nusym}\n\\date{}\n"
            "\\begin{document}\n\\maketitle\n\\noindent Reproduction of " + PAPER + ".\n"
            "Every formula below was derived by the symbolic core of \\texttt{nusym} "
            "(SymPy) and converted to \\LaTeX{} by it; the printed equations of the paper "
            "are shown only beside the derived ones, for comparison.\n\n"
            + body.strip() + "\n\n\\end{document}\n")

def _record(results: dict[str, Any], key: str, expr: Any) -> Any:
    results[key] = expr
    return expr


# --------------------------------------------------------------------------- derivations
def couplings_charges_derivation(width: Any = None) -> Derivation:
    """Eqs. (4), (5) and (7): couplings from SM quantum numbers, coherent charges."""
    from .symbolic.charges import charge_matrix, flavour_charges, printed_eq5
    from .symbolic.couplings import QUANTUM_NUMBERS, nc_vector_coupling, printed_eq4, vector_couplings
    from .symbolic.report import eq7_identity
    from .symbolic.symbols import s2w

    res: dict[str, Any] = {}
    checks: dict[str, bool] = {}
    parts = [r"\section{Couplings and coherent weak charges (Eqs.~4, 5, 7)}",
             r"Neutral-current vector couplings $g_V = 2(T_3 - 2Q\sin^2\theta_W)$ in the "
             r"normalisation of Eq.~(3), from the quantum numbers; nucleons from their valence quarks:"]
    rows = []
    for f in list(QUANTUM_NUMBERS) + ["p", "n"]:
        rows.append((f"g^{{{f}}}_{{V,\\mathrm{{NC}}}}", _record(res, f"g_NC_{f}", nc_vector_coupling(f)), ""))
    parts.append(display_many(rows, width))
    g = vector_couplings()
    printed = printed_eq4()
    parts.append(r"Mass-basis vector couplings of Eq.~(4) (the electron carries the Fierzed "
                 r"charged-current term; PMNS matrix in the PDG convention with Majorana phases; "
                 r"only $i\le j$ shown, $g_{ji} = g_{ij}^*$):")
    rows = []
    for f in ("e", "p", "n"):
        same = sp.simplify(g[f] - printed[f]) == sp.zeros(3, 3)
        checks[f"eq4_{f}_equals_printed"] = bool(same)
        for i in range(3):
            for j in range(i, 3):
                e = _record(res, f"g_V_{f}_{i + 1}{j + 1}", g[f][i, j])
                rows.append((f"g^{{{f}}}_{{V,{i + 1}{j + 1}}}", e, ""))
    parts.append(display_many(rows, width))
    parts.append("Derived couplings equal the printed Eq.~(4): "
                 + ", ".join(f"$\\psi={f}$: {_yes(checks[f'eq4_{f}_equals_printed'])}" for f in "epn")
                 + ".")
    q = charge_matrix()
    checks["eq5_s2w_cancels"] = not any(e.has(s2w) for e in q)
    checks["eq5_equals_printed"] = bool(sp.simplify(q - printed_eq5()) == sp.zeros(3, 3))
    parts.append(r"Coherent charges $Q^{ij}_W(Z,N) = Z(g^e_{V,ij}+g^p_{V,ij}) + N g^n_{V,ij}$ "
                 r"(Eq.~5), derived:")
    rows = []
    for i in range(3):
        for j in range(i, 3):
            rows.append((f"Q^{{{i + 1}{j + 1}}}_W", _record(res, f"Q_{i + 1}{j + 1}", q[i, j]), ""))
    parts.append(display_many(rows, width))
    parts.append(f"$\\sin^2\\theta_W$ cancels: {_yes(checks['eq5_s2w_cancels'])}; "
                 f"equals the printed $2ZU_{{ei}}U^*_{{ej}} - N\\delta_{{ij}}$: "
                 f"{_yes(checks['eq5_equals_printed'])}.")
    fl = flavour_charges()
    parts.append(r"Flavour charges (Eq.~7) from the flavour-basis couplings:")
    parts.append(display_many([(f"Q^{{{_FLAV[k]}}}_W", _record(res, f"Q_flavour_{k}", v), "")
                               for k, v in fl.items()], width))
    ident = _record(res, "eq7_identity", eq7_identity())
    checks["eq7_identity"] = ident == 0
    parts.append(r"Unitarity identity of Eq.~(7), $\sum_{ij}Q^{ij}_{W,A}Q^{ij*}_{W,B} - "
                 r"\sum_\alpha Q^\alpha_{W,A}Q^\alpha_{W,B}$ for symbolic sources: $"
                 + _latex(ident) + "$.")
    fe = flavour_charges(26, 30)
    _record(res, "Q_flavour_Fe56", sp.Tuple(*fe.values()))
    parts.append(r"For ${}^{56}$Fe ($Z=26$, $N=30$): "
                 + ", ".join(f"$Q^{{{_FLAV[k]}}}_W = {_latex(v)}$" for k, v in fe.items()) + ".")
    return Derivation("couplings_charges", "Couplings and coherent weak charges (Eqs. 4, 5, 7)",
                      "\n\n".join(parts), res, checks)


_FLAV = {"e": "e", "mu": r"\mu", "tau": r"\tau"}


def absorptive_derivation(width: Any = None) -> Derivation:
    """Eq. (6): Im M_ij(t) for Dirac and Majorana neutrinos, threshold behaviour."""
    from .symbolic import absorptive as ab
    from .symbolic.report import eq6_comparison, majorana_phase_conditions

    res: dict[str, Any] = {}
    checks: dict[str, bool] = {}
    parts = [r"\section{Absorptive parts (Eq.~6)}",
             r"Derived from the unitarity relation Eq.~(2) with the vertex of Eq.~(3): explicit "
             r"Dirac traces, angular average, two-body phase space and static coherent sources. "
             r"Notation: $\operatorname{Im}M_{ij}(t) = P\sum_k w_k\,K_k(t;m_i,m_j)$.",
             display_many([
                 ("P", _record(res, "prefactor", ab.PREFACTOR), ""),
                 (r"\text{phase space}", _record(res, "phase_space", ab.phase_space()), ""),
                 (r"J_A\,P_{\mathrm{spin}\,1}\,J_B", _record(res, "static_projection_sign",
                                                           ab.static_projection_sign()),
                  "(static sources: repulsion)"),
             ], width)]
    for nature in ab.NATURES:
        parts.append(f"\\subsection{{{nature.capitalize()} neutrinos}}")
        rows = []
        for term in ab.absorptive_terms(nature):
            key = f"{nature}_{term.weight}"
            _record(res, f"kernel_{key}", term.kernel)
            rows.append((f"K_{{\\mathrm{{{term.weight}}}}}", term.kernel,
                         f"weight $w = {_WEIGHT_TEX[term.weight]}$"))
            rows.append((f"K_{{\\mathrm{{{term.weight}}}}}", _record(res, f"paper_form_{key}",
                                                                    ab.paper_form(term.kernel)),
                         "paper's variables"))
        parts.append(display_many(rows, width))
        printed = ab.printed_eq6(nature)
        _record(res, f"printed_eq6_{nature}", printed)
        parts.append(display(r"K^{\text{printed Eq.~6}}", ab.paper_form(printed),
                             r"with $w = Q^{ij}_{W,A}Q^{ij*}_{W,B}$", width=width))
        diffs = eq6_comparison(nature)
        rows = []
        for w, d in diffs.items():
            _record(res, f"eq6_difference_{nature}_{w}", d)
            checks[f"eq6_{nature}_{w}_equals_printed"] = d == 0
            lhs = (f"K_{{\\mathrm{{{w}}}}} - K^{{\\text{{printed}}}}" if w != "vector"
                   else r"K_{\mathrm{vector}} - K_{\mathrm{axial}}")
            rows.append((lhs, d, ""))
        parts.append(display_many(rows, width))
        rows = []
        for term in ab.absorptive_terms(nature):
            p = ab.threshold_power(term.kernel)
            lead = ab.threshold_leading_term(term.kernel)
            _record(res, f"threshold_power_{nature}_{term.weight}", p)
            _record(res, f"threshold_leading_{nature}_{term.weight}", lead)
            wave = {1: "S-wave", 3: "P-wave"}.get(int(p), f"power {p}")
            rows.append((f"K_{{\\mathrm{{{term.weight}}}}}\\big|_{{t = t_{{ij}}(1+k^2/m_im_j)}}",
                         lead, f"+ \\dots ({wave})"))
        parts.append(r"Near threshold, $t = t_{ij}(1 + k^2/(m_im_j))$:")
        parts.append(display_many(rows, width))
    conds = majorana_phase_conditions()
    for (i, j), c in zip(((1, 2), (1, 3), (2, 3)), conds, strict=True):
        _record(res, f"majorana_condition_{i}{j}", c)
    parts.append(r"\subsection{What differs from the printed Eq.~(6)}"
                 r"Dirac: the derived absorptive part is the printed one. "
                 r"Majorana: the printed form is the axial term; the derivation finds in "
                 r"addition a vector term with weight "
                 r"$\operatorname{Im}Q^{ij}_{W,A}\operatorname{Im}Q^{ij}_{W,B}$ and "
                 r"$X_{ij} = \overline{m}^2_{ij} - 3m_im_j$, which is S-wave. The printed "
                 r"Majorana Eq.~(6) therefore holds exactly when these three quantities "
                 r"($\operatorname{Im}U_{ei}U^*_{ej}$, $i<j$) vanish:")
    parts.append(display_many([(f"\\operatorname{{Im}}U_{{e{i}}}U^*_{{e{j}}}", c, "")
                               for (i, j), c in zip(((1, 2), (1, 3), (2, 3)), conds, strict=True)], width))
    return Derivation("absorptive", "Absorptive parts (Eq. 6)", "\n\n".join(parts), res, checks)


def massless_derivation(width: Any = None) -> Derivation:
    """Eqs. (7)-(8): the massless transform and potential."""
    from .symbolic.absorptive import NATURES, absorptive_terms
    from .symbolic.charges import flavour_charges
    from .symbolic.closed import check_eq8, massless_potential, massless_transform

    res: dict[str, Any] = {}
    checks: dict[str, bool] = {}
    parts = [r"\section{Massless neutrinos (Eqs.~7--8)}",
             r"Per channel and absorptive term, $T_k(r) = \int_0^\infty dt\,e^{-\sqrt t r}K_k(t)$ "
             r"with $m_i=m_j=0$:"]
    rows = []
    for nature in NATURES:
        for term in absorptive_terms(nature):
            rows.append((f"T_{{\\mathrm{{{term.weight}}}}}",
                         _record(res, f"T_massless_{nature}_{term.weight}",
                                 massless_transform(term.kernel)), f"({nature})"))
    parts.append(display_many(rows, width))
    S = SUM_ALPHA
    parts.append(r"Assembled with Eq.~(1) over the nine ordered channels, with "
                 r"$S = \sum_{ij}Q^{ij}_{W,A}Q^{ij*}_{W,B} = \sum_\alpha Q^\alpha_{W,A}Q^\alpha_{W,B}$ "
                 r"(Eq.~7):")
    rows = []
    for nature in NATURES:
        v = _record(res, f"V_massless_coefficient_{nature}", massless_potential(nature))
        rows.append((r"V(r)", v * S, f"({nature})"))
    parts.append(display_many(rows, width))
    checks["eq8_dirac_majorana_equal"] = bool(sp.simplify(
        res["V_massless_coefficient_dirac"] - res["V_massless_coefficient_majorana"]) == 0)
    checks["eq8_reproduced"] = bool(check_eq8(26, 30, 26, 30))
    fe = flavour_charges(26, 30)
    s_fe = _record(res, "S_Fe56_Fe56", sum(v * v for v in fe.values()))
    parts.append(f"Eq.~(8) reproduced (symbolic PMNS matrix, ${{}}^{{56}}$Fe--${{}}^{{56}}$Fe): "
                 f"{_yes(checks['eq8_reproduced'])}; the Dirac and Majorana massless potentials "
                 f"coincide: {_yes(checks['eq8_dirac_majorana_equal'])}. For two ${{}}^{{56}}$Fe "
                 f"atoms $\\sum_\\alpha Q^\\alpha_{{W,A}}Q^\\alpha_{{W,B}} = {_latex(s_fe)}$.")
    return Derivation("massless", "Massless neutrinos (Eqs. 7-8)", "\n\n".join(parts), res, checks)


def closed_forms_derivation(width: Any = None) -> Derivation:
    """Closed forms of T for equal masses, one massless partner, both massless."""
    from .symbolic.absorptive import NATURES, absorptive_terms
    from .symbolic.closed import closed_form_transform
    from .symbolic.symbols import m

    res: dict[str, Any] = {}
    parts = [r"\section{Closed forms of the transform}",
             r"$T_k(r) = \int_{(m_i+m_j)^2}^\infty dt\,e^{-\sqrt t\,r}K_k(t;m_i,m_j)$; equal masses "
             r"via $\sqrt t = 2m\cosh\theta$ (modified Bessel functions $K_n(2mr)$), one massless "
             r"partner via partial fractions (exponential integral $E_1$), both massless by "
             r"Gamma-function moments. The potential of one ordered channel is "
             r"$V_{ij} = -\frac{1}{4\pi^2 r}P\sum_k w_k T_k$."]
    cases = (("$m_i = m_j = m$", "equal", m, m), ("$m_i = m$, $m_j = 0$", "one_massless", m, 0),
             ("$m_i = m_j = 0$", "massless", 0, 0))
    for nature in NATURES:
        parts.append(f"\\subsection{{{nature.capitalize()} neutrinos}}")
        rows = []
        for term in absorptive_terms(nature):
            for label, key, a, b in cases:
                e = _record(res, f"T_{nature}_{term.weight}_{key}", closed_form_transform(term.kernel, a, b))
                rows.append((f"T_{{\\mathrm{{{term.weight}}}}}", e, label))
        parts.append(display_many(rows, width))
    return Derivation("closed_forms", "Closed forms of the transform", "\n\n".join(parts), res, {})


#: order of the long-distance series shown in the documents
ASYMPTOTIC_ORDER = 3


def asymptotic_derivation(order: int = ASYMPTOTIC_ORDER, width: Any = None) -> Derivation:
    """Eq. (9) and higher orders (Watson's lemma), short-distance corrections to Eq. (8)."""
    from .symbolic import asymptotic as asy
    from .symbolic.absorptive import NATURES, absorptive_terms
    from .symbolic.symbols import m, m_i

    res: dict[str, Any] = {}
    checks: dict[str, bool] = {}
    parts = [r"\section{Asymptotic series (Eqs.~8--9 and beyond)}",
             f"Long distance ($mr\\gg1$): Watson's lemma on $T_k$, order {order}: every term of "
             f"$V$ through $r^{{-5/2-{order}}}$ (the same cut for every channel and term). "
             r"Short distance ($mr\ll1$): Eq.~(8) and its mass corrections."]
    cases = (("generic", "generic masses", None, None), ("equal", "$m_i = m_j = m$", m, m),
             ("one_massless", "$m_j = 0$", m_i, 0), ("massless", "$m_i = m_j = 0$", 0, 0))
    for nature in NATURES:
        parts.append(f"\\subsection{{{nature.capitalize()} neutrinos: long distance}}")
        rows = []
        for term in absorptive_terms(nature):
            for key, label, a, b in cases:
                kw = {} if a is None else {"mi": a, "mj": b}
                e = _record(res, f"T_long_{nature}_{term.weight}_{key}",
                            asy.long_distance_transform(term.kernel, order, **kw))
                rows.append((f"T_{{\\mathrm{{{term.weight}}}}}", e, label))
        parts.append(display_many(rows, width))
        comp = asy.compare_with_eq9(nature)
        parts.append(r"Comparison with the printed Eq.~(9):")
        parts.append(eq9_comparison_displays(nature, order, width))
        for row in comp.rows:
            _record(res, f"eq9_b{row.n}_derived_{nature}", row.derived)
            _record(res, f"eq9_b{row.n}_printed_{nature}", row.printed)
            checks[f"eq9_b{row.n}_{nature}_coincides"] = bool(row.coincide)
        for n, c in enumerate(comp.vector):
            _record(res, f"eq9_b{n}_derived_{nature}_vector", c)
        parts.append(_eq9_table(comp))
        parts.append(f"\\subsection{{{nature.capitalize()} neutrinos: short distance}}")
        rows = []
        for term in absorptive_terms(nature):
            e = _record(res, f"T_short_{nature}_{term.weight}_equal",
                        asy.short_distance_transform(term.kernel, 4, m, m))
            rows.append((f"T_{{\\mathrm{{{term.weight}}}}}", e, "$m_i=m_j=m$, $+\\,O(m^6r^2)$"))
        parts.append(display_many(rows, width))
    return Derivation("asymptotic", "Asymptotic series (Eqs. 8-9 and beyond)", "\n\n".join(parts),
                      res, checks)


def _eq9_table(comp: Any) -> str:
    lines = [r"\begin{center}", r"\begin{tabular}{@{}lccc@{}}", r"\toprule",
             r"coefficient & derived & printed Eq.~(9) & agree \\", r"\midrule"]
    for row in comp.rows:
        lines.append(f"$b_{{{row.n}}}$ & ${_latex(row.derived)}$ & ${_latex(row.printed)}$ & "
                     f"{_yes(bool(row.coincide))} \\\\")
    lines += [r"\bottomrule", r"\end{tabular}", r"\end{center}"]
    return "\n".join(lines)


def comparison_derivation(order: int = ASYMPTOTIC_ORDER, width: Any = None) -> Derivation:
    """Every place where the derivation differs from the printed equation, side by side."""
    from .symbolic import absorptive as ab
    from .symbolic import asymptotic as asy
    from .symbolic.report import eq6_comparison

    res: dict[str, Any] = {}
    parts = [r"\section{Printed versus derived}",
             r"Every place where the derivation differs from the printed equation. Eqs.~(4), (5), "
             r"(7), (8) and the Dirac Eq.~(6) agree (see the previous sections)."]
    diff6 = eq6_comparison("majorana")
    if any(d != 0 for d in diff6.values()):
        parts.append(r"\subsection{Eq.~(6), Majorana neutrinos}")
        printed = ab.printed_eq6("majorana")
        pre = _latex(ab.PREFACTOR)
        parts.append(display(r"\operatorname{Im}M_{ij}\big|_{\text{printed}}",
                             WEIGHT_SYMBOLS["dirac"] * ab.paper_form(printed), "(printed)", prefix=pre,
                             width=width))
        derived = sp.Integer(0)
        for term in ab.absorptive_terms("majorana"):
            derived += WEIGHT_SYMBOLS[term.weight] * ab.paper_form(term.kernel)
        res["majorana_derived"] = derived
        parts.append(display(r"\operatorname{Im}M_{ij}\big|_{\text{derived}}", derived, "(derived)",
                             prefix=pre, width=width))
    for nature in ab.NATURES:
        comp = asy.compare_with_eq9(nature)
        bad = [row for row in comp.rows if not row.coincide]
        if bad or comp.vector:
            parts.append(f"\\subsection{{Eq.~(9), {nature.capitalize()} neutrinos}}")
            parts.append(_eq9_table(comp))
            if comp.vector:
                parts.append(r"Majorana vector term (weight $" + _WEIGHT_TEX["vector"]
                             + r"$, absent from the paper): "
                             + ", ".join(f"$b_{{{n}}} = {_latex(c)}$" for n, c in enumerate(comp.vector))
                             + ".")
    return Derivation("comparison", "Printed versus derived", "\n\n".join(parts), res, {})


# --------------------------------------------------------------------------- Eq. (9) displays
def _eq9_head(weight: str) -> list[str]:
    return [r"\frac{G_{F}^{2}}{64\pi^{5/2}}", _WEIGHT_TEX[weight], r"e^{-r\sqrt{t_{ij}}}",
            r"\frac{\sqrt{t_{ij}}}{r}", r"\left(\frac{2\mu_{ij}}{r}\right)^{3/2}"]


def _eq9_bracket(coeffs: Iterable[Any]) -> sp.Expr:
    from .symbolic.symbols import r

    return sp.Add(*[sp.sympify(c) / r**n for n, c in enumerate(coeffs)])


def eq9_comparison_displays(nature: str, order: int = 1, width: Any = None) -> str:
    r"""The derived long-distance series beside the printed Eq. (9), as displays.

    ``V_ij(r) \simeq G_F^2/(64 pi^(5/2)) w e^{-r sqrt(t_ij)} (sqrt(t_ij)/r) (2 mu_ij/r)^(3/2)
    [b_0 + b_1/r + ...]`` with the b_n derived through ``order`` (paper notation), the
    printed bracket, and for Majorana neutrinos the vector term absent from the paper.
    """
    from .symbolic import absorptive as ab
    from .symbolic import asymptotic as asy

    comp = asy.compare_with_eq9(nature)
    terms = {term.weight: term.kernel for term in ab.absorptive_terms(nature)}
    main = "dirac" if nature == "dirac" else "axial"
    derived = asy.derived_eq9_coefficients(terms[main], max(int(order), 1))
    out = [display(r"V_{ij}(r)", _eq9_bracket(derived), f"(derived, order {order})",
                   width=width, prefix=_eq9_head(main), rel=r"\simeq"),
           display(r"V_{ij}(r)", _eq9_bracket(row.printed for row in comp.rows), "(printed Eq.~9)",
                   width=width, prefix=_eq9_head(main), rel=r"\simeq")]
    if "vector" in terms:
        vec = asy.derived_eq9_coefficients(terms["vector"], max(int(order), 1))
        out.append(display(r"V^{\mathrm{vector}}_{ij}(r)", _eq9_bracket(vec), "(derived, new)",
                           width=width, prefix=_eq9_head("vector"), rel=r"\simeq"))
    return "\n".join(out)


# --------------------------------------------------------------------------- fragments
#: fragment name -> title, in document order (files ``fragment_<name>.tex``)
FRAGMENTS: dict[str, str] = {
    "eq4": "Eq. (4): mass-basis vector couplings",
    "eq5": "Eq. (5): coherent weak charges",
    "eq6": "Eq. (6): absorptive parts, Dirac and Majorana",
    "eq7": "Eq. (7): flavour charges and the unitarity identity",
    "eq8": "Eq. (8): massless potential",
    "eq9": "Eq. (9): long-distance series (derived)",
    "cmp_eq6": "Eq. (6), Majorana: printed versus derived (vector term)",
    "cmp_eq9": "Eq. (9): printed versus derived",
    "currents": "Beyond the paper: absorptive parts for currents beyond V-A (derived)",
}

#: a Kronecker delta placeholder for the fragments
DELTA_IJ = sp.Symbol("delta_ij")
_EXTRA_NAMES[DELTA_IJ] = r"\delta_{ij}"


def fragment_expressions(order: int = ASYMPTOTIC_ORDER) -> dict[str, sp.Expr]:
    """Every expression shown by the fragments, derived now with SymPy (slow; packaged in
    ``nusym/generated/equations.json`` under ``fragment_exprs``)."""
    from .symbolic import absorptive as ab
    from .symbolic import asymptotic as asy
    from .symbolic.charges import charge_matrix, flavour_charges
    from .symbolic.closed import massless_potential
    from .symbolic.couplings import vector_couplings
    from .symbolic.report import eq7_identity

    ex: dict[str, sp.Expr] = {}
    g = vector_couplings()
    for f in ("e", "p", "n"):
        diag = g[f][0, 0]
        if f != "e" and sp.simplify(g[f] - diag * sp.eye(3)) == sp.zeros(3, 3):
            ex[f"eq4_{f}_diag"] = diag
            continue
        for i in range(3):
            for j in range(i, 3):
                ex[f"eq4_{f}_{i + 1}{j + 1}"] = g[f][i, j]
    q = charge_matrix()
    for i in range(3):
        for j in range(i, 3):
            ex[f"eq5_{i + 1}{j + 1}"] = q[i, j]
    ex["eq6_prefactor"] = ab.PREFACTOR
    for nature in ab.NATURES:
        for term in ab.absorptive_terms(nature):
            ex[f"eq6_{nature}_{term.weight}"] = ab.paper_form(term.kernel)
    ex["eq6_printed_majorana"] = ab.paper_form(ab.printed_eq6("majorana"))
    for k, v in flavour_charges().items():
        ex[f"eq7_{k}"] = v
    ex["eq7_identity"] = eq7_identity()
    for nature in ab.NATURES:
        ex[f"eq8_{nature}"] = massless_potential(nature)
        comp = asy.compare_with_eq9(nature)
        terms = {term.weight: term.kernel for term in ab.absorptive_terms(nature)}
        for w, kernel in terms.items():
            for n, c in enumerate(asy.derived_eq9_coefficients(kernel, order)):
                ex[f"eq9_{nature}_{w}_b{n}"] = c
        for row in comp.rows:
            ex[f"cmp9_{nature}_printed_b{row.n}"] = row.printed
    for nature in ab.NATURES:  # beyond the paper: general V/A and S/P currents, symbolic coefficients
        for structure in ("VA", "SP"):
            ex[f"cur_{nature}_{structure}"] = sp.Add(*[
                term.coefficient * WEIGHT_SYMBOLS[term.weight] * ab.paper_form(term.kernel)
                for term in ab.absorptive_terms(nature, structure)])
    return ex


def _fragment_rows(name: str, ex: dict[str, sp.Expr], width: Any) -> list[str]:
    """The displays of fragment ``name`` from the expressions ``ex``."""
    def coeffs(prefix: str, upto: int | None = None) -> list[sp.Expr]:
        keys = sorted((k for k in ex if k.startswith(prefix + "_b")), key=lambda k: int(k.rsplit("b", 1)[1]))
        vals = [ex[k] for k in keys]
        return vals if upto is None else vals[:upto + 1]

    pre = _latex(ex["eq6_prefactor"])
    out: list[str] = []
    if name == "eq4":
        for f in ("e", "p", "n"):
            if f"eq4_{f}_diag" in ex:
                out.append(display(f"g^{{{f}}}_{{V,ij}}", ex[f"eq4_{f}_diag"] * DELTA_IJ, width=width))
                continue
            for i in range(1, 4):
                for j in range(i, 4):
                    out.append(display(f"g^{{{f}}}_{{V,{i}{j}}}", ex[f"eq4_{f}_{i}{j}"], width=width))
    elif name == "eq5":
        for i in range(1, 4):
            for j in range(i, 4):
                out.append(display(f"Q^{{{i}{j}}}_{{W}}", ex[f"eq5_{i}{j}"], width=width))
    elif name == "eq6":
        out.append(display(r"\operatorname{Im}M^{\mathrm{D}}_{ij}(t)",
                           WEIGHT_SYMBOLS["dirac"] * ex["eq6_dirac_dirac"], "(Dirac)", width=width,
                           prefix=pre))
        out.append(display(r"\operatorname{Im}M^{\mathrm{M}}_{ij}(t)",
                           WEIGHT_SYMBOLS["axial"] * ex["eq6_majorana_axial"]
                           + WEIGHT_SYMBOLS["vector"] * ex["eq6_majorana_vector"], "(Majorana)",
                           width=width, prefix=pre))
    elif name == "eq7":
        for k in ("e", "mu", "tau"):
            out.append(display(f"Q^{{{_FLAV[k]}}}_{{W}}", ex[f"eq7_{k}"], width=width))
        if ex["eq7_identity"] == 0:
            out.append(display(r"\sum_{ij} Q^{ij}_{W,A}Q^{ij*}_{W,B}", SUM_ALPHA, width=width))
    elif name == "eq8":
        for nature in ("dirac", "majorana"):
            out.append(display("V(r)", ex[f"eq8_{nature}"] * SUM_ALPHA, f"({nature.capitalize()})",
                               width=width))
    elif name == "eq9":
        out.append(display(r"V^{\mathrm{D}}_{ij}(r)", _eq9_bracket(coeffs("eq9_dirac_dirac")),
                           width=width, prefix=_eq9_head("dirac"), rel=r"\simeq"))
        for w in ("axial", "vector"):
            out.append(display(rf"V^{{\mathrm{{M}},\mathrm{{{w}}}}}_{{ij}}(r)",
                               _eq9_bracket(coeffs(f"eq9_majorana_{w}")), width=width,
                               prefix=_eq9_head(w), rel=r"\simeq"))
    elif name == "cmp_eq6":
        out.append(display(r"\operatorname{Im}M^{\mathrm{M}}_{ij}(t)",
                           WEIGHT_SYMBOLS["dirac"] * ex["eq6_printed_majorana"], "(printed)",
                           width=width, prefix=pre))
        out.append(display(r"\operatorname{Im}M^{\mathrm{M}}_{ij}(t)",
                           WEIGHT_SYMBOLS["axial"] * ex["eq6_majorana_axial"]
                           + WEIGHT_SYMBOLS["vector"] * ex["eq6_majorana_vector"], "(derived)",
                           width=width, prefix=pre))
    elif name == "cmp_eq9":
        for nature, main in (("dirac", "dirac"), ("majorana", "axial")):
            tag = r"\mathrm{D}" if nature == "dirac" else r"\mathrm{M}"
            printed = coeffs(f"cmp9_{nature}_printed")
            out.append(display(f"V^{{{tag}}}_{{ij}}(r)", _eq9_bracket(coeffs(f"eq9_{nature}_{main}", len(printed) - 1)),
                               "(derived)", width=width, prefix=_eq9_head(main), rel=r"\simeq"))
            out.append(display(f"V^{{{tag}}}_{{ij}}(r)", _eq9_bracket(printed), "(printed)", width=width,
                               prefix=_eq9_head(main), rel=r"\simeq"))
        out.append(display(r"V^{\mathrm{M},\mathrm{vector}}_{ij}(r)",
                           _eq9_bracket(coeffs("eq9_majorana_vector", 1)), "(derived, new)", width=width,
                           prefix=_eq9_head("vector"), rel=r"\simeq"))
    elif name == "currents":
        notes = {"VA": r"$\bar\nu_j\gamma^\mu(c_V - c_A\gamma_5)\nu_i$",
                 "SP": r"$\bar\nu_j(c_S + ic_P\gamma_5)\nu_i$, $Q$: scalar charges"}
        for nature in ("dirac", "majorana"):
            tag = r"\mathrm{D}" if nature == "dirac" else r"\mathrm{M}"
            for structure in ("VA", "SP"):
                out.append(display(rf"\operatorname{{Im}}M^{{{tag},{structure}}}_{{ij}}(t)",
                                   ex[f"cur_{nature}_{structure}"],
                                   f"({nature.capitalize()}, {notes[structure]})", width=width, prefix=pre))
    else:
        raise InvalidOptionError(f"unknown fragment {name!r}; known: {', '.join(FRAGMENTS)}")
    return out


def fragment_header(title: str, width: Any, packages: Iterable[str] = FRAGMENT_PACKAGES) -> str:
    """The comment block at the top of every fragment (what it is, what it needs)."""
    return (f"% nusym LaTeX fragment: {title} (Segarra & Bernabeu, PRD 101, 093004 (2020)).\n"
            f"% \\input{{}} it in a document; no preamble. Needs: "
            + ", ".join(f"\\usepackage{{{p}}}" for p in packages) + ".\n"
            f"% Laid out for a text width of {layout_width(width):g} pt at 10 pt type "
            "(nusym.latexdoc.write_fragments(width=...)); generated, do not edit.\n")


def packaged_fragment_expressions() -> dict[str, sp.Expr]:
    """The fragment expressions of the packaged derivation (nusym/generated/equations.json)."""
    data = json.loads(resources.files("nusym.generated").joinpath(EQUATIONS_JSON).read_text(encoding="utf-8"))
    return {k: sp.sympify(v) for k, v in data["fragment_exprs"].items()}


def fragments(width: Any = "single", exprs: dict[str, Any] | None = None) -> dict[str, str]:
    r"""One ``\input``-able LaTeX fragment per result (name -> text), laid out for ``width``.

    The results of Segarra & Bernabeu 2020 that ``nusym reproduce`` derives: Eqs. (4)
    to (9), the printed-versus-derived comparisons of Eqs. (6) and (9), and the
    currents beyond V-A (:data:`FRAGMENTS`). Each fragment holds
    ``equation*``/``multline*`` displays only (no preamble) and starts with a
    comment naming the packages it needs (amsmath).

    Parameters
    ----------
    width : {"single", "double"} or float or str, optional
        The line width: one column (246 pt), two columns (510 pt), or points
        (100..2000, e.g. ``300`` or ``"300pt"``).
    exprs : dict, optional
        The expressions (SymPy, or their ``srepr`` strings) of
        :func:`fragment_expressions`; default: the packaged derivation
        (``nusym/generated/equations.json``, SymPy does not re-derive).

    Returns
    -------
    dict of str to str
        Fragment name -> LaTeX text, in the order of :data:`FRAGMENTS`.

    Raises
    ------
    nusym.errors.InvalidOptionError
        A width that is not ``"single"``, ``"double"`` or 100..2000 pt.

    Examples
    --------
    >>> sorted(fragments("single"))[:3]
    ['cmp_eq6', 'cmp_eq9', 'currents']
    >>> "documentclass" in fragments("double")["eq8"]
    False
    """
    layout_width(width)
    ex = packaged_fragment_expressions() if exprs is None else {k: sp.sympify(v) for k, v in exprs.items()}
    return {name: fragment(name, width, ex) for name in FRAGMENTS}


def fragment(name: str, width: Any = "single", exprs: dict[str, Any] | None = None) -> str:
    r"""One fragment of :func:`fragments` (``name`` in :data:`FRAGMENTS`), laid out for ``width``.

    For example ``"eq8"``, the massless potential of Eq. (8) of Segarra & Bernabeu
    2020, or ``"cmp_eq9"``, the printed Eq. (9) against the derived series.

    Parameters
    ----------
    name : str
        A key of :data:`FRAGMENTS` (``"eq4"`` ... ``"eq9"``, ``"cmp_eq6"``,
        ``"cmp_eq9"``, ``"currents"``).
    width : {"single", "double"} or float or str, optional
        The line width (as for :func:`fragments`).
    exprs : dict, optional
        The expressions of :func:`fragment_expressions` (default: the packaged ones).

    Returns
    -------
    str
        The LaTeX text: a comment header (title, needed packages) and the displays.

    Raises
    ------
    nusym.errors.InvalidOptionError
        An unknown fragment name (the message lists the known ones), or a bad width.

    Examples
    --------
    >>> print(fragment("eq8", "single").splitlines()[3])
    \begin{equation*}
    >>> fragment("eq8", "single") == fragments("single")["eq8"]
    True
    """
    if name not in FRAGMENTS:
        raise InvalidOptionError(f"unknown fragment {name!r}; known: {', '.join(FRAGMENTS)}")
    layout_width(width)
    ex = packaged_fragment_expressions() if exprs is None else {k: sp.sympify(v) for k, v in exprs.items()}
    return fragment_header(FRAGMENTS[name], width) + "\n".join(_fragment_rows(name, ex, width)) + "\n"


def fragment_filename(name: str) -> str:
    """File name of fragment ``name`` (``fragment_<name>.tex``)."""
    return f"fragment_{name}.tex"


def write_fragments(out_dir: Any, width: Any = "single", *, exprs: dict[str, Any] | None = None,
                    extra: dict[str, str] | None = None) -> list[str]:
    r"""Write every fragment of :func:`fragments` (and ``extra`` name -> text) into ``out_dir``.

    The ``\input``-able forms of Eqs. (4)-(9) of Segarra & Bernabeu 2020 (and of
    Table I when ``nusym reproduce`` passes it in ``extra``), each written
    atomically (:mod:`nusym.io`).

    Parameters
    ----------
    out_dir : str or os.PathLike
        The directory (created if missing).
    width : {"single", "double"} or float or str, optional
        The line width (as for :func:`fragments`).
    exprs : dict, optional
        The expressions of :func:`fragment_expressions` (default: the packaged ones).
    extra : dict of str to str, optional
        More fragments, name -> LaTeX text (e.g. Table I).

    Returns
    -------
    list of str
        The paths written, ``out_dir/fragment_<name>.tex``.

    Raises
    ------
    nusym.errors.InvalidOptionError
        A bad width.
    OSError
        ``out_dir`` cannot be created or written.

    Examples
    --------
    >>> import os, tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     paths = write_fragments(d, "double", extra={"table1": "% Table I\n"})
    ...     sorted(os.path.basename(p) for p in paths)[-3:]
    ['fragment_eq8.tex', 'fragment_eq9.tex', 'fragment_table1.tex']
    """
    texts = fragments(width, exprs)
    texts.update(extra or {})
    os.makedirs(out_dir, exist_ok=True)
    paths = []
    for name, text in texts.items():
        path = os.path.join(os.fspath(out_dir), fragment_filename(name))
        atomic_write_text(path, text)
        paths.append(path)
    return paths


#: name -> builder, in document order
DERIVATIONS: dict[str, Callable[..., Derivation]] = {
    "couplings_charges": couplings_charges_derivation,
    "absorptive": absorptive_derivation,
    "massless": massless_derivation,
    "closed_forms": closed_forms_derivation,
    "asymptotic": asymptotic_derivation,
    "comparison": comparison_derivation,
}


def equations_document(derivations: Iterable[Derivation] | None = None, width: Any = None) -> str:
    """``equations.tex``: every derived result in one compilable document (laid out for ``width``)."""
    if derivations is None:
        derivations = [build(width=width) for build in DERIVATIONS.values()]
    body = "\n\n".join(d.body for d in derivations)
    return standalone("Two-neutrino-exchange potential: derived equations", body, width)


def _expr_record(expr: Any) -> dict[str, str]:
    e = sp.sympify(expr)
    return {"str": sp.sstr(e), "srepr": sp.srepr(e)}


def derivation_json(d: Derivation) -> str:
    """Machine-readable form of a derivation (deterministic JSON text)."""
    doc = {
        "name": d.name,
        "title": d.title,
        "paper": "Segarra & Bernabeu, Phys. Rev. D 101, 093004 (2020)",
        "sympy_version": sp.__version__,
        "checks": dict(sorted(d.checks.items())),
        "results": {k: _expr_record(v) for k, v in sorted(d.results.items())},
    }
    return json.dumps(doc, indent=1, sort_keys=False, ensure_ascii=True) + "\n"


def write_derivation(name: str, outdir: Any, width: Any = None) -> list[str]:
    """Build derivation ``name`` and write ``<name>.tex`` (standalone) and ``<name>.json``.

    Used by the scripts of ``derivations/``; returns the paths written. ``width`` as in
    :func:`display` (``None``: the A4 page of the committed documents).
    """
    if name not in DERIVATIONS:
        raise InvalidOptionError(f"unknown derivation {name!r}; known: {', '.join(DERIVATIONS)}")
    d = DERIVATIONS[name](width=width)
    os.makedirs(outdir, exist_ok=True)
    tex = os.path.join(os.fspath(outdir), f"{name}.tex")
    js = os.path.join(os.fspath(outdir), f"{name}.json")
    atomic_write_text(tex, standalone(_text(d.title), d.body, width))
    atomic_write_text(js, derivation_json(d))
    return [tex, js]


def derive_equations() -> dict[str, Any]:
    """A fresh SymPy derivation of every result: ``equations.tex`` text, checks, Eq. (9) rows.

    Returns ``{"tex", "checks", "eq9", "eq9_vector", "fragment_exprs"}`` (JSON-serialisable;
    ``fragment_exprs``: ``srepr`` of :func:`fragment_expressions`, for :func:`fragments`). Slow
    (SymPy traces and series, tens of seconds); ``nusym reproduce`` uses the
    packaged copy (:data:`EQUATIONS_JSON`) unless ``--derive`` is given, and
    ``tests/test_generated.py`` requires the packaged copy to equal this.
    """
    from nusym.symbolic.asymptotic import compare_with_eq9

    derivations = [build() for build in DERIVATIONS.values()]
    checks: dict[str, bool] = {}
    for d in derivations:
        checks.update({k: bool(v) for k, v in d.checks.items()})
    eq9: dict[str, list[list[Any]]] = {}
    vector: list[str] = []
    for nature in ("dirac", "majorana"):
        comp = compare_with_eq9(nature)
        eq9[nature] = [[row.n, str(row.derived), str(row.printed), bool(row.coincide)] for row in comp.rows]
        if comp.vector:
            vector = [str(c) for c in comp.vector]
    frag = {k: sp.srepr(v) for k, v in sorted(fragment_expressions().items())}
    return {"tex": equations_document(derivations), "checks": dict(sorted(checks.items())), "eq9": eq9,
            "eq9_vector": vector, "fragment_exprs": frag}


def render_equations_json(payload: dict[str, Any] | None = None) -> str:
    """Deterministic JSON text of :func:`derive_equations` (what is packaged)."""
    payload = derive_equations() if payload is None else payload
    doc = {"generated_by": "python -m nusym.latexdoc (nusym.latexdoc.derive_equations)",
           "note": "do not edit: tests/test_generated.py requires this to equal a fresh derivation",
           **payload}
    return json.dumps(doc, indent=1, sort_keys=False, ensure_ascii=True) + "\n"


def write_equations_json() -> str:
    """Regenerate nusym/generated/equations.json from a fresh derivation; return its path."""
    path = Path(__file__).resolve().parent / "generated" / EQUATIONS_JSON
    atomic_write_text(path, render_equations_json())
    return str(path)


if __name__ == "__main__":  # pragma: no cover
    print("wrote", write_equations_json())
