"""The command line as a user meets it: query, export and load back, validate, help, usage errors.

What needs no process of its own (help, usage errors, query output, exports) runs in this process
through Typer's CliRunner; builds run the real command (conftest.run_cli).
"""

from __future__ import annotations

import csv
import gzip
import io
import json

import pyoxigraph as ox
import pytest
import rdflib
from typer.testing import CliRunner

from eurasia_kg import cli
from eurasia_kg.corpus import CORPUS_DIR

from .conftest import run_cli

FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
           "jsonld": ox.RdfFormat.JSON_LD}
ENT = "https://w3id.org/eurasia-kg/entity/"


def invoke(*args: str, code: int = 0):
    """Run `eurasia-kg ARGS` in this process; check its exit code and return the result (stdout, stderr)."""
    result = CliRunner().invoke(cli.app, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == code, f"exit {result.exit_code}\n{result.stdout}\n{result.stderr}\n{result.exception!r}"
    return result


def query_rows(store, name: str, **params: str) -> list[dict[str, str]]:
    args = [f"--param={key}={value}" for key, value in params.items()]
    text = invoke("query", name, "--store", str(store), "--format", "csv", *args).stdout
    return list(csv.DictReader(io.StringIO(text)))


def store_quads(store) -> set[ox.Quad]:
    from eurasia_kg.graph.store import StoreFolder

    return set(StoreFolder(store).open().quads_for_pattern(None, None, None, None))


def test_query_formats(corpus_store):
    rows = query_rows(corpus_store, "documents")
    assert list(rows[0]) == ["document", "title", "author", "year", "publisher"]
    by_name = {row["document"]: row for row in rows}
    assert "Jingdong Yuan" in by_name["004_627bfeb04ce04ddc.txt"]["author"]
    as_json = json.loads(invoke("query", "documents", "--store", str(corpus_store), "--format", "json").stdout)
    assert {row["document"] for row in as_json} == set(by_name)
    markdown = invoke("query", "documents", "--store", str(corpus_store), "--format", "markdown").stdout
    assert markdown.startswith("| document | title | author | year | publisher |")


def test_query_parameters_are_bound_not_spliced(corpus_store):
    china = query_rows(corpus_store, "mentions", entity="china")
    assert china and {row["entity"] for row in china} == {f"{ENT}china"}
    assert query_rows(corpus_store, "mentions", document='x" } UNION { ?a ?b ?c') == []  # a hostile value is just a value


def test_an_entity_is_named_by_slug_iri_label_or_alias(corpus_store):
    by_slug = query_rows(corpus_store, "mentions", entity="csto")
    assert by_slug
    for name in (f"{ENT}csto", "Collective Security Treaty Organization", "CSTO", "csto ", "collective security treaty organisation"):
        assert query_rows(corpus_store, "mentions", entity=name.strip()) == by_slug, name
    assert query_rows(corpus_store, "claims-about", entity="Central Asia") == query_rows(
        corpus_store, "claims-about", entity="central-asia")


def test_an_entity_that_names_nothing_is_a_usage_error_with_suggestions(corpus_store):
    result = invoke("query", "mentions", "-p", "entity=Kazakstan", "--store", str(corpus_store), code=2)
    assert "no entity is called 'Kazakstan'" in result.stderr and "kazakhstan" in result.stderr
    result = invoke("query", "mentions", "-p", f"entity={ENT}nosuchentity", "--store", str(corpus_store), code=2)
    assert "nothing about" in result.stderr


def test_listed_values_are_taken_in_any_case(corpus_store):
    firm = query_rows(corpus_store, "claims-about", entity="central-asia", kind="Prediction")
    assert firm and query_rows(corpus_store, "claims-about", entity="central-asia", kind="prediction") == firm
    result = invoke("query", "claims-about", "-p", "entity=central-asia", "-p", "kind=forecast",
                    "--store", str(corpus_store), code=2)
    assert "takes Prediction or Assessment or Recommendation, not 'forecast'" in result.stderr


def test_query_usage_errors_exit_2_and_say_what_was_meant(corpus_store):
    result = invoke("query", "claims-abuot", "--store", str(corpus_store), code=2)
    assert "no query named 'claims-abuot'; did you mean claims-about" in result.stderr
    result = invoke("query", "nosuch.rq", "--store", str(corpus_store), code=2)
    assert "nosuch.rq: no such file" in result.stderr
    result = invoke("query", "mentions", "--param", "colour=red", "--store", str(corpus_store), code=2)
    assert "has no parameter colour" in result.stderr
    result = invoke("query", "mentions", "--param", "colour", "--store", str(corpus_store), code=2)
    assert "name=value" in result.stderr


def test_query_from_a_file(tmp_path, corpus_store):
    rq = tmp_path / "count.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    count = int(invoke("query", str(rq), "--store", str(corpus_store), "--format", "csv").stdout.split()[1])
    assert count > 1000


def test_query_list_is_one_line_a_query_and_everything_with_a_format():
    from eurasia_kg import questions

    library = questions()
    lines = invoke("query", "--list").stdout.splitlines()
    assert len(lines) == len(library)
    assert lines[0].split(None, 1) == [next(iter(library)), next(iter(library.values())).title]
    listed = json.loads(invoke("query", "--list", "--format", "json").stdout)
    by_name = {row["name"]: row for row in listed}
    assert set(by_name) == set(library)
    assert "kind (Prediction|Assessment|Recommendation, optional)" in by_name["claims-about"]["parameters"]
    assert by_name["mentions"]["columns"].startswith("document entity label")
    header = invoke("query", "--list", "-f", "csv").stdout.splitlines()[0]
    assert header == "name,title,description,parameters,columns"


def test_a_table_shows_labels_for_iris_and_wraps_long_cells(corpus_store):
    table = CliRunner().invoke(cli.app, ["query", "claims-about", "-p", "entity=central-asia", "--format", "table",
                                         "--store", str(corpus_store)], env={"COLUMNS": "100"}).stdout
    assert "Central" in table and "entity/central-asia" not in table  # the label column stands for the IRI
    assert cli._compact(f"{ENT}china", {"ent": ENT}) == "ent:china"  # IRIs without a label column: prefixed names
    long_iri = "https://w3id.org/eurasia-kg/doc/" + "a-long-name-" * 40
    with cli.out().capture() as captured:
        cli._print_table("one long cell", ["statement"], [[long_iri]])
    cells = [line.strip("│ ") for line in captured.get().splitlines() if line.startswith("│")]
    assert "".join(cells) == "doc:" + "a-long-name-" * 40  # wrapped whole, not cut
    assert cli._label_columns(["entity", "label", "class"], [[f"{ENT}x", "X", "Place"]]) == {"entity": "label"}
    assert cli._label_columns(["subject", "subjectLabel"], [["not an IRI", "x"]]) == {}


def test_help_lists_the_choices_and_each_variable_once():
    for command, choices in (("build", ["auto|require|off", "local|dask"]), ("query", ["table|csv|json|markdown"]),
                             ("export", ["turtle|trig|nquads|jsonld"])):
        text = invoke(command, "--help").stdout
        assert all(choice in text for choice in choices), text
        assert "<bool>" not in text and "<str>" not in text
        assert text.count("EURASIA_KG_STORE") == 1
    top = invoke("--help").stdout
    for command in ("build", "validate", "query", "export", "serve"):
        assert command in top
    assert "Exit code" in invoke("build", "--help").stdout


def test_the_commands_defaults_are_those_of_the_modules_they_stand_for():
    from eurasia_kg.build import REASONER_MODES
    from eurasia_kg.graph import export, void
    from eurasia_kg.pipeline.ingest import MAX_FILE_BYTES
    from eurasia_kg.workers import EXECUTORS

    assert tuple(mode.value for mode in cli.Reasoner) == REASONER_MODES
    assert tuple(executor.value for executor in cli.Executor) == EXECUTORS
    assert [format.value for format in cli.RdfFormat] == list(export.FORMATS)
    assert cli.DEFAULT_MAX_FILE_MB * 2**20 == MAX_FILE_BYTES
    assert cli.DEFAULT_LICENSE == void.DEFAULT_LICENSE


def test_a_missing_store_and_a_folder_of_texts_say_what_to_run(tmp_path):
    missing = invoke("query", "documents", "--store", str(tmp_path / "none"), code=1)
    assert "eurasia-kg build --store" in missing.stderr
    texts = invoke("query", "documents", "--store", str(CORPUS_DIR), code=1)
    assert "not an eurasia-kg store" in texts.stderr and f"eurasia-kg build {CORPUS_DIR} --store NEW_FOLDER" in texts.stderr


@pytest.mark.parametrize("format", FORMATS)
def test_export_loads_back_to_the_same_quads(tmp_path, corpus_store, format):
    out = tmp_path / f"dump.{format}"
    invoke("export", "--format", format, "-o", str(out), "--store", str(corpus_store))
    loaded = set(ox.parse(path=str(out), format=FORMATS[format]))
    quads = store_quads(corpus_store)
    if format == "turtle":  # no named graphs in Turtle: compare the merged triples
        assert {q.triple for q in loaded} == {q.triple for q in quads}
    else:
        assert loaded == quads


def test_export_writes_to_standard_output_when_asked_or_piped(corpus_store):
    quads = store_quads(corpus_store)
    dash = CliRunner().invoke(cli.app, ["export", "-f", "nquads", "-o", "-", "--store", str(corpus_store)])
    assert dash.exit_code == 0 and set(ox.parse(dash.stdout_bytes, format=ox.RdfFormat.N_QUADS)) == quads
    piped = CliRunner().invoke(cli.app, ["export", "-f", "nquads", "--gzip", "--store", str(corpus_store)])
    assert piped.exit_code == 0, piped.stderr  # CliRunner's stdout is no terminal: a pipe
    assert set(ox.parse(gzip.decompress(piped.stdout_bytes), format=ox.RdfFormat.N_QUADS)) == quads
    assert "Wrote" in piped.stderr


def test_an_unknown_format_is_a_usage_error_for_query_and_export(tmp_path, corpus_store):
    for command in (["query", "documents", "--format", "xml"], ["export", "--format", "xml", "-o", str(tmp_path / "x")]):
        result = invoke(*command, "--store", str(corpus_store), code=2)
        assert "xml" in result.stderr
    assert not (tmp_path / "x").exists()


def test_export_is_read_by_rdflib_too(tmp_path, corpus_store):
    out = tmp_path / "dump.trig"
    invoke("export", "--format", "trig", "-o", str(out), "--store", str(corpus_store))
    dataset = rdflib.Dataset()
    dataset.parse(out, format="trig")
    assert len(list(dataset.quads())) == len(store_quads(corpus_store))


def test_same_input_gives_byte_identical_dumps_but_for_the_build_time(tmp_path, shared_corpus):
    dumps = []
    for name in ("one", "two"):
        store = tmp_path / name
        run_cli("build", str(shared_corpus), "--store", str(store), "--reasoner", "off")
        out = tmp_path / f"{name}.nq"
        invoke("export", "--format", "nquads", "-o", str(out), "--store", str(store))
        dumps.append([line for line in out.read_text().splitlines() if "Time>" not in line and "sourcePath" not in line])
    assert dumps[0] == dumps[1]


def test_export_one_graph_and_a_missing_one_lists_those_there_are(tmp_path, corpus_store):
    out = tmp_path / "ontology.ttl"
    invoke("export", "--graph", "ontology", "-o", str(out), "--store", str(corpus_store))
    assert "owl:Ontology" in out.read_text()
    result = invoke("export", "--graph", "doc/nosuch", "-o", str(out), "--store", str(corpus_store), code=1)
    assert "no graph" in result.stderr
    assert "ontology, reference" in result.stderr and "doc/01-sco-at-twenty" in result.stderr


def test_the_build_summary_counts_the_entities_its_documents_mention(tmp_path):
    store = tmp_path / "store"
    text = tmp_path / "texts" / "note.txt"
    text.parent.mkdir()
    text.write_text("Kazakhstan and Uzbekistan met in Astana to discuss water.\n", encoding="utf-8")
    summary = run_cli("build", str(text.parent), "--store", str(store), "--reasoner", "off").stdout
    mentioned = {row["entity"] for row in query_rows(store, "mentions")}
    assert f"The documents mention {len(mentioned)} entities" in summary, summary
    assert len(mentioned) < 10


def test_validate_store_and_texts(corpus_store, shared_corpus):
    assert "conform" in invoke("validate", "--store", str(corpus_store)).stdout
    assert "5 of 5 conform" in run_cli("validate", str(shared_corpus)).stdout
