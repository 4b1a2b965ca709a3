"""The question book: every named query over a store built from the embedded corpus, answering what
the texts say (docs/embedded-corpus.md, written from the texts, not from any output); the header
format, parameters that only ever filter, the command line and the Python API."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest

from eurasia_kg import ask, questions
from eurasia_kg.corpus import CORPUS_DIR
from eurasia_kg.graph import query as named_queries
from eurasia_kg.graph.store import StoreFolder
from eurasia_kg.vocab import ENT

from .conftest import run_cli

D1, D2, D3, D4 = "01-sco-at-twenty.txt", "02-pipes-to-the-east.txt", "03-belt-meets-union.txt", "04-drills-and-patrols.txt"
FEDERATED = {"member-populations"}  # asks Wikidata with SERVICE: tested against a stand-in in test_federation.py

# The claims of the answer key: document, kind, speaker, hedge ("firm" when none), about, opening words.
CLAIMS = {
    "1.1": (D1, "Prediction", "Dana Abenova", "probably", {"sco"}, "Dana Abenova, a senior fellow"),
    "1.2": (D1, "Assessment", "Viktor Lebedinsky", "firm", {"russia", "china"}, "Viktor Lebedinsky, a researcher"),
    "1.3": (D1, "Prediction", "the panelists", "unlikely", {"china", "russia"}, "The panelists agreed"),
    "1.4": (D1, "Prediction", "Wen Shaoqing", "unlikely", {"central-asia", "china", "russia"}, "Wen Shaoqing, a research"),
    "1.5": (D1, "Recommendation", "the participants", "firm", {"sco"}, "Participants recommended"),
    "2.1": (D2, "Assessment", "Livia Brandauer", "firm", {"cnpc", "russia", "china"}, "My reading is that"),
    "2.2": (D2, "Prediction", "Bakhtiyor Rakhimjonov", "firm", {"china", "central-asia", "power-of-siberia"},
            "Bakhtiyor Rakhimjonov, an analyst"),
    "2.3": (D2, "Prediction", "Livia Brandauer", "unlikely", {"power-of-siberia-2", "china", "central-asia"},
            "In my view, Power of Siberia 2"),
    "2.4": (D2, "Recommendation", "Livia Brandauer", "firm", {"turkmenistan", "china"}, "Turkmenistan should use"),
    "3.1": (D3, "Assessment", "Saule Temirkhanova", "firm", {"joint-statement-on-conjunction"}, "Eight years on"),
    "3.2": (D3, "Prediction", "Saule Temirkhanova", "firm", {"central-asia", "china", "russia"},
            "I expect that Central Asia"),
    "3.3": (D3, "Recommendation", "Saule Temirkhanova", "firm", {"eaeu", "china"}, "The EAEU should bargain"),
    "3.4": (D3, "Assessment", "Hao Jiarui", "firm", {"central-asia", "russia", "china"}, "In Central Asia, Russia guards"),
    "3.5": (D3, "Prediction", "Hao Jiarui", "unlikely", {"central-asia", "china", "russia"},
            "Central Asia is unlikely to become a source of serious"),
    "3.6": (D3, "Recommendation", "Hao Jiarui", "firm", {"central-asia"}, "The governments of Central Asia"),
    "4.1": (D4, "Assessment", "Anika Strand", "firm", {"vostok-2018"}, "Vostok 2018 showed"),
    "4.2": (D4, "Assessment", "Jonas Meyerhof", "probably", {"japan", "south-korea", "united-states"},
            "Jonas Meyerhof, a fellow"),
    "4.3": (D4, "Prediction", "Anika Strand", "likely", {"china", "russia"}, "In my judgement, China and Russia"),
    "4.4": (D4, "Recommendation", "Anika Strand", "firm", {"nato", "japan"}, "NATO and Japan should"),
}
# The people, think tanks and outlets the texts invent (marked † in the key): no Wikidata id can exist.
FICTIONAL = {
    "dana-abenova", "viktor-lebedinsky", "wen-shaoqing", "marta-kowalczyk", "irtysh-institute-for-eurasian-affairs",
    "kama-centre-for-strategic-studies", "lanzhou-centre-for-frontier-studies", "steppe-sea-review",
    "livia-brandauer", "bakhtiyor-rakhimjonov", "samarkand-energy-forum", "carinthia-centre-for-energy-studies",
    "saule-temirkhanova", "hao-jiarui", "ulytau-policy-centre", "kashgar-academy-of-border-economics",
    "anika-strand", "jonas-meyerhof", "northbridge-centre-for-asian-security", "elbe-institute-for-security-policy",
}
# Values that match nothing; the string would end the query early if it were pasted into it.
# An entity must name one the store knows: this one is in the reference data, and no text names it.
NO_MATCH = {"entity": "nouakchott", "string": 'x" } UNION { ?s ?p ?o } #', "integer": "-1",
            "iri": "https://example.org/none"}


def slug(iri: str) -> str:
    return iri.removeprefix(ENT)


def text_of(document: str) -> str:
    return (CORPUS_DIR / document).read_text(encoding="utf-8")


def key_claim(document: str, text: str) -> str | None:
    """The answer key's number of the claim a document's words make, None for a claim the key does not list."""
    return next((number for number, (doc, *_, opening) in CLAIMS.items() if doc == document and text.startswith(opening)), None)


def claim_numbers(rows: list[dict[str, str]]) -> set[str | None]:
    return {key_claim(row["document"], row["text"]) for row in rows}


@pytest.fixture(scope="module")
def store(embedded_store) -> ox.Store:
    return StoreFolder(embedded_store).open()


@pytest.fixture(scope="module")
def answer(store):
    def answer(question: str, **parameters: str) -> list[dict[str, str]]:
        return ask(question, store=store, **parameters)

    return answer


# The library as a whole


def test_the_library_answers_at_least_fifteen_documented_questions():
    library = questions()
    assert len(library) >= 15
    for query in library.values():
        assert query.title and query.title != query.name, f"{query.name}: no title"
        assert len(query.description) > 40, f"{query.name}: no question in plain words"
        assert query.columns, f"{query.name}: no Columns line"


@pytest.mark.parametrize("name", sorted(set(questions()) - FEDERATED))
def test_every_query_gives_the_columns_its_header_promises(store, name):
    query = questions()[name]
    required = {p.name: "china" for p in query.parameters if not p.optional}
    assert [v.value for v in named_queries.run(store, query, required).variables] == list(query.columns)
    # As the query page sends it, parameters unbound: it runs and answers for every value.
    as_written = named_queries.run(store, query.sparql)
    assert [v.value for v in as_written.variables] == list(query.columns) and list(as_written)


@pytest.mark.parametrize("name, parameter", [
    (name, parameter.name) for name, query in sorted(questions().items()) if name not in FEDERATED
    for parameter in query.parameters
])
def test_a_parameter_that_matches_nothing_gives_no_rows(answer, name, parameter):
    query = questions()[name]
    required = {p.name: "china" for p in query.parameters if not p.optional and p.kind == "entity"}
    declared = next(p for p in query.parameters if p.name == parameter)
    if declared.choices:  # a value it does not list is refused, not answered with nothing
        with pytest.raises(named_queries.QueryError, match=f"parameter {parameter} takes"):
            answer(name, **{**required, parameter: NO_MATCH["string"]})
        return
    assert answer(name, **{**required, parameter: NO_MATCH[declared.kind]}) == []


def test_an_entity_that_names_nothing_is_refused_with_the_closest_names(answer):
    with pytest.raises(named_queries.QueryError, match=r"no entity is called 'Kazakstan'; did you mean kazakhstan"):
        answer("mentions", entity="Kazakstan")
    assert answer("mentions", entity="Kazakhstan") == answer("mentions", entity="kazakhstan") != []


def test_an_iri_that_would_break_out_of_the_query_is_refused(answer):
    with pytest.raises(named_queries.QueryError, match="takes an IRI"):
        answer("claims-about", entity="http://x> } UNION { ?s ?p ?o } #")


# The header format and parameter binding


def header(parameters: str) -> str:
    return f"# Things\n#\n# Which things.\n#\n# Parameters:\n{parameters}# Columns: thing\nSELECT ?thing WHERE {{ }}\n"


def test_a_default_is_read_from_the_header_and_used_unless_a_value_is_given(tmp_path):
    rq = tmp_path / "things.rq"
    rq.write_text(header("#   subject (entity, default china): whose things\n#   year (integer, optional): when\n"))
    query = named_queries.NamedQuery.from_file(rq)
    subject, year = query.parameters
    assert (subject.default, subject.optional, year.default, year.optional) == ("china", True, None, True)
    assert named_queries.bind(query, {}) == {ox.Variable("subject"): ox.NamedNode(f"{ENT}china")}
    assert named_queries.bind(query, {"subject": "russia"})[ox.Variable("subject")] == ox.NamedNode(f"{ENT}russia")
    assert named_queries.bind(query, {"subject": "", "year": ""}) == {ox.Variable("subject"): ox.NamedNode(f"{ENT}china")}


def test_a_bad_default_or_a_missing_value_is_a_clear_error(tmp_path):
    rq = tmp_path / "things.rq"
    rq.write_text(header("#   year (integer, default soon): when\n"))
    with pytest.raises(named_queries.QueryError, match=r"things\.rq.*default of parameter year"):
        named_queries.NamedQuery.from_file(rq)
    rq.write_text(header("#   subject (entity): whose things\n"))
    with pytest.raises(named_queries.QueryError, match="needs a value for its parameter subject"):
        named_queries.bind(named_queries.NamedQuery.from_file(rq), {"subject": ""})


# Documents, mentions, relations, claims, quantities


def test_documents_title_authors_year_and_publisher(answer):
    rows = {row["document"]: row for row in answer("documents")}
    assert {d: (r["author"], r["year"], r["publisher"]) for d, r in rows.items()} == {
        D1: ("", "2021", "Irtysh Institute for Eurasian Affairs"),
        D2: ("Livia Brandauer", "2020", "Steppe & Sea Review"),
        D3: ("Saule Temirkhanova | Hao Jiarui", "2023", "Ulytau Policy Centre"),
        D4: ("Anika Strand", "2024", "Northbridge Centre for Asian Security"),
    }
    assert rows[D3]["title"] == "Belt Meets Union: Will Central Asia Divide China and Russia?"


def test_mentions_point_at_the_words_that_name_the_entity(answer):
    rows = answer("mentions", document=D3, entity="tajikistan")
    assert [text_of(D3)[int(r["start"]):int(r["end"])] for r in rows] == ["Tajikistan", "Tajikistan"]
    vostok = answer("mentions", entity="vostok-2018")
    assert [(r["document"], r["class"]) for r in vostok] == [(D4, "Event")] * 3


def test_relations_by_predicate_as_the_key_counts_them(answer):
    stated = {(r["document"], r["subject"], r["predicate"], r["object"]) for r in answer("relations")}
    counts: dict[str, int] = {}
    for *_, predicate, _ in stated:
        counts[predicate] = counts.get(predicate, 0) + 1
    # a head of an organisation is also affiliated with it (as the real texts' guidelines have it), and a
    # pipeline named after the places it joins lies in them ("the Central Asia–China gas pipeline")
    assert counts == {"memberOf": 26, "partyTo": 10, "participatesIn": 14, "operator": 5, "locatedIn": 16,
                      "affiliatedWith": 13, "headOf": 8, "linkedWith": 1}


def test_claims_kinds_and_speakers(answer):
    rows = answer("claims")
    found = {key_claim(r["document"], r["text"]): r for r in rows}
    for number, (document, kind, speaker, _, _, _) in CLAIMS.items():
        assert number in found, f"claim {number} not found"
        assert (found[number]["document"], found[number]["kind"]) == (document, kind)
        if not speaker.startswith("the "):
            assert found[number]["attributedTo"] == speaker


def test_what_each_claim_is_about(answer):
    about: dict[str, set[str]] = {}
    for row in answer("provenance", predicate="about"):
        about.setdefault(key_claim(row["document"], row["quote"]), set()).add(slug(row["object"]))
    assert {number: entities for number, entities in about.items() if number} == {
        number: claim[4] for number, claim in CLAIMS.items()}


def test_the_corpus_makes_exactly_the_keys_nineteen_claims(answer):
    assert claim_numbers(answer("claims")) == set(CLAIMS)


def test_quantities_subject_value_and_unit(answer):
    figures = {(r["document"], slug(r["subject"]), r["value"], r["unit"]) for r in answer("quantities")}
    assert figures == {
        (D1, "sco", "40", "percent"), (D1, "china", "107800000000", "USD"), (D1, "china", "110800000000", "USD"),
        (D1, "china", "200000000000", "USD"), (D1, "power-of-siberia", "38000000000", "m3/year"),
        (D2, "power-of-siberia", "2200", "km"), (D2, "eastern-route-contract", "30", "years"),
        (D2, "eastern-route-contract", "400000000000", "USD"), (D2, "power-of-siberia", "38000000000", "m3/year"),
        (D2, "central-asia-china-gas-pipeline", "1833", "km"), (D2, "cnpc", "20", "percent"),
        (D2, "silk-road-fund", "9.9", "percent"), (D2, "yamal-lng", "16500000", "t/year"),
        (D3, "eaeu", "183000000", "count"), (D3, "china", "70200000000", "USD"),
        (D3, "kazakhstan-china-oil-pipeline", "2228", "km"), (D3, "kazakhstan-china-oil-pipeline", "20000000", "t/year"),
        (D3, "khorgos-gateway", "49", "percent"),
        (D4, "vostok-2018", "3200", "count"), (D4, "vostok-2018", "300000", "count"), (D4, "china", "240100000000", "USD"),
        (D4, "china", "26.3", "percent"), (D4, "power-of-siberia", "22700000000", "m3"),
    }


def test_quantities_years_as_the_key_gives_them(answer):
    years = {(r["document"], slug(r["subject"]), r["value"]): r["year"] for r in answer("quantities")}
    assert years[(D1, "power-of-siberia", "38000000000")] == ""
    assert years[(D2, "eastern-route-contract", "400000000000")] == "2014"


def test_unlinked_lists_every_invented_name_and_no_state_the_reference_identifies(answer):
    unlinked = {slug(r["entity"]) for r in answer("unlinked")}
    assert FICTIONAL <= unlinked
    assert not {"china", "russia", "kazakhstan", "sco", "csto", "eaeu"} & unlinked
    assert {slug(r["entity"]) for r in answer("unlinked", **{"class": "ResearchOrganization"})} >= {
        "irtysh-institute-for-eurasian-affairs", "ulytau-policy-centre"}


# Organisations, agreements, projects, people


def test_memberships_of_the_csto_with_their_sources(answer):
    rows = answer("memberships", organisation="csto")
    assert {slug(r["member"]): r["sources"].split(" | ") for r in rows} == {
        "armenia": [D3], "belarus": [D3, D4], "kazakhstan": [D1, D3], "kyrgyzstan": [D3], "russia": [D3], "tajikistan": [D3],
    }
    assert {r["memberClass"] for r in rows} == {"State"}
    sco = {slug(r["member"]) for r in answer("memberships", organisation="sco")}
    assert sco == {"china", "russia", "kazakhstan", "kyrgyzstan", "tajikistan", "uzbekistan", "india", "pakistan", "iran"}
    # Belarus "has applied to join" the SCO: not a membership.
    assert {slug(r["organisation"]) for r in answer("memberships", member="belarus")} == {"csto", "eaeu"}


def test_states_in_the_sco_and_the_csto_at_once(answer):
    rows = answer("shared-members", organisation="sco", alsoIn="csto")
    assert {slug(r["state"]) for r in rows} == {"kazakhstan", "kyrgyzstan", "russia", "tajikistan"}
    kazakhstan = next(r for r in rows if slug(r["state"]) == "kazakhstan")
    assert (kazakhstan["organisationSources"], kazakhstan["alsoInSources"]) == (f"{D1} | {D2}", f"{D1} | {D3}")
    # Tajikistan "has stayed outside the EAEU".
    assert {slug(r["state"]) for r in answer("shared-members", organisation="csto", alsoIn="eaeu")} == {
        "armenia", "belarus", "kazakhstan", "kyrgyzstan", "russia"}
    assert answer("shared-members", state="uzbekistan") == []


def test_agreements_link_their_parties_with_year_and_value(answer):
    rows = answer("agreements")
    assert {(slug(r["agreement"]), slug(r["party"])) for r in rows} == {
        ("treaty-of-good-neighbourliness", "china"), ("treaty-of-good-neighbourliness", "russia"),
        ("joint-statement-on-conjunction", "china"), ("joint-statement-on-conjunction", "russia"),
        ("joint-statement-on-international-relations-entering-a-new-era", "china"),
        ("joint-statement-on-international-relations-entering-a-new-era", "russia"),
        ("eastern-route-contract", "gazprom"), ("eastern-route-contract", "cnpc"),
    }
    [contract] = answer("agreements", party="gazprom")
    assert (contract["otherParties"], contract["year"], contract["value"], contract["unit"], contract["documents"]) == (
        "China National Petroleum Corporation", "2014", "400000000000", "USD", D2)
    treaty = answer("agreements", agreement="treaty-of-good-neighbourliness", party="russia")
    assert [(r["otherParties"], r["documents"], r["value"]) for r in treaty] == [("China", f"{D1} | {D4}", "")]


def test_projects_with_operators_participants_location_and_capacity(answer):
    rows = answer("projects")
    assert {(slug(r["project"]), slug(r["participant"]), r["role"]) for r in rows} == {
        ("power-of-siberia", "gazprom", "operator"), ("power-of-siberia", "cnpc", "participant"),
        ("power-of-siberia-2", "gazprom", "participant"),
        ("yamal-lng", "novatek", "operator"), ("yamal-lng", "cnpc", "participant"),
        ("yamal-lng", "silk-road-fund", "participant"), ("yamal-lng", "total", "participant"),
        ("central-asia-china-gas-pipeline", "cnpc", "participant"),
        ("kazakhstan-china-oil-pipeline", "cnpc", "participant"), ("kazakhstan-china-oil-pipeline", "kazmunaygas", "participant"),
        ("khorgos-gateway", "kazakhstan-temir-zholy", "operator"), ("khorgos-gateway", "cosco-shipping", "participant"),
        ("khorgos-gateway", "lianyungang-port", "participant"),
    }
    by_project = {slug(r["project"]): r for r in rows}
    assert {p: (r["capacity"], r["unit"]) for p, r in by_project.items() if r["capacity"]} == {
        "power-of-siberia": ("38000000000", "m3/year"), "yamal-lng": ("16500000", "t/year"),
        "kazakhstan-china-oil-pipeline": ("20000000", "t/year")}
    assert set(by_project["central-asia-china-gas-pipeline"]["location"].split(" | ")) == {
        "Turkmenistan", "Uzbekistan", "Kazakhstan", "Central Asia", "China"}
    assert by_project["yamal-lng"]["location"] == "Sabetta"
    [gazprom] = answer("projects", project="power-of-siberia", role="operator")
    assert gazprom["documents"] == f"{D1} | {D2} | {D4}"


def test_who_is_who(answer):
    heads = {(slug(r["person"]), slug(r["organisation"])): r["documents"] for r in answer("people", role="headOf")}
    assert heads == {
        ("marta-kowalczyk", "irtysh-institute-for-eurasian-affairs"): D1, ("vladimir-norov", "sco"): D1,
        ("leonid-mikhelson", "novatek"): D2, ("alexei-miller", "gazprom"): D2, ("xi-jinping", "china"): f"{D3} | {D4}",
        ("kassym-jomart-tokayev", "kazakhstan"): D3, ("vladimir-putin", "russia"): D4,
    }
    analysts = {slug(r["person"]): r["claims"] for r in answer("people", role="affiliatedWith")}
    heads_of_organisations = {"marta-kowalczyk", "vladimir-norov", "leonid-mikhelson", "alexei-miller"}
    assert set(analysts) == {"dana-abenova", "viktor-lebedinsky", "wen-shaoqing", "bakhtiyor-rakhimjonov",
                             "livia-brandauer", "saule-temirkhanova", "hao-jiarui", "jonas-meyerhof",
                             "anika-strand"} | heads_of_organisations
    assert (analysts["anika-strand"], analysts["livia-brandauer"], analysts["dana-abenova"]) == ("3", "3", "1")


def test_profile_reads_every_relation_from_the_entitys_side(answer):
    rows = answer("profile", entity="kazakhstan")
    assert {(r["relation"], slug(r["other"]), r["documents"]) for r in rows} == {
        ("memberOf", "sco", "2"), ("memberOf", "eaeu", "2"), ("memberOf", "csto", "2"),
        ("hasHead", "kassym-jomart-tokayev", "1"), ("locationOf", "central-asia-china-gas-pipeline", "1"),
        ("locationOf", "kazakhstan-china-oil-pipeline", "1"), ("locationOf", "khorgos-gateway", "1"),
    }
    union = {(r["relation"], slug(r["other"])) for r in answer("profile", entity="eaeu")}
    assert union == {("hasMember", s) for s in ("russia", "belarus", "kazakhstan", "armenia", "kyrgyzstan")} | {
        ("linkedWith", "silk-road-economic-belt")}
    assert [(r["relation"], slug(r["other"])) for r in answer("profile", entity="silk-road-economic-belt")] == [
        ("linkedWith", "eaeu")]


# Where the sources agree


def test_facts_stated_by_several_documents(answer):
    corroborated = {(slug(r["subject"]), r["predicate"], slug(r["object"])): r["documents"]
                    for r in answer("fact-support") if int(r["documents"]) > 1}
    assert corroborated == {
        ("power-of-siberia", "operator", "gazprom"): "3",
        ("cnpc", "participatesIn", "power-of-siberia"): "2", ("power-of-siberia", "locatedIn", "russia"): "2",
        ("china", "partyTo", "treaty-of-good-neighbourliness"): "2",
        ("russia", "partyTo", "treaty-of-good-neighbourliness"): "2",
        ("kazakhstan", "memberOf", "sco"): "2", ("kazakhstan", "memberOf", "eaeu"): "2",
        ("kazakhstan", "memberOf", "csto"): "2", ("uzbekistan", "memberOf", "sco"): "2",
        ("belarus", "memberOf", "eaeu"): "2", ("belarus", "memberOf", "csto"): "2", ("xi-jinping", "headOf", "china"): "2",
    }
    [widest] = answer("fact-support", documents="3")
    assert widest["sources"] == f"{D1} | {D2} | {D4}"


def test_claims_compared_set_disagreements_side_by_side(answer):
    rows = answer("claims-compared", entity="russia")
    assert [(r["kind"], r["about"], r["verdict"], r["voices"]) for r in rows] == [
        ("Prediction", "Central Asia | China | Russia", "disagree", "3"),
        ("Prediction", "China | Russia", "disagree", "2"),
        ("Assessment", "Central Asia | China | Russia", "one voice", "1"),
        ("Assessment", "China | China National Petroleum Corporation | Russia", "one voice", "1"),
        ("Assessment", "China | Russia", "one voice", "1"),
    ]
    rivalry, alliance = rows[0], rows[1]
    assert rivalry["affirm"].startswith(f"Saule Temirkhanova ({D3}, 2023): I expect that Central Asia")
    assert [line.split(":")[0] for line in rivalry["doubt"].split("\n")] == [f"Wen Shaoqing ({D1}, 2021)",
                                                                          f"Hao Jiarui ({D3}, 2023)"]
    assert alliance["affirm"].startswith(f"Anika Strand ({D4}, 2024): In my judgement, China and Russia are likely")
    assert "The panelists agreed that China and Russia are unlikely" in alliance["doubt"]
    assert [r["about"] for r in answer("claims-compared", entity="central-asia", verdict="disagree")] == [
        "Central Asia | China | Russia"]


def test_claims_compared_finds_agreement_too(tmp_path):
    """Two speakers doubting the same thing agree (the embedded corpus has no such pair alone)."""
    store = ox.Store()
    store.load(AGREEING_CLAIMS.encode(), format=ox.RdfFormat.TRIG)
    [row] = ask("claims-compared", store=store, entity="mongolia")
    assert (row["verdict"], row["voices"], row["affirm"]) == ("agree", "2", "")
    assert row["doubt"].split("\n") == ["Ana Petrova (steppe.txt, 2024): Mongolia is unlikely to join the EAEU.",
                                        "Ivo Berg (steppe.txt, 2024): Mongolia is not likely to join the EAEU soon."]


AGREEING_CLAIMS = """
@prefix ekg: <https://w3id.org/eurasia-kg/ontology#> . @prefix schema: <https://schema.org/> .
@prefix oa: <http://www.w3.org/ns/oa#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ent: <https://w3id.org/eurasia-kg/entity/> . @prefix doc: <https://w3id.org/eurasia-kg/doc/> .
<https://w3id.org/eurasia-kg/graph/doc/steppe> {
  doc:steppe a ekg:Document ; dcterms:identifier "steppe.txt" ; dcterms:date "2024"^^xsd:gYear .
  ent:mongolia rdfs:label "Mongolia"@en . ent:eaeu rdfs:label "Eurasian Economic Union"@en .
  ent:ana-petrova rdfs:label "Ana Petrova"@en . ent:ivo-berg rdfs:label "Ivo Berg"@en .
  doc:steppe\\/claim\\/1 a ekg:Claim ; ekg:claimKind ekg:Prediction ; ekg:hedge "unlikely" ;
      schema:text "Mongolia is unlikely to join the EAEU." ; ekg:attributedTo ent:ana-petrova ;
      schema:about ent:mongolia , ent:eaeu ; ekg:hasEvidence doc:steppe\\/claim\\/1\\/evidence .
  doc:steppe\\/claim\\/1\\/evidence oa:hasTarget doc:steppe\\/claim\\/1\\/target .
  doc:steppe\\/claim\\/1\\/target oa:hasSource doc:steppe ; oa:hasSelector doc:steppe\\/claim\\/1\\/position .
  doc:steppe\\/claim\\/1\\/position a oa:TextPositionSelector ; oa:start 0 .
  doc:steppe\\/claim\\/2 a ekg:Claim ; ekg:claimKind ekg:Prediction ; ekg:hedge "not likely" ;
      schema:text "Mongolia is not likely to join the EAEU soon." ; ekg:attributedTo ent:ivo-berg ;
      schema:about ent:mongolia , ent:eaeu ; ekg:hasEvidence doc:steppe\\/claim\\/2\\/evidence .
  doc:steppe\\/claim\\/2\\/evidence oa:hasTarget doc:steppe\\/claim\\/2\\/target .
  doc:steppe\\/claim\\/2\\/target oa:hasSource doc:steppe ; oa:hasSelector doc:steppe\\/claim\\/2\\/position .
  doc:steppe\\/claim\\/2\\/position a oa:TextPositionSelector ; oa:start 40 .
}
"""


# Claims


def test_claims_about_central_asia(answer):
    rows = answer("claims-about", entity="central-asia")
    assert claim_numbers(rows) == {"1.4", "2.2", "2.3", "3.2", "3.4", "3.5", "3.6"}
    for row in rows:
        number = key_claim(row["document"], row["text"])
        _, kind, speaker, hedge, about, _ = CLAIMS[number]
        assert (row["kind"], row["speaker"], row["hedge"]) == (kind, speaker, hedge)
        assert text_of(row["document"])[int(row["start"]):int(row["end"])] == row["text"]
    recommendations = answer("claims-about", entity="china", kind="Recommendation")
    assert claim_numbers(recommendations) == {"2.4", "3.3"}


def test_predictions_only_oldest_document_first(answer):
    rows = answer("predictions")
    assert [key_claim(r["document"], r["text"]) for r in rows] == ["2.2", "2.3", "1.1", "1.3", "1.4", "3.2", "3.5", "4.3"]
    assert {key_claim(r["document"], r["text"]): r["hedge"] for r in answer("predictions", certainty="hedged")} == {
        "1.1": "probably", "1.3": "unlikely", "1.4": "unlikely", "2.3": "unlikely", "3.5": "unlikely", "4.3": "likely"}
    assert claim_numbers(answer("predictions", speaker="saule-temirkhanova")) == {"3.2"}


def test_hedged_claims_and_firm_ones(answer):
    hedged = answer("claim-certainty", certainty="hedged")
    assert {key_claim(r["document"], r["text"]) for r in hedged} == {
        number for number, claim in CLAIMS.items() if claim[3] != "firm"}
    firm = claim_numbers(answer("claim-certainty", certainty="firm"))
    assert {number for number, claim in CLAIMS.items() if claim[3] == "firm"} <= firm
    assert claim_numbers(answer("claim-certainty", certainty="firm", kind="Recommendation")) == {
        "1.5", "2.4", "3.3", "3.6", "4.4"}


def test_claims_by_a_speaker_an_affiliation_and_a_voice(answer):
    strand = answer("claims-by", speaker="anika-strand")
    assert claim_numbers(strand) == {"4.1", "4.3", "4.4"}
    assert {(r["voice"], slug(r["affiliation"])) for r in strand} == {("author", "northbridge-centre-for-asian-security")}
    assert claim_numbers(answer("claims-by", affiliation="irtysh-institute-for-eurasian-affairs")) == {"1.1"}
    assert claim_numbers(answer("claims-by", voice="quoted")) == {"1.1", "1.2", "1.3", "1.4", "1.5", "2.2", "4.2"}


# Figures over time, provenance, co-mentions, coverage


def test_chinas_figures_by_year_with_their_partner_and_sentence(answer):
    rows = answer("figures-over-time")
    assert {(r["year"], r["value"], r["unit"], slug(r["partner"])) for r in rows} == {
        ("2019", "110800000000", "USD", "russia"), ("2020", "107800000000", "USD", "russia"),
        ("2022", "70200000000", "USD", ""), ("2023", "240100000000", "USD", "russia"),
        ("2023", "26.3", "percent", "russia"), ("2024", "200000000000", "USD", "russia"),
    }
    assert [r["year"] for r in rows] == sorted(r["year"] for r in rows)
    central_asia = next(r for r in rows if r["year"] == "2022")
    assert central_asia["sentence"] == "China's trade with the five Central Asian states reached $70.2 billion in 2022."
    assert next(r for r in rows if r["year"] == "2019")["sentence"].endswith(
        "China's trade with Russia came to $107.8 billion in 2020, according to Chinese customs, down from a record "
        "$110.8 billion in 2019.")
    trade_with_russia = {(r["year"], r["value"]) for r in answer("figures-over-time", partner="russia") if r["unit"] == "USD"}
    assert trade_with_russia == {("2019", "110800000000"), ("2020", "107800000000"), ("2023", "240100000000"),
                                 ("2024", "200000000000")}


def test_figures_of_another_subject(answer):
    pipeline = {(r["document"], r["value"], r["unit"]) for r in answer("figures-over-time", subject="power-of-siberia")}
    assert pipeline == {(D1, "38000000000", "m3/year"), (D2, "2200", "km"), (D2, "38000000000", "m3/year"),
                        (D4, "22700000000", "m3")}


def test_provenance_of_a_fact_a_claim_and_a_figure(answer):
    membership = answer("provenance", subject="kazakhstan", predicate="memberOf", object="csto")
    assert [r["document"] for r in membership] == [D1, D3]
    for row in membership:
        assert "Kazakhstan" in row["quote"] and "Collective Security Treaty Organization" in row["quote"]
    [alliance] = answer("provenance", subject="anika-strand", object="china")
    assert (alliance["kind"], alliance["predicate"], alliance["year"]) == ("Prediction", "about", "2024")
    assert alliance["quote"].startswith("In my judgement, China and Russia are likely to conclude a military alliance")
    [deal] = answer("provenance", subject="eastern-route-contract", document=D2, statement=next(
        r["statement"] for r in answer("provenance", subject="eastern-route-contract") if "400" in r["objectLabel"]))
    assert (deal["kind"], deal["objectLabel"]) == ("Quantity", "400000000000 USD in 2014")


def test_every_quote_is_the_text_at_its_offsets(answer):
    rows = answer("provenance")
    assert len({r["statement"] for r in rows}) > 100
    texts = {document: text_of(document) for document in (D1, D2, D3, D4)}
    for row in rows:
        assert texts[row["document"]][int(row["start"]):int(row["end"])] == row["quote"], row["statement"]


def test_co_mentions_of_xi_jinping(answer):
    neighbours = {slug(r["other"]): (r["sentences"], r["documents"]) for r in answer("co-mentions", entity="xi-jinping")}
    once = ("1", "1")
    assert neighbours == {
        "vladimir-putin": ("3", "3"), "china": ("3", "2"), "russia": ("2", "2"), "silk-road-economic-belt": ("2", "1"),
        "alexei-miller": once, "gazprom": once, "astana": once, "nazarbayev-university": once, "bri": once,
        "moscow": once, "joint-statement-on-conjunction": once, "eaeu": once, "beijing": once,
        "joint-statement-on-international-relations-entering-a-new-era": once,
    }
    [pair] = answer("co-mentions", entity="gazprom", other="cnpc")
    [mirror] = answer("co-mentions", entity="cnpc", other="gazprom")
    assert (pair["sentences"], pair["documents"]) == (mirror["sentences"], mirror["documents"]) == ("3", "3")


def test_coverage_of_an_entity_across_the_documents(answer):
    vostok = answer("coverage", entity="vostok-2018")
    assert [(r["document"], r["mentions"], r["claims"], r["facts"], r["figures"]) for r in vostok] == [
        (D4, "3", "1", "4", "2")]
    belarus = answer("coverage", entity="belarus")
    assert [(r["document"], r["mentions"], r["claims"], r["facts"]) for r in belarus] == [
        (D3, "2", "0", "2"), (D4, "1", "0", "2")]
    assert {r["document"] for r in answer("coverage", entity="china")} == {D1, D2, D3, D4}
    everything = answer("coverage")
    # entities distinct within each document, as the key counts them (04 also names the first joint air patrol)
    assert len(everything) == 28 + 33 + 31 + 31
    shares = sum(float(r["share"]) for r in everything if r["document"] == D2)
    assert shares == pytest.approx(100, abs=1)


# The doors: command line and Python


def test_the_command_line_lists_the_questions_with_their_defaults(embedded_store):
    listing = run_cli("query", "--list", "--store", str(embedded_store)).stdout
    for name in questions():
        assert name in listing
    detailed = run_cli("query", "--list", "--format", "markdown", "--store", str(embedded_store)).stdout
    assert "subject (entity, default china)" in detailed


def test_the_command_line_answers_in_every_format(embedded_store):
    args = ["query", "claims-compared", "--param", "entity=russia", "--store", str(embedded_store)]
    as_csv = list(csv.DictReader(io.StringIO(run_cli(*args, "--format", "csv").stdout)))
    as_json = json.loads(run_cli(*args, "--format", "json").stdout)
    assert [r["verdict"] for r in as_csv] == [r["verdict"] for r in as_json] == [
        "disagree", "disagree", "one voice", "one voice", "one voice"]
    markdown = run_cli(*args, "--format", "markdown").stdout
    assert markdown.startswith("| entity | entityLabel | kind | about | verdict | voices | affirm | doubt |")
    assert "<br>Hao Jiarui" in markdown  # two claims on one side of a question, one per line
    table = run_cli(*args, "--format", "table").stdout
    assert "Where the sources agree and disagree (5 rows)" in table
    missing = run_cli("query", "claims-about", "--store", str(embedded_store), check=False)
    assert missing.returncode == 2 and "needs a value for its parameter entity" in missing.stderr  # wrong usage


def test_python_gives_the_rows_the_command_line_gives(embedded_store):
    rows = ask("memberships", store=str(embedded_store), organisation="eaeu")
    printed = run_cli("query", "memberships", "--param", "organisation=eaeu", "--store", str(embedded_store),
                      "--format", "csv").stdout
    assert rows == list(csv.DictReader(io.StringIO(printed)))
    with pytest.raises(named_queries.QueryError, match="no parameter colour"):
        ask("memberships", store=str(embedded_store), colour="red")
