"""Oscillation-parameter presets."""

from importlib import resources
from pathlib import Path

import mpmath
import pytest

from nusym.errors import InvalidParameterError, UnknownOrderingError, UnknownPresetError
from nusym.presets import (
    DEFAULT_PRESET,
    PARAMETER_KEYS,
    PRESET_NAMES,
    OscillationParameters,
    load_parameters,
    normalise_ordering,
)

GOOD = {"dm21_sq": "7.5e-5", "dm3l_sq": "2.5e-3", "sin2_th12": "0.307", "sin2_th13": "0.0212",
        "sin2_th23": "0.512", "delta_deg": "0", "alpha21_deg": "0", "alpha31_deg": "0"}


@pytest.mark.parametrize("text, expected", [
    ("normal", "normal"), ("NO", "normal"), ("nh", "normal"), ("Normal", "normal"),
    ("inverted", "inverted"), ("IO", "inverted"), ("ih", "inverted"), (" IH ", "inverted"),
])
def test_normalise_ordering(text, expected):
    assert normalise_ordering(text) == expected


@pytest.mark.parametrize("text", ["", "up", "NI", "hierarchy", None, 1])
def test_bad_ordering(text):
    with pytest.raises(UnknownOrderingError, match="NO, NH.*IO, IH"):
        normalise_ordering(text)


def test_segarra2020_values():
    assert DEFAULT_PRESET == PRESET_NAMES[0] == "segarra2020"
    no = load_parameters()
    io = load_parameters("segarra2020", "inverted")
    assert (no.ordering, io.ordering) == ("normal", "inverted")
    assert no.dm21_sq == io.dm21_sq == "7.5e-5"
    assert no.dm3l_sq == "2.5e-3" and io.dm3l_sq == "-2.5e-3"
    assert (no.sin2_th12, no.sin2_th13, no.sin2_th23) == ("0.307", "0.0212", "0.512")
    assert no.delta_deg == no.alpha21_deg == no.alpha31_deg == "0"
    assert "093004" in no.source


def test_nufit_values():
    no = load_parameters("nufit-6.0", "NO")
    io = load_parameters("nufit-6.0", "IO")
    assert (no.sin2_th12, no.sin2_th13, no.sin2_th23, no.delta_deg) == \
        ("0.308", "0.02215", "0.470", "212")
    assert (no.dm21_sq, no.dm3l_sq) == ("7.49e-5", "2.513e-3")
    assert (io.sin2_th13, io.sin2_th23, io.delta_deg, io.dm3l_sq) == \
        ("0.02231", "0.550", "274", "-2.484e-3")
    assert "NuFIT 6.0" in no.source


def test_mp_accessor_and_frozen():
    p = load_parameters()
    with mpmath.workdps(40):
        assert p.mp("dm21_sq") == mpmath.mpf("7.5e-5")
    with pytest.raises(InvalidParameterError):
        p.mp("name")
    with pytest.raises(AttributeError):
        p.dm21_sq = "1"  # type: ignore[misc]
    assert set(PARAMETER_KEYS) <= set(p.as_dict())


def test_mapping_flat_and_nested():
    flat = load_parameters(GOOD, "normal")
    assert flat.name == "custom" and flat.sin2_th12 == "0.307"
    nested = load_parameters({"normal": GOOD, "inverted": {**GOOD, "dm3l_sq": "-2.4e-3"}}, "IO")
    assert nested.dm3l_sq == "-2.4e-3"
    assert load_parameters(flat, "normal") is flat
    with pytest.raises(InvalidParameterError, match="normal ordering"):
        load_parameters(flat, "inverted")


def test_numbers_accepted_as_values():
    p = load_parameters({**GOOD, "delta_deg": 90, "sin2_th12": 0.3})
    assert p.delta_deg == "90" and p.sin2_th12 == "0.3"


