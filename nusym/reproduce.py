"""Reproduce the results of Segarra & Bernabeu, Phys. Rev. D 101, 093004 (2020).

:func:`reproduce` (the logic behind ``nusym reproduce``) writes into one
directory:

* ``table1.csv``, ``table1.tex``: Table I (neutrino masses for a lightest mass of
  0 and 0.1 eV) from :func:`nusym.mass_spectrum`, beside the printed values;
* ``fig2_flavour_charges.png/.pdf``: Fig. 2, the weak flavour charges of Eq. (7)
  along the valley of stability, against Z with the gravitational coupling Z + N;
* ``fig3_potentials.png/.pdf``: Fig. 3, the Fe-56 atom-atom potentials for
  1 um <= r <= 10 um (Dirac/Majorana, lightest mass 0 and 0.1 eV, both
  orderings) with Eq. (8), in units of gravity, and the ratio Majorana/Dirac;
* ``reference_values.csv``: verified high-precision values of V(r) (Eq. 1), each
  with its certified (Arb) enclosure;
* beyond the paper (issue 8): ``extra_alpha_lambda.png/.pdf/.csv``, the 2-nu force
  as an effective Yukawa strength ``|alpha(lambda)|`` for a few material pairs against
  published fifth-force limits (:mod:`nusym.fifth_force`), and
  ``extra_wep_eta.png/.pdf/.csv``, the Eotvos parameter of the 2-nu force alone;
* ``equations.tex``: every derived equation (:mod:`nusym.latexdoc`);
* ``report.md``: each reproduced item against the paper.

The figures are drawn by :mod:`nusym.plot` (journal style, 3.4 in / 7.0 in wide,
TrueType fonts). Every file is written whole (temporary file in the same directory,
then ``os.replace``). Progress goes to standard error.

The output directory is checked first (it must be empty unless ``force``, and
writable: a probe file is created and removed), so a bad ``out`` fails at once,
before any computation. While the files are written the directory holds the
marker file ``.nusym-incomplete`` (:data:`nusym.io.INCOMPLETE_MARKER`), removed
when every file is written; a directory left with the marker by an interrupted or
failed run is written into again without ``force`` (if it holds nothing but
output files of :data:`OUTPUT_FILES`). Ctrl-C stops the worker processes at once.

>>> valley_of_stability(26)
(26, 31)
>>> PRINTED_TABLE1[0]
('NH', 'normal', 3, '0.0500', '0.1118')
"""

from __future__ import annotations

import csv
import io
import json
import math
import multiprocessing as mp
import os
import signal
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib import resources
from typing import IO, Any, TypeAlias

import mpmath

from nusym import plot as figures
from nusym._version import __version__
from nusym.budgets import reference_budget_csv
from nusym.errors import VerificationError
from nusym.fifth_force import alpha_eff, yukawa_limits
from nusym.inputs import check_dps, check_flag, check_latex_width
from nusym.io import (
    atomic_write_text,
    mark_complete,
    mark_incomplete,
    prepare_output_dir,
)
from nusym.masses import mass_spectrum
from nusym.numeric.certified import Interval
from nusym.numeric.potential import gravity_potential, potential
from nusym.plot import ALPHA_PAIRS, WEP_PAIRS, WEP_SOURCE, valley_of_stability, valley_relation
from nusym.presets import load_parameters
from nusym.progress import Progress

__all__ = [
    "PRINTED_TABLE1",
    "valley_relation",
    "valley_of_stability",
    "ReproduceSettings",
    "table1_rows",
    "table1_csv",
    "table1_tex",
    "table1_fragment",
    "table1_body",
    "reproduce",
    "OUTPUT_FILES",
    "ALPHA_PAIRS",
    "WEP_PAIRS",
    "WEP_SOURCE",
]

#: Table I as printed: (label, ordering, state, m_min = 0, m_min = 0.1 eV), top to bottom.
PRINTED_TABLE1: tuple[tuple[str, str, int, str, str], ...] = (
    ("NH", "normal", 3, "0.0500", "0.1118"),
    ("NH", "normal", 2, "0.0087", "0.1004"),
    ("NH", "normal", 1, "0", "0.1"),
    ("IH", "inverted", 2, "0.0500", "0.1118"),
    ("IH", "inverted", 1, "0.0492", "0.1115"),
    ("IH", "inverted", 3, "0", "0.1"),
)

#: semi-empirical valley of stability used for Fig. 2


# valley_relation, valley_of_stability: nusym.plot (the figure that uses them)

#: files written by :func:`reproduce`, in the order they are produced
OUTPUT_FILES = (
    "table1.csv", "table1.tex",
    "fig2_flavour_charges.png", "fig2_flavour_charges.pdf",
    "fig3_potentials.png", "fig3_potentials.pdf",
    "reference_values.csv", "equations.tex",
    # \input-able LaTeX fragments (nusym.latexdoc.FRAGMENTS and Table I), laid out for --latex-width
    "fragment_eq4.tex", "fragment_eq5.tex", "fragment_eq6.tex", "fragment_eq7.tex", "fragment_eq8.tex",
    "fragment_eq9.tex", "fragment_cmp_eq6.tex", "fragment_cmp_eq9.tex", "fragment_currents.tex",
    "fragment_table1.tex",
    "extra_alpha_lambda.csv", "extra_alpha_lambda.png", "extra_alpha_lambda.pdf",
    "extra_wep_eta.csv", "extra_wep_eta.png", "extra_wep_eta.pdf",
    "fig3_bands.csv", "fig3_bands.png", "fig3_bands.pdf",
    "extra_budget.csv", "extra_budget.png", "extra_budget.pdf",
    "report.md",
)

SOURCE = "Fe-56"
#: digits of the verified values the Fig. 3 curves are checked against
CHECK_DPS = 10


@dataclass
class ReproduceSettings:
    """What :func:`reproduce` computes (``quick`` = fewer points and digits, for tests)."""

    dps: int = 30
    quick: bool = False
    preset: str = "segarra2020"

    @property
    def reference_r_um(self) -> tuple[str, ...]:
        return ("1", "10") if self.quick else ("1", "2", "5", "10", "20", "50")

    @property
    def reference_lightest(self) -> tuple[str, ...]:
        return ("0", "0.1") if self.quick else ("0", "0.05", "0.1")

    @property
    def reference_dps(self) -> int:
        return min(self.dps, 15) if self.quick else self.dps

    @property
    def fig3_points(self) -> int:
        return 25 if self.quick else 81

    @property
    def extra_points(self) -> int:
        """Points per curve of the figures beyond the paper (alpha(lambda), eta)."""
        return 13 if self.quick else 61


