"""Figures for journals: the public plotting API of nusym (matplotlib, the ``nusym[plot]`` extra).

Each function returns a :class:`matplotlib.figure.Figure` drawn in the journal style
:data:`STYLE` (applied through :func:`style`, a :func:`matplotlib.rc_context`; the
global ``rcParams`` are never changed, pyplot is never used, nothing is shown):

* :func:`fig2`: Fig. 2 of Segarra & Bernabeu 2020, the weak flavour charges of Eq. (7),
  Q^e = 2Z - N and Q^{mu,tau} = -N, of the elements along the valley of stability
  against Z, with their gravitational coupling Z + N;
* :func:`fig3`: Fig. 3, the potential of Eq. (1) between two Fe-56 atoms for
  1 um <= r <= 10 um (Dirac solid, Majorana dashed; lightest mass 0 and 0.1 eV;
  normal ordering thick, inverted thin) with the massless limit Eq. (8); gravity in a
  panel of its own (``V / |V_grav|``) so the neutrino curves keep their dynamic range;
  and the ratio Majorana/Dirac;
* :func:`fig3_bands`: the 1 sigma band of the Dirac potential and the range of the
  Majorana one over its unknown phases;
* :func:`alpha_lambda`: the 2-nu force as an effective Yukawa strength against
  published limits (segments whose shape is our choice dotted, with a caveat);
* :func:`wep`: the Eotvos parameter of the 2-nu force alone;
* :func:`budget`: the force budget of a Casimir-type geometry.

Widths: ``width="single"`` (3.4 in) or ``"double"`` (7.0 in) or inches; text is 8-9 pt
at that size; fonts are embedded as TrueType (``pdf.fonttype = 42``) also when the
figure is saved with its own ``savefig``; the colours are the Okabe-Ito palette
(colour-blind safe) and the line styles carry meaning too. Every function takes its
data as arguments with defaults computed by nusym (the ``*_data`` functions), and
``ax=`` to draw into existing axes. :func:`save` writes a figure atomically with
reproducible metadata.

>>> valley_of_stability(26)
(26, 31)
>>> STYLE["pdf.fonttype"], figure_width("single")
(42, 3.4)
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from nusym.budgets import reference_budget
from nusym.charges import flavour_charges
from nusym.errors import InvalidOptionError, NusymError
from nusym.fifth_force import alpha_eff, yukawa_limits
from nusym.inputs import check_figure_width
from nusym.io import atomic_write_bytes
from nusym.numeric.potential import gravity_potential, potential
from nusym.resources import load_toml
from nusym.uncertainties import phase_range, uncertainty
from nusym.wep import eotvos

__all__ = [
    "SINGLE_WIDTH_IN",
    "DOUBLE_WIDTH_IN",
    "OKABE_ITO",
    "STYLE",
    "style",
    "require_matplotlib",
    "figure_width",
    "save",
    "valley_relation",
    "valley_of_stability",
    "FIG3_SOURCE",
    "ALPHA_PAIRS",
    "WEP_PAIRS",
    "WEP_SOURCE",
    "fig3_data",
    "fig3_bands_data",
    "alpha_data",
    "wep_data",
    "budget_data",
    "fig2",
    "fig3",
    "fig3_bands",
    "alpha_lambda",
    "wep",
    "budget",
]

#: journal column widths (inches)
SINGLE_WIDTH_IN = 3.4
DOUBLE_WIDTH_IN = 7.0

#: the Okabe-Ito palette (Okabe & Ito 2008, "Color Universal Design"), colour-blind safe
OKABE_ITO = {
    "black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7",
}
#: colour of the lightest mass (eV) in every figure; line style = nature
MASS_COLOURS = {"0": OKABE_ITO["blue"], "0.1": OKABE_ITO["vermillion"]}
NATURE_STYLES = {"dirac": "-", "majorana": "--"}
#: grey of published limits; dotted = a shape chosen by us (see nusym/data/README.md)
LIMIT_GREY = "#595959"
CHOICE_STYLE = ":"

#: the journal style: 8-9 pt text at print size, TrueType fonts, thin lines, no frames
STYLE: dict[str, Any] = {
    "font.size": 8.0,
    "axes.labelsize": 9.0,
    "axes.titlesize": 9.0,
    "xtick.labelsize": 8.0,
    "ytick.labelsize": 8.0,
    "legend.fontsize": 8.0,
    "legend.title_fontsize": 8.0,
    "figure.titlesize": 9.0,
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "mathtext.fontset": "dejavusans",
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "svg.fonttype": "none",
    "lines.linewidth": 1.0,
    "lines.markersize": 3.0,
    "axes.linewidth": 0.6,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "xtick.minor.width": 0.4,
    "ytick.minor.width": 0.4,
    "xtick.direction": "in",
    "ytick.direction": "in",
    "xtick.top": True,
    "ytick.right": True,
    "legend.frameon": False,
    "legend.handlelength": 2.4,
    "legend.borderaxespad": 0.3,
    "legend.labelspacing": 0.25,
    "legend.columnspacing": 1.0,
    "axes.prop_cycle": "cycler('color', ['#0072B2', '#D55E00', '#009E73', '#000000', '#CC79A7', "
                       "'#E69F00', '#56B4E9'])",
    "savefig.dpi": 300,
    "figure.dpi": 150,
    "savefig.bbox": None,
}


# ----------------------------------------------------------------------------- style and figures
def _matplotlib() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise NusymError("nusym.plot needs matplotlib: install the plot extra, "
                         "pip install 'nusym[plot]' (or pip install matplotlib)") from None
    return matplotlib


def require_matplotlib() -> None:
    """Raise :class:`nusym.NusymError` naming the ``nusym[plot]`` extra if matplotlib is missing.

    >>> require_matplotlib()
    """
    _matplotlib()


@contextlib.contextmanager
def style() -> Iterator[None]:
    """Context manager applying :data:`STYLE` (``matplotlib.rc_context``; global rcParams untouched).

    >>> import matplotlib
    >>> before = matplotlib.rcParams["pdf.fonttype"]
    >>> with style():
    ...     matplotlib.rcParams["pdf.fonttype"]
    42
    >>> matplotlib.rcParams["pdf.fonttype"] == before
    True
    """
    mpl = _matplotlib()
    with mpl.rc_context(STYLE):
        yield


def figure_width(width: Any) -> float:
    """Width in inches of ``"single"`` (3.4), ``"double"`` (7.0) or a number (1..20 in)."""
    return check_figure_width(width)


@functools.cache
def _figure_class() -> Any:
    from matplotlib.figure import Figure

    class JournalFigure(Figure):
        """A Figure whose ``savefig`` applies :data:`STYLE` (TrueType fonts in PDF/PS)."""

        def savefig(self, *args: Any, **kwargs: Any) -> Any:  # noqa: D102
            with style():
                return super().savefig(*args, **kwargs)

    JournalFigure.__module__ = __name__
    JournalFigure.__qualname__ = "JournalFigure"
    return JournalFigure


def __getattr__(name: str) -> Any:
    # the Figure subclass exists once matplotlib is imported (so that pickles resolve it)
    if name == "JournalFigure":
        return _figure_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _new_figure(width: Any, height_ratio: float) -> Any:
    """An empty JournalFigure of the given width (in) and height = width * ratio, constrained layout."""
    w = figure_width(width)
    cls = _figure_class()
    return cls(figsize=(w, w * height_ratio), layout="constrained")


def _axes(ax: Any, n: int, fig_factory: Any) -> tuple[Any, list[Any]]:
    """(figure, list of n axes): the caller's ``ax`` (one Axes or a sequence of n) or new ones."""
    if ax is None:
        fig, axes = fig_factory()
        return fig, list(np.atleast_1d(axes).ravel())
    axes = list(ax) if isinstance(ax, (list, tuple, np.ndarray)) else [ax]
    if len(axes) != n or not all(hasattr(a, "plot") for a in axes):
        raise InvalidOptionError(f"ax must be {'one matplotlib Axes' if n == 1 else f'a sequence of {n} Axes'}, "
                                 f"got {ax!r}")
    return axes[0].figure, axes


