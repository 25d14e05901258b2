"""The figures beyond the paper in `nusym reproduce` (issue 8): alpha(lambda) and the Eotvos parameter."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest
from quadrature import sphere_pull_direct  # noqa: E402  (tests/quadrature.py)

from nusym import reproduce as R
from nusym.fifth_force import alpha_eff, yukawa_limits


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    out = tmp_path_factory.mktemp("extra")
    settings = R.ReproduceSettings(quick=True)
    alpha = R._fig_alpha(str(out / "a.png"), str(out / "a.pdf"), str(out / "a.csv"), settings)
    wep = R._fig_wep(str(out / "w.png"), str(out / "w.pdf"), str(out / "w.csv"), settings)
    return out, settings, alpha, wep


def test_files_written(figures):
    out, _, _, _ = figures
    for stem in ("a", "w"):
        assert (out / f"{stem}.png").read_bytes()[:4] == b"\x89PNG"
        assert (out / f"{stem}.pdf").read_bytes()[:4] == b"%PDF"
    assert not [p for p in out.iterdir() if p.name.startswith(".nusym-")]
    for name in ("extra_alpha_lambda.png", "extra_alpha_lambda.pdf", "extra_alpha_lambda.csv",
                 "extra_wep_eta.png", "extra_wep_eta.pdf", "extra_wep_eta.csv"):
        assert name in R.OUTPUT_FILES
    assert R.OUTPUT_FILES[-1] == "report.md"


def test_alpha_csv_against_verified_route(figures):
    out, settings, summary, _ = figures
    rows = list(csv.DictReader(io.StringIO((out / "a.csv").read_text())))
    assert len(rows) == len(R.ALPHA_PAIRS) * 4 * settings.extra_points
    groups = {}
    for row in rows:
        key = (row["body_a"], row["body_b"], row["nature"], row["lightest_eV"])
        groups.setdefault(key, []).append((float(row["lambda_m"]), float(row["alpha_eff"])))
    assert len(groups) == len(R.ALPHA_PAIRS) * 4
    for (a, b, nature, lightest), pts in groups.items():
        lam = np.array([p[0] for p in pts])
        assert lam[0] == pytest.approx(1e-6, rel=1e-12, abs=0) and lam[-1] == pytest.approx(1e-3, rel=1e-12, abs=0)
        # an independent call at a few of the plotted points (the mpmath route at 10 digits)
        for i in (0, len(lam) // 3):
            ref = alpha_eff(float(lam[i]), a, b, nature=nature, lightest=lightest, dps=10)
            assert pts[i][1] == pytest.approx(float(ref), rel=1e-9, abs=0)
    assert summary["fast_vs_verified"] < 1e-10
    # the figure's claim: >15 decades below the envelope of published limits
    assert min(summary["gap_decades"].values()) > 15
    env = yukawa_limits("isl_envelope")
    a, b, nature, lightest = next(iter(groups))
    lam = np.array([p[0] for p in groups[(a, b, nature, lightest)]])
    y = np.abs([p[1] for p in groups[(a, b, nature, lightest)]])
    assert np.all(np.log10(env.alpha_at(lam)) - np.log10(y) > 15)


def test_eta_csv_against_direct_volume_integration(figures):
    """The CSV's eta against an independent computation: the atom-atom force (Eq. 1, double precision)
    integrated over the 1 cm tungsten ball (tests/quadrature.py), not the Yukawa form factors of nusym.wep."""
    import math

    import nusym
    from nusym.constants import constant_float
    from nusym.geometry import number_density
    from nusym.sources import parse_source

    out, settings, _, summary = figures
    rows = list(csv.DictReader(io.StringIO((out / "w.csv").read_text())))
    assert len(rows) == len(R.WEP_PAIRS) * 4 * settings.extra_points
    assert {r["method"] for r in rows} == {summary["how"]}
    assert {r["source"] for r in rows} == {"W"}
    radius, rho_w = 1e-2, 19300.0                                    # the figure's source: 1 cm of W
    n_w = number_density("W")
    for nature, lightest, index in (("dirac", "0", 0), ("majorana", "0.1", settings.extra_points // 3)):
        row = [r for r in rows if r["nature"] == nature and r["lightest_eV"] == lightest][index]
        a, b, d = row["body_a"], row["body_b"], float(row["distance_m"])
        accel = {}
        for body in (a, b):
            def force(s, body=body, nature=nature, lightest=lightest):
                return nusym.force(s, body, "W", nature=nature, lightest=float(lightest), dps=None)
            accel[body] = -sphere_pull_direct(force, n_w, d, radius) / float(parse_source(body).mass_kg())
        g = constant_float("G_N") * rho_w * 4 * math.pi / 3 * radius**3 / (radius + d) ** 2
        eta = 2 * (accel[a] - accel[b]) / ((g + accel[a]) + (g + accel[b]))
        assert float(row["eta"]) == pytest.approx(eta, rel=1e-9, abs=0), row


def test_report_section(figures):
    _, _, alpha, wep = figures
    text = "\n".join(R.extra_report_lines({"extra_alpha": alpha, "extra_wep": wep}))
    assert "## Beyond the paper" in text and "not in the paper" in text
    assert "extra_alpha_lambda.png" in text and "extra_wep_eta.png" in text
    assert R.extra_report_lines({}) == []
