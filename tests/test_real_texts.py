"""The quality ratchet: the extraction on real texts never falls below the floors in the repository.

The real texts (../shared/real-texts) were written by others and annotated independently; their own
scorer measures them exactly as it measures the hidden sets. The floors in evaluation/floors.json are
raised as the extraction improves, so a change that reads real prose worse fails here. Scores, not
timings.
"""

from __future__ import annotations

import pytest

from evaluation.real import REAL_TEXTS, details, evaluate_real, floors


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    if not (REAL_TEXTS / "score.py").is_file():
        pytest.fail(f"the real texts are expected at {REAL_TEXTS} (../shared/real-texts beside the repository)")
    return evaluate_real(tmp_path_factory.mktemp("real"))


def test_every_real_text_loads(report):
    assert report.warnings == ()


@pytest.mark.parametrize("metric", sorted(floors()))
def test_metric_holds_its_floor(report, metric):
    assert report.metrics[metric] >= floors()[metric], (
        f"{metric} fell to {report.metrics[metric]:.3f}, below its floor {floors()[metric]:.3f} "
        f"(python -m evaluation --split real --details shows what was missed)")


def test_every_floor_is_a_metric_of_the_scorer(report):
    assert set(floors()) <= set(report.metrics)


def test_details_name_the_rule_of_every_false_positive(report):
    sections = dict(details(report))
    extras = sections["relations · not in the gold"] + sections["quantities · not in the gold"]
    assert extras, "the real texts always leave some prediction outside the gold"
    assert all("[" in line for line in extras)


def test_every_item_of_every_document_graph_names_its_rule(report):
    """Every mention, fact, claim and quantity read from the real texts names the rule that made it,
    and every rule named is described as a prov:Plan in the same graph."""
    from eurasia_kg.graph.store import StoreFolder

    store = StoreFolder(report.results / "store").open()
    untraced = store.query("""
        PREFIX ekg: <https://w3id.org/eurasia-kg/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?item WHERE { GRAPH ?g {
          VALUES ?kind { ekg:Mention ekg:Fact ekg:Claim ekg:Quantity }
          ?item a ?kind .
          FILTER NOT EXISTS { ?item ekg:rule ?plan . ?plan a prov:Plan }
        } } LIMIT 5""")
    assert [str(solution["item"]) for solution in untraced] == []
