"""The ontology, its SHACL shapes, the reference entities and the materialisation rules (data files)."""

from functools import lru_cache
from pathlib import Path

from rdflib import Graph

HERE = Path(__file__).resolve().parent
ONTOLOGY_FILE = HERE / "eurasia.ttl"
SHAPES_FILE = HERE / "shapes.ttl"
REFERENCE_DIR = HERE / "reference"
RULES_DIR = HERE / "rules"


def reference_files() -> list[Path]:
    """The reference data files, in a stable order."""
    return sorted(REFERENCE_DIR.glob("*.ttl"))


def rule_files() -> list[Path]:
    """The SPARQL Update rules that materialise inferred facts, applied in name order."""
    return sorted(RULES_DIR.glob("*.rq"))


@lru_cache(maxsize=None)
def ontology_graph() -> Graph:
    """The ontology, parsed once per process (the pipeline reads its terms, domains and ranges)."""
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@lru_cache(maxsize=None)
def ontology_terms(namespace: str) -> frozenset[str]:
    """The local names of every term the ontology describes under `namespace`."""
    return frozenset(str(s)[len(namespace):] for s in ontology_graph().subjects() if str(s).startswith(namespace))