def _panel_label(ax: Any, text: str, loc: str = "upper right") -> None:
    x, ha = (0.97, "right") if "right" in loc else (0.03, "left")
    y, va = (0.95, "top") if "upper" in loc else (0.05, "bottom")
    ax.text(x, y, text, transform=ax.transAxes, ha=ha, va=va, fontsize=8)


def _log_axes(ax: Any) -> None:
    ax.set_xscale("log")
    ax.set_yscale("log")


def save(fig: Any, path: str | os.PathLike[str], *, dpi: int = 300) -> None:
    """Write ``fig`` to ``path`` (format from the suffix: pdf, png, svg, eps) in the journal style.

    Rendered in memory with reproducible metadata (no creation date, no software
    string) and written whole (:func:`nusym.io.atomic_write_bytes`).
    """
    fmt = os.path.splitext(os.fspath(path))[1].lstrip(".").lower()
    allowed = ("pdf", "png", "svg", "eps")
    if fmt not in allowed:
        raise InvalidOptionError(f"unknown figure format {fmt!r} of {os.fspath(path)!r}; allowed: "
                                 f"{', '.join(allowed)}")
    meta: dict[str, Any] = {
        "png": {"Software": None},
        "pdf": {"Creator": None, "Producer": None, "CreationDate": None},
        "svg": {"Creator": None, "Date": None},
        "eps": {"Creator": None},
    }[fmt]
    buf = io.BytesIO()
    with style():
        fig.savefig(buf, format=fmt, dpi=dpi, metadata=meta)
    atomic_write_bytes(path, buf.getvalue())


# ----------------------------------------------------------------------------- Fig. 2
def valley_relation() -> tuple[float, float, str]:
    """(a, b, text) of the valley-of-stability relation Z = A/(a + b A^(2/3)) (``nusym/data/models.toml``).

    >>> valley_relation()[2]
    'Z = A / (1.98 + 0.0155 A^(2/3))'
    """
    rel = load_toml("models.toml")["valley_of_stability"]
    return float(rel["a"]), float(rel["b"]), f"Z = A / ({rel['a']} + {rel['b']} A^(2/3))"


