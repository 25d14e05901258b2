"""nusym.plot: journal figures (issue 16, "Figures").

Checked on every public figure function: the Figure has the requested width (3.4 in /
7.0 in), its PDF embeds no Type 3 font (also when saved with the figure's own
``savefig``), all text is 8-9 pt, there is no title, the distinct colours stay apart
under a simulated deuteranopia and protanopia (Machado, Oliveira & Fernandes 2009,
severity 1, in linear RGB, distances in CIELAB), no pyplot figure or rcParams change is
left behind; Fig. 2 is drawn against Z with the charges of the paper (typed here);
the valley of stability by bisection equals an independent mpmath.findroot solution.
"""

from __future__ import annotations

import itertools
import re
import sys

import mpmath
import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")

from matplotlib.collections import PolyCollection  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402

import nusym.plot as P  # noqa: E402
from nusym.errors import InvalidOptionError, NusymError  # noqa: E402
from nusym.fifth_force import yukawa_limits  # noqa: E402

#: Machado et al. 2009, severity 1.0 (linear RGB)
DEUTERANOPIA = np.array([[0.367322, 0.860646, -0.227968],
                         [0.280085, 0.672501, 0.047413],
                         [-0.011820, 0.042940, 0.968881]])
PROTANOPIA = np.array([[0.152286, 1.052583, -0.204868],
                       [0.114503, 0.786281, 0.099216],
                       [-0.003882, -0.048116, 1.051998]])
#: minimum CIELAB distance between two distinct colours of one figure
MIN_DELTA_E = 20.0


def _lab(rgb, matrix=None):
    c = np.asarray(rgb, dtype=float)
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    if matrix is not None:
        lin = np.clip(matrix @ lin, 0, 1)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ lin
    t = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _min_distance(colours, matrix):
    labs = [_lab(c, matrix) for c in colours]
    return min(float(np.linalg.norm(a - b)) for a, b in itertools.combinations(labs, 2))


@pytest.fixture(scope="module")
def figures():
    """Every public figure on small grids (data computed by nusym), default widths."""
    figs = {
        "fig2": P.fig2(),
        "fig3": P.fig3(P.fig3_data(np.geomspace(1e-6, 1e-5, 6))),
        "fig3_bands": P.fig3_bands(P.fig3_bands_data(np.geomspace(1e-6, 1e-5, 3))),
        "alpha_lambda": P.alpha_lambda(P.alpha_data(np.geomspace(1e-6, 1e-3, 5))),
        "wep": P.wep(P.wep_data(np.geomspace(1e-6, 1e-3, 5))),
        "budget": P.budget(P.budget_data(5)),
    }
    return figs


DEFAULT_WIDTH = {"fig2": 3.4, "fig3": 3.4, "fig3_bands": 3.4, "alpha_lambda": 7.0, "wep": 7.0, "budget": 3.4}


def _colours(fig):
    """The distinct colours (RGB, rounded) of the drawn curves, markers and bands."""
    out = set()
    for ax in fig.axes:
        for line in ax.get_lines():
            if len(line.get_xdata()) > 1 or line.get_marker() not in (None, "None", "none", ""):
                out.add(tuple(round(v, 3) for v in to_rgb(line.get_color())))
        for coll in ax.collections:
            if isinstance(coll, PolyCollection) and len(coll.get_facecolor()):
                out.add(tuple(round(v, 3) for v in coll.get_facecolor()[0][:3]))
    return sorted(out)


def test_each_figure_is_a_figure_of_the_journal_width(figures):
    for name, fig in figures.items():
        assert isinstance(fig, Figure), name
        assert fig.get_size_inches()[0] == pytest.approx(DEFAULT_WIDTH[name], abs=1e-9), name


def test_width_single_double_inches(figures):
    data = {"Z": [1, 26, 92]}
    assert P.fig2(**data, width="double").get_size_inches()[0] == pytest.approx(7.0)
    assert P.fig2(**data, width="single").get_size_inches()[0] == pytest.approx(3.4)
    assert P.fig2(**data, width=5).get_size_inches()[0] == pytest.approx(5.0)
    budget = P.budget_data(3)
    assert P.budget(budget, width="double").get_size_inches()[0] == pytest.approx(7.0)
    for bad in ("wide", 0.5, 100, None, True):
        with pytest.raises(InvalidOptionError, match="figure width must be 'single'"):
            P.fig2(**data, width=bad)


