"""Which entity a user means: a parameter value given as a slug, an IRI, a label or an alias.

The store holds the reference data (graph:reference) beside the documents' graphs, so one lookup
there finds every entity a build knows of, by the names either gives it. A value that names
nothing is an error that offers the closest names, so that a typo never quietly returns no rows.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from eurasia_kg.graph.oxtypes import solutions
from eurasia_kg.namespaces import ENT

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:")
_NAMES = f"""
    SELECT ?entity ?name ?property WHERE {{
      VALUES ?property {{ <http://www.w3.org/2000/01/rdf-schema#label> <http://www.w3.org/2004/02/skos/core#altLabel> }}
      ?entity ?property ?name .
      FILTER(isLiteral(?name) && STRSTARTS(STR(?entity), "{ENT}"))
    }} ORDER BY ?property ?entity ?name"""  # labels before aliases


class NoSuchEntity(LookupError):
    """A value that names no entity of the store (or several); the message offers what it may have meant."""


def find_entity(store: ox.Store, value: str) -> ox.NamedNode:
    """The entity `value` names: an IRI or slug the store uses, else the one entity with that label or alias."""
    if looks_like_iri(value):
        try:
            iri = ox.NamedNode(value)
        except ValueError as error:
            raise NoSuchEntity(f"{value!r} is not an IRI ({error})") from None
        if _occurs(store, iri):
            return iri
        raise NoSuchEntity(f"the store has nothing about <{value}>{_offer(store, value.rsplit('/', 1)[-1])}")
    slug = ox.NamedNode(f"{ENT}{value}") if re.fullmatch(r"[\w.-]+", value) else None
    if slug is not None and _occurs(store, slug):
        return slug
    named = {iri for iri, name in entity_names(store) if _fold(name) == _fold(value)}
    if len(named) == 1:
        return ox.NamedNode(named.pop())
    if named:
        slugs = ", ".join(sorted(iri.removeprefix(ENT) for iri in named))
        raise NoSuchEntity(f"{value!r} names several entities: {slugs}; give one of these slugs")
    raise NoSuchEntity(f"no entity is called {value!r}{_offer(store, value)}")


def looks_like_iri(value: str) -> bool:
    """True for a value that starts with a scheme (https:, urn:), false for a slug or a name."""
    return bool(_SCHEME.match(value))


def entity_names(store: ox.Store) -> list[tuple[str, str]]:
    """(entity IRI, name) for every label, then every alias, of an entity across the store's graphs."""
    rows = solutions(store.query(_NAMES, use_default_graph_as_union=True))
    return [(row["entity"].value, row["name"].value) for row in rows]


def closest(text: str, choices: list[str], limit: int = 5) -> list[str]:
    """The choices most like `text`, best first (none when nothing is alike)."""
    from rapidfuzz import fuzz, process, utils  # only an error needs it

    found = process.extract(text, choices, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit,
                            score_cutoff=75)  # below, the suggestions are noise
    return [choice for choice, _, _ in found]


def _offer(store: ox.Store, text: str) -> str:
    """'; did you mean …?' with the entities whose names or slugs are most like `text`."""
    label: dict[str, str] = {}  # slug -> the entity's label (labels come before aliases)
    owner: dict[str, str] = {}  # a name or a slug -> the slug of its entity
    for iri, name in entity_names(store):
        slug = iri.removeprefix(ENT)
        label.setdefault(slug, name)
        owner.setdefault(name, slug)
        owner.setdefault(slug, slug)
    slugs = list(dict.fromkeys(owner[name] for name in closest(text, list(owner), limit=10)))[:5]
    if not slugs:
        return "; `eurasia-kg query mentions` lists the entities the documents name"
    return "; did you mean " + ", ".join(slug if label[slug] == slug else f"{slug} ({label[slug]})" for slug in slugs) + "?"


def _occurs(store: ox.Store, iri: ox.NamedNode) -> bool:
    return any(True for _ in store.quads_for_pattern(iri, None, None, None)) or any(
        True for _ in store.quads_for_pattern(None, None, iri, None)
    )


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())
