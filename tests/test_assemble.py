"""Assembly: every kind of extraction becomes RDF that passes the real SHACL shapes."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF

from eurasia_kg.graph.validate import load_shapes, validate_graph
from eurasia_kg.pipeline.assemble import document_graph
from eurasia_kg.pipeline.model import (
    Analysis,
    Byline,
    Claim,
    EntityRef,
    Metadata,
    Quantity,
    Relation,
    Section,
    Span,
)
from eurasia_kg.vocab import EKG, ENT, SCHEMA

from .conftest import text_source

TEXT = (
    "Steppe Notes\n"
    "By Ana Petrova\n"
    "Kazakhstan, a member of the CSTO, ships 20 million tonnes of oil a year to China.\n"
    "The panelists agreed that the CSTO will probably endure.\n"
)


def at(fragment: str) -> tuple[int, int]:
    start = TEXT.index(fragment)
    return start, start + len(fragment)


KAZAKHSTAN = EntityRef(f"{ENT}kazakhstan", "Kazakhstan", "State")
CSTO = EntityRef(f"{ENT}csto", "Collective Security Treaty Organization", "InternationalOrganization")
PANEL = EntityRef("https://w3id.org/eurasia-kg/doc/notes/group/panelists", "the panelists of Steppe Notes", "Group")


def analysis() -> Analysis:
    source = text_source(TEXT, "notes.txt")
    sentence = at("Kazakhstan, a member of the CSTO, ships 20 million tonnes of oil a year to China.")
    claim = at("The panelists agreed that the CSTO will probably endure.")
    return Analysis(
        source,
        metadata=Metadata(
            title=Span(*at("Steppe Notes")),
            authors=(Byline(*at("Ana Petrova"), "Ana Petrova"),),
            year=2024,
            sections=(Section(0, len(TEXT), None, (Byline(*at("Ana Petrova"), "Ana Petrova"),)),),
        ),
        relations=(Relation(*sentence, KAZAKHSTAN, "memberOf", CSTO, 0.8),),
        claims=(Claim(*claim, "Prediction", PANEL, (CSTO,), "probably", 0.7),),
        quantities=(Quantity(*sentence, KAZAKHSTAN, "oil exports", Decimal("20000000"), "t/year", None, 0.8),),
    )


def test_every_kind_of_extraction_passes_the_shapes():
    graph = document_graph(analysis())
    outcome = validate_graph(graph, load_shapes())
    assert outcome.conforms, outcome.text
    assert (URIRef(f"{ENT}kazakhstan"), EKG.memberOf, URIRef(f"{ENT}csto")) in graph
    claim = next(graph.subjects(RDF.type, EKG.Claim))
    assert (claim, EKG.attributedTo, URIRef(PANEL.iri)) in graph and (claim, SCHEMA.about, URIRef(CSTO.iri)) in graph
    quantity = next(graph.subjects(RDF.type, EKG.Quantity))
    assert graph.value(quantity, EKG.value).toPython() == Decimal("20000000")
    authors = list(graph.objects(None, DCTERMS.creator))
    assert authors == [URIRef(f"{ENT}ana-petrova")]  # the section's author is the document's, said once


def test_a_view_must_keep_the_length_of_the_text():
    source = analysis().source
    try:
        Analysis(source, view=source.text[:-1])
    except ValueError as error:
        assert "offsets" in str(error)
    else:
        raise AssertionError("a shorter view was accepted")


def test_named_queries_read_relations_claims_and_quantities(tmp_path):
    from eurasia_kg.graph import query
    from eurasia_kg.graph.store import StoreFolder
    from eurasia_kg.queries import QUERIES_DIR
    from eurasia_kg.vocab import document_graph_iri

    folder = StoreFolder(tmp_path / "store")
    with folder.building() as generation:
        generation.add_graph(document_graph(analysis()), document_graph_iri("notes"))

    def answer(name: str, **params: str) -> list[dict[str, str]]:
        columns, table = query.rows(query.run(folder.open(), query.resolve(name, QUERIES_DIR), params))
        return [dict(zip(columns, row)) for row in table]

    [relation] = answer("relations", subject="kazakhstan")
    assert (relation["subjectLabel"], relation["predicate"], relation["objectLabel"]) == (
        "Kazakhstan", "memberOf", "Collective Security Treaty Organization")
    assert relation["evidence"].startswith("Kazakhstan, a member of the CSTO")
    [claim] = answer("claims", document="notes.txt")
    assert (claim["kind"], claim["attributedTo"], claim["about"]) == (
        "Prediction", "the panelists of Steppe Notes", "Collective Security Treaty Organization")
    assert TEXT[int(claim["start"]):int(claim["end"])] == claim["text"]
    [quantity] = answer("quantities")
    assert (quantity["value"], quantity["unit"], quantity["year"]) == ("20000000", "t/year", "")
    assert answer("relations", object="kazakhstan") == []  # in the store, but never a relation's object
    [document] = answer("documents")
    assert (document["title"], document["author"], document["year"]) == ("Steppe Notes", "Ana Petrova", "2024")


def test_a_graph_filled_at_once_is_the_graph_filled_triple_by_triple():
    """assemble fills a new graph's in-memory store at once; its indexes must be those add() makes."""
    graph = document_graph(analysis())
    one_by_one = Graph()
    for triple in graph:
        one_by_one.add(triple)
    assert _indexes(graph) == _indexes(one_by_one)
    assert graph.store._Memory__context_obj_map == {_context_name(graph): graph}
    assert set(graph.store.contexts()) == {graph}
    assert len(graph) == len(one_by_one) and isomorphic(graph, one_by_one)


def _indexes(graph: Graph) -> dict:
    """The parts of rdflib's Memory store that hold triples, a graph's own context named "graph"."""
    store, own = graph.store, _context_name(graph)
    named = lambda contexts: {"graph" if key == own else key: value for key, value in contexts.items()}  # noqa: E731
    return {"spo": store._Memory__spo, "pos": store._Memory__pos, "osp": store._Memory__osp,
            "tripleContexts": store._Memory__tripleContexts,
            "contextTriples": named(store._Memory__contextTriples),
            "defaultContexts": named(store._Memory__defaultContexts)}


def _context_name(graph: Graph) -> str:
    return f"{type(graph.identifier).__name__}:{graph.identifier}"
