"""The ontology, its SHACL shapes, the reference entities and the materialisation rules (data files)."""

from pathlib import Path

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
