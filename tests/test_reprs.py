"""Rich Jupyter display (``_repr_html_``) of result objects, and the table helpers of nusym.reprs."""

from __future__ import annotations

import html.parser
import math

import mpmath
import numpy as np
import pytest

import nusym
from nusym.casimir import casimir_force
from nusym.materials import charges_per, material
from nusym.recast import recast
from nusym.reprs import html_columns, html_number, html_table


class _Cells(html.parser.HTMLParser):
    """The text of every cell, row by row, and the caption of one table."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.caption = ""
        self.tables = 0
        self._where: str | None = None
        self._style = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "style":
            self._style = True
        elif tag == "table":
            self.tables += 1
            assert ("class", "nusym") in attrs
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th", "caption"):
            self._where = tag
            if tag != "caption":
                self.rows[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._style = False
        if tag in ("td", "th", "caption"):
            self._where = None

    def handle_data(self, data: str) -> None:
        if self._where == "caption":
            self.caption += data
        elif self._where is not None:
            self.rows[-1][-1] += data


def parse(text: str) -> _Cells:
    p = _Cells()
    p.feed(text)
    p.close()
    return p


def column(p: _Cells, title: str) -> list[str]:
    k = p.rows[0].index(title)
    return [row[k] for row in p.rows[1:]]


# ----------------------------------------------------------------------------- helpers
def test_html_number_formats_and_escapes():
    assert html_number(2.0 / 3.0, 3) == "0.667"
    assert html_number(np.float64(-0.0)) == "0"
    assert html_number(np.int64(7)) == "7"
    assert html_number(mpmath.mpf(1) / 7, 5) == "0.14286"
    assert html_number(True) == "True"
    assert html_number("<b>&") == "&lt;b&gt;&amp;"
    assert html_number(None) == "—"


def test_html_table_escapes_caption_and_header():
    p = parse(html_table([[1, "x<y"]], header=["a&b", "c"], caption="1 < 2"))
    assert p.caption == "1 < 2" and p.rows == [["a&b", "c"], ["1", "x<y"]]


def test_html_columns_broadcasts_scalars_and_elides_the_middle():
    p = parse(html_columns({"i": np.arange(30), "unit": "m"}, max_rows=6))
    body = p.rows[1:]
    assert [r[0] for r in body] == ["0", "1", "2", "…", "27", "28", "29"]
    assert {r[1] for r in body} == {"m", "…"}
    p = parse(html_columns({"x": 1.5}))
    assert p.rows == [["x"], ["1.5"]]


# ----------------------------------------------------------------------------- result objects
def test_budget_repr_lists_every_gap_and_force():
    b = nusym.budget("Au", "Au", geometry="sphere-plane", gap=["1um", "10um", "100um"], radius1="100um",
                     thickness="1mm")
    p = parse(b._repr_html_())
    assert p.tables == 1 and "Au" in p.caption and b.model.summary() in p.caption
    assert [float(g) for g in column(p, "gap (m)")] == [1e-6, 1e-5, 1e-4]
    # the cells are the budget's numbers to 6 digits; gravity is the closed form -2 pi G rho T M1
    grav = [float(x) for x in column(p, "gravity (N)")]
    g, rho = 6.6743e-11, 19300.0
    expected = -2 * math.pi * g * rho * 1e-3 * (4 * math.pi / 3 * (1e-4) ** 3 * rho)
    assert grav == pytest.approx([expected] * 3, rel=1e-4)
    ratio = [float(x) for x in column(p, "two_neutrino/gravity")]
    two_nu = [float(x) for x in column(p, "two_neutrino (N)")]
    assert ratio == pytest.approx([f / gr for f, gr in zip(two_nu, grav, strict=True)], rel=1e-5)


def test_budget_repr_plates_per_area_without_casimir():
    b = nusym.budget("W", "W", geometry="plane-plane", gap="1um", thickness="1mm", casimir=None)
    p = parse(b._repr_html_())
    assert "gravity (N/m^2)" in p.rows[0] and not any("casimir" in h for h in p.rows[0])


def test_uncertainty_repr_shows_band_and_budget():
    res = nusym.uncertainty(["1um", "10um"], "Fe-56", "Fe-56", lightest="0.1")
    text = res._repr_html_()
    values, budget = text.split("</div>\n", 1)
    p = parse(values + "</div>")
    assert parse(text).tables == 2
    plus = [float(x) for x in column(p, "+sigma/|V|")]
    assert plus == pytest.approx([float(x) for x in res.relative()[0]], rel=1e-5)
    b = parse(budget)
    names = [row[0] for row in b.rows[1:]]
    assert names == list(res.budget)
    enters = dict(zip(names, column(b, "enters"), strict=True))
    assert enters["sin2_th23"] == "no" and enters["dm3l_sq"] == "yes"


def test_phase_range_repr():
    r = nusym.phase_range("10um", "Fe-56", "Fe-56", lightest="0.1")
    p = parse(r._repr_html_())
    lo, hi = float(column(p, "V min (eV)")[0]), float(column(p, "V max (eV)")[0])
    assert hi / lo == pytest.approx(3.999, abs=1e-3)
    assert column(p, "alpha21 at max (deg)") == ["180"]


def test_geometry_wep_casimir_reprs_have_units():
    sp = parse(nusym.sphere_plane(["1um", "2um"], "Au", "Si", radius="50um")._repr_html_())
    assert sp.rows[0] == ["E (eV)", "E (J)", "F (N)"] and len(sp.rows) == 3
    pp = parse(nusym.plane_plane("1um", "Au", "Au")._repr_html_())
    assert pp.rows[0] == ["E (eV/m^2)", "E (J/m^2)", "P (N/m^2)"]
    w = nusym.eotvos("Be", "Ti", "W", "10um")
    wp = parse(w._repr_html_())
    assert float(column(wp, "eta")[0]) == pytest.approx(w.eta, rel=1e-5)
    c = parse(casimir_force("plane-plane", "1um", "Au", "Au")._repr_html_())
    # ideal conductors, P = -pi^2 hbar c / (240 d^4) = -1.3e-3 N/m^2 at 1 um
    assert float(column(c, "P (N/m^2)")[0]) == pytest.approx(-1.300e-3, rel=1e-3)


def test_material_and_charges_reprs():
    p = parse(material("SiO2")._repr_html_())
    assert [row[0] for row in p.rows[1:]] == ["Si-28", "Si-29", "Si-30", "O-16", "O-17", "O-18"]
    assert "no density" in p.caption and "Z = 10" in p.caption
    c = parse(charges_per("Fe-56", dps=15)._repr_html_())
    # Eq. (7): Q^e = 2Z - N = 22, Q^mu = Q^tau = -N = -30 for Fe-56
    assert "Q^e = 22.0" in c.caption and "Q^mu = -30.0" in c.caption
    assert c.rows[0] == ["", "j=1", "j=2", "j=3"] and len(c.rows) == 4


def test_limit_and_recast_reprs():
    curve = nusym.yukawa_limits("eotwash2020")
    p = parse(curve._repr_html_())
    assert len(p.rows) - 1 == len(curve.lambda_m) and "Eot-Wash" in p.caption
    res = recast(("Fe", "Fe"))
    one = next(iter(res.values())) if isinstance(res, dict) else res
    q = parse(one._repr_html_())
    assert q.rows[0][0] == "margin" and float(q.rows[0][1]) == pytest.approx(one.margin, rel=1e-5)


def test_model_html_repr_shows_masses_and_moduli():
    m = nusym.Model(nature="majorana", masses=["0.01", "0.05"],
                    mixing=[["0.6", "0.8j"], [0, "0.6"], ["0.8j", 0]])
    p = parse(m._repr_html_())
    assert p.rows[0] == ["i", "m_i (eV)", "|U_ei|", "|U_mui|", "|U_taui|"]
    assert p.rows[1] == ["1", "0.01", "0.6", "0.0", "0.8"]
    assert p.rows[2] == ["2", "0.05", "0.8", "0.6", "0.0"]
    assert "majorana" in p.caption and "V-A" in p.caption
    scalar = nusym.Model(masses=[0.1], mixing=[[1], [0], [0]], current="S=1", scalar_couplings={"n": 1})
    assert "S=1, P=0" in parse(scalar._repr_html_()).caption


def test_model_html_repr_of_a_preset():
    # Table I, normal ordering, lightest 0: m2 = sqrt(dm21^2), m3 = sqrt(dm31^2) of the preset's data
    # (7.5e-5 and 2.5e-3 eV^2); the e row of a unitary U has sum |U_ei|^2 = 1
    p = parse(nusym.Model.from_preset()._repr_html_())
    masses = [float(row[1]) for row in p.rows[1:]]
    assert masses == pytest.approx([0.0, math.sqrt(7.5e-5), math.sqrt(2.5e-3)], rel=1e-5, abs=1e-12)
    assert sum(float(row[2]) ** 2 for row in p.rows[1:]) == pytest.approx(1, rel=1e-5)
    assert "dirac" in p.caption and "segarra2020" in p.caption


def test_absorptive_term_latex_is_the_paper_notation():
    pytest.importorskip("sympy")
    from nusym.symbolic.absorptive import absorptive_terms

    (dirac,) = absorptive_terms("dirac")
    text = dirac._repr_latex_()
    assert text.startswith("$") and text.endswith("$") and text.count("$") == 2
    assert r"\sqrt" in text and "m_{i}" in text and r"\overline{m}^{2}_{ij}" in text
    assert r"\Delta m^{2}_{ij}" in text and "G_{F}^{2}" in text
    # Eq. (6): X = mbar^2 (Dirac) but mbar^2 + 3 m_i m_j (Majorana axial term)
    assert "3 m_{i} m_{j}" not in text
    axial = next(term for term in absorptive_terms("majorana") if term.weight == "axial")
    assert r"- \frac{3 m_{i} m_{j}}{t}" in axial._repr_latex_()


def test_asymptotic_series_latex():
    pytest.importorskip("sympy")
    from nusym.symbolic.absorptive import absorptive_terms
    from nusym.symbolic.asymptotic import long_distance_series, short_distance_series

    (dirac,) = absorptive_terms("dirac")
    long = long_distance_series(dirac.kernel, 0)._repr_latex_()
    # leading Watson term of a pair with both masses positive: exp(-(m_i + m_j) r) r^(-3/2)
    assert long.startswith(r"$T(r) \simeq") and "e^{" in long and r"r^{\frac{3}{2}}" in long
    # massless pair: T = 12/r^4 exactly (Eq. 8), both series
    assert long_distance_series(dirac.kernel, 3, 0, 0)._repr_latex_() == r"$T(r) = \frac{12}{r^{4}}$"
    assert short_distance_series(dirac.kernel, 0)._repr_latex_() == r"$T(r) \simeq \frac{12}{r^{4}}$"
