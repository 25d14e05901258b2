"""A configuration of Eq. (1): a :class:`nusym.Model` and two sources, reduced to channels.

Eq. (1) of Segarra & Bernabeu (2020) sums over the n^2 ordered mass channels
(i, j) of the model and over the absorptive terms k of Eq. (6):

    V(r) = G_F^2/(192 pi^3 r) sum_ij sum_k w_k(Q_A^ij, Q_B^ij) T_k^ij(r).

:func:`configure` computes, once per (model, sources, precision), the masses and
the weights w_k of every channel (from the charges of :mod:`nusym.charges` and
the generated weights of :mod:`nusym.numeric.kernels`); :func:`prefactor` is the
prefactor G_F^2/(192 pi^3) (generated from the derivation), in mpmath or double.
Every route of :mod:`nusym.numeric` assembles Eq. (1) from these two.

>>> from nusym.model import Model
>>> cfg = configure(Model.from_preset(), "Fe-56", "Fe-56", 30)
>>> len(cfg.weights), cfg.nature
(9, 'dirac')
"""

from __future__ import annotations

import dataclasses
import math
from functools import lru_cache
from typing import Any

import mpmath

from nusym.constants import constant, constant_float
from nusym.errors import InvalidParameterError
from nusym.model import Model
from nusym.numeric.kernels import eq1_prefactor, weight_functions
from nusym.sources import Source, parse_source

__all__ = ["Configuration", "configure", "prefactor", "prefactor_float", "source_charges", "model_family",
           "model_weight_functions"]


@dataclasses.dataclass(frozen=True, eq=False)
class Configuration:
    """Masses (mpf at ``precision`` digits) and, per ordered channel (i, j) (0-based), w_k per term.

    ``nature`` is the kernel family of the terms (:data:`nusym.numeric.kernels.FAMILIES`):
    the model's nature for the Standard Model current, ``<nature>_va`` or
    ``<nature>_sp`` for the currents beyond V-A. Compared by identity: :func:`configure`
    returns the same object for the same inputs.
    """

    model: Model
    nature: str
    masses: tuple[Any, ...]
    weights: dict[tuple[int, int], tuple[Any, ...]]
    precision: int

    def as_float(self) -> Configuration:
        """The same configuration with float masses and weights (double-precision routes)."""
        return dataclasses.replace(self, masses=tuple(float(m) for m in self.masses),
                                   weights={k: tuple(float(w) for w in ws) for k, ws in self.weights.items()},
                                   precision=16)


def source_charges(spec: Any) -> tuple[Any, Any]:
    """(Z, N) of a source times its number of atoms, exact (int or high-precision mpf)."""
    src = spec if isinstance(spec, Source) else parse_source(spec)
    if src.atoms == 1:
        return src.Z, src.N
    with mpmath.workdps(1250):   # Z, N of a material's mean atom carry 1200 digits
        return src.Z * src.atoms, src.N * src.atoms


def model_family(model: Model, general: bool = False) -> str:
    """The kernel family of ``model`` (``general=True``: the decomposed V/A family even for V-A).

    >>> model_family(Model.from_preset()), model_family(Model.from_preset(), general=True)
    ('dirac', 'dirac_va')
    """
    if general and model.structure is None:
        return f"{model.nature}_va"
    return model.family


def model_weight_functions(model: Model, family: str, precision: int | None) -> list[Any]:
    """The weight functions w_k(Re Q_A, Im Q_A, Re Q_B, Im Q_B) of ``family`` with the model's coefficients.

    The coefficients (exact fractions) enter as mpf at the current precision, or
    as floats for ``precision=None``.
    """
    if family == model.nature:
        return weight_functions(family)
    if precision is None:
        values = {k: float(v) for k, v in model.current_coefficients().items()}
    else:
        values = {k: mpmath.mpf(v.numerator) / v.denominator
                  for k, v in model.current_coefficients().items()}
    return weight_functions(family, values)


def configure(model: Model, a: Any, b: Any, precision: int | None, *, massless: bool = False,
              general: bool = False) -> Configuration:
    """The channels of Eq. (1) for ``model`` between sources ``a`` and ``b`` (cached).

    ``precision``: digits of the masses and weights (mpf), or None for double
    precision (floats); ``massless=True`` sets every mass to 0 (Eq. 8) with the
    same charges. ``general=True`` uses the decomposed vector/axial kernels
    (c_V^2 and c_A^2 terms) for a Standard Model current too: an independent
    route to the same V (``tests/test_currents.py``).
    """
    za, na = source_charges(a)
    zb, nb = source_charges(b)
    return _configure(model, (za, na, zb, nb), None if precision is None else int(precision), bool(massless),
                      bool(general))


@lru_cache(maxsize=64)
def _configure(model: Model, zn: tuple[Any, ...], precision: int | None, massless: bool,
               general: bool = False) -> Configuration:
    family = model_family(model, general)
    if precision is None:
        fns = model_weight_functions(model, family, None)
        qa = model.coupled_charges_float(zn[0], zn[1])
        qb = model.coupled_charges_float(zn[2], zn[3])
        weights = {(i, j): tuple(float(f(qa[i][j].real, qa[i][j].imag, qb[i][j].real, qb[i][j].imag))
                                 for f in fns) for i in range(model.n) for j in range(model.n)}
        if not all(math.isfinite(w) for ws in weights.values() for w in ws):
            raise InvalidParameterError(
                "the charges of these sources overflow double precision (too many atoms); give dps=N "
                "(mpmath) or fewer atoms")
        masses = (0.0,) * model.n if massless else model.masses_float
        return Configuration(model, family, masses, weights, 16)
    with mpmath.workdps(precision + 10):
        fns = model_weight_functions(model, family, precision)
        za, na, zb, nb = zn
        qa = model.coupled_charges(za, na)
        qb = model.coupled_charges(zb, nb)
        weights = {}
        for i in range(model.n):
            for j in range(model.n):
                x, y = qa[i][j], qb[i][j]
                weights[(i, j)] = tuple(f(x.real, x.imag, y.real, y.imag) for f in fns)
    with mpmath.workdps(precision):
        masses = tuple(mpmath.mpf(0) if massless else +m for m in model.masses)
        weights = {k: tuple(+w for w in ws) for k, ws in weights.items()}
    return Configuration(model, family, masses, weights, precision)


def prefactor(dps: int) -> Any:
    """G_F^2/(192 pi^3) of Eq. (1) in eV^-4, as an mpf with ``dps`` digits."""
    with mpmath.workdps(dps):
        return eq1_prefactor(constant("G_F_eV", dps), mpmath.pi)


def prefactor_float() -> float:
    """G_F^2/(192 pi^3) of Eq. (1) in eV^-4, double precision."""
    return float(eq1_prefactor(constant_float("G_F_eV"), math.pi))
