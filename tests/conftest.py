"""Shared fixtures: the corpora, the standard pipeline, texts written in tests, and stores built once
per test session with the real command."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from eurasia_kg.ontology import reference_files
from eurasia_kg.pipeline.entities import EntityRecogniser, Gazetteer
from eurasia_kg.pipeline.model import SourceText
from eurasia_kg.pipeline.run import Pipeline, default_pipeline
from eurasia_kg.vocab import document_slug

# `make test-fast` leaves out the tests marked slow here: those that build whole corpora, start servers or
# run the real command; what is left (the pipeline and the units) runs in under a minute.
SLOW_FIXTURES = {"corpus_store", "embedded_store"}
SLOW_MODULES = {
    "test_build", "test_cli", "test_cli_startup", "test_endpoint", "test_evaluation", "test_export", "test_federation",
    "test_hostile", "test_link", "test_parallel", "test_queries", "test_real_texts", "test_serve", "test_w3c_protocol",
}

REPO = Path(__file__).resolve().parent.parent
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module = item.nodeid.split("::", 1)[0].rsplit("/", 1)[-1].removesuffix(".py")
        if module in SLOW_MODULES or SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def text_source(text: str, name: str = "note.txt") -> SourceText:
    """A text written in a test, as if read from a UTF-8 file called `name`."""
    return SourceText(Path(name), name, document_slug(name), text, hashlib.sha256(text.encode()).hexdigest())


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The standard pipeline over the reference data."""
    return default_pipeline(reference_files())


@pytest.fixture(scope="session")
def recognise() -> EntityRecogniser:
    """The gazetteer component alone."""
    return EntityRecogniser(Gazetteer.from_reference(reference_files()))


def run_cli(*args: str, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    """Run the real `eurasia-kg` command (as `python -m eurasia_kg`) and return what it printed."""
    env = {**os.environ, "COLUMNS": "200", **kwargs.pop("env", {})}
    result = subprocess.run(
        [sys.executable, "-m", "eurasia_kg", *args], capture_output=True, text=True, env=env, **kwargs
    )
    if check and result.returncode != 0:
        raise AssertionError(f"eurasia-kg {' '.join(args)} exited {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    if not SHARED_CORPUS.is_dir():
        pytest.fail(f"the shared corpus is expected at {SHARED_CORPUS} (../shared/corpus beside the repository)")
    return SHARED_CORPUS


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory, shared_corpus) -> Path:
    """A store built from the shared corpus and the embedded corpus together."""
    from eurasia_kg.corpus import CORPUS_DIR

    store = tmp_path_factory.mktemp("stores") / "corpus"
    run_cli("build", str(shared_corpus), str(CORPUS_DIR), "--store", str(store))
    return store


@pytest.fixture(scope="session")
def embedded_store(tmp_path_factory) -> Path:
    """A store built from the embedded corpus alone, whose answers docs/embedded-corpus.md writes down."""
    store = tmp_path_factory.mktemp("stores") / "embedded"
    run_cli("build", "--store", str(store))
    return store
