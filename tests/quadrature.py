"""Quadrature helpers shared by the direct volume integrations of the geometry and WEP tests."""

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
    for a, b in zip(edges[:-1], edges[1:]):
        la, lb = math.log(a), math.log(b)
        s = np.exp(0.5 * (lb - la) * x + 0.5 * (lb + la))
        nodes.append(s)
        weights.append(0.5 * (lb - la) * w * s)
    return np.concatenate(nodes), np.concatenate(weights)
