"""How well V(r) is known: a 1 sigma budget of the inputs, and its range over the Majorana phases.

Eq. (1) of Segarra & Bernabeu, Phys. Rev. D 101, 093004 (2020) depends on
measured inputs: Delta m^2_21 and Delta m^2_3l (through the masses of Table I
for a chosen lightest mass), the mixing angles (through the first row U_ei of
the PMNS matrix in the charges ``Q^ij = 2 Z U_ei U*_ej - N delta_ij`` of Eq. (5)),
the Dirac phase delta (Majorana only, through Re Q^ij and Im Q^ij of Eq. (6))
and G_F (V is proportional to G_F^2). Their 1 sigma ranges are the data file
``nusym/data/uncertainties.toml`` (NuFIT 6.0 with SK atmospheric data; G_F of
PDG 2024; sources in ``nusym/data/README.md``).

:func:`uncertainty` -- the linear budget, one input at a time:

* each input p is set to its +1 sigma and its -1 sigma value (exact decimal
  strings, the others central) and V is evaluated for each shifted
  :class:`nusym.model.Model` (:meth:`~nusym.model.Model.from_preset` with a
  mapping preset); the budget holds dV+ = V(p + sigma+) - V0 and
  dV- = V(p - sigma-) - V0 per r;
* positive changes of V add in quadrature into ``sigma_plus``, negative ones
  into ``sigma_minus``; if both shifts move V the same way, the larger counts
  (for that side), the other side gets nothing from this input:
  sigma_plus^2 = sum_p max(0, dV+, dV-)^2, sigma_minus^2 = sum_p max(0, -dV+, -dV-)^2;
* inputs that cannot change V are not evaluated and contribute exactly 0:
  sin^2 theta_23 never (only the U_e row enters Eq. (5)), delta for Dirac
  neutrinos (the Dirac weight ``Re(Q_A^ij conj Q_B^ij)`` involves only ``|U_ei|``);
* G_F: dV = V0 ((1 +- sigma/G_F)^2 - 1), exactly, since V is proportional to G_F^2;
* the inputs are treated as independent (NuFIT's 1-dimensional ranges; the
  correlations among theta_12, theta_13, Delta m^2_21 and Delta m^2_3l are weak).

``monte_carlo=N`` adds a cross-check: N samples of all inputs at once, each
drawn from a split normal (a half Gaussian of width sigma- below the central
value and one of width sigma+ above it, with probabilities sigma-/(sigma- +
sigma+) and sigma+/(sigma- + sigma+)), V in double precision for each; the band
is the 15.87 and 84.13 percentiles (Phi(-1), Phi(1)), with a standard error of
each from the order statistics (distribution free).

:func:`phase_range` -- the unknown Majorana phases. With U_e1 = c12 c13,
U_e2 = s12 c13 e^(i alpha21/2), U_e3 = s13 e^(i (alpha31/2 - delta)), the
off-diagonal charges are ``Q^ij = 2 Z |U_ei U_ej| e^(i phi_ij)`` and the Majorana
weights of Eq. (6) are ``Re Q_A Re Q_B = 4 Z_A Z_B |U_ei U_ej|^2 cos^2(phi_ij)``
and ``Im Q_A Im Q_B = ... sin^2(phi_ij)``; with cos^2 = (1 + cos 2 phi)/2 this gives
exactly::

    V_M = A + B12 cos(alpha21) + B13 cos(alpha31 - 2 delta) + B23 cos(alpha21 - alpha31 + 2 delta)

(per r; A, B_ij do not depend on any phase). The four coefficients are fitted
exactly from V at the four pair-phase points (0 or 180 deg, 0 or 180 deg) and
checked at a fifth point (:func:`phase_coefficients`). Writing t1 = alpha21,
t2 = alpha31 - 2 delta, the maximum over t2 at fixed t1 is
``|B13 + B23 e^(i t1)|``, so max V_M = A + max over c = cos t1 in [-1, 1] of
g(c) = B12 c + sqrt(B13^2 + B23^2 + 2 B13 B23 c); g is concave (a linear
function plus the square root of a non-negative affine one), so its maximum is
at c = -1, c = 1 or the stationary point, all three compared: the global
maximum, exactly (the minimum likewise with -B). delta only shifts t2, which
alpha31 spans anyway, so V_M's range over the phases does not depend on delta.
The Dirac potential does not depend on any phase.

>>> res = uncertainty("5um", "Fe-56", "Pb-208")
>>> rel_plus, rel_minus = res.relative()
>>> round(100 * float(rel_plus), 2), round(100 * float(rel_minus), 2)
(0.14, 0.15)
>>> v_min, v_max, at_min, at_max = phase_range("10um", "Fe-56", "Fe-56", lightest="0.1")
>>> round(float(v_max / v_min), 3), float(at_max["alpha21"]), float(at_max["alpha31"])
(3.999, 180.0, 244.0)
"""

from __future__ import annotations

import contextlib
import dataclasses
import decimal
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

import mpmath
import numpy as np

from nusym.constants import constant_info
from nusym.errors import (
    InvalidOptionError,
    InvalidParameterError,
    NusymError,
    UnknownPresetError,
    VerificationError,
)
from nusym.inputs import (
    check_choice,
    check_dps,
    check_nature,
    check_ordering,
    lengths_double,
    parse_angle_deg,
    parse_int,
    parse_lengths,
)
from nusym.model import Model
from nusym.numeric.potential import potential
from nusym.presets import PRESET_NAMES, load_parameters
from nusym.reprs import html_columns, html_table
from nusym.resources import load_toml

__all__ = [
    "UNCERTAINTY_KEYS",
    "BUDGET_KEYS",
    "DEFAULT_UNCERTAINTY_PRESET",
    "QUANTILES",
    "MONTE_CARLO_MIN",
    "MONTE_CARLO_MAX",
    "METHOD",
    "InputUncertainty",
    "UncertaintyTable",
    "BudgetEntry",
    "MonteCarloResult",
    "UncertaintyResult",
    "PhaseCoefficients",
    "PhaseRange",
    "uncertainty_presets",
    "load_uncertainties",
    "uncertainty",
    "phase_coefficients",
    "phase_range",
]

