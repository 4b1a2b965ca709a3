"""`eurasia-kg serve` as a user runs it: the URL it prints, builds it follows, a writable copy."""

from __future__ import annotations

import json
import time

import pyoxigraph as ox

from eurasia_kg.graph.store import StoreFolder
from tests.conftest import run_cli
from tests.endpoint_server import serving

TOKEN = "s3cret-token"


def documents(server) -> set[str]:
    reply = server.query("SELECT ?id WHERE { ?d a ekg:Document ; dcterms:identifier ?id }")
    assert reply.status == 200, reply.text
    return {row["id"]["value"] for row in json.loads(reply.body)["results"]["bindings"]}


def write_text(folder, name: str, text: str):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


SUMMIT = ("Summit notes\n\nBy Mira Kestrel\n\nChina and Russia met in Astana. Kazakhstan is a member of the "
          "Shanghai Cooperation Organisation, and the summit discussed the Belt and Road Initiative.\n")
PIPELINE = ("Gas notes\n\nBy Tomas Veld\n\nRussia and Mongolia talked about a pipeline to China. "
            "Gazprom would operate it, and Kazakhstan watched the talks.\n")


def test_serve_prints_its_url_and_answers_over_the_union_of_graphs(corpus_store):
    with serving(corpus_store) as server:
        assert server.url.startswith("http://127.0.0.1:")
        assert len(documents(server)) >= 9


def test_serve_without_a_store_says_what_to_do(tmp_path):
    result = run_cli("serve", "--store", str(tmp_path / "none"), "--port", "0", check=False)
    assert result.returncode == 1 and "build" in result.stderr


def test_a_new_build_is_picked_up_without_a_restart(tmp_path):
    store = tmp_path / "store"
    run_cli("build", str(write_text(tmp_path / "first", "summit.txt", SUMMIT)), "--store", str(store), "--reasoner", "off")
    with serving(store) as server:
        assert documents(server) == {"summit.txt"}
        run_cli("build", str(write_text(tmp_path / "second", "pipeline.txt", PIPELINE)), "--store", str(store),
                "--reasoner", "off")
        deadline = time.monotonic() + 60
        while documents(server) != {"pipeline.txt"} and time.monotonic() < deadline:
            time.sleep(0.2)
        assert documents(server) == {"pipeline.txt"}, server.log


def test_updates_need_the_token_and_write_only_the_writable_copy(tmp_path):
    store = tmp_path / "store"
    run_cli("build", str(write_text(tmp_path / "texts", "summit.txt", SUMMIT)), "--store", str(store), "--reasoner", "off")
    insert = "INSERT DATA { GRAPH <urn:notes> { <urn:a> <urn:b> 'added' } }"
    ask = "ASK { <urn:a> <urn:b> 'added' }"
    with serving(store, "--writable", str(tmp_path / "copy"), env={"EURASIA_KG_UPDATE_TOKEN": TOKEN}) as server:
        headers = {"Content-Type": "application/sparql-update"}
        assert server.request("POST", "/sparql", insert, headers).status == 401
        assert server.request("POST", "/sparql", insert, {**headers, "Authorization": "Bearer wrong"}).status == 401
        assert server.request("POST", "/update", insert, {**headers, "Authorization": f"Bearer {TOKEN}"}).status == 204
        assert json.loads(server.query(ask).body)["boolean"] is True
        assert documents(server) == {"summit.txt"}  # the copy starts as the live store
    live = StoreFolder(store).open()
    assert not live.query(ask, use_default_graph_as_union=True)
    assert not list(live.quads_for_pattern(ox.NamedNode("urn:a"), None, None, None))
