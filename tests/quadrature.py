"""Quadrature helpers shared by the direct volume integrations of the geometry, WEP and reproduce tests."""

from __future__ import annotations

import math

import numpy as np
from numpy.polynomial.legendre import leggauss


def log_nodes(lo, hi, deg=30, per_decade=3):
    """Composite Gauss-Legendre nodes/weights in ln s on [lo, hi] (for ds)."""
    n = max(1, int(math.ceil(math.log10(hi / lo) * per_decade)))
    edges = np.geomspace(lo, hi, n + 1)
    x, w = leggauss(deg)
    nodes, weights = [], []
    for a, b in zip(edges[:-1], edges[1:], strict=True):
        la, lb = math.log(a), math.log(b)
        s = np.exp(0.5 * (lb - la) * x + 0.5 * (lb + la))
        nodes.append(s)
        weights.append(0.5 * (lb - la) * w * s)
    return np.concatenate(nodes), np.concatenate(weights)


def sphere_pull_direct(force, n_source, D, R):
    """Radial force on an atom at distance D from the surface of a uniform ball (radius R, n atoms/m^3).

    ``force(s)``: the atom-atom force -dV/ds (any unit, positive = repulsive) at an array of
    distances s in metres. Shells of radius rho around the centre, r = R + D the atom's
    distance from it: F_r = (pi n / r^2) Int_D^{D+2R} ds F(s) P(s),
    P(s) = Int_{|r-s|}^R rho (r^2 - rho^2 + s^2) d rho (Gauss-Legendre, exact for this cubic).
    Returns the force in the unit of ``force``, positive away from the ball. No Yukawa
    decomposition and no form factor: an independent route to nusym.wep.
    """
    r = R + D
    # s = D + u, u log-spaced from 1e-9 D (P ~ u there: the rest is ~1e-18 of the total), so that
    # a force decaying over ~1/(2 m) << D is resolved; kink of P at s = r
    u1, w1 = log_nodes(1e-9 * D, R, per_decade=4)
    u2, w2 = log_nodes(R, 2 * R)
    u, w = np.concatenate([u1, u2]), np.concatenate([w1, w2])
    s = D + u
    F = np.asarray(force(s), dtype=float)
    # rho = R - t, t in [0, R - |r - s|]; R - |r - s| = min(u, 2R - u) and
    # r^2 - rho^2 = (D + t)(2R + D - t), formed without cancellation (R/D ~ 1e4)
    top = np.minimum(u, 2 * R - u)
    xg, wg = leggauss(4)
    t = 0.5 * top[:, None] * (xg[None, :] + 1)
    integrand = (R - t) * ((D + t) * (2 * R + D - t) + s[:, None] ** 2)
    P = 0.5 * top * np.sum(wg * integrand, axis=1)
    return math.pi * n_source / r**2 * np.sum(w * F * P)