#: oscillation inputs with a 1 sigma range (keys of an ordering table of uncertainties.toml)
UNCERTAINTY_KEYS: tuple[str, ...] = ("sin2_th12", "sin2_th13", "sin2_th23", "delta_deg", "dm21_sq", "dm3l_sq")
#: every input of the budget, in its order
BUDGET_KEYS: tuple[str, ...] = UNCERTAINTY_KEYS + ("G_F",)
#: the preset whose table is used by default
DEFAULT_UNCERTAINTY_PRESET = "nufit-6.0"
#: the percentiles of the Monte Carlo band: Phi(-1) and Phi(1) of the standard normal
QUANTILES: tuple[float, float] = (0.15865525393145707, 0.8413447460685429)
#: allowed number of Monte Carlo samples (besides 0 = none)
MONTE_CARLO_MIN, MONTE_CARLO_MAX = 100, 1_000_000
#: one line saying how the budget is made (for output)
METHOD = ("linear budget: each input shifted alone to +1 sigma and -1 sigma; positive changes of V "
          "added in quadrature into sigma_plus, negative ones into sigma_minus (if both shifts move V "
          "the same way, the larger counts); inputs independent")

_UNITS = {"sin2_th12": "1", "sin2_th13": "1", "sin2_th23": "1", "delta_deg": "deg",
          "dm21_sq": "eV^2", "dm3l_sq": "eV^2", "G_F": "GeV^-2"}
_ENTRY_KEYS = ("central", "plus", "minus")
_DECIMAL_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
#: exact decimal arithmetic for the shifted inputs (values carry at most a few dozen digits)
_CONTEXT = decimal.Context(prec=1200, Emin=-999999, Emax=999999)
#: check-point of the phase fit: (alpha21, alpha31 - 2 delta) in degrees, all three cosines nonzero
_CHECK_POINT = (120, 45)
#: the fit points (alpha21, alpha31 - 2 delta) in degrees
_FIT_POINTS = ((0, 0), (180, 0), (0, 180), (180, 180))


