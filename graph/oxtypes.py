"""pyoxigraph's terms, query results and serialisations, typed as this project uses them.

pyoxigraph types every subject and object as possibly an RDF-star triple (which has no `.value`)
and every query result as solutions, triples or a boolean. The stores and files here hold no
RDF-star, and the form of each query fixes the kind of its result: these helpers say so once, and
check it, so that the code that reads results is typed without exemptions. Serialising returns
bytes when it writes to no file, which the stubs cannot say.
"""

from __future__ import annotations

from typing import Iterable, overload

import pyoxigraph as ox

Resource = ox.NamedNode | ox.BlankNode  # what a subject is when it is not itself a triple
Term = ox.NamedNode | ox.BlankNode | ox.Literal  # a term of a triple that is not itself a triple


@overload
def plain(term: Resource | ox.Triple) -> Resource: ...
@overload
def plain(term: Term | ox.Triple) -> Term: ...
def plain(term: Term | ox.Triple) -> Term:
    """The subject or object of a triple, which is no RDF-star triple here.

    >>> plain(ox.Literal("Astana")).value
    'Astana'
    """
    if isinstance(term, ox.Triple):
        raise TypeError(f"an RDF-star triple where a plain term was expected: {term}")
    return term


def solutions(results: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> ox.QuerySolutions:
    """The solutions of a SELECT query's results."""
    if not isinstance(results, ox.QuerySolutions):
        raise TypeError(f"a SELECT query was expected, not one that gives {type(results).__name__}")
    return results


def triples(results: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> ox.QueryTriples:
    """The triples of a CONSTRUCT or DESCRIBE query's results."""
    if not isinstance(results, ox.QueryTriples):
        raise TypeError(f"a CONSTRUCT query was expected, not one that gives {type(results).__name__}")
    return results


def serialized(data: Iterable[ox.Triple] | Iterable[ox.Quad], format: ox.RdfFormat,
               prefixes: dict[str, str] | None = None) -> bytes:
    """The triples or quads written in `format`, as bytes.

    >>> serialized([ox.Triple(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/b"),
    ...                       ox.Literal("c"))], ox.RdfFormat.N_TRIPLES)
    b'<http://example.org/a> <http://example.org/b> "c" .\\n'
    """
    written = ox.serialize(data, format=format, prefixes=prefixes)
    if written is None:  # only when an output file is given
        raise TypeError("pyoxigraph wrote to a file where bytes were asked for")
    return written


def dumped(store: ox.Store, format: ox.RdfFormat, graph: ox.NamedNode | ox.DefaultGraph) -> bytes:
    """One graph of the store written in `format`, as bytes."""
    written = store.dump(format=format, from_graph=graph)
    if written is None:  # only when an output file is given
        raise TypeError("pyoxigraph wrote to a file where bytes were asked for")
    return written