def valley_of_stability(Z: int) -> tuple[int, int]:
    """(Z, N) of the most stable isotope by the semi-empirical relation :func:`valley_relation`.

    A is solved from Z = A/(a + b A^(2/3)) (a = 1.98, b = 0.0155, with their source in
    ``nusym/data/models.toml``; the isotopes of Fig. 2 of Segarra & Bernabeu 2020) by
    bisection (the right side grows monotonically with A) and rounded to the nearest
    integer.

    >>> valley_of_stability(1), valley_of_stability(92)
    ((1, 1), (92, 145))
    """
    a, b, _ = valley_relation()
    lo, hi = 0.5, 10.0 * Z + 10.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if mid in (lo, hi):
            break
        if mid / (a + b * mid ** (2.0 / 3.0)) < Z:
            lo = mid
        else:
            hi = mid
    return Z, int(round(0.5 * (lo + hi))) - Z


def fig2(Z: Sequence[int] | None = None, N: Sequence[int] | None = None, *, width: Any = "single",
         ax: Any = None) -> Any:
    """Fig. 2 of Segarra & Bernabeu 2020: the weak flavour charges of Eq. (7) against Z.

    Plotted against Z as in the paper: Q^e = 2Z - N (circles), -Q^{mu,tau} = N
    (squares; the charge itself is negative) and the gravitational coupling Z + N
    (diamonds), from :func:`nusym.charges.flavour_charges`.

    Parameters
    ----------
    Z : sequence of int, optional
        Proton numbers; default 1..92.
    N : sequence of int, optional
        Neutron numbers; default the valley of stability (:func:`valley_of_stability`).
    width : {"single", "double"} or float, optional
        Figure width: one column (3.4 in), two columns (7.0 in) or inches (1..20).
    ax : matplotlib.axes.Axes, optional
        Draw into this Axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure (``ax.figure`` when ``ax`` is given), in the style :data:`STYLE`.

    Raises
    ------
    nusym.errors.InvalidOptionError
        A width that is not "single", "double" or 1..20 inches, or ``ax`` of the
        wrong kind, or Z and N of different lengths.
    nusym.errors.NusymError
        matplotlib is not installed (the ``nusym[plot]`` extra).

    Examples
    --------
    >>> fig = fig2()
    >>> float(fig.get_size_inches()[0]), fig.axes[0].lines[0].get_xdata()[:3].tolist()
    (3.4, [1.0, 2.0, 3.0])
    """
    z = list(range(1, 93)) if Z is None else [int(v) for v in Z]
    n = [valley_of_stability(v)[1] for v in z] if N is None else [int(v) for v in N]
    if len(n) != len(z):
        raise InvalidOptionError(f"Z and N must have the same length, got {len(z)} and {len(n)}")
    q = [flavour_charges(a, b) for a, b in zip(z, n, strict=True)]
    zz = np.array(z, dtype=float)
    qe = np.array([float(c["e"]) for c in q])
    qmu = np.array([float(c["mu"]) for c in q])
    with style():
        fig, (ax,) = _axes(ax, 1, lambda: _subplots(width, 0.78))
        ax.plot(zz, zz + np.array(n, dtype=float), ls="none", marker="D", ms=2.6, color=OKABE_ITO["black"],
                label=r"$Z+N$ (gravity)")
        ax.plot(zz, -qmu, ls="none", marker="s", ms=2.6, color=OKABE_ITO["vermillion"],
                label=r"$-Q_W^{\mu,\tau} = N$")
        ax.plot(zz, qe, ls="none", marker="o", ms=2.6, color=OKABE_ITO["reddish_purple"],
                label=r"$Q_W^{e} = 2Z-N$")
        ax.set_xlabel(r"$Z$")
        ax.set_ylabel("charge per atom")
        ax.set_xlim(0, max(zz) + 2)
        ax.set_ylim(0, None)
        ax.legend(loc="upper left")
    return fig


def _subplots(width: Any, ratio: float, nrows: int = 1, ncols: int = 1, **kw: Any) -> tuple[Any, Any]:
    fig = _new_figure(width, ratio)
    axes = fig.subplots(nrows, ncols, squeeze=False, **kw)
    return fig, axes.ravel()


# ----------------------------------------------------------------------------- Fig. 3
#: the source of Fig. 3 (two Fe-56 atoms)
FIG3_SOURCE = "Fe-56"
_FIG3_CASES = [(nature, lightest, ordering) for nature in ("dirac", "majorana")
               for lightest in ("0", "0.1") for ordering in ("normal", "inverted")]


def fig3_data(r_m: Any = None, *, preset: str = "segarra2020", source: str = FIG3_SOURCE) -> dict[str, Any]:
    """The curves of Fig. 3: V(r) of Eq. (1) for every case, gravity and the massless Eq. (8).

    ``r_m`` (metres) defaults to 41 points from 1 um to 10 um. Returns ``{"r_m",
    "curves": {(nature, lightest, ordering): V in eV}, "gravity", "massless", "how"}``:
    the curves by ``nusym.potential(..., dps=None)`` (double precision), gravity by
    :func:`nusym.numeric.potential.gravity_potential`, and Eq. (8), exactly
    proportional to r^-5, from one verified value at the first r.
    """
    r = np.geomspace(1e-6, 1e-5, 41) if r_m is None else np.asarray(r_m, dtype=float)
    curves = {}
    for nature, lightest, ordering in _FIG3_CASES:
        v = potential(r, source, source, nature=nature, ordering=ordering, lightest=float(lightest),
                      preset=preset, dps=None)
        curves[(nature, lightest, ordering)] = np.asarray(v, dtype=float)
    grav = np.array([float(v) for v in gravity_potential(list(r), source, source, dps=15)])
    v0 = float(potential(float(r[0]), source, source, method="massless", preset=preset, dps=15))
    massless = v0 * (r[0] / r) ** 5
    return {"r_m": r, "curves": curves, "gravity": grav, "massless": massless,
            "how": "nusym.potential(..., dps=None) (double precision)"}


