"""Shared fixtures: the corpora, and stores built once per test session with the real command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


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
