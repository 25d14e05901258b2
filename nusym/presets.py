"""Neutrino oscillation-parameter presets.

A preset gives, for each mass ordering, Delta m^2_21, the signed
Delta m^2_3l (l = 1, i.e. Delta m^2_31 > 0, for the normal ordering; l = 2,
i.e. Delta m^2_32 < 0, for the inverted ordering), the three mixing angles as
sin^2, the Dirac phase and the two Majorana phases (degrees).

Which parameters matter: only the first row of the PMNS matrix enters the
weak charges ``Q^ij = 2 Z U_ei U*_ej - N delta_ij`` (Eq. (5) of Segarra & Bernabeu
2020), so sin^2 theta_23 never changes a result (U unitary).  The Dirac
potential depends on the charges only through ``Re(Q_A^ij conj Q_B^ij)``, which
involves only the moduli ``|U_ei|`` (the off-diagonal products give
``|U_ei|^2 |U_ej|^2``): Dirac results depend on Delta m^2_21, Delta m^2_3l,
sin^2 theta_12 and sin^2 theta_13, and never on the phases.  The Majorana
potential depends on Re Q_A^ij Re Q_B^ij and Im Q_A^ij Im Q_B^ij, i.e. on the
real and imaginary parts of ``U_ei U*_ej``, so the Dirac phase delta and the Majorana
phases alpha21, alpha31 do change it.  For example, between two Fe-56 atoms
(segarra2020, normal ordering, lightest mass 0.1 eV) delta = 90 deg raises V_M by
1.0 % at 1 um and by 19 % at 10 um, and alpha21 = 180 deg turns V_M/V_D at 10 um
from 0.31 into 1.20.

Built-in presets live in ``nusym/data/presets.toml``: ``segarra2020`` (the
values of the paper, default) and ``nufit-6.0``.  Your own presets: a mapping,
or a TOML file in the same format -- one preset (tables ``[normal]`` and
``[inverted]``, see ``docs/examples/preset_minimal.toml``) or several named ones
(a copy of ``nusym/data/presets.toml``), of which the one marked
``default = true`` is used unless ``path.toml#name`` picks another.

>>> from nusym.presets import load_parameters
>>> p = load_parameters("segarra2020", "IO")
>>> p.ordering, p.dm3l_sq
('inverted', '-2.5e-3')
>>> float(p.mp("dm21_sq"))
7.5e-05
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

import mpmath

from nusym.errors import InvalidParameterError, UnknownPresetError
from nusym.inputs import ORDERINGS, check_ordering
from nusym.resources import load_toml, tomllib

__all__ = [
    "OscillationParameters",
    "PARAMETER_KEYS",
    "PRESET_NAMES",
    "DEFAULT_PRESET",
    "ORDERINGS",
    "load_parameters",
    "normalise_ordering",
]

#: built-in preset names (first is the default)
PRESET_NAMES: tuple[str, ...] = ("segarra2020", "nufit-6.0")
DEFAULT_PRESET = "segarra2020"

#: keys every per-ordering parameter table must contain
PARAMETER_KEYS: tuple[str, ...] = (
    "dm21_sq", "dm3l_sq", "sin2_th12", "sin2_th13", "sin2_th23",
    "delta_deg", "alpha21_deg", "alpha31_deg",
)


def normalise_ordering(text: str) -> str:
    """Return ``"normal"`` or ``"inverted"`` for the accepted spellings.

    Kept for compatibility: the validator is :func:`nusym.inputs.check_ordering`.

    >>> normalise_ordering("IH"), normalise_ordering("no")
    ('inverted', 'normal')
    >>> normalise_ordering("up")
    Traceback (most recent call last):
    ...
    nusym.errors.UnknownOrderingError: unknown mass ordering 'up'; use normal (NO, NH) or inverted (IO, IH),
    case-insensitive
    """
    return check_ordering(text)


@dataclass(frozen=True)
class OscillationParameters:
    """Oscillation parameters for one ordering, stored as exact decimal strings.

    ``dm21_sq`` and ``dm3l_sq`` are in eV^2 (``dm3l_sq`` is Delta m^2_31 for the
    normal and Delta m^2_32 for the inverted ordering); angles are given as
    sin^2; phases in degrees.  Use :meth:`mp` for mpmath values.
    """

    name: str
    source: str
    ordering: str
    dm21_sq: str
    dm3l_sq: str
    sin2_th12: str
    sin2_th13: str
    sin2_th23: str
    delta_deg: str
    alpha21_deg: str
    alpha31_deg: str

    def mp(self, field: str) -> mpmath.mpf:
        """Value of a numeric field as an mpf at the current precision."""
        if field not in PARAMETER_KEYS:
            raise InvalidParameterError(
                f"unknown parameter {field!r}; allowed: {', '.join(PARAMETER_KEYS)}"
            )
        return mpmath.mpf(getattr(self, field))

    def as_dict(self) -> dict[str, str]:
        """All fields as a plain dictionary of strings."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _is_path(preset: Any) -> bool:
    if isinstance(preset, os.PathLike):
        return True
    return isinstance(preset, str) and ("/" in preset or os.sep in preset
                                        or preset.endswith(".toml") or ".toml#" in preset)


