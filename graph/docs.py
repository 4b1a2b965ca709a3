"""The ontology's documentation as a web page, made with pyLODE from ontology/eurasia.ttl.

Every class and property with its label, definition, domain and range, and its alignments to
Wikidata and schema.org with the source of each Wikidata id, as one self-contained HTML file.
"""

from __future__ import annotations

import logging
from pathlib import Path

from eurasia_kg.ontology import ONTOLOGY_FILE


def write_ontology_docs(folder: Path, ontology: Path = ONTOLOGY_FILE) -> Path:
    """Write `folder`/index.html, the documentation of `ontology`; returns the page."""
    from pylode import OntPub  # imported here: it is slow to import and only this command needs it

    folder.mkdir(parents=True, exist_ok=True)
    page = folder / "index.html"
    quiet = logging.getLogger().level
    logging.getLogger().setLevel(logging.WARNING)  # pyLODE logs every step at INFO and DEBUG
    try:
        OntPub(ontology=str(ontology)).make_html(destination=str(page))
    finally:
        logging.getLogger().setLevel(quiet)
    return page
