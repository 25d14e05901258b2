"""`nusym potential --uncertainty` and `--phases range`, in-process, against the library routes."""

from __future__ import annotations

import json

import numpy as np
import pytest

from nusym.cli import main
from nusym.uncertainties import phase_range, uncertainty


def _json(capsys, argv):
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_cli_uncertainty_json_matches_library(capsys):
    out = _json(capsys, ["potential", "Fe-56", "Pb-208", "--r", "5um", "--uncertainty", "--json"])
    lib = uncertainty(5e-6, "Fe-56", "Pb-208")
    u = out["uncertainty"]
    assert u["preset"] == "nufit-6.0"
    # values are decimal strings (15 digits in double precision; the one JSON schema)
    v, sp, sm = (float(u[k][0]) for k in ("V_eV", "sigma_plus_eV", "sigma_minus_eV"))
    assert out["precision"] == "double" and out["dps"] == 15 and "model" in out
    assert v == pytest.approx(float(lib.value_eV), rel=1e-12, abs=0)
    assert sp == pytest.approx(float(lib.sigma_plus_eV), rel=1e-10, abs=0)
    # the band is the per-mille one of the issue: +0.14 % / -0.15 %
    assert 0.0012 < sp / v < 0.0016
    assert 0.0013 < sm / v < 0.0017


def test_cli_phase_range_contains_the_paper_phases(capsys):
    out = _json(capsys, ["potential", "Fe-56", "Fe-56", "--r", "10um", "--lightest", "0.1",
                         "--phases", "range", "--json"])
    pr = out["phase_range"]
    lo, hi = float(pr["V_min_eV"][0]), float(pr["V_max_eV"][0])
    assert 3.9 < hi / lo < 4.1
    ref = phase_range(1e-5, "Fe-56", "Fe-56", lightest=0.1)
    assert lo == pytest.approx(float(np.ravel(ref.v_min)[0]), rel=1e-12, abs=0)


@pytest.mark.parametrize("argv", [
    ["--phases", "everything"],
    ["--phases", "range", "--nature", "dirac"],
    ["--uncertainty", "--preset", "segarra2020"],
    ["--uncertainty", "--method", "closed"],
    ["--uncertainty", "--monte-carlo", "-3"],
])
def test_cli_band_bad_input(capsys, argv):
    assert main(["potential", "Fe-56", "Fe-56", "--r", "1um", *argv]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("nusym: error:")


def test_cli_certified_interval_contains_the_verified_value(capsys):
    import mpmath

    import nusym

    out = _json(capsys, ["potential", "Fe-56", "W", "--r", "1um", "3um", "--certified", "--dps", "20", "--json"])
    assert len(out["V_eV_interval"]) == 2
    for (lo, hi), r in zip(out["V_eV_interval"], ["1um", "3um"], strict=True):
        v = nusym.potential(r, "Fe-56", "W", dps=30)
        with mpmath.workdps(40):
            assert mpmath.mpf(lo) <= v <= mpmath.mpf(hi)
            assert (mpmath.mpf(hi) - mpmath.mpf(lo)) / abs(v) <= mpmath.mpf(10) ** -19


@pytest.mark.parametrize("kwargs", [{"dps": None}, {"method": "closed"}, {"log": True}, {"certified": "yes"}])
def test_certified_bad_combinations(kwargs):
    import nusym
    from nusym.errors import NusymError

    with pytest.raises(NusymError):
        nusym.potential("1um", "Fe-56", "Fe-56", **{"certified": True, **kwargs})