def fig3(data: dict[str, Any] | None = None, *, width: Any = "single", ax: Any = None,
         preset: str = "segarra2020") -> Any:
    """Fig. 3 of Segarra & Bernabeu 2020: ``|V(r)|`` of Eq. (1) between two Fe-56 atoms.

    Three panels sharing r: (a) ``|V|`` for Dirac (solid) and Majorana (dashed), lightest
    mass 0 (blue) and 0.1 eV (vermillion), normal ordering thick and inverted thin, with
    the massless limit Eq. (8) (dash-dotted); (b) ``V / |V_grav|``, the 2-nu potential in
    units of Newtonian gravity (which would otherwise stretch panel (a) over 22
    decades); (c) the ratio V_Majorana / V_Dirac.

    Parameters
    ----------
    data : dict, optional
        As returned by :func:`fig3_data` (default: ``fig3_data(preset=preset)``).
    width : {"single", "double"} or float, optional
        Figure width: one column (3.4 in), two columns (7.0 in) or inches (1..20).
    ax : sequence of 3 matplotlib.axes.Axes, optional
        Draw into these Axes instead of a new figure.
    preset : str, optional
        Oscillation preset of the default data.

    Returns
    -------
    matplotlib.figure.Figure
        The figure (``ax.figure`` when ``ax`` is given), in the style :data:`STYLE`.

    Raises
    ------
    nusym.errors.InvalidOptionError
        A width that is not "single", "double" or 1..20 inches, or ``ax`` of the
        wrong kind.
    nusym.errors.NusymError
        matplotlib is not installed (the ``nusym[plot]`` extra).

    Examples
    --------
    >>> from nusym.numeric.potential import potential
    >>> fig = fig3(fig3_data([1e-6, 1e-5, 1e-4]))
    >>> len(fig.axes), float(fig.get_size_inches()[0])
    (3, 3.4)
    >>> v = fig.axes[0].lines[0].get_ydata()[0]      # Dirac, lightest 0, normal, r = 1 um
    >>> bool(abs(v / float(potential(1e-6, "Fe-56", "Fe-56", dps=20)) - 1) < 1e-12)
    True
    """
    from matplotlib.lines import Line2D

    d = fig3_data(preset=preset) if data is None else data
    r_um = np.asarray(d["r_m"], dtype=float) * 1e6
    curves, grav = d["curves"], np.abs(np.asarray(d["gravity"], dtype=float))
    with style():
        fig, (top, mid, bot) = _axes(ax, 3, lambda: _subplots(
            width, 1.55, 3, 1, sharex=True, gridspec_kw={"height_ratios": [2.2, 1.2, 1.0]}))
        for (nature, lightest, ordering), v in curves.items():
            kw = dict(color=MASS_COLOURS[lightest], ls=NATURE_STYLES[nature],
                      lw=1.3 if ordering == "normal" else 0.6,
                      label=f"_{nature}, m_min = {lightest} eV, {ordering}")
            top.plot(r_um, np.abs(v), **kw)
            mid.plot(r_um, np.asarray(v) / grav, **kw)
        top.plot(r_um, np.abs(np.asarray(d["massless"], dtype=float)), color=OKABE_ITO["black"], ls="-.",
                 lw=0.9, label="_massless (Eq. 8)")
        for lightest in ("0", "0.1"):
            for ordering in ("normal", "inverted"):
                ratio = curves[("majorana", lightest, ordering)] / curves[("dirac", lightest, ordering)]
                bot.plot(r_um, ratio, color=MASS_COLOURS[lightest], ls="-",
                         lw=1.3 if ordering == "normal" else 0.6,
                         label=f"_Majorana/Dirac, m_min = {lightest} eV, {ordering}")
        for a in (top, mid, bot):
            _log_axes(a)
        bot.set_yscale("linear")
        bot.set_ylim(0, 1.05)
        top.set_ylabel(r"$|V|$ (eV)")
        mid.set_ylabel(r"$V/|V_{\rm grav}|$")
        bot.set_ylabel(r"$V_{\rm M}/V_{\rm D}$")
        bot.set_xlabel(r"$r$ ($\mu$m)")
        bot.set_xlim(r_um[0], r_um[-1])
        handles = [Line2D([], [], color="k", ls="-", lw=1.1, label="Dirac"),
                   Line2D([], [], color="k", ls="--", lw=1.1, label="Majorana"),
                   Line2D([], [], color="k", ls="-.", lw=0.9, label="massless, Eq. (8)"),
                   Line2D([], [], color=MASS_COLOURS["0"], lw=1.3, label=r"$m_{\min}=0$"),
                   Line2D([], [], color=MASS_COLOURS["0.1"], lw=1.3, label=r"$m_{\min}=0.1$ eV"),
                   Line2D([], [], color="0.4", lw=1.3, label="NO thick, IO thin")]
        top.legend(handles=handles, loc="lower left", ncol=2, handlelength=1.8, columnspacing=0.6)
        _panel_label(top, r"$^{56}$Fe$-^{56}$Fe", "upper right")
    return fig