def test_toml_path(tmp_path):
    f = tmp_path / "my.toml"
    f.write_text(
        'source = "test"\n[normal]\n'
        + "".join(f'{k} = "{v}"\n' for k, v in GOOD.items())
        + '[inverted]\n'
        + "".join(f'{k} = "{v}"\n' for k, v in {**GOOD, "dm3l_sq": "-2.5e-3"}.items())
    )
    p = load_parameters(str(f), "inverted")
    assert p.dm3l_sq == "-2.5e-3" and p.source == "test"
    assert load_parameters(f, "normal").dm3l_sq == "2.5e-3"  # os.PathLike


def test_toml_path_errors(tmp_path):
    with pytest.raises(UnknownPresetError, match="does not exist"):
        load_parameters(str(tmp_path / "missing.toml"))
    bad = tmp_path / "bad.toml"
    bad.write_text("this is = = not toml")
    with pytest.raises(InvalidParameterError, match="not valid TOML"):
        load_parameters(str(bad))


def test_unknown_preset():
    with pytest.raises(UnknownPresetError) as info:
        load_parameters("pdg2024")
    msg = str(info.value)
    assert "segarra2020" in msg and "nufit-6.0" in msg and "TOML" in msg


@pytest.mark.parametrize("change, pattern", [
    ({"sin2_th12": "1.2"}, r"sin2_th12 = 1.2 is outside \[0, 1\]"),
    ({"sin2_th13": "-0.1"}, "outside"),
    ({"dm21_sq": "0"}, "dm21_sq = 0 must be positive"),
    ({"dm21_sq": "-7.5e-5"}, "must be positive"),
    ({"dm3l_sq": "-2.5e-3"}, "normal ordering.*must be positive"),
    ({"sin2_th23": "abc"}, "not a number"),
    ({"delta_deg": "nan"}, "not finite"),
    ({"delta_deg": True}, "must be a number"),
    ({"extra": "1"}, "unknown key"),
])
def test_invalid_values(change, pattern):
    with pytest.raises(InvalidParameterError, match=pattern):
        load_parameters({**GOOD, **change}, "normal")


def test_wrong_sign_inverted():
    with pytest.raises(InvalidParameterError, match="inverted ordering.*negative"):
        load_parameters(GOOD, "inverted")


def test_missing_keys():
    partial = {k: v for k, v in GOOD.items() if k != "sin2_th13"}
    with pytest.raises(InvalidParameterError, match="missing sin2_th13"):
        load_parameters(partial, "normal")
    with pytest.raises(InvalidParameterError, match="no \\[inverted\\] table"):
        load_parameters({"normal": GOOD}, "inverted")


def test_dataclass_type():
    assert isinstance(load_parameters(), OscillationParameters)


# ----------------------------------------------------------------------------- user files
REPO = Path(__file__).resolve().parent.parent
MINIMAL = REPO / "docs" / "examples" / "preset_minimal.toml"


def _values(p):
    return {k: getattr(p, k) for k in PARAMETER_KEYS}


@pytest.fixture(name="verbatim")
def verbatim_copy(tmp_path):
    """A verbatim copy of nusym/data/presets.toml, as the README suggests."""
    f = tmp_path / "my presets.toml"
    f.write_bytes(resources.files("nusym.data").joinpath("presets.toml").read_bytes())
    return f


@pytest.mark.parametrize("ordering", ["normal", "inverted"])
def test_verbatim_copy_of_builtin_file_loads_the_default(verbatim, ordering):
    builtin = load_parameters("segarra2020", ordering)
    for preset in (str(verbatim), verbatim, f"{verbatim}#segarra2020"):
        p = load_parameters(preset, ordering)
        assert _values(p) == _values(builtin) and p.source == builtin.source
        assert p.name == f"{verbatim}#segarra2020"
    other = load_parameters(f"{verbatim}#nufit-6.0", ordering)
    assert _values(other) == _values(load_parameters("nufit-6.0", ordering))


@pytest.mark.parametrize("ordering", ["normal", "inverted"])
def test_minimal_example_matches_builtin(ordering):
    p = load_parameters(str(MINIMAL), ordering)
    assert _values(p) == _values(load_parameters("segarra2020", ordering))
    assert "093004" in p.source and p.name == str(MINIMAL)


