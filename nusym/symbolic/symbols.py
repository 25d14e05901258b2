r"""Canonical SymPy symbols of nusym and their LaTeX names (the paper's notation).

Symbols are kept separate from values: numerical values live in ``nusym/data``
and enter only through the numeric layer.  Every derived expression of the
symbolic core is written in these symbols, so that LaTeX export can use one
symbol-name map, :data:`LATEX_NAMES`.

>>> from nusym.symbolic.symbols import t, m_i, m_j, latex
>>> print(latex(t - (m_i + m_j)**2))
t - \left(m_{i} + m_{j}\right)^{2}
"""

from __future__ import annotations

import sympy as sp

__all__ = [
    "t", "r", "u", "x", "k", "m_i", "m_j", "m", "G_F", "s2w", "Z", "N",
    "theta12", "theta13", "theta23", "delta", "alpha21", "alpha31",
    "QA", "QB", "QA_re", "QA_im", "QB_re", "QB_im",
    "mbar2", "Dm2", "mu", "t_ij", "c_V", "c_A", "c_S", "c_P", "CURRENT_SYMBOLS", "LATEX_NAMES", "latex",
]

#: Mandelstam variable of the t channel (eV^2), Eq. (1).
t = sp.Symbol("t", positive=True)
#: Distance between the sources (eV^-1), Eq. (1).
r = sp.Symbol("r", positive=True)
#: sqrt(t), energy of the neutrino pair in its rest frame (eV).
u = sp.Symbol("u", positive=True)
#: Distance above threshold in sqrt(t): u = m_i + m_j + x (eV).
x = sp.Symbol("x", positive=True)
#: Momentum of each neutrino in the pair's rest frame (threshold analysis).
k = sp.Symbol("k", positive=True)
#: Masses of the definite-mass neutrinos of channel (i, j) (eV).
m_i = sp.Symbol("m_i", positive=True)
m_j = sp.Symbol("m_j", positive=True)
#: Common mass of an equal-mass channel (eV).
m = sp.Symbol("m", positive=True)
#: Fermi constant.
G_F = sp.Symbol("G_F", positive=True)
#: sin^2(theta_W); kept symbolic (cancels for neutral matter).
s2w = sp.Symbol("s2w", positive=True)
#: Proton and neutron numbers of a source (times its number of atoms).
Z = sp.Symbol("Z", nonnegative=True)
N = sp.Symbol("N", nonnegative=True)
#: PMNS angles, Dirac phase and Majorana phases (PDG convention).
theta12, theta13, theta23 = sp.symbols("theta12 theta13 theta23", real=True)
delta = sp.Symbol("delta", real=True)
alpha21, alpha31 = sp.symbols("alpha21 alpha31", real=True)
#: Coherent weak charges Q^{ij}_{W,A} and Q^{ij}_{W,B} of one channel (complex).
QA = sp.Symbol("Q_A")
QB = sp.Symbol("Q_B")
#: Their real and imaginary parts.
QA_re, QA_im, QB_re, QB_im = sp.symbols("QA_re QA_im QB_re QB_im", real=True)
#: The paper's mass combinations of Eq. (6): mbar^2_ij and Delta m^2_ij.
mbar2 = sp.Symbol("mbar2", positive=True)
Dm2 = sp.Symbol("Dm2", real=True)
#: Reduced mass of the pair, Eq. (9).
mu = sp.Symbol("mu", positive=True)
#: Threshold t_ij = (m_i + m_j)^2.
t_ij = sp.Symbol("t_ij", positive=True)

#: Coefficients of the neutrino current beyond V-A (real): nubar_j gamma^mu (c_V - c_A gamma5) nu_i
#: and nubar_j (c_S + i c_P gamma5) nu_i (the Standard Model is c_V = c_A = 1).
c_V, c_A, c_S, c_P = sp.symbols("c_V c_A c_S c_P", real=True)
#: the current coefficients by key of :func:`nusym.inputs.check_current`
CURRENT_SYMBOLS: dict[str, sp.Symbol] = {"V": c_V, "A": c_A, "S": c_S, "P": c_P}

#: LaTeX names in the paper's notation.
LATEX_NAMES: dict[sp.Symbol, str] = {
    t: "t",
    r: "r",
    u: r"\sqrt{t}",
    x: "x",
    k: "k",
    m_i: "m_{i}",
    m_j: "m_{j}",
    m: "m",
    G_F: "G_{F}",
    s2w: r"\sin^{2}\theta_{W}",
    Z: "Z",
    N: "N",
    theta12: r"\theta_{12}",
    theta13: r"\theta_{13}",
    theta23: r"\theta_{23}",
    delta: r"\delta",
    alpha21: r"\alpha_{21}",
    alpha31: r"\alpha_{31}",
    QA: r"Q^{ij}_{W,A}",
    QB: r"Q^{ij}_{W,B}",
    QA_re: r"\operatorname{Re} Q^{ij}_{W,A}",
    QA_im: r"\operatorname{Im} Q^{ij}_{W,A}",
    QB_re: r"\operatorname{Re} Q^{ij}_{W,B}",
    QB_im: r"\operatorname{Im} Q^{ij}_{W,B}",
    mbar2: r"\overline{m}^{2}_{ij}",
    Dm2: r"\Delta m^{2}_{ij}",
    mu: r"\mu_{ij}",
    t_ij: "t_{ij}",
    c_V: "c_{V}",
    c_A: "c_{A}",
    c_S: "c_{S}",
    c_P: "c_{P}",
}


def latex(expr: sp.Basic, **kwargs: object) -> str:
    r"""LaTeX of ``expr`` in the paper's notation (uses :data:`LATEX_NAMES`).

    >>> print(latex(mbar2 + 3*m_i*m_j))
    3 m_{i} m_{j} + \overline{m}^{2}_{ij}
    """
    names = dict(LATEX_NAMES)
    extra = kwargs.pop("symbol_names", None)
    if isinstance(extra, dict):
        names.update(extra)
    return sp.latex(expr, symbol_names=names, **kwargs)
