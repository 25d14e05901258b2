"""Fig. 2 of Segarra & Bernabeu, PRD 101, 093004 (2020): weak flavour charges along the valley.

Printed: Q^e = 2Z - N and Q^{mu,tau} = -N per atom for the elements along the valley
of stability (a semi-empirical Z-N relation), plotted against Z with the gravitational
coupling Z + N (the caption: e circles, mu/tau squares "beware a minus sign", Z + N diamonds).

Route: the figure written by ``nusym reproduce`` (``nusym.reproduce._fig2``, charges
from the derived ``flavour_charges`` and the valley relation
Z = A/(1.98 + 0.0155 A^(2/3)) of ``nusym/data/models.toml``) is compared with the
same curve computed here: A solved by bisection from the relation typed in the test,
rounded, and Q^e = 2Z - N, Q^mu = -N typed from the paper.
"""

from __future__ import annotations

import numpy as np

from nusym.reproduce import _fig2, valley_of_stability

A_COEFF, B_COEFF = 1.98, 0.0155


def _valley(Z):
    """(Z, N) with A from Z = A/(1.98 + 0.0155 A^(2/3)) by bisection, A rounded."""
    lo, hi = 0.5, 10.0 * Z + 10.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if mid / (A_COEFF + B_COEFF * mid ** (2 / 3)) < Z:
            lo = mid
        else:
            hi = mid
    return Z, int(round(0.5 * (lo + hi))) - Z


def test_fig2_valley_of_stability_relation():
    assert valley_of_stability(1) == (1, 1)
    assert valley_of_stability(26) == (26, 31)
    Z, N = valley_of_stability(92)
    assert Z == 92 and 140 <= N <= 150
    assert [valley_of_stability(z) for z in range(1, 93)] == [_valley(z) for z in range(1, 93)]


def test_fig2_charges_along_the_valley(tmp_path):
    png, pdf = tmp_path / "fig2.png", tmp_path / "fig2.pdf"
    summary = _fig2(str(png), str(pdf))
    assert png.read_bytes()[:4] == b"\x89PNG" and pdf.read_bytes()[:4] == b"%PDF"
    zn = np.array([_valley(z) for z in range(1, 93)], dtype=float)
    Z, N = zn[:, 0], zn[:, 1]
    A = Z + N
    qe, qmu = 2 * Z - N, -N
    assert summary["elements"] == 92 and summary["Fe"] == _valley(26)
    assert summary["A_range"] == (int(A[0]), int(A[-1]))
    assert summary["Q_e_U"] == (qe[-1], qmu[-1])                     # uranium: (39, -145)
    assert summary["qe_over_A"] == (np.min(qe / A), np.max(qe / A))
    assert summary["qmu_over_A"] == (np.min(qmu / A), np.max(qmu / A))
    # the figure's point: Q^e/A falls from 1/2 (hydrogen) to ~0.16, Q^mu/A stays ~ -1/2 .. -0.6
    assert summary["qe_over_A"][1] == 0.5 and summary["qe_over_A"][0] < 0.17
    assert -0.62 < summary["qmu_over_A"][0] < summary["qmu_over_A"][1] == -0.5


def test_fig2_figure_is_drawn_against_Z():
    """The drawn points (nusym.plot.fig2, as in the paper): x = Z; 2Z - N, N = -Q^mu, Z + N."""
    from nusym.plot import fig2

    ax = fig2().axes[0]
    zn = np.array([_valley(z) for z in range(1, 93)], dtype=float)
    Z, N = zn[:, 0], zn[:, 1]
    ys = sorted((tuple(line.get_ydata()) for line in ax.get_lines()), key=lambda y: y[-1])
    for line in ax.get_lines():
        assert np.array_equal(line.get_xdata(), Z)
    assert [np.array(y) for y in ys][0].tolist() == (2 * Z - N).tolist()
    assert [np.array(y) for y in ys][1].tolist() == N.tolist()
    assert [np.array(y) for y in ys][2].tolist() == (Z + N).tolist()
