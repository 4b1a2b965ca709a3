"""Entities the reference data does not know: how they are named, typed, resolved and merged."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from eurasia_kg.corpus import CORPUS_DIR
from eurasia_kg.ontology import reference_files
from eurasia_kg.pipeline.discovery import CONFIDENCE
from eurasia_kg.pipeline.entities import SURFACE_KINDS
from eurasia_kg.pipeline.ingest import read_source
from eurasia_kg.pipeline.model import Analysis
from eurasia_kg.pipeline.run import Pipeline, default_pipeline
from eurasia_kg.vocab import ENT, entity_iri

from .conftest import text_source

REPO = Path(__file__).resolve().parent.parent
CLASSES = ("State InternationalOrganization Initiative Agreement Project Company Person ResearchOrganization "
           "Place Event").split()


@lru_cache(maxsize=1)
def pipeline() -> Pipeline:
    return default_pipeline(reference_files())


def analyse(text: str, name: str = "note.txt") -> Analysis:
    """The default pipeline over a text given in the test."""
    return pipeline().analyse(text_source(text, name))


def found(analysis: Analysis) -> dict[str, tuple[str, str]]:
    """Quote → (entity slug, class) for every mention."""
    return {analysis.quote(m): (m.entity.iri.removeprefix(str(ENT)), m.entity.cls) for m in analysis.mentions}


def slug(name: str) -> str:
    return entity_iri(name).removeprefix(str(ENT))


@pytest.mark.parametrize(
    "text, quote, cls",
    [
        ("Aigerim Bekova said the corridor would be finished by 2030.", "Aigerim Bekova", "Person"),
        ("Trade will slow, Marek Nowicki argues in a new paper.", "Marek Nowicki", "Person"),
        ("Pavel Orlov, a senior fellow at a Moscow think tank, disagreed.", "Pavel Orlov", "Person"),
        ("Li Hong is an associate professor of economics.", "Li Hong", "Person"),
        ("Ambassador Zhou Li arrived on Monday.", "Zhou Li", "Person"),
        ("Carnegie's Anna Vostrikova chaired the panel.", "Anna Vostrikova", "Person"),
        ("According to Kamila Saidova, the loan terms were harsh.", "Kamila Saidova", "Person"),
        ("The talks were led by Rustam Aliyev in Tashkent.", "Rustam Aliyev", "Person"),
        ("Sun Wei (孙伟) argued that the rail link mattered more.", "Sun Wei", "Person"),
        ("The chair, Jeanne K. Moreau, opened the session.", "Jeanne K. Moreau", "Person"),
        ("She studied at the Almaty Institute for Strategic Research.", "Almaty Institute for Strategic Research",
         "ResearchOrganization"),
        ("The Centre for Russian and Asian Studies published it.", "Centre for Russian and Asian Studies",
         "ResearchOrganization"),
        ("He teaches at Nanjing University.", "Nanjing University", "ResearchOrganization"),
        ("An analyst at the Tashkent Policy Forum disagreed.", "Tashkent Policy Forum", "ResearchOrganization"),
        ("The report came from greenwell, a think tank in Oslo.", "greenwell", "ResearchOrganization"),
        ("The Asian Development Bank lent more.", "Asian Development Bank", "InternationalOrganization"),
        ("Exim Bank of China lent more.", "Exim Bank of China", "Company"),
        ("The national airline company Aral Avia grew.", "Aral Avia", "Company"),
        ("CNPC and PetroKazakh built the line.", "PetroKazakh", "Company"),
        ("The Aktau Port handled the cargo.", "Aktau Port", "Project"),
        ("The Chardara Dam was repaired.", "Chardara Dam", "Project"),
        ("Novatek expanded Ob LNG quickly.", "Ob LNG", "Project"),
        ("Work on the Termez–Mazar oil pipeline began.", "Termez–Mazar oil pipeline", "Project"),
        ("The Northern Route contract was signed quickly.", "Northern Route contract", "Agreement"),
        ("Leaders gathered for the 2007 CSTO summit.", "2007 CSTO summit", "Event"),
        ("He flew home after the SCO Defence Ministers meeting.", "SCO Defence Ministers meeting", "Event"),
        ("A military parade closed the day.", "military parade", "Event"),
        ("Flights stopped during the covid-19 pandemic.", "covid-19 pandemic", "Event"),
        ("Veterans of World War Two marched.", "World War Two", "Event"),
        ("Both navies held their first joint naval drills in the Gulf of Aden.",
         "first joint naval drills in the Gulf of Aden", "Event"),
        ("Bombers flew a joint air patrol over the Sea of Japan.", "joint air patrol over the Sea of Japan", "Event"),
        ("Joint Sea 2016 and Peace Mission 2005 were both held.", "Peace Mission 2005", "Event"),
        ("Kazakh-Kyrgyz talks resumed on Monday.", "Kazakh-Kyrgyz talks", "Event"),
        ("They cited UN Security Council Resolution 2231 again.", "UN Security Council Resolution 2231", "Agreement"),
        ("Iran left the Joint Comprehensive Plan of Action.", "Joint Comprehensive Plan of Action", "Agreement"),
        ("The sides signed a memorandum of understanding.", "memorandum of understanding", "Agreement"),
        ("They struck a $20 billion oil deal.", "oil deal", "Agreement"),
        ("Ministers adopted the CSTO anti-drug strategy for 2021–2025.", "CSTO anti-drug strategy for 2021–2025",
         "Initiative"),
        ("The Global Times ran the story first.", "Global Times", "Company"),
        ("An editorial in People's Daily followed.", "People's Daily", "Company"),
        ("The Financial Action Task Force (FATF) met. FATF then agreed.", "FATF", "InternationalOrganization"),
        ("The SCO Interbank Consortium lent more.", "SCO Interbank Consortium", "InternationalOrganization"),
        ("Troops trained at the Matybulak training area.", "Matybulak training area", "Place"),
        ("Ministers met in the RIC (Russia-India-China) format.", "RIC", "InternationalOrganization"),
        ("Dust storms hit the steppes of western Mongolia.", "western Mongolia", "Place"),
        ("The head of the fund, Kirill Dmitriev, spoke.", "Kirill Dmitriev", "Person"),
        ("He extended the lease of the Crimean port Sevastopol.", "Sevastopol", "Place"),
        ("Both sides welcomed the Joint Statement on Deepening Partnership.",
         "Joint Statement on Deepening Partnership", "Agreement"),
        ("The Zapad 2021 exercises alarmed the Baltic states.", "Zapad 2021", "Event"),
        ("The Second World War shaped the border.", "Second World War", "Event"),
        ("Troops trained at the Donguz training ground near Orenburg.", "Donguz training ground", "Place"),
        ("The gas comes from the Ustyurt Plateau.", "Ustyurt Plateau", "Place"),
        ("The plant sits at Ust-Luga on the Baltic coast.", "Ust-Luga", "Place"),
        ("Urumqi, the capital of Xinjiang, hosted the expo.", "Urumqi", "Place"),
        ("Tankers left Dikson, the northern port of Taimyr Gas, in May.", "Dikson", "Place"),
        ("Trucks queue at Nur Gate, a dry port on the border.", "Nur Gate", "Project"),
    ],
)
def test_new_entities_are_named_and_typed(text, quote, cls):
    assert found(analyse(text)).get(quote, (None, None))[1] == cls


@pytest.mark.parametrize(
    "text, not_an_entity",
    [
        ("The Union Will Lose the Race\n\nIt will not.", "Union Will Lose"),  # a title, not a union
        ("Panelists noted that trade grew.", "Panelists"),
        ("• Ukraine Crisis Isolates Russia: the sanctions bit.", "Ukraine Crisis Isolates Russia"),
        ("Central Asian states said little.", "Central Asian"),
        ("The abandonment of Marxism-Leninism in Russia left a void.", "Marxism-Leninism"),
        ("Two weeks later, the Russian Defence Minister, Pavel Grachev, arrived.", "Russian Defence Minister"),
        ("Culturally speaking, the gap is wide.", "Culturally"),
        ("A Chinese military base in Tajikistan was reported.", "Chinese military base"),
        ("An LNG deal might follow.", "LNG deal"),
        ("Relations worsened in September 2014 after the vote.", "September"),
        ("The Washington Post and Reuters reported it.", "Washington Post and Reuters"),
        ("Vostok 2018, a strategic exercise, drew Mongolia.", "strategic exercise"),
        ("The pipeline was built in eastern Mongolia.", "eastern Mongolia"),
    ],
)
def test_what_is_not_a_new_entity(text, not_an_entity):
    analysis = analyse(text)
    assert not any(not_an_entity in analysis.quote(m) and m.matched_as not in SURFACE_KINDS
                   for m in analysis.mentions)


def test_a_person_is_found_again_by_the_short_name_the_text_uses():
    analysis = analyse("Paul Okafor said the deal was lopsided. Later, Okafor's team revised the figures.\n\n"
                       "Feng Lin argued the opposite. Feng is a specialist on Russian energy.")
    quotes = {analysis.quote(m): m for m in analysis.mentions}
    assert quotes["Okafor"].entity.iri == quotes["Paul Okafor"].entity.iri == str(ENT) + "paul-okafor"
    assert quotes["Feng"].entity.iri == str(ENT) + "feng-lin"  # a Chinese surname comes first
    assert quotes["Okafor"].confidence < quotes["Paul Okafor"].confidence


def test_a_transliterated_name_resolves_to_the_reference_person():
    analysis = analyse("As the Russian think-tanker Dmitrii Trenin reminds us, priorities differ.")
    assert found(analysis)["Dmitrii Trenin"] == ("dmitri-trenin", "Person")


def test_a_name_written_year_first_resolves_to_the_reference_event():
    analysis = analyse("Russia boosted its presence through 2019's Tsentr military exercise.")
    assert ("tsentr-2019", "Event") in found(analysis).values()


def test_described_agreements_resolve_or_are_dated():
    analysis = analyse("In 2001 the two countries signed a treaty of friendship and cooperation. "
                       "The gas deal that Beijing and Moscow signed in May 2014 runs for 30 years. "
                       "Neither side wanted to revisit the treaty.")
    agreements = {analysis.quote(m): m.entity for m in analysis.mentions if m.entity.cls == "Agreement"}
    assert agreements["treaty of friendship and cooperation"].iri == str(ENT) + "treaty-of-good-neighbourliness"
    assert agreements["gas deal"].label == "2014 gas deal"  # the year first, as such a deal is called
    assert "treaty" not in agreements  # a bare "the treaty" refers back; it names nothing new


def test_one_iri_per_entity_across_documents():
    first = analyse("Roman Ilyin, a fellow at the Irtysh Institute for Eurasian Affairs, spoke.", "a.txt")
    second = analyse("The Irtysh Institute for Eurasian Affairs's report, Roman Ilyin said, was late.", "b.txt")

    def iris(analysis):
        return {m.entity.iri for m in analysis.mentions if m.matched_as not in SURFACE_KINDS}

    assert iris(first) == iris(second) == {str(ENT) + slug("Roman Ilyin"),
                                           str(ENT) + slug("Irtysh Institute for Eurasian Affairs")}


def test_a_longer_name_replaces_the_known_names_inside_it():
    analysis = analyse("The port is run by the national railway company Kazakhstan Temir Zholy. "
                       "Bombers flew over the Sea of Japan.")
    quotes = found(analysis)
    assert quotes["Kazakhstan Temir Zholy"][1] == "Company" and "Kazakhstan" not in quotes
    assert quotes["Sea of Japan"][1] == "Place" and "Japan" not in quotes


def test_new_mentions_are_less_sure_than_the_gazetteer():
    analysis = analyse("Aigerim Bekova, an analyst at the Kazakh Institute for Strategic Studies, said so.")
    new = [m for m in analysis.mentions if m.matched_as not in SURFACE_KINDS]
    assert new and all(m.confidence < min(c for _, c in SURFACE_KINDS.values() if c > 0.6) for m in new)
    assert max(CONFIDENCE.values()) < SURFACE_KINDS["alias"][1]


def test_mentions_quote_the_text_and_do_not_overlap():
    # a state or place named inside an event's, agreement's or project's name keeps its own mention,
    # so mentions may nest; they never cross
    analysis = analyse(read_source(CORPUS_DIR / "03-belt-meets-union.txt").text)
    spans = sorted((m.start, m.end) for m in analysis.mentions)
    assert len(spans) == len(set(spans))
    crossing = [(a, b) for i, a in enumerate(spans) for b in spans[i + 1 :]
                if a[0] < b[0] < a[1] < b[1] or b[0] < a[0] < b[1] < a[1]]
    assert crossing == []
    assert all(m.entity.cls in CLASSES for m in analysis.mentions)


# The corpora --------------------------------------------------------------------------------

def answer_key_entities() -> dict[str, dict[str, str]]:
    """File name → {entity name: class}, from the answer key of the embedded corpus."""
    key = (REPO / "docs" / "embedded-corpus.md").read_text(encoding="utf-8")
    entities = {}
    for section in re.split(r"\n## \d\. `", key)[1:]:
        file_name = section.split("`", 1)[0]
        table = re.search(r"### Entities.*?\n\n(\|.*?)\n\n", section, re.S).group(1).splitlines()[2:]
        rows = [[cell.strip() for cell in row.strip("|").split("|")] for row in table]
        entities[file_name] = {row[0].replace("†", "").strip(): row[1] for row in rows}
    return entities


def resolve(name: str, cls: str) -> str:
    """The slug the pipeline gives an entity of the answer key: the reference's, else its own."""
    known = pipeline().get("entities").apply.gazetteer.find(name, cls)
    return known.iri.removeprefix(str(ENT)) if known else slug(name)


