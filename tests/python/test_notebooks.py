"""Every notebook in notebooks/ runs top to bottom (each ends with asserts on its key finding),
and is stored with its outputs, figures included, so that a reader on a repository page sees them
(scripts/refresh_notebooks.sh executes them in place)."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import kyosei

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 4


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_stored_with_its_outputs(path):
    nb = nbformat.read(path, as_version=4)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    counts = [cell.execution_count for cell in code]
    refresh = "run scripts/refresh_notebooks.sh and commit the executed notebook"
    assert counts == list(range(1, len(code) + 1)), f"{path.name}: not executed top to bottom in one go: {refresh}"
    errors = [out for cell in code for out in cell.outputs if out.output_type == "error"]
    assert not errors, f"{path.name}: stored with an error: {refresh}"
    images = sum("image/png" in out.get("data", {}) for cell in code for out in cell.outputs)
    assert images >= 2, f"{path.name}: stored without its figures: {refresh}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_ends_with_checks(path):
    nb = nbformat.read(path, as_version=4)
    code = [cell.source for cell in nb.cells if cell.cell_type == "code"]
    assert code and "assert" in code[-1], f"{path.name}: the last code cell should assert the key findings"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path, monkeypatch, tmp_path):
    # The kernel inherits this environment: the package under test and the repository.
    package_parent = str(Path(kyosei.__file__).resolve().parents[1])
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")])))
    monkeypatch.setenv("KYOSEI_ROOT", str(ROOT))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # quiets the kernel's debugger warning
    scratch = tmp_path / "tmp"  # the kernel's temporary files: a notebook must remove what it makes
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    nb = nbformat.read(path, as_version=4)
    # No time limit per cell: a cell ends when its work does, so a loaded machine makes the
    # notebook slower, never failed (a hang is the test run's own limit's to catch).
    client = NotebookClient(nb, kernel_name="python3", timeout=None,
                            resources={"metadata": {"path": str(tmp_path)}})  # any working directory
    client.execute()
    images = sum("image/png" in out.get("data", {}) for cell in nb.cells if cell.cell_type == "code"
                 for out in cell.outputs)
    assert images >= 2, f"{path.name} shows no plots"
    left = sorted(p.name for p in scratch.iterdir())
    assert not left, f"{path.name} left temporary files behind: {left}"
