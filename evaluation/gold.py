"""The gold data: one JSON file per document, read into plain dataclasses and checked.

A gold file stores offsets into its text and identifiers, never the text itself, so it can describe
documents whose words may not be copied. `docs/evaluation.md` describes every field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import Graph
from rdflib.collection import Collection
from rdflib.namespace import OWL, SH

from eurasia_kg.ontology import ONTOLOGY_FILE, SHAPES_FILE
from eurasia_kg.pipeline.entities import ENTITY_CLASSES
from eurasia_kg.vocab import EKG, is_wikidata_id

SPLITS = ("shared", "embedded", "dev", "regression")
LAYERS = ("entities", "authors", "relations", "claims", "quantities")
PREDICATES = (
    "memberOf", "partyTo", "participatesIn", "operator", "locatedIn", "affiliatedWith", "headOf", "linkedWith",
)
CLAIM_KINDS = ("Prediction", "Assessment", "Recommendation")
GROUPS = ("panelists", "participants")
AUTHOR = "author"


class GoldError(Exception):
    """A gold file that cannot be read or breaks the format; the message names the file and the field."""


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class GoldEntity:
    label: str
    cls: str
    wikidata: str | None
    aliases: tuple[str, ...] = ()
    wikidata_source: str | None = None
    optional: bool = False  # named only in passing (an adjective, a metonym): finding it is neither required nor wrong

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class GoldRelation(Span):
    subject: str  # a Wikidata id or the label of one of the document's gold entities
    predicate: str
    object: str


@dataclass(frozen=True)
class GoldClaim(Span):
    kind: str
    attributed_to: str  # a person's name, "panelists", "participants" or "author"
    hedged: bool


@dataclass(frozen=True)
class GoldQuantity(Span):
    value: Decimal  # written out in full in `unit`
    unit: str
    year: int | None


@dataclass(frozen=True)
class GoldDocument:
    """Everything annotated for one document; `layers` says which parts were annotated in full."""

    path: Path
    document: str  # the text's file name, as the store's `document` column gives it
    split: str
    layers: tuple[str, ...]
    authors: tuple[str, ...]
    publisher: str | None
    entities: tuple[GoldEntity, ...]
    relations: tuple[GoldRelation, ...]
    claims: tuple[GoldClaim, ...]
    quantities: tuple[GoldQuantity, ...]

    def annotates(self, layer: str) -> bool:
        return layer in self.layers

    def entity(self, reference: str) -> GoldEntity | None:
        """The gold entity a relation end names, by Wikidata id or by label."""
        for entity in self.entities:
            if reference in (entity.wikidata, entity.label):
                return entity
        return None

    def spans(self) -> list[tuple[str, Span]]:
        """Every annotated span, named for error messages."""
        named: list[tuple[str, Span]] = []
        for kind, items in (("relations", self.relations), ("claims", self.claims), ("quantities", self.quantities)):
            named += [(f"{kind}[{index}]", item) for index, item in enumerate(items)]
        return named


def allowed_units() -> tuple[str, ...]:
    """The unit codes the SHACL shapes accept on ekg:unit (the one list the ontology keeps)."""
    shapes = Graph().parse(SHAPES_FILE)
    for shape in shapes.subjects(SH.path, EKG.unit):
        listed = shapes.value(shape, SH["in"])
        if listed is not None:
            return tuple(str(item) for item in Collection(shapes, listed))
    raise GoldError(f"{SHAPES_FILE}: no sh:in list of units on ekg:unit")


def inverse_properties() -> dict[str, str]:
    """Each ontology property's inverse, by local name, both ways (a symmetric one maps to itself)."""
    ontology = Graph().parse(ONTOLOGY_FILE)
    inverses = {}
    for prop, inverse in ontology.subject_objects(OWL.inverseOf):
        one, other = str(prop).removeprefix(str(EKG)), str(inverse).removeprefix(str(EKG))
        inverses[one], inverses[other] = other, one
    return inverses


def load_gold(folder: Path, split: str | None = None) -> list[GoldDocument]:
    """Every gold file in `folder` (optionally only one split), sorted by document name."""
    if not folder.is_dir():
        raise GoldError(f"{folder}: no such gold folder")
    units = allowed_units()
    documents = [read_gold_file(path, units) for path in sorted(folder.glob("*.json"))]
    seen: dict[str, Path] = {}
    for gold in documents:
        if gold.document in seen:
            raise GoldError(f"{gold.path}: document {gold.document!r} is already annotated in {seen[gold.document]}")
        seen[gold.document] = gold.path
    return [gold for gold in documents if split is None or gold.split == split]