def _type3_free(path):
    pdf = path.read_bytes()
    return b"/Subtype /Type3" not in pdf and re.search(rb"/Subtype /(TrueType|CIDFontType2)", pdf)


def test_pdf_has_no_type3_fonts(figures, tmp_path):
    """Through the figure's own savefig (outside any style context) and through save (every
    figure: the slow test below)."""
    fig = P.fig2(Z=[1, 26, 92])
    fig.savefig(tmp_path / "own.pdf")
    assert _type3_free(tmp_path / "own.pdf")
    P.save(fig, tmp_path / "save.pdf")
    assert _type3_free(tmp_path / "save.pdf")
    # save gives reproducible bytes (no creation date)
    P.save(fig, tmp_path / "again.pdf")
    assert (tmp_path / "save.pdf").read_bytes() == (tmp_path / "again.pdf").read_bytes()
    # the check can fail: a plain matplotlib figure saved with Type 3 fonts
    plain = Figure(figsize=(1, 1))
    plain.text(0.5, 0.5, "Type 3")
    with matplotlib.rc_context({"pdf.fonttype": 3}):
        plain.savefig(tmp_path / "plain.pdf")
    assert b"/Subtype /Type3" in (tmp_path / "plain.pdf").read_bytes()


@pytest.mark.slow
def test_pdf_has_no_type3_fonts_every_figure(figures, tmp_path):
    for name, fig in figures.items():
        P.save(fig, tmp_path / f"{name}.pdf")
        assert _type3_free(tmp_path / f"{name}.pdf"), name


@pytest.mark.parametrize("name", list(DEFAULT_WIDTH))
def test_all_text_8_to_9_pt(figures, name):
    fig = figures[name]
    fig.draw_without_rendering()           # lays out the tick labels (outside the style context)
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    assert len(texts) > 5
    for t in texts:
        assert 8.0 <= t.get_fontsize() <= 9.0, (t.get_text(), t.get_fontsize())
    legends = [leg for ax in fig.axes for leg in [ax.get_legend()] if leg] + list(fig.legends)
    assert legends
    for leg in legends:
        for t in leg.get_texts():
            assert 8.0 <= t.get_fontsize() <= 9.0, t.get_text()


def test_no_titles(figures):
    for name, fig in figures.items():
        assert fig._suptitle is None or not fig._suptitle.get_text(), name
        for ax in fig.axes:
            for loc in ("left", "center", "right"):
                assert ax.get_title(loc=loc) == "", (name, loc)
        assert not [t for t in fig.findobj(Text) if "nusym." in t.get_text()], name


def test_palette_colour_blind_safe(figures):
    for name, fig in figures.items():
        colours = _colours(fig)
        assert len(colours) >= 2, name
        for matrix in (None, DEUTERANOPIA, PROTANOPIA):
            assert _min_distance(colours, matrix) > MIN_DELTA_E, (name, colours)
    # the check can fail: matplotlib's default green and red (the old Fig. 3 ratio panel)
    # become one olive under deuteranopia
    assert _min_distance([to_rgb("C2"), to_rgb("C3")], DEUTERANOPIA) < MIN_DELTA_E


def test_line_styles_carry_meaning(figures):
    """Dirac solid, Majorana dashed, in Fig. 3 and in the alpha(lambda) figure."""
    top = figures["fig3"].axes[0]
    styles = {line.get_linestyle() for line in top.get_lines() if line.get_label().startswith("_dirac")}
    assert styles == {"-"}
    styles = {line.get_linestyle() for line in top.get_lines() if line.get_label().startswith("_majorana")}
    assert styles == {"--"}
    labels = [t.get_text() for t in figures["fig3"].axes[0].get_legend().get_texts()]
    assert "Dirac" in labels and "Majorana" in labels


def test_fig2_against_Z_with_the_paper_charges(figures):
    ax = figures["fig2"].axes[0]
    z = np.arange(1, 93, dtype=float)
    n = np.array([P.valley_of_stability(int(v))[1] for v in z], dtype=float)
    by_label = {line.get_label(): line for line in ax.get_lines()}
    for line in by_label.values():
        assert np.array_equal(line.get_xdata(), z)
    assert np.array_equal(by_label[r"$Z+N$ (gravity)"].get_ydata(), z + n)
    assert np.array_equal(by_label[r"$Q_W^{e} = 2Z-N$"].get_ydata(), 2 * z - n)        # Eq. (7)
    assert np.array_equal(by_label[r"$-Q_W^{\mu,\tau} = N$"].get_ydata(), n)
    assert ax.get_xlabel() == "$Z$"


