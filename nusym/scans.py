"""Scans at scale: V(r) of Eq. (1) over a grid of sources and neutrino models, as an xarray Dataset.

:func:`scan` evaluates the two-neutrino-exchange potential of Eq. (1) of
Segarra & Bernabeu, Phys. Rev. D 101, 093004 (2020) on the Cartesian product of
a *grid*: pairs of sources, natures, orderings, lightest masses, presets, phases
and distances r. The grid is a mapping or a TOML file (``docs/scan.md``)::

    pairs = [["Fe-56", "Fe-56"], ["W", "Be"]]
    nature = ["dirac", "majorana"]
    lightest = {from = "1e-4eV", to = "0.1eV", points = 200, spacing = "log"}
    r = {from = "1um", to = "1mm", points = 1000, spacing = "log"}

A key given as a list (or a ``{from, to, points, spacing}`` range) is a dimension
of the result, a single value a scalar coordinate; ``pairs`` and ``r`` are always
dimensions. The result holds ``V_eV(pair, nature, ordering, lightest, preset,
delta, alpha21, alpha31, r)`` (the dimensions that were given, in this order).

**Extended bodies**: with ``geometry`` (``"sphere-plane"``, ``"sphere-sphere"``,
``"plane-plane"``; one or a list) and surface-to-surface distances ``gap``
instead of ``r``, and the geometry parameters ``radius1``, ``radius2``,
``thickness1``, ``thickness2``, ``density1``, ``density2`` (values or lists, as
the model keys), the result holds ``force_N`` and ``energy_J`` (per m^2 for
``plane-plane``) with dimensions ``pair``, the model keys, the geometry keys and
``gap``, each configuration one call of :func:`nusym.geometry.interaction` over
all gaps (double precision)::

    pairs = [["Au", "Si"]]
    geometry = "sphere-plane"
    radius1 = ["50um", "100um"]
    gap = {from = "1um", to = "100um", points = 50}

Double precision (the default, ``precision = "double"``) is **batched**: one
node set of the shared rule of :mod:`nusym.numeric.spectral` serves every
configuration of the scan (the rule of the smallest non-zero mass is valid for
all), the spectral coefficients c[pair of states, config, node] are computed in
one NumPy pass from the factorised kernels of :mod:`nusym.numeric.kernels`, and

    V(r) = prefactor / r * sum_(i<=j) exp(-m_i r) exp(-m_j r) sum_n c_n exp(-x_n r)

is one matrix product (BLAS, one thread) per block of 128 sorted distances, over
the nodes that block needs (x_n r <= 80), followed by a few element-wise passes.
Configurations with the same masses (other sources, phases) share their node
sums. 200 lightest masses x 1000 r take ~19 ms of CPU, ~16x less than 200 calls
of ``potential(dps=None)`` (``docs/scan.md``, ``benchmarks/bench_scan.py``).
``dps = N`` uses the verified mpmath route of
:func:`nusym.numeric.potential.potential` per configuration instead (slow; the
values are then rounded to doubles).

Chunks of configurations are independent tasks: serial without dask
(``workers=1``), local processes (``workers=N``) or an existing
dask.distributed cluster (``scheduler="tcp://host:8786"``). With ``out=FILE.nc``
each finished chunk is written at once (atomically) as
``FILE.nc.parts/<grid hash>/part-NNNNN.nc``, so that re-running the same scan
resumes; the parts are then combined into ``FILE.nc`` (netCDF, written atomically).

>>> ds = scan({"pairs": [["Fe-56", "Fe-56"]], "lightest": [0, "0.1eV"], "r": ["1um", "10um"]})
>>> ds.V_eV.dims
('pair', 'lightest', 'r')
>>> float("%.8g" % ds.V_eV.sel(pair="Fe-56|Fe-56", lightest=0.1, r=1e-6))
1.6391341e-49
>>> ds = scan({"pairs": [["Au", "Si"]], "geometry": "sphere-plane", "radius1": ["50um", "100um"],
...            "gap": ["1um", "10um"]})
>>> ds.force_N.dims, ds.force_N.attrs["units"]
(('pair', 'radius1', 'gap'), 'N')
>>> float("%.4g" % ds.force_N.sel(pair="Au|Si", radius1=50e-6, gap=1e-6))
3.416e-38
"""

from __future__ import annotations

import contextlib
import dataclasses
import decimal
import functools
import hashlib
import itertools
import json
import math
import os
import threading
from collections.abc import Mapping, Sequence
from typing import Any

import mpmath
import numpy as np

try:        # optional (extra "scan"): one BLAS thread per chunk, see one_blas_thread
    from threadpoolctl import ThreadpoolController
except ImportError:     # pragma: no cover
    ThreadpoolController = None

from nusym._version import __version__
from nusym.constants import constant_float
from nusym.errors import InvalidLengthError, InvalidMaterialError, InvalidOptionError
from nusym.geometry import (
    GEOMETRIES,
    body_length,
    interaction,
    number_density,
    surface_gaps,
)
from nusym.inputs import (
    MASS_MAX_EV,
    check_choice,
    check_dps,
    check_nature,
    check_ordering,
    lengths_double,
    parse_angle_deg,
    parse_density,
    parse_int,
    parse_length_value,
    parse_mass,
)
from nusym.io import atomic_write_bytes, check_writable_dir
from nusym.model import Model
from nusym.numeric.config import configure, prefactor_float
from nusym.numeric.kernels import g_numpy, terms
from nusym.numeric.potential import potential
from nusym.numeric.spectral import DIRECT_CUT, Rule, make_rule, rule_range
from nusym.presets import DEFAULT_PRESET, PRESET_NAMES, load_parameters
from nusym.progress import Progress
from nusym.resources import tomllib
from nusym.sources import parse_source

__all__ = [
    "BODY_GEOMETRIES",
    "DEFAULT_CHUNK",
    "GEOMETRY_KEYS",
    "GRID_KEYS",
    "MODEL_KEYS",
    "SCAN_DIGITS",
    "ScanPlan",
    "batched_potential",
    "load_grid",
    "one_blas_thread",
    "plan_scan",
    "scan",
    "scan_rule",
]

#: the model keys of a grid, in the order of the dimensions of the result
MODEL_KEYS = ("nature", "ordering", "lightest", "preset", "delta", "alpha21", "alpha31")
#: the geometry keys of a grid of extended bodies, in the order of the dimensions of the result
GEOMETRY_KEYS = ("geometry", "radius1", "radius2", "thickness1", "thickness2", "density1", "density2")
#: every key a grid may hold
GRID_KEYS = ("pairs",) + MODEL_KEYS + GEOMETRY_KEYS + ("r", "gap", "precision", "dps", "chunk")
#: the geometries of a grid (those of nusym.geometry.interaction: not "atoms", which is ``r``)
BODY_GEOMETRIES = tuple(g for g in GEOMETRIES if g != "atoms")
#: the lengths each geometry uses (as nusym.geometry.interaction): body A is the sphere of sphere-plane
_USES = {"sphere-sphere": ("radius1", "radius2"), "sphere-plane": ("radius1", "thickness2"),
         "plane-plane": ("thickness1", "thickness2")}
_ROLES = {"sphere-sphere": "body A and body B are spheres; lengths radius1, radius2",
          "sphere-plane": "body A is the sphere, body B the plate; lengths radius1, thickness2",
          "plane-plane": "two plates; lengths thickness1, thickness2 (default: half-spaces)"}
