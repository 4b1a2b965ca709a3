"""The gazetteer over the reference data: capitals read as cities where the text places something
there, names found however they are spelt."""

from __future__ import annotations

import pytest

from eurasia_kg.pipeline.entities import Candidate, Gazetteer
from eurasia_kg.pipeline.model import EntityRef
from eurasia_kg.pipeline.patterns import short_name, transliteration_key
from eurasia_kg.vocab import ENT

from .test_discovery import analyse, pipeline

RUSSIA = EntityRef(str(ENT) + "russia", "Russia", "State")
MOSCOW = EntityRef(str(ENT) + "moscow", "Moscow (city)", "Place")
TRENIN = EntityRef(str(ENT) + "dmitri-trenin", "Dmitri Trenin", "Person")


def resolved(text: str, quote: str) -> str:
    analysis = analyse(text)
    return next(m.entity.iri.removeprefix(str(ENT)) for m in analysis.mentions if analysis.quote(m) == quote)


@pytest.mark.parametrize(
    "text, quote, slug",
    [
        ("The summit was held in Astana in June.", "Astana", "astana"),
        ("He worked at the embassy in Moscow for years.", "Moscow", "moscow"),
        ("Talks near Tashkent stalled.", "Tashkent", "tashkent"),
        ("Astana and Moscow signed the deal.", "Astana", "kazakhstan"),
        ("Moscow wants a bigger say.", "Moscow", "russia"),
        ("The balance tilts in Beijing's favour.", "Beijing", "china"),  # a possessive: the state
        ("The deal that Beijing signed was costly.", "Beijing", "china"),  # "that" is not "at"
        ("The Nur-Sultan summit of 2019 was brief; delegates met in Nur-Sultan.", "Nur-Sultan", "astana"),
        ("The envoy returned to Moscow on Friday.", "Moscow", "moscow"),
        ("Ministers met in the Tajik capital Dushanbe.", "Dushanbe", "dushanbe"),
        ("Delegates from Dushanbe, Tajikistan arrived.", "Dushanbe", "dushanbe"),
        ("The train runs from Almaty to Tashkent.", "Tashkent", "tashkent"),
        ("Kyiv's allies protested.", "Kyiv", "ukraine"),
    ],
)
def test_a_capital_is_the_city_only_where_the_text_places_something_there(text, quote, slug):
    occurrences = [m for m in analyse(text).mentions if analyse(text).quote(m) == quote]
    assert occurrences[-1].entity.iri.removeprefix(str(ENT)) == slug


def test_a_qualified_label_is_also_known_by_its_bare_name(tmp_path):
    reference = tmp_path / "places.ttl"
    reference.write_text(
        "@prefix ekg: <https://w3id.org/eurasia-kg/ontology#> . @prefix ent: <https://w3id.org/eurasia-kg/entity/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        'ent:moscow a ekg:Place ; rdfs:label "Moscow (city)"@en .\n'
        'ent:russia a ekg:State ; rdfs:label "Russia"@en ; ekg:metonym "Moscow"@en .\n'
    )
    gazetteer = Gazetteer.from_reference([reference])
    [(_, _, candidates)] = list(gazetteer.matches("Officials in Moscow agreed."))
    assert {c.entity for c in candidates} == {MOSCOW, RUSSIA}


@pytest.mark.parametrize("spelling", ["Dmitri Trenin", "Dmitrii Trenin", "Dmitry Trenin", "DMITRI TRENIN", "Dmitriy Trenin"])
def test_a_person_is_found_however_the_name_is_transliterated(spelling):
    gazetteer = Gazetteer([("Dmitri Trenin", Candidate(TRENIN, "label"))])
    assert gazetteer.find(spelling, "Person") == TRENIN
    assert gazetteer.find(spelling, "Company") is None


def test_short_syllables_match_only_when_spelt_the_same():
    hu = EntityRef(str(ENT) + "hu-hao", "Hu Hao", "Person")
    gazetteer = Gazetteer([("Hu Hao", Candidate(hu, "label"))])
    assert gazetteer.find("He Hao", "Person") is None
    assert transliteration_key("Hu Hao") is None
    assert transliteration_key("Aleksandr Lukin") == transliteration_key("Alexander Lukin")


