"""How well the extraction matches the gold: one pure function per measure.

Every function takes the gold documents and the rows of one named query (dicts of column to plain
value, as `eurasia-kg query NAME --format json` gives them) and returns a `Score` (precision and
recall) or an `Accuracy`, with the misses and false positives named per document for whoever tunes
the extraction. Only documents that annotate the measure's layer count; rows of other documents
are ignored.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Iterable

from eurasia_kg.names import ascii_fold

from .gold import AUTHOR, GROUPS, PREDICATES, GoldDocument, GoldEntity

Row = dict[str, str]

QUANTITY_TOLERANCE = Decimal("0.01")  # a value within 1 % of the gold value is the same number
_TITLES = {"dr", "prof", "professor", "mr", "mrs", "ms", "president", "general", "ambassador", "sir"}
_GROUP_WORDS = {"panel", "panelist", "panelists", "participant", "participants", "speaker", "speakers",
                "attendee", "attendees", "discussant", "discussants", "group"}
_SPELLINGS = ((r"(?<=[a-z])isation", "ization"), (r"\bcentre", "center"), (r"neighbour", "neighbor"),
              (r"\bdefence", "defense"), (r"\bprogramme", "program"))


@dataclass(frozen=True)
class Score:
    """Precision over predictions and recall over gold items, counted separately.

    With nothing expected and nothing predicted both are 1; predictions with no gold have
    precision 0, and gold with no predictions has recall 0.
    """

    gold: int
    found: int  # gold items matched by some prediction
    predicted: int
    correct: int  # predictions that match some gold item
    misses: tuple[str, ...] = ()
    extras: tuple[str, ...] = ()  # false positives

    @property
    def precision(self) -> float:
        if self.predicted:
            return self.correct / self.predicted
        return 1.0 if self.gold == 0 else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass(frozen=True)
class Accuracy:
    """The share of judged items that are right; None when nothing could be judged."""

    correct: int
    total: int
    errors: tuple[str, ...] = ()

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None


def normalise(name: str) -> str:
    """A name folded for comparison: case, accents, dashes, possessives, 'the', British spellings.

    More forgiving than eurasia_kg.names.name_key, which the linker uses: a gold name and a
    predicted one also meet across an aside in brackets, '&'/'and' and British/American spelling.
    """
    text = re.sub(r"[\u2010-\u2015\-/]", " ", name)
    text = ascii_fold(text).lower()
    text = re.sub(r"\([^)]*\)", " ", text).replace("&", " and ")
    text = re.sub(r"['’]s\b", "", text)
    for british, american in _SPELLINGS:
        text = re.sub(british, american, text)
    words = re.findall(r"[a-z0-9]+", text)
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def same_person(one: str, other: str) -> bool:
    """Two names of one person: equal once normalised, or one is part of the other ('Abenova')."""
    first, second = (set(normalise(n).split()) - _TITLES for n in (one, other))
    return bool(first and second) and (first <= second or second <= first)


class EntityIndex:
    """A document's gold entities, found from a predicted entity's Wikidata id or its name."""

    def __init__(self, gold: GoldDocument) -> None:
        self.by_id = {e.wikidata: e for e in gold.entities if e.wikidata}
        self.by_name = {normalise(name): e for e in gold.entities for name in e.names}

    def find(self, label: str, wikidata: str = "") -> GoldEntity | None:
        if wikidata and wikidata in self.by_id:
            return self.by_id[wikidata]
        return self.by_name.get(normalise(label))

    def key(self, label: str, wikidata: str = "") -> str:
        """The identity used to compare relation ends: the gold entity's, else the prediction's own."""
        entity = self.find(label, wikidata)
        if entity is not None:
            return entity_key(entity)
        return wikidata or normalise(label)


def entity_key(entity: GoldEntity) -> str:
    return entity.wikidata or normalise(entity.label)


def score_linking(golds: Iterable[GoldDocument], mentions: list[Row]) -> Score:
    """Entity linking: (document, Wikidata id) pairs.

    Not judged: a predicted id on an entity the gold knows by name but leaves without an id, and
    the id of an entity the gold marks optional.
    """
    counts = _Counts()
    by_document = _group(mentions)
    for gold in _annotating(golds, "entities"):
        index = EntityIndex(gold)
        expected = {e.wikidata: e.label for e in gold.entities if e.wikidata and not e.optional}
        predicted: dict[str, str] = {}
        for row in by_document[gold.document]:
            qid = row.get("wikidata", "")
            match = index.find(row.get("label", ""), qid)
            if qid and (match is None or (match.wikidata is not None and not match.optional)):
                predicted.setdefault(qid, row.get("label", ""))
        counts.add_sets(gold.document, expected, predicted)
    return counts.score()


def score_entities(golds: Iterable[GoldDocument], mentions: list[Row]) -> Score:
    """Entity recognition: gold entities found (by id or name) and predicted entities the gold knows.

    An optional gold entity counts neither as a miss nor, when found, as a prediction.
    """
    counts = _Counts()
    by_document = _group(mentions)
    for gold in _annotating(golds, "entities"):
        index = EntityIndex(gold)
        found: set[str] = set()
        predicted = _predicted_entities(by_document[gold.document])
        for label, wikidata, _ in predicted.values():
            match = index.find(label, wikidata)
            if match is not None and match.optional:
                continue
            counts.predicted += 1
            if match is None:
                counts.extra(gold.document, f"{label} ({wikidata or 'no id'})")
            else:
                counts.correct += 1
                found.add(entity_key(match))
        for entity in (e for e in gold.entities if not e.optional):
            counts.gold += 1
            if entity_key(entity) in found:
                counts.found += 1
            else:
                counts.miss(gold.document, f"{entity.label} [{entity.cls}]")
    return counts.score()


def score_classes(golds: Iterable[GoldDocument], mentions: list[Row]) -> Accuracy:
    """Entity class accuracy over the gold entities found; the most mentioned match decides."""
    correct, total, errors = 0, 0, []
    by_document = _group(mentions)
    for gold in _annotating(golds, "entities"):
        index = EntityIndex(gold)
        classes: dict[str, Counter] = defaultdict(Counter)
        for label, wikidata, mention_classes in _predicted_entities(by_document[gold.document]).values():
            match = index.find(label, wikidata)
            if match is not None:
                classes[entity_key(match)].update(mention_classes)
        for entity in gold.entities:
            seen = classes.get(entity_key(entity))
            if not seen:
                continue
            total += 1
            predicted_class = seen.most_common(1)[0][0]
            if predicted_class == entity.cls:
                correct += 1
            else:
                errors.append(f"{gold.document}: {entity.label} is {entity.cls}, predicted {predicted_class}")
    return Accuracy(correct, total, tuple(errors))


def score_relations(golds: Iterable[GoldDocument], relations: list[Row], inverses: dict[str, str]) -> Score:
    """Relations: (document, subject, predicate, object), ends matched by id, else by name.

    `inverses` maps a property's local name to its inverse's; a relation stated with the inverse of
    a core property and swapped ends is the same relation, and a symmetric one is read both ways.
    """
    counts = _Counts()
    by_document = _group(relations)
    for gold in _annotating(golds, "relations"):
        index = EntityIndex(gold)
        expected = {}
        for relation in gold.relations:
            subject, obj = gold.entity(relation.subject), gold.entity(relation.object)
            key = _canonical(entity_key(subject), relation.predicate, entity_key(obj), inverses)
            expected[key] = f"{subject.label} {relation.predicate} {obj.label}"
        predicted = {}
        for row in by_document[gold.document]:
            subject = index.key(row.get("subjectLabel", ""), row.get("subjectWikidata", ""))
            obj = index.key(row.get("objectLabel", ""), row.get("objectWikidata", ""))
            key = _canonical(subject, row.get("predicate", ""), obj, inverses)
            predicted.setdefault(key, f"{row.get('subjectLabel')} {row.get('predicate')} {row.get('objectLabel')}")
        counts.add_sets(gold.document, expected, predicted)
    return counts.score()


def _canonical(subject: str, predicate: str, obj: str, inverses: dict[str, str]) -> tuple[str, str, str]:
    inverse = inverses.get(predicate)
    if inverse == predicate:
        subject, obj = sorted((subject, obj))
    elif predicate not in PREDICATES and inverse in PREDICATES:
        subject, predicate, obj = obj, inverse, subject
    return subject, predicate, obj


def score_claims(golds: Iterable[GoldDocument], claims: list[Row]) -> Score:
    """Claims: a gold claim is found when a predicted claim overlaps at least half of its span."""
    counts = _Counts()
    by_document = _group(claims)
    for gold in _annotating(golds, "claims"):
        predicted = _claim_spans(by_document[gold.document])
        matched: set[int] = set()
        for claim in gold.claims:
            counts.gold += 1
            hits = [i for i, (start, end, _) in enumerate(predicted) if _half_covered(claim.start, claim.end, start, end)]
            matched.update(hits)
            if hits:
                counts.found += 1
            else:
                counts.miss(gold.document, f"[{claim.start}, {claim.end}) {claim.kind} by {claim.attributed_to}")
        counts.predicted += len(predicted)
        counts.correct += len(matched)
        for i, (start, end, row) in enumerate(predicted):
            if i not in matched:
                counts.extra(gold.document, f"[{start}, {end}) {row.get('kind')} by {row.get('attributedTo') or 'nobody'}")
    return counts.score()


def score_attribution(golds: Iterable[GoldDocument], claims: list[Row]) -> Accuracy:
    """Attribution accuracy over found claims, judged on the predicted claim that overlaps most."""
    return _judge_found_claims(golds, claims, _attribution_error)


def score_claim_kinds(golds: Iterable[GoldDocument], claims: list[Row]) -> Accuracy:
    """Kind accuracy (prediction, assessment, recommendation) over found claims."""
    return _judge_found_claims(
        golds, claims,
        lambda gold, claim, row: None if row.get("kind") == claim.kind else f"is {claim.kind}, predicted {row.get('kind')}",
    )


def _attribution_error(gold: GoldDocument, claim, row: Row) -> str | None:
    said = row.get("attributedTo", "")
    if same_agent(claim.attributed_to, said, gold.authors, gold.publisher):
        return None
    return f"said by {claim.attributed_to}, predicted {said or 'nobody'}"


def same_agent(expected: str, predicted: str, authors: Iterable[str], publisher: str | None) -> bool:
    """Whether a predicted attribution names the gold's speaker.

    A group ('panelists', 'participants') is matched by any label naming a panel or its members;
    'author' by any of the document's authors, or its publisher when it has no author.
    """
    if not predicted:
        return False
    if expected in GROUPS:
        return bool(set(normalise(predicted).split()) & _GROUP_WORDS)
    if expected == AUTHOR:
        voices = list(authors) or ([publisher] if publisher else [])
        return any(same_person(voice, predicted) or normalise(voice) == normalise(predicted) for voice in voices)
    return same_person(expected, predicted)


def _judge_found_claims(golds, claims: list[Row], error_of) -> Accuracy:
    correct, total, errors = 0, 0, []
    by_document = _group(claims)
    for gold in _annotating(golds, "claims"):
        predicted = _claim_spans(by_document[gold.document])
        for claim in gold.claims:
            hits = [(min(claim.end, end) - max(claim.start, start), row) for start, end, row in predicted
                    if _half_covered(claim.start, claim.end, start, end)]
            if not hits:
                continue
            total += 1
            error = error_of(gold, claim, max(hits, key=lambda hit: hit[0])[1])
            if error is None:
                correct += 1
            else:
                errors.append(f"{gold.document}: [{claim.start}, {claim.end}) {error}")
    return Accuracy(correct, total, tuple(errors))


def _half_covered(start: int, end: int, other_start: int, other_end: int) -> bool:
    return 2 * (min(end, other_end) - max(start, other_start)) >= end - start


def _claim_spans(rows: list[Row]) -> list[tuple[int, int, Row]]:
    spans = []
    for row in rows:
        try:
            spans.append((int(row["start"]), int(row["end"]), row))
        except (KeyError, ValueError):
            continue  # a claim without offsets cannot be placed in the text
    return spans


def score_quantities(golds: Iterable[GoldDocument], quantities: list[Row]) -> Score:
    """Quantities: (document, value within 1 %, unit), each prediction matching at most one gold."""
    counts = _Counts()
    by_document = _group(quantities)
    for gold in _annotating(golds, "quantities"):
        predicted = [(value, row) for row in by_document[gold.document] if (value := _number(row.get("value"))) is not None]
        unused = list(range(len(predicted)))
        for quantity in gold.quantities:
            counts.gold += 1
            match = next((i for i in unused if predicted[i][1].get("unit") == quantity.unit
                          and abs(predicted[i][0] - quantity.value) <= QUANTITY_TOLERANCE * abs(quantity.value)), None)
            if match is None:
                counts.miss(gold.document, f"{quantity.value} {quantity.unit} ({quantity.year or 'no year'}) at {quantity.start}")
            else:
                counts.found += 1
                unused.remove(match)
        counts.predicted += len(predicted)
        counts.correct += len(predicted) - len(unused)
        for i in unused:
            value, row = predicted[i]
            counts.extra(gold.document, f"{value} {row.get('unit')} of {row.get('subject', '').rsplit('/', 1)[-1]}: {row.get('evidence', '')!r}")
    return counts.score()


def _number(text: str | None) -> Decimal | None:
    try:
        return Decimal(text) if text else None
    except InvalidOperation:
        return None


def score_authors(golds: Iterable[GoldDocument], documents: list[Row]) -> Score:
    """Authors: names from the `documents` query's author column, matched as persons."""
    counts = _Counts()
    by_document = _group(documents)
    for gold in _annotating(golds, "authors"):
        names = [n.strip() for row in by_document[gold.document] for n in row.get("author", "").split("|") if n.strip()]
        unused = list(dict.fromkeys(names))
        for author in gold.authors:
            counts.gold += 1
            match = next((name for name in unused if same_person(author, name)), None)
            if match is None:
                counts.miss(gold.document, author)
            else:
                counts.found += 1
                unused.remove(match)
        counts.predicted += len(dict.fromkeys(names))
        counts.correct += len(dict.fromkeys(names)) - len(unused)
        for name in unused:
            counts.extra(gold.document, name)
    return counts.score()


