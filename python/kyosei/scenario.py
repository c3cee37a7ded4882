"""Scenarios: load from a file or a dict, override any key path, inspect the parameters.

A :class:`Scenario` is immutable, like the engine's: :meth:`Scenario.with_`
returns a changed copy and leaves the original alone. Every check is the C++ loader's, so a bad
value fails here, before any run, with the CLI's ``file:line:col: key: problem`` message.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any, Mapping

from . import _core
from ._core import ScenarioError

__all__ = ["Scenario", "load", "parameters"]

_OVERRIDE_LINE = re.compile(r"^# --set (.*)$")


def _format_value(value: Any) -> str:
    """A Python value as the text of a YAML scalar (what the CLI's --set takes)."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy scalars
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return value
    raise ScenarioError(f"a parameter value must be a number, a bool or a string, got {type(value).__name__}")


def _flatten(mapping: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """{'a': {'b': 1}, 'c.d': 2} -> {'a.b': 1, 'c.d': 2}."""
    flat: dict[str, Any] = {}
    for key, value in mapping.items():
        if not isinstance(key, str):
            raise ScenarioError(f"scenario keys must be strings, got {key!r}")
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, path + "."))
        else:
            flat[path] = value
    return flat


def _yaml_text(flat: Mapping[str, Any]) -> str:
    """Nested YAML text for flat {key.path: value} entries (strings double-quoted, as JSON)."""
    tree: dict[str, Any] = {}
    for path, value in flat.items():
        node = tree
        parts = path.split(".")
        for part in parts[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                raise ScenarioError(f"'{path}': '{part}' is both a value and a section")
            node = child
        if parts[-1] in node and isinstance(node[parts[-1]], dict):
            raise ScenarioError(f"'{path}' is both a value and a section")
        node[parts[-1]] = value

    lines: list[str] = []

    def emit(node: Mapping[str, Any], indent: int) -> None:
        for key, value in node.items():
            if isinstance(value, dict):
                lines.append(" " * indent + f"{key}:")
                emit(value, indent + 2)
            else:
                text = _format_value(value)
                if isinstance(value, str):
                    text = json.dumps(value, ensure_ascii=False)
                lines.append(" " * indent + f"{key}: {text}")

    emit(tree, 0)
    return "\n".join(lines) + "\n"


def _assignments(overrides: Mapping[str, Any]) -> list[str]:
    """{'intake.mode': 'integrated'} (nested dicts allowed) -> ['intake.mode=integrated']."""
    return [f"{path}={_format_value(value)}" for path, value in _flatten(overrides).items()]


class Scenario:
    """A validated, immutable scenario: one municipality and its support regime.

    Make one with :func:`kyosei.load` (a YAML file), :meth:`Scenario.from_dict`,
    :meth:`Scenario.from_yaml` or :meth:`Scenario.defaults`; change one with :meth:`with_`.

    >>> silo = kyosei.load("scenarios/silo.yaml")
    >>> small = silo.with_({"population.residents": 20000}, run__horizon_days=730)
    >>> small["population.residents"]
    20000

    Parameters are read with ``scenario["key.path"]``; :meth:`to_dict` gives all of them and
    :func:`kyosei.parameters` documents each (default, range, unit, meaning, source).
    """

    __slots__ = ("_core",)

    def __init__(self, core: "_core.Scenario"):
        if not isinstance(core, _core.Scenario):
            raise TypeError("Scenario() wraps a kyosei._core.Scenario; use kyosei.load, "
                            "Scenario.from_dict or Scenario.defaults")
        self._core = core

    # ---- making one -----------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | os.PathLike) -> "Scenario":
        """Reads and validates a YAML scenario file. Raises ScenarioError (with file, line,
        column and key) on any problem."""
        return cls(_core.Scenario.load(os.fspath(path)))

    @classmethod
    def from_yaml(cls, text: str, name: str = "<string>") -> "Scenario":
        """Parses YAML text; ``name`` stands for the file in error messages and names the
        scenario when the text has no ``name:`` key."""
        return cls(_core.Scenario.parse(text, name))

    @classmethod
    def from_dict(cls, values: Mapping[str, Any], name: str | None = None,
                  base: "Scenario | None" = None) -> "Scenario":
        """A scenario from a dict of parameters, nested or with dotted key paths.

        ``{"intake": {"mode": "integrated"}, "population.residents": 20000}`` sets two
        parameters; every other one keeps its default (or its value in ``base``). The keys
        ``name`` and ``description`` are the scenario's name and description. Without ``base``
        the dict is written out as YAML text and parsed as a file named ``<dict>`` would be, so
        that the text is stored in result files and error messages give its line.
        """
        values = dict(values)
        if name is not None:
            values["name"] = name
        if base is not None:
            flat = _flatten(values)
            new_name = flat.pop("name", None)
            flat.pop("description", None)
            scenario = base.with_(flat)
            if new_name is not None and str(new_name) != scenario.name:
                scenario = _renamed(scenario, str(new_name))
            return scenario
        return cls(_core.Scenario.parse(_yaml_text(_flatten(values)), "<dict>"))

    @classmethod
    def defaults(cls) -> "Scenario":
        """Every parameter at its documented default (docs/parameters.md)."""
        return cls(_core.Scenario.defaults())

    @classmethod
    def coerce(cls, scenario: "Scenario | str | os.PathLike | Mapping[str, Any] | _core.Scenario") -> "Scenario":
        """A Scenario from whatever names one: a Scenario, a file path, a dict, a core scenario."""
        if isinstance(scenario, Scenario):
            return scenario
        if isinstance(scenario, _core.Scenario):
            return cls(scenario)
        if isinstance(scenario, (str, os.PathLike)):
            return cls.load(scenario)
        if isinstance(scenario, Mapping):
            return cls.from_dict(scenario)
        raise TypeError(f"expected a Scenario, a path or a dict, got {type(scenario).__name__}")

    # ---- changing one ---------------------------------------------------------------------
    def with_(self, overrides: Mapping[str, Any] | None = None, /, **kwargs: Any) -> "Scenario":
        """A copy with parameters changed, checked exactly as the CLI's ``--set``.

        Keys are dotted key paths; in keyword form write ``__`` for the dots::

            scenario.with_({"intake.mode": "integrated", "intake.handoff": "warm"})
            scenario.with_(**{"ties.decay_rate": 0.2})
            scenario.with_(population__residents=20000)

        Nested dicts are accepted too. Raises ScenarioError (file ``with_()``) for an unknown key
        (with a "did you mean"), a bad value or a value out of range; ``self`` is unchanged.
        """
        merged: dict[str, Any] = {}
        if overrides:
            merged.update(_flatten(overrides))
        for key, value in kwargs.items():
            merged.update(_flatten({key.replace("__", "."): value}))
        if not merged:
            return self
        return Scenario(self._core.overridden(_assignments(merged)))

    def renamed(self, name: str) -> "Scenario":
        """The same parameters under another name (the name labels results and comparisons)."""
        return self if name == self.name else _renamed(self, str(name))

    # ---- reading one ----------------------------------------------------------------------
    @property
    def name(self) -> str:
        """The scenario's name (its ``name:`` key, else the file's stem)."""
        return self._core.name

    @property
    def path(self) -> str:
        """The file it was loaded from ('<dict>' or '<string>' for text)."""
        return self._core.source_path

    @property
    def text(self) -> str:
        """The YAML text, with the overrides appended as ``# --set`` comments (stored in every
        result file as its provenance)."""
        return self._core.source_text

    @property
    def overrides(self) -> list[str]:
        """The ``key.path=value`` overrides applied since the text was loaded, in order."""
        return _trailing_overrides(self.text)

    def __getitem__(self, path: str) -> Any:
        """The value at a dotted key path: int, float, bool, or a choice's name."""
        return self._core.get(path)

    def get(self, path: str, default: Any = None) -> Any:
        """The value at a dotted key path, or ``default`` if there is no such parameter."""
        try:
            return self._core.get(path)
        except KeyError:
            return default

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str) and _core_has(path)

    def to_dict(self, nested: bool = False) -> dict[str, Any]:
        """Every parameter, ``{key.path: value}`` (or a nested dict with ``nested=True``)."""
        flat = self._core.values()
        if not nested:
            return flat
        tree: dict[str, Any] = {}
        for path, value in flat.items():
            node = tree
            *sections, last = path.split(".")
            for section in sections:
                node = node.setdefault(section, {})
            node[last] = value
        return tree

    def diff(self, other: "Scenario") -> dict[str, tuple[Any, Any]]:
        """Parameters whose values differ: ``{key.path: (value here, value in other)}``."""
        mine, theirs = self.to_dict(), Scenario.coerce(other).to_dict()
        return {k: (v, theirs[k]) for k, v in mine.items() if theirs[k] != v}

    def changes_from_defaults(self):
        """The parameters whose values differ from the documented defaults: a DataFrame indexed by
        key path with value, default, unit and meaning."""
        import pandas as pd

        table = parameters()
        changed = self.diff(Scenario.defaults())
        rows = {path: {"value": mine, "default": default, "unit": table.at[path, "unit"],
                       "meaning": table.at[path, "meaning"]} for path, (mine, default) in changed.items()}
        frame = pd.DataFrame.from_dict(rows, orient="index", columns=["value", "default", "unit", "meaning"])
        return frame.rename_axis("parameter")

    def _repr_html_(self) -> str:
        """Jupyter's display: the name, the file, and what differs from the defaults."""
        from html import escape

        changes = self.changes_from_defaults()
        head = (f"<p><b>kyosei Scenario</b> {escape(self.name)} ({escape(self.path)}): "
                f"{self['population.residents']:,} residents, {self['run.horizon_days']:,} days; "
                f"{len(changes)} parameters differ from the defaults</p>")
        return head + (changes.to_html() if len(changes) else "")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Scenario) and self.name == other.name and self.to_dict() == other.to_dict()

    def __hash__(self) -> int:
        return hash((self.name, tuple(self.to_dict().items())))

    def __repr__(self) -> str:
        return (f"Scenario({self.name!r}: {self['population.residents']} residents, intake "
                f"{self['intake.mode']}/{self['intake.handoff']}, {self['run.horizon_days']} days"
                + (f", {len(self.overrides)} overrides" if self.overrides else "") + ")")


