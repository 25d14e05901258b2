"""Explicit 4 x 4 Dirac matrices (Dirac representation, NumPy) shared by the numeric test routes.

Used by ``tests/paper/test_eq6.py`` (numeric traces) and ``tests/test_absorptive_spinors.py``
(explicit spinors): both check the SymPy derivation of :mod:`nusym.symbolic.absorptive`,
which builds its own gamma matrices symbolically (:mod:`nusym.symbolic.dirac`).
"""

from __future__ import annotations

import numpy as np

I2 = np.eye(2)
Z2 = np.zeros((2, 2))
#: Pauli matrices
SIG = [np.array([[0, 1], [1, 0]], complex), np.array([[0, -1j], [1j, 0]]), np.array([[1, 0], [0, -1]], complex)]
G0 = np.block([[I2, Z2], [Z2, -I2]]).astype(complex)
GK = [np.block([[Z2, s], [-s, Z2]]) for s in SIG]
#: gamma^mu, mu = 0..3
GAM = [G0] + GK
G5 = 1j * G0 @ GK[0] @ GK[1] @ GK[2]
#: charge conjugation C = i gamma^2 gamma^0
C = 1j * GAM[2] @ G0
CINV = np.linalg.inv(C)
#: the metric diag(1, -1, -1, -1)
ETA = np.diag([1.0, -1.0, -1.0, -1.0])