# --------------------------------------------------------------------------- helpers
def _format(x: Any, dps: int) -> str:

    return "0" if x == 0 else mpmath.nstr(x, dps, min_fixed=-4, max_fixed=1)


def _write_text(path: str, text: str) -> None:
    atomic_write_text(path, text)


def _save_figure(fig: Any, path: str) -> None:
    """Render a figure of :mod:`nusym.plot` in memory, then write it whole (:func:`nusym.plot.save`)."""
    figures.save(fig, path)


def _decimals(printed: str) -> int:
    return len(printed.split(".")[1]) if "." in printed else 0


# --------------------------------------------------------------------------- Table I
def table1_rows(preset: str = "segarra2020", dps: int = 30) -> list[dict[str, Any]]:
    """Rows of Table I: computed masses (mpf), printed strings, agreement to the printed digits."""

    spectra = {}
    rows = []
    for label, ordering, state, p0, p1 in PRINTED_TABLE1:
        for lightest in ("0", "0.1"):
            if (ordering, lightest) not in spectra:
                spectra[(ordering, lightest)] = mass_spectrum(ordering, lightest, preset=preset, dps=dps)
        m0 = spectra[(ordering, "0")][state - 1]
        m1 = spectra[(ordering, "0.1")][state - 1]
        agree = all(f"{float(m):.{_decimals(p)}f}" == f"{float(p):.{_decimals(p)}f}"
                    for m, p in ((m0, p0), (m1, p1)))
        rows.append({"label": label, "ordering": ordering, "state": state, "m0": m0, "m1": m1,
                     "printed0": p0, "printed1": p1, "agree": agree})
    return rows