# ----------------------------------------------------------------------------- the data
def _decimal(value: Any, what: str) -> Decimal:
    """An exact decimal from a decimal string, an int or a float (the decimal it prints as)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
        raise InvalidParameterError(f"{what} must be a number or a decimal string, got {value!r}")
    text = repr(float(value)) if isinstance(value, float) else str(value).strip()
    if not _DECIMAL_RE.fullmatch(text):
        raise InvalidParameterError(f"{what} must be a finite decimal number, got {value!r}")
    return _CONTEXT.create_decimal(text)


def _text(d: Decimal) -> str:
    """A decimal as a plain string that mpmath and Decimal read back exactly."""
    return str(_CONTEXT.plus(d))


@dataclass(frozen=True)
class InputUncertainty:
    """One input with its 1 sigma range: ``central`` + ``plus`` / - ``minus`` (decimal strings, ``unit``)."""

    name: str
    central: str
    plus: str
    minus: str
    unit: str

    def value(self, side: int) -> str:
        """The input at +1 sigma (``side=1``), -1 sigma (``-1``) or central (``0``), exact.

        >>> InputUncertainty("sin2_th12", "0.308", "0.012", "0.011", "1").value(-1)
        '0.297'
        """
        c = Decimal(self.central)
        if side == 0:
            return self.central
        shift = Decimal(self.plus) if side > 0 else -Decimal(self.minus)
        return _text(_CONTEXT.add(c, shift))

    @property
    def relative(self) -> tuple[float, float]:
        """``(plus, minus) / |central|`` as floats (inf for a zero central value)."""
        c = abs(float(self.central))
        return (float(self.plus) / c, float(self.minus) / c) if c else (math.inf, math.inf)


@dataclass(frozen=True)
class UncertaintyTable:
    """The 1 sigma table of a preset for one ordering: the inputs of :data:`BUDGET_KEYS`."""

    name: str
    source: str
    ordering: str
    inputs: tuple[InputUncertainty, ...]

    def __getitem__(self, key: str) -> InputUncertainty:
        for item in self.inputs:
            if item.name == key:
                return item
        raise InvalidParameterError(f"unknown input {key!r}; the inputs are {', '.join(BUDGET_KEYS)}")

    def central_parameters(self) -> dict[str, str]:
        """The central oscillation parameters (:data:`UNCERTAINTY_KEYS`) as decimal strings."""
        return {k: self[k].central for k in UNCERTAINTY_KEYS}


def _entry(where: str, key: str, raw: Any) -> InputUncertainty:
    if not isinstance(raw, Mapping):
        raise InvalidParameterError(
            f"{where}: {key} must be a table {{ central = ..., plus = ..., minus = ... }}, got {raw!r}")
    missing = [k for k in _ENTRY_KEYS if k not in raw]
    extra = sorted(str(k) for k in raw if k not in _ENTRY_KEYS + ("unit", "source"))
    if missing or extra:
        raise InvalidParameterError(
            f"{where}: {key} needs exactly central, plus and minus"
            + (f" (missing {', '.join(missing)})" if missing else "")
            + (f" (unknown {', '.join(extra)})" if extra else ""))
    central, plus, minus = (_decimal(raw[k], f"{where}: {key}.{k}") for k in _ENTRY_KEYS)
    for side, d in (("plus", plus), ("minus", minus)):
        if d < 0:
            raise InvalidParameterError(f"{where}: {key}.{side} = {raw[side]!r} must be >= 0 (a 1 sigma width)")
    return InputUncertainty(key, _text(central), _text(plus), _text(minus), _UNITS[key])


def uncertainty_presets() -> tuple[str, ...]:
    """Names of the presets that have a 1 sigma table in ``nusym/data/uncertainties.toml``.

    >>> uncertainty_presets()
    ('nufit-6.0',)
    """
    return tuple(k for k, v in load_toml("uncertainties.toml").items()
                 if k != "G_F" and isinstance(v, Mapping))


def _gf_entry() -> InputUncertainty:
    return _entry("uncertainties.toml", "G_F", load_toml("uncertainties.toml")["G_F"])


def load_uncertainties(preset: Any = DEFAULT_UNCERTAINTY_PRESET, ordering: str = "normal") -> UncertaintyTable:
    """The 1 sigma table of ``preset`` for ``ordering``, with G_F (PDG 2024) appended.

    The measured inputs of Eq. (1) of Segarra & Bernabeu 2020 (splittings, angles,
    the Dirac phase) and G_F, each with its central value and 1 sigma range.

    Parameters
    ----------
    preset : str or Mapping, optional
        A name of :func:`uncertainty_presets` (default ``"nufit-6.0"``), or a
        mapping in the format of one preset of ``nusym/data/uncertainties.toml``:
        ``{"normal": {key: {"central": ..., "plus": ..., "minus": ...}},
        "inverted": {...}}`` (or the keys at top level for the requested ordering)
        with every key of :data:`UNCERTAINTY_KEYS`, optional ``name`` and
        ``source``.
    ordering : str, optional
        ``"normal"`` (default) or ``"inverted"``.

    Returns
    -------
    UncertaintyTable
        One :class:`InputUncertainty` per key (exact decimal strings), indexable
        by name.

    Raises
    ------
    nusym.errors.UnknownPresetError
        A preset without a 1 sigma table.
    nusym.errors.InvalidParameterError
        A missing key or a malformed value in a mapping.

    Examples
    --------
    >>> t = load_uncertainties("nufit-6.0", "IO")
    >>> t["dm3l_sq"].value(1), t["delta_deg"].minus, t["G_F"].plus
    ('-0.002464', '25', '6E-12')
    >>> load_uncertainties("segarra2020")
    Traceback (most recent call last):
    ...
    nusym.errors.UnknownPresetError: preset 'segarra2020' has no 1 sigma table; tables exist for: nufit-6.0
    (nusym/data/uncertainties.toml), or give a mapping {ordering: {parameter: {central, plus, minus}}}
    """
    ordering = check_ordering(ordering)
    if isinstance(preset, Mapping):
        name = str(preset.get("name", "custom"))
        source = str(preset.get("source", "user-supplied mapping"))
        data: Mapping[str, Any] = preset
    elif isinstance(preset, str) and preset in uncertainty_presets():
        name, data = preset, load_toml("uncertainties.toml")[preset]
        source = str(data["source"])
    else:
        raise UnknownPresetError(
            f"preset {preset!r} has no 1 sigma table; tables exist for: {', '.join(uncertainty_presets())} "
            "(nusym/data/uncertainties.toml), or give a mapping {ordering: {parameter: {central, plus, minus}}}")
    where = f"uncertainties of {name!r} ({ordering} ordering)"
    table = data.get(ordering)
    if not isinstance(table, Mapping):
        if not any(k in data for k in UNCERTAINTY_KEYS):
            raise InvalidParameterError(f"{where}: no [{ordering}] table and no parameter keys "
                                        f"({', '.join(UNCERTAINTY_KEYS)})")
        table = {k: v for k, v in data.items() if k in UNCERTAINTY_KEYS}
    missing = [k for k in UNCERTAINTY_KEYS if k not in table]
    unknown = sorted(str(k) for k in table if k not in UNCERTAINTY_KEYS)
    if missing or unknown:
        raise InvalidParameterError(
            f"{where}: " + (f"missing {', '.join(missing)}" if missing else "")
            + ("; " if missing and unknown else "")
            + (f"unknown key(s) {', '.join(unknown)}" if unknown else "")
            + f"; the keys are {', '.join(UNCERTAINTY_KEYS)} (the Majorana phases are unknown: "
            "use phase_range)")
    inputs = tuple(_entry(where, k, table[k]) for k in UNCERTAINTY_KEYS) + (_gf_entry(),)
    return UncertaintyTable(name, source, ordering, inputs)


def _check_gf(table: UncertaintyTable) -> None:
    used = constant_info("G_F").value
    if Decimal(table["G_F"].central) != Decimal(used):
        raise InvalidParameterError(
            f"G_F of uncertainties.toml ({table['G_F'].central}) differs from the value V is computed "
            f"with (constants.toml: {used}); make them agree")


def _parameters(table: UncertaintyTable) -> dict[str, str]:
    """All preset keys for Model.from_preset: the table's central values and the preset's Majorana phases.

    For a built-in preset name the table's central values must equal the preset's.
    """
    params = table.central_parameters()
    phases = {"alpha21_deg": "0", "alpha31_deg": "0"}
    if table.name in PRESET_NAMES:
        preset = load_parameters(table.name, table.ordering)
        differ = [k for k in UNCERTAINTY_KEYS if Decimal(params[k]) != Decimal(getattr(preset, k))]
        if differ:
            raise InvalidParameterError(
                f"the central values of uncertainties.toml and presets.toml differ for {table.name!r} "
                f"({table.ordering}): " + ", ".join(f"{k} {params[k]} vs {getattr(preset, k)}" for k in differ))
        phases = {"alpha21_deg": preset.alpha21_deg, "alpha31_deg": preset.alpha31_deg}
    return {**params, **phases}


# ----------------------------------------------------------------------------- results
@dataclass(frozen=True)
class BudgetEntry:
    """One input of the budget: its values at +-1 sigma and the changes of V they cause (eV, per r).

    ``delta_plus_eV`` = V(input at ``plus_value``) - V0, ``delta_minus_eV`` =
    V(input at ``minus_value``) - V0; ``enters`` is False for an input that cannot
    change V (sin^2 theta_23; delta for Dirac neutrinos): both are then exactly 0.
    """

    name: str
    unit: str
    central: str
    plus_value: str
    minus_value: str
    delta_plus_eV: Any
    delta_minus_eV: Any
    enters: bool


@dataclass(frozen=True)
class MonteCarloResult:
    """The Monte Carlo cross-check (double precision): percentiles of V over ``samples`` draws.

    ``low_eV``, ``median_eV``, ``high_eV``: the 15.87th, 50th and 84.13th
    percentiles; ``sigma_plus_eV`` = high - V0 and ``sigma_minus_eV`` = V0 - low;
    ``stderr_plus_eV`` / ``stderr_minus_eV``: the sampling standard error of high and
    low (half the spread of the order statistics N p -+ sqrt(N p (1 - p)));
    ``rejected``: draws outside the physical range (e.g. sin^2 < 0), drawn again.
    """

    samples: int
    seed: int
    low_eV: Any
    median_eV: Any
    high_eV: Any
    sigma_plus_eV: Any
    sigma_minus_eV: Any
    stderr_plus_eV: Any
    stderr_minus_eV: Any
    rejected: int


def _number_out(x: Any, dps: int | None) -> Any:
    if dps is None:
        arr = np.asarray(x, dtype=float)
        return arr.tolist()
    if isinstance(x, (list, tuple, np.ndarray)):
        return [mpmath.nstr(v, dps) for v in np.asarray(x, dtype=object).reshape(-1)]
    return mpmath.nstr(x, dps)


@dataclass(frozen=True)
class UncertaintyResult:
    """What :func:`uncertainty` returns (V and the sigmas in eV, per r).

    Double precision (``dps=None``): NumPy floats of the shape of r (a scalar r
    gives NumPy scalars); ``dps=N``: mpmath numbers (a list for a sequence of r).
    ``r_m``: the distances in metres (floats). ``budget``: one
    :class:`BudgetEntry` per input of :data:`BUDGET_KEYS`. ``monte_carlo``: a
    :class:`MonteCarloResult` (double precision) or None. ``model``: the central
    :class:`nusym.model.Model`.
    """

    r_m: Any
    value_eV: Any
    sigma_plus_eV: Any
    sigma_minus_eV: Any
    budget: dict[str, BudgetEntry]
    monte_carlo: MonteCarloResult | None
    model: Model
    table: UncertaintyTable
    dps: int | None

    def relative(self) -> tuple[Any, Any]:
        """``(sigma_plus, sigma_minus) / |V|`` (inf where V = 0)."""
        if self.dps is None:
            v = np.abs(np.asarray(self.value_eV, dtype=float))
            with np.errstate(divide="ignore", invalid="ignore"):
                plus = np.where(v > 0, np.asarray(self.sigma_plus_eV) / np.where(v > 0, v, 1), np.inf)
                minus = np.where(v > 0, np.asarray(self.sigma_minus_eV) / np.where(v > 0, v, 1), np.inf)
            if np.ndim(self.value_eV) == 0:
                return plus[()], minus[()]
            return plus, minus
        single = not isinstance(self.value_eV, list)
        vs = [self.value_eV] if single else self.value_eV
        sp = [self.sigma_plus_eV] if single else self.sigma_plus_eV
        sm = [self.sigma_minus_eV] if single else self.sigma_minus_eV
        with mpmath.workdps(self.dps + 5):
            plus_mp = [p / abs(v) if v else mpmath.inf for p, v in zip(sp, vs, strict=True)]
            minus_mp = [m / abs(v) if v else mpmath.inf for m, v in zip(sm, vs, strict=True)]
        with mpmath.workdps(self.dps):
            plus_mp, minus_mp = [+x for x in plus_mp], [+x for x in minus_mp]
        return (plus_mp[0], minus_mp[0]) if single else (plus_mp, minus_mp)

    def _repr_html_(self) -> str:
        """V with its band per r, then the budget of the inputs (Jupyter)."""
        plus, minus = self.relative()
        digits = 6 if self.dps is None else min(self.dps, 15)
        values = html_columns(
            {"r (m)": self.r_m, "V (eV)": self.value_eV, "+sigma (eV)": self.sigma_plus_eV,
             "-sigma (eV)": self.sigma_minus_eV, "+sigma/|V|": plus, "-sigma/|V|": minus},
            caption=f"V(r) of Eq. (1) with its 1 sigma band ({self.table.name}, {self.table.ordering} "
                    f"ordering); model: {self.model.summary()}", digits=digits)

        def cells(x: Any) -> str:
            flat = [x] if not isinstance(x, (list, tuple, np.ndarray)) else list(np.ravel(x))
            shown = ", ".join(f"{float(v):.3g}" for v in flat[:4])
            return shown + (", …" if len(flat) > 4 else "")

        rows = [[k, e.central, e.unit, e.plus_value, e.minus_value, "yes" if e.enters else "no",
                 cells(e.delta_plus_eV), cells(e.delta_minus_eV)] for k, e in self.budget.items()]
        table = html_table(rows, header=["input", "central", "unit", "+1 sigma", "-1 sigma", "enters",
                                         "dV+ (eV)", "dV- (eV)"], caption="Budget: one input at a time")
        return values + "\n" + table

    def as_dict(self) -> dict[str, Any]:
        """Everything as plain Python data for JSON output (floats; decimal strings for ``dps=N``)."""
        dps = self.dps
        out: dict[str, Any] = {
            "method": METHOD,
            "preset": self.table.name,
            "ordering": self.table.ordering,
            "source": self.table.source,
            "model": self.model.summary(),
            "dps": dps,
            "r_m": np.asarray(self.r_m, dtype=float).tolist(),
            "V_eV": _number_out(self.value_eV, dps),
            "sigma_plus_eV": _number_out(self.sigma_plus_eV, dps),
            "sigma_minus_eV": _number_out(self.sigma_minus_eV, dps),
            "budget": {
                k: {"unit": e.unit, "central": e.central, "plus_value": e.plus_value,
                    "minus_value": e.minus_value, "enters": e.enters,
                    "dV_plus_eV": _number_out(e.delta_plus_eV, dps),
                    "dV_minus_eV": _number_out(e.delta_minus_eV, dps)}
                for k, e in self.budget.items()},
            "monte_carlo": None,
        }
        mc = self.monte_carlo
        if mc is not None:
            out["monte_carlo"] = {
                "samples": mc.samples, "seed": mc.seed, "rejected": mc.rejected,
                "quantiles": list(QUANTILES),
                **{k: np.asarray(getattr(mc, k), dtype=float).tolist()
                   for k in ("low_eV", "median_eV", "high_eV", "sigma_plus_eV", "sigma_minus_eV",
                             "stderr_plus_eV", "stderr_minus_eV")}}
        return out


# ----------------------------------------------------------------------------- the budget
def _enters(name: str, nature: str) -> bool:
    """Can this input change V? (sin^2 theta_23 never; delta only for Majorana neutrinos.)"""
    if name == "sin2_th23":
        return False
    if name == "delta_deg":
        return nature == "majorana"
    return True


def _mapping(table: UncertaintyTable, params: dict[str, str], label: str) -> dict[str, Any]:
    return {"name": label, "source": table.source, table.ordering: dict(params)}


def _evaluate(model: Model, r_eval: Any, a: Any, b: Any, dps: int | None) -> Any:
    """V for one model: a float array of the shape of r (double) or an object array of mpf."""
    v = potential(r_eval, a, b, model=model, dps=dps)
    if dps is None:
        return np.asarray(v, dtype=float)
    return np.array(v if isinstance(v, list) else [v], dtype=object)


def _emax(x: Any, y: Any) -> Any:
    return np.where(x > y, x, y)


def _sqrt(x: Any, dps: int | None) -> Any:
    if dps is None:
        return np.sqrt(x)
    return np.array([mpmath.sqrt(v) for v in np.asarray(x).reshape(-1)], dtype=object).reshape(np.shape(x))


def _unwrap(x: Any, scalar: bool, dps: int | None) -> Any:
    """Back to the caller's shape: a NumPy scalar / array (double), an mpf / list of mpf."""
    if dps is None:
        return x[()] if scalar else x
    with mpmath.workdps(dps):
        values = [+v for v in np.asarray(x).reshape(-1)]
    return values[0] if scalar else values


