"""The neutrino sector as one value: :class:`Model` (nature, masses, mixing).

Every evaluator of nusym takes ``model=``: a frozen, hashable, picklable
:class:`Model` that fixes everything about the neutrinos that enters Eq. (1) of
Segarra & Bernabeu (2020):

* ``nature``: ``"dirac"`` or ``"majorana"``;
* ``masses``: the n mass states m_1..m_n in eV;
* ``mixing``: the 3 x n mixing matrix U (rows e, mu, tau; complex), from which
  the coherent charges Q^ij of Eq. (5) follow (:mod:`nusym.charges`);
* ``current`` (default: the Standard Model V-A): the neutrino current
  nubar_j gamma^mu (c_V - c_A gamma5) nu_i coupling to the weak charges Q^ij, or
  nubar_j (c_S + i c_P gamma5) nu_i coupling to the scalar charges of the sources
  (per atom Z (g_e + g_p) + N g_n, ``scalar_couplings``); see ``docs/currents.md``.

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
>>> Model.from_preset().with_current({"V": 1, "A": 1}) == Model.from_preset()
True
>>> scalar = Model.from_preset().with_current("S=1", scalar_couplings={"n": 1})
>>> scalar.family, scalar.current_text()
('dirac_sp', 'S=1, P=0')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from functools import cached_property, lru_cache
from typing import Any

import mpmath

from nusym.charges import charge_matrix, charge_matrix_float, scalar_charge_matrix, scalar_charge_matrix_float
from nusym.errors import InvalidMassError, InvalidOptionError, InvalidParameterError
from nusym.generated.mixing import pmns
from nusym.inputs import (
    MASS_MAX_EV,
    check_current,
    check_nature,
    check_ordering,
    check_scalar_couplings,
    parse_angle_deg,
    parse_mass,
)
from nusym.masses import masses_from_parameters
from nusym.presets import DEFAULT_PRESET, PRESET_NAMES, OscillationParameters, load_parameters
from nusym.reprs import html_table

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

    Everything about the neutrinos that enters Eq. (1) of Segarra & Bernabeu 2020:
    the nature selects the absorptive part of Eq. (6), the masses the thresholds
    (m_i + m_j)^2, and the mixing the coherent charges Q^ij of Eq. (5).  Equality
    and hashing use nature, masses, mixing, current and scalar couplings (not
    ``origin``); numbers are kept to :data:`MODEL_DIGITS` digits exactly as given.

    Parameters
    ----------
    nature : {"dirac", "majorana"}, optional
        The nature of the neutrinos (default ``"dirac"``; case-insensitive, ``"d"``
        and ``"m"`` accepted).
    masses : sequence
        n >= 1 non-negative masses in eV: numbers, decimal strings, strings with a
        unit such as ``"0.1eV"``, mpmath numbers, or a NumPy array.
    mixing : sequence of sequences
        The 3 x n mixing matrix U: rows e, mu, tau of n complex entries (numbers,
        ``complex``, mpmath numbers or strings such as ``"0.5+0.1j"``), each with
        ``|U_ai| <= 1``.
    current : mapping or str, optional
        None or ``{"V": 1, "A": 1}`` (the Standard Model V-A, stored as None),
        ``{"V": c_V, "A": c_A}`` or ``{"S": c_S, "P": c_P}``, or a string such as
        ``"V=1,A=0"`` (:func:`nusym.inputs.check_current`).
    scalar_couplings : mapping, optional
        ``{"e": g_e, "p": g_p, "n": g_n}`` in units of G_F/(2 sqrt 2); required by,
        and only by, a scalar/pseudoscalar current.
    origin : sequence of (str, str), optional
        How the model was built (preset, file, ...), for output only.

    Returns
    -------
    Model
        A frozen, hashable, picklable value.

    Raises
    ------
    nusym.errors.InvalidParameterError
        Empty masses, a mixing that is not 3 x n or has an entry of modulus above 1,
        a number that is not a finite number, or scalar couplings given without
        (or missing with) a scalar/pseudoscalar current.
    nusym.errors.InvalidMassError
        A negative, non-finite or out-of-range mass.
    nusym.errors.InvalidOptionError
        An unknown nature or current coefficient.

    Examples
    --------
    >>> m = Model(nature="majorana", masses=[0, "0.1 eV"], mixing=[[1, 0], [0, "0.6"], [0, "0.8j"]])
    >>> m.n, m.nature, [float(x) for x in m.masses]
    (2, 'majorana', [0.0, 0.1])
    >>> m == Model("Majorana", [0.0, 0.1], [[1, 0], [0, 0.6], [0, 0.8j]])
    True
    >>> Model(masses=[0.1], mixing=[[2], [0], [0]])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidParameterError: mixing[0][0] = (2.0 + 0.0j) has modulus above 1: ...
    """

    nature: str
    masses: tuple[Any, ...]
    mixing: tuple[tuple[Any, ...], ...]
    current: tuple[tuple[str, Any], ...] | None = None
    scalar_couplings: tuple[tuple[str, Any], ...] | None = None
    origin: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def __init__(self, nature: str = "dirac", masses: Sequence[Any] = (), mixing: Sequence[Sequence[Any]] = (),
                 *, current: Any = None, scalar_couplings: Any = None,
                 origin: Sequence[tuple[str, str]] = ()) -> None:
        nature = check_nature(nature)
        current = check_current(current)
        scalar_couplings = check_scalar_couplings(scalar_couplings)
        scalar = current is not None and current[0][0] == "S"
        if scalar and scalar_couplings is None:
            raise InvalidParameterError(
                "a scalar/pseudoscalar current couples to the scalar charge of the sources, "
                "Z (g_e + g_p) + N g_n: give scalar_couplings={'e': g_e, 'p': g_p, 'n': g_n}")
        if not scalar and scalar_couplings is not None:
            raise InvalidParameterError(
                "scalar_couplings are used only by a scalar/pseudoscalar current (current={'S': c_S, 'P': c_P}); "
                "the vector/axial current couples to the weak charges")
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
        object.__setattr__(self, "current", current)
        object.__setattr__(self, "scalar_couplings", scalar_couplings)
        object.__setattr__(self, "origin", origin)

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_preset(cls, preset: Any = DEFAULT_PRESET, *, ordering: str = "normal", lightest: Any = 0,
                    nature: str = "dirac", delta: Any = None, alpha21: Any = None,
                    alpha31: Any = None) -> Model:
        """Three states from oscillation parameters: masses of Table I, the full PMNS matrix.

        The masses are those of Table I of Segarra & Bernabeu 2020 (from the mass
        splittings and the lightest mass); the mixing is the PMNS matrix
        ``U = R23 U13(delta) R12 diag(1, e^(i alpha21/2), e^(i alpha31/2))`` that
        enters the charges of Eq. (5).  Built-in presets are cached.

        Parameters
        ----------
        preset : str or mapping or path, optional
            A built-in name (``"segarra2020"``, ``"nufit-6.0"``), a TOML path
            (``"file.toml#NAME"``) or a mapping (:func:`nusym.load_parameters`).
        ordering : {"normal", "inverted"}, optional
            Mass ordering (``"NO"``, ``"NH"``, ``"IO"``, ``"IH"`` accepted).
        lightest : float or str, optional
            m1 (normal) or m3 (inverted) in eV (default 0).
        nature : {"dirac", "majorana"}, optional
            The nature of the neutrinos.
        delta, alpha21, alpha31 : float or str, optional
            Dirac and Majorana phases in degrees, overriding the preset's.

        Returns
        -------
        Model
            Three mass states; ``origin`` records preset, ordering, lightest mass
            and phases.

        Raises
        ------
        nusym.errors.UnknownPresetError
            An unknown preset name.
        nusym.errors.UnknownOrderingError
            An unknown ordering.
        nusym.errors.InvalidMassError
            A lightest mass that is negative or out of range.
        nusym.errors.InvalidOptionError
            An unknown nature.
        nusym.errors.InvalidParameterError
            A phase that is not a finite number of degrees.

        Examples
        --------
        >>> m = Model.from_preset(ordering="normal", lightest="0.1", nature="majorana", alpha21=180)
        >>> m.describe(6)["phases_deg"]
        {'delta': '0', 'alpha21': '180', 'alpha31': '0'}
        >>> [mpmath.nstr(x, 6) for x in Model.from_preset(ordering="IO").masses]
        ['0.0492443', '0.05', '0.0']
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

    def with_nature(self, nature: str) -> Model:
        """The same masses and mixing for the other nature.

        Dirac and Majorana neutrinos of the same masses and mixing differ only in
        the absorptive part, Eq. (6) of Segarra & Bernabeu 2020: X_ij = mbar^2_ij
        for Dirac, mbar^2_ij + 3 m_i m_j for the Majorana term of Re Q^ij (the
        derived Majorana terms are compared with the printed ones in
        :mod:`nusym.symbolic.report`).

        Parameters
        ----------
        nature : {"dirac", "majorana"}
            The nature of the new model.

        Returns
        -------
        Model
            A copy with ``nature`` replaced (origin kept).

        Raises
        ------
        nusym.errors.InvalidOptionError
            An unknown nature.

        Examples
        --------
        >>> d = Model.from_preset()
        >>> m = d.with_nature("majorana")
        >>> m.nature, m.masses == d.masses, m.with_nature("dirac") == d
        ('majorana', True, True)
        """
        return replace(self, nature=check_nature(nature))

    def with_current(self, current: Any = None, scalar_couplings: Any = None) -> Model:
        """The same neutrino sector with another current (None: the Standard Model V-A).

        The Standard Model current gives the weak charges of Eq. (5) of Segarra &
        Bernabeu 2020; a general vector/axial current reweights the terms of
        Eq. (6), a scalar/pseudoscalar one couples to the scalar charges
        (``docs/currents.md``).

        Parameters
        ----------
        current : mapping or str, optional
            None or ``{"V": 1, "A": 1}`` (Standard Model), ``{"V": c_V, "A": c_A}``,
            ``{"S": c_S, "P": c_P}`` or a string such as ``"S=1"``.
        scalar_couplings : mapping, optional
            ``{"e": g_e, "p": g_p, "n": g_n}``; required by, and only by, a
            scalar/pseudoscalar current.

        Returns
        -------
        Model
            A copy with current and scalar couplings replaced.

        Raises
        ------
        nusym.errors.InvalidOptionError
            An unknown current coefficient.
        nusym.errors.InvalidParameterError
            Scalar couplings missing for a scalar current, or given for a vector one.

        Examples
        --------
        >>> m = Model.from_preset()
        >>> m.with_current("V=1, A=0").current_text(), m.with_current({"V": 1, "A": 1}) == m
        ('V=1, A=0', True)
        """
        return replace(self, current=current, scalar_couplings=scalar_couplings)

    @property
    def structure(self) -> str | None:
        """None (Standard Model V-A), ``"VA"`` (general vector/axial) or ``"SP"`` (scalar/pseudoscalar)."""
        if self.current is None:
            return None
        return "VA" if self.current[0][0] == "V" else "SP"

    @property
    def family(self) -> str:
        """The kernel family of the numeric layer: the nature, or ``<nature>_va`` / ``<nature>_sp``."""
        structure = self.structure
        return self.nature if structure is None else f"{self.nature}_{structure.lower()}"

    def current_coefficients(self) -> dict[str, Any]:
        """{"V": c_V, "A": c_A} (1, 1 for the Standard Model) or {"S": c_S, "P": c_P}, exact fractions."""
        if self.current is None:
            return {"V": Fraction(1), "A": Fraction(1)}
        return dict(self.current)

    def current_text(self) -> str:
        """``"V-A"`` for the Standard Model, else e.g. ``"V=1, A=0"`` (exact decimals where they end)."""
        if self.current is None:
            return "V-A"
        return ", ".join(f"{k}={_fraction_text(v)}" for k, v in self.current)

    def charges(self, Z: Any, N: Any) -> list[list[Any]]:
        """The coherent weak charges Q^{ij}_W of a source, Eq. (5) of Segarra & Bernabeu 2020.

        Q^{ij} = sum_ab U_ai (Z C_Z + N C_N)_ab conj(U_bj) with the flavour-basis
        couplings C_Z, C_N (:mod:`nusym.charges`); for unitary mixing the trace is
        the sum of the flavour charges of Eq. (7), (2Z - N) - N - N.

        Parameters
        ----------
        Z, N : int or float or str or mpmath.mpf
            Proton and neutron numbers of the source (not necessarily integers:
            a material's mean atom).

        Returns
        -------
        list of list of mpmath.mpc
            The n x n matrix Q^{ij}, at the current mpmath precision.

        Raises
        ------
        nusym.errors.InvalidParameterError
            Z or N not a number.

        Examples
        --------
        >>> Q = Model.from_preset().charges(26, 30)
        >>> len(Q), mpmath.nstr(Q[0][0].real, 8), mpmath.nstr(sum(Q[i][i] for i in range(3)).real, 8)
        (3, '5.2720368', '-38.0')
        """
        return charge_matrix(_real(Z, "Z"), _real(N, "N"), self.mixing)

    def charges_float(self, Z: Any, N: Any) -> list[list[complex]]:
        """Q^{ij}_W of a source (Eq. 5) in double precision."""
        return charge_matrix_float(float(Z), float(N), self.mixing_float)

    def coupled_charges(self, Z: Any, N: Any) -> list[list[Any]]:
        """The charges the model's current couples to: Q^{ij}_W, or the scalar charges Q_S^{ij} (mpc).

        Q_S^{ij} = [Z (g_e + g_p) + N g_n] sum_a U_ai conj(U_aj)
        (:func:`nusym.charges.scalar_charge_matrix`).
        """
        if self.structure == "SP":
            return scalar_charge_matrix(_real(Z, "Z"), _real(N, "N"), self.mixing, self.scalar_couplings)
        return self.charges(Z, N)

    def coupled_charges_float(self, Z: Any, N: Any) -> list[list[complex]]:
        """:meth:`coupled_charges` in double precision."""
        if self.structure == "SP":
            return scalar_charge_matrix_float(float(Z), float(N), self.mixing_float, self.scalar_couplings)
        return self.charges_float(Z, N)

    @cached_property
    def mixing_float(self) -> tuple[tuple[complex, ...], ...]:
        """The mixing matrix as Python complex numbers (double-precision routes)."""
        return tuple(tuple(complex(v) for v in row) for row in self.mixing)

    @cached_property
    def masses_float(self) -> tuple[float, ...]:
        """The masses as Python floats (eV)."""
        return tuple(float(m) for m in self.masses)

    def describe(self, dps: int = 15) -> dict[str, Any]:
        """What the CLI prints: nature, masses (eV), ``|U_ei|``, phases (degrees) and provenance.

        The masses are those of Table I of Segarra & Bernabeu 2020 for a preset
        model; ``|U_ei|`` are the electron-row moduli that weigh the charges of
        Eq. (5).

        Parameters
        ----------
        dps : int, optional
            Significant digits of the decimal strings (default 15).

        Returns
        -------
        dict
            Keys ``nature``, ``states``, ``masses_eV``, ``abs_U_e`` (lists of decimal
            strings), ``phases_deg`` (the PMNS phases, when the model came from a
            preset) or ``arg_U_e_deg`` (the arguments of the U_ei), and, when set,
            ``origin``, ``current``, ``scalar_couplings``.

        Examples
        --------
        >>> d = Model.from_preset().describe(6)
        >>> d["nature"], d["masses_eV"], d["abs_U_e"]
        ('dirac', ['0.0', '0.00866025', '0.05'], ['0.823595', '0.548171', '0.145602'])
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
        if self.current is not None:
            info["current"] = self.current_text()
        if self.scalar_couplings is not None:
            info["scalar_couplings"] = {k: _fraction_text(v) for k, v in self.scalar_couplings}
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
        if "current" in d:
            text += f"; current {d['current']}"
        if "scalar_couplings" in d:
            text += "; g_e, g_p, g_n = " + ", ".join(d["scalar_couplings"].values())
        return text

    def __repr__(self) -> str:
        with mpmath.workdps(20):
            masses = ", ".join(mpmath.nstr(m, 10) for m in self.masses)
        origin = f", origin={dict(self.origin)!r}" if self.origin else ""
        current = f", current={self.current_text()!r}" if self.current is not None else ""
        return f"Model(nature={self.nature!r}, masses=({masses}), n={self.n}{current}{origin})"

    def _repr_html_(self) -> str:
        """Jupyter: one row per mass state (m_i in eV, |U_ei|, |U_mui|, |U_taui|) with the
        nature and current in the caption (tables of :mod:`nusym.reprs`)."""
        with mpmath.workdps(20):
            rows = [[i + 1, self.masses[i]] + [abs(self.mixing[a][i]) for a in range(3)]
                    for i in range(self.n)]
        caption = f"Model: {self.nature}, current {self.current_text()}"
        if self.scalar_couplings is not None:
            caption += "; g_e, g_p, g_n = " + ", ".join(_fraction_text(v) for _, v in self.scalar_couplings)
        origin = dict(self.origin)
        if "preset" in origin:
            caption += f"; preset {origin['preset']}"
        return html_table(rows, header=["i", "m_i (eV)", "|U_ei|", "|U_mui|", "|U_taui|"], caption=caption)


def _fraction_text(value: Fraction) -> str:
    """An exact fraction as a decimal string (exact when it terminates, else 30 digits)."""
    if value.denominator == 1:
        return str(value.numerator)
    with mpmath.workdps(40):
        text = mpmath.nstr(mpmath.mpf(value.numerator) / value.denominator, 30)
    return text


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
                               for given, key in zip(phases, ("delta_deg", "alpha21_deg", "alpha31_deg"), strict=True))
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
    """  # noqa: E501
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
