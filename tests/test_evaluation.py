"""The evaluation: metric functions on hand-made inputs, the gold files, and the harness end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDFS, SKOS

from eurasia_kg.ontology import reference_files
from eurasia_kg.pipeline.entities import ENTITY_CLASSES
from evaluation import metrics
from evaluation.gold import (
    PREDICATES,
    GoldClaim,
    GoldDocument,
    GoldEntity,
    GoldError,
    GoldQuantity,
    GoldRelation,
    allowed_units,
    check_offsets,
    inverse_properties,
    load_gold,
    read_gold_file,
)
from evaluation.harness import GOLD_DIR, TEXT_FOLDERS, locate_texts

REPO = Path(__file__).resolve().parent.parent

CHINA = GoldEntity("China", "State", "Q148")
SCO = GoldEntity("Shanghai Cooperation Organization", "InternationalOrganization", "Q485207", ("SCO",))
ABENOVA = GoldEntity("Dana Abenova", "Person", None)
INSTITUTE = GoldEntity("Irtysh Institute", "ResearchOrganization", None)


def document(**fields) -> GoldDocument:
    """A small gold document; unspecified layers are empty."""
    defaults = dict(
        path=Path("doc.json"), document="doc.txt", split="embedded",
        layers=("entities", "authors", "relations", "claims", "quantities"), authors=(), publisher=None,
        entities=(CHINA, SCO, ABENOVA, INSTITUTE), relations=(), claims=(), quantities=(),
    )
    return GoldDocument(**{**defaults, **fields})


def mention(label: str, cls: str, wikidata: str = "", entity: str | None = None) -> dict:
    return {"document": "doc.txt", "entity": entity or label, "label": label, "class": cls, "wikidata": wikidata}


# --- names ---------------------------------------------------------------------------------------


def test_normalise_folds_case_dashes_spelling_and_the():
    assert metrics.normalise("The Shanghai Cooperation Organisation") == metrics.normalise("Shanghai Cooperation Organization")
    assert metrics.normalise("Central Asia–China gas pipeline") == "central asia china gas pipeline"
    assert metrics.normalise("Beijing (city)") == "beijing"


def test_same_person_by_full_name_or_part_of_it():
    assert metrics.same_person("Dana Abenova", "Abenova")
    assert metrics.same_person("Wen Shaoqing", "Wen Shaoqing")
    assert metrics.same_person("Dr Natasha Kuhrt", "Natasha Kuhrt")
    assert not metrics.same_person("Dana Abenova", "Viktor Lebedinsky")
    assert not metrics.same_person("Dana Abenova", "")


# --- scores --------------------------------------------------------------------------------------


def test_score_is_perfect_on_nothing_expected_and_nothing_predicted():
    score = metrics.Score(gold=0, found=0, predicted=0, correct=0)
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)


def test_linking_perfect_empty_and_partial():
    gold = [document()]
    perfect = metrics.score_linking(gold, [mention("China", "State", "Q148"), mention("SCO", "InternationalOrganization", "Q485207")])
    assert (perfect.precision, perfect.recall, perfect.f1) == (1.0, 1.0, 1.0)

    empty = metrics.score_linking(gold, [])
    assert (empty.precision, empty.recall, empty.f1) == (0.0, 0.0, 0.0)

    partial = metrics.score_linking(gold, [mention("China", "State", "Q148"), mention("Japan", "State", "Q17")])
    assert (partial.precision, partial.recall) == (0.5, 0.5)
    assert partial.misses == ("doc.txt: Shanghai Cooperation Organization",)
    assert partial.extras == ("doc.txt: Japan",)


def test_linking_does_not_judge_an_id_the_gold_leaves_open_or_optional():
    gold = [document(entities=(CHINA, GoldEntity("Gazprom", "Company", None), GoldEntity("Europe", "Place", "Q46", optional=True)))]
    score = metrics.score_linking(gold, [mention("China", "State", "Q148"), mention("Gazprom", "Company", "Q102673"),
                                         mention("Europe", "Place", "Q46")])
    assert (score.gold, score.predicted, score.f1) == (1, 1, 1.0)


def test_entity_class_accuracy_over_found_entities_matched_by_id_or_alias():
    gold = [document()]
    accuracy = metrics.score_classes(gold, [
        mention("People's Republic", "State", "Q148"),  # found by id
        mention("SCO", "Company"),  # found by alias, wrong class
    ])
    assert (accuracy.correct, accuracy.total) == (1, 2)
    assert "predicted Company" in accuracy.errors[0]
    assert metrics.score_classes(gold, []).value is None


def test_entities_skip_optional_gold():
    gold = [document(entities=(CHINA, GoldEntity("Siberia", "Place", None, optional=True)))]
    score = metrics.score_entities(gold, [mention("China", "State", "Q148"), mention("Siberia", "Place")])
    assert (score.gold, score.found, score.predicted, score.correct) == (1, 1, 1, 1)


# --- relations -----------------------------------------------------------------------------------


def relation_row(subject: str, predicate: str, obj: str, subject_id: str = "", object_id: str = "") -> dict:
    return {"document": "doc.txt", "subjectLabel": subject, "subjectWikidata": subject_id, "predicate": predicate,
            "objectLabel": obj, "objectWikidata": object_id}


def test_relations_match_ends_by_id_or_name():
    gold = [document(relations=(GoldRelation(0, 5, "Q148", "memberOf", "Q485207"),
                                GoldRelation(0, 5, "Dana Abenova", "affiliatedWith", "Irtysh Institute")))]
    rows = [relation_row("PRC", "memberOf", "Shanghai Cooperation Organisation", "Q148", ""),
            relation_row("Abenova", "affiliatedWith", "the Irtysh Institute")]
    score = metrics.score_relations(gold, rows, inverse_properties())
    assert (score.found, score.correct, score.f1) == (1, 1, pytest.approx(0.5))  # "Abenova" is not the full label
    assert score.extras == ("doc.txt: Abenova affiliatedWith the Irtysh Institute",)


def test_relations_inverse_property_with_swapped_ends_is_the_same_relation():
    gold = [document(relations=(GoldRelation(0, 5, "Q148", "memberOf", "Q485207"),))]
    rows = [relation_row("SCO", "hasMember", "China", "Q485207", "Q148")]
    assert metrics.score_relations(gold, rows, inverse_properties()).f1 == 1.0


def test_relations_symmetric_property_either_way_and_wrong_direction_fails():
    bri = GoldEntity("Silk Road Economic Belt", "Initiative", None)
    eaeu = GoldEntity("Eurasian Economic Union", "InternationalOrganization", "Q4173083")
    gold = [document(entities=(bri, eaeu, CHINA, SCO), relations=(GoldRelation(0, 5, "Silk Road Economic Belt", "linkedWith", "Q4173083"),
                                                                   GoldRelation(0, 5, "Q148", "memberOf", "Q485207")))]
    rows = [relation_row("Eurasian Economic Union", "linkedWith", "Silk Road Economic Belt", "Q4173083"),
            relation_row("SCO", "memberOf", "China", "Q485207", "Q148")]
    score = metrics.score_relations(gold, rows, inverse_properties())
    assert (score.found, score.correct, score.predicted) == (1, 1, 2)


# --- claims --------------------------------------------------------------------------------------


def claim_row(start: int, end: int, said: str = "", kind: str = "Prediction") -> dict:
    return {"document": "doc.txt", "start": str(start), "end": str(end), "attributedTo": said, "kind": kind}


def test_claims_found_when_half_the_gold_span_is_covered():
    gold = [document(claims=(GoldClaim(100, 200, "Prediction", "Dana Abenova", True),))]
    assert metrics.score_claims(gold, [claim_row(150, 260)]).recall == 1.0  # exactly half
    assert metrics.score_claims(gold, [claim_row(151, 260)]).recall == 0.0  # just under half
    found = metrics.score_claims(gold, [claim_row(100, 200), claim_row(300, 400)])
    assert (found.recall, found.precision) == (1.0, 0.5)
    assert metrics.score_claims(gold, []).recall == 0.0


def test_attribution_person_group_and_author():
    gold = [document(authors=("Livia Brandauer",), claims=(
        GoldClaim(0, 100, "Prediction", "Dana Abenova", True),
        GoldClaim(200, 300, "Prediction", "panelists", True),
        GoldClaim(400, 500, "Assessment", "author", False),
        GoldClaim(600, 700, "Assessment", "author", False),
    ))]
    rows = [claim_row(0, 100, "Abenova"), claim_row(200, 300, "the panelists of the event"),
            claim_row(400, 500, "Livia Brandauer"), claim_row(600, 700, "Dana Abenova")]
    accuracy = metrics.score_attribution(gold, rows)
    assert (accuracy.correct, accuracy.total) == (3, 4)
    assert metrics.score_attribution(gold, []).value is None


def test_claim_kind_accuracy():
    gold = [document(claims=(GoldClaim(0, 100, "Prediction", "panelists", True),))]
    assert metrics.score_claim_kinds(gold, [claim_row(0, 100, kind="Assessment")]).value == 0.0


# --- quantities and authors ----------------------------------------------------------------------


def quantity_row(value: str, unit: str) -> dict:
    return {"document": "doc.txt", "subject": "x", "value": value, "unit": unit, "evidence": "…"}


def test_quantities_value_within_one_percent_and_same_unit():
    gold = [document(quantities=(GoldQuantity(0, 5, Decimal("107800000000"), "USD", 2020),
                                 GoldQuantity(6, 9, Decimal("40"), "percent", None)))]
    assert metrics.score_quantities(gold, [quantity_row("108000000000", "USD"), quantity_row("40", "percent")]).f1 == 1.0
    off = metrics.score_quantities(gold, [quantity_row("110000000000", "USD"), quantity_row("40", "count")])
    assert (off.found, off.correct) == (0, 0)
    once = metrics.score_quantities(gold, [quantity_row("40", "percent"), quantity_row("40", "percent")])
    assert (once.found, once.correct, once.predicted) == (1, 1, 2)  # one prediction per gold quantity


def test_authors_recall_and_precision():
    gold = [document(authors=("Saule Temirkhanova", "Hao Jiarui"))]
    score = metrics.score_authors(gold, [{"document": "doc.txt", "author": "Saule Temirkhanova | Ulytau Policy Centre"}])
    assert (score.recall, score.precision) == (0.5, 0.5)


def test_layers_not_annotated_are_not_scored():
    gold = [document(layers=("entities", "authors"))]
    assert metrics.score_relations(gold, [relation_row("China", "memberOf", "SCO")], inverse_properties()).predicted == 0
    assert metrics.score_claims(gold, [claim_row(0, 10)]).predicted == 0


# --- the gold files ------------------------------------------------------------------------------


GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))


def test_every_split_has_gold_and_the_required_coverage():
    golds = load_gold(GOLD_DIR)
    by_split = {split: [g for g in golds if g.split == split] for split in TEXT_FOLDERS}
    assert len(by_split["embedded"]) == 4 and len(by_split["regression"]) >= 4 and len(by_split["shared"]) == 5
    assert sum(1 for g in by_split["shared"] if g.annotates("claims") and g.annotates("relations")) >= 3


@pytest.mark.parametrize("path", GOLD_FILES, ids=[p.name for p in GOLD_FILES])
def test_gold_file_is_valid_against_its_text(path, shared_corpus):
    gold = read_gold_file(path, allowed_units())
    text = locate_texts([gold], [TEXT_FOLDERS[gold.split]])[gold.document].read_text(encoding="utf-8")
    assert check_offsets(gold, text) == []
    assert {e.cls for e in gold.entities} <= set(ENTITY_CLASSES)
    assert {r.predicate for r in gold.relations} <= set(PREDICATES)
    assert {q.unit for q in gold.quantities} <= set(allowed_units())


def test_gold_wikidata_ids_agree_with_the_reference_data_or_cite_a_source():
    reference = Graph()
    for file in reference_files():
        reference.parse(file)
    known = {}
    for entity, same in reference.subject_objects(OWL.sameAs):
        for name in (*reference.objects(entity, RDFS.label), *reference.objects(entity, SKOS.altLabel)):
            known[metrics.normalise(str(name))] = str(same).rsplit("/", 1)[-1]
    for gold in load_gold(GOLD_DIR):
        for entity in gold.entities:
            if entity.wikidata and not entity.wikidata_source:
                ids = {known.get(metrics.normalise(name)) for name in entity.names} - {None}
                assert entity.wikidata in ids, f"{gold.path}: {entity.label} {entity.wikidata} has no source"


def test_bad_gold_gets_an_error_naming_the_file_and_field(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"document": "x.txt", "split": "embedded",
                               "relations": [{"subject": "A", "predicate": "knows", "object": "B", "start": 0, "end": 3}]}))
    with pytest.raises(GoldError, match=r"bad\.json: relations\[0\]\.predicate"):
        read_gold_file(bad, allowed_units())
    text_problems = check_offsets(document(claims=(GoldClaim(10, 99, "Prediction", "author", False),)), "short text")
    assert "not inside the text" in text_problems[0]


# --- the harness end to end ----------------------------------------------------------------------


def test_harness_runs_on_the_embedded_split_and_prints_every_measure():
    result = subprocess.run([sys.executable, "-m", "evaluation", "--split", "embedded", "--details"],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    for measure in ("entity linking", "entity class", "relations", "claims", "claim attribution", "quantities", "authors"):
        assert measure in result.stdout
    assert "split embedded: 4 document(s)" in result.stdout
    assert ("pass" in result.stdout) or ("fail" in result.stdout)


def test_harness_reports_missing_texts_clearly(tmp_path):
    result = subprocess.run([sys.executable, "-m", "evaluation", "--split", "embedded", "--texts", str(tmp_path)],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 1
    assert "01-sco-at-twenty.txt" in result.stderr and "--texts" in result.stderr