def _split_normal(rng: Any, item: InputUncertainty) -> float:
    """One draw of the split normal of ``item`` (half Gaussians of widths minus and plus)."""
    c, p, m = float(item.central), float(item.plus), float(item.minus)
    below = rng.random() < (m / (m + p) if m + p > 0 else 0.5)
    z = abs(rng.standard_normal())
    return c - z * m if below else c + z * p


def _order_stat_error(sorted_v: Any, q: float) -> Any:
    n = sorted_v.shape[0]
    s = math.sqrt(n * q * (1 - q))
    lo = min(max(math.floor(n * q - s), 0), n - 1)
    hi = min(max(math.ceil(n * q + s), 0), n - 1)
    return (sorted_v[hi] - sorted_v[lo]) / 2


def _monte_carlo(table: UncertaintyTable, params: dict[str, str], build: Any, r_m: Any, a: Any, b: Any,
                 v0: Any, nature: str, n: int, seed: int) -> MonteCarloResult:
    rng = np.random.default_rng(seed)
    varied = [table[k] for k in UNCERTAINTY_KEYS if _enters(k, nature)]
    gf = table["G_F"]
    values = np.empty((n,) + np.shape(r_m))
    k = rejected = 0
    while k < n:
        sample = dict(params)
        for item in varied:
            sample[item.name] = repr(_split_normal(rng, item))
        g_ratio = _split_normal(rng, gf) / float(gf.central)
        try:
            model = build(sample, f"{table.name} (Monte Carlo sample {k})")
        except NusymError:
            rejected += 1
            if rejected > n:
                raise InvalidParameterError(
                    f"more than {n} Monte Carlo draws of {table.name!r} fell outside the physical range "
                    "(sin^2 in [0, 1], Delta m^2 of the right sign); the 1 sigma ranges are too wide") from None
            continue
        values[k] = np.asarray(potential(r_m, a, b, model=model, dps=None), dtype=float) * g_ratio ** 2
        k += 1
    values.sort(axis=0)
    low, median, high = np.quantile(values, [QUANTILES[0], 0.5, QUANTILES[1]], axis=0)
    v0 = np.asarray(v0, dtype=float)
    return MonteCarloResult(
        samples=n, seed=seed, low_eV=low, median_eV=median, high_eV=high,
        sigma_plus_eV=high - v0, sigma_minus_eV=v0 - low,
        stderr_plus_eV=_order_stat_error(values, QUANTILES[1]),
        stderr_minus_eV=_order_stat_error(values, QUANTILES[0]), rejected=rejected)


