"""Recognise the entities the reference data knows, by their names, aliases, metonyms and demonyms.

Matching is exact and case-sensitive on whole words (an Aho–Corasick automaton over every surface
form, so the cost does not grow with the number of names), leftmost-longest, so "Carnegie Moscow
Center" wins over "Moscow". Typographic variants (’ for ', – for -) are added automatically.

A name with a parenthesised qualifier, such as the city label "Moscow (city)", is also known by its
bare name. Where that bare name is a state's metonym too, the words before it decide: "the embassy
in Moscow" is the city, "Moscow and Beijing agreed" the state (`choose`). So the reference data says
which city a capital's name stands for by labelling the city, and nothing else. The words that
place something in a city ("in", "the capital of", "the Bishkek summit", "in Minsk and Tbilisi")
are the `capital-as-place` rule of pipeline/rules/entities.toml; every mention names its rule
(entities/gazetteer-label, -alias, -metonym, -demonym, entities/capital-as-place).

Inside the name of a reference event or agreement, the states, organisations and places it names
are mentions too ("the collapse of the Soviet Union" also mentions the Soviet Union), found by a
second pass of the automaton over that name only.

A person's alias that opens with a title ("President Xi") matches from the name on, so the title
stays text for the relation rules and the full name after it ("Chinese President Xi Jinping") wins by
leftmost-longest. A person's one-word alias before another capitalised name ("Mao Ning", "Xi Mingze")
is someone else of that family name, left to the discoverer. A capital followed by the state it stands
for ("Dushanbe, Tajikistan") is the city.

The gazetteer also answers for names the text spells differently from the reference data
(`Gazetteer.find`): case, accents and apostrophes folded, and people's names by their
transliteration key, so "Dmitrii Trenin" finds "Dmitri Trenin".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import ahocorasick
import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from eurasia_kg.vocab import EKG

from .markup import CHARACTER_REFERENCE
from .model import Analysis, EntityRef, Mention
from .patterns import CALENDAR, TITLES, fold, transliteration_key
from .rules import rule

# How a surface form is known, in order of trust, with the confidence a match earns.
SURFACE_KINDS: dict[str, tuple[URIRef, float]] = {
    "label": (RDFS.label, 0.95),
    "alias": (SKOS.altLabel, 0.9),
    "metonym": (EKG.metonym, 0.8),
    "demonym": (EKG.demonym, 0.6),
}
ENTITY_CLASSES = (
    "State InternationalOrganization Initiative Agreement Project Company Person "
    "ResearchOrganization Place Event"
).split()
_POSSESSIVE = ("'s", "’s")  # "in Moscow's view": the state again
_VARIANTS = (("'", "’"), ("-", "–"), ("-", "‑"))
_QUALIFIED = re.compile(r"^(?P<bare>.+?) \([^()]+\)$")  # "Moscow (city)"
_INCORPORATION = re.compile(r"(?:\s+(?:corporation|corp|company|co|limited|ltd|inc|plc|pjsc|jsc|ojsc|pao|oao|llc))+$")


@dataclass(frozen=True)
class Candidate:
    entity: EntityRef
    kind: str


class Gazetteer:
    """Every surface form of the reference entities, ready to be matched in a text."""

    def __init__(self, forms: Iterable[tuple[str, Candidate]]) -> None:
        self._candidates: dict[str, list[Candidate]] = {}
        self._by_key: dict[str, set[EntityRef]] = {}
        for surface, candidate in forms:
            for variant in _variants(surface):
                self._candidates.setdefault(variant, []).append(candidate)
            if candidate.kind in ("label", "alias"):
                for key in _lookup_keys(surface, candidate.entity.cls):
                    self._by_key.setdefault(key, set()).add(candidate.entity)
        # "President Xi": a person's alias that opens with a title matches from the name on, so the
        # title stays text ("Chinese President Xi Jinping" is the full name after the title)
        self._title_skip: dict[str, int] = {}
        for surface, candidates in self._candidates.items():
            title, _, rest = surface.partition(" ")
            if rest and title.lower() in TITLES and all(c.entity.cls == "Person" for c in candidates):
                self._title_skip[surface] = len(title) + 1
        self._automaton = ahocorasick.Automaton()
        for surface in self._candidates:
            self._automaton.add_word(surface, surface)
        if self._candidates:
            self._automaton.make_automaton()

    @classmethod
    def from_reference(cls, files: Iterable[Path]) -> "Gazetteer":
        return cls(_surface_forms(_statements(files)))

    def __len__(self) -> int:
        return len(self._candidates)

    def names_of(self, cls: str) -> dict[EntityRef, list[str]]:
        """Every label and alias of each reference entity of class `cls`."""
        names: dict[EntityRef, list[str]] = {}
        for surface, candidates in self._candidates.items():
            for candidate in candidates:
                if candidate.entity.cls == cls and candidate.kind in ("label", "alias"):
                    names.setdefault(candidate.entity, []).append(surface)
        return names

    def find(self, name: str, cls: str) -> EntityRef | None:
        """The one reference entity of class `cls` that `name` spells, however written; else None."""
        for key in _lookup_keys(name, cls):
            entities = {e for e in self._by_key.get(key, ()) if e.cls == cls}
            if len(entities) == 1:
                return entities.pop()
        return None

    def matches(self, text: str, start: int = 0, end: int | None = None,
                ) -> Iterator[tuple[int, int, list[Candidate]]]:
        """(start, end, candidates) of whole-word matches in text[start:end], leftmost-longest, not
        overlapping; a match of the whole of a given range is left out (the names inside a name)."""
        if not self._candidates:
            return
        end = len(text) if end is None else end
        whole = (start, end) if (start, end) != (0, len(text)) else None
        found = sorted(
            ((stop + 1 - len(surface) + self._title_skip.get(surface, 0), stop + 1, surface)
             for stop, surface in self._automaton.iter(text, start, end)
             if _whole_word(text, stop + 1 - len(surface), stop + 1)),
            key=lambda span: (span[0], -span[1]),
        )
        taken_until = 0
        for first, last, surface in found:
            if first >= taken_until and (first, last) != whole:
                taken_until = last
                yield first, last, self._candidates[surface]


# What the reference data says of each IRI: predicate -> the values of its objects, each once, in file order.
Statements = dict[str, dict[str, list[str]]]


def _statements(files: Iterable[Path]) -> Statements:
    """The statements of the reference files about IRIs (entities have IRIs), read with pyoxigraph:
    rdflib took a fifth of a second to parse them, at every build."""
    objects: dict[str, dict[str, dict[ox.NamedNode | ox.BlankNode | ox.Literal, None]]] = {}
    for file in files:
        for quad in ox.parse(path=str(file), format=ox.RdfFormat.TURTLE, base_iri=Path(file).resolve().as_uri()):
            if isinstance(quad.subject, ox.NamedNode) and not isinstance(quad.object, ox.Triple):
                objects.setdefault(quad.subject.value, {}).setdefault(quad.predicate.value, {})[quad.object] = None
    return {iri: {predicate: [term.value for term in terms] for predicate, terms in properties.items()}
            for iri, properties in objects.items()}


def _surface_forms(statements: Statements) -> Iterator[tuple[str, Candidate]]:
    for iri in sorted(iri for iri, properties in statements.items() if str(RDF.type) in properties):
        entity = _entity_ref(iri, statements[iri])
        if entity is None:
            continue
        for kind, (predicate, _) in SURFACE_KINDS.items():
            for surface in sorted(statements[iri].get(str(predicate), ())):
                yield surface, Candidate(entity, kind)
                qualified = _QUALIFIED.match(surface)
                if qualified:
                    yield qualified["bare"], Candidate(entity, kind)


def _lookup_keys(name: str, cls: str) -> list[str]:
    """Keys under which a name is found: folded spelling, companies without the form of their
    incorporation ("Corp", "Co. Ltd"), people by transliteration."""
    folded = fold(name)
    if cls == "Company":
        folded = _INCORPORATION.sub("", folded).strip() or folded
    keys = [f"{cls}:{folded}"]
    if cls == "Person" and (transliterated := transliteration_key(name)):
        keys.append(f"{cls}~{transliterated}")
    return keys


def _entity_ref(iri: str, properties: dict[str, list[str]]) -> EntityRef | None:
    classes = [c for c in properties.get(str(RDF.type), ()) if c.removeprefix(str(EKG)) in ENTITY_CLASSES]
    labels = properties.get(str(RDFS.label))
    if len(classes) != 1 or not labels:
        return None
    return EntityRef(iri, labels[0], classes[0].removeprefix(str(EKG)))


def _variants(surface: str) -> set[str]:
    forms = {surface}
    for plain, typographic in _VARIANTS:
        forms |= {form.replace(plain, typographic) for form in forms}
    return forms


def _whole_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


# Names of things about states, whose own names hold states, organisations and places that count too.
_NAMES_INSIDE = ("Event", "Agreement", "Initiative")
_NAMED_INSIDE = ("State", "InternationalOrganization", "Place")
_CITY = rule("entities", "capital-as-place")
_CITY_BEFORE = re.compile(str(_CITY.option("before")))
_CITY_AFTER = re.compile(str(_CITY.option("after")))


def choose(candidates: list[Candidate], text: str, start: int, end: int) -> Candidate:
    """The reading of a surface form shared by a place and a state (a capital and its metonym).

    In political prose "Moscow" is the state; where the text places something there ("in", "near",
    "the capital of", "a meeting in Yerevan and Astana", "the Moscow summit", "Yerevan, Armenia") it
    is the city, unless a possessive follows ("in Moscow's view"). The words that place something are
    the `capital-as-place` rule's patterns (pipeline/rules/entities.toml).
    """
    places = [c for c in candidates if c.entity.cls == "Place"]
    others = [c for c in candidates if c.entity.cls != "Place"]
    pool = places if places and (not others or placed(text, start, end)) else others
    kinds = list(SURFACE_KINDS)
    return min(pool, key=lambda c: kinds.index(c.kind))


def placed(text: str, start: int, end: int) -> bool:
    """Whether the words around a capital's name read it as the city."""
    if text.startswith(_POSSESSIVE, end):
        return False
    return bool(_CITY_BEFORE.search(text, max(0, start - 60), start) or _CITY_AFTER.match(text, end))


