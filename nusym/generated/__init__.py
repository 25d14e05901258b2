"""Derived expressions, generated once from the SymPy derivation (:mod:`nusym.symbolic.codegen`).

Plain Python (mpmath where special functions are needed): importing them never
imports SymPy. ``tests/test_generated.py`` regenerates each module and diffs it.
"""