def uncertainty(r: Any, a: Any, b: Any, *, preset: Any = DEFAULT_UNCERTAINTY_PRESET, ordering: str = "normal",
                lightest: Any = 0, nature: str = "dirac", delta: Any = None, alpha21: Any = None,
                alpha31: Any = None, dps: int | None = None, monte_carlo: int = 0,
                seed: int = 0) -> UncertaintyResult:
    """V(r) between ``a`` and ``b`` (Eq. (1)) with its 1 sigma band from the measured inputs.

    The linear budget (module docstring): every input of :data:`BUDGET_KEYS` is
    shifted alone to +1 sigma and to -1 sigma; positive changes of V add in
    quadrature into ``sigma_plus_eV``, negative ones into ``sigma_minus_eV`` (if
    both shifts move V the same way, the larger counts).  V is Eq. (1) of Segarra
    & Bernabeu 2020.

    Parameters
    ----------
    r : float or str or array_like
        Distances in metres as for :func:`nusym.numeric.potential.potential` (a
        sequence or array gives arrays).
    a, b : str
        Isotopes or materials (anything :func:`nusym.sources.parse_source` accepts).
    preset : str or Mapping, optional
        A preset with a 1 sigma table (:func:`load_uncertainties`: a name or a
        mapping); default ``"nufit-6.0"``.
    ordering : str, optional
        ``"normal"`` (default) or ``"inverted"``.
    lightest : float or str, optional
        The lightest mass in eV, held fixed (default 0).
    nature : {"dirac", "majorana"}, optional
        Default ``"dirac"``.
    delta : float or str, optional
        Hold the Dirac phase (degrees) fixed at this value instead of varying it
        over its 1 sigma range (its budget entry is then 0, ``enters`` False).
    alpha21, alpha31 : float or str, optional
        Majorana phases in degrees, held fixed (default: the preset's).
    dps : int, optional
        ``None`` (default): double precision (NumPy, ~1e-13 relative); ``N``:
        mpmath with N digits (5..1000).
    monte_carlo : int, optional
        0 (default, none) or 100 <= N <= 10^6: the Monte Carlo cross-check with N
        samples of all inputs at once (always double precision).
    seed : int, optional
        Seed of the Monte Carlo generator (default 0: reproducible).

    Returns
    -------
    UncertaintyResult
        ``value_eV``, ``sigma_plus_eV``, ``sigma_minus_eV`` per r, the ``budget``
        (one :class:`BudgetEntry` per input), ``monte_carlo`` (or None), the
        central ``model``; :meth:`UncertaintyResult.relative` gives the relative
        band.

    Raises
    ------
    nusym.errors.InvalidOptionError
        A bad ``monte_carlo``, ``seed``, ``dps`` or nature.
    nusym.errors.UnknownPresetError
        A preset without a 1 sigma table (:func:`uncertainty_presets`).
    nusym.errors.InvalidLengthError
        A distance without a unit, not positive or out of range.

    Examples
    --------
    >>> res = uncertainty([1e-6, 1e-5], "Fe-56", "Fe-56", lightest="0.1")
    >>> [round(100 * float(x), 4) for x in res.relative()[0]]   # sigma_plus / V in per cent
    [0.0084, 0.1496]
    >>> e = res.budget["dm3l_sq"]
    >>> e.plus_value, e.minus_value, bool(e.delta_plus_eV[1] < 0 < e.delta_minus_eV[1])
    ('0.002534', '0.002494', True)
    >>> res.budget["sin2_th23"].enters, float(res.budget["sin2_th23"].delta_plus_eV[0])
    (False, 0.0)
    """
    ordering = check_ordering(ordering)
    nature = check_nature(nature)
    dps = check_dps(dps, allow_none=True)
    n_mc = parse_int(monte_carlo, "monte_carlo", 0, MONTE_CARLO_MAX, error=InvalidOptionError)
    if 0 < n_mc < MONTE_CARLO_MIN:
        raise InvalidOptionError(
            f"monte_carlo must be 0 (no Monte Carlo) or between {MONTE_CARLO_MIN} and {MONTE_CARLO_MAX} "
            f"samples, got {monte_carlo!r}")
    seed = parse_int(seed, "seed", 0, 2**63 - 1, error=InvalidOptionError)
    r_m, scalar = lengths_double(r)
    if dps is not None:
        parse_lengths(r)  # the multi-precision path takes one length or a 1-d sequence
    r_eval = r_m if dps is None else r
    table = load_uncertainties(preset, ordering)
    _check_gf(table)
    params = _parameters(table)

    def build(values: dict[str, str], label: str) -> Model:
        return Model.from_preset(_mapping(table, values, label), ordering=ordering, lightest=lightest,
                                 nature=nature, delta=delta, alpha21=alpha21, alpha31=alpha31)

    central = build(params, table.name)
    wp = None if dps is None else dps + 10
    v0 = _evaluate(central, r_eval, a, b, dps)
    zero = np.zeros_like(v0, dtype=float) if dps is None else np.array([mpmath.mpf(0)] * v0.size, dtype=object)
    budget: dict[str, BudgetEntry] = {}
    up2: Any = zero.copy()
    down2: Any = zero.copy()
    ctx = mpmath.workdps(wp) if wp is not None else contextlib.nullcontext()
    with ctx:
        for item in table.inputs:
            plus_value, minus_value = item.value(1), item.value(-1)
            enters = item.name == "G_F" or _enters(item.name, nature) and not (
                item.name == "delta_deg" and delta is not None)
            if not enters:
                d_plus, d_minus = zero.copy(), zero.copy()
            elif item.name == "G_F":
                if dps is None:
                    g = float(item.central)
                    d_plus = v0 * ((float(plus_value) / g) ** 2 - 1)
                    d_minus = v0 * ((float(minus_value) / g) ** 2 - 1)
                else:
                    g = mpmath.mpf(item.central)
                    f_plus = (mpmath.mpf(plus_value) / g) ** 2 - 1
                    f_minus = (mpmath.mpf(minus_value) / g) ** 2 - 1
                    d_plus, d_minus = v0 * f_plus, v0 * f_minus
            else:
                shifted = []
                for side, value in ((1, plus_value), (-1, minus_value)):
                    label = f"{table.name} ({item.name} {'+' if side > 0 else '-'}1 sigma = {value})"
                    shifted.append(_evaluate(build({**params, item.name: value}, label), r_eval, a, b, dps) - v0)
                d_plus, d_minus = shifted
            up = _emax(_emax(d_plus, d_minus), zero)
            down = _emax(_emax(-d_plus, -d_minus), zero)
            up2 = up2 + up * up
            down2 = down2 + down * down
            budget[item.name] = BudgetEntry(item.name, item.unit, item.central, plus_value, minus_value,
                                            _unwrap(d_plus, scalar, dps), _unwrap(d_minus, scalar, dps), enters)
        sigma_plus, sigma_minus = _sqrt(up2, dps), _sqrt(down2, dps)
    mc = None
    if n_mc:
        v0_double = v0 if dps is None else np.array([float(v) for v in v0]).reshape(np.shape(r_m))
        mc = _monte_carlo(table, params, build, r_m, a, b, v0_double, nature, n_mc, seed)
        if scalar:
            mc = dataclasses.replace(mc, **{f.name: getattr(mc, f.name)[()] for f in dataclasses.fields(mc)
                                            if isinstance(getattr(mc, f.name), np.ndarray)})
    return UncertaintyResult(
        r_m=r_m[()] if scalar else r_m, value_eV=_unwrap(v0, scalar, dps),
        sigma_plus_eV=_unwrap(sigma_plus, scalar, dps), sigma_minus_eV=_unwrap(sigma_minus, scalar, dps),
        budget=budget, monte_carlo=mc, model=central, table=table, dps=dps)


