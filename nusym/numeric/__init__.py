"""Numerical evaluators (mpmath, NumPy) of the two-neutrino potential of Eq. (1)."""