# ----------------------------------------------------------------------------- Fig. 3 bands
def fig3_bands_data(r_m: Any = None, *, source: str = FIG3_SOURCE) -> dict[str, Any]:
    """Bands of Fig. 3: the 1 sigma band of the Dirac V and the Majorana range over the phases.

    ``r_m`` defaults to 20 points from 1 um to 10 um. Returns ``{"r_m", "bands": {lightest:
    (V_dirac, sigma_plus, sigma_minus, V_majorana_min, V_majorana_max)}}`` (eV) from
    :func:`nusym.uncertainties.uncertainty` (NuFIT 6.0 and G_F) and
    :func:`nusym.uncertainties.phase_range`.
    """
    r = np.geomspace(1e-6, 1e-5, 20) if r_m is None else np.asarray(r_m, dtype=float)
    bands = {}
    for lightest in ("0", "0.1"):
        unc = uncertainty(r, source, source, lightest=lightest, nature="dirac")
        pr = phase_range(r, source, source, lightest=lightest)
        bands[lightest] = tuple(np.asarray(x, dtype=float) for x in
                                (unc.value_eV, unc.sigma_plus_eV, unc.sigma_minus_eV, pr.v_min, pr.v_max))
    return {"r_m": r, "bands": bands}


def fig3_bands(data: dict[str, Any] | None = None, *, width: Any = "single", ax: Any = None) -> Any:
    """The bands of Fig. 3 (beyond the paper).

    The 1 sigma band of V of Eq. (1) of Segarra & Bernabeu 2020 and the Majorana/Dirac
    ratio of Fig. 3 over the Majorana phases.

    (a) the relative 1 sigma band of V_Dirac (NuFIT 6.0 and G_F), (b) the range of
    V_Majorana / V_Dirac over the Majorana phases; lightest mass 0 (blue, solid
    edges) and 0.1 eV (vermillion, dashed edges).

    Parameters
    ----------
    data : dict, optional
        As returned by :func:`fig3_bands_data` (the default).
    width : {"single", "double"} or float, optional
        Figure width: one column (3.4 in), two columns (7.0 in) or inches (1..20).
    ax : sequence of 2 matplotlib.axes.Axes, optional
        Draw into these Axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure (``ax.figure`` when ``ax`` is given), in the style :data:`STYLE`.

    Raises
    ------
    nusym.errors.InvalidOptionError
        A width that is not "single", "double" or 1..20 inches, or ``ax`` of the
        wrong kind.
    nusym.errors.NusymError
        matplotlib is not installed (the ``nusym[plot]`` extra).

    Examples
    --------
    >>> fig = fig3_bands(fig3_bands_data([1e-6, 1e-5]))
    >>> len(fig.axes), float(fig.get_size_inches()[0])
    (2, 3.4)
    """
    d = fig3_bands_data() if data is None else data
    r_um = np.asarray(d["r_m"], dtype=float) * 1e6
    with style():
        fig, (ax1, ax2) = _axes(ax, 2, lambda: _subplots(width, 1.15, 2, 1, sharex=True))
        legends: dict[Any, list[Any]] = {ax1: [], ax2: []}
        for lightest, ls in (("0", "-"), ("0.1", "--")):
            vd, sp, sm, lo, hi = d["bands"][lightest]
            colour = MASS_COLOURS[lightest]
            lab = r"$m_{\min}=0$" if lightest == "0" else r"$m_{\min}=0.1$ eV"
            for a, (y0, y1), what in ((ax1, (-100 * sm / vd, 100 * sp / vd), r": 1$\sigma$"),
                                      (ax2, (lo / vd, hi / vd), ": all phases")):
                band = a.fill_between(r_um, y0, y1, color=colour, alpha=0.3, lw=0, label=lab + what)
                edge = [a.plot(r_um, y, color=colour, ls=ls, lw=0.8, label="_edge")[0] for y in (y0, y1)][0]
                legends[a].append(((band, edge), lab + what))
        ax1.axhline(0, color="k", lw=0.5)
        ax1.set_ylabel(r"$\delta V_{\rm D}/V_{\rm D}$ (%)")
        ax2.set_xscale("log")
        ax2.set_xlabel(r"$r$ ($\mu$m)")
        ax2.set_ylabel(r"$V_{\rm M}/V_{\rm D}$")
        for a, loc in ((ax1, "upper left"), (ax2, "lower left")):
            a.legend([h for h, _ in legends[a]], [t for _, t in legends[a]], loc=loc)
        ax2.set_xlim(r_um[0], r_um[-1])
    return fig