def test_the_embedded_corpus_entities_match_the_answer_key():
    hits = gold_total = typed_right = predicted = 0
    for file_name, entities in answer_key_entities().items():
        analysis = pipeline().analyse(read_source(CORPUS_DIR / file_name))
        got = {m.entity.iri.removeprefix(str(ENT)): m.entity.cls for m in analysis.mentions if m.matched_as != "demonym"}
        gold = {resolve(name, cls): cls for name, cls in entities.items()}
        hits += len(gold.keys() & got.keys())
        typed_right += sum(got[k] == gold[k] for k in gold.keys() & got.keys())
        gold_total, predicted = gold_total + len(gold), predicted + len(got)
    assert hits / gold_total >= 0.95 and hits / predicted >= 0.95
    assert typed_right / hits >= 0.97


def test_people_and_organisations_of_the_shared_corpus(shared_corpus):
    quotes = {}
    for name in ("000_985c93d49e2ec848.txt", "003_e8414bfa68af6ff3.txt", "004_627bfeb04ce04ddc.txt"):
        quotes[name] = found(pipeline().analyse(read_source(shared_corpus / name)))
    assert quotes["000_985c93d49e2ec848.txt"]["Haenle"][0] == "paul-haenle"
    assert quotes["000_985c93d49e2ec848.txt"]["Hu Hao"] == ("hu-hao", "Person")
    assert quotes["003_e8414bfa68af6ff3.txt"]["foraus"] == ("foraus", "ResearchOrganization")
    assert quotes["004_627bfeb04ce04ddc.txt"]["Dmitrii Trenin"][0] == "dmitri-trenin"
    assert quotes["004_627bfeb04ce04ddc.txt"]["Feng"] == ("feng-shuai", "Person")
    assert quotes["004_627bfeb04ce04ddc.txt"]["Vitaly Kozyrev"][1] == "Person"
    assert quotes["004_627bfeb04ce04ddc.txt"]["Wheaton College"][1] == "ResearchOrganization"


