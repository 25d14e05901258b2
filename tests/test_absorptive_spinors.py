"""Im M_ij of every current structure from explicit spinors, against the trace derivation.

Route (independent of the traces of :mod:`nusym.symbolic.absorptive`): explicit
Dirac spinors u(k, s), v(k, s) = C ubar(k, s)^T for the given momenta and masses
(NumPy, double precision), the amplitudes

* Dirac:    M = Q^ij ubar_j(k1) Gamma v_i(k2),
* Majorana: M = Q^ij ubar_j(k1) Gamma v_i(k2) - conj(Q^ij) ubar_i(k2) Gamma v_j(k1)
  (the two Wick contractions of the (i, j) and (j, i) Lagrangian terms, Fermi sign
  included, built from the spinors: no C Gamma^T C^-1 is used here),

contracted with the static sources (vector currents: a spatial unit vector in the
pair rest frame, J.p = 0, with the -1 of -g_{mu nu}; scalar currents: the scalar
densities, +1), summed over spins, averaged over the directions of k1 by
Gauss-Legendre quadrature in cos(theta) (exact: the integrand is a polynomial of
degree 2) and multiplied by the two-body phase space kappa/(4 pi sqrt t). For a
4-state model with a non-trivial complex 3 x 4 mixing (a block of a random
unitary 4 x 4 matrix) and the charges of nusym (weak or scalar), every ordered
channel (i, j) is compared with the derived sum_k c_k w_k kernel_k to 1e-12.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from dirac_matrices import ETA, G0, G5, GAM, SIG, C  # noqa: E402  (tests/dirac_matrices.py)

from nusym.charges import charge_matrix_float, scalar_charge_matrix_float
from nusym.symbolic import absorptive as ab
from nusym.symbolic.symbols import QA_im, QA_re, QB_im, QB_re, m_i, m_j, t

ONE = np.eye(4, dtype=complex)

MASSES = (0.0, 0.0132, 0.051, 0.5)
STRUCTURES = [
    ("VA", {"V": 0.7, "A": -0.3}),
    ("VA", {"V": 1.0, "A": 0.0}),
    ("VA", {"V": 0.0, "A": 1.0}),
    ("SP", {"S": 0.8, "P": 0.45}),
    ("SP", {"S": 0.0, "P": 1.0}),
]
SCALAR = ((1.0, 0.5, -0.25))  # g_e, g_p, g_n


def u_spinors(p, m):
    """u(p, s), s = up, down (Dirac representation), ubar u = 2m."""
    E = p[0]
    sp_ = sum(p[k + 1] * SIG[k] for k in range(3))
    return [np.concatenate([np.sqrt(E + m) * chi, sp_ @ chi / np.sqrt(E + m)])
            for chi in (np.array([1, 0], complex), np.array([0, 1], complex))]


def bar(spinor):
    return spinor.conj() @ G0


def v_spinors(p, m):
    return [C @ bar(u) for u in u_spinors(p, m)]


def mixing_3x4(seed=7):
    rng = np.random.default_rng(seed)
    a = rng.normal(size=(4, 4)) + 1j * rng.normal(size=(4, 4))
    q, _ = np.linalg.qr(a)
    return q[:3, :]


def gamma_of(structure, coeffs):
    """The contracted Dirac matrix of the current: eps_mu Gamma^mu (vector) or Gamma (scalar)."""
    if structure == "VA":
        eps_low = ETA @ np.array([0.0, 0.0, 0.0, 1.0])   # static source: spatial unit vector, J.p = 0
        g = sum(eps_low[mu] * GAM[mu] for mu in range(4))
        return g @ (coeffs["V"] * ONE - coeffs["A"] * G5), -1.0
    return coeffs["S"] * ONE + 1j * coeffs["P"] * G5, +1.0


def spinor_im_m(nature, mi, mj, tt, qa, qb, structure, coeffs, n_theta=6):
    """Im M_ij / PREFACTOR (G_F = 1) from explicit spinors; final state nu_j(k1) + (anti)nu_i(k2)."""
    gam, sign = gamma_of(structure, coeffs)
    rt = np.sqrt(tt)
    lam = (tt - (mi + mj) ** 2) * (tt - (mi - mj) ** 2)
    kap = np.sqrt(lam) / (2 * rt)
    E1, E2 = (tt + mj**2 - mi**2) / (2 * rt), (tt - mj**2 + mi**2) / (2 * rt)
    xs, ws = np.polynomial.legendre.leggauss(n_theta)
    total = 0.0
    for cth, w in zip(xs, ws, strict=True):
        sth = np.sqrt(1 - cth**2)
        for ph in (0.3, 2.1):          # the spin sum is symmetric about the source direction
            n = np.array([sth * np.cos(ph), sth * np.sin(ph), cth])
            k1 = np.concatenate([[E1], kap * n])
            k2 = np.concatenate([[E2], -kap * n])
            u1, v2 = u_spinors(k1, mj), v_spinors(k2, mi)
            u2, v1 = u_spinors(k2, mi), v_spinors(k1, mj)
            acc = 0.0
            for s1 in range(2):
                for s2 in range(2):
                    amp_a = bar(u1[s1]) @ gam @ v2[s2]
                    amp_b = amp_a
                    if nature == "majorana":
                        other = bar(u2[s2]) @ gam @ v1[s1]
                        amp_a, amp_b = qa * amp_a - np.conj(qa) * other, qb * amp_b - np.conj(qb) * other
                    else:
                        amp_a, amp_b = qa * amp_a, qb * amp_b
                    acc += (amp_a * np.conj(amp_b)).real
            total += w / 2 * acc / 2
    phase_space = kap / (4 * np.pi * rt)
    symmetry = 0.5 if nature == "majorana" else 1.0
    im_m = 0.5 * symmetry * phase_space * (1.0 / 8.0) * sign * total
    return im_m / (-1.0 / (48 * np.pi))


_WEIGHTS = {name: sp.lambdify((QA_re, QA_im, QB_re, QB_im), expr) for name, expr in ab.WEIGHTS.items()}


def derived_im_m(nature, mi, mj, tt, qa, qb, structure, coeffs):
    out = 0.0
    for term in ab.absorptive_terms(nature, structure):
        c = float(term.coefficient.subs({sp.Symbol(f"c_{k}", real=True): v for k, v in coeffs.items()}))
        if c == 0:
            continue
        kern = float(sp.N(term.kernel.subs({m_i: mi, m_j: mj, t: tt}), 30))
        out += c * _WEIGHTS[term.weight](qa.real, qa.imag, qb.real, qb.imag) * kern
    return out


def test_spinors_satisfy_completeness_relations():
    p = np.array([0.0, 0.03, -0.02, 0.05])
    m = 0.07
    p[0] = np.sqrt(m**2 + p[1:] @ p[1:])
    assert np.allclose(sum(np.outer(u, bar(u)) for u in u_spinors(p, m)), GAM[0] * p[0] - sum(
        p[k] * GAM[k] for k in (1, 2, 3)) + m * ONE, atol=1e-14)
    assert np.allclose(sum(np.outer(v, bar(v)) for v in v_spinors(p, m)), GAM[0] * p[0] - sum(
        p[k] * GAM[k] for k in (1, 2, 3)) - m * ONE, atol=1e-14)


@pytest.mark.parametrize("nature", ["dirac", "majorana"])
@pytest.mark.parametrize("structure,coeffs", STRUCTURES)
def test_every_channel_of_a_4_state_model_from_explicit_spinors(nature, structure, coeffs):
    u = mixing_3x4()
    assert np.allclose(u @ u.conj().T, np.eye(3), atol=1e-13)      # a block of a unitary 4x4
    if structure == "VA":
        qa_m = charge_matrix_float(26.0, 30.0, u)
        qb_m = charge_matrix_float(74.0, 110.0, u)
    else:
        qa_m = scalar_charge_matrix_float(26.0, 30.0, u, SCALAR)
        qb_m = scalar_charge_matrix_float(74.0, 110.0, u, SCALAR)
    assert any(abs(qa_m[i][j].imag) > 1e-3 for i in range(4) for j in range(4))  # complex charges
    compared = 0
    for i in range(4):
        for j in range(4):
            mi, mj = MASSES[i], MASSES[j]
            tt = 1.7 * (mi + mj) ** 2 + 0.003
            qa, qb = complex(qa_m[i][j]), complex(qb_m[i][j])
            num = spinor_im_m(nature, mi, mj, tt, qa, qb, structure, coeffs)
            want = derived_im_m(nature, mi, mj, tt, qa, qb, structure, coeffs)
            scale = max(abs(qa) * abs(qb), 1e-300) * tt
            assert num == pytest.approx(want, rel=1e-12, abs=1e-13 * scale), (i, j)
            compared += 1
    assert compared == 16


@pytest.mark.parametrize("nature", ["dirac", "majorana"])
def test_scalar_exchange_attracts_vector_exchange_repels(nature):
    """The sign of the exchange, from the spinor route: Im M > 0 (attractive) for S, < 0 for V."""
    q = 3.0 + 0j
    tt, mi, mj = 0.02, 0.05, 0.05
    scalar = spinor_im_m(nature, mi, mj, tt, q, q, "SP", {"S": 1.0, "P": 0.0})
    vector = spinor_im_m(nature, mi, mj, tt, q, q, "VA", {"V": 0.0, "A": 1.0})
    # Im M / PREFACTOR with PREFACTOR < 0: negative means Im M > 0
    assert scalar < 0 < vector