def read_gold_file(path: Path, units: tuple[str, ...]) -> GoldDocument:
    """One gold file, checked field by field against the format."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise GoldError(f"{path}: cannot be read as JSON ({error})") from None
    reader = _Reader(path)
    reader.require(isinstance(data, dict), "", "the file must hold one JSON object")
    layers = tuple(data.get("layers", LAYERS))
    reader.require(set(layers) <= set(LAYERS), "layers", f"each layer must be one of {', '.join(LAYERS)}")
    gold = GoldDocument(
        path=path,
        document=reader.text(data, "document"),
        split=reader.choice(data, "split", SPLITS),
        layers=layers,
        authors=tuple(reader.names(data, "authors")),
        publisher=reader.optional_text(data, "publisher"),
        entities=tuple(reader.entity(item, f"entities[{i}]") for i, item in enumerate(data.get("entities", []))),
        relations=tuple(reader.relation(item, f"relations[{i}]") for i, item in enumerate(data.get("relations", []))),
        claims=tuple(reader.claim(item, f"claims[{i}]") for i, item in enumerate(data.get("claims", []))),
        quantities=tuple(
            reader.quantity(item, f"quantities[{i}]", units) for i, item in enumerate(data.get("quantities", []))
        ),
    )
    for index, relation in enumerate(gold.relations):
        for end in (relation.subject, relation.object):
            reader.require(
                gold.entity(end) is not None, f"relations[{index}]",
                f"{end!r} is neither the Wikidata id nor the label of an entity of this file",
            )
    return gold


def check_offsets(gold: GoldDocument, text: str) -> list[str]:
    """Problems with the gold's spans against its text: outside the text, empty or blank."""
    problems = []
    for name, span in gold.spans():
        if not 0 <= span.start < span.end <= len(text):
            problems.append(f"{gold.path}: {name} [{span.start}, {span.end}) is not inside the text ({len(text)} characters)")
        elif not text[span.start : span.end].strip():
            problems.append(f"{gold.path}: {name} [{span.start}, {span.end}) covers only blank text")
    return problems


class _Reader:
    """Reads fields of one gold file, raising GoldError that names the file and the field."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def require(self, condition: bool, field: str, problem: str) -> None:
        if not condition:
            where = f" {field}:" if field else ""
            raise GoldError(f"{self.path}:{where} {problem}")

    def text(self, data: dict, key: str, where: str = "") -> str:
        value = data.get(key) if isinstance(data, dict) else None
        self.require(isinstance(value, str) and value.strip() != "", f"{where}.{key}".lstrip("."), "needs a non-empty string")
        return value

    def optional_text(self, data: dict, key: str, where: str = "") -> str | None:
        return None if data.get(key) is None else self.text(data, key, where)

    def choice(self, data: dict, key: str, allowed: tuple[str, ...], where: str = "") -> str:
        value = self.text(data, key, where)
        self.require(value in allowed, f"{where}.{key}".lstrip("."), f"{value!r} is not one of {', '.join(allowed)}")
        return value

    def names(self, data: dict, key: str) -> list[str]:
        values = data.get(key, [])
        self.require(
            isinstance(values, list) and all(isinstance(v, str) and v.strip() for v in values), key,
            "needs a list of non-empty strings",
        )
        return values

    def span(self, data: dict, where: str) -> tuple[int, int]:
        start, end = data.get("start"), data.get("end")
        self.require(
            isinstance(start, int) and isinstance(end, int) and 0 <= start < end, where,
            "needs integer offsets with 0 <= start < end",
        )
        return start, end

    def entity(self, data: dict, where: str) -> GoldEntity:
        self.require(isinstance(data, dict), where, "must be an object")
        wikidata = data.get("wikidata")
        self.require(wikidata is None or (isinstance(wikidata, str) and is_wikidata_id(wikidata)), f"{where}.wikidata",
                     f"{wikidata!r} is not a Wikidata id (Q followed by digits) or null")
        aliases = data.get("aliases", [])
        self.require(isinstance(aliases, list) and all(isinstance(a, str) and a.strip() for a in aliases),
                     f"{where}.aliases", "needs a list of non-empty strings")
        optional = data.get("optional", False)
        self.require(isinstance(optional, bool), f"{where}.optional", "needs true or false")
        return GoldEntity(
            label=self.text(data, "label", where),
            cls=self.choice(data, "class", tuple(ENTITY_CLASSES), where),
            wikidata=wikidata,
            aliases=tuple(aliases),
            wikidata_source=self.optional_text(data, "wikidataSource", where),
            optional=optional,
        )

    def relation(self, data: dict, where: str) -> GoldRelation:
        self.require(isinstance(data, dict), where, "must be an object")
        start, end = self.span(data, where)
        return GoldRelation(
            start, end,
            subject=self.text(data, "subject", where),
            predicate=self.choice(data, "predicate", PREDICATES, where),
            object=self.text(data, "object", where),
        )

    def claim(self, data: dict, where: str) -> GoldClaim:
        self.require(isinstance(data, dict), where, "must be an object")
        start, end = self.span(data, where)
        hedged = data.get("hedged")
        self.require(isinstance(hedged, bool), f"{where}.hedged", "needs true or false")
        return GoldClaim(
            start, end,
            kind=self.choice(data, "kind", CLAIM_KINDS, where),
            attributed_to=self.text(data, "attributedTo", where),
            hedged=hedged,
        )

    def quantity(self, data: dict, where: str, units: tuple[str, ...]) -> GoldQuantity:
        self.require(isinstance(data, dict), where, "must be an object")
        start, end = self.span(data, where)
        raw, year = data.get("value"), data.get("year")
        self.require(isinstance(raw, (int, float)) and not isinstance(raw, bool), f"{where}.value", "needs a number")
        try:
            value = Decimal(str(raw))
        except InvalidOperation:
            raise GoldError(f"{self.path}: {where}.value: {raw!r} is not a number") from None
        self.require(year is None or (isinstance(year, int) and 1000 <= year <= 2999), f"{where}.year",
                     "needs a four-digit year or null")
        return GoldQuantity(start, end, value=value, unit=self.choice(data, "unit", units, where), year=year)