def test_valley_of_stability_equals_findroot():
    """Bisection (nusym.plot) against mpmath.findroot (anderson) on the same relation, every Z."""
    a, b, _ = P.valley_relation()
    for z in range(1, 93):
        root = mpmath.findroot(lambda x, z=z: x / (a + b * mpmath.cbrt(x) ** 2) - z, (0.5, 10.0 * z + 10.0),
                               solver="anderson")
        assert P.valley_of_stability(z) == (z, int(mpmath.nint(root)) - z)
    assert P.valley_of_stability(26) == (26, 31) and P.valley_of_stability(92) == (92, 145)


def test_fig3_gravity_kept_out_of_the_neutrino_panel(figures):
    top, mid, _ = figures["fig3"].axes
    lo, hi = top.get_ylim()
    assert np.log10(hi / lo) < 15             # the |V| panel keeps its dynamic range
    # the middle panel is V / |V_grav| with gravity by nusym.gravity_potential
    data = P.fig3_data(np.geomspace(1e-6, 1e-5, 6))
    line = next(ln for ln in mid.get_lines() if ln.get_label() == "_dirac, m_min = 0 eV, normal")
    expected = data["curves"][("dirac", "0", "normal")] / np.abs(data["gravity"])
    assert np.allclose(line.get_ydata(), expected, rtol=1e-12, atol=0)
    assert mid.get_ylabel() == r"$V/|V_{\rm grav}|$"


def test_alpha_limits_of_our_choice_dotted_with_caveat(figures):
    fig = figures["alpha_lambda"]
    ax = fig.axes[0]
    chosen = [c for c in yukawa_limits().values() if "level" in c.origin]
    assert chosen
    for c in chosen:
        x = np.asarray(c.lambda_m) * 1e6
        segs = [ln for ln in ax.get_lines() if ln.get_label() == "_segment"
                and np.allclose(ln.get_xdata(), x[:2])]
        assert segs and all(ln.get_linestyle() == ":" for ln in segs)
    solid = [ln for ln in ax.get_lines() if ln.get_label() == "_segment" and ln.get_linestyle() == "-"]
    assert solid                               # published curves stay solid
    labels = [t.get_text() for leg in fig.legends for t in leg.get_texts()]
    assert any("our choice" in t for t in labels)


def test_no_pyplot_state_and_rcparams_untouched(figures):
    before = dict(matplotlib.rcParams)
    P.budget(P.budget_data(3))
    after = dict(matplotlib.rcParams)
    assert {k for k in before if before[k] != after[k]} == set()
    assert matplotlib.rcParams["pdf.fonttype"] == before["pdf.fonttype"]
    if "matplotlib.pyplot" in sys.modules:
        assert sys.modules["matplotlib.pyplot"].get_fignums() == []


def test_ax_argument_draws_into_given_axes():
    fig = Figure(figsize=(4, 3))
    ax = fig.add_subplot()
    assert P.budget(P.budget_data(3), ax=ax) is fig
    assert len(ax.get_lines()) == 5
    with pytest.raises(InvalidOptionError, match="sequence of 3 Axes"):
        P.fig3(P.fig3_data(np.geomspace(1e-6, 1e-5, 3)), ax=ax)


def test_save_checks_the_format(tmp_path):
    with pytest.raises(InvalidOptionError, match="unknown figure format 'gif'"):
        P.save(Figure(), tmp_path / "a.gif")
    assert not (tmp_path / "a.gif").exists()


def test_missing_matplotlib_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(NusymError, match=r"nusym\[plot\]"):
        with P.style():
            pass
    with pytest.raises(NusymError, match=r"pip install 'nusym\[plot\]'"):
        P.require_matplotlib()


def test_reproduce_without_matplotlib_fails_before_any_work(monkeypatch, tmp_path):
    from nusym.reproduce import reproduce

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    out = tmp_path / "out"
    with pytest.raises(NusymError, match=r"nusym\[plot\]"):
        reproduce(str(out), quick=True)
    assert not out.exists()
