"""The extraction's rules as named data: one TOML table per component, `pipeline/rules/<component>.toml`.

Each rule has a stable id, a label, what it reads (the ontology property or class it produces), its
pattern as text, and its own example sentences: a test (tests/test_rules.py) runs the pipeline on
every example and checks that the rule fires on each positive and on none of the negatives. Every
item a rule makes carries the rule's full id, `<component>/<id>`, and the document graph describes
the rule as a prov:Plan, so any mention, fact, claim or quantity can be traced to the rule behind it.

    [[rule]]
    id = "member-list"
    label = "states listed as an organisation's members"
    reads = "memberOf"
    pattern = '''{O}'s members,? {SOC+}'''
    examples = ["The bloc's members, Ruritania and Freedonia, met in May."]
    counterexamples = ["Ruritania has applied to join the bloc."]
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

RULES_DIR = Path(__file__).resolve().parent


class RuleTableError(ValueError):
    """A rule table that cannot be read; the message names the file and the rule."""


@dataclass(frozen=True)
class RuleSpec:
    """One rule of a component, as its table states it."""

    component: str
    id: str
    label: str
    reads: str
    pattern: str = ""
    examples: tuple[str, ...] = ()
    counterexamples: tuple[str, ...] = ()
    confidence: float = 0.0
    options: tuple[tuple[str, object], ...] = ()  # any further keys the component reads

    @property
    def full_id(self) -> str:
        return f"{self.component}/{self.id}"

    def option(self, key: str, default: object = None) -> object:
        return dict(self.options).get(key, default)

    def table(self, key: str) -> dict[str, str]:
        """An option that maps words to words (a TOML table of strings); empty when the rule has none."""
        value = self.option(key, {})
        if not isinstance(value, dict):
            raise RuleTableError(f"{RULES_DIR / (self.component + '.toml')}: {key} of rule {self.id!r} is not a table")
        return {str(name): str(meaning) for name, meaning in value.items()}


_FIELDS = {"id", "label", "reads", "pattern", "examples", "counterexamples", "confidence"}


@lru_cache(maxsize=None)
def rule_table(component: str) -> tuple[RuleSpec, ...]:
    """The rules of one component, in the order of its table (order can matter: first match wins)."""
    path = RULES_DIR / f"{component}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise RuleTableError(f"{path}: {error}") from error
    rules, seen = [], set()
    for index, entry in enumerate(data.get("rule", [])):
        missing = {"id", "label", "reads"} - entry.keys()
        if missing:
            raise RuleTableError(f"{path}: rule #{index + 1} lacks {', '.join(sorted(missing))}")
        if entry["id"] in seen:
            raise RuleTableError(f"{path}: rule id {entry['id']!r} is used twice")
        seen.add(entry["id"])
        rules.append(RuleSpec(
            component=component, id=entry["id"], label=entry["label"], reads=entry["reads"],
            pattern=entry.get("pattern", ""), examples=tuple(entry.get("examples", ())),
            counterexamples=tuple(entry.get("counterexamples", ())),
            confidence=float(entry.get("confidence", 0.0)),
            options=tuple((k, v) for k, v in entry.items() if k not in _FIELDS),
        ))
    return tuple(rules)


def rule(component: str, rule_id: str) -> RuleSpec:
    """One rule by its id; a KeyError names the component's table."""
    for spec in rule_table(component):
        if spec.id == rule_id:
            return spec
    raise KeyError(f"no rule {rule_id!r} in {RULES_DIR / (component + '.toml')}")


def all_rules() -> tuple[RuleSpec, ...]:
    """Every rule of every component's table."""
    return tuple(spec for path in sorted(RULES_DIR.glob("*.toml")) for spec in rule_table(path.stem))
