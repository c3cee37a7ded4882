"""Shared fixtures of the Python tests.

Run from the repository root after building:

    PYTHONPATH=build/python /usr/bin/python3 -m pytest tests/python -q

Without PYTHONPATH the package is looked for in build/python. KYOSEI_CLI names the CLI to
compare against (default: the kyosei executable of the build that made the module).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

try:
    import kyosei  # noqa: F401
except ImportError:
    sys.path.insert(0, str(ROOT / "build" / "python"))
    import kyosei  # noqa: F401

import matplotlib

matplotlib.use("Agg")

SCENARIOS = ROOT / "scenarios"
# Small and short enough for a test (about 0.1 s a run), large enough for stable statistics.
SMALL = {"population.residents": 20000, "run.horizon_days": 1095}


def cli_path() -> Path:
    if "KYOSEI_CLI" in os.environ:
        return Path(os.environ["KYOSEI_CLI"])
    return Path(kyosei._core.__file__).resolve().parents[2] / "kyosei"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def silo_small():
    return kyosei.load(SCENARIOS / "silo.yaml").with_(SMALL)


@pytest.fixture(scope="session")
def integrated_small():
    return kyosei.load(SCENARIOS / "integrated.yaml").with_(SMALL)


@pytest.fixture(scope="session")
def silo_result(silo_small):
    return kyosei.run(silo_small, seed=7)


@pytest.fixture(scope="session")
def cli() -> Path:
    path = cli_path()
    if not path.exists():
        pytest.fail(f"the kyosei CLI is not at {path}: build it, or set KYOSEI_CLI")
    return path
