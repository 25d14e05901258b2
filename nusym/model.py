"""The neutrino sector as one value: :class:`Model` (nature, masses, mixing).

Every evaluator of nusym takes ``model=``: a frozen, hashable, picklable
:class:`Model` that fixes everything about the neutrinos that enters Eq. (1) of
Segarra & Bernabeu (2020):

* ``nature``: ``"dirac"`` or ``"majorana"``;
* ``masses``: the n mass states m_1..m_n in eV;
* ``mixing``: the 3 x n mixing matrix U (rows e, mu, tau; complex), from which
  the coherent charges Q^ij of Eq. (5) follow (:mod:`nusym.charges`).

Numbers are stored exactly as given (a Python float means the decimal it prints
as) to :data:`MODEL_DIGITS` significant digits, enough for any precision the
evaluators accept, so a Model is also the key of every cache. The keyword
arguments of the evaluators (``nature``, ``ordering``, ``lightest``, ``preset``,
``delta``, ``alpha21``, ``alpha31``) are shorthand for
:meth:`Model.from_preset` (see :func:`resolve_model`).

>>> m = Model.from_preset(ordering="IO", lightest=0)
>>> m.nature, m.n
('dirac', 3)
>>> [float(x) for x in m.masses]
[0.04924428900898052, 0.05, 0.0]
>>> m == Model.from_preset("segarra2020", ordering="inverted", lightest="0")
True
>>> custom = Model(nature="majorana", masses=[0, "0.1"], mixing=[[1, 0], [0, 1], [0, 0]])
>>> custom.n
2
>>> import pickle; pickle.loads(pickle.dumps(custom)) == custom
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import Any

import mpmath

from nusym.charges import charge_matrix, charge_matrix_float
from nusym.errors import InvalidMassError, InvalidOptionError, InvalidParameterError
from nusym.generated.mixing import pmns
from nusym.inputs import MASS_MAX_EV, check_nature, check_ordering, parse_angle_deg, parse_mass
from nusym.masses import masses_from_parameters
from nusym.presets import DEFAULT_PRESET, PRESET_NAMES, OscillationParameters, load_parameters

__all__ = ["MODEL_DIGITS", "Model", "resolve_model", "SHORTHAND_KEYS"]

#: significant digits kept of every mass and mixing element (dps <= 1000 plus guard digits)
MODEL_DIGITS = 1100
#: keyword arguments of the evaluators that are shorthand for Model.from_preset
SHORTHAND_KEYS = ("nature", "ordering", "lightest", "preset", "delta", "alpha21", "alpha31")


def _real(value: Any, what: str) -> Any:
    if isinstance(value, bool):
        raise InvalidParameterError(f"{what} must be a number, got {value!r}")
    try:
        if isinstance(value, float):
            value = repr(value)
        elif hasattr(value, "item") and not isinstance(value, (str, bytes)):
            value = value.item()
            value = repr(value) if isinstance(value, float) else value
        x = mpmath.mpmathify(value.strip() if isinstance(value, str) else value)
    except (TypeError, ValueError, AttributeError):
        raise InvalidParameterError(f"{what} must be a number, got {value!r}") from None
    return x


def _complex(value: Any, what: str) -> Any:
    if isinstance(value, complex):
        z = mpmath.mpc(_real(value.real, what), _real(value.imag, what))
    else:
        z = mpmath.mpc(_real(value, what))
    if not (mpmath.isfinite(z.real) and mpmath.isfinite(z.imag)):
        raise InvalidParameterError(f"{what} must be finite, got {value!r}")
    return z


@dataclass(frozen=True, init=False)
class Model:
    """A neutrino sector: ``Model(nature=..., masses=[...], mixing=[[...], ...])``.

    ``masses``: n non-negative masses in eV (numbers, decimal strings, strings
    with a unit such as ``"0.1eV"``, mpmath numbers). ``mixing``: 3 rows
    (e, mu, tau) of n complex entries (numbers, ``complex``, mpmath numbers or
    strings such as ``"0.5+0.1j"``). Equality and hashing use nature, masses and
    mixing only; ``origin`` records how the model was built (for output).
    """

    nature: str
    masses: tuple[Any, ...]
    mixing: tuple[tuple[Any, ...], ...]
    origin: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def __init__(self, nature: str = "dirac", masses: Sequence[Any] = (), mixing: Sequence[Sequence[Any]] = (),
                 *, origin: Sequence[tuple[str, str]] = ()) -> None:
        nature = check_nature(nature)
        if isinstance(masses, (str, bytes)) or not isinstance(masses, Sequence) and not hasattr(masses, "tolist"):
            raise InvalidParameterError(f"masses must be a sequence of masses in eV, got {masses!r}")
        masses = list(masses.tolist() if hasattr(masses, "tolist") else masses)
        if not masses:
            raise InvalidParameterError("a model needs at least one mass state (masses is empty)")
        if isinstance(mixing, (str, bytes)) or not hasattr(mixing, "__len__"):
            raise InvalidParameterError(
                f"mixing must be a 3 x n matrix (rows e, mu, tau; n = {len(masses)} mass states), got {mixing!r}")
        rows = list(mixing.tolist() if hasattr(mixing, "tolist") else mixing)
        if len(rows) != 3 or any(isinstance(row, (str, bytes)) or not hasattr(row, "__len__") for row in rows):
            raise InvalidParameterError(
                f"mixing must be a 3 x n matrix (rows e, mu, tau; n = {len(masses)} mass states), got {mixing!r}")
        with mpmath.workdps(MODEL_DIGITS):
            m = tuple(+parse_mass(v, f"mass m{k + 1}") for k, v in enumerate(masses))
            u = []
            for a, row in enumerate(rows):
                row = list(row)
                if len(row) != len(m):
                    raise InvalidParameterError(
                        f"mixing row {('e', 'mu', 'tau')[a]} has {len(row)} entries, expected one per "
                        f"mass state ({len(m)})")
                u.append(tuple(+_complex(v, f"mixing[{a}][{i}]") for i, v in enumerate(row)))
                bad = [i for i, z in enumerate(u[-1]) if abs(z) > 1 + mpmath.mpf(10) ** -12]
                if bad:
                    raise InvalidParameterError(
                        f"mixing[{a}][{bad[0]}] = {mpmath.nstr(u[-1][bad[0]], 8)} has modulus above 1: the "
                        "entries of a mixing matrix (a block of a unitary one) have |U_ai| <= 1")
        try:
            origin = tuple((str(k), str(v)) for k, v in origin)
        except (TypeError, ValueError):
            raise InvalidParameterError("origin must be a sequence of (key, value) pairs") from None
        object.__setattr__(self, "nature", nature)
        object.__setattr__(self, "masses", m)
        object.__setattr__(self, "mixing", tuple(u))
        object.__setattr__(self, "origin", origin)

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_preset(cls, preset: Any = DEFAULT_PRESET, *, ordering: str = "normal", lightest: Any = 0,
                    nature: str = "dirac", delta: Any = None, alpha21: Any = None,
                    alpha31: Any = None) -> "Model":
        """Three states from oscillation parameters: masses of Table I, the full PMNS matrix.

        ``preset``: a built-in name, a TOML path or a mapping (:func:`nusym.load_parameters`);
        ``lightest``: m1 (normal) or m3 (inverted) in eV; ``delta``, ``alpha21``,
        ``alpha31``: phases in degrees overriding the preset's.
        ``U = R23 U13(delta) R12 diag(1, e^(i alpha21/2), e^(i alpha31/2))``.

        >>> m = Model.from_preset(ordering="normal", lightest="0.1", nature="majorana", alpha21=180)
        >>> m.describe(6)["phases_deg"]
        {'delta': '0', 'alpha21': '180', 'alpha31': '0'}
        """
        ordering = check_ordering(ordering)
        nature = check_nature(nature)
        with mpmath.workdps(MODEL_DIGITS):
            light = +parse_mass(lightest)
        phases = tuple(None if v is None else _phase_text(v, name)
                       for v, name in ((delta, "delta"), (alpha21, "alpha21"), (alpha31, "alpha31")))
        if isinstance(preset, OscillationParameters) or isinstance(preset, str) and preset in PRESET_NAMES:
            return _from_preset_cached(preset, ordering, light, nature, phases)
        # a mapping or a file: read it every time (a file may have been edited)
        return _from_preset(preset, ordering, light, nature, phases)

    # ------------------------------------------------------------------ derived
    @property
    def n(self) -> int:
        """Number of mass states."""
        return len(self.masses)

    def with_nature(self, nature: str) -> "Model":
        """The same masses and mixing for the other nature."""
        return replace(self, nature=check_nature(nature))

    def charges(self, Z: Any, N: Any) -> list[list[Any]]:
        """Q^{ij}_W of a source (Eq. 5) at the current mpmath precision."""
        return charge_matrix(_real(Z, "Z"), _real(N, "N"), self.mixing)

    def charges_float(self, Z: Any, N: Any) -> list[list[complex]]:
        """Q^{ij}_W of a source (Eq. 5) in double precision."""
        return charge_matrix_float(float(Z), float(N), self.mixing_float)

    @cached_property
    def mixing_float(self) -> tuple[tuple[complex, ...], ...]:
        """The mixing matrix as Python complex numbers (double-precision routes)."""
        return tuple(tuple(complex(v) for v in row) for row in self.mixing)

    @cached_property
    def masses_float(self) -> tuple[float, ...]:
        """The masses as Python floats (eV)."""
        return tuple(float(m) for m in self.masses)

    def describe(self, dps: int = 15) -> dict[str, Any]:
        """What the CLI prints: nature, masses (eV), |U_ei|, phases (degrees) and provenance.

        Numbers are decimal strings with ``dps`` digits. ``phases_deg`` holds the
        PMNS phases when the model came from a preset, otherwise the arguments of
        the U_ei (``arg_U_e_deg``).
        """
        info: dict[str, Any] = {"nature": self.nature, "states": self.n}
        with mpmath.workdps(dps + 5):
            info["masses_eV"] = [mpmath.nstr(m, dps, min_fixed=-5, max_fixed=5) for m in self.masses]
            info["abs_U_e"] = [mpmath.nstr(abs(u), dps) for u in self.mixing[0]]
            origin = dict(self.origin)
            if "delta_deg" in origin:
                info["phases_deg"] = {k: origin[f"{k}_deg"] for k in ("delta", "alpha21", "alpha31")}
            else:
                info["arg_U_e_deg"] = [mpmath.nstr(mpmath.degrees(mpmath.arg(u)), dps) if u else "0"
                                       for u in self.mixing[0]]
        if origin:
            info["origin"] = {k: v for k, v in origin.items() if not k.endswith("_deg")}
        return info

    def summary(self, dps: int = 6) -> str:
        """One line for human output, e.g. ``dirac; m = 0, 0.00866, 0.05 eV; |U_e| = ...; phases ...``."""
        d = self.describe(dps)
        text = (f"{d['nature']}; m = {', '.join(d['masses_eV'])} eV; |U_ei| = {', '.join(d['abs_U_e'])}")
        if "phases_deg" in d:
            text += "; delta, alpha21, alpha31 = " + ", ".join(d["phases_deg"].values()) + " deg"
        else:
            text += "; arg U_ei = " + ", ".join(d["arg_U_e_deg"]) + " deg"
        if "origin" in d:
            text += "; " + ", ".join(f"{k} {v}" for k, v in d["origin"].items())
        return text

    def __repr__(self) -> str:
        with mpmath.workdps(20):
            masses = ", ".join(mpmath.nstr(m, 10) for m in self.masses)
        origin = f", origin={dict(self.origin)!r}" if self.origin else ""
        return f"Model(nature={self.nature!r}, masses=({masses}), n={self.n}{origin})"


def _phase_text(value: Any, name: str) -> str:
    """The phase in degrees as the exact decimal it was given as (parsed at MODEL_DIGITS)."""
    with mpmath.workdps(MODEL_DIGITS):
        angle = parse_angle_deg(value, name)
        return mpmath.nstr(mpmath.mpf(angle), MODEL_DIGITS, strip_zeros=True).rstrip(".").removesuffix(".0")


@lru_cache(maxsize=64)
def _from_preset_cached(preset: Any, ordering: str, lightest: Any, nature: str,
                        phases: tuple[Any, ...]) -> Model:
    return _from_preset(preset, ordering, lightest, nature, phases)


@lru_cache(maxsize=64)
def _pmns_cached(th: tuple[str, str, str], phases: tuple[str, str, str]) -> tuple[tuple[Any, ...], ...]:
    with mpmath.workdps(MODEL_DIGITS + 10):
        angles = [mpmath.asin(mpmath.sqrt(mpmath.mpf(s))) for s in th]
        rad = [mpmath.mpf(p) * mpmath.pi / 180 for p in phases]
        u = pmns(*angles, *rad)
        return tuple(tuple(mpmath.mpc(v) for v in row) for row in u)


def _from_preset(preset: Any, ordering: str, lightest: Any, nature: str, phases: tuple[Any, ...]) -> Model:
    params = load_parameters(preset, ordering)
    delta, alpha21, alpha31 = (given if given is not None else str(getattr(params, key))
                               for given, key in zip(phases, ("delta_deg", "alpha21_deg", "alpha31_deg")))
    with mpmath.workdps(MODEL_DIGITS + 10):
        masses = masses_from_parameters(params, lightest)
        if max(masses) > MASS_MAX_EV:
            raise InvalidMassError(
                f"lightest mass {mpmath.nstr(lightest, 8)} eV gives a heaviest state of "
                f"{mpmath.nstr(max(masses), 8)} eV, above the allowed {MASS_MAX_EV:g} eV")
    mixing = _pmns_cached((params.sin2_th12, params.sin2_th13, params.sin2_th23), (delta, alpha21, alpha31))
    with mpmath.workdps(MODEL_DIGITS):
        light = mpmath.nstr(lightest, 30)
    origin = (("preset", params.name), ("ordering", ordering), ("lightest_eV", light),
              ("delta_deg", delta), ("alpha21_deg", alpha21), ("alpha31_deg", alpha31))
    return Model(nature, masses, mixing, origin=origin)


def resolve_model(model: Any = None, **shorthand: Any) -> Model:
    """The Model of an evaluator call: ``model`` itself, or one built from the shorthand keywords.

    The shorthand keywords are :data:`SHORTHAND_KEYS`; giving one of them
    together with ``model`` is an error (the model already fixes it). ``None``
    means "not given": defaults are those of :meth:`Model.from_preset`.

    >>> resolve_model(lightest="0.1").masses[0]
    mpf('0.1')
    >>> resolve_model(Model.from_preset(), nature="majorana")
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidOptionError: give either model= or the shorthand keywords (nature, ordering, lightest, preset, delta, alpha21, alpha31), not both: got model= and nature
    """
    unknown = sorted(set(shorthand) - set(SHORTHAND_KEYS))
    if unknown:
        raise TypeError(f"unexpected keyword argument(s) {', '.join(unknown)}")
    given = {k: v for k, v in shorthand.items() if v is not None}
    if model is not None:
        if not isinstance(model, Model):
            raise InvalidOptionError(f"model must be a nusym.Model, got {type(model).__name__}")
        if given:
            raise InvalidOptionError(
                f"give either model= or the shorthand keywords ({', '.join(SHORTHAND_KEYS)}), not both: "
                f"got model= and {', '.join(k for k in SHORTHAND_KEYS if k in given)}")
        return model
    preset = given.pop("preset", DEFAULT_PRESET)
    if isinstance(preset, Mapping):
        preset = dict(preset)
    return Model.from_preset(preset, **given)