class _Counts:
    """Tallies for a Score, with the misses and false positives named per document."""

    def __init__(self) -> None:
        self.gold = self.found = self.predicted = self.correct = 0
        self.misses: list[str] = []
        self.extras: list[str] = []

    def miss(self, document: str, what: str) -> None:
        self.misses.append(f"{document}: {what}")

    def extra(self, document: str, what: str) -> None:
        self.extras.append(f"{document}: {what}")

    def add_sets(self, document: str, expected: dict, predicted: dict) -> None:
        """Compare two sets of keys (their values describe them for the details)."""
        self.gold += len(expected)
        self.predicted += len(predicted)
        hits = expected.keys() & predicted.keys()
        self.found += len(hits)
        self.correct += len(hits)
        for key in expected.keys() - hits:
            self.miss(document, expected[key])
        for key in predicted.keys() - hits:
            self.extra(document, predicted[key])

    def score(self) -> Score:
        return Score(self.gold, self.found, self.predicted, self.correct, tuple(self.misses), tuple(self.extras))


def _annotating(golds: Iterable[GoldDocument], layer: str) -> list[GoldDocument]:
    return [gold for gold in golds if gold.annotates(layer)]


def _group(rows: list[Row]) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[row.get("document", "")].append(row)
    return grouped


def _predicted_entities(rows: list[Row]) -> dict[str, tuple[str, str, list[str]]]:
    """A document's predicted entities by IRI: label, Wikidata id, and the class of each mention."""
    entities: dict[str, tuple[str, str, list[str]]] = {}
    for row in rows:
        label, wikidata, classes = entities.setdefault(
            row.get("entity", row.get("label", "")), (row.get("label", ""), row.get("wikidata", ""), [])
        )
        classes.append(row.get("class", ""))
    return entities