# ----------------------------------------------------------------------------- the phases
class PhaseCoefficients(NamedTuple):
    """``V_M = a0 + b12 cos(alpha21) + b13 cos(alpha31 - 2 delta) + b23 cos(alpha21 - alpha31 + 2 delta)``.

    Per r (arrays or mpf lists like V; eV); ``delta_deg`` is the delta the
    coefficients were fitted at (they do not depend on it; only the phase of the
    b13, b23 terms does).
    """

    a0: Any
    b12: Any
    b13: Any
    b23: Any
    delta_deg: str

    def value(self, alpha21: Any, alpha31: Any, delta: Any = None) -> Any:
        """The trigonometric polynomial at the phases (degrees; delta defaults to ``delta_deg``)."""
        d = float(self.delta_deg if delta is None else delta)
        t1 = math.radians(float(alpha21))
        t2 = math.radians(float(alpha31) - 2 * d)
        return _poly(self, t1, t2)


def _poly(c: PhaseCoefficients, t1: Any, t2: Any) -> Any:
    cos = mpmath.cos if isinstance(t1, mpmath.mpf) else math.cos
    return c.a0 + c.b12 * cos(t1) + c.b13 * cos(t2) + c.b23 * cos(t1 - t2)


class PhaseRange(NamedTuple):
    """The range of V over the Majorana phases: ``(v_min, v_max, argmin, argmax)``.

    ``v_min``, ``v_max`` in eV, per r like V; ``argmin``, ``argmax``: dictionaries
    ``{"alpha21": ..., "alpha31": ..., "delta": ...}`` of phases in degrees in
    [0, 360) (per r) where the extremes are reached.
    """

    v_min: Any
    v_max: Any
    argmin: dict[str, Any]
    argmax: dict[str, Any]

    def _repr_html_(self) -> str:
        """The extremes and where they are reached, per r (Jupyter)."""
        return html_columns(
            {"V min (eV)": self.v_min, "alpha21 at min (deg)": self.argmin["alpha21"],
             "alpha31 at min (deg)": self.argmin["alpha31"], "V max (eV)": self.v_max,
             "alpha21 at max (deg)": self.argmax["alpha21"], "alpha31 at max (deg)": self.argmax["alpha31"],
             "delta (deg)": self.argmax["delta"]},
            caption="Range of V over the Majorana phases alpha21, alpha31 in [0, 360) deg")


def _angle_decimal(value: Any, name: str) -> Decimal:
    """A phase in degrees as an exact decimal (validated by :func:`nusym.inputs.parse_angle_deg`)."""
    x = parse_angle_deg(value, name)
    if isinstance(value, str):
        text = value.strip()
        for suffix in ("deg", "\u00b0"):
            text = text.removesuffix(suffix)
        return _CONTEXT.create_decimal(text.strip())
    if isinstance(value, float):
        return _CONTEXT.create_decimal(repr(float(value)))
    if isinstance(value, int) and not isinstance(value, bool):
        return _CONTEXT.create_decimal(value)
    with mpmath.workdps(60):
        return _CONTEXT.create_decimal(mpmath.nstr(x, 50))


def _mod360(d: Decimal) -> str:
    """``d`` reduced to [0, 360) (Decimal's % keeps the sign of the dividend)."""
    rem = _CONTEXT.remainder(d, Decimal(360))
    return _text(_CONTEXT.add(rem, Decimal(360)) if rem < 0 else rem)


def _majorana_model(preset: Any, ordering: str, lightest: Any, t1: int, t2: int, delta: Decimal) -> Model:
    alpha31 = _mod360(_CONTEXT.add(Decimal(t2), _CONTEXT.multiply(Decimal(2), delta)))
    return Model.from_preset(preset, ordering=ordering, lightest=lightest, nature="majorana",
                             delta=_text(delta), alpha21=str(t1), alpha31=alpha31)


