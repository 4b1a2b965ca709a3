"""Every rule of the extraction fires on its own examples and on none of its counter-examples.

The rules live as named data in pipeline/rules/<component>.toml; each example is a short text in
the project's own words, run through the whole standard pipeline as a document of its own.
"""

from __future__ import annotations

import pytest

from eurasia_kg.pipeline.assemble import BYLINE_RULE
from eurasia_kg.pipeline.model import Analysis
from eurasia_kg.pipeline.rules import RuleSpec, all_rules

from .conftest import text_source

RULES = all_rules()


def rules_fired(analysis: Analysis) -> set[str]:
    """The ids of the rules behind every item the pipeline found in one text."""
    items = (*analysis.mentions, *analysis.relations, *analysis.claims, *analysis.quantities)
    bylines = analysis.metadata.authors or analysis.metadata.publisher
    return {item.rule for item in items} | ({BYLINE_RULE} if bylines else set())


def test_rule_ids_are_unique_and_every_rule_has_an_example():
    ids = [spec.full_id for spec in RULES]
    assert len(ids) == len(set(ids))
    assert [spec.full_id for spec in RULES if not spec.examples] == []


@pytest.mark.parametrize("spec", RULES, ids=lambda spec: spec.full_id)
def test_rule_fires_on_its_examples_and_not_on_its_counterexamples(spec: RuleSpec, pipeline):
    for example in spec.examples:
        fired = rules_fired(pipeline.analyse(text_source(example)))
        assert spec.full_id in fired, f"{spec.full_id} did not fire on: {example!r} (fired: {sorted(fired)})"
    for counter in spec.counterexamples:
        fired = rules_fired(pipeline.analyse(text_source(counter)))
        assert spec.full_id not in fired, f"{spec.full_id} fired on its counter-example: {counter!r}"
