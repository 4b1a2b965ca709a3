"""The pipeline: a list of small named components, run in order over one document at a time.

Each component declares what it reads of the Analysis (`requires`) and what it fills (`assigns`),
as spaCy's components do: a pipeline whose component reads what no earlier one fills is refused when
it is made, and a component that changes a part of the Analysis it does not assign fails the document.
Components are found by name (`pipeline.get("entities")`); a component that fails names itself and
the document. What a component loads besides the code, rules and reference data (the sentence
splitter's spaCy model, when one is installed) it describes in `loads`, for the extraction's
fingerprint.

Documents are processed independently of each other, which is what lets a caller run them in
parallel processes or on a distributed engine.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
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
from .segment import segment_sentences, splitter_description

ComponentFn = Callable[[Analysis], Analysis]
PARTS = tuple(f.name for f in fields(Analysis))  # the parts of an Analysis a component may read or fill
GIVEN = ("source", "view")  # an Analysis has these from the start (the view is the source until blanked)


class ComponentError(RuntimeError):
    """A component failed on a document, or broke its contract; the message names both."""


@dataclass(frozen=True)
class Component:
    """One step of the pipeline: a function from an Analysis to a fuller one.

    `requires` and `assigns` name parts of the Analysis (PARTS); empty `assigns` leaves the
    component unchecked (a test's or a benchmark's ad hoc step).
    """

    name: str
    apply: ComponentFn
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    loads: Callable[[], str] | None = None  # describes what it loads besides code, rules and reference data

    def __post_init__(self) -> None:
        unknown = sorted(set(self.requires + self.assigns) - set(PARTS))
        if unknown:
            raise ValueError(f"component {self.name!r} names no part of an Analysis: {', '.join(unknown)} "
                             f"(the parts are {', '.join(PARTS)})")


@dataclass(frozen=True)
class Extraction:
    """What the pipeline made of one document: the analysis and its RDF graph."""

    source: SourceText
    analysis: Analysis
    graph: Graph


class Pipeline:
    """Runs its components in order; each fills one part of the Analysis.

    >>> def shout(analysis): return analysis
    >>> pipeline = Pipeline([Component("shout", shout, requires=("view",), assigns=("view",))])
    >>> pipeline.get("shout").name
    'shout'
    >>> Pipeline([Component("claims", shout, requires=("mentions",), assigns=("claims",))])
    Traceback (most recent call last):
    ...
    ValueError: component 'claims' requires mentions, which no component before it assigns
    """

    def __init__(self, components: Iterable[Component]) -> None:
        self.components = tuple(components)
        filled = set(GIVEN)
        for component in self.components:
            missing = [part for part in component.requires if part not in filled]
            if missing:
                raise ValueError(f"component {component.name!r} requires {', '.join(missing)}, "
                                 "which no component before it assigns")
            filled.update(component.assigns)

    def get(self, name: str) -> Component:
        """The component called `name`."""
        for component in self.components:
            if component.name == name:
                return component
        raise KeyError(f"no component {name!r} in the pipeline (it has {', '.join(c.name for c in self.components)})")

    def resources(self) -> dict[str, str]:
        """What each component loads besides code, rules and reference data, by component name."""
        return {c.name: c.loads() for c in self.components if c.loads}

    def analyse(self, source: SourceText) -> Analysis:
        analysis = Analysis(source)
        for component in self.components:
            analysis = _apply(component, analysis)
        return analysis

    def extract(self, path: Path) -> Extraction:
        """Read, analyse and assemble one file. Raises IngestError for a file that is not a text."""
        source = read_source(path)
        analysis = self.analyse(source)
        return Extraction(source, analysis, document_graph(analysis))


def _apply(component: Component, analysis: Analysis) -> Analysis:
    """The component's work on the analysis; a failure, or a part changed that it does not assign,
    raises ComponentError naming the component and the document."""
    try:
        result = component.apply(analysis)
    except Exception as error:
        raise ComponentError(f"component {component.name!r} failed on {analysis.source.identifier}: "
                             f"{type(error).__name__}: {error}") from error
    if component.assigns:
        changed = [part for part in PARTS if part not in component.assigns
                   and getattr(result, part) is not getattr(analysis, part)]
        if changed:
            raise ComponentError(f"component {component.name!r} changed {', '.join(changed)} of "
                                 f"{analysis.source.identifier}, which it does not assign")
    return result


# The components that need no reference data; default_pipeline adds the two that read names.
_CHROME = Component("chrome", mask_chrome, requires=("source",), assigns=("view",))
_SENTENCES = Component("sentences", segment_sentences, requires=("view",), assigns=("sentences",),
                       loads=splitter_description)
_METADATA = Component("metadata", read_metadata, requires=("source", "view"), assigns=("metadata",))
_RELATIONS = Component("relations", read_relations, requires=("view", "sentences", "mentions"),
                       assigns=("relations",))
_CLAIMS = Component("claims", read_claims, requires=("source", "view", "sentences", "metadata", "mentions"),
                    assigns=("claims",))
_QUANTITIES = Component("quantities", read_quantities, requires=("view", "sentences", "mentions"),
                        assigns=("quantities",))


def default_pipeline(reference_files: Iterable[Path]) -> Pipeline:
    """The standard components, with the gazetteer built from the reference data."""
    gazetteer = Gazetteer.from_reference(reference_files)
    return Pipeline(
        [
            _CHROME,
            _SENTENCES,
            _METADATA,
            Component("entities", EntityRecogniser(gazetteer), requires=("source", "view"), assigns=("mentions",)),
            Component("new-entities", EntityDiscoverer(gazetteer),
                      requires=("source", "view", "sentences", "metadata", "mentions"), assigns=("mentions",)),
            _RELATIONS,
            _CLAIMS,
            _QUANTITIES,
        ]
    )


def standard_resources() -> dict[str, str]:
    """What the standard pipeline loads besides code, rules and reference data (for the extraction
    fingerprint), without building its gazetteer: the components that read names load nothing else."""
    return Pipeline([_CHROME, _SENTENCES, _METADATA]).resources()