def _preset_key(preset: Any) -> Any:
    return dict(preset) if isinstance(preset, Mapping) else preset


def phase_coefficients(r: Any, a: Any, b: Any, *, preset: Any = DEFAULT_UNCERTAINTY_PRESET,
                       ordering: str = "normal", lightest: Any = 0, delta: Any = None,
                       dps: int | None = None) -> PhaseCoefficients:
    """The exact phase structure of the Majorana V(r) (Eqs. 1, 5, 6): its four coefficients per r.

    ``V_M = a0 + b12 cos(alpha21) + b13 cos(alpha31 - 2 delta) + b23 cos(alpha21 - alpha31 + 2 delta)``
    (module docstring), fitted from V at (alpha21, alpha31 - 2 delta) = (0 or 180,
    0 or 180) degrees and checked at (120, 45) degrees (a
    :class:`nusym.errors.VerificationError` if the check fails: 1e-10 of
    ``|a0| + |b12| + |b13| + |b23|`` in double precision, 10^-(dps-3) with ``dps``). A
    coefficient at the rounding level (1e-12 of that sum, 10^-(dps-2)) is set to 0:
    b12 and b13 are exactly 0 when m1 = 0 (axial and vector Majorana kernels of
    Eq. (6) coincide when m_i m_j = 0).

    Parameters
    ----------
    r, a, b, preset, ordering, lightest, dps
        As for :func:`phase_range`.
    delta : float or str, optional
        The Dirac phase in degrees at which the coefficients are fitted (default:
        the preset's).

    Returns
    -------
    PhaseCoefficients
        ``a0``, ``b12``, ``b13``, ``b23`` (eV, per r like V) and ``delta_deg``;
        :meth:`PhaseCoefficients.value` evaluates the polynomial at any phases.

    Raises
    ------
    nusym.errors.VerificationError
        The check at the fifth point fails.

    Examples
    --------
    >>> c = phase_coefficients("10um", "Fe-56", "Fe-56", lightest=0)
    >>> float(c.b12), float(c.b13), round(float(c.b23 / c.a0), 5)
    (0.0, 0.0, -0.00158)
    """
    ordering = check_ordering(ordering)
    dps = check_dps(dps, allow_none=True)
    r_m, scalar = lengths_double(r)
    r_eval = r_m if dps is None else r
    preset = _preset_key(preset)
    d = (_CONTEXT.create_decimal(load_parameters(preset, ordering).delta_deg) if delta is None
         else _angle_decimal(delta, "delta"))
    v = [_evaluate(_majorana_model(preset, ordering, lightest, t1, t2, d), r_eval, a, b, dps)
         for t1, t2 in _FIT_POINTS + (_CHECK_POINT,)]
    ctx = mpmath.workdps(dps + 10) if dps is not None else contextlib.nullcontext()
    with ctx:
        v00, v10, v01, v11, check = v
        a0 = (v00 + v10 + v01 + v11) / 4
        b12 = (v00 - v10 + v01 - v11) / 4
        b13 = (v00 + v10 - v01 - v11) / 4
        b23 = (v00 - v10 - v01 + v11) / 4
        c = PhaseCoefficients(a0, b12, b13, b23, _text(d))
        if dps is None:
            t1, t2 = math.radians(_CHECK_POINT[0]), math.radians(_CHECK_POINT[1])
            tol = 1e-10
        else:
            t1, t2 = mpmath.radians(_CHECK_POINT[0]), mpmath.radians(_CHECK_POINT[1])
            tol = mpmath.mpf(10) ** (-(dps - 3))
        predicted = _poly(c, t1, t2)
        scale = abs(a0) + abs(b12) + abs(b13) + abs(b23)
        bad = np.asarray(abs(check - predicted) > tol * scale, dtype=bool)
        if bad.any():
            raise VerificationError(
                "the Majorana potential does not follow the trigonometric polynomial of its phases at "
                f"(alpha21, alpha31 - 2 delta) = {_CHECK_POINT} deg "
                f"(r = {np.asarray(r_m).reshape(-1)[bad.reshape(-1)][0]} m)")
        # a coefficient at the rounding level of V is 0 (e.g. b12, b13 for a massless m1)
        noise = (mpmath.mpf("1e-12") if dps is None else mpmath.mpf(10) ** (-(dps - 2))) * scale
        b12, b13, b23 = (np.where(abs(x) <= noise, 0 * x, x) for x in (b12, b13, b23))
    u = [_unwrap(x, scalar, dps) for x in (a0, b12, b13, b23)]
    return PhaseCoefficients(u[0], u[1], u[2], u[3], _text(d))


def _max_trig(b1: Any, b2: Any, b3: Any) -> tuple[Any, Any, Any]:
    """max over (t1, t2) of b1 cos t1 + b2 cos t2 + b3 cos(t1 - t2): (value, t1, t2), exactly.

    At fixed t1 the maximum over t2 is |b2 + b3 e^(i t1)| at t2 = arg(b2 + b3 e^(i t1));
    g(c) = b1 c + sqrt(b2^2 + b3^2 + 2 b2 b3 c) (c = cos t1) is concave on [-1, 1], so
    its maximum is at c = -1, 1 or where g'(c) = 0, i.e. sqrt(...) = -b2 b3 / b1.
    Works on mpf at the current precision.
    """
    one = mpmath.mpf(1)
    cands = [-one, one]
    if b1 != 0 and b2 * b3 != 0:
        h = -b2 * b3 / b1
        if h > 0:
            c = (h * h - b2 * b2 - b3 * b3) / (2 * b2 * b3)
            if -1 < c < 1:
                cands.append(c)

    def g(c: Any) -> Any:
        return b1 * c + mpmath.sqrt(max(b2 * b2 + b3 * b3 + 2 * b2 * b3 * c, 0))

    best = max(cands, key=g)
    t1 = mpmath.acos(best)
    z = b2 + b3 * mpmath.expj(t1)
    t2 = mpmath.arg(z) if z != 0 else mpmath.mpf(0)
    value = b1 * mpmath.cos(t1) + b2 * mpmath.cos(t2) + b3 * mpmath.cos(t1 - t2)
    return value, t1, t2