def _trailing_overrides(text: str) -> list[str]:
    lines = text.rstrip("\n").split("\n")
    found: list[str] = []
    for line in reversed(lines):
        match = _OVERRIDE_LINE.match(line)
        if not match:
            break
        found.append(match.group(1))
    return found[::-1]


def _strip_overrides(text: str) -> str:
    """The text without its trailing ``# --set`` lines."""
    count = len(_trailing_overrides(text))
    if count == 0:
        return text
    lines = text.rstrip("\n").split("\n")
    return "\n".join(lines[:-count]) + "\n"


def _renamed(scenario: Scenario, name: str) -> Scenario:
    """The same parameters under another name (the text gets a new ``name:`` line first)."""
    body = _strip_overrides(scenario.text)
    body = "\n".join(line for line in body.split("\n") if not line.startswith("name:"))
    text = f"name: {json.dumps(name, ensure_ascii=False)}\n" + body
    renamed = Scenario(_core.Scenario.parse(text, scenario.path or name))
    return renamed.with_(dict(a.split("=", 1) for a in scenario.overrides))


def scenario_from_text(text: str, name: str) -> Scenario:
    """Rebuilds the scenario stored in a result file: the text is parsed without its trailing
    ``# --set`` comments, which are then applied again (so the text comes out the same)."""
    base = Scenario(_core.Scenario.parse(_strip_overrides(text), name))
    overrides = _trailing_overrides(text)
    return Scenario(base._core.overridden(overrides)) if overrides else base


_PARAMETER_PATHS: frozenset[str] | None = None


def _core_has(path: str) -> bool:
    global _PARAMETER_PATHS
    if _PARAMETER_PATHS is None:
        _PARAMETER_PATHS = frozenset(p["path"] for p in _core.parameter_table())
    return path in _PARAMETER_PATHS


def load(path: str | os.PathLike) -> Scenario:
    """Reads and validates a YAML scenario file (see :class:`Scenario`).

    Raises ScenarioError with ``file``, ``line``, ``column`` and ``key`` set.
    """
    return Scenario.load(path)


def parameters():
    """The parameter table as a pandas DataFrame indexed by key path, with type, default, min,
    max, choices, unit, meaning and source of every parameter (docs/parameters.md)."""
    import pandas as pd

    return pd.DataFrame(_core.parameter_table()).set_index("path")

