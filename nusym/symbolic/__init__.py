"""Symbolic core of nusym (SymPy): couplings (Eq. 4), coherent charges (Eqs. 5, 7),
absorptive parts derived from the Lagrangian (Eqs. 2, 3, 6), closed forms,
asymptotic series (Eqs. 8, 9) and their LaTeX.

Submodules are imported on demand; importing this package does not import SymPy.
"""