def _delta_window(delta_range: Any, preset: Any, ordering: str, central: Decimal) -> Decimal:
    """The delta used for the reported phases when ``delta_range`` is given (any delta gives the same range)."""
    if isinstance(delta_range, str):
        check_choice(delta_range, "delta_range", ("1sigma",))
        if isinstance(preset, str) and preset in uncertainty_presets():
            item = load_uncertainties(preset, ordering)["delta_deg"]
            lo, hi = Decimal(item.value(-1)), Decimal(item.value(1))
        else:
            raise UnknownPresetError(
                f"delta_range='1sigma' needs a preset with a 1 sigma table ({', '.join(uncertainty_presets())}), "
                f"got {preset!r}; or give delta_range=(low, high) in degrees")
    else:
        if isinstance(delta_range, (str, bytes)) or not hasattr(delta_range, "__len__") or len(delta_range) != 2:
            raise InvalidOptionError(
                f"delta_range must be None, '1sigma' or a pair (low, high) of degrees, got {delta_range!r}")
        lo, hi = (_angle_decimal(x, "delta_range") for x in delta_range)
        if lo > hi:
            raise InvalidOptionError(f"delta_range must have low <= high, got {delta_range!r}")
    return central if lo <= central <= hi else lo


def phase_range(r: Any, a: Any, b: Any, *, preset: Any = DEFAULT_UNCERTAINTY_PRESET, ordering: str = "normal",
                lightest: Any = 0, nature: str = "majorana", delta: Any = None, delta_range: Any = None,
                dps: int | None = None) -> PhaseRange:
    """The global minimum and maximum of V(r) over the Majorana phases alpha21, alpha31 in [0, 360) deg.

    Exact (module docstring): the Majorana V of Eq. (1) with the weights of
    Eq. (6) of Segarra & Bernabeu 2020 is the trigonometric polynomial of
    :func:`phase_coefficients`, and its extremes are found in closed form (a
    concave function of cos alpha21 maximised over [-1, 1]), not by a search.

    Parameters
    ----------
    r : float or str or array_like
        Distances in metres as for :func:`nusym.numeric.potential.potential`.
    a, b : str
        Isotopes or materials.
    preset : str or Mapping, optional
        Anything :meth:`nusym.Model.from_preset` accepts (default ``"nufit-6.0"``).
    ordering : str, optional
        ``"normal"`` (default) or ``"inverted"``.
    lightest : float or str, optional
        The lightest mass in eV (default 0).
    nature : {"majorana", "dirac"}, optional
        Default ``"majorana"``.  For ``"dirac"`` V does not depend on any phase:
        ``v_min = v_max = V`` and the phases are the preset's.
    delta : float or str, optional
        The Dirac phase in degrees (default: the preset's).
    delta_range : tuple of float, or "1sigma", optional
        ``(low, high)`` degrees, or ``"1sigma"`` (the preset's 1 sigma range): let
        delta vary too -- which changes nothing (delta only shifts
        alpha31 - 2 delta, which alpha31 spans anyway); the phases reported then
        use the central delta (or ``low`` if the central one is outside).  Not
        together with ``delta``.
    dps : int, optional
        ``None`` (default): double precision; ``N``: mpmath with N digits.

    Returns
    -------
    PhaseRange
        ``(v_min, v_max, argmin, argmax)``: V in eV per r, and the phases
        ``{"alpha21", "alpha31", "delta"}`` (degrees in [0, 360)) where each
        extreme is reached.

    Raises
    ------
    nusym.errors.InvalidOptionError
        Both ``delta`` and ``delta_range``, an empty ``delta_range``, or another
        bad option.

    Examples
    --------
    >>> lo, hi, at_lo, at_hi = phase_range("10um", "Fe-56", "Fe-56", lightest="0.1")
    >>> round(float(hi / lo), 3), float(at_hi["alpha21"]), float(at_lo["alpha21"]), float(at_lo["alpha31"])
    (3.999, 180.0, 0.0, 64.0)
    """
    ordering = check_ordering(ordering)
    nature = check_nature(nature)
    dps = check_dps(dps, allow_none=True)
    r_m, scalar = lengths_double(r)
    preset = _preset_key(preset)
    params = load_parameters(preset, ordering)
    if delta is not None and delta_range is not None:
        raise InvalidOptionError("give delta (a fixed Dirac phase) or delta_range, not both")
    d = _CONTEXT.create_decimal(params.delta_deg) if delta is None else _angle_decimal(delta, "delta")
    if delta_range is not None:
        d = _delta_window(delta_range, preset, ordering, d)
    if nature == "dirac":
        model = Model.from_preset(preset, ordering=ordering, lightest=lightest, nature="dirac", delta=_text(d))
        value = _unwrap(_evaluate(model, r_m if dps is None else r, a, b, dps), scalar, dps)
        number = float if dps is None else mpmath.mpf
        phases = {"alpha21": number(params.alpha21_deg), "alpha31": number(params.alpha31_deg),
                  "delta": number(_text(d))}
        return PhaseRange(value, value, dict(phases), dict(phases))
    coeffs = phase_coefficients(r, a, b, preset=preset, ordering=ordering, lightest=lightest, delta=_text(d),
                                dps=dps)
    flat = [np.asarray(x if dps is None else (x if isinstance(x, list) else [x]), dtype=object).reshape(-1)
            for x in coeffs[:4]]
    wp = 30 if dps is None else dps + 10
    out: dict[str, list[Any]] = {k: [] for k in ("vmin", "vmax", "min21", "min31", "max21", "max31")}
    with mpmath.workdps(wp):
        two_delta = 2 * mpmath.mpf(_text(d))
        for a0, b12, b13, b23 in zip(*flat, strict=True):
            a0, b12, b13, b23 = (mpmath.mpf(x) for x in (a0, b12, b13, b23))
            hi, t1_hi, t2_hi = _max_trig(b12, b13, b23)
            lo, t1_lo, t2_lo = _max_trig(-b12, -b13, -b23)
            out["vmax"].append(a0 + hi)
            out["vmin"].append(a0 - lo)
            for key, t1, t2 in (("max", t1_hi, t2_hi), ("min", t1_lo, t2_lo)):
                out[key + "21"].append(mpmath.degrees(t1) % 360)
                out[key + "31"].append((mpmath.degrees(t2) + two_delta) % 360)

    def shaped(values: list[Any]) -> Any:
        if dps is None:
            arr = np.array([float(x) for x in values]).reshape(np.shape(r_m))
            return arr[()] if scalar else arr
        with mpmath.workdps(dps):
            rounded = [+x for x in values]
        return rounded[0] if scalar else rounded

    delta_out = float(d) if dps is None else mpmath.mpf(_text(d))
    return PhaseRange(
        shaped(out["vmin"]), shaped(out["vmax"]),
        {"alpha21": shaped(out["min21"]), "alpha31": shaped(out["min31"]), "delta": delta_out},
        {"alpha21": shaped(out["max21"]), "alpha31": shaped(out["max31"]), "delta": delta_out})
