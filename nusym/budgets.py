"""The force budget: the two-neutrino force of finite bodies against gravity and the Casimir force.

The two-neutrino force is Eq. (1) of Segarra & Bernabeu, Phys. Rev. D 101, 093004
(2020) integrated over two uniform bodies (:func:`nusym.geometry.interaction`).  Next
to it, for the same bodies and gaps:

* Newtonian gravity, in closed form (positive = repulsive, so negative here):
  sphere-sphere, point masses by the shell theorem, F = -G M1 M2/D^2 with D = R1 +
  R2 + gap the centre distance; a sphere above a plate of thickness T and infinite
  lateral extent (a uniform field 2 pi G rho2 T), F = -2 pi G rho2 T M1,
  independent of the gap; two plates, per unit area, P = -2 pi G rho1 rho2 T1 T2.
  Infinite thicknesses (half-spaces) make the last two diverge and are refused.
* The Casimir force, :mod:`nusym.casimir` (ideal conductors, or the Lifshitz formula
  with plasma- or Drude-model metals, at temperature T; proximity-force approximation
  for spheres).

>>> b = budget("Au", "Au", geometry="sphere-plane", gap=["1um", "10um"], radius1="100um",
...            thickness="1mm")
>>> [float("%.4g" % f) for f in b.force_N["gravity"]]
[-6.543e-16, -6.543e-16]
>>> float("%.3g" % b.ratios["two_neutrino/casimir"][0])
-2.23e-24
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from typing import Any, overload

import numpy as np

from nusym.casimir import CASIMIR_MODELS, casimir_force, check_temperature
from nusym.constants import constant_float
from nusym.errors import InvalidMaterialError, InvalidOptionError
from nusym.geometry import body_length, interaction, surface_gaps
from nusym.inputs import check_choice, check_flag, parse_density
from nusym.materials import material
from nusym.model import Model, resolve_model
from nusym.reprs import html_columns

__all__ = [
    "BUDGET_GEOMETRIES",
    "DIFFERENCE_LIGHTEST_EV",
    "REFERENCE",
    "Budget",
    "budget",
    "gravity_sphere_sphere",
    "gravity_sphere_plane",
    "gravity_plane_plane",
    "reference_budget",
    "reference_budget_csv",
]

#: geometries of :func:`budget`
BUDGET_GEOMETRIES = ("sphere-plane", "sphere-sphere", "plane-plane")
#: the lightest masses (eV) compared by ``differences=True``
DIFFERENCE_LIGHTEST_EV = ("0", "0.1")
#: the reference geometry of :func:`reference_budget`: a gold sphere above a gold plate
REFERENCE: dict[str, Any] = dict(a="Au", b="Au", geometry="sphere-plane", radius1="100um", thickness="1mm",
                                 temperature=300.0)


# ----------------------------------------------------------------------------- gravity
@overload
def gravity_sphere_sphere(gap: float | np.floating, radius1: float, radius2: float, density1: float,
                          density2: float) -> np.float64: ...
@overload
def gravity_sphere_sphere(gap: np.ndarray | list[Any] | tuple[Any, ...], radius1: float, radius2: float,
                          density1: float, density2: float) -> np.ndarray: ...
@overload
def gravity_sphere_sphere(gap: Any, radius1: float, radius2: float, density1: float, density2: float) -> Any: ...
def gravity_sphere_sphere(gap: Any, radius1: float, radius2: float, density1: float, density2: float) -> Any:
    """Newtonian force (N, negative = attractive) between two uniform balls at surface distance ``gap`` (m).

    Shell theorem: F = -G M1 M2/(R1 + R2 + gap)^2, M = 4 pi R^3 rho/3: the
    gravity next to which the two-neutrino force of Eq. (1) of Segarra & Bernabeu
    (2020) is put in :func:`budget`.

    Parameters
    ----------
    gap : float or numpy.ndarray
        Surface-to-surface distances in metres.
    radius1, radius2 : float
        Radii in metres.
    density1, density2 : float
        Densities in kg/m^3.

    Returns
    -------
    numpy.ndarray
        The force in N, of the shape of ``gap``.

    Examples
    --------
    >>> float("%.6g" % gravity_sphere_sphere(1.0, 0.5, 0.5, 1000.0, 1000.0))
    -4.57449e-06
    """
    g = constant_float("G_N")
    m1 = 4.0 * math.pi / 3.0 * radius1 ** 3 * density1
    m2 = 4.0 * math.pi / 3.0 * radius2 ** 3 * density2
    return -g * m1 * m2 / (radius1 + radius2 + np.asarray(gap, dtype=float)) ** 2


def gravity_sphere_plane(gap: Any, radius: float, thickness: float, density1: float,
                         density2: float) -> np.ndarray:
    """Force (N) on a ball above a plate of thickness T and infinite lateral extent.

    The plate's field is uniform, 2 pi G rho2 T, so F = -2 pi G rho2 T M1 at any gap.

    Parameters
    ----------
    gap : float or numpy.ndarray
        Surface-to-surface distances in metres (only their shape matters).
    radius : float
        Radius of the ball in metres.
    thickness : float
        Thickness of the plate in metres (finite).
    density1, density2 : float
        Densities of the ball and the plate in kg/m^3.

    Returns
    -------
    numpy.ndarray
        The force in N (negative = attractive), of the shape of ``gap``.

    Raises
    ------
    nusym.errors.InvalidOptionError
        An infinite thickness (a half-space: its gravity diverges).

    Examples
    --------
    >>> float("%.6g" % gravity_sphere_plane(1e-6, 1e-4, 1e-3, 19300.0, 19300.0))
    -6.54318e-16
    """
    _finite_thickness(thickness, "thickness")
    g = constant_float("G_N")
    m1 = 4.0 * math.pi / 3.0 * radius ** 3 * density1
    return np.full(np.shape(gap), -2.0 * math.pi * g * density2 * thickness * m1)


def gravity_plane_plane(gap: Any, thickness1: float, thickness2: float, density1: float,
                        density2: float) -> np.ndarray:
    """Pressure (N/m^2) between two plates of thicknesses T1, T2: -2 pi G rho1 rho2 T1 T2 at any gap.

    Parameters
    ----------
    gap : float or numpy.ndarray
        Surface-to-surface distances in metres (only their shape matters).
    thickness1, thickness2 : float
        Thicknesses in metres (finite).
    density1, density2 : float
        Densities in kg/m^3.

    Returns
    -------
    numpy.ndarray
        The pressure in N/m^2 (negative = attractive), of the shape of ``gap``.

    Raises
    ------
    nusym.errors.InvalidOptionError
        An infinite thickness.

    Examples
    --------
    >>> float("%.6g" % gravity_plane_plane(1e-6, 1e-3, 1e-3, 19300.0, 19300.0))
    -1.56207e-07
    """
    _finite_thickness(thickness1, "thickness1")
    _finite_thickness(thickness2, "thickness2")
    g = constant_float("G_N")
    return np.full(np.shape(gap), -2.0 * math.pi * g * density1 * density2 * thickness1 * thickness2)


def _finite_thickness(value: float, what: str) -> None:
    if not math.isfinite(value):
        raise InvalidOptionError(
            f"{what}: the gravity of a plate of infinite lateral extent and infinite thickness (a "
            "half-space) diverges; give the plate's thickness (e.g. thickness='1mm')")


# ----------------------------------------------------------------------------- the budget
@dataclass(frozen=True)
class Budget:
    """Forces between two bodies over a set of gaps (NumPy arrays; plates: per m^2).

    What :func:`budget` returns; in a notebook it shows as a table
    (``_repr_html_``).

    Attributes
    ----------
    geometry : str
        ``"sphere-plane"``, ``"sphere-sphere"`` or ``"plane-plane"``.
    a, b : str
        The labels of the two materials.
    gap_m : numpy.ndarray
        The gaps in metres.
    per_area : bool
        True for plates: forces are pressures (N/m^2).
    force_N : dict of str to numpy.ndarray
        ``"two_neutrino"``, ``"gravity"``, ``"casimir"`` (None without Casimir) and
        with ``differences=True`` ``"dirac_minus_majorana"`` and
        ``"lightest_0_minus_0.1eV"`` (two-neutrino force differences); positive =
        repulsive.
    ratios : dict of str to numpy.ndarray
        ``"X/gravity"`` and ``"X/casimir"`` of every other row X, and
        ``"casimir/gravity"``.
    casimir : str or None
        The Casimir model.
    temperature_K : float
        The temperature of the Casimir force.
    model : nusym.Model
        The neutrino sector.
    bodies : dict
        Radii, thicknesses (m) and densities (kg/m^3) used.
    """

    geometry: str
    a: str
    b: str
    gap_m: Any
    per_area: bool
    force_N: dict[str, Any]
    ratios: dict[str, Any]
    casimir: str | None
    temperature_K: float
    model: Model
    bodies: dict[str, Any] = field(default_factory=dict)

    @property
    def unit(self) -> str:
        """``"N"``, or ``"N/m^2"`` for plates."""
        return "N/m^2" if self.per_area else "N"

    def _repr_html_(self) -> str:
        """A table of the forces and the ratios per gap (Jupyter)."""
        cols: dict[str, Any] = {"gap (m)": self.gap_m}
        for key, values in self.force_N.items():
            if values is not None:
                cols[f"{key} ({self.unit})"] = values
        for key, values in self.ratios.items():
            if key.startswith("two_neutrino/") or key == "casimir/gravity":
                cols[key] = values
        casimir = f", Casimir {self.casimir} at {self.temperature_K:g} K" if self.casimir else ""
        return html_columns(cols, caption=f"Force budget, {self.geometry}: A = {self.a}, B = {self.b}"
                            f"{casimir}; positive = repulsive; model: {self.model.summary()}")

    def as_dict(self, digits: int = 10) -> dict[str, Any]:
        """JSON-ready: every number a decimal string (``digits`` significant digits; gaps exact)."""
        def txt(x: Any) -> str:
            return f"{float(x) + 0.0:.{digits}g}"

        def row(values: Any) -> list[str] | None:
            return None if values is None else [txt(v) for v in np.ravel(values)]

        return {
            "geometry": self.geometry, "a": self.a, "b": self.b,
            "bodies": {k: (None if v is None else repr(v) if isinstance(v, float) else v)
                       for k, v in self.bodies.items()},
            "per_area": self.per_area, "unit": self.unit,
            "casimir": self.casimir, "temperature_K": repr(self.temperature_K),
            "gap_m": [repr(float(g)) for g in np.ravel(self.gap_m)],
            "force_N": {k: row(v) for k, v in self.force_N.items()},
            "ratios": {k: row(v) for k, v in self.ratios.items()},
            "model": self.model.describe(15),
        }


def _density(spec: Any, density: Any, what: str) -> tuple[str, float]:
    mat = material(spec, density=None if density is None else parse_density(density))
    if mat.density_kg_m3 is None:
        raise InvalidMaterialError(
            f"material {mat.label!r} has no known density: give {what} in kg/m^3 (densities are known "
            "only for natural elements solid or liquid at room temperature)")
    return mat.label, float(mat.density_kg_m3)


def _lengths(geometry: str, radius1: Any, radius2: Any, thickness: Any, thickness1: Any,
             thickness2: Any) -> dict[str, float | None]:
    given = {"radius1": radius1, "radius2": radius2, "thickness": thickness, "thickness1": thickness1,
             "thickness2": thickness2}
    takes = {"sphere-sphere": ("radius1", "radius2"),
             "sphere-plane": ("radius1", "thickness", "thickness2"),
             "plane-plane": ("thickness", "thickness1", "thickness2")}[geometry]
    roles = {"sphere-sphere": "body A and body B are spheres: radius1, radius2",
             "sphere-plane": "body A is the sphere (radius1), body B the plate (thickness or thickness2)",
             "plane-plane": "two plates: thickness (both) or thickness1 and thickness2"}[geometry]
    unused = [k for k, v in given.items() if v is not None and k not in takes]
    if unused:
        raise InvalidOptionError(f"geometry {geometry!r} does not take {', '.join(unused)} ({roles})")
    if thickness is not None and (thickness1 is not None or thickness2 is not None):
        raise InvalidOptionError("give either thickness or thickness1/thickness2, not both")
    out: dict[str, float | None] = {"radius1": None, "radius2": None, "thickness1": None,
                                       "thickness2": None}
    if thickness is not None:
        out["thickness2"] = body_length(thickness, "thickness")
        if geometry == "plane-plane":
            out["thickness1"] = out["thickness2"]
    needs = {"sphere-sphere": ("radius1", "radius2"), "sphere-plane": ("radius1", "thickness2"),
             "plane-plane": ("thickness1", "thickness2")}[geometry]
    for key in needs:
        if out[key] is None:
            value = given[key]
            if value is None:
                why = (" (gravity diverges for a half-space)" if key.startswith("thickness") else "")
                raise InvalidOptionError(f"geometry {geometry!r} needs {key}{why} ({roles})")
            out[key] = body_length(value, key)
    return out


def _needed(lengths: dict[str, float | None], key: str) -> float:
    """A length :func:`_lengths` has filled in for the geometry (metres)."""
    value = lengths[key]
    if value is None:
        raise InvalidOptionError(f"{key} is needed by this geometry")
    return value


def _two_neutrino(geometry: str, gaps: Any, a: Any, b: Any, lengths: dict, density1: Any, density2: Any,
                  model: Model) -> Any:
    res = interaction(geometry, gaps, a, b, radius1=lengths["radius1"], radius2=lengths["radius2"],
                      thickness1=lengths["thickness1"] if geometry == "plane-plane" else None,
                      thickness2=lengths["thickness2"], density1=density1, density2=density2, model=model)
    return np.asarray(res.force_N, dtype=float)


def _lightest_variant(model: Model, lightest: str) -> Model:
    """The model with another lightest mass: the same preset, ordering, phases, nature and current.

    Only a three-state model that *is* its preset's (masses and mixing as
    :meth:`Model.from_preset` builds them) can be varied; a sterile, non-unitary
    or hand-made model raises (the lightest mass alone does not define it).
    """
    origin = dict(model.origin)
    phases = {k: origin.get(f"{k}_deg") for k in ("delta", "alpha21", "alpha31")}
    base = None
    if model.n == 3 and {"preset", "ordering", "lightest_eV"} <= set(origin):
        base = Model.from_preset(origin["preset"], ordering=origin["ordering"], lightest=origin["lightest_eV"],
                                 nature=model.nature, **phases)
    if base is None or (base.masses, base.mixing) != (model.masses, model.mixing):
        raise InvalidOptionError(
            "differences=True varies the lightest mass, so the model must be a three-state model built "
            "from a preset (Model.from_preset or the shorthand keywords), not from explicit masses, a "
            "sterile or a non-unitary sector")
    return Model.from_preset(origin["preset"], ordering=origin["ordering"], lightest=lightest,
                             nature=model.nature, **phases).with_current(model.current, model.scalar_couplings)


def budget(a: Any, b: Any, *, geometry: str = "sphere-plane", gap: Any, radius1: Any = None,
           radius2: Any = None, thickness: Any = None, thickness1: Any = None, thickness2: Any = None,
           density1: Any = None, density2: Any = None, casimir: str | None = "ideal",
           temperature: Any = 0, model: Model | None = None, differences: bool = False,
           **shorthand: Any) -> Budget:
    """Two-neutrino force, Newtonian gravity and Casimir force between bodies of ``a`` and ``b``.

    The two-neutrino force is Eq. (1) of Segarra & Bernabeu (2020) integrated over
    the bodies (:func:`nusym.geometry.interaction`); gravity in closed form; the
    Casimir force from :func:`nusym.casimir.casimir_force`.  Double precision.

    Parameters
    ----------
    a, b : str or nusym.materials.Material
        Materials of body A and body B (anything :func:`nusym.materials.material`
        accepts); a material without a known density needs ``density1`` /
        ``density2``.
    geometry : {"sphere-plane", "sphere-sphere", "plane-plane"}, optional
        ``"sphere-plane"`` (default; A the sphere of ``radius1``, B a plate of
        ``thickness`` = ``thickness2``), ``"sphere-sphere"`` (``radius1``,
        ``radius2``) or ``"plane-plane"`` (``thickness`` for both or ``thickness1``,
        ``thickness2``; forces per m^2).
    gap : float or str or array_like
        Surface-to-surface distances in metres (:func:`nusym.geometry.surface_gaps`:
        numbers, strings with a unit, quantities, sequences).
    radius1, radius2, thickness, thickness1, thickness2 : float or str, optional
        Body sizes as the geometry needs them.  Plates need a finite thickness
        (their gravity diverges otherwise).
    density1, density2 : float or str, optional
        Densities in kg/m^3 or strings with a unit (default: the natural element's).
    casimir : {"ideal", "plasma", "drude"} or None, optional
        The Casimir model (default ``"ideal"``: perfect conductors); ``None`` or
        ``"none"``: no Casimir row.
    temperature : float, optional
        In kelvin, for the Casimir force only (default 0).
    model : nusym.Model, optional
        The neutrino sector (default: Dirac, normal ordering, lightest mass 0,
        preset ``segarra2020``).
    differences : bool, optional
        Add the Dirac - Majorana difference of the two-neutrino force (same masses
        and mixing) and its difference between lightest masses 0 and 0.1 eV (same
        preset, ordering, phases and nature); the model must come from a preset.
    **shorthand
        ``nature``, ``ordering``, ``lightest``, ``preset``, ``delta``, ``alpha21``,
        ``alpha31``: the model by :meth:`nusym.Model.from_preset` instead of
        ``model`` (not both).

    Returns
    -------
    Budget
        ``force_N`` (``"two_neutrino"``, ``"gravity"``, ``"casimir"``, and the
        differences), ``ratios`` (``"X/gravity"``, ``"X/casimir"``), the gaps, the
        bodies and the model; N, or N/m^2 for plates; positive = repulsive.

    Raises
    ------
    nusym.errors.InvalidOptionError
        An unknown geometry or Casimir model, a length the geometry does not take
        or a missing one, a half-space plate.
    nusym.errors.InvalidParameterError
        A temperature outside 0..10000 K.
    nusym.errors.InvalidMaterialError
        An unknown material or one without a known density.
    nusym.errors.InvalidLengthError
        A gap or size without a unit, not positive or out of range.

    Examples
    --------
    >>> b = budget("W", "W", geometry="plane-plane", gap="1um", thickness="1mm", casimir=None)
    >>> b.per_area, b.force_N["casimir"], float("%.4g" % b.force_N["gravity"][0])
    (True, None, -1.562e-07)
    """
    geometry = check_choice(geometry, "geometry", BUDGET_GEOMETRIES)
    if casimir is not None:
        casimir = check_choice(casimir, "casimir", CASIMIR_MODELS + ("none",))
        casimir = None if casimir == "none" else casimir
    t = check_temperature(temperature)
    differences = check_flag(differences, "differences")
    lengths = _lengths(geometry, radius1, radius2, thickness, thickness1, thickness2)
    gaps, _ = surface_gaps(gap)
    gaps = np.atleast_1d(gaps).ravel()
    label_a, rho1 = _density(a, density1, "density1")
    label_b, rho2 = _density(b, density2, "density2")
    m = resolve_model(model, **shorthand)

    forces: dict[str, Any] = {"two_neutrino": _two_neutrino(geometry, gaps, a, b, lengths, density1,
                                                            density2, m)}
    if geometry == "sphere-sphere":
        forces["gravity"] = gravity_sphere_sphere(gaps, _needed(lengths, "radius1"), _needed(lengths, "radius2"),
                                                  rho1, rho2)
    elif geometry == "sphere-plane":
        forces["gravity"] = gravity_sphere_plane(gaps, _needed(lengths, "radius1"),
                                                 _needed(lengths, "thickness2"), rho1, rho2)
    else:
        forces["gravity"] = gravity_plane_plane(gaps, _needed(lengths, "thickness1"),
                                                _needed(lengths, "thickness2"), rho1, rho2)
    forces["casimir"] = None
    if casimir is not None:
        forces["casimir"] = np.atleast_1d(casimir_force(
            geometry, gaps, label_a, label_b, radius1=lengths["radius1"], radius2=lengths["radius2"],
            model=casimir, temperature=t).force_N)
    if differences:
        dirac = _two_neutrino(geometry, gaps, a, b, lengths, density1, density2, m.with_nature("dirac"))
        majorana = _two_neutrino(geometry, gaps, a, b, lengths, density1, density2, m.with_nature("majorana"))
        forces["dirac_minus_majorana"] = dirac - majorana
        low, high = (_two_neutrino(geometry, gaps, a, b, lengths, density1, density2,
                                   _lightest_variant(m, v)) for v in DIFFERENCE_LIGHTEST_EV)
        forces[f"lightest_{DIFFERENCE_LIGHTEST_EV[0]}_minus_{DIFFERENCE_LIGHTEST_EV[1]}eV"] = low - high
    ratios: dict[str, Any] = {}
    with np.errstate(divide="ignore", invalid="ignore"):
        for key, values in forces.items():
            if key in ("gravity", "casimir"):
                continue
            ratios[f"{key}/gravity"] = values / forces["gravity"]
            if forces["casimir"] is not None:
                ratios[f"{key}/casimir"] = values / forces["casimir"]
        if forces["casimir"] is not None:
            ratios["casimir/gravity"] = forces["casimir"] / forces["gravity"]
    bodies = {"radius1_m": lengths["radius1"], "radius2_m": lengths["radius2"],
              "thickness1_m": lengths["thickness1"], "thickness2_m": lengths["thickness2"],
              "density1_kg_m3": rho1, "density2_kg_m3": rho2}
    return Budget(geometry, label_a, label_b, gaps, geometry == "plane-plane", forces, ratios, casimir, t, m,
                  bodies)


# ----------------------------------------------------------------------------- the reference budget
def reference_budget(points: int = 31) -> dict[str, Any]:
    """The force budget against the gap for the reference geometry :data:`REFERENCE`.

    A gold sphere of radius 100 um above a gold plate 1 mm thick (a typical
    micron-scale Casimir/short-range-gravity set-up), gaps 0.1 um to 100 um
    (log-spaced): the two-neutrino force (Dirac and Majorana, lightest mass 0,
    default preset; Eq. (1) of Segarra & Bernabeu (2020) integrated over the
    bodies), Newtonian gravity, and the Casimir force at 300 K (Lifshitz, plasma
    and Drude gold, PFA).  ``nusym reproduce`` writes it as CSV
    (:func:`reference_budget_csv`) and draws it with :func:`nusym.plot.budget`.

    Parameters
    ----------
    points : int, optional
        Number of gaps (default 31).

    Returns
    -------
    dict
        ``{"gap_m", "columns": {name: force in N (positive = repulsive)}, "dirac",
        "majorana"}`` (the last two are the :class:`Budget` objects), and
        ``"summary"``: the ratios at the gap nearest 1 um.

    Examples
    --------
    >>> data = reference_budget(points=4)
    >>> list(data["columns"])[:3]
    ['two_neutrino_dirac_N', 'two_neutrino_majorana_N', 'gravity_N']
    >>> data["summary"]["two_neutrino_over_gravity"] < 0  # repulsive 2nu, attractive gravity
    True
    """
    ref = dict(REFERENCE)
    gaps = np.geomspace(1e-7, 1e-4, int(points))
    common: dict[str, Any] = dict(geometry=ref["geometry"], gap=gaps, radius1=ref["radius1"],
                                  thickness=ref["thickness"], temperature=ref["temperature"])
    dirac = budget(ref["a"], ref["b"], casimir="plasma", nature="dirac", **common)
    majorana = budget(ref["a"], ref["b"], casimir="drude", nature="majorana", **common)
    columns = {
        "two_neutrino_dirac_N": dirac.force_N["two_neutrino"],
        "two_neutrino_majorana_N": majorana.force_N["two_neutrino"],
        "gravity_N": dirac.force_N["gravity"],
        "casimir_plasma_300K_N": dirac.force_N["casimir"],
        "casimir_drude_300K_N": majorana.force_N["casimir"],
    }
    at = int(np.argmin(np.abs(gaps - 1e-6)))
    summary = {"points": int(points), "geometry": "Au sphere R = 100 um above an Au plate 1 mm thick, 300 K",
               "gap_at_m": float(gaps[at]),
               "two_neutrino_over_gravity": float(dirac.ratios["two_neutrino/gravity"][at]),
               "two_neutrino_over_casimir": float(dirac.ratios["two_neutrino/casimir"][at]),
               "dirac_over_majorana": float(dirac.force_N["two_neutrino"][at]
                                            / majorana.force_N["two_neutrino"][at])}
    return {"gap_m": gaps, "columns": columns, "dirac": dirac, "majorana": majorana, "summary": summary}


def reference_budget_csv(data: dict[str, Any]) -> str:
    """The CSV text of :func:`reference_budget` (a comment line, a header, one row per gap)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["# nusym budget: Au sphere R = 100 um above an Au plate 1 mm thick; forces in N, "
                "positive = repulsive; Casimir: Lifshitz at 300 K with PFA"])
    w.writerow(["gap_m", *data["columns"]])
    for k, g in enumerate(data["gap_m"]):
        w.writerow([repr(float(g)), *(repr(float(v[k])) for v in data["columns"].values())])
    return out.getvalue()