def _split_path(preset: Any) -> tuple[str, str | None]:
    """``"dir/file.toml#name"`` -> ("dir/file.toml", "name"); a bare path -> (path, None)."""
    path = os.fspath(preset)
    if "#" not in path or os.path.exists(path):
        return path, None
    head, _, name = path.rpartition("#")
    if not name.strip():
        raise UnknownPresetError(
            f"preset {path!r}: no preset name after '#'; write 'file.toml#NAME'")
    return head, name.strip()


def _unknown_preset(preset: Any) -> UnknownPresetError:
    return UnknownPresetError(
        f"unknown preset {preset!r}; built-in presets: {', '.join(PRESET_NAMES)}; "
        "a path to a TOML file in the same format (containing '/' or ending in '.toml', "
        "'file.toml#NAME' to pick one of several presets) is also accepted"
    )


def _read_toml_file(path: Any) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise UnknownPresetError(
            f"preset file {os.fspath(path)!r} does not exist; give a built-in preset "
            f"({', '.join(PRESET_NAMES)}) or an existing TOML file"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UnknownPresetError(f"cannot read preset file {os.fspath(path)!r}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise InvalidParameterError(
            f"preset file {os.fspath(path)!r} is not valid TOML: {exc}"
        ) from None


def _is_single_preset(data: Mapping[str, Any]) -> bool:
    """True if ``data`` is one preset: ordering tables or flat parameter keys at its top."""
    return (any(isinstance(data.get(o), Mapping) for o in ORDERINGS)
            or any(k in data for k in PARAMETER_KEYS))


def _named_presets(data: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """The presets held by a collection (the format of ``nusym/data/presets.toml``)."""
    return {str(k): v for k, v in data.items()
            if isinstance(v, Mapping) and _is_single_preset(v)}


def _select(where: str, data: Mapping[str, Any],
            name: str | None) -> tuple[str | None, Mapping[str, Any]]:
    """Pick one preset from ``data``: (its name or None for a single preset, its table).

    A single preset is returned as it is.  From several named presets, ``name``
    selects one; without a name, the only one, else the one marked ``default = true``.
    """
    if _is_single_preset(data):
        if name is not None:
            raise UnknownPresetError(
                f"{where} holds a single preset, not named presets; drop '#{name}'")
        return None, data
    named = _named_presets(data)
    listing = ", ".join(named) if named else "none"
    if name is not None:
        if name not in named:
            raise UnknownPresetError(
                f"{where} has no preset {name!r}; the presets it holds: {listing}")
        return name, named[name]
    if len(named) == 1:
        only = next(iter(named))
        return only, named[only]
    if not named:
        return None, data  # reported by _table_for_ordering
    for key, table in named.items():
        if "default" in table and not isinstance(table["default"], bool):
            raise InvalidParameterError(
                f"{where}: preset {key!r} has default = {table['default']!r}; "
                "use default = true or default = false")
    defaults = [k for k, t in named.items() if t.get("default") is True]
    if len(defaults) == 1:
        return defaults[0], named[defaults[0]]
    problem = ("none is marked default = true" if not defaults
               else f"{len(defaults)} are marked default = true ({', '.join(defaults)})")
    raise InvalidParameterError(
        f"{where} holds several presets ({listing}) and {problem}; mark one "
        f"default = true or name one as 'file.toml#NAME'")


def _as_number_string(name: str, key: str, value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InvalidParameterError(
            f"preset {name!r}: {key} must be a number or a numeric string, got {value!r}"
        )
    text = str(value).strip()
    try:
        x = mpmath.mpf(text)
    except (ValueError, TypeError):
        raise InvalidParameterError(
            f"preset {name!r}: {key} = {value!r} is not a number"
        ) from None
    if not mpmath.isfinite(x):
        raise InvalidParameterError(f"preset {name!r}: {key} = {value!r} is not finite")
    return text


def _table_for_ordering(name: str, data: Mapping[str, Any], ordering: str) -> Mapping[str, Any]:
    """Pick the per-ordering table from one preset (nested ``[normal]`` or flat keys)."""
    if ordering in data and isinstance(data[ordering], Mapping):
        return data[ordering]
    if any(k in data for k in PARAMETER_KEYS):
        return data  # flat keys apply to the requested ordering
    raise InvalidParameterError(
        f"preset {name!r} has no [{ordering}] table and no flat parameter keys "
        f"({', '.join(PARAMETER_KEYS)})"
    )


def _build(name: str, source: str, data: Mapping[str, Any], ordering: str) -> OscillationParameters:
    table = _table_for_ordering(name, data, ordering)
    missing = [k for k in PARAMETER_KEYS if k not in table]
    if missing:
        raise InvalidParameterError(
            f"preset {name!r} ({ordering} ordering) is missing {', '.join(missing)}; "
            f"required keys: {', '.join(PARAMETER_KEYS)}"
        )
    unknown = sorted(k for k in table if k not in PARAMETER_KEYS)
    if unknown:
        raise InvalidParameterError(
            f"preset {name!r} ({ordering} ordering) has unknown key(s) {', '.join(unknown)}; "
            f"allowed keys: {', '.join(PARAMETER_KEYS)}"
        )
    values = {k: _as_number_string(name, k, table[k]) for k in PARAMETER_KEYS}
    with mpmath.workdps(30):
        for k in ("sin2_th12", "sin2_th13", "sin2_th23"):
            if not 0 <= mpmath.mpf(values[k]) <= 1:
                raise InvalidParameterError(
                    f"preset {name!r}: {k} = {values[k]} is outside [0, 1]"
                )
        if mpmath.mpf(values["dm21_sq"]) <= 0:
            raise InvalidParameterError(
                f"preset {name!r}: dm21_sq = {values['dm21_sq']} must be positive (eV^2)"
            )
        dm3l = mpmath.mpf(values["dm3l_sq"])
        if ordering == "normal" and dm3l <= 0:
            raise InvalidParameterError(
                f"preset {name!r}: for the normal ordering dm3l_sq is Delta m^2_31 and must be "
                f"positive, got {values['dm3l_sq']}"
            )
        if ordering == "inverted" and dm3l >= 0:
            raise InvalidParameterError(
                f"preset {name!r}: for the inverted ordering dm3l_sq is Delta m^2_32 and must be "
                f"negative, got {values['dm3l_sq']}"
            )
        if ordering == "inverted" and -dm3l <= mpmath.mpf(values["dm21_sq"]):
            # m1^2 = m3^2 - dm32^2 - dm21^2 must exceed m3^2 for m3 to be the lightest
            raise InvalidParameterError(
                f"preset {name!r}: for the inverted ordering |dm3l_sq| must exceed dm21_sq"
            )
    return OscillationParameters(name=name, source=source, ordering=ordering, **values)


def load_parameters(
    preset: str | Mapping[str, Any] | os.PathLike[str] | OscillationParameters = DEFAULT_PRESET,
    ordering: str = "normal",
) -> OscillationParameters:
    """Load the oscillation parameters of ``preset`` for ``ordering``.

    The splittings fix the masses of Table I, the angles and phases the mixing
    matrix that enters the charges of Eq. (5) of Segarra & Bernabeu 2020.

    Parameters
    ----------
    preset : str or Mapping or os.PathLike or OscillationParameters, optional
        A built-in name (:data:`PRESET_NAMES`, default ``"segarra2020"``); a mapping
        with per-ordering tables ``{"normal": {...}, "inverted": {...}}`` or flat
        keys (:data:`PARAMETER_KEYS`, applying to ``ordering``); or a path to a TOML
        file (anything containing ``/`` or ending in ``.toml``).  The file (or
        mapping) holds either one preset -- ``[normal]`` and ``[inverted]`` tables
        and an optional ``source``, as ``docs/examples/preset_minimal.toml`` -- or
        several named ones in the format of ``nusym/data/presets.toml``
        (``[name]`` with ``source`` and ``default``, ``[name.normal]``,
        ``[name.inverted]``): then the only one, or the one marked
        ``default = true``, is used, and ``"path.toml#name"`` picks ``name``.  An
        :class:`OscillationParameters` is returned unchanged if its ordering
        matches.
    ordering : str, optional
        ``"normal"`` (default; ``"NO"``, ``"NH"``) or ``"inverted"`` (``"IO"``,
        ``"IH"``).

    Returns
    -------
    OscillationParameters
        The parameters as exact decimal strings (:meth:`OscillationParameters.mp`
        gives mpmath numbers).

    Raises
    ------
    nusym.errors.UnknownPresetError
        An unknown name (the message lists the built-in ones).
    nusym.errors.InvalidParameterError
        A missing or non-numeric parameter, an unreadable file, an inverted
        ordering whose ``|dm3l_sq|`` does not exceed ``dm21_sq``, or parameters
        given for the other ordering.

    Examples
    --------
    >>> load_parameters("nufit-6.0", "normal").delta_deg
    '212'
    >>> load_parameters({"dm21_sq": "7e-5", "dm3l_sq": "2.4e-3", "sin2_th12": "0.3",
    ...     "sin2_th13": "0.02", "sin2_th23": "0.5", "delta_deg": 0, "alpha21_deg": 0,
    ...     "alpha31_deg": 0}).sin2_th12
    '0.3'
    >>> load_parameters("pdg")
    Traceback (most recent call last):
    ...
    nusym.errors.UnknownPresetError: unknown preset 'pdg'; built-in presets: segarra2020, nufit-6.0; a path to a TOML
    file in the same format (containing '/' or ending in '.toml', 'file.toml#NAME' to pick one of several presets) is
    also accepted
    """
    ordering = normalise_ordering(ordering)
    if isinstance(preset, OscillationParameters):
        if preset.ordering != ordering:
            raise InvalidParameterError(
                f"parameters {preset.name!r} are for the {preset.ordering} ordering, "
                f"not the {ordering} ordering"
            )
        return preset
    if isinstance(preset, Mapping):
        key, data = _select("preset mapping", preset, None)
        name = str(data.get("name", key if key is not None else "custom"))
        source = str(data.get("source", "user-supplied mapping"))
        return _build(name, source, data, ordering)
    if _is_path(preset):
        path, wanted = _split_path(preset)
        key, data = _select(f"preset file {path!r}", _read_toml_file(path), wanted)
        name = path if key is None else f"{path}#{key}"
        source = str(data.get("source", f"file {name}"))
        return _build(name, source, data, ordering)
    if isinstance(preset, str) and preset in PRESET_NAMES:
        data = load_toml("presets.toml")[preset]
        return _build(preset, data["source"], data, ordering)
    raise _unknown_preset(preset)
