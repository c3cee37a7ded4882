"""The package's modules import each other in one direction (python/kyosei/__init__.py lists the
layers): statistics below data, data below running, plotting on top, and no circle."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "python" / "kyosei"

LAYERS = [
    {"_core"},
    {"survival", "incidence", "uncertainty"},
    {"scenario", "snapshot", "result"},
    {"progress", "command"},
    {"simulate", "ensemble", "studies"},
    {"plot"},
    {"figures"},      # the report's captioned figures, drawn with plot's functions
    {"html_report"},  # the HTML report, made of the figures
]
RANK = {module: rank for rank, layer in enumerate(LAYERS) for module in layer}


def imports_of(path: Path) -> set[str]:
    """Package modules a file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
    return found


def test_every_module_has_a_layer():
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    assert modules <= set(RANK), f"give these modules a layer: {modules - set(RANK)}"


def test_modules_import_only_lower_layers_or_their_own():
    wrong = []
    for path in PACKAGE.glob("*.py"):
        if path.stem == "__init__":
            continue
        for imported in imports_of(path):
            if RANK[imported] > RANK[path.stem] or (RANK[imported] == RANK[path.stem] and imported != path.stem
                                                    and (path.stem, imported) not in SAME_LAYER):
                wrong.append(f"{path.stem} imports {imported}")
    assert not wrong, wrong


# Imports within a layer, in one direction only.
SAME_LAYER = {("result", "scenario"), ("result", "snapshot"), ("ensemble", "simulate"), ("command", "progress")}