@pytest.mark.parametrize("name, short", [("Paul Haenle", "Haenle"), ("Feng Yujun", "Feng"), ("JIANG Zemin", "Jiang"),
                                         ("Jeanne L. Wilson", "Wilson"), ("Kassym-Jomart Tokayev", "Tokayev")])
def test_the_short_name_a_text_uses_for_a_person(name, short):
    assert short_name(name) == short


def test_reference_names_of_a_class():
    names = pipeline().get("entities").apply.gazetteer.names_of("Agreement")
    treaty = next(e for e in names if e.iri.endswith("/treaty-of-good-neighbourliness"))
    assert "GNC treaty" in names[treaty] and not any(e.cls != "Agreement" for e in names)


def test_a_company_is_found_without_the_form_of_its_incorporation():
    gazetteer = pipeline().get("entities").apply.gazetteer
    assert gazetteer.find("China National Petroleum Corp", "Company").label == "China National Petroleum Corporation"
    assert gazetteer.find("Gazprom PJSC", "Company").label == "Gazprom"


def test_a_name_written_with_an_html_character_reference_is_found_at_its_source_offsets():
    page = ("<html><head><title>Gas notes</title></head><body><article><p>Flows through the Central Asia&ndash;China"
            " gas pipeline rose again this winter, traders in Almaty&nbsp;said.</p></article></body></html>")
    analysis = analyse(page, "gas-notes.html")
    quotes = {page[m.start : m.end]: m.entity.iri.removeprefix(str(ENT)) for m in analysis.mentions}
    assert quotes.get("Central Asia&ndash;China gas pipeline") == "central-asia-china-gas-pipeline", quotes


@pytest.mark.parametrize(
    "text, quote, slug",
    [
        ("Ministers gathered for the Dushanbe summit.", "Dushanbe", "dushanbe"),  # a capital naming an event's place
        ("Offices were opened in Minsk and Tbilisi.", "Tbilisi", "tbilisi"),  # coordinated with a placed city
        ("The talks took place in the Tajik capital of Dushanbe.", "Dushanbe", "dushanbe"),
        ("He left Almaty for Moscow late on Tuesday.", "Moscow", "moscow"),
        ("Tbilisi objected to the plan.", "Tbilisi", "georgia"),  # the state acting
        ("Diplomats met in Caracas on Monday.", "Caracas", "caracas"),  # every state's capital is known
        ("Caracas rejected the offer.", "Caracas", "venezuela"),
    ],
)
def test_capitals_of_every_state_read_as_city_or_state(text, quote, slug):
    analysis = analyse(text)
    assert next(m.entity.iri.removeprefix(str(ENT)) for m in analysis.mentions if analysis.quote(m) == quote) == slug


def test_gazetteer_mentions_name_their_rule():
    analysis = analyse("Moscow objected, but the summit was held in Bishkek; Chinese investors and the "
                       "Russian Federation agreed.")
    rules = {analysis.quote(m): m.rule for m in analysis.mentions}
    assert rules["Moscow"] == "entities/gazetteer-metonym" and rules["Bishkek"] == "entities/capital-as-place"
    assert rules["Chinese"] == "entities/gazetteer-demonym" and rules["Russian Federation"] == "entities/gazetteer-alias"


def test_a_state_inside_a_reference_event_is_mentioned_too():
    analysis = analyse("Pipelines idled after the collapse of the Soviet Union.")
    classes = {analysis.quote(m): m.entity.cls for m in analysis.mentions}
    assert classes.get("Soviet Union") == "State" and "Event" in classes.values()


def test_a_title_before_a_persons_alias_stays_outside_the_mention():
    analysis = analyse("Chinese President Xi Jinping met President Hu in Beijing.")
    people = {analysis.quote(m): m.entity.iri.removeprefix(str(ENT)) for m in analysis.mentions if m.entity.cls == "Person"}
    assert people.get("Xi Jinping") == "xi-jinping" and "President Xi" not in people
    assert "Hu" in people and "President Hu" not in people


def test_a_one_word_alias_before_another_name_is_someone_else():
    analysis = analyse("Foreign Ministry spokesperson Mao Ning said the talks went well.")
    assert not any(m.entity.label == "Mao Zedong" for m in analysis.mentions)
