r"""LaTeX documents of the derived results (``equations.tex``, ``derivations/*.tex``).

Every formula in these documents comes from the symbolic core
(:mod:`nusym.symbolic`): the expressions are derived there and only *formatted*
here, with :func:`nusym.symbolic.symbols.latex`. The paper's printed equations
enter only through the ``printed_eq*`` functions of the symbolic modules, for the
side-by-side comparisons.

Each ``*_derivation()`` function returns a :class:`Derivation`: a LaTeX fragment
(one ``\section``), the derived expressions (for the machine-readable JSON files
of ``derivations/``) and the boolean checks made on the way.

Long expressions are broken over several lines by :func:`display`, which splits
sums and products at the top level (``align*`` with ``\Big`` delimiters), so the
documents compile with plain ``pdflatex`` (packages: amsmath, amssymb, booktabs,
graphicx, geometry).

>>> import sympy as sp
>>> from nusym.symbolic.symbols import t, m_i
>>> print(display("f", t + m_i))
\begin{align*}
f &= m_{i} + t
\end{align*}
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import sympy as sp

from nusym.io import atomic_write_text

__all__ = [
    "Derivation",
    "display",
    "standalone",
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

#: approximate number of printed characters per displayed line
LINE_WIDTH = 66


@dataclass
class Derivation:
    """One derived result: LaTeX section, expressions and checks."""

    name: str
    title: str
    body: str
    results: dict[str, Any] = field(default_factory=dict)
    checks: dict[str, bool] = field(default_factory=dict)


# --------------------------------------------------------------------------- formatting
def _latex(expr: Any) -> str:
    from .symbolic.symbols import latex

    return latex(sp.sympify(expr))


_CMD = re.compile(r"\\(left|right|mathrm|operatorname|displaystyle|Big|big)")
_WORD = re.compile(r"\\[A-Za-z]+")


def _braced(s: str, i: int) -> tuple[str, int]:
    """The balanced ``{...}`` group starting at ``s[i]`` (contents, index after it)."""
    if i >= len(s) or s[i] != "{":
        return (s[i:i + 1], i + 1)
    depth = 0
    for j in range(i, len(s)):
        if s[j] == "{":
            depth += 1
        elif s[j] == "}":
            depth -= 1
            if depth == 0:
                return (s[i + 1:j], j + 1)
    return (s[i + 1:], len(s))


def _width(tex: str) -> float:
    """Rough printed width of a LaTeX math string, in characters.

    Fractions count as their wider part; binary operators count with their spacing.
    """
    total = 0.0
    i = 0
    while i < len(tex):
        if tex.startswith("\\frac", i):
            num, i = _braced(tex, i + 5)
            den, i = _braced(tex, i)
            total += max(_width(num), _width(den)) + 0.5
            continue
        m = _WORD.match(tex, i)
        if m:
            word = m.group(0)
            i = m.end()
            if _CMD.fullmatch(word):
                continue
            total += 1.0
            continue
        c = tex[i]
        i += 1
        if c in "{}^_ ":
            continue
        total += 2.2 if c in "+-=" else 1.0
    return total


@dataclass
class _Tok:
    text: str
    joiner: str  # written at the start of a continuation line before this token


def _tokens(expr: sp.Expr, limit: int, first: bool = True) -> list[_Tok]:
    """Split ``expr`` into tokens between which a line may break."""
    tex = _latex(expr)
    if _width(tex) <= limit or not isinstance(expr, (sp.Add, sp.Mul)):
        return [_Tok(tex, "")]
    if isinstance(expr, sp.Add):
        out: list[_Tok] = []
        for n, term in enumerate(expr.as_ordered_terms()):
            neg = term.could_extract_minus_sign()
            body = -term if neg else term
            sign = "- " if neg else ("" if (n == 0 and first) else "+ ")
            sub = _tokens(body, limit - 2, first=True)
            if isinstance(body, sp.Add):
                sub = [_Tok(r"\Big(", "")] + sub + [_Tok(r"\Big)", "")]
            sub[0] = _Tok(sign + sub[0].text, "")
            out.extend(sub)
        return out
    # product: split into factors; a long sum factor gets \Big( ... \Big)
    num, den = sp.fraction(expr)
    out = []
    if den != 1 and not isinstance(num, sp.Add):
        neg = num.could_extract_minus_sign()
        if neg:
            num = -num
        coeff, rest = num.as_coeff_Mul()
        out.append(_Tok(("- " if neg else "") + r"\frac{" + _latex(coeff) + "}{" + _latex(den) + "}", ""))
        if rest != 1:
            out.extend(_tokens(rest, limit, first=True))
        return out
    coeff, factors = expr.as_coeff_mul()
    if coeff.could_extract_minus_sign():
        out.append(_Tok("-", ""))
        coeff = -coeff
    if coeff != 1:
        out.append(_Tok(_latex(coeff), ""))
    for f in sp.Mul(*factors).as_ordered_factors():
        if isinstance(f, sp.Add):
            inner = _tokens(f, limit - 4, first=True)
            if len(inner) == 1:
                out.append(_Tok(r"\left(" + inner[0].text + r"\right)", r"\times "))
            else:
                out.append(_Tok(r"\Big(", r"\times "))
                out.extend(inner)
                out.append(_Tok(r"\Big)", ""))
        else:
            out.extend(_Tok(tk.text, r"\times " if i == 0 else tk.joiner)
                       for i, tk in enumerate(_tokens(f, limit, first=True)))
    return out


def _pack(tokens: list[_Tok], limit: int) -> list[str]:
    lines: list[str] = []
    cur = ""
    for tok in tokens:
        if cur and _width(cur) + _width(tok.text) > limit:
            lines.append(cur)
            cur = tok.joiner + tok.text
        else:
            cur = (cur + " " + tok.text) if cur else tok.text
    if cur:
        lines.append(cur)
    return lines


def display(lhs: str, expr: Any, note: str = "", width: int = LINE_WIDTH, prefix: str = "") -> str:
    r"""Display ``lhs = expr`` in ``align*``, broken over lines if too wide.

    ``lhs`` is LaTeX; ``expr`` a SymPy expression (or a LaTeX string, shown as is);
    ``note`` is put as ``\text{...}`` after a ``\quad`` on the last line; a LaTeX
    ``prefix`` (e.g. a common factor) multiplies the whole expression in ``\Big[ \Big]``.
    """
    if isinstance(expr, str):
        lines = [expr]
    else:
        limit = max(width - _width(lhs) - (_width(note) + 2 if note else 0), 30)
        tokens = _tokens(sp.sympify(expr), limit)
        if prefix:
            tokens = [_Tok(prefix + r" \Big[", "")] + tokens + [_Tok(r"\Big]", "")]
        lines = _pack(tokens, limit)
    if note:
        lines[-1] += r" \quad \text{" + note + "}"
    body = (" \\\\\n" + r"&\quad ").join(lines)
    return "\\begin{align*}\n" + lhs + " &= " + body + "\n\\end{align*}"


def display_many(rows: Iterable[tuple[str, Any, str]]) -> str:
    """Several :func:`display` blocks, one after the other."""
    return "\n".join(display(lhs, expr, note) for lhs, expr, note in rows)


def boxed_math(tex: str) -> str:
    r"""A display scaled to the line width (for ready-made ``aligned`` blocks)."""
    return ("\\begin{center}\n\\resizebox{\\linewidth}{!}{$\\displaystyle\n" + tex.strip()
            + "\n$}\n\\end{center}")


def _text(s: str) -> str:
    """Escape plain text for LaTeX."""
    repl = {"&": r"\&", "%": r"\%", "_": r"\_", "#": r"\#", "~": r"\textasciitilde{}"}
    return "".join(repl.get(c, c) for c in s)


def _yes(flag: bool) -> str:
    return "yes" if flag else "\\textbf{no}"


def standalone(title: str, body: str) -> str:
    """A complete pdflatex document around ``body``."""
    return (PREAMBLE + "\\title{" + title + "}\n\\author{generated by nusym}\n\\date{}\n"
            "\\begin{document}\n\\maketitle\n\\noindent Reproduction of " + PAPER + ".\n"
            "Every formula below was derived by the symbolic core of \\texttt{nusym} "
            "(SymPy) and converted to \\LaTeX{} by it; the printed equations of the paper "
            "are shown only beside the derived ones, for comparison.\n\n"
            + body.strip() + "\n\n\\end{document}\n")


def _record(results: dict[str, Any], key: str, expr: Any) -> Any:
    results[key] = expr
    return expr


# --------------------------------------------------------------------------- derivations
def couplings_charges_derivation() -> Derivation:
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
    parts.append(display_many(rows))
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
    parts.append(display_many(rows))
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
    parts.append(display_many(rows))
    parts.append(f"$\\sin^2\\theta_W$ cancels: {_yes(checks['eq5_s2w_cancels'])}; "
                 f"equals the printed $2ZU_{{ei}}U^*_{{ej}} - N\\delta_{{ij}}$: "
                 f"{_yes(checks['eq5_equals_printed'])}.")
    fl = flavour_charges()
    parts.append(r"Flavour charges (Eq.~7) from the flavour-basis couplings:")
    parts.append(display_many([(f"Q^{{{_FLAV[k]}}}_W", _record(res, f"Q_flavour_{k}", v), "")
                               for k, v in fl.items()]))
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
_WEIGHT_TEX = {
    "dirac": r"Q^{ij}_{W,A}Q^{ij*}_{W,B}",
    "axial": r"\operatorname{Re}Q^{ij}_{W,A}\operatorname{Re}Q^{ij}_{W,B}",
    "vector": r"\operatorname{Im}Q^{ij}_{W,A}\operatorname{Im}Q^{ij}_{W,B}",
}


def absorptive_derivation() -> Derivation:
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
             ])]
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
        parts.append(display_many(rows))
        printed = ab.printed_eq6(nature)
        _record(res, f"printed_eq6_{nature}", printed)
        parts.append(display(r"K^{\text{printed Eq.~6}}", ab.paper_form(printed),
                             r"with $w = Q^{ij}_{W,A}Q^{ij*}_{W,B}$"))
        diffs = eq6_comparison(nature)
        rows = []
        for w, d in diffs.items():
            _record(res, f"eq6_difference_{nature}_{w}", d)
            checks[f"eq6_{nature}_{w}_equals_printed"] = d == 0
            lhs = (f"K_{{\\mathrm{{{w}}}}} - K^{{\\text{{printed}}}}" if w != "vector"
                   else r"K_{\mathrm{vector}} - K_{\mathrm{axial}}")
            rows.append((lhs, d, ""))
        parts.append(display_many(rows))
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
        parts.append(display_many(rows))
    conds = majorana_phase_conditions()
    for (i, j), c in zip(((1, 2), (1, 3), (2, 3)), conds):
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
                               for (i, j), c in zip(((1, 2), (1, 3), (2, 3)), conds)]))
    return Derivation("absorptive", "Absorptive parts (Eq. 6)", "\n\n".join(parts), res, checks)


def massless_derivation() -> Derivation:
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
    parts.append(display_many(rows))
    S = sp.Symbol("S")
    parts.append(r"Assembled with Eq.~(1) over the nine ordered channels, with "
                 r"$S = \sum_{ij}Q^{ij}_{W,A}Q^{ij*}_{W,B} = \sum_\alpha Q^\alpha_{W,A}Q^\alpha_{W,B}$ "
                 r"(Eq.~7):")
    rows = []
    for nature in NATURES:
        v = _record(res, f"V_massless_coefficient_{nature}", massless_potential(nature))
        rows.append((r"V(r)", v * S, f"({nature})"))
    parts.append(display_many(rows).replace("S", r"\sum_\alpha Q^\alpha_{W,A}Q^\alpha_{W,B}"))
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


def closed_forms_derivation() -> Derivation:
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
    cases = (("m_i = m_j = m", "equal", m, m), ("m_i = m,\\ m_j = 0", "one_massless", m, 0),
             ("m_i = m_j = 0", "massless", 0, 0))
    for nature in NATURES:
        parts.append(f"\\subsection{{{nature.capitalize()} neutrinos}}")
        rows = []
        for term in absorptive_terms(nature):
            for label, key, a, b in cases:
                e = _record(res, f"T_{nature}_{term.weight}_{key}", closed_form_transform(term.kernel, a, b))
                rows.append((f"T_{{\\mathrm{{{term.weight}}}}}", e, f"${label}$"))
        parts.append(display_many(rows))
    return Derivation("closed_forms", "Closed forms of the transform", "\n\n".join(parts), res, {})


#: order of the long-distance series shown in the documents
ASYMPTOTIC_ORDER = 3


def asymptotic_derivation(order: int = ASYMPTOTIC_ORDER) -> Derivation:
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
    cases = (("generic", "generic masses", None, None), ("equal", "m_i = m_j = m", m, m),
             ("one_massless", "m_j = 0", m_i, 0), ("massless", "m_i = m_j = 0", 0, 0))
    for nature in NATURES:
        parts.append(f"\\subsection{{{nature.capitalize()} neutrinos: long distance}}")
        rows = []
        for term in absorptive_terms(nature):
            for key, label, a, b in cases:
                kw = {} if a is None else {"mi": a, "mj": b}
                e = _record(res, f"T_long_{nature}_{term.weight}_{key}",
                            asy.long_distance_transform(term.kernel, order, **kw))
                rows.append((f"T_{{\\mathrm{{{term.weight}}}}}", e, f"${label}$"))
        parts.append(display_many(rows))
        comp = asy.compare_with_eq9(nature)
        parts.append(r"Comparison with the printed Eq.~(9):")
        parts.append(boxed_math(asy.eq9_comparison_latex(nature, order)))
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
        parts.append(display_many(rows))
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


def comparison_derivation(order: int = ASYMPTOTIC_ORDER) -> Derivation:
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
                             sp.Symbol("W_dirac") * ab.paper_form(printed), "(printed)", prefix=pre)
                     .replace("W_{dirac}", _WEIGHT_TEX["dirac"]))
        derived = sp.Integer(0)
        for term in ab.absorptive_terms("majorana"):
            derived += sp.Symbol(f"W_{term.weight}") * ab.paper_form(term.kernel)
        res["majorana_derived"] = derived
        tex = display(r"\operatorname{Im}M_{ij}\big|_{\text{derived}}", derived, "(derived)",
                      prefix=pre)
        for w in ("axial", "vector"):
            tex = tex.replace(f"W_{{{w}}}", _WEIGHT_TEX[w])
        parts.append(tex)
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


#: name -> builder, in document order
DERIVATIONS: dict[str, Callable[[], Derivation]] = {
    "couplings_charges": couplings_charges_derivation,
    "absorptive": absorptive_derivation,
    "massless": massless_derivation,
    "closed_forms": closed_forms_derivation,
    "asymptotic": asymptotic_derivation,
    "comparison": comparison_derivation,
}


def equations_document(derivations: Iterable[Derivation] | None = None) -> str:
    """``equations.tex``: every derived result in one compilable document."""
    if derivations is None:
        derivations = [build() for build in DERIVATIONS.values()]
    body = "\n\n".join(d.body for d in derivations)
    return standalone("Two-neutrino-exchange potential: derived equations", body)


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


def write_derivation(name: str, outdir: Any) -> list[str]:
    """Build derivation ``name`` and write ``<name>.tex`` (standalone) and ``<name>.json``.

    Used by the scripts of ``derivations/``; returns the paths written.
    """
    if name not in DERIVATIONS:
        raise KeyError(f"unknown derivation {name!r}; known: {', '.join(DERIVATIONS)}")
    d = DERIVATIONS[name]()
    os.makedirs(outdir, exist_ok=True)
    tex = os.path.join(os.fspath(outdir), f"{name}.tex")
    js = os.path.join(os.fspath(outdir), f"{name}.json")
    atomic_write_text(tex, standalone(_text(d.title), d.body))
    atomic_write_text(js, derivation_json(d))
    return [tex, js]


def derive_equations() -> dict[str, Any]:
    """A fresh SymPy derivation of every result: ``equations.tex`` text, checks, Eq. (9) rows.

    Returns ``{"tex", "checks", "eq9", "eq9_vector"}`` (JSON-serialisable). Slow
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
    return {"tex": equations_document(derivations), "checks": dict(sorted(checks.items())), "eq9": eq9,
            "eq9_vector": vector}


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