class EntityRecogniser:
    """Pipeline component: fill `mentions` with the reference entities found in the text."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def _inside(self, text: str, positions: Sequence[int], start: int, end: int) -> list[Mention]:
        """The states, organisations and places named inside the name of an event or an agreement
        ("the collapse of the Soviet Union", "the Treaty on the Eurasian Economic Union")."""
        inside = []
        for first, last, candidates in self.gazetteer.matches(text, start, end):
            # a capital inside a name only names the thing after the city ("the Minsk agreements")
            if any(c.kind == "metonym" for c in candidates):
                continue
            chosen = choose(candidates, text, first, last)
            if chosen.entity.cls in _NAMED_INSIDE and chosen.kind != "demonym":
                inside.append(Mention(positions[first], positions[last - 1] + 1, chosen.entity,
                                      SURFACE_KINDS[chosen.kind][1], chosen.kind, rule=_rule_of(chosen, candidates)))
        return inside

    def __call__(self, analysis: Analysis) -> Analysis:
        text, positions = closed_up(analysis.source.text, analysis.view)
        mentions = []
        matches = list(self.gazetteer.matches(text))
        for at, (start, end, candidates) in enumerate(matches):
            if _other_bearer(text, candidates, start, end, matches[at + 1 : at + 2]):
                continue
            chosen = choose(candidates, text, start, end)
            if chosen.kind == "metonym" and _state_follows(text, chosen, matches[at + 1 : at + 2], end):
                chosen = next((c for c in candidates if c.entity.cls == "Place"), chosen)
            confidence = SURFACE_KINDS[chosen.kind][1]
            mentions.append(Mention(positions[start], positions[end - 1] + 1, chosen.entity, confidence, chosen.kind,
                                    rule=_rule_of(chosen, candidates)))
            if chosen.entity.cls in _NAMES_INSIDE:
                mentions += self._inside(text, positions, start, end)
        return replace(analysis, mentions=tuple(mentions))


_NEXT_NAME = re.compile(r" (?P<word>[A-Z][a-z]+)\b(?!['’]s)")


def _other_bearer(text: str, candidates: list[Candidate], start: int, end: int, following: list) -> bool:
    """ "Mao Ning", "Xi Mingze": a person's one-word short name before another capitalised name is someone
    else of that family name (the discoverer reads the full name)."""
    if " " in text[start:end] or not all(c.entity.cls == "Person" and c.kind == "alias" for c in candidates):
        return False
    nxt = _NEXT_NAME.match(text, end)
    if not nxt or fold(nxt["word"]) in CALENDAR:
        return False
    line = text[text.rfind("\n", 0, start) + 1 : (text.find("\n", end) + 1 or len(text) + 1) - 1]
    if not re.search(r"(?<![.!?:] )\b(?!(?:of|for|on|and|the|a|an|in|to|with|at|by|from|or|as)\b)[a-z]{3,}", line):
        return False  # a headline, where every word is capitalised ("Putin Says …")
    return not any(first == nxt.start("word") for first, _, _ in following)  # "Putin Russia" is no name


def _state_follows(text: str, chosen: Candidate, following: list, end: int) -> bool:
    """ "Dushanbe, Tajikistan": a capital followed by the very state it stands for is the city."""
    for start, _, candidates in following:
        return bool(re.fullmatch(r",\s*", text[end:start])) and any(
            c.entity == chosen.entity and c.kind in ("label", "alias") for c in candidates)
    return False


def _rule_of(chosen: Candidate, candidates: list[Candidate]) -> str:
    """The rule behind a gazetteer mention: how its surface form is known, or the city reading of a
    name that is also its state's metonym."""
    if chosen.entity.cls == "Place" and any(c.kind == "metonym" for c in candidates):
        return _CITY.full_id
    return f"entities/gazetteer-{chosen.kind}"


def closed_up(source: str, view: str) -> tuple[str, Sequence[int]]:
    """The view without the padding a decoded HTML character reference leaves behind, and the view
    position of each of its characters.

    The view keeps the source's length, so "China&ndash;Central" reads "China–" and six spaces
    before "Central"; names are matched on "China–Central" and their offsets mapped back.
    """
    padding: set[int] = set()
    for match in CHARACTER_REFERENCE.finditer(source):
        start, end = match.span()
        if view[start] != "&" and end - start > 1 and view[start + 1 : end].isspace():
            padding.update(range(start + 1, end))
    if not padding:
        return view, range(len(view))
    positions = [i for i in range(len(view)) if i not in padding]
    return "".join(view[i] for i in positions), positions