_HALF_SPACE = "half-space"
#: configurations per chunk (task) unless the grid sets ``chunk``
DEFAULT_CHUNK = 128
#: digits of the batched scan's rule (:func:`nusym.numeric.spectral.make_rule`): measured against the
#: same sum with a 20-digit rule, 12 digits (h = 0.23) leave 2e-14, 13-16 digits the rounding noise of
#: the sum (2-6e-15), over both natures and orderings, lightest 0 - 0.5 eV, r = 1 nm - 1 mm
SCAN_DIGITS = 14
#: distances per block of the batched sum: a block keeps only the nodes with x r <= DIRECT_CUT at its
#: smallest r, and its intermediate arrays (configurations x pairs x block) stay in cache
R_BLOCK = 128
#: mass pairs per vectorised kernel evaluation (nodes x G_BLOCK temporaries of a few hundred kB)
G_BLOCK = 256
#: configurations per pass of the batched sum (a task's chunk is cut into these)
ROW_BLOCK = 32
#: share the node sums of configurations with the same masses (see _kind_values); False: never
SHARE_MASSES = True
#: units of the coordinates
_UNITS = {"lightest": "eV", "delta": "deg", "alpha21": "deg", "alpha31": "deg", "r": "m", "gap": "m",
          "radius1": "m", "radius2": "m", "thickness1": "m", "thickness2": "m",
          "density1": "kg/m^3", "density2": "kg/m^3"}
_RANGE_KEYS = ("from", "to", "points", "spacing")
_SPACINGS = ("log", "linear")
_MAX_POINTS = 10**7


# ----------------------------------------------------------------------------- the grid
def load_grid(grid: Any) -> dict[str, Any]:
    """The grid as a plain dict: ``grid`` itself (a mapping) or the TOML file it names.

    >>> load_grid({"pairs": [["Fe-56", "Fe-56"]], "r": "1um"})["r"]
    '1um'
    """
    if isinstance(grid, Mapping):
        return dict(grid)
    if isinstance(grid, (str, os.PathLike)):
        path = os.fspath(grid)
        try:
            with open(path, "rb") as fh:
                return tomllib.load(fh)
        except OSError as exc:
            raise InvalidOptionError(f"cannot read the grid file {path!r}: {exc.strerror or exc}") from None
        except tomllib.TOMLDecodeError as exc:
            raise InvalidOptionError(f"the grid file {path!r} is not valid TOML: {exc}") from None
    raise InvalidOptionError(f"a grid is a mapping or the path of a TOML file, got {type(grid).__name__}")


def _range(spec: Mapping, key: str, parse: Any, log_ok: bool) -> list[float]:
    unknown = sorted(set(spec) - set(_RANGE_KEYS))
    missing = [k for k in ("from", "to", "points") if k not in spec]
    if unknown or missing:
        raise InvalidOptionError(
            f"{key}: a range is a table {{from = ..., to = ..., points = N, spacing = \"log\"|\"linear\"}}"
            + (f"; unknown key(s) {', '.join(unknown)}" if unknown else "")
            + (f"; missing {', '.join(missing)}" if missing else ""))
    lo, hi = parse(spec["from"], f"{key}.from"), parse(spec["to"], f"{key}.to")
    points = parse_int(spec["points"], f"{key}.points", 1, _MAX_POINTS, error=InvalidOptionError)
    spacing = check_choice(spec.get("spacing", "log" if log_ok else "linear"), f"{key}.spacing", _SPACINGS)
    if spacing == "log":
        if not log_ok or lo <= 0 or hi <= 0:
            raise InvalidOptionError(f"{key}: spacing 'log' needs positive ends, got from = {spec['from']!r}, "
                                     f"to = {spec['to']!r}; use spacing = \"linear\"")
        values = np.geomspace(lo, hi, points)
    else:
        values = np.linspace(lo, hi, points)
    if points > 1:
        values[0], values[-1] = lo, hi
    return [float(v) for v in values]


def _values(raw: Any, key: str, parse: Any, log_ok: bool = True) -> tuple[list[Any], bool]:
    """(validated values, is a dimension) of one grid key."""
    if isinstance(raw, Mapping):
        return _range(raw, key, parse, log_ok), True
    if isinstance(raw, (list, tuple)):
        if not raw:
            raise InvalidOptionError(f"{key}: the list of values is empty")
        return [parse(v, key) for v in raw], True
    return [parse(raw, key)], False


def _mass(value: Any, what: str) -> float:
    if type(value) is float and 0.0 <= value <= MASS_MAX_EV:
        # what parse_mass returns for a float (the decimal it prints as, read back), without mpmath
        return value + 0.0
    return float(parse_mass(value, what))


def _angle(value: Any, what: str) -> float:
    return float(parse_angle_deg(value, what))


def _length(value: Any, what: str) -> float:
    with mpmath.workdps(30):
        return float(parse_length_value(value, what))