def table1_csv(rows: list[dict[str, Any]], dps: int = 30) -> str:
    """Table I as CSV: 4-decimal values, printed values, full-precision values, agreement."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["ordering", "state", "m_min_0_eV", "m_min_0.1_eV", "printed_m_min_0_eV",
                "printed_m_min_0.1_eV", "m_min_0_eV_full", "m_min_0.1_eV_full",
                "agrees_to_printed_digits"])
    for row in rows:
        short = [f"{float(v):.4f}" if v != 0 else "0" for v in (row["m0"], row["m1"])]
        w.writerow([row["label"], f"m{row['state']}", *short, row["printed0"], row["printed1"],
                    _format(row["m0"], dps), _format(row["m1"], dps),
                    "yes" if row["agree"] else "no"])
    return out.getvalue()


def table1_body(rows: list[dict[str, Any]], fmt: Callable[[Any], str]) -> list[str]:
    """The body rows of Table I (ordering, state, computed and printed masses for m_min = 0
    and 0.1 eV), one line per state and a midrule between orderings; ``fmt`` writes a
    computed mass (the fragment and the standalone document differ only in it)."""
    lines: list[str] = []
    last = None
    for row in rows:
        if last is not None and row["label"] != last:
            lines.append(r"\midrule")
        last = row["label"]
        vals = [fmt(v) for v in (row["m0"], row["m1"])]
        lines.append(f"{row['label']} & $m_{row['state']}$ & {vals[0]} & {row['printed0']} & "
                     f"{vals[1]} & {row['printed1']} \\\\")
    return lines


def table1_fragment(rows: list[dict[str, Any]], preset: str, width: Any = "single") -> str:
    r"""Table I as an ``\input``-able fragment (no preamble; needs booktabs), for ``width``.

    ``width`` as in :func:`nusym.latexdoc.display`: below 400 pt a one-column ``table``
    with 6 decimals, else a ``table*`` with 10.
    """
    w = check_latex_width(width)
    wide = w >= 400
    digits = 10 if wide else 6
    env = "table*" if wide else "table"
    lines = [f"% nusym LaTeX fragment: Table I (Segarra & Bernabeu, PRD 101, 093004 (2020)), preset {preset}.",
             r"% \input{} it in a document; no preamble. Needs: \usepackage{booktabs}.",
             f"% Laid out for a text width of {w:g} pt; generated by nusym reproduce, do not edit.",
             f"\\begin{{{env}}}", r"\centering", r"\setlength{\tabcolsep}{4pt}",
             r"\caption{Neutrino masses in eV for a lightest mass $m_{\min} = 0$ and $0.1$~eV: "
             r"\texttt{nusym} (preset \texttt{" + preset.replace("_", r"\_") + r"}) and Table~I "
             r"as printed.}",
             r"\begin{tabular}{@{}llllll@{}}", r"\toprule",
             r" & & \multicolumn{2}{c}{$m_{\min} = 0$} & \multicolumn{2}{c@{}}{$m_{\min} = 0.1$~eV} \\",
             r"\cmidrule(lr){3-4}\cmidrule(l){5-6}",
             r" & & nusym & printed & nusym & printed \\", r"\midrule"]
    lines += table1_body(rows, lambda v: f"{float(v):.{digits}f}" if v != 0 else "0")
    lines += [r"\bottomrule", r"\end{tabular}", f"\\end{{{env}}}", ""]
    return "\n".join(lines)


def table1_tex(rows: list[dict[str, Any]], preset: str) -> str:
    """Table I as a complete LaTeX document (booktabs)."""
    from nusym.latexdoc import PREAMBLE

    lines = [PREAMBLE.rstrip(), r"\begin{document}", r"\begin{table}[ht]", r"\centering",
             r"\caption{Neutrino masses in eV (Table I of Segarra \& Bernab\'eu, Phys.\ Rev.\ D "
             r"\textbf{101}, 093004 (2020)) for a lightest mass $m_{\min} = 0$ and $0.1$~eV, "
             r"computed by \texttt{nusym} (preset \texttt{" + preset.replace("_", r"\_")
             + r"}) beside the printed values.}",
             r"\begin{tabular}{@{}llllll@{}}", r"\toprule",
             r" & & \multicolumn{2}{c}{$m_{\min} = 0$} & \multicolumn{2}{c}{$m_{\min} = 0.1$~eV} \\",
             r"\cmidrule(lr){3-4}\cmidrule(l){5-6}",
             r"ordering & state & nusym & printed & nusym & printed \\", r"\midrule"]
    lines += table1_body(rows, lambda v: _format(v, 10))
    lines += [r"\bottomrule", r"\end{tabular}", r"\end{table}", r"\end{document}", ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------- Fig. 2
def _fig2(path_png: str, path_pdf: str) -> dict[str, Any]:
    import numpy as np
    import sympy as sp

    from nusym.symbolic.charges import flavour_charges
    from nusym.symbolic.symbols import N as N_sym
    from nusym.symbolic.symbols import Z as Z_sym

    charges = flavour_charges(Z_sym, N_sym)
    f_e = sp.lambdify((Z_sym, N_sym), charges["e"], "numpy")
    f_mu = sp.lambdify((Z_sym, N_sym), charges["mu"], "numpy")
    f_tau = sp.lambdify((Z_sym, N_sym), charges["tau"], "numpy")
    zn = np.array([valley_of_stability(z) for z in range(1, 93)], dtype=float)
    Z, N = zn[:, 0], zn[:, 1]
    A = Z + N
    qe, qmu, qtau = (np.broadcast_to(f(Z, N), Z.shape) for f in (f_e, f_mu, f_tau))
    assert np.array_equal(qmu, qtau)
    fe = valley_of_stability(26)
    # the figure (nusym.plot.fig2: against Z, charges from nusym.charges) and the summary
    # (charges from the SymPy derivation) are two routes to the same numbers
    fig = figures.fig2([int(z) for z in Z], [int(n) for n in N])
    _save_figure(fig, path_png)
    _save_figure(fig, path_pdf)
    return {"elements": len(Z), "Fe": fe, "Q_e_U": (float(qe[-1]), float(qmu[-1])),
            "A_range": (int(A[0]), int(A[-1])),
            "qe_over_A": (float(np.min(qe / A)), float(np.max(qe / A))),
            "qmu_over_A": (float(np.min(qmu / A)), float(np.max(qmu / A)))}


# --------------------------------------------------------------------------- Fig. 3
_CASES = [(nature, lightest, ordering) for nature in ("dirac", "majorana")
          for lightest in ("0", "0.1") for ordering in ("normal", "inverted")]


def _fig3_bands(path_png: str, path_pdf: str, path_csv: str, settings: ReproduceSettings) -> dict[str, Any]:
    """Fig. 3's potentials with their bands (beyond the paper): the 1 sigma band from the
    oscillation inputs and G_F (:func:`nusym.uncertainties.uncertainty`, NuFIT 6.0) and the
    range of the Majorana V over the unknown phases (:func:`nusym.uncertainties.phase_range`)."""
    import numpy as np

    r_m = np.geomspace(1e-6, 1e-5, max(8, settings.fig3_points // 4))
    bands = figures.fig3_bands_data(r_m, source=SOURCE)
    data = bands["bands"]
    rows = []
    for lightest, d in data.items():
        for k, r in enumerate(r_m):
            rows.append([repr(float(r)), lightest, *(repr(float(x[k])) for x in d)])
    fig = figures.fig3_bands(bands)
    _save_figure(fig, path_png)
    _save_figure(fig, path_pdf)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["r_m", "lightest_eV", "V_dirac_eV", "sigma_plus_eV", "sigma_minus_eV",
                "V_majorana_min_eV", "V_majorana_max_eV"])
    w.writerows(rows)
    _write_text(path_csv, out.getvalue())
    rel = {lt: (float(np.max(d[1] / d[0])), float(np.max(d[2] / d[0])), float(np.max(d[4] / d[3])))
           for lt, d in data.items()}
    return {"relative": rel}


def _fig_budget(path_png: str, path_pdf: str, path_csv: str, settings: ReproduceSettings) -> dict[str, Any]:
    """The force budget of the reference geometry :data:`nusym.budgets.REFERENCE` (Au sphere
    R = 100 um above a 1 mm Au plate, 300 K): data :func:`nusym.plot.budget_data`, figure
    :func:`nusym.plot.budget`, numbers as CSV; returns a summary (the ratios at 1 um)."""

    points = 9 if settings.quick else 31
    data = figures.budget_data(points)
    _write_text(path_csv, reference_budget_csv(data))
    fig = figures.budget(data)
    _save_figure(fig, path_png)
    _save_figure(fig, path_pdf)
    return data["summary"]


def _fig3(path_png: str, path_pdf: str, settings: ReproduceSettings) -> dict[str, Any]:
    import numpy as np

    r_m = np.geomspace(1e-6, 1e-5, settings.fig3_points)
    data = figures.fig3_data(r_m, preset=settings.preset, source=SOURCE)
    curves, how = data["curves"], data["how"]
    grav, massless = data["gravity"], data["massless"]
    # cross-check of the double-precision curves against the verified integral at the
    # end points of the grid (1 um and 10 um)
    check_cases = _CASES if not settings.quick else [("dirac", "0.1", "normal"),
                                                      ("majorana", "0.1", "inverted")]
    worst = 0.0
    for nature, lightest, ordering in check_cases:
        ref = potential([float(r_m[0]), float(r_m[-1])], SOURCE, SOURCE, nature=nature,
                              ordering=ordering, lightest=lightest, preset=settings.preset,
                              dps=CHECK_DPS)
        curve = curves[(nature, lightest, ordering)]
        for a, b in zip((curve[0], curve[-1]), ref, strict=True):
            worst = max(worst, abs(float(a) / float(b) - 1))

    fig = figures.fig3(data)
    _save_figure(fig, path_png)
    _save_figure(fig, path_pdf)

    def at(v: Any) -> tuple[float, float]:
        return float(v[0]), float(v[-1])

    def spread(key_a: tuple[str, str, str], key_b: tuple[str, str, str]) -> float:
        return float(np.max(np.abs(curves[key_a] / curves[key_b] - 1)))

    claims = {
        "ordering_max_rel_diff": {(n, lt): spread((n, lt, "normal"), (n, lt, "inverted"))
                                  for n in ("dirac", "majorana") for lt in ("0", "0.1")},
        "mass_ratio": {(n, o): at(curves[(n, "0.1", o)] / curves[(n, "0", o)])
                       for n in ("dirac", "majorana") for o in ("normal", "inverted")},
        "nature_ratio": {(lt, o): at(curves[("majorana", lt, o)] / curves[("dirac", lt, o)])
                         for lt in ("0", "0.1") for o in ("normal", "inverted")},
        "over_massless": {(n, lt, o): at(curves[(n, lt, o)] / massless) for n, lt, o in _CASES},
        "over_gravity": {(n, lt, o): at(curves[(n, lt, o)] / grav) for n, lt, o in _CASES},
        "dirac_larger": bool(all(np.all(curves[("dirac", lt, o)] > curves[("majorana", lt, o)])
                                 for lt in ("0", "0.1") for o in ("normal", "inverted"))),
        "gravity": at(grav),
        "massless": at(massless),
        "fast_vs_verified": worst,
        "checked_cases": len(check_cases),
        "how": how,
        "points": len(r_m),
    }
    return claims


# --------------------------------------------------------------------------- beyond the paper (issue 8)
#: material pairs of the alpha(lambda) figure and of the Eotvos-parameter figure
_EXTRA_CASES = [(nature, lightest) for nature in ("dirac", "majorana") for lightest in ("0", "0.1")]


def _fig_alpha(path_png: str, path_pdf: str, path_csv: str, settings: ReproduceSettings) -> dict[str, Any]:
    """|alpha_eff(lambda)| of the 2-nu force for a few material pairs against published limits."""
    import numpy as np

    lam = np.geomspace(1e-6, 1e-3, settings.extra_points)
    data = figures.alpha_data(lam, pairs=ALPHA_PAIRS, preset=settings.preset)
    curves = data["curves"]
    # cross-check of the double-precision curves against verified values (nusym.potential)
    a, b = ALPHA_PAIRS[0]
    worst = 0.0
    for nature, lightest in (_EXTRA_CASES[:1] if settings.quick else _EXTRA_CASES):
        ref = alpha_eff([float(lam[0]), 1e-5], a, b, nature=nature, lightest=lightest,
                        preset=settings.preset, dps=CHECK_DPS)
        fast = alpha_eff(np.array([lam[0], 1e-5]), a, b, nature=nature,
                         lightest=float(lightest), preset=settings.preset)
        worst = max(worst, max(abs(float(x) / float(y) - 1) for x, y in zip(fast, ref, strict=True)))
    limits = yukawa_limits()
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["body_a", "body_b", "nature", "lightest_eV", "lambda_m", "alpha_eff"])
    for (pa, pb, nature, lightest), values in curves.items():
        for x, y in zip(lam, values, strict=True):
            w.writerow([pa, pb, nature, lightest, repr(float(x)), repr(float(y))])
    _write_text(path_csv, out.getvalue())

    fig = figures.alpha_lambda(data, limits=limits)
    _save_figure(fig, path_png)
    _save_figure(fig, path_pdf)

    env = limits["isl_envelope"]
    gaps = {}
    signs = {}
    for (pa, pb, nature, lightest), values in curves.items():
        y = np.abs(values)
        lim = env.alpha_at(lam)
        ok = (y > 0) & np.isfinite(lim)
        gaps[(pa, pb, nature, lightest)] = float(np.min(np.log10(lim[ok]) - np.log10(y[ok])))
        signs[(pa, pb, nature, lightest)] = "".join("-" if v < 0 else "+" if v > 0 else "0"
                                                    for v in (values[0], values[-1]))
    return {"points": len(lam), "pairs": [(pa, pb) for pa, pb in ALPHA_PAIRS],
            "at_1um": {k: float(v[0]) for k, v in curves.items()},
            "gap_decades": gaps, "signs": signs, "fast_vs_verified": worst,
            "limits": [c.label for c in limits.values()]}


def _fig_wep(path_png: str, path_pdf: str, path_csv: str, settings: ReproduceSettings) -> dict[str, Any]:
    """Eotvos parameter eta of the 2-nu force alone vs distance for the WEP test pairs."""
    import numpy as np

    distance = np.geomspace(1e-6, 1e-3, settings.extra_points)
    data = figures.wep_data(distance, pairs=WEP_PAIRS, source=WEP_SOURCE, preset=settings.preset)
    curves, how = data["curves"], data["how"]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["body_a", "body_b", "source", "nature", "lightest_eV", "distance_m", "eta", "method"])
    for (pa, pb, nature, lightest), values in curves.items():
        for x, y in zip(distance, np.asarray(values, dtype=float), strict=True):
            w.writerow([pa, pb, WEP_SOURCE, nature, lightest, repr(float(x)),
                        repr(float(y)), how])
    _write_text(path_csv, out.getvalue())

    fig = figures.wep(data)
    _save_figure(fig, path_png)
    _save_figure(fig, path_pdf)
    at = {k: (float(np.asarray(v)[0]), float(np.asarray(v)[-1])) for k, v in curves.items()}
    return {"points": len(distance), "how": how, "source": WEP_SOURCE,
            "pairs": [(a, b) for a, b in WEP_PAIRS], "eta_ends": at}


def extra_report_lines(ctx: dict[str, Any]) -> list[str]:
    """The report section on the figures beyond the paper (issue 8, bands of Fig. 3)."""
    if "extra_alpha" not in ctx:
        return []
    bands = []
    if "extra_budget" in ctx:
        bands.append("* `extra_budget.png/.pdf` (numbers in `extra_budget.csv`): the force budget of a "
                     "reference micron-scale geometry (`nusym.budget`, docs/budget.md): the two-neutrino "
                     "force (Dirac, Majorana) beside Newtonian gravity and the Casimir force of the same "
                     "bodies.")
    if "fig3_bands" in ctx:
        rel = ctx["fig3_bands"]["relative"]
        bands += ["", "* `fig3_bands.png/.pdf` (numbers in `fig3_bands.csv`): the Fe-56 potentials of Fig. 3 "
                 "(normal ordering) with the 1 sigma band from the oscillation inputs (NuFIT 6.0) and "
                 "G_F (`nusym.uncertainties`, docs/uncertainty.md; largest over 1-10 um: "
                 + "; ".join(f"m_min = {lt} eV: +{100 * p:.3g} % / -{100 * m:.3g} %" for lt, (p, m, _) in rel.items())
                 + ") and the range of the Majorana V over the unknown phases alpha21, alpha31 "
                 "(`nusym.uncertainties.phase_range`, exact extremes; largest max/min: "
                 + "; ".join(f"m_min = {lt} eV: {f:.3g}" for lt, (_, _, f) in rel.items()) + ")."]
    ea, ew = ctx["extra_alpha"], ctx["extra_wep"]
    lines = ["## Beyond the paper: alpha(lambda) and the Eotvos parameter (issue 8)", "",
             "These figures are **not in the paper**; they compare the 2-nu force with fifth-force "
             "and equivalence-principle experiments. See `docs/fifth_force.md` for the definitions "
             "and their caveats.", "",
             "* `extra_alpha_lambda.png/.pdf` (numbers in `extra_alpha_lambda.csv`): "
             "|alpha_eff(lambda)| = |e V_2nu(lambda)/V_N(lambda)| (the single Yukawa of range lambda "
             "equal to V_2nu at r = lambda) for "
             + ", ".join(f"{a}-{b}" for a, b in ea["pairs"])
             + f", per pair of atoms, {ea['points']} points from 1 um to 1 mm (double precision, "
             f"cross-checked against `nusym.potential` at {CHECK_DPS} digits: largest relative "
             f"difference {ea['fast_vs_verified']:.1e}), against the published limits: "
             + "; ".join(ea["limits"]) + " (coarse; `nusym/data/yukawa_limits.csv`).",
             "* alpha_eff at 1 um (Dirac, m_min = 0): "
             + "; ".join(f"{a}-{b}: {ea['at_1um'][(pa, pb, 'dirac', '0')]:.3g}"
                         for (a, b), (pa, pb) in zip(ea["pairs"], ALPHA_PAIRS, strict=True)) + ".",
             "* Smallest distance to the envelope of all inverse-square-law limits: "
             f"{min(ea['gap_decades'].values()):.1f} decades (over every pair and case): the 2-nu "
             "force is far out of reach of Yukawa searches.",
             "* Sign of alpha at 1 um and 1 mm (- = repulsive V_2nu, + = attractive, 0 = underflow): "
             + "; ".join(f"{pa}-{pb} {n} m_min={m}: {s}" for (pa, pb, n, m), s in ea["signs"].items())
             + ".",
             "* `extra_wep_eta.png/.pdf` (numbers in `extra_wep_eta.csv`): |eta| = |a_A - a_B|/a_N "
             "of the 2-nu force alone for "
             + ", ".join(f"{a}-{b}" for a, b in ew["pairs"])
             + f" towards {ew['source']}, {ew['points']} distances from 1 um to 1 mm; computed with "
             f"{ew['how']}."] + bands + [""]
    return lines


# --------------------------------------------------------------------------- reference values
#: One point of ``reference_values.csv``: (r in um, nature, ordering, lightest, V (mpf), certified enclosure).
ReferenceRow: TypeAlias = tuple[str, str, str, str, Any, Interval]


def _reference_job(args: tuple[tuple[str, ...], str, str, str, str, int]) -> list[ReferenceRow]:
    """One configuration at every distance in a single call (the shared rule is set up once)."""

    r_list, nature, ordering, lightest, preset, dps = args
    items = [f"{r_um}um" for r_um in r_list]
    values = potential(items, SOURCE, SOURCE, nature=nature, ordering=ordering, lightest=lightest,
                       preset=preset, method="integral", dps=dps)
    # the certified enclosure (Arb), an independent route: it must contain the verified value
    intervals = potential(items, SOURCE, SOURCE, nature=nature, ordering=ordering, lightest=lightest,
                          preset=preset, dps=dps, certified=True)
    return [(r_um, nature, ordering, lightest, v, iv)
            for r_um, v, iv in zip(r_list, values, intervals, strict=True)]


def reference_jobs(settings: ReproduceSettings) -> list[tuple[str, str, str, str, str, int]]:
    """The (r, nature, ordering, lightest, preset, dps) points of ``reference_values.csv``."""
    return [(r_um, nature, ordering, lightest, settings.preset, settings.reference_dps)
            for r_um in settings.reference_r_um for nature in ("dirac", "majorana")
            for ordering in ("normal", "inverted") for lightest in settings.reference_lightest]


def reference_csv(results: list[ReferenceRow], settings: ReproduceSettings) -> str:
    """``reference_values.csv`` from the evaluated points (plus gravity and Eq. 8)."""


    dps = settings.reference_dps
    grav = {r: gravity_potential(f"{r}um", SOURCE, SOURCE, dps=dps) for r in settings.reference_r_um}
    massless = {r: potential(f"{r}um", SOURCE, SOURCE, method="massless", preset=settings.preset,
                                   dps=dps) for r in settings.reference_r_um}
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["source_a", "source_b", "r_um", "nature", "ordering", "lightest_eV", "method",
                "dps", "V_eV", "V_certified_lower_eV", "V_certified_upper_eV", "V_massless_eV",
                "V_gravity_eV", "V_over_V_gravity"])
    for r_um, nature, ordering, lightest, v, iv in results:
        if not iv.contains(v, rel_tol=mpmath.mpf(10) ** -(dps - 1)):   # v is rounded to dps digits
            raise VerificationError(f"the verified V at {r_um} um ({nature}, {ordering}, lightest {lightest}) "
                                    f"lies outside its certified enclosure {iv}")
        lo, hi = iv.as_strings(dps)
        with mpmath.workdps(dps + 5):
            ratio = v / grav[r_um]
        w.writerow([SOURCE, SOURCE, r_um, nature, ordering, lightest, "integral", dps,
                    mpmath.nstr(v, dps), lo, hi, mpmath.nstr(massless[r_um], dps),
                    mpmath.nstr(grav[r_um], dps), mpmath.nstr(ratio, 8)])
    return out.getvalue()


# --------------------------------------------------------------------------- report
def _pct(x: float) -> str:
    return f"{100 * x:.3g} %"


def report_markdown(ctx: dict[str, Any], settings: ReproduceSettings) -> str:
    """``report.md``: every reproduced item against the paper."""
    t1 = ctx["table1"]
    f2 = ctx["fig2"]
    f3 = ctx["fig3"]
    checks = ctx["checks"]
    eq9 = ctx["eq9"]
    lines = ["# Reproduction of Segarra & Bernabeu, Phys. Rev. D 101, 093004 (2020)", "",
             f"Generated by `nusym reproduce` (nusym {ctx['version']}, preset `{settings.preset}`, "
             f"{'quick mode, ' if settings.quick else ''}reference values with "
             f"{settings.reference_dps} digits). Files: " + ", ".join(f"`{f}`" for f in OUTPUT_FILES)
             + ".", ""]
    n_agree = sum(1 for row in t1 if row["agree"])
    lines += ["## Table I (neutrino masses)", "",
              f"All {len(t1)} rows, both lightest masses, computed with `nusym.mass_spectrum`: "
              f"**{n_agree}/{len(t1)} rows agree with the printed values to the printed digits**"
              + ("." if n_agree == len(t1) else " (see `table1.csv`, column agrees_to_printed_digits)."),
              "", "| ordering | state | m_min = 0 (nusym) | printed | m_min = 0.1 eV (nusym) | printed |",
              "|---|---|---|---|---|---|"]
    for row in t1:
        lines.append(f"| {row['label']} | m{row['state']} | {_format(row['m0'], 8)} | {row['printed0']} | "
                     f"{_format(row['m1'], 8)} | {row['printed1']} |")
    lo, hi = f2["qe_over_A"]
    lines += ["", "## Fig. 2 (weak flavour charges)", "",
              f"`fig2_flavour_charges.png/.pdf`: Q^e = 2Z - N and Q^mu = Q^tau = -N (derived in "
              f"`nusym.symbolic.charges.flavour_charges`, Eq. 7) for Z = 1..92 along the valley of "
              f"stability given by the semi-empirical relation **{valley_relation()[2]}** (A rounded to the "
              f"nearest integer), plotted against Z as in the paper (-Q^mu = N drawn), with Z + N as the gravity "
              f"proxy. Along the "
              f"valley Q^mu/A runs from {f2['qmu_over_A'][1]:.3f} (light) to {f2['qmu_over_A'][0]:.3f} "
              f"(heavy): Q^mu = Q^tau = -N grows like A, as gravity does, while Q^e = 2Z - N stays "
              f"small (Q^e/A from {hi:.3f} to {lo:.3f}, Q^e = {f2['Q_e_U'][0]:.0f} for Z = 92) "
              f"because 2Z and N nearly cancel. (The relation gives Fe at "
              f"(Z, N) = {f2['Fe']}; the potentials below use Fe-56, (26, 30).)", ""]
    om = f3["ordering_max_rel_diff"]
    mr = f3["mass_ratio"]
    nr = f3["nature_ratio"]
    lines += ["## Fig. 3 (Fe-56 potentials, 1 um <= r <= 10 um)", "",
              f"`fig3_potentials.png/.pdf`: {f3['points']} points per curve from "
              f"`{f3['how']}` (double precision), cross-checked against the verified integral "
              f"(`nusym.potential`, {CHECK_DPS} digits) at 1 um and 10 um for {f3['checked_cases']} "
              f"of the 8 cases: largest relative difference {f3['fast_vs_verified']:.1e}. "
              "Measured claims (ratios at r = 1 um and 10 um):", "",
              "* **Orderings hardly distinguishable** — largest |V_NO/V_IO - 1| on 1-10 um: "
              + "; ".join(f"{n} m_min={lt}: {_pct(v)}" for (n, lt), v in om.items()) + ".",
              "* **m_min changes V markedly** — V(m_min = 0.1 eV)/V(m_min = 0): "
              + "; ".join(f"{n} {o}: {a:.3g} -> {b:.3g}" for (n, o), (a, b) in mr.items()) + ".",
              "* **Nature changes V markedly, Dirac larger** — V_Majorana/V_Dirac: "
              + "; ".join(f"m_min={lt} {o}: {a:.3g} -> {b:.3g}" for (lt, o), (a, b) in nr.items())
              + f". Dirac larger than Majorana at every point and case: "
                f"**{'yes' if f3['dirac_larger'] else 'NO'}** (with the paper's real phases; for "
                "complex phases the derived vector term can make the Majorana potential the larger "
                f"one: alpha21 = 180 deg gives V_M/V_D = {_phase_example():.3g} at 10 um with "
                "m_min = 0.1 eV, Fe-56 pair, normal ordering).",
              "* V/V_massless (Eq. 8): "
              + "; ".join(f"{n} m_min={lt} {o}: {a:.3g} -> {b:.3g}"
                          for (n, lt, o), (a, b) in f3["over_massless"].items()
                          if o == "normal") + " (normal ordering).",
              f"* Gravity: V_grav = {f3['gravity'][0]:.4g} eV at 1 um, {f3['gravity'][1]:.4g} eV at "
              f"10 um; V/|V_grav| is between "
              f"{min(abs(v) for p in f3['over_gravity'].values() for v in p):.3g} and "
              f"{max(abs(v) for p in f3['over_gravity'].values() for v in p):.3g} on the plotted range.",
              ""]
    ordering_small = max(om.values())
    decades = math.log10(1 + ordering_small)
    span = math.log10(abs(f3["massless"][0] / f3["massless"][1]))
    lines += [f"Verdict: on the log axes of Fig. 3 (the massless curve alone spans {span:.1f} "
              f"decades between 1 and 10 um) the orderings differ by at most {decades:.2f} decades "
              f"({_pct(ordering_small)}, largest at 10 um), which is the sense in which they are "
              "\"hardly distinguishable\"; the lightest mass (factor up to "
              f"{1 / min(b for _, b in mr.values()):.0f} at 10 um) and the nature (Majorana/Dirac down to "
              f"{min(b for _, b in nr.values()):.2f}) change V much more, and Dirac is the larger "
              "(for real phases, as in the paper).", ""]
    lines += extra_report_lines(ctx)
    lines += ["## Equations (see `equations.tex`)", "",
              f"Source of `equations.tex` and of the checks below: {ctx.get('equations_source', 'n/a')}.", "",
              "| equation | result | how checked |", "|---|---|---|",
              f"| Eq. 4 couplings | derived from T3, Q and the Fierzed CC term; equal to printed: "
              f"{_yn(all(checks.get(f'eq4_{p}_equals_printed') for p in 'epn'))} "
              "| `nusym.symbolic.couplings.printed_eq4` |",
              f"| Eq. 5 charges | sin^2 theta_W cancels: {_yn(checks.get('eq5_s2w_cancels'))}; equal to printed: "
              f"{_yn(checks.get('eq5_equals_printed'))} | `nusym.symbolic.charges.printed_eq5` |",
              f"| Eq. 7 identity | sum_ij Q_A Q_B* = sum_alpha Q_A Q_B: {_yn(checks.get('eq7_identity'))} "
              "| `nusym.symbolic.report.eq7_identity` |",
              f"| Eq. 6 Dirac | derived = printed: {_yn(checks.get('eq6_dirac_dirac_equals_printed'))} "
              "| `nusym.symbolic.report.eq6_comparison` |",
              f"| Eq. 6 Majorana | axial term = printed: {_yn(checks.get('eq6_majorana_axial_equals_printed'))}; "
              f"**differs** for complex mixing: an extra vector term Im Q_A Im Q_B with "
              f"X = mbar^2 - 3 m_i m_j (S-wave); the printed form holds only when every U_ei U*_ej is real "
              "| `eq6_comparison`, `majorana_phase_conditions` |",
              f"| Eq. 8 massless | reproduced: {_yn(checks.get('eq8_reproduced'))}; Dirac = Majorana: "
              f"{_yn(checks.get('eq8_dirac_majorana_equal'))} | `nusym.symbolic.closed.check_eq8` |"]
    for nature, rows in eq9.items():
        for n, derived, printed, ok in rows:
            lines.append(f"| Eq. 9 {nature}, b_{n} (coefficient of r^(-5/2-{n})) | derived `{derived}`, "
                         f"printed `{printed}`: {'agree' if ok else '**differ**'} "
                         "| `nusym.symbolic.asymptotic.compare_with_eq9` |")
    if ctx.get("eq9_vector"):
        lines.append("| Eq. 9 Majorana vector term (not in the paper) | "
                     + ", ".join(f"b_{n} = `{c}`" for n, c in enumerate(ctx["eq9_vector"]))
                     + " | `compare_with_eq9` |")
    lines += ["", "## Reference values", "",
              f"`reference_values.csv`: V(r) for two Fe-56 atoms at r = "
              f"{', '.join(settings.reference_r_um)} um, Dirac and Majorana, both orderings, "
              f"lightest mass {', '.join(settings.reference_lightest)} eV, to "
              f"{settings.reference_dps} significant digits verified by `nusym.potential` "
              "(method=\"integral\": the quadrature rule shared by all r and its nested "
              "half-step rule must agree, see docs/performance.md; the adaptive route "
              "`method=\"adaptive\"` gives the same digits, tests/test_spectral.py), "
              "each with its certified enclosure (`V_certified_lower_eV`, `V_certified_upper_eV`: "
              "Arb ball arithmetic and rigorous integration, `nusym.potential(..., certified=True)`, "
              "docs/certified.md), which contains the verified value at every point (checked when "
              "the file is written), with Eq. 8 and gravity beside.", "",
              "## Timing", "", "| step | seconds |", "|---|---|"]
    for name, sec in ctx["timing"].items():
        lines.append(f"| {name} | {sec:.1f} |")
    return "\n".join(lines) + "\n"


def _yn(flag: Any) -> str:
    return "yes" if flag else "**no**"


# --------------------------------------------------------------------------- driver
def reproduce(out: str, *, force: bool = False, dps: int = 30, quick: bool = False,
              preset: str = "segarra2020", stream: IO[str] | None = None,
              tty: bool | None = None, derive: bool = False,
              latex_width: Any = "single") -> dict[str, Any]:
    """Write every reproduced result into ``out``; return a summary (paths, timings, checks).

    ``equations.tex`` and the checks of the derivation come from the packaged
    derivation (``nusym/generated/equations.json``, which ``tests/test_generated.py``
    keeps equal to a fresh SymPy derivation); ``derive=True`` derives them anew
    with SymPy in a parallel process (tens of seconds). The ``fragment_*.tex`` files
    (Eqs. 4-9, the printed-versus-derived comparisons, Table I: ``\\input``-able, no
    preamble) are laid out for ``latex_width`` (``"single"`` 246 pt, ``"double"`` 510 pt
    or a number of points; :func:`nusym.latexdoc.write_fragments`).

    Refuses a non-empty ``out`` unless ``force``, an unwritable one, or a path that
    cannot be a directory (:class:`nusym.errors.OutputPathError`, before any
    computation). ``out`` holds the marker ``.nusym-incomplete`` until every file is
    written; a directory left with that marker (interrupted or failed run) is
    written into again without ``force`` unless it holds other files than
    :data:`OUTPUT_FILES`. Progress is written to ``stream`` (default stderr): a bar
    on a terminal, otherwise one line per step. ``KeyboardInterrupt`` stops the
    worker processes and propagates (the marker stays).
    """

    dps = check_dps(dps)
    force, quick = check_flag(force, "force"), check_flag(quick, "quick")
    derive = check_flag(derive, "derive")
    latex_width = check_latex_width(latex_width)
    load_parameters(preset, "normal")  # validate the preset before touching the directory
    figures.require_matplotlib()       # the figures need the plot extra: say so before any work
    settings = ReproduceSettings(dps=dps, quick=quick, preset=preset)
    out = prepare_output_dir(out, force=force, expected=OUTPUT_FILES)
    mark_incomplete(out, "nusym reproduce")
    ctx: dict[str, Any] = {"version": __version__, "timing": {}}
    jobs = reference_jobs(settings)
    steps: list[tuple[str, Callable[[], None]]] = []

    def path(name: str) -> str:
        return os.path.join(out, name)

    def step_table1() -> None:
        rows = table1_rows(preset, dps=max(dps, 30))
        ctx["table1"] = rows
        _write_text(path("table1.csv"), table1_csv(rows, dps=max(dps, 30)))
        _write_text(path("table1.tex"), table1_tex(rows, preset))
        _write_text(path("fragment_table1.tex"), table1_fragment(rows, preset, latex_width))

    def step_fig2() -> None:
        ctx["fig2"] = _fig2(path("fig2_flavour_charges.png"), path("fig2_flavour_charges.pdf"))

    def step_fig3() -> None:
        ctx["fig3"] = _fig3(path("fig3_potentials.png"), path("fig3_potentials.pdf"), settings)

    def step_reference() -> None:
        results = _run_reference_jobs(jobs)
        _write_text(path("reference_values.csv"), reference_csv(results, settings))

    def step_equations() -> None:
        if derive:
            result = eq_future.result() if eq_future is not None else _equations_job()
        else:
            result = packaged_equations()
        ctx["equations_source"] = result["source"]
        ctx["checks"] = result["checks"]
        ctx["eq9"] = result["eq9"]
        if result["eq9_vector"]:
            ctx["eq9_vector"] = result["eq9_vector"]
        _write_text(path("equations.tex"), result["tex"])
        from nusym import latexdoc

        latexdoc.write_fragments(out, latex_width, exprs=result.get("fragment_exprs"))
        if derive and eq_future is not None:
            ctx["timing"]["derived equations, in a parallel process (not in the total)"] = result["seconds"]

    def step_report() -> None:
        # the figures beyond the paper share this progress step, so that the step count
        # (and its tests) stay those of the paper's reproduction
        for key, label, fn, stem in (
                ("extra_alpha", "alpha(lambda) figure (beyond the paper)", _fig_alpha, "extra_alpha_lambda"),
                ("extra_wep", "WEP eta figure (beyond the paper)", _fig_wep, "extra_wep_eta"),
                ("fig3_bands", "Fig. 3 bands (beyond the paper)", _fig3_bands, "fig3_bands"),
                ("extra_budget", "force budget (beyond the paper)", _fig_budget, "extra_budget")):
            t0 = time.monotonic()
            ctx[key] = fn(path(f"{stem}.png"), path(f"{stem}.pdf"), path(f"{stem}.csv"), settings)
            ctx["timing"][label] = time.monotonic() - t0
        _write_text(path("report.md"), report_markdown(ctx, settings))

    steps = [("Table I", step_table1), ("Fig. 2", step_fig2), ("Fig. 3", step_fig3),
             (f"reference values ({len(jobs)} points, {settings.reference_dps} digits)", step_reference),
             ("derived equations" + (" (SymPy, computed in parallel)" if derive else " (packaged derivation)"),
              step_equations),
             ("figures beyond the paper and report", step_report)]
    bar = Progress(len(steps), stream=stream, tty=tty, prefix="nusym reproduce")
    start = time.monotonic()
    # The symbolic derivations (pure SymPy, the longest single step) run in a second
    # process while the numerical steps run here.
    eq_pool, eq_future = _start_equations_job() if derive else (None, None)
    try:
        for label, fn in steps:
            bar.step(label)
            t0 = time.monotonic()
            fn()
            ctx["timing"][label.split(" (")[0]] = time.monotonic() - t0
    except BaseException:  # an error or Ctrl-C: stop the worker at once, keep the marker
        bar.abort()
        if eq_pool is not None:
            _terminate_pool(eq_pool)
        raise
    if eq_pool is not None:
        eq_pool.shutdown(wait=True, cancel_futures=True)
    total = time.monotonic() - start
    ctx["timing"]["total"] = total
    # the report lists the timings; rewrite it with the final total
    _write_text(path("report.md"), report_markdown(ctx, settings))
    mark_complete(out)
    bar.close(f"done in {total:.1f} s")
    return {"out": out, "files": [path(f) for f in OUTPUT_FILES], "timing": dict(ctx["timing"]),
            "checks": ctx.get("checks", {})}


def _phase_example() -> float:
    """V_Majorana(alpha21 = 180 deg) / V_Dirac at 10 um, m_min = 0.1 eV, Fe-56 pair (double precision)."""

    vm = potential(1e-5, "Fe-56", "Fe-56", nature="majorana", lightest=0.1, alpha21=180, dps=None)
    vd = potential(1e-5, "Fe-56", "Fe-56", nature="dirac", lightest=0.1, dps=None)
    return float(vm / vd)


def _equations_job() -> dict[str, Any]:
    """A fresh derivation of ``equations.tex`` and its checks (``--derive``; picklable results)."""
    from nusym import latexdoc

    t0 = time.monotonic()
    result = latexdoc.derive_equations()
    result["seconds"] = time.monotonic() - t0
    result["source"] = "derived now with SymPy (--derive)"
    return result


def packaged_equations() -> dict[str, Any]:
    """The packaged derivation (nusym/generated/equations.json), tested equal to a fresh one."""
    data = json.loads(resources.files("nusym.generated").joinpath("equations.json").read_text(encoding="utf-8"))
    data["source"] = ("the packaged derivation nusym/generated/equations.json (tests/test_generated.py "
                      "requires it to equal a fresh SymPy derivation; `nusym reproduce --derive` re-derives)")
    return data


def _ignore_sigint() -> None:
    """Worker initializer: Ctrl-C is handled by the parent, which terminates the workers
    (a worker of its own would print a traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _terminate_pool(pool: Any) -> None:
    """Stop a ProcessPoolExecutor now: cancel pending work and terminate its processes."""
    terminate = getattr(pool, "terminate_workers", None)  # Python >= 3.14
    if terminate is not None:
        terminate()
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        try:
            proc.terminate()
        except (OSError, ValueError, AttributeError):
            pass
    for proc in processes:
        try:
            proc.join(timeout=5)
        except (OSError, ValueError, AttributeError, AssertionError):
            pass


def _start_equations_job() -> tuple[Any, Any]:
    """Start :func:`_equations_job` in a forked process (Linux), else return (None, None)."""
    if not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2:
        return None, None

    pool = ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("fork"),
                               initializer=_ignore_sigint)
    try:
        return pool, pool.submit(_equations_job)
    except BaseException:
        _terminate_pool(pool)
        raise


def _run_reference_jobs(jobs: list[tuple[str, str, str, str, str, int]]) -> list[ReferenceRow]:
    """Evaluate the reference points, one call per configuration, on every core if there are several.

    Returns the results in the order of ``jobs``.
    """
    groups: dict[tuple, list[str]] = {}
    for r_um, *config in jobs:
        groups.setdefault(tuple(config), []).append(r_um)
    tasks = [(tuple(rs), *config) for config, rs in groups.items()]
    workers = min(os.cpu_count() or 1, 4)
    if workers > 1 and len(tasks) > 1 and sys.platform.startswith("linux"):

        pool = ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("fork"),
                                   initializer=_ignore_sigint)
        try:
            done = list(pool.map(_reference_job, tasks))
        except BaseException:  # an error or Ctrl-C: do not wait for the running jobs
            _terminate_pool(pool)
            raise
        pool.shutdown(wait=True)
    else:
        done = [_reference_job(task) for task in tasks]
    by_point = {(r_um, task[1], task[2], task[3]): (v, iv)
                for task, rows in zip(tasks, done, strict=True) for r_um, _, _, _, v, iv in rows}
    return [(job[0], job[1], job[2], job[3], *by_point[(job[0], job[1], job[2], job[3])]) for job in jobs]