# ----------------------------------------------------------------------------- alpha(lambda)
#: material pairs of the alpha(lambda) figure and of the Eotvos-parameter figure
ALPHA_PAIRS: tuple[tuple[str, str], ...] = (("Au", "Si"), ("W", "W"), ("Be", "Ti"))
WEP_PAIRS: tuple[tuple[str, str], ...] = (("Be", "Ti"), ("Be", "Al"), ("Pt", "Ti"), ("Cu", "Pb"))
#: attracting body of the Eotvos-parameter figure
WEP_SOURCE = "W"
_EXTRA_CASES = [(nature, lightest) for nature in ("dirac", "majorana") for lightest in ("0", "0.1")]


def alpha_data(lam_m: Any = None, *, pairs: Sequence[tuple[str, str]] = ALPHA_PAIRS,
               preset: str = "segarra2020") -> dict[str, Any]:
    """alpha_eff(lambda) (:func:`nusym.fifth_force.alpha_eff`, double precision) for every pair and case.

    ``lam_m`` defaults to 31 points from 1 um to 1 mm. Returns ``{"lambda_m", "pairs",
    "curves": {(a, b, nature, lightest): alpha}}``.
    """
    lam = np.geomspace(1e-6, 1e-3, 31) if lam_m is None else np.asarray(lam_m, dtype=float)
    curves = {(a, b, nature, lightest): np.asarray(alpha_eff(lam, a, b, nature=nature, lightest=float(lightest),
                                                             preset=preset), dtype=float)
              for a, b in pairs for nature, lightest in _EXTRA_CASES}
    return {"lambda_m": lam, "pairs": tuple(tuple(p) for p in pairs), "curves": curves}


def _limit_label(curve: Any) -> str:
    chosen = [o == "level" for o in curve.origin]
    return f"{curve.label} (dotted)" if any(chosen) else curve.label


def alpha_lambda(data: dict[str, Any] | None = None, *, limits: Any = None, width: Any = "double",
                 ax: Any = None, preset: str = "segarra2020") -> Any:
    """``|alpha_eff(lambda)|`` of the 2-nu force (one panel per material pair) against published limits.

    The strength alpha_eff of the 2-nu potential V of Eq. (1) of Segarra & Bernabeu
    2020 as a Yukawa force (:func:`nusym.fifth_force.alpha_eff`).

    The neutrino curves: Dirac solid, Majorana dashed, lightest mass 0 (blue) and
    0.1 eV (vermillion). The limits in grey, one marker each; the union of
    inverse-square-law tests shaded; a segment whose shape is our choice (origin
    ``level`` in ``nusym/data/yukawa_limits.csv``) dotted, with a legend entry saying so.

    Parameters
    ----------
    data : dict, optional
        As returned by :func:`alpha_data` (default: ``alpha_data(preset=preset)``).
    limits : dict of nusym.fifth_force.LimitCurve, optional
        Default :func:`nusym.fifth_force.yukawa_limits`.
    width : {"single", "double"} or float, optional
        Figure width: one column (3.4 in), two columns (7.0 in) or inches (1..20).
    ax : sequence of matplotlib.axes.Axes, optional
        One Axes per pair: draw into these instead of a new figure.
    preset : str, optional
        Oscillation preset of the default data.

    Returns
    -------
    matplotlib.figure.Figure
        The figure (``ax.figure`` when ``ax`` is given), in the style :data:`STYLE`.

    Raises
    ------
    nusym.errors.InvalidOptionError
        A width that is not "single", "double" or 1..20 inches, or ``ax`` of the
        wrong kind.
    nusym.errors.NusymError
        matplotlib is not installed (the ``nusym[plot]`` extra).

    Examples
    --------
    >>> fig = alpha_lambda(alpha_data([1e-6, 1e-5]))
    >>> len(fig.axes), float(fig.get_size_inches()[0])
    (3, 7.0)
    """
    from matplotlib.lines import Line2D

    d = alpha_data(preset=preset) if data is None else data
    lims = yukawa_limits() if limits is None else limits
    lam_um = np.asarray(d["lambda_m"], dtype=float) * 1e6
    pairs = d["pairs"]
    markers = "osD^v<>"
    with style():
        fig, axes = _axes(ax, len(pairs), lambda: _subplots(width, 0.56, 1, len(pairs), sharey=True))
        for k, (ax_, (pa, pb)) in enumerate(zip(axes, pairs, strict=True)):
            for nature, lightest in _EXTRA_CASES:
                y = np.abs(d["curves"][(pa, pb, nature, lightest)])
                ax_.plot(lam_um, np.where(y > 0, y, np.nan), color=MASS_COLOURS[lightest],
                         ls=NATURE_STYLES[nature], lw=1.6 if nature == "dirac" else 1.0,
                         label=f"_{nature}, {lightest}")
            for i, c in enumerate(lims.values()):
                x = np.asarray(c.lambda_m, dtype=float) * 1e6
                y = np.asarray(c.alpha_max, dtype=float)
                if c.key == "isl_envelope":
                    ax_.fill_between(x, y, 1e40, color="0.88", lw=0, zorder=0, label=f"excluded: {c.label}")
                    continue
                chosen = np.array([o == "level" for o in c.origin])
                label = _limit_label(c) if k == 0 else "_" + c.label
                ax_.plot(x, y, ls="none", marker=markers[i % len(markers)], ms=3, color=LIMIT_GREY, label=label)
                for j in range(len(x) - 1):
                    ls = CHOICE_STYLE if (chosen[j] or chosen[j + 1]) else "-"
                    ax_.plot(x[j:j + 2], y[j:j + 2], ls=ls, lw=0.9, color=LIMIT_GREY, label="_segment")
            _log_axes(ax_)
            ax_.set_ylim(1e-40, 1e12)
            ax_.set_xlim(lam_um[0], lam_um[-1])
            ax_.set_xlabel(r"$\lambda$ ($\mu$m)")
            _panel_label(ax_, f"{pa}$-${pb}", "upper right")
        axes[0].set_ylabel(r"$|\alpha_{\rm eff}(\lambda)|$")
        handles = [Line2D([], [], color="k", ls="-", lw=1.6, label=r"$2\nu$ Dirac"),
                   Line2D([], [], color="k", ls="--", lw=1.0, label=r"$2\nu$ Majorana"),
                   Line2D([], [], color=MASS_COLOURS["0"], lw=1.3, label=r"$m_{\min}=0$"),
                   Line2D([], [], color=MASS_COLOURS["0.1"], lw=1.3, label=r"$m_{\min}=0.1$ eV")]
        axes[-1].legend(handles=handles, loc="center right", bbox_to_anchor=(1.0, 0.55))
        h, _ = axes[0].get_legend_handles_labels()
        if any("level" in c.origin for c in lims.values()):
            h.append(Line2D([], [], color=LIMIT_GREY, ls=CHOICE_STYLE, lw=0.9,
                            label="dotted: extent our choice (see data README)"))
        fig.legend(handles=h, loc="outside lower center", ncol=2)
    return fig