def _preset(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidOptionError(f"{what}: a preset is a name (segarra2020, nufit-6.0) or the path of a "
                                 f"TOML file, got {value!r}")
    Model.from_preset(value.strip())   # fails now, with the preset's own message, if unknown
    return value.strip()


def _geometry(value: Any, what: str) -> str:
    return check_choice(value, what, BODY_GEOMETRIES)


def _body_length(value: Any, what: str) -> float:
    """A radius: one length in metres, read as nusym.geometry.interaction reads it."""
    return body_length(value, what)


def _thickness(value: Any, what: str) -> float:
    """A plate's thickness in metres, or ``"half-space"`` (math.inf: an unbounded plate)."""
    if isinstance(value, str) and value.strip().lower() == _HALF_SPACE:
        return math.inf
    try:
        return body_length(value, what)
    except InvalidLengthError as exc:
        raise InvalidLengthError(f"{exc} (or \"{_HALF_SPACE}\" for an unbounded plate)") from None


def _density(value: Any, what: str) -> float:
    try:
        return parse_density(value)
    except InvalidOptionError:
        raise
    except Exception as exc:   # noqa: BLE001  (InvalidParameterError: name the key)
        raise type(exc)(f"{what}: {exc}") from None


def _gap(value: Any, what: str) -> float:
    gaps, scalar = surface_gaps(value, what)
    if not scalar:
        raise InvalidLengthError(f"{what}: expected a single length, got {gaps.size} values")
    return float(gaps)


def _pairs(raw: Any) -> list[tuple[str, str]]:
    if isinstance(raw, (list, tuple)) and len(raw) == 2 and all(isinstance(v, str) for v in raw):
        raw = [raw]     # one pair
    if not isinstance(raw, (list, tuple)) or not raw:
        raise InvalidOptionError("pairs: a list of pairs of sources, e.g. [[\"Fe-56\", \"Fe-56\"], [\"W\", \"Be\"]]")
    out = []
    for item in raw:
        if not isinstance(item, (list, tuple)) or len(item) != 2:
            raise InvalidOptionError(f"pairs: each pair is [A, B] (two sources), got {item!r}")
        out.append((parse_source(item[0]).label, parse_source(item[1]).label))
    labels = [f"{a}|{b}" for a, b in out]
    dup = sorted({x for x in labels if labels.count(x) > 1})
    if dup:
        raise InvalidOptionError(f"pairs: {', '.join(dup)} given more than once")
    return out


@dataclasses.dataclass(frozen=True)
class ScanPlan:
    """A validated grid: the dimensions, their coordinates, the precision and the chunking."""

    pairs: tuple[tuple[str, str], ...]
    model_values: tuple[tuple[str, tuple[Any, ...], bool], ...]   # (key, values, is a dimension)
    r_m: tuple[float, ...]
    dps: int | None
    chunk: int
    digest: str
    #: extended bodies: (key, values, is a dimension) of GEOMETRY_KEYS (empty for atom pairs)
    geometry_values: tuple[tuple[str, tuple[Any, ...], bool], ...] = ()
    #: extended bodies: the gaps (metres) instead of ``r_m``
    gap_m: tuple[float, ...] = ()

    @property
    def bodies(self) -> bool:
        """True for a scan of extended bodies (``geometry`` and ``gap``), False for atom pairs (``r``)."""
        return bool(self.geometry_values)

    @property
    def last(self) -> str:
        """The name of the last dimension: ``"gap"`` or ``"r"``."""
        return "gap" if self.bodies else "r"

    @property
    def points(self) -> tuple[float, ...]:
        """The values (metres) of the last dimension."""
        return self.gap_m if self.bodies else self.r_m

    @property
    def variables(self) -> tuple[str, ...]:
        return ("force_N", "energy_J") if self.bodies else ("V_eV",)

    @property
    def dims(self) -> tuple[str, ...]:
        keys = self.model_values + self.geometry_values
        return ("pair",) + tuple(k for k, _, is_dim in keys if is_dim) + (self.last,)

    @property
    def shape(self) -> tuple[int, ...]:
        keys = self.model_values + self.geometry_values
        return (len(self.pairs),) + tuple(len(v) for _, v, d in keys if d) + (len(self.points),)

    @property
    def configurations(self) -> int:
        return int(np.prod(self.shape[:-1]))

    @property
    def chunks(self) -> int:
        return -(-self.configurations // self.chunk)

    def configuration(self, index: int) -> tuple[tuple[str, str], dict[str, Any]]:
        """(pair, keyword arguments of Model.from_preset) of flat configuration ``index``.

        For extended bodies the keyword arguments also hold the GEOMETRY_KEYS.
        """
        sizes = self.shape[:-1]
        pos = np.unravel_index(index, sizes)
        pair = self.pairs[int(pos[0])]
        kwargs: dict[str, Any] = {}
        k = 1
        for key, values, is_dim in self.model_values + self.geometry_values:
            if is_dim:
                kwargs[key] = values[int(pos[k])]
                k += 1
            else:
                kwargs[key] = values[0]
        return pair, kwargs

    def smallest_mass(self) -> float:
        """The smallest non-zero mass (eV) of any configuration of the scan (0.0 if none).

        Every mass is at least the lightest one, so this is the smallest positive
        ``lightest`` of the grid or, where ``lightest = 0`` is in the grid, the
        smallest non-zero mass of those spectra.
        """
        spec = {k: v for k, v, _ in self.model_values}
        found = [float(v) for v in spec["lightest"] if v > 0]
        if any(v == 0 for v in spec["lightest"]):
            for ordering, preset in itertools.product(spec["ordering"], spec["preset"]):
                found += [m for m in Model.from_preset(preset, ordering=ordering).masses_float if m > 0]
        return min(found) if found else 0.0


def _preset_fingerprint(preset: Any) -> str:
    """A built-in preset's name, or the SHA-256 of a preset file's bytes (``path#name`` allowed)."""
    text = str(preset)
    path = text.split("#", 1)[0]
    if text in PRESET_NAMES or not os.path.isfile(path):
        return text
    with open(path, "rb") as fh:
        return text + ":" + hashlib.sha256(fh.read()).hexdigest()


def plan_scan(grid: Any) -> ScanPlan:
    """Validate a grid (mapping or TOML path) into a :class:`ScanPlan` (see the module docstring)."""
    raw = load_grid(grid)
    unknown = sorted(set(raw) - set(GRID_KEYS))
    if unknown:
        raise InvalidOptionError(f"unknown grid key(s) {', '.join(unknown)}; allowed: {', '.join(GRID_KEYS)}")
    if "pairs" not in raw:
        raise InvalidOptionError("the grid needs 'pairs'")
    given_geometry = [k for k in GEOMETRY_KEYS[1:] if k in raw]
    if "r" in raw and "gap" in raw:
        raise InvalidOptionError("give either r (atom pairs: V(r)) or gap (extended bodies, with geometry), "
                                 "not both")
    if "gap" in raw and "geometry" not in raw:
        raise InvalidOptionError("gap (surface-to-surface distances of extended bodies) needs geometry = "
                                 f"{' | '.join(repr(g) for g in BODY_GEOMETRIES)} (or a list of them); "
                                 "atom pairs take r")
    if "geometry" in raw and "gap" not in raw:
        raise InvalidOptionError("a grid with geometry needs gap (surface-to-surface distances, metres or "
                                 "strings with a unit, or a range)" + ("; r is for atom pairs" if "r" in raw else ""))
    if given_geometry and "geometry" not in raw:
        raise InvalidOptionError(f"{', '.join(given_geometry)}: geometry parameters need geometry = "
                                 f"{' | '.join(repr(g) for g in BODY_GEOMETRIES)} and gap instead of r")
    if "r" not in raw and "gap" not in raw:
        raise InvalidOptionError("the grid needs 'r' (atom pairs) or 'gap' with 'geometry' (extended bodies)")
    pairs = _pairs(raw["pairs"])
    parsers = {"nature": lambda v, w: check_nature(v), "ordering": lambda v, w: check_ordering(v),
               "lightest": _mass, "preset": _preset, "delta": _angle, "alpha21": _angle, "alpha31": _angle}
    defaults = {"nature": "dirac", "ordering": "normal", "lightest": 0.0, "preset": DEFAULT_PRESET,
                "delta": None, "alpha21": None, "alpha31": None}
    model_values = []
    for key in MODEL_KEYS:
        if key in raw:
            values, is_dim = _values(raw[key], key, parsers[key], log_ok=key == "lightest")
        else:
            values, is_dim = [defaults[key]], False
        if is_dim and len(set(values)) != len(values):
            raise InvalidOptionError(f"{key}: a value is given more than once")
        model_values.append((key, tuple(values), is_dim))
    geometry_values: list[tuple[str, tuple[Any, ...], bool]] = []
    r_m: tuple[float, ...] = ()
    gap_m: tuple[float, ...] = ()
    if "gap" in raw:
        geometry_values = _geometry_values(raw, pairs)
        if isinstance(raw["gap"], (list, tuple)):
            if not raw["gap"]:
                raise InvalidOptionError("gap: the list of values is empty")
            gap_values = surface_gaps(list(raw["gap"]), "gap")[0].ravel().tolist()   # validated at once
        else:
            gap_values = _values(raw["gap"], "gap", _gap)[0]
        gap_m = tuple(float(v) for v in gap_values)
        if "dps" in raw:
            raise InvalidOptionError("extended bodies (geometry) are evaluated in double precision only: "
                                     "remove dps")
    elif isinstance(raw["r"], (list, tuple)):
        if not raw["r"]:
            raise InvalidOptionError("r: the list of values is empty")
        r_m = tuple(float(v) for v in lengths_double(list(raw["r"]))[0].ravel().tolist())   # validated at once
    else:
        r_m = tuple(float(v) for v in _values(raw["r"], "r", _length)[0])
    spec = {k: v for k, v, _ in model_values}
    for ordering, preset in itertools.product(spec["ordering"], spec["preset"]):
        Model.from_preset(preset, ordering=ordering, lightest=max(spec["lightest"]))   # masses in range
    if "dps" in raw and "precision" in raw and str(raw["precision"]).strip().lower() == "double":
        raise InvalidOptionError("give either precision = \"double\" or dps = N, not both")
    if "precision" in raw:
        check_choice(raw["precision"], "precision", ("double",))
    dps = check_dps(raw["dps"]) if "dps" in raw else None
    chunk = parse_int(raw.get("chunk", DEFAULT_CHUNK), "chunk", 1, 10**6, error=InvalidOptionError)
    content: dict[str, Any] = {"pairs": pairs, "model": [[k, list(v), d] for k, v, d in model_values],
                               "r": hashlib.sha256(np.asarray(r_m, dtype="<f8").tobytes()).hexdigest(),
                               "dps": dps, "chunk": chunk, "nusym": __version__}
    if geometry_values:     # only then: the hash of a grid of atom pairs is unchanged
        content["geometry"] = [[k, [repr(x) for x in v], d] for k, v, d in geometry_values]
        content["gap"] = [repr(x) for x in gap_m]
    # a preset file's contents, not only its path, decide whether finished parts can be reused
    content["preset_files"] = [_preset_fingerprint(v) for k, vs, _ in model_values if k == "preset" for v in vs]
    digest = hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()[:16]
    return ScanPlan(tuple(pairs), tuple(model_values), r_m, dps, chunk, digest,
                    tuple(geometry_values), gap_m)


def _geometry_values(raw: Mapping, pairs: Sequence[tuple[str, str]]) -> list[tuple[str, tuple[Any, ...], bool]]:
    """(key, values, is a dimension) of GEOMETRY_KEYS, validated; None = not given (default)."""
    parsers = {"geometry": _geometry, "radius1": _body_length, "radius2": _body_length,
               "thickness1": _thickness, "thickness2": _thickness, "density1": _density, "density2": _density}
    out = []
    for key in GEOMETRY_KEYS:
        if key in raw:
            values, is_dim = _values(raw[key], key, parsers[key], log_ok=key != "geometry")
        else:
            values, is_dim = [None], False
        if is_dim and len(set(values)) != len(values):
            raise InvalidOptionError(f"{key}: a value is given more than once")
        out.append((key, tuple(values), is_dim))
    spec = {k: v for k, v, _ in out}
    geometries = spec["geometry"]
    for key in ("radius1", "radius2", "thickness1", "thickness2"):
        if key in raw and not any(key in _USES[g] for g in geometries):
            raise InvalidOptionError(
                f"{key} is not used by geometry {', '.join(repr(g) for g in geometries)} "
                f"({'; '.join(f'{g}: {_ROLES[g]}' for g in geometries)})")
    for g in geometries:
        missing = [k for k in _USES[g] if k.startswith("radius") and k not in raw]
        if missing:
            what = {"radius1": "the radius of the sphere, body A" if g == "sphere-plane"
                    else "the radius of sphere A", "radius2": "the radius of sphere B"}
            raise InvalidOptionError(f"geometry {g!r} needs {' and '.join(f'{m} ({what[m]})' for m in missing)} "
                                     f"in the grid ({g}: {_ROLES[g]})")
    for a, b in pairs:          # every source needs a density (its own, or the grid's)
        for source, key in ((a, "density1"), (b, "density2")):
            for density in spec[key]:
                try:
                    number_density(source, density)
                except InvalidMaterialError as exc:
                    raise InvalidMaterialError(f"{exc} (in a grid: {key} = ..., the mass density of the "
                                               f"{'first' if key == 'density1' else 'second'} source of "
                                               f"each pair)") from None
    return out


# ----------------------------------------------------------------------------- batched double precision
@functools.lru_cache(maxsize=1)
def _blas_controller() -> Any:
    return ThreadpoolController() if ThreadpoolController is not None else None


_BLAS_LOCK = threading.Lock()
_BLAS_STATE: dict[str, Any] = {"users": 0, "limiter": None}


@contextlib.contextmanager
def one_blas_thread() -> Any:
    """A context in which BLAS runs on one thread (threadpoolctl; a no-op without it).

    A chunk's matrix products are small (~10 MFLOP each): a second BLAS thread does not
    shorten them but spins, doubling the CPU time; a scan runs in parallel by chunks
    (dask workers) instead. Nested or concurrent uses (threads of one dask worker)
    share one limit, and the last to leave restores the original number of threads.
    """
    controller = _blas_controller()
    if controller is None:
        yield
        return
    with _BLAS_LOCK:
        if _BLAS_STATE["users"] == 0:
            _BLAS_STATE["limiter"] = controller.limit(limits=1, user_api="blas")
        _BLAS_STATE["users"] += 1
    try:
        yield
    finally:
        with _BLAS_LOCK:
            _BLAS_STATE["users"] -= 1
            if _BLAS_STATE["users"] == 0:
                _BLAS_STATE["limiter"].restore_original_limits()
                _BLAS_STATE["limiter"] = None


def scan_rule(r_m: Sequence[float], masses: Sequence[float]) -> Rule:
    """One rule of the shared spectral form valid for every r in ``r_m`` (metres) and every mass set.

    x_c of :func:`nusym.numeric.spectral.make_rule` decreases with the smallest non-zero mass, so the
    rule of the smallest non-zero mass of the scan serves them all. The step is that of
    :data:`SCAN_DIGITS` digits (h = 0.21, 16% fewer nodes than the 16 of potential(dps=None)).

    >>> rule = scan_rule([1e-6, 1e-3], [0.0, 0.0086, 0.05])
    >>> rule.h, rule.digits
    (0.21, 14)
    """
    nonzero = [float(m) for m in masses if m > 0]
    hc = constant_float("hbar_c")
    lo, hi = rule_range(min(r_m) / hc, max(r_m) / hc)
    return make_rule(SCAN_DIGITS, lo, hi, (0.0, min(nonzero)) if nonzero else (0.0,))


def batched_potential(configs: Sequence[tuple[Model, Any, Any]], r_m: Any, rule: Rule | None = None) -> np.ndarray:
    """V(r) in eV, shape (len(configs), len(r_m)), for many (model, source a, source b) at once.

    Eq. (1) of Segarra & Bernabeu (2020) through the shared rule with one node set
    for all configurations (``rule``; default :func:`scan_rule` of their masses):
    the coefficients c[config, pair of states, node] in one NumPy pass, then one
    matrix product with exp(-x_n r). ``0`` where V underflows the double range;
    agrees with ``potential(r, a, b, model=..., dps=None)`` to ~1e-13 relative.

    >>> from nusym.numeric.potential import potential
    >>> m = Model.from_preset(lightest="0.1")
    >>> v = batched_potential([(m, "Fe-56", "Fe-56")], [1e-6, 1e-5])
    >>> bool(abs(v[0, 0] / potential(1e-6, "Fe-56", "Fe-56", model=m, dps=None) - 1) < 1e-12)
    True
    """
    entries = []
    for model, a, b in configs:
        cfg = configure(model, a, b, None)
        entries.append((cfg.nature, tuple(float(m) for m in cfg.masses), cfg.weights))
    return _batched(entries, r_m, rule)


def _kind_arrays(entries: Sequence[tuple[str, tuple[float, ...], Mapping]], rows: Sequence[int],
                 n: int, k_terms: int) -> tuple[np.ndarray, np.ndarray]:
    """(masses (rows, n), weights (rows, pairs i <= j, terms)) of entries of one (nature, n).

    The weight of a pair i < j is w(i, j) + w(j, i) (the kernels are symmetric in m_i <-> m_j).
    Configurations that share a weights mapping (the same object: the same charges and mixing)
    share one row of weights, built once.
    """
    upper = [(i, j) for i in range(n) for j in range(i, n)]
    distinct: dict[int, int] = {}
    tables: list[list[tuple[float, ...]]] = []
    which = np.empty(len(rows), dtype=np.intp)
    for row, pos in enumerate(rows):
        wts = entries[pos][2]
        at = distinct.get(id(wts))
        if at is None:
            at = distinct[id(wts)] = len(tables)
            tables.append([tuple(wts[(i, j)]) if i == j else
                           tuple(a + b for a, b in zip(wts[(i, j)], wts[(j, i)], strict=True)) for i, j in upper])
        which[row] = at
    weights = np.array(tables, dtype=float).reshape(len(tables), len(upper), k_terms)[which]
    masses = np.array([entries[pos][1] for pos in rows], dtype=float).reshape(len(rows), n)
    return masses, weights


def _shared_values(nature: str, uniq: np.ndarray, inv: np.ndarray, weights: np.ndarray, x: np.ndarray,
                   w: np.ndarray, r_nat: np.ndarray, starts: Sequence[int], cuts: Sequence[int],
                   e_xr: Sequence[np.ndarray], front: np.ndarray) -> np.ndarray:
    """As :func:`_kind_values`, with the node sums per distinct mass set ``uniq`` (configuration c: uniq[inv[c]]).

    Per mass set u, pair p = (i, j) and absorptive term k: Y = exp(-m_i r) exp(-m_j r) T_pk(r),
    T_pk = sum_n w_n g_k(x_n; m_i, m_j) exp(-x_n r) (one matrix product for all of them); then
    V(c) = prefactor / r * sum_(p, k) weight_c,p,k Y_u,p,k: one small matrix product per mass set.
    """
    n_u, n = uniq.shape
    rows = inv.size
    upper = [(i, j) for i in range(n) for j in range(i, n)]
    used = [k for k in range(weights.shape[2]) if np.any(weights[:, :, k] != 0)]
    mi, mj = uniq[:, [i for i, _ in upper]].T, uniq[:, [j for _, j in upper]].T
    lo, hi = np.minimum(mi, mj).ravel(), np.maximum(mi, mj).ravel()            # (pairs x mass sets)
    c_t = np.empty((x.size, len(used) * lo.size))                               # (nodes, terms x pairs x sets)
    for q, k in enumerate(used):
        for g0 in range(0, lo.size, G_BLOCK):
            g1 = min(g0 + G_BLOCK, lo.size)
            c_t[:, q * lo.size + g0:q * lo.size + g1] = g_numpy(nature, k, x, lo[g0:g1], hi[g0:g1])
    c_t *= w[:, None]
    c = c_t.T
    # weights in the order (terms, pairs) of Y's rows
    wq = np.ascontiguousarray(weights[:, :, used].transpose(0, 2, 1).reshape(rows, -1))
    members = [np.nonzero(inv == u)[0] for u in range(n_u)]
    m_t = np.ascontiguousarray(uniq.T)
    values = np.empty((rows, r_nat.size))
    for s, k, e_b in zip(starts, cuts, e_xr, strict=True):
        stop = s + e_b.shape[1]
        t = (c[:, :k] @ e_b).reshape(len(used), len(upper), n_u, -1)            # BLAS
        e_m = np.exp(np.multiply.outer(m_t, -r_nat[s:stop]))                    # (n, sets, block)
        for p, (i, j) in enumerate(upper):
            t[:, p] *= e_m[i] * e_m[j]
        y = t.transpose(2, 0, 1, 3).reshape(n_u, len(used) * len(upper), -1)
        block = values[:, s:stop]
        for u, at in enumerate(members):
            block[at] = wq[at] @ y[u]
        block *= front[s:stop]
    return values


def _kind_values(nature: str, masses: np.ndarray, weights: np.ndarray, x: np.ndarray, w: np.ndarray,
                 r_nat: np.ndarray, starts: Sequence[int], cuts: Sequence[int], e_xr: Sequence[np.ndarray],
                 front: np.ndarray) -> np.ndarray:
    """V at the sorted r_nat of configurations of one nature: masses (rows, n), weights (rows, pairs, terms).

    Configurations with the same masses (other sources or phases: the fastest dimensions
    of a grid) share their node sums: where they are at least twice as many as the
    distinct mass sets times the absorptive terms, :func:`_shared_values` is used.
    """
    rows, n = masses.shape
    if SHARE_MASSES:
        seen: dict[bytes, int] = {}
        inv = np.array([seen.setdefault(row.tobytes(), len(seen)) for row in masses], dtype=np.intp)
        if 2 * len(seen) * weights.shape[2] <= rows:
            first = np.unique(inv, return_index=True)[1]
            return _shared_values(nature, masses[first], inv, weights, x, w, r_nat, starts, cuts, e_xr, front)
    upper = [(i, j) for i in range(n) for j in range(i, n)]
    pair_at = {ij: p for p, ij in enumerate(upper)}
    k_terms = weights.shape[2]
    # pair-major order (pair, configuration): each pair's block of rows is contiguous
    mi, mj = masses[:, [i for i, _ in upper]].T, masses[:, [j for _, j in upper]].T
    lo, hi = np.minimum(mi, mj).ravel(), np.maximum(mi, mj).ravel()
    flat_w = weights.transpose(1, 0, 2).reshape(-1, k_terms)
    c_t = np.zeros((x.size, lo.size))                  # (nodes, pairs x configurations)
    for k in range(k_terms):
        if np.any(flat_w[:, k] != 0):
            for g0 in range(0, lo.size, G_BLOCK):   # blocks of pairs: the temporaries stay in cache
                g1 = g0 + G_BLOCK
                c_t[:, g0:g1] += g_numpy(nature, k, x, lo[g0:g1], hi[g0:g1]) * flat_w[g0:g1, k]
    c_t *= w[:, None]
    c = c_t.T                                           # (pairs x configurations, nodes)
    m_t = np.ascontiguousarray(masses.T)
    values = np.empty((rows, r_nat.size))
    for s, k, e_b in zip(starts, cuts, e_xr, strict=True):
        stop = s + e_b.shape[1]
        sums = (c[:, :k] @ e_b).reshape(len(upper), rows, -1)          # BLAS
        e_m = np.exp(np.multiply.outer(m_t, -r_nat[s:stop]))          # (n, rows, block)
        total = np.empty((rows, stop - s))
        acc = np.empty_like(total)
        tmp = np.empty_like(total)
        for i in range(n):
            np.multiply(e_m[i], sums[pair_at[(i, i)]], out=acc)
            for j in range(i + 1, n):
                np.multiply(e_m[j], sums[pair_at[(i, j)]], out=tmp)
                acc += tmp
            if i == 0:
                np.multiply(acc, e_m[0], out=total)
            else:
                acc *= e_m[i]
                total += acc
        total *= front[s:stop]
        values[:, s:stop] = total
    return values


def _r_blocks(rule: Rule, r_bytes: bytes) -> tuple[Any, ...]:
    """What every chunk of a scan shares: the distances sorted into blocks and exp(-x_n r) per block.

    (order, r already sorted, sorted r in eV^-1, block starts, nodes per block, x_n, w_n,
    [exp(-x_n r) per block], prefactor / r); the arrays are read-only. Kept for the next
    chunks (a few MB at most) up to :data:`CACHED_R` distances.
    """
    if len(r_bytes) <= 8 * CACHED_R:
        return _r_blocks_cached(rule, r_bytes)
    return _r_blocks_new(rule, r_bytes)


#: largest number of distances whose blocks of exp(-x_n r) are kept between chunks
CACHED_R = 10_000


def _r_blocks_new(rule: Rule, r_bytes: bytes) -> tuple[Any, ...]:
    r_m = np.frombuffer(r_bytes, dtype=float)
    x, w = rule.nodes_float()
    order = np.argsort(r_m, kind="stable")
    sorted_r = bool(np.all(order == np.arange(order.size)))
    r_nat = r_m[order] / constant_float("hbar_c")             # increasing
    starts = tuple(range(0, r_nat.size, R_BLOCK))
    cuts = tuple(int(np.searchsorted(x, DIRECT_CUT / r_nat[s], side="right")) for s in starts)
    keep = max(cuts)
    x, w = x[:keep], w[:keep]
    front = prefactor_float() / r_nat
    with np.errstate(under="ignore"):
        e_xr = tuple(np.exp(np.multiply.outer(-x[:k], r_nat[s:s + R_BLOCK]))
                     for s, k in zip(starts, cuts, strict=True))
    for a in (order, r_nat, x, w, front) + e_xr:
        a.setflags(write=False)
    return order, sorted_r, r_nat, starts, cuts, x, w, e_xr, front


_r_blocks_cached = functools.lru_cache(maxsize=4)(_r_blocks_new)


def _batched(entries: Sequence[tuple[str, tuple[float, ...], Mapping]], r_m: Any,
             rule: Rule | None = None) -> np.ndarray:
    """V(r) for (nature, masses (eV), weights per ordered channel of configure()) entries.

    Per pair of states i <= j (Eq. 1 of Segarra & Bernabeu 2020 through the shared rule)

        V(r) = prefactor / r * sum_(i<=j) exp(-m_i r) exp(-m_j r) S_ij(r),
        S_ij(r) = sum_n c_ij,n exp(-x_n r),

    with the nodes x_n common to every configuration: S is one matrix product
    (pairs x configurations, nodes) @ (nodes, r) per block of :data:`R_BLOCK` sorted
    distances, over the nodes with x_n r <= DIRECT_CUT at the block's smallest r
    (the others contribute below 1e-25 of V, as in the direct sum of
    :mod:`nusym.numeric.spectral`). The prefactor G_F^2/(192 pi^3) (2.3e-50 eV^-4)
    multiplies last, so no intermediate leaves the normal double range before V
    does: where V underflows the result is 0 (or subnormal), never a NaN.
    """
    r_m = np.atleast_1d(np.asarray(r_m, dtype=float))
    if not entries:
        return np.zeros((0, r_m.size))
    if rule is None:
        rule = scan_rule(r_m.tolist(), [m for _, masses, _ in entries for m in masses])
    order, sorted_r, r_nat, starts, cuts, x, w, e_xr, front = _r_blocks(rule, r_m.tobytes())
    by_kind: dict[tuple[str, int], list[int]] = {}
    for pos, (family, states, _) in enumerate(entries):
        by_kind.setdefault((family, len(states)), []).append(pos)
    out: np.ndarray | None = np.empty((len(entries), r_m.size)) if len(by_kind) > 1 or not sorted_r else None
    with np.errstate(under="ignore"):
        for (nature, n), rows in by_kind.items():
            masses, weights = _kind_arrays(entries, rows, n, len(terms(nature)))
            part = np.empty((len(rows), r_nat.size))
            for b0 in range(0, len(rows), ROW_BLOCK):
                b1 = b0 + ROW_BLOCK
                part[b0:b1] = _kind_values(nature, masses[b0:b1], weights[b0:b1], x, w, r_nat, starts, cuts,
                                           e_xr, front)
            if out is None:
                return part                 # one kind of configuration, r in order: no copy
            if sorted_r:
                out[rows] = part
            else:
                out[np.ix_(rows, order)] = part
    assert out is not None
    return out


# ----------------------------------------------------------------------------- chunks
def _chunk_configs(plan: ScanPlan, k: int) -> list[tuple[Model, str, str]]:
    """(model, a, b) of every configuration of chunk ``k`` (the same Model object where it repeats)."""
    out = []
    models: dict[tuple[Any, ...], Model] = {}
    for index in range(k * plan.chunk, min((k + 1) * plan.chunk, plan.configurations)):
        (a, b), kwargs = plan.configuration(index)
        key = tuple(sorted(kwargs.items()))
        model = models.get(key)
        if model is None:
            preset = kwargs.pop("preset")
            model = models[key] = Model.from_preset(preset, **kwargs)
        out.append((model, a, b))
    return out


def _table_one_masses(params: Any, lightest: Sequence[float]) -> np.ndarray:
    """(m1, m2, m3) in eV, correctly rounded doubles, for each lightest mass (floats: their decimals).

    Table I of Segarra & Bernabeu (2020), the formula of :func:`nusym.masses.masses_from_parameters`
    (normal: m2 = sqrt(m1^2 + dm21), m3 = sqrt(m1^2 + dm31); inverted: m2 = sqrt(m3^2 - dm32),
    m1 = sqrt(m2^2 - dm21)), in 34-digit decimal arithmetic (C ``decimal``: ~20x faster
    than mpmath) from the exact decimals of the preset and of each lightest mass, as
    :meth:`nusym.Model.from_preset` reads them; the caller checks one value against a Model
    (and tests/test_scan.py many).

    >>> from nusym.presets import load_parameters
    >>> _table_one_masses(load_parameters("segarra2020", "normal"), [0.0]).tolist()
    [[0.0, 0.008660254037844387, 0.05]]
    """
    out = np.empty((len(lightest), 3))
    with decimal.localcontext() as ctx:
        ctx.prec = 34     # squares of 17-digit decimals exactly; 1e-34 relative after
        dm21, dm3l = decimal.Decimal(params.dm21_sq), decimal.Decimal(params.dm3l_sq)
        for row, value in enumerate(lightest):
            m0 = decimal.Decimal(repr(float(value)))
            sq = m0 * m0
            if params.ordering == "normal":
                out[row] = (float(m0), float((sq + dm21).sqrt()), float((sq + dm3l).sqrt()))
            else:
                m2sq = sq - dm3l
                out[row] = (float((m2sq - dm21).sqrt()), float(m2sq.sqrt()), float(m0))
    return out


#: weights of Eq. (1) per (grid hash, pair, model keys but the lightest mass), shared by the chunks
#: of a scan computed in this process (a new Model per phase combination is the costly part)
_WEIGHTS: dict[tuple[Any, ...], tuple[Mapping, tuple[float, ...], str]] = {}
_WEIGHTS_MAX = 4096


def _chunk_entries(plan: ScanPlan, k: int) -> list[tuple[str, tuple[float, ...], Mapping]]:
    """(kernel family, masses, weights) of every configuration of chunk ``k`` for the batched route.

    The weights of Eq. (1) (charges and mixing, :func:`nusym.numeric.config.configure`) do not
    depend on the lightest mass: one Model per (pair, nature, ordering, preset, phases) gives
    them (and its masses check :func:`_table_one_masses`, the fast copy of Table I used for
    every lightest value; otherwise the Model's masses, one lightest value at a time).
    """
    start, stop = k * plan.chunk, min((k + 1) * plan.chunk, plan.configurations)
    sizes = plan.shape[:-1]
    pos = np.unravel_index(np.arange(start, stop), sizes)
    pair_at = pos[0].tolist()
    columns: list[tuple[str, list[Any]]] = []
    at = 1
    for name, vals, is_dim in plan.model_values:
        if is_dim:
            columns.append((name, [vals[i] for i in pos[at].tolist()]))
            at += 1
        else:
            columns.append((name, [vals[0]] * (stop - start)))
    spec = dict(columns)
    probe_lightest = next(vals[0] for name, vals, _ in plan.model_values if name == "lightest")
    weights: dict[tuple[Any, ...], Mapping] = {}
    sources: dict[str, Any] = {}
    families: dict[tuple[Any, ...], str] = {}
    checked: dict[tuple[Any, ...], Any] = {}           # (preset, ordering) -> model masses check
    wanted: dict[tuple[Any, ...], set] = {}
    keys = []
    for row in range(stop - start):
        a, b = plan.pairs[pair_at[row]]
        kwargs = {name: col[row] for name, col in columns if name != "lightest"}
        lightest = spec["lightest"][row]
        key = (a, b) + tuple(sorted(kwargs.items()))
        if key not in weights:
            found = _WEIGHTS.get((plan.digest, key))
            if found is None:
                args = dict(kwargs)
                preset = args.pop("preset")
                # any lightest mass gives the same weights: the grid's first one
                model = Model.from_preset(preset, lightest=probe_lightest, **args)
                if a not in sources:
                    sources[a] = parse_source(a)
                if b not in sources:
                    sources[b] = parse_source(b)
                cfg = configure(model, sources[a], sources[b], None)
                found = (cfg.weights, model.masses_float, cfg.nature)     # nature: the kernel family
                if len(_WEIGHTS) >= _WEIGHTS_MAX:
                    _WEIGHTS.clear()
                _WEIGHTS[(plan.digest, key)] = found
            weights[key] = found[0]
            families[key] = found[2]
            checked.setdefault((kwargs["preset"], kwargs["ordering"]), (probe_lightest, found[1]))
        wanted.setdefault((kwargs["preset"], kwargs["ordering"]), set()).add(lightest)
        keys.append(key)
    masses: dict[tuple[Any, ...], tuple[float, ...]] = {}
    for (preset, ordering), wanted_values in wanted.items():
        lightest_values = sorted(wanted_values)
        params = load_parameters(preset, ordering)
        probe, expected = checked[(preset, ordering)]
        table: list[Any]
        if len(expected) == 3 and tuple(_table_one_masses(params, [probe])[0].tolist()) == expected:
            table = _table_one_masses(params, lightest_values).tolist()
        else:       # not the three states of Table I: the Model's own masses, one value at a time
            table = [Model.from_preset(preset, ordering=ordering, lightest=v).masses_float for v in lightest_values]
        for v, ms in zip(lightest_values, table, strict=True):
            masses[(preset, ordering, v)] = tuple(ms)
    return [(families[keys[row]], masses[(spec["preset"][row], spec["ordering"][row], spec["lightest"][row])],
             weights[keys[row]]) for row in range(stop - start)]


def _chunk_bodies(plan: ScanPlan, k: int) -> np.ndarray:
    """(force_N, energy_J) of every configuration of chunk ``k``: shape (rows, 2, len(gap)).

    One call of :func:`nusym.geometry.interaction` per configuration over all gaps, with
    the lengths its geometry uses (a thickness of ``inf``: a half-space, i.e. None).
    """
    gaps = np.asarray(plan.gap_m, dtype=float)
    rows = range(k * plan.chunk, min((k + 1) * plan.chunk, plan.configurations))
    out = np.empty((len(rows), 2, gaps.size))
    models: dict[tuple[Any, ...], Model] = {}
    for row, index in enumerate(rows):
        (a, b), kwargs = plan.configuration(index)
        model_kwargs = {key: kwargs[key] for key in MODEL_KEYS}
        key = tuple(sorted(model_kwargs.items()))
        model = models.get(key)
        if model is None:
            preset = model_kwargs.pop("preset")
            model = models[key] = Model.from_preset(preset, **model_kwargs)
        geometry = kwargs["geometry"]
        lengths = {name: kwargs[name] for name in _USES[geometry]
                   if kwargs[name] is not None and math.isfinite(kwargs[name])}
        res = interaction(geometry, gaps, a, b, density1=kwargs["density1"], density2=kwargs["density2"],
                          model=model, **lengths)
        out[row, 0] = res.force_N
        out[row, 1] = res.energy_J
    return out


def compute_chunk(plan: ScanPlan, k: int, rule: Rule | None) -> tuple[int, np.ndarray]:
    """(k, values of chunk ``k``): one task of a scan.

    Atom pairs: V_eV, shape (configurations of the chunk, len(r)); extended bodies:
    (force_N, energy_J), shape (configurations of the chunk, 2, len(gap)).
    """
    if plan.bodies:
        return k, _chunk_bodies(plan, k)
    if plan.dps is None:
        with one_blas_thread():
            return k, _batched(_chunk_entries(plan, k), plan.r_m, rule)
    configs = _chunk_configs(plan, k)
    values = np.zeros((len(configs), len(plan.r_m)))
    for row, (model, a, b) in enumerate(configs):
        vs = potential(list(plan.r_m), a, b, model=model, dps=plan.dps)
        values[row] = [float(v) for v in vs]
    return k, values


def _part_path(parts_dir: str, k: int) -> str:
    return os.path.join(parts_dir, f"part-{k:05d}.nc")


def _by_variable(plan: ScanPlan, values: np.ndarray) -> dict[str, np.ndarray]:
    """{variable: values (configurations, points)} of values as compute_chunk returns them."""
    if plan.bodies:
        return {name: values[:, i, :] for i, name in enumerate(plan.variables)}
    return {"V_eV": values}


def _write_part(xr: Any, plan: ScanPlan, parts_dir: str, k: int, values: np.ndarray) -> None:
    ds = xr.Dataset({name: (("config", plan.last), v) for name, v in _by_variable(plan, values).items()},
                    attrs={"grid_hash": plan.digest, "chunk": k, "rows": values.shape[0]})
    atomic_write_bytes(_part_path(parts_dir, k), ds.to_netcdf(engine="scipy"))


def _read_part(xr: Any, plan: ScanPlan, parts_dir: str, k: int) -> np.ndarray | None:
    """The values of a finished part, or None (missing, unreadable or of another grid)."""
    path = _part_path(parts_dir, k)
    if not os.path.exists(path):
        return None
    rows = min((k + 1) * plan.chunk, plan.configurations) - k * plan.chunk
    try:
        with xr.open_dataset(path, engine="scipy") as ds:
            if ds.attrs.get("grid_hash") != plan.digest:
                return None
            arrays = [np.asarray(ds[name].values, dtype=float) for name in plan.variables]
    except Exception:   # noqa: BLE001  (a damaged part, whatever the error, is recomputed)
        return None
    if any(v.shape != (rows, len(plan.points)) for v in arrays):
        return None
    return np.stack(arrays, axis=1) if plan.bodies else arrays[0]


def _progress(progress: Any, total: int) -> Any:
    if progress is None or progress is False:
        return None
    if progress is True:
        return Progress(total, prefix="nusym scan")
    if hasattr(progress, "step"):
        return progress
    raise InvalidOptionError("progress must be None, True or an object with step(label) (nusym.progress.Progress)")


def _client(workers: int, scheduler: Any) -> tuple[Any, list[Any]]:
    """(dask Client, [what to close afterwards: the client and cluster made here])."""
    from dask.distributed import Client, LocalCluster

    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
        return client, [client, cluster]
    if isinstance(scheduler, Client):
        return scheduler, []
    if isinstance(scheduler, str) or hasattr(scheduler, "scheduler_address"):   # address or cluster
        client = Client(scheduler)
        return client, [client]
    raise InvalidOptionError(f"scheduler must be an address such as 'tcp://host:8786', a dask Client or a "
                             f"cluster, got {type(scheduler).__name__}")


def _dataset(xr: Any, plan: ScanPlan, values: np.ndarray, rule: Rule | None) -> Any:
    if plan.bodies:
        return _bodies_dataset(xr, plan, values)
    coords: dict[str, Any] = {
        "pair": ("pair", [f"{a}|{b}" for a, b in plan.pairs]),
        "source_a": ("pair", [a for a, _ in plan.pairs]),
        "source_b": ("pair", [b for _, b in plan.pairs]),
    }
    presets = []
    for key, vals, is_dim in plan.model_values:
        if key == "preset":
            presets = list(vals)
        if not is_dim and vals[0] is None:
            continue        # the preset's own phase
        coords[key] = (key, list(vals)) if is_dim else vals[0]
    coords["r"] = ("r", np.asarray(plan.r_m))
    ds = xr.Dataset({"V_eV": (plan.dims, values.reshape(plan.shape))}, coords=coords)
    for key, unit in _UNITS.items():
        if key in ds.coords:
            ds[key].attrs["units"] = unit
    ds["r"].attrs["long_name"] = "distance between the two sources"
    ds["V_eV"].attrs.update({
        "units": "eV",
        "long_name": "two-neutrino-exchange potential V(r), Eq. (1) of Segarra & Bernabeu (2020)",
    })
    method = ("shared spectral rule (nusym.numeric.spectral), double precision, batched over "
              f"configurations (nusym.scans); rule: h={rule.h}, x_c={rule.x_c!r} eV, {rule.n + 1} nodes"
              if plan.dps is None and rule is not None else
              f"method integral, {plan.dps} verified digits (mpmath), rounded to double")
    omitted = [k for k, vals, d in plan.model_values if not d and vals[0] is None]
    ds.attrs.update({
        "title": "nusym scan: two-neutrino-exchange potential",
        "reference": "J. Segarra and J. Bernabeu, Phys. Rev. D 101, 093004 (2020), Eq. (1)",
        "nusym_version": __version__,
        "presets": ", ".join(presets),
        "phases": ("phases not in the grid are the presets' own: " + ", ".join(omitted)) if omitted else "",
        "precision": "double" if plan.dps is None else f"dps={plan.dps}",
        "method": method,
        "grid_hash": plan.digest,
        "chunk": plan.chunk,
        "Conventions": "CF-1.8",
    })
    return ds


def _bodies_dataset(xr: Any, plan: ScanPlan, values: np.ndarray) -> Any:
    """The Dataset of a scan of extended bodies: force_N, energy_J over (pair, model, geometry keys, gap)."""
    coords: dict[str, Any] = {
        "pair": ("pair", [f"{a}|{b}" for a, b in plan.pairs]),
        "source_a": ("pair", [a for a, _ in plan.pairs]),
        "source_b": ("pair", [b for _, b in plan.pairs]),
    }
    presets: list[str] = []
    for key, vals, is_dim in plan.model_values + plan.geometry_values:
        if key == "preset":
            presets = list(vals)
        if not is_dim and vals[0] is None:
            continue        # the preset's own phase; a default length or density
        coords[key] = (key, list(vals)) if is_dim else vals[0]
    spec = {k: (v, d) for k, v, d in plan.geometry_values}
    geometries, geometry_dim = spec["geometry"]
    per_area = [g == "plane-plane" for g in geometries]
    coords["per_area"] = ("geometry", per_area) if geometry_dim else per_area[0]
    coords["gap"] = ("gap", np.asarray(plan.gap_m))
    force, energy = values[:, 0, :], values[:, 1, :]
    ds = xr.Dataset({"force_N": (plan.dims, force.reshape(plan.shape)),
                     "energy_J": (plan.dims, energy.reshape(plan.shape))}, coords=coords)
    for key, unit in _UNITS.items():
        if key in ds.coords:
            ds[key].attrs["units"] = unit
    for key in ("thickness1", "thickness2"):
        if key in ds.coords:
            ds[key].attrs["comment"] = "inf: a half-space (unbounded plate)"
    ds["gap"].attrs["long_name"] = "surface-to-surface distance (gap) between the two bodies"
    ds["geometry"].attrs["comment"] = "; ".join(f"{g}: {_ROLES[g]}" for g in geometries)
    ds["per_area"].attrs["long_name"] = "force_N and energy_J are per unit area (plane-plane)"
    if all(per_area) or not any(per_area):
        f_unit, e_unit = ("N/m^2", "J/m^2") if all(per_area) else ("N", "J")
    else:
        f_unit, e_unit = "N (N/m^2 for plane-plane)", "J (J/m^2 for plane-plane)"
    ds["force_N"].attrs.update({
        "units": f_unit,
        "long_name": "two-neutrino force F = -dE/d(gap), positive = repulsive (plane-plane: pressure, "
                     "per m^2 of plate)",
    })
    ds["energy_J"].attrs.update({
        "units": e_unit,
        "long_name": "two-neutrino interaction energy of the two bodies (plane-plane: per m^2 of plate)",
    })
    omitted = [k for k, vals, d in plan.model_values if not d and vals[0] is None]
    defaults = []
    if "thickness1" not in ds.coords and "plane-plane" in geometries:
        defaults.append("thickness1: half-space")
    if "thickness2" not in ds.coords and ("plane-plane" in geometries or "sphere-plane" in geometries):
        defaults.append("thickness2: half-space")
    for key in ("density1", "density2"):
        if key not in ds.coords:
            defaults.append(f"{key}: the natural element's (nusym/data/densities.csv)")
    ds.attrs.update({
        "title": "nusym scan: two-neutrino interaction of extended bodies",
        "reference": "J. Segarra and J. Bernabeu, Phys. Rev. D 101, 093004 (2020), Eq. (1), integrated over "
                     "the volumes of the bodies (nusym.geometry)",
        "nusym_version": __version__,
        "presets": ", ".join(presets),
        "phases": ("phases not in the grid are the presets' own: " + ", ".join(omitted)) if omitted else "",
        "geometry_defaults": "; ".join(defaults),
        "unused_lengths": "a length a geometry does not use is ignored for it (its values repeat along "
                          "that dimension)",
        "per_area_note": "plane-plane: energy_J in J/m^2 and force_N in N/m^2 (pressure), per unit area of the "
                    "plates; sphere-sphere and sphere-plane: J and N",
        "precision": "double",
        "method": "nusym.geometry.interaction per configuration over all gaps: the Yukawa spectrum of "
                  "Eq. (1) (double-precision rule of nusym.numeric.spectral) and closed-form Yukawa "
                  "integrals of spheres and plates",
        "grid_hash": plan.digest,
        "chunk": plan.chunk,
        "Conventions": "CF-1.8",
    })
    return ds


def scan(grid: Any, workers: int = 1, *, scheduler: Any = None, out: Any = None, progress: Any = None) -> Any:
    """V(r) of Eq. (1) of Segarra & Bernabeu (2020) over a grid, as an ``xarray.Dataset``.

    Parameters
    ----------
    grid : mapping or str or os.PathLike
        A mapping or the path of a TOML file (keys ``pairs``, ``nature``,
        ``ordering``, ``lightest``, ``preset``, ``delta``, ``alpha21``, ``alpha31``,
        ``r``, ``precision`` or ``dps``, ``chunk``, and for extended bodies
        ``geometry``, ``gap``, ``radius1``, ``radius2``, ``thickness1``,
        ``thickness2``, ``density1``, ``density2``; see ``docs/scan.md``).
    workers : int, optional
        Local dask worker processes (1 and no ``scheduler``: serial, dask not
        imported).
    scheduler : str or object, optional
        The address of a running dask.distributed scheduler (``"tcp://host:8786"``),
        a ``Client`` or a cluster object.
    out : str or os.PathLike, optional
        A netCDF file to write (atomically); its finished chunks are kept in
        ``out + ".parts/<grid hash>/"`` and a re-run of the same grid resumes from them.
    progress : bool or nusym.progress.Progress, optional
        ``True`` for a bar on stderr, or a :class:`nusym.progress.Progress`.

    Returns
    -------
    xarray.Dataset
        Variable ``V_eV`` with dimensions ``pair`` (labels ``"A|B"``), the model
        keys given as lists, and ``r`` (metres); provenance in the attributes.
        Extended bodies: variables ``force_N`` and ``energy_J`` (per m^2 for
        ``plane-plane``) with dimensions ``pair``, the model keys, the geometry
        keys given as lists, and ``gap`` (metres), each configuration evaluated by
        :func:`nusym.geometry.interaction`.

    Raises
    ------
    nusym.errors.InvalidOptionError
        An unreadable grid file, an unknown grid key (the message lists the
        allowed ones), a malformed pair or range, bad ``workers`` or ``out``.
    nusym.errors.InvalidLengthError
        A distance or size out of range.
    nusym.errors.InvalidSourceError
        A source that cannot be parsed.

    Examples
    --------
    The batched double-precision scan against the high-precision route of
    :func:`nusym.potential`:

    >>> ds = scan({"pairs": [["Fe-56", "Fe-56"]], "lightest": ["0", "0.1eV"], "r": ["1um", "10um"]})
    >>> ds.V_eV.dims, ds.V_eV.shape
    (('pair', 'lightest', 'r'), (1, 2, 2))
    >>> from nusym.numeric.potential import potential
    >>> v = float(ds.V_eV.sel(lightest=0.1, r=1e-6)[0])
    >>> abs(v / float(potential("1um", "Fe-56", "Fe-56", lightest="0.1", dps=20)) - 1) < 1e-12
    True
    """
    try:
        import xarray as xr
    except ImportError:
        raise InvalidOptionError("scans need xarray (and dask for workers > 1): pip install 'nusym[scan]'") from None

    plan = plan_scan(grid)
    workers = parse_int(workers, "workers", 1, 4096, error=InvalidOptionError)
    parts_dir = None
    if out is not None:
        out = os.fspath(out)
        directory = os.path.dirname(os.path.abspath(out))
        if not os.path.isdir(directory):
            raise InvalidOptionError(f"cannot write {out!r}: directory {directory!r} does not exist")
        check_writable_dir(directory)
        parts_dir = os.path.join(out + ".parts", plan.digest)
        os.makedirs(parts_dir, exist_ok=True)
    rule = scan_rule(plan.r_m, [plan.smallest_mass()]) if plan.dps is None and not plan.bodies else None
    results: dict[int, np.ndarray] = {}
    todo = []
    for k in range(plan.chunks):
        found = _read_part(xr, plan, parts_dir, k) if parts_dir else None
        if found is None:
            todo.append(k)
        else:
            results[k] = found
    bar = _progress(progress, plan.chunks)
    try:
        for k in sorted(results):
            if bar is not None:
                bar.step(f"chunk {k + 1}/{plan.chunks} (done earlier)")

        def finished(k: int, values: np.ndarray) -> None:
            results[k] = values
            if parts_dir:
                _write_part(xr, plan, parts_dir, k, values)
            if bar is not None:
                bar.step(f"chunk {k + 1}/{plan.chunks}")

        if todo and workers == 1 and scheduler is None:
            for k in todo:
                finished(*compute_chunk(plan, k, rule))
        elif todo:
            from dask.distributed import as_completed

            client, owned = _client(workers, scheduler)
            try:
                futures = [client.submit(compute_chunk, plan, k, rule, pure=False) for k in todo]
                for fut in as_completed(futures):
                    finished(*fut.result())
            finally:
                for thing in owned:
                    thing.close()
    except BaseException:
        if bar is not None:
            bar.abort()
        raise
    if bar is not None:
        bar.close("done")
    values = np.concatenate([results[k] for k in range(plan.chunks)], axis=0)
    ds = _dataset(xr, plan, values, rule)
    if out is not None:
        atomic_write_bytes(out, ds.to_netcdf(engine="scipy"))
    return ds
