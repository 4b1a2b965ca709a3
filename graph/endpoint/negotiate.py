"""Content negotiation: which of the formats a resource offers the client's Accept header prefers.

A `format` (or `output`) URL parameter, as Fuseki and the Wikidata Query Service accept, overrides
the header: `?format=csv`, `?format=turtle`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox


@dataclass(frozen=True, eq=False)  # each format is one object: compared and hashed by identity
class Format:
    media_type: str  # what the response's Content-Type says
    names: tuple[str, ...]  # `format=` values and other media types that ask for it
    serializer: ox.QueryResultsFormat | ox.RdfFormat | None = None  # None: HTML
    content_type: str = field(init=False)

    def __post_init__(self) -> None:
        text = self.media_type.startswith("text/") or self.media_type.endswith(("json", "xml"))
        object.__setattr__(self, "content_type", f"{self.media_type}; charset=utf-8" if text else self.media_type)


def requested_format(params: dict[str, list[str]]) -> str:
    """The format a `format` or `output` URL parameter asks for, or "" when neither is given."""
    return (params.get("format") or params.get("output") or [""])[0]


JSON_RESULTS = Format("application/sparql-results+json", ("json", "application/json"), ox.QueryResultsFormat.JSON)
XML_RESULTS = Format("application/sparql-results+xml", ("xml", "application/xml", "text/xml"), ox.QueryResultsFormat.XML)
CSV_RESULTS = Format("text/csv", ("csv",), ox.QueryResultsFormat.CSV)
TSV_RESULTS = Format("text/tab-separated-values", ("tsv",), ox.QueryResultsFormat.TSV)
TURTLE = Format("text/turtle", ("turtle", "ttl", "application/x-turtle"), ox.RdfFormat.TURTLE)
N_TRIPLES = Format("application/n-triples", ("ntriples", "nt", "text/plain"), ox.RdfFormat.N_TRIPLES)
JSON_LD = Format("application/ld+json", ("jsonld", "json-ld", "json"), ox.RdfFormat.JSON_LD)
RDF_XML = Format("application/rdf+xml", ("rdfxml", "xml"), ox.RdfFormat.RDF_XML)
HTML = Format("text/html", ("html", "application/xhtml+xml"))

RESULTS = (JSON_RESULTS, XML_RESULTS, CSV_RESULTS, TSV_RESULTS)  # SELECT and ASK
BOOLEAN_RESULTS = (JSON_RESULTS, XML_RESULTS)  # ASK has no CSV/TSV form
GRAPHS = (TURTLE, N_TRIPLES, JSON_LD, RDF_XML)  # CONSTRUCT and DESCRIBE
DESCRIPTIONS = (TURTLE, JSON_LD, N_TRIPLES, RDF_XML, HTML)  # Linked Data pages; machines first


class NotAcceptable(Exception):
    """None of the offered formats is acceptable; the message lists what is on offer."""

    def __init__(self, offered: tuple[Format, ...]) -> None:
        super().__init__("none of the formats you accept is available here; ask for one of "
                         + ", ".join(f.media_type for f in offered) + " (Accept header or ?format=)")


@lru_cache(maxsize=1024)  # clients send the same few Accept headers again and again
def choose(offered: tuple[Format, ...], accept: str, requested: str = "") -> Format:
    """The offered format that `?format=` names, else the one the Accept header likes best.

    Ties go to the earlier offer; no or an empty Accept header gets the first offer.
    """
    if requested:
        wanted = requested.strip().lower()
        for candidate in offered:
            if wanted == candidate.media_type or wanted in candidate.names:
                return candidate
        raise NotAcceptable(offered)
    if not accept.strip():
        return offered[0]
    ranges = _media_ranges(accept)
    best, best_q = None, 0.0
    for candidate in offered:
        q = _quality(candidate, ranges)
        if q > best_q:
            best, best_q = candidate, q
    if best is None:
        raise NotAcceptable(offered)
    return best


@lru_cache(maxsize=1024)
def prefers_html(accept: str) -> bool:
    """Whether a browser is asking: text/html is accepted and not below any machine format."""
    ranges = _media_ranges(accept)
    html = _quality(HTML, ranges, wildcards=False)
    return html > 0 and all(_quality(f, ranges, wildcards=False) <= html for f in GRAPHS + RESULTS)


def _media_ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        fields = part.strip().split(";")
        media = fields[0].strip().lower()
        q = 1.0
        for parameter in fields[1:]:
            name, _, value = parameter.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media:
            ranges.append((media, q))
    return ranges


def _quality(candidate: Format, ranges: list[tuple[str, float]], wildcards: bool = True) -> float:
    """The q of the most specific range that matches the candidate's media type or aliases."""
    types = (candidate.media_type,) + tuple(n for n in candidate.names if "/" in n)
    best_specificity, q = -1, 0.0
    for media, quality in ranges:
        if media in types:
            specificity = 2
        elif wildcards and media.endswith("/*") and any(t.startswith(media[:-1]) for t in types):
            specificity = 1
        elif wildcards and media == "*/*":
            specificity = 0
        else:
            continue
        if specificity > best_specificity or (specificity == best_specificity and quality > q):
            best_specificity, q = specificity, quality
    return q
