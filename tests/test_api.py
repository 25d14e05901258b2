"""The public API surface of ``nusym`` and the cost of ``import nusym``."""

import json
import subprocess
import sys
from pathlib import Path

import nusym

REPO = Path(__file__).resolve().parent.parent

EXPECTED_ALL = [
    "__version__",
    "NusymError",
    "Model",
    "mass_spectrum",
    "parse_length",
    "parse_source",
    "load_parameters",
    "constant",
    "potential",
    "potential_channels",
    "force",
    "gravity_potential",
    "alpha_eff",
    "yukawa_limits",
    "material",
    "charges_per",
    "sphere_sphere",
    "sphere_plane",
    "plane_plane",
    "eotvos",
    "uncertainty",
    "phase_range",
    "scan",
    "budget",
    "sterile_model",
    "nonunitary_model",
    "load_model",
]


def test_all_is_pinned():
    assert nusym.__all__ == EXPECTED_ALL


def test_lazy_map_covers_all():
    assert set(nusym._LAZY) == set(EXPECTED_ALL) - {"__version__"}
    for name in ("potential", "potential_channels", "force", "gravity_potential"):
        assert nusym._LAZY[name] == "nusym.numeric.potential"


def test_version():
    from nusym._version import __version__

    assert nusym.__version__ == __version__ == "0.1.0"


def test_lazy_attributes_resolve():
    from nusym.errors import NusymError
    from nusym.masses import mass_spectrum

    assert nusym.NusymError is NusymError
    assert nusym.mass_spectrum is mass_spectrum
    for name in ("parse_length", "parse_source", "load_parameters", "constant"):
        assert callable(getattr(nusym, name))


def test_unknown_attribute():
    import pytest

    with pytest.raises(AttributeError):
        nusym.no_such_name  # noqa: B018


def test_import_is_light():
    code = (
        "import sys, json; import nusym; "
        "print(json.dumps(sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('sympy', 'mpmath', 'numpy', 'scipy', 'matplotlib', 'gmpy2') "
        "or m.startswith('nusym.'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=REPO, check=True).stdout
    loaded = json.loads(out)
    heavy = [m for m in loaded if not m.startswith("nusym.")]
    assert heavy == []
    assert all(m in ("nusym._version",) for m in loaded if m.startswith("nusym.")), loaded


def test_errors_hierarchy():
    from nusym import errors

    for name in ("UnknownPresetError", "UnknownOrderingError", "InvalidMassError",
                 "InvalidLengthError", "InvalidSourceError", "InvalidParameterError",
                 "InvalidOptionError"):
        cls = getattr(errors, name)
        assert issubclass(cls, errors.NusymError) and issubclass(cls, ValueError)
        assert cls.__doc__
    assert issubclass(errors.VerificationError, ArithmeticError)
    assert not issubclass(errors.VerificationError, ValueError)
