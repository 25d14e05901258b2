"""Oscillation-parameter presets."""

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