# ----------------------------------------------------------------------------- WEP
def wep_data(distance_m: Any = None, *, pairs: Sequence[tuple[str, str]] = WEP_PAIRS, source: str = WEP_SOURCE,
             preset: str = "segarra2020") -> dict[str, Any]:
    """eta(distance) of the 2-nu force alone for every pair and case (:func:`nusym.wep.eotvos`).

    ``distance_m`` defaults to 31 points from 1 um to 1 mm. Returns ``{"distance_m",
    "pairs", "source", "curves": {(a, b, nature, lightest): eta}, "how"}``.
    """
    dist = np.geomspace(1e-6, 1e-3, 31) if distance_m is None else np.asarray(distance_m, dtype=float)
    curves = {}
    for a, b in pairs:
        for nature, lightest in _EXTRA_CASES:
            res = eotvos(a, b, source, dist, nature=nature, lightest=float(lightest), preset=preset)
            curves[(a, b, nature, lightest)] = res.eta
    return {"distance_m": dist, "pairs": tuple(tuple(p) for p in pairs), "source": source, "curves": curves,
            "how": "nusym.wep.eotvos (source sphere of radius 1 cm)"}


#: colours of up to four pairs in :func:`wep` (Okabe-Ito, distinct under deuteranopia)
_PAIR_COLOURS = (OKABE_ITO["black"], OKABE_ITO["blue"], OKABE_ITO["vermillion"], OKABE_ITO["bluish_green"],
                 OKABE_ITO["reddish_purple"], OKABE_ITO["orange"])


def wep(data: dict[str, Any] | None = None, *, width: Any = "double", ax: Any = None,
        preset: str = "segarra2020") -> Any:
    """``|eta|`` of the 2-nu force alone against distance, one panel per lightest mass (0, 0.1 eV).

    The Eotvos parameter of the force of Eq. (1) of Segarra & Bernabeu 2020
    (:func:`nusym.wep.eotvos`).

    Colour = test-body pair, line style = nature (Dirac solid, Majorana dashed).

    Parameters
    ----------
    data : dict, optional
        As returned by :func:`wep_data` (default: ``wep_data(preset=preset)``).
    width : {"single", "double"} or float, optional
        Figure width: one column (3.4 in), two columns (7.0 in) or inches (1..20).
    ax : sequence of 2 matplotlib.axes.Axes, optional
        Draw into these Axes instead of a new figure.
    preset : str, optional
        Oscillation preset of the default data.

    Returns
    -------
    matplotlib.figure.Figure
        The figure (``ax.figure`` when ``ax`` is given), in the style :data:`STYLE`.

    Raises
    ------
    nusym.errors.InvalidOptionError
        A width that is not "single", "double" or 1..20 inches, or ``ax`` of the
        wrong kind, or more pairs than colours.
    nusym.errors.NusymError
        matplotlib is not installed (the ``nusym[plot]`` extra).

    Examples
    --------
    >>> fig = wep(wep_data([1e-6, 1e-5]))
    >>> len(fig.axes), float(fig.get_size_inches()[0])
    (2, 7.0)
    """
    from matplotlib.lines import Line2D

    d = wep_data(preset=preset) if data is None else data
    dist_um = np.asarray(d["distance_m"], dtype=float) * 1e6
    pairs = d["pairs"]
    if len(pairs) > len(_PAIR_COLOURS):
        raise InvalidOptionError(f"wep draws at most {len(_PAIR_COLOURS)} pairs, got {len(pairs)}")
    with style():
        fig, axes = _axes(ax, 2, lambda: _subplots(width, 0.42, 1, 2, sharey=True))
        for ax_, lightest in zip(axes, ("0", "0.1"), strict=True):
            for i, (pa, pb) in enumerate(pairs):
                for nature in ("dirac", "majorana"):
                    y = np.abs(np.asarray(d["curves"][(pa, pb, nature, lightest)], dtype=float))
                    ax_.plot(dist_um, np.where(y > 0, y, np.nan), color=_PAIR_COLOURS[i], ls=NATURE_STYLES[nature],
                             lw=1.4 if nature == "dirac" else 0.9, label=f"_{pa}-{pb}, {nature}")
            _log_axes(ax_)
            ax_.set_ylim(1e-60, None)
            ax_.set_xlim(dist_um[0], dist_um[-1])
            ax_.set_xlabel(r"distance ($\mu$m)")
            _panel_label(ax_, r"$m_{\min}=0$" if lightest == "0" else r"$m_{\min}=0.1$ eV", "upper right")
        axes[0].set_ylabel(rf"$|\eta|$, $2\nu$ force towards {d['source']}")
        handles = [Line2D([], [], color=_PAIR_COLOURS[i], lw=1.3, label=f"{pa}$-${pb}")
                   for i, (pa, pb) in enumerate(pairs)]
        handles += [Line2D([], [], color="k", ls="-", lw=1.4, label="Dirac"),
                    Line2D([], [], color="k", ls="--", lw=0.9, label="Majorana")]
        fig.legend(handles=handles, loc="outside lower center", ncol=len(handles))
    return fig


