"""The named query library: one documented SPARQL query per .rq file."""

from pathlib import Path

QUERIES_DIR = Path(__file__).resolve().parent
