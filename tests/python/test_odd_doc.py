"""docs/ODD.md against the code, where a machine can check it: the parameter names it gives in
backticks exist and cover the parameter table, element 2 lists every state variable of
include/kyosei/model/state.hpp, and element 3 lists the day's phases of sim/model/phase_table.cpp in their order."""

from __future__ import annotations

import re

import pytest

import kyosei

from conftest import ROOT

ODD = ROOT / "docs" / "ODD.md"
STATE_HEADER = ROOT / "include" / "kyosei" / "model" / "state.hpp"
PHASE_TABLE = ROOT / "sim" / "model" / "phase_table.cpp"

# Placeholders that ODD.md writes inside a parameter name, and what they stand for.
PLACEHOLDERS = {
    "<field>": ["elderly", "disability", "child", "poverty", "gap"],
    "<silo>": ["elderly", "disability", "child", "poverty"],
    "<sex>": ["male", "female"],
}
# The structures of state.hpp whose members element 2 must list.
STATE_STRUCTS = ["Residents", "ResidentCore", "Households", "Tie", "Ties", "Episodes", "AgencyState", "LeverState", "SolitaryDeaths", "State"]


@pytest.fixture(scope="module")
def odd() -> str:
    return ODD.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def parameter_paths() -> set[str]:
    return set(kyosei.parameters().index)


def element(text: str, number: int) -> str:
    """The text of ODD element `number` ("## 3. ..." up to the next level-2 heading)."""
    match = re.search(rf"^## {number}\. .*?(?=^## |\Z)", text, flags=re.MULTILINE | re.DOTALL)
    assert match, f"docs/ODD.md has no element '## {number}. ...'"
    return match.group(0)


def code_spans(text: str) -> list[str]:
    return re.findall(r"`([^`\n]+)`", text)


def parameter_mentions(text: str, sections: set[str]) -> list[str]:
    """Code spans that name a parameter: a dotted path whose first part is a table section."""
    dotted = re.compile(r"[a-z0-9_]+(\.[a-z0-9_<>*]+)+")
    return [span for span in code_spans(text) if dotted.fullmatch(span) and span.split(".")[0] in sections]


def expand(mention: str) -> list[str]:
    names = [mention]
    for placeholder, values in PLACEHOLDERS.items():
        if placeholder in mention:
            names = [name.replace(placeholder, value) for name in names for value in values]
    return names


def test_placeholders_expand_to_every_value():
    assert expand("detection.crisis.<field>") == [f"detection.crisis.{f}" for f in PLACEHOLDERS["<field>"]]
    assert expand("agencies.<silo>.cases_per_worker")[-1] == "agencies.poverty.cases_per_worker"
    assert expand("intake.mode") == ["intake.mode"]


def test_every_parameter_named_exists(odd, parameter_paths):
    sections = {path.split(".")[0] for path in parameter_paths}
    unknown = []
    for mention in parameter_mentions(odd, sections):
        if mention.endswith(".*"):
            if not any(path.startswith(mention[:-1]) for path in parameter_paths):
                unknown.append(mention)
        else:
            unknown += [name for name in expand(mention) if name not in parameter_paths]
    assert not unknown, ("docs/ODD.md names parameters that are not in the parameter table "
                         f"(`build/kyosei params` lists them): {sorted(set(unknown))}")


def test_every_parameter_is_described(odd, parameter_paths):
    sections = {path.split(".")[0] for path in parameter_paths}
    named, prefixes = set(), []
    for mention in parameter_mentions(odd, sections):
        if mention.endswith(".*"):
            prefixes.append(mention[:-1])
        else:
            named.update(expand(mention))
    missing = sorted(p for p in parameter_paths if p not in named and not any(p.startswith(x) for x in prefixes))
    assert not missing, f"docs/ODD.md does not describe these parameters (add them to its submodels): {missing}"


def state_members(header: str, struct: str) -> list[str]:
    """Data members of `struct <struct> {` ... `};`: one declaration per line, or the members of the
    X-macro list the struct declares itself from (`KYOSEI_DECLARE_STATE_MEMBERS(LIST)`: one
    A/V/S/D(type, name, ...) entry each)."""
    body = re.search(rf"^struct {struct} {{\n(.*?)^}};", header, flags=re.MULTILINE | re.DOTALL)
    assert body, f"state.hpp has no struct {struct}"
    declaration = re.compile(r"\s*[\w:]+(?:<.*>)?\s+(\w+(?:\s*,\s*\w+)*)\s*(?:=[^;]*|\{\})?;")
    members = []
    for line in body.group(1).splitlines():
        listed = re.fullmatch(r"\s*KYOSEI_DECLARE_STATE_MEMBERS\((\w+)\)", line)
        if listed:
            members += list_members(header, listed.group(1))
            continue
        match = declaration.fullmatch(line.split("//")[0].rstrip())
        if match:
            members += [name.strip() for name in match.group(1).split(",")]
    return members


def list_members(header: str, name: str) -> list[str]:
    """The member names of the X-macro list `#define <name>(A, V, S, D)` (lines joined by `\\`)."""
    define = re.search(rf"^#define {name}\(A, V, S, D\)((?:.*\\\n)*.*)$", header, flags=re.MULTILINE)
    assert define, f"state.hpp has no member list {name}"
    return re.findall(r"\b[AVSD]\(\s*[^,()]+(?:<[^>]*>)?\s*,\s*(\w+)\s*,", define.group(1))


def test_state_members_are_parsed():
    header = STATE_HEADER.read_text(encoding="utf-8")
    # One group from an X-macro list (its first and last entries) and one plain struct.
    assert {"records", "redraws"} <= set(state_members(header, "Ties"))
    assert state_members(header, "Tie") == ["end_a", "end_b", "word"]
    assert {"ended", "detection_bound"} <= set(state_members(header, "Episodes"))
    assert {"core", "departure"} <= set(state_members(header, "Residents"))


def test_element_2_lists_every_state_variable(odd):
    header = STATE_HEADER.read_text(encoding="utf-8")
    listed = set(code_spans(element(odd, 2)))
    missing = {struct: [m for m in state_members(header, struct) if m not in listed] for struct in STATE_STRUCTS}
    missing = {struct: names for struct, names in missing.items() if names}
    assert not missing, f"element 2 of docs/ODD.md does not list these state variables of state.hpp: {missing}"


def test_element_3_lists_the_phases_of_the_day_in_order(odd):
    names = re.findall(r'^\s*\{"(\w+)", \w+, ', PHASE_TABLE.read_text(encoding="utf-8"), flags=re.MULTILINE)
    phases = ["phase_" + name for name in names]
    assert len(phases) >= 10, "sim/model/phase_table.cpp no longer lists the day's phases"
    named = list(dict.fromkeys(re.findall(r"`(phase_\w+)`", element(odd, 3))))
    assert named == phases, f"element 3 of docs/ODD.md names the phases {named}; sim/model/phase_table.cpp lists {phases}"


def test_links_resolve(odd):
    targets = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", odd)
    broken = [t for t in targets if not t.startswith("http") and not (ODD.parent / t).exists()]
    assert not broken, f"docs/ODD.md links to missing files: {broken}"
