"""The commands that only read a store load only what they use: no spaCy, pyshacl or owlready2
(and, for `query`, no rdflib), so that they start in a fraction of a second. The times themselves
are measured by bench/startup.py; this checks the import set, which does not drift with the machine."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

EXTRACTION_AND_VALIDATION = {"spacy", "pyshacl", "owlready2", "trafilatura", "dask"}
PROBE = """
import json, sys
from eurasia_kg.cli import app
try:
    app(sys.argv[1:], prog_name="eurasia-kg")
except SystemExit:
    pass
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})), file=sys.stderr)
"""


def loaded_by(*args: str) -> set[str]:
    """The top-level modules a fresh process has loaded after running `eurasia-kg ARGS`."""
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True)
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize("command", ["build", "validate", "query", "export", "link", "docs", "serve"])
def test_help_of_every_command_loads_no_extraction_or_validation(command):
    assert not loaded_by(command, "--help") & (EXTRACTION_AND_VALIDATION | {"rdflib"})


def test_a_named_query_loads_neither_extraction_nor_rdflib(embedded_store):
    loaded = loaded_by("query", "documents", "--store", str(embedded_store), "--format", "csv")
    assert "pyoxigraph" in loaded
    assert not loaded & (EXTRACTION_AND_VALIDATION | {"rdflib"})


def test_export_and_the_server_load_no_extraction(tmp_path, embedded_store):
    loaded = loaded_by("export", "-o", str(tmp_path / "dump.nq"), "-f", "nquads", "--store", str(embedded_store))
    assert not loaded & EXTRACTION_AND_VALIDATION
    script = "import sys, eurasia_kg.graph.serve; print(sorted({n.split('.')[0] for n in sys.modules}))"
    served = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert not any(f"'{name}'" in served for name in EXTRACTION_AND_VALIDATION)
