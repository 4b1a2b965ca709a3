"""The question book from Python: ask a named query of a built store and get its rows as dicts.

    from eurasia_kg import ask
    for row in ask("claims-about", store="eurasia-kg-store", entity="central-asia", kind="Prediction"):
        print(row["year"], row["speaker"], row["hedge"], row["text"])

`questions()` lists what can be asked (name → NamedQuery with its title, description, parameters
and columns). Parameters are bound as RDF terms exactly as on the command line and over HTTP:
an entity is an IRI, a slug (`china`), or a label or alias the store knows (`Central Asia`); defaults
apply, and a value never changes the query.
The command line's `query` answers through `answer` too, so the three doors give the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from eurasia_kg.graph import federation
from eurasia_kg.graph import query as named_queries
from eurasia_kg.graph.store import StoreFolder
from eurasia_kg.queries import QUERIES_DIR


@dataclass(frozen=True)
class Answer:
    """A question's answer: the query asked, its column names and its rows of plain values ('' when unbound)."""

    query: named_queries.NamedQuery
    columns: list[str]
    rows: list[list[str]]


def questions() -> dict[str, named_queries.NamedQuery]:
    """The named queries of the library, by name.

    >>> library = questions()
    >>> library["documents"].title, library["documents"].columns
    ('Documents', ('document', 'title', 'author', 'year', 'publisher'))
    >>> [parameter.name for parameter in library["documents"].parameters]
    ['document']
    """
    return named_queries.library(QUERIES_DIR)


def answer(store: ox.Store, question: str, values: dict[str, str]) -> Answer:
    """Answer a named query (or a .rq file) over an open store, with parameter values as strings.

    Here over a store of one hand-written document graph:

    >>> store = ox.Store()
    >>> store.load(b'''@prefix dcterms: <http://purl.org/dc/terms/> .
    ...     <https://example.org/doc> a <https://w3id.org/eurasia-kg/ontology#Document> ;
    ...         dcterms:identifier "note.txt" ; dcterms:date "2024-03-01" .''',
    ...     format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("https://example.org/graph"))
    >>> result = answer(store, "documents", {})
    >>> result.columns, result.rows
    (['document', 'title', 'author', 'year', 'publisher'], [['note.txt', '', '', '2024', '']])
    """
    query = named_queries.resolve(question, QUERIES_DIR)
    solutions = named_queries.run(store, query, federation.with_endpoint(query, values))
    columns, rows = named_queries.rows(solutions)
    return Answer(query, columns, rows)


def ask(question: str, store: str | Path | ox.Store, **parameters: str) -> list[dict[str, str]]:
    """The rows of a named query as dicts keyed by column; values are strings, '' when unbound.

    `store` is a store folder built by `eurasia-kg build` (or an open pyoxigraph Store). Raises
    QueryError for an unknown question or parameter or a value it cannot take (an entity that names
    nothing, with the closest names), StoreError for a folder without a store.

    >>> import tempfile
    >>> from eurasia_kg.build import BuildOptions, build
    >>> folder = Path(tempfile.mkdtemp())
    >>> note = folder / "rail-note.txt"
    >>> _ = note.write_text("Uzbekistan opened a new rail line to Kyrgyzstan in 2023.", encoding="utf-8")
    >>> _ = build([note], folder / "store", BuildOptions(reasoner="off"))
    >>> [row["document"] for row in ask("documents", store=folder / "store")]
    ['rail-note.txt']
    >>> ask("documents", store=folder / "store", document="other.txt")
    []
    """
    opened = store if isinstance(store, ox.Store) else StoreFolder(Path(store)).open()
    result = answer(opened, question, parameters)
    return [dict(zip(result.columns, row)) for row in result.rows]
