"""The command line as a user meets it: query, export and load back, validate, help."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
import rdflib

from .conftest import run_cli

FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
           "jsonld": ox.RdfFormat.JSON_LD}


def store_quads(store) -> set[ox.Quad]:
    from eurasia_kg.graph.store import StoreFolder

    return set(StoreFolder(store).open().quads_for_pattern(None, None, None, None))


def test_query_formats(corpus_store):
    text = run_cli("query", "documents", "--store", str(corpus_store), "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["document", "title", "author", "year", "publisher"]
    by_name = {row["document"]: row for row in rows}
    assert "Jingdong Yuan" in by_name["004_627bfeb04ce04ddc.txt"]["author"]
    as_json = json.loads(run_cli("query", "documents", "--store", str(corpus_store), "--format", "json").stdout)
    assert {row["document"] for row in as_json} == set(by_name)
    markdown = run_cli("query", "documents", "--store", str(corpus_store), "--format", "markdown").stdout
    assert markdown.startswith("| document | title | author | year | publisher |")


def test_query_parameters_are_bound_not_spliced(corpus_store):
    def mentions(**params):
        args = [f"--param={k}={v}" for k, v in params.items()]
        text = run_cli("query", "mentions", "--store", str(corpus_store), "--format", "csv", *args).stdout
        return list(csv.DictReader(io.StringIO(text)))

    china = mentions(entity="china")
    assert china and {row["entity"] for row in china} == {"https://w3id.org/eurasia-kg/entity/china"}
    assert mentions(document='x" } UNION { ?a ?b ?c') == []  # a hostile value is just a value


def test_query_errors_are_clear(corpus_store):
    result = run_cli("query", "nonsense", "--store", str(corpus_store), check=False)
    assert result.returncode == 1 and "no query named 'nonsense'" in result.stderr
    result = run_cli("query", "mentions", "--param", "colour=red", "--store", str(corpus_store), check=False)
    assert result.returncode == 1 and "has no parameter colour" in result.stderr


def test_query_from_a_file(tmp_path, corpus_store):
    rq = tmp_path / "count.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    count = int(run_cli("query", str(rq), "--store", str(corpus_store), "--format", "csv").stdout.split()[1])
    assert count > 1000


def test_query_list_shows_the_library(corpus_store):
    listing = run_cli("query", "--list", "--store", str(corpus_store)).stdout
    assert "documents" in listing and "mentions" in listing


@pytest.mark.parametrize("format", FORMATS)
def test_export_loads_back_to_the_same_quads(tmp_path, corpus_store, format):
    out = tmp_path / f"dump.{format}"
    run_cli("export", "--format", format, "-o", str(out), "--store", str(corpus_store))
    loaded = set(ox.parse(path=str(out), format=FORMATS[format]))
    quads = store_quads(corpus_store)
    if format == "turtle":  # no named graphs in Turtle: compare the merged triples
        assert {q.triple for q in loaded} == {q.triple for q in quads}
    else:
        assert loaded == quads


def test_an_unknown_format_is_a_usage_error_for_query_and_export(tmp_path, corpus_store):
    for command in (["query", "documents", "--format", "xml"], ["export", "--format", "xml", "-o", str(tmp_path / "x")]):
        result = run_cli(*command, "--store", str(corpus_store), check=False)
        assert result.returncode == 2, result.stderr
        assert "xml" in result.stderr
    assert not (tmp_path / "x").exists()


def test_export_is_read_by_rdflib_too(tmp_path, corpus_store):
    out = tmp_path / "dump.trig"
    run_cli("export", "--format", "trig", "-o", str(out), "--store", str(corpus_store))
    dataset = rdflib.Dataset()
    dataset.parse(out, format="trig")
    assert len(list(dataset.quads())) == len(store_quads(corpus_store))


def test_same_input_gives_byte_identical_dumps_but_for_the_build_time(tmp_path, shared_corpus):
    dumps = []
    for name in ("one", "two"):
        store = tmp_path / name
        run_cli("build", str(shared_corpus), "--store", str(store), "--reasoner", "off")
        out = tmp_path / f"{name}.nq"
        run_cli("export", "--format", "nquads", "-o", str(out), "--store", str(store))
        dumps.append([line for line in out.read_text().splitlines() if "Time>" not in line and "sourcePath" not in line])
    assert dumps[0] == dumps[1]


def test_export_one_graph(tmp_path, corpus_store):
    out = tmp_path / "ontology.ttl"
    run_cli("export", "--graph", "ontology", "-o", str(out), "--store", str(corpus_store))
    assert "owl:Ontology" in out.read_text()
    result = run_cli("export", "--graph", "nope", "-o", str(out), "--store", str(corpus_store), check=False)
    assert result.returncode == 1 and "no graph" in result.stderr


def test_validate_store_and_texts(corpus_store, shared_corpus):
    assert "conform" in run_cli("validate", "--store", str(corpus_store)).stdout
    assert "5 of 5 conform" in run_cli("validate", str(shared_corpus)).stdout


def test_help_teaches(tmp_path):
    top = run_cli("--help").stdout
    for command in ("build", "validate", "query", "export", "serve"):
        assert command in top
    assert "Exit code" in run_cli("build", "--help").stdout
    missing = run_cli("query", "documents", "--store", str(tmp_path / "none"), check=False)
    assert missing.returncode == 1 and "eurasia-kg build --store" in missing.stderr
