"""Dumps load back into rdflib and pyoxigraph unchanged, diff cleanly, and come with a VoID/DCAT description."""

from __future__ import annotations

import gzip
import hashlib
import json

import pyoxigraph as ox
import pytest
import rdflib

from eurasia_kg.graph import export as exporter
from eurasia_kg.graph.store import StoreFolder
from eurasia_kg.vocab import GRAPH

from .conftest import run_cli
from .linked_store import build_linked_store

RDFLIB_FORMATS = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("published")
    build_linked_store(folder)
    return folder


@pytest.fixture(scope="module")
def store(folder) -> ox.Store:
    return StoreFolder(folder).open()


def read_bytes(path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.name.endswith(".gz") else data


@pytest.mark.parametrize("compressed", [False, True])
@pytest.mark.parametrize("format", exporter.FORMATS)
def test_every_format_round_trips_through_pyoxigraph_and_rdflib(tmp_path, store, format, compressed):
    path = tmp_path / f"dump{exporter.SUFFIXES[format]}{'.gz' if compressed else ''}"
    dump = exporter.export(store, format, path)
    assert dump.compressed == compressed
    data = read_bytes(path)
    quads = set(store.quads_for_pattern(None, None, None, None))
    loaded = set(ox.parse(data, format=exporter.FORMATS[format]))
    if format == "turtle":
        assert {q.triple for q in loaded} == {q.triple for q in quads}
    else:
        assert loaded == quads
    dataset = rdflib.Dataset()
    dataset.parse(data=data.decode("utf-8"), format=RDFLIB_FORMATS[format])
    assert len(list(dataset.quads())) == dump.statements


def test_rdflib_reads_the_same_statements_as_the_store(tmp_path, store):
    path = tmp_path / "dump.nq"
    exporter.export(store, "nquads", path)
    dataset = rdflib.Dataset()
    dataset.parse(path, format="nquads")
    ours = {tuple(_rdflib_term(t) for t in q) for q in store if not _has_blank(q)}
    theirs = {(s, p, o, g) for s, p, o, g in dataset.quads() if not any(isinstance(t, rdflib.BNode) for t in (s, o))}
    assert ours == theirs


def test_dumps_are_sorted_and_byte_stable(tmp_path, store):
    first, second = tmp_path / "a.ttl.gz", tmp_path / "b.ttl.gz"
    exporter.export(store, "turtle", first)
    exporter.export(store, "turtle", second)
    assert first.read_bytes() == second.read_bytes()  # gzip without a time stamp
    lines = read_bytes(first).decode("utf-8").splitlines()
    assert lines[0].startswith("@prefix")
    subjects = [line.split(" ", 1)[0] for line in lines if line and not line[0].isspace() and not line.startswith("@")]
    full = [s for s in subjects if s.startswith("<")]
    assert full == sorted(full)


def test_jsonld_is_compacted_against_an_inline_context(tmp_path, store):
    path = tmp_path / "dump.jsonld"
    exporter.export(store, "jsonld", path, f"{GRAPH}links")
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["@context"]["ekg"] == "https://w3id.org/eurasia-kg/ontology#"
    nodes = document["@graph"][0]["@graph"]
    assert any("ekg:linkScore" in node for node in nodes)
    assert any(node["@id"].startswith("ent:") for node in nodes)


def test_a_release_holds_every_dump_and_describes_each(tmp_path, folder, store):
    out = tmp_path / "release"
    run_cli("export", "--release", str(out), "--gzip", "--store", str(folder), "--license",
            "https://creativecommons.org/publicdomain/zero/1.0/")
    per_graph = sorted(out.glob("graphs/**/*.ttl.gz"))
    assert {p.relative_to(out / "graphs").as_posix().removesuffix(".ttl.gz") for p in per_graph} == {
        g.value.removeprefix(str(GRAPH)) for g in store.named_graphs()}
    merged = set()
    for path in per_graph:
        merged |= {q.triple for q in ox.parse(read_bytes(path), format=ox.RdfFormat.TURTLE) if not _has_blank(q)}
    assert merged == {q.triple for q in store if not _has_blank(q)}
    assert json.loads((out / "context.jsonld").read_text())["@context"]["ent"] == "https://w3id.org/eurasia-kg/entity/"

    void = rdflib.Graph().parse(out / "void.ttl", format="turtle")
    dataset = rdflib.URIRef("https://w3id.org/eurasia-kg/dataset")
    assert int(void.value(dataset, rdflib.URIRef(VOID + "triples"))) == len({q.triple for q in store})
    assert int(void.value(dataset, rdflib.URIRef(VOID + "entities"))) > 100
    assert str(void.value(dataset, rdflib.DCTERMS.license)) == "https://creativecommons.org/publicdomain/zero/1.0/"
    wikidata = rdflib.URIRef("https://w3id.org/eurasia-kg/dataset#wikidata-links")
    assert (dataset, rdflib.URIRef(VOID + "subset"), wikidata) in void
    assert int(void.value(wikidata, rdflib.URIRef(VOID + "triples"))) > 80
    sources = {str(s) for s in void.objects(dataset, rdflib.DCTERMS.source)}
    assert any(s.startswith("https://github.com/waldenn/conzept/") for s in sources)
    for distribution in void.subjects(rdflib.RDF.type, rdflib.URIRef(DCAT + "Distribution")):
        url = str(void.value(distribution, rdflib.URIRef(DCAT + "downloadURL")))
        local = out / url.removeprefix("https://w3id.org/eurasia-kg/dump/")
        checksum = void.value(void.value(distribution, rdflib.URIRef("http://spdx.org/rdf/terms#checksum")),
                              rdflib.URIRef("http://spdx.org/rdf/terms#checksumValue"))
        assert hashlib.sha256(local.read_bytes()).hexdigest() == str(checksum)
        assert int(void.value(distribution, rdflib.URIRef(DCAT + "byteSize"))) == local.stat().st_size
    ontology = rdflib.URIRef("https://w3id.org/eurasia-kg/dataset/graph/ontology")
    assert str(void.value(ontology, rdflib.DCTERMS.license)) == "https://opensource.org/licenses/MIT"


def test_export_needs_a_file_or_a_release_folder_on_a_terminal(folder, monkeypatch):
    from typer.testing import CliRunner

    from eurasia_kg import cli

    monkeypatch.setattr(cli, "_is_terminal", lambda: True)  # piped, the dump goes to standard output instead
    result = CliRunner().invoke(cli.app, ["export", "--store", str(folder)])
    assert result.exit_code == 2 and "--output FILE" in result.stderr and "--release FOLDER" in result.stderr


def test_the_ontology_documentation_is_generated(tmp_path):
    run_cli("docs", "-o", str(tmp_path / "docs"))
    page = (tmp_path / "docs" / "index.html").read_text(encoding="utf-8")
    assert "<title>eurasia-kg ontology</title>" in page
    assert "memberOf" in page and "Property_talk:P463" in page and "linkScore" in page


def _rdflib_term(term) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == str(rdflib.XSD.string):  # rdflib reads a plain string without a datatype
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def _has_blank(quad) -> bool:
    return isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)