# ----------------------------------------------------------------------------- force budget
def budget_data(points: int = 31) -> dict[str, Any]:
    """The force budget of :data:`nusym.budgets.REFERENCE` (Au sphere R = 100 um above a 1 mm Au
    plate, 300 K) for gaps 0.1 um .. 100 um: :func:`nusym.budgets.reference_budget`.

    Returns ``{"gap_m", "columns": {name: force in N (positive = repulsive)}, "dirac",
    "majorana", "summary"}``.
    """
    return reference_budget(points)


_BUDGET_STYLES = {
    "two_neutrino_dirac_N": (OKABE_ITO["blue"], "-", r"$2\nu$, Dirac"),
    "two_neutrino_majorana_N": (OKABE_ITO["blue"], "--", r"$2\nu$, Majorana"),
    "gravity_N": (OKABE_ITO["black"], "-", "Newtonian gravity"),
    "casimir_plasma_300K_N": (OKABE_ITO["vermillion"], "-", "Casimir, plasma Au"),
    "casimir_drude_300K_N": (OKABE_ITO["vermillion"], "--", "Casimir, Drude Au"),
}


def budget(data: dict[str, Any] | None = None, *, width: Any = "single", ax: Any = None,
           points: int = 31) -> Any:
    """``|F|`` against the gap for the reference geometry of :func:`budget_data`.

    The 2-nu force is -dV/dr of Eq. (1) of Segarra & Bernabeu 2020 integrated over the
    bodies (:func:`nusym.budgets.budget`).

    The 2-nu force (blue; Dirac solid, Majorana dashed), Newtonian gravity (black) and
    the Casimir force at 300 K (vermillion; plasma solid, Drude dashed).

    Parameters
    ----------
    data : dict, optional
        As returned by :func:`budget_data` (default: ``budget_data(points)``).
    width : {"single", "double"} or float, optional
        Figure width: one column (3.4 in), two columns (7.0 in) or inches (1..20).
    ax : matplotlib.axes.Axes, optional
        Draw into this Axes instead of a new figure.
    points : int, optional
        Gaps of the default data.

    Returns
    -------
    matplotlib.figure.Figure
        The figure (``ax.figure`` when ``ax`` is given), in the style :data:`STYLE`.

    Raises
    ------
    nusym.errors.InvalidOptionError
        A width that is not "single", "double" or 1..20 inches, or ``ax`` of the
        wrong kind.
    nusym.errors.NusymError
        matplotlib is not installed (the ``nusym[plot]`` extra).

    Examples
    --------
    >>> fig = budget(budget_data(5))
    >>> [line.get_label() for line in fig.axes[0].lines][2:]
    ['Newtonian gravity', 'Casimir, plasma Au', 'Casimir, Drude Au']
    """
    d = budget_data(points) if data is None else data
    gap_um = np.asarray(d["gap_m"], dtype=float) * 1e6
    with style():
        fig, (ax_,) = _axes(ax, 1, lambda: _subplots(width, 0.95))
        for key, values in d["columns"].items():
            colour, ls, label = _BUDGET_STYLES.get(key, ("0.5", ":", key))
            y = np.abs(np.asarray(values, dtype=float))
            ax_.plot(gap_um, np.where(y > 0, y, np.nan), color=colour, ls=ls, label=label)
        _log_axes(ax_)
        ax_.set_xlim(gap_um[0], gap_um[-1])
        ax_.set_xlabel(r"gap ($\mu$m)")
        ax_.set_ylabel(r"$|F|$ (N)")
        ax_.text(0.03, 0.55, "Au sphere $R=100\\,\\mu$m\nabove an Au plate, 300 K", transform=ax_.transAxes,
                 ha="left", va="center", fontsize=8)
        fig.legend(loc="outside lower center", ncol=2)
    return fig

