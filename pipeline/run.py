"""The pipeline: a list of small named components, run in order over one document at a time.

Documents are processed independently of each other, which is what lets a caller run them in
parallel processes or on a distributed engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from rdflib import Graph

from .assemble import document_graph
from .chrome import mask_chrome
from .claims import read_claims
from .discovery import EntityDiscoverer
from .entities import EntityRecogniser, Gazetteer
from .ingest import read_source
from .metadata import read_metadata
from .model import Analysis, SourceText
from .quantities import read_quantities
from .relations import read_relations
from .segment import segment_sentences

ComponentFn = Callable[[Analysis], Analysis]


@dataclass(frozen=True)
class Component:
    name: str
    apply: ComponentFn


@dataclass(frozen=True)
class Extraction:
    """What the pipeline made of one document: the analysis and its RDF graph."""

    source: SourceText
    analysis: Analysis
    graph: Graph


class Pipeline:
    """Runs its components in order; each fills one part of the Analysis."""

    def __init__(self, components: Iterable[Component]) -> None:
        self.components = tuple(components)

    def analyse(self, source: SourceText) -> Analysis:
        analysis = Analysis(source)
        for component in self.components:
            analysis = component.apply(analysis)
        return analysis

    def extract(self, path: Path) -> Extraction:
        """Read, analyse and assemble one file. Raises IngestError for a file that is not a text."""
        source = read_source(path)
        analysis = self.analyse(source)
        return Extraction(source, analysis, document_graph(analysis))


def default_pipeline(reference_files: Iterable[Path]) -> Pipeline:
    """The standard components, with the gazetteer built from the reference data."""
    gazetteer = Gazetteer.from_reference(reference_files)
    return Pipeline(
        [
            Component("chrome", mask_chrome),
            Component("sentences", segment_sentences),
            Component("metadata", read_metadata),
            Component("entities", EntityRecogniser(gazetteer)),
            Component("new-entities", EntityDiscoverer(gazetteer)),
            Component("relations", read_relations),
            Component("claims", read_claims),
            Component("quantities", read_quantities),
        ]
    )