# Constructions of real prose (rules of pipeline/rules/discovery.toml) ------------------------------

@pytest.mark.parametrize(
    "text, quote, cls",
    [
        # a title of a state or organisation, then the name
        ("Talks were held with the President of the Republic of Armenia Vahram Sargsyan.", "Vahram Sargsyan", "Person"),
        ("The Secretary General of the CSTO Ilya Morozov attended.", "Ilya Morozov", "Person"),
        # a given name, a Chinese family name and a romanised given name
        ("The panel heard Nadezhda Kolosova on transit tariffs.", "Nadezhda Kolosova", "Person"),
        ("A study by Pang Lijuan followed in 2019.", "Pang Lijuan", "Person"),
        # lists typed by a kind noun or a known member
        ("Crude comes from the Zhanatas, Kumkol and Akshabulak fields.", "Kumkol", "Place"),
        ("Major oil fields include Bektas, Ozen and Karamandybas.", "Ozen", "Place"),
        ("The railway reaches Georgia, Armenia and Gagauzia.", "Gagauzia", "Place"),
        # events named by what happened, by the body holding them, or in view
        ("Trade collapsed after Russia's invasion of Ukraine.", "invasion of Ukraine", "Event"),
        ("The collapse of the Steppe Union ended the scheme.", "collapse of the Steppe Union", "Event"),
        ("Delegates left the Bishkek summit early.", "Bishkek summit", "Event"),
        ("Prices rose after the financial crisis.", "financial crisis", "Event"),
        ("The ministers met at an expert-level meeting in Tbilisi.", "expert-level meeting in Tbilisi", "Event"),
        # agreements by title or description
        ("In 1999 they signed the Treaty on the creation of a Steppe Union.",
         "Treaty on the creation of a Steppe Union", "Agreement"),
        ("In June 2019 the two states signed a five-year agreement for gas deliveries.", "five-year agreement for gas deliveries", "Agreement"),
        ("The 2002 CSTO charter reaffirmed the pledge.", "CSTO charter", "Agreement"),
        # bodies of organisations, regions of states, built things described
        ("The CSTO Crisis Response Centre opened in Moscow.", "CSTO Crisis Response Centre", "InternationalOrganization"),
        ("Drought hit Western Kazakhstan hard.", "Western Kazakhstan", "Place"),
        ("The company opened a new terminal in the port of Batumi.", "new terminal in the port of Batumi", "Project"),
    ],
)
def test_constructions_of_real_prose(text, quote, cls):
    assert found(analyse(text))[quote][1] == cls


def test_a_state_inside_an_event_keeps_its_own_mention():
    quotes = found(analyse("Sanctions followed Russia's invasion of Ukraine in 2022."))
    assert quotes["invasion of Ukraine"][1] == "Event" and quotes["Ukraine"] == ("ukraine", "State")


def test_a_sentence_opener_or_a_compass_point_is_no_listed_place():
    quotes = found(analyse("Trade slowed. Overall, Kazakhstan fared well. Ties with the West, China and Russia grew."))
    assert "Overall" not in quotes and "West" not in quotes


def test_every_discovered_mention_names_its_rule():
    analysis = analyse("Marat Ospanov, a fellow at the Tengri Lab, said the CSTO summit in Bishkek went well.")
    assert all(m.rule.startswith(("entities/", "discovery/")) for m in analysis.mentions)