def test_builtin_collection_as_mapping_takes_the_default():
    from nusym.resources import load_toml

    p = load_parameters(load_toml("presets.toml"), "IO")
    assert p.name == "segarra2020" and _values(p) == _values(load_parameters("segarra2020", "IO"))


def test_unknown_name_in_collection_lists_the_names(verbatim):
    with pytest.raises(UnknownPresetError, match="has no preset 'pdg'; the presets it holds: "
                                                 "segarra2020, nufit-6.0"):
        load_parameters(f"{verbatim}#pdg")
    with pytest.raises(UnknownPresetError, match="no preset name after '#'"):
        load_parameters(f"{verbatim}#")


def _collection(tmp_path, defaults):
    text = ""
    for name, default in defaults.items():
        text += f'["{name}"]\nsource = "{name}"\n'
        if default is not None:
            text += f"default = {default}\n"
        for ordering, dm3l in (("normal", "2.5e-3"), ("inverted", "-2.5e-3")):
            text += f'["{name}".{ordering}]\n' + "".join(
                f'{k} = "{v}"\n' for k, v in {**GOOD, "dm3l_sq": dm3l}.items())
    f = tmp_path / "several.toml"
    f.write_text(text)
    return f


def test_collection_without_default(tmp_path):
    f = _collection(tmp_path, {"a": None, "b": "false"})
    with pytest.raises(InvalidParameterError, match=r"holds several presets \(a, b\) and none is "
                                                    r"marked default = true.*file\.toml#NAME"):
        load_parameters(f)
    assert load_parameters(f"{f}#b").source == "b"


def test_collection_with_two_defaults_or_a_bad_default(tmp_path):
    with pytest.raises(InvalidParameterError, match=r"2 are marked default = true \(a, b\)"):
        load_parameters(_collection(tmp_path, {"a": "true", "b": "true"}))
    with pytest.raises(InvalidParameterError, match="default = 'yes'"):
        load_parameters(_collection(tmp_path, {"a": '"yes"', "b": "false"}))


def test_collection_of_one_needs_no_default(tmp_path):
    f = _collection(tmp_path, {"mine": None})
    p = load_parameters(f, "inverted")
    assert p.source == "mine" and p.dm3l_sq == "-2.5e-3" and p.name == f"{f}#mine"


def test_single_preset_file_refuses_a_name():
    with pytest.raises(UnknownPresetError, match="holds a single preset.*drop '#x'"):
        load_parameters(f"{MINIMAL}#x")


def test_normalise_ordering_is_the_shared_validator():
    from nusym.inputs import check_ordering

    for text in ("NO", "ih", "Inverted"):
        assert normalise_ordering(text) == check_ordering(text)


# ----------------------------------------------------------------------------- which parameters matter
def test_phases_matter_only_for_majorana():
    """The module docstring's claims: Dirac V ignores the phases and sin^2 th23; Majorana V
    depends on delta (and alpha21)."""
    import nusym

    base = {**GOOD}
    kw = dict(lightest=0.1, dps=None)

    def v(nature, **change):
        return float(nusym.potential(1e-5, "Fe-56", "Fe-56", nature=nature,
                                     preset={**base, **change}, **kw))

    d0 = v("dirac")
    for change in ({"delta_deg": "90"}, {"alpha21_deg": "180", "alpha31_deg": "45"},
                   {"sin2_th23": "0.4"}):
        assert v("dirac", **change) == pytest.approx(d0, rel=1e-12), change
    m0 = v("majorana")
    assert v("majorana", sin2_th23="0.4") == pytest.approx(m0, rel=1e-12)
    assert v("majorana", delta_deg="90") / m0 == pytest.approx(1.1856, rel=1e-3)
    assert m0 / d0 == pytest.approx(0.3065, rel=1e-3)
    assert v("majorana", alpha21_deg="180") / d0 == pytest.approx(1.2010, rel=1e-3)
