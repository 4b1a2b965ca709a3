"""Quantities: the grammar of amounts, the quantity component on sentences written for these tests,
and the quantities read from the embedded corpus (against its answer key) and the shared corpus."""

from __future__ import annotations

from decimal import Decimal

import pytest

from eurasia_kg.pipeline.entities import EntityRecogniser
from eurasia_kg.pipeline.ingest import read_source
from eurasia_kg.pipeline.metadata import read_metadata
from eurasia_kg.pipeline.model import Analysis
from eurasia_kg.pipeline.numbers import _FORMS, find_amounts
from eurasia_kg.pipeline.quantities import read_quantities
from eurasia_kg.pipeline.rules import rule_table
from eurasia_kg.pipeline.segment import segment_sentences

from .conftest import REPO, text_source


def quantities_of(text: str, recognise: EntityRecogniser) -> Analysis:
    analysis = recognise(read_metadata(segment_sentences(Analysis(text_source(text)))))
    return read_quantities(analysis)


def found(analysis: Analysis) -> list[tuple[Decimal, str]]:
    return [(q.value, q.unit) for q in analysis.quantities]


@pytest.mark.parametrize(
    "written, value, unit",
    [
        ("a gas deal worth $400 billion", "400000000000", "USD"),
        ("loans of US$5bn", "5000000000", "USD"),
        ("a fund of 40 billion dollars", "40000000000", "USD"),
        ("€2.5 million in grants", "2500000", "EUR"),
        ("100 billion yuan of credit", "100000000000", "CNY"),
        ("RMB 30 billion", "30000000000", "CNY"),
        ("1.5 trillion roubles", "1500000000000", "RUB"),
        ("a discount of $1.50 per barrel", "1.5", "USD/bbl"),
        ("gas at $350 per 1,000 cubic metres", "350", "USD/1000m3"),
        ("36 bcm/year", "36000000000", "m3/year"),
        ("50 bcm a year", "50000000000", "m3/year"),
        ("38 billion cubic metres of gas a year", "38000000000", "m3/year"),
        ("22.7 billion cubic meters", "22700000000", "m3"),
        ("20 million tonnes of crude a year", "20000000", "t/year"),
        ("30 million tons per year", "30000000", "t/year"),
        ("16.5 mtpa", "16500000", "t/year"),
        ("1.2 million barrels per day", "1200000", "bbl/day"),
        ("300,000 b/d", "300000", "bbl/day"),
        ("a 4,200-kilometer border", "4200", "km"),
        ("2,228 km long", "2228", "km"),
        ("a 1,000-mile railway", "1000", "miles"),
        ("eight miles of new track", "8", "miles"),
        ("twelve kilometres of road", "12", "km"),
        ("a 700 MW plant", "700", "MW"),
        ("2 gigawatts of solar", "2", "GW"),
        ("10 billion kWh of electricity", "10", "TWh"),
        ("2.4 percent of trade", "2.4", "percent"),
        ("nearly 70% of exports", "70", "percent"),
        ("above 80 per cent", "80", "percent"),
        ("about 3,200 Chinese troops", "3200", "count"),
        ("183 million people", "183000000", "count"),
        ("the number of Russian troops involved at some 300,000", "300000", "count"),
        ("up to 50 billion cubic meters (bcm) of gas per year", "50000000000", "m3/year"),
        ("a $400-billion deal", "400000000000", "USD"),
        ("30 bn cubic metres", "30000000000", "m3"),
        ("15 mln tonnes", "15000000", "t"),
        ("600,000 barrels per day (bpd)", "600000", "bbl/day"),
        ("a 30-year gas supply contract", "30", "years"),
        ("worth $400 billion over 30 years", "30", "years"),
        ("a 20-day trial", "20", "days"),
        ("a six-month ban on exports", "6", "months"),
        ("the twenty-one-year-old partnership", "21", "years"),
        ("at least four years behind schedule", "4", "years"),
        ("more than 15 years' experience", "15", "years"),
        ("up to 15 years in prison", "15", "years"),
        ("sentenced to nine years", "9", "years"),
        ("more than 1m people", "1000000", "count"),
        ("some 6,000 nationals who lived there", "6000", "count"),
        ("100 foreign engineers", "100", "count"),
        ("40 Chinese specialists", "40", "count"),
        ("the five permanent members", "5", "count"),
        ("a plan with 100 specific actions", "100", "count"),
        ("3.5m containers", "3500000", "count"),
        ("trade grew tenfold", "10", "count"),
        ("$12bn", "12000000000", "USD"),
        ("€18.5 billion", "18500000000", "EUR"),
        ("tariffs of 20–25%", "20", "percent"),
        ("pledged US$ 5 billion", "5000000000", "USD"),
        ("lent Rmb10bn", "10000000000", "CNY"),
        ("10 billion cu m of gas", "10000000000", "m3"),
        ("20 billion kilowatt-hours", "20", "TWh"),
        ("more than a million people", "1000000", "count"),
        ("one million tonnes", "1000000", "t"),
        ("a population of 36m.", "36000000", "count"),
        ("trade rose 30pc", "30", "percent"),
        ("a 49-percent stake", "49", "percent"),
        ("one in five residents", "20", "percent"),
    ],
)
def test_the_grammar_reads_each_form_of_amount(written, value, unit):
    amounts = find_amounts(written)
    assert (Decimal(value), unit) in [(a.value, a.unit) for a in amounts], amounts


@pytest.mark.parametrize(
    "written",
    [
        "the exercise Vostok 2018 was large",
        "twenty years of partnership and the eight member states",
        "Tu-95MS and H-6K bombers",
        "5G networks and the G20",
        "the 160th anniversary of the city",
        "he wrote 24 books",
        "signed on 16 July 2001 in Moscow",
        "between 2016 and 2020",
    ],
)
def test_the_grammar_leaves_names_dates_and_bare_numbers_alone(written):
    assert find_amounts(written) == []


def test_what_a_form_needs_is_held_by_every_match_of_its_pattern():
    """`needs` only spares a sentence the search: every text a form's pattern matches holds it (the
    forms run over each rule's examples and the amounts written for these tests)."""
    texts = [text for spec in rule_table("quantities") for text in spec.examples + spec.counterexamples]
    texts += [mark.args[1] for mark in test_the_grammar_reads_each_form_of_amount.pytestmark][0]
    texts = [text if isinstance(text, str) else text[0] for text in texts]
    forms = [form for form in _FORMS if form.needs]
    assert len(forms) > 20
    for form in forms:
        for text in texts:
            for match in form.pattern.finditer(text, overlapped=True):
                assert form.needs.search(match.group()), (form.rule, text)


def test_an_amount_restated_in_brackets_is_read_once():
    assert [(a.value, a.unit) for a in find_amounts("a 2,600 km (1,600 miles) route")] == [(Decimal("2600"), "km")]


def test_values_are_written_out_in_full_without_exponent():
    (amount,) = find_amounts("$107.8 billion")
    assert amount.value == Decimal("107800000000") and str(amount.value) == "107800000000"


def test_a_capacity_belongs_to_the_pipeline_and_keeps_its_year(recognise):
    analysis = quantities_of(
        "Gazprom says the Power of Siberia pipeline will carry 38 billion cubic metres a year by 2025.\n",
        recognise,
    )
    (quantity,) = analysis.quantities
    assert (quantity.value, quantity.unit, quantity.year) == (Decimal("38000000000"), "m3/year", 2025)
    assert quantity.subject.label == "Power of Siberia" and quantity.measure == "capacity"
    assert analysis.quote(quantity) == "38 billion cubic metres a year"


def test_trade_belongs_to_the_entity_that_leads_the_clause_and_each_amount_takes_its_own_year(recognise):
    analysis = quantities_of(
        "China's trade with Russia fell to $107.8 billion in 2020 from $110.8 billion in 2019.\n", recognise
    )
    assert [(q.subject.label, q.value, q.year, q.measure) for q in analysis.quantities] == [
        ("China", Decimal("107800000000"), 2020, "trade volume"),
        ("China", Decimal("110800000000"), 2019, "trade volume"),
    ]


def test_a_range_keeps_its_subject_and_this_year_gives_no_year(recognise):
    analysis = quantities_of(
        "Kazakhstan's share in China's imports rose from 3.5 percent in 2015 to nearly 6 percent this year.\n",
        recognise,
    )
    assert [(q.subject.label, q.value, q.year) for q in analysis.quantities] == [
        ("Kazakhstan", Decimal("3.5"), 2015),
        ("Kazakhstan", Decimal("6"), None),
    ]


def test_a_year_compared_against_is_not_the_year_of_the_amount(recognise):
    analysis = quantities_of("Russia's exports to China reached $90 billion in 2023, 12 percent more than in 2022.\n",
                             recognise)
    assert [(q.unit, q.year, q.measure) for q in analysis.quantities] == [("USD", 2023, "exports"),
                                                                          ("percent", 2023, "change")]


def test_a_definite_description_points_back_to_the_paragraph(recognise):
    analysis = quantities_of(
        "Kazakhstan and Kyrgyzstan joined the Eurasian Economic Union in 2015. "
        "The member states now count about 185 million people.\n",
        recognise,
    )
    (quantity,) = analysis.quantities
    assert quantity.subject.label == "Eurasian Economic Union" and quantity.unit == "count"


def test_the_deal_points_back_across_a_paragraph_and_a_compared_amount_keeps_the_rate(recognise):
    analysis = quantities_of(
        "Kazakhstan and China signed a transit agreement on Monday.\n\n"
        "The deal foresees 30 million tonnes a year by 2030, up from 23 million tonnes in 2023.\n",
        recognise,
    )
    assert [(q.subject.label, q.value, q.unit, q.year) for q in analysis.quantities] == [
        ("Kazakhstan", Decimal("30000000"), "t/year", 2030),
        ("Kazakhstan", Decimal("23000000"), "t/year", 2023),
    ]


def test_a_place_a_route_passes_is_not_what_it_measures(recognise):
    analysis = quantities_of(
        "Power of Siberia 2 is planned.\n\nThe planned route runs 2,600 km through Russia and 963 km "
        "through Mongolia.\n",
        recognise,
    )
    assert [(q.subject.label, q.value) for q in analysis.quantities] == [
        ("Power of Siberia 2", Decimal("2600")), ("Power of Siberia 2", Decimal("963"))
    ]


def test_numbers_inside_names_and_amounts_about_nothing_are_not_quantities(recognise):
    analysis = quantities_of(
        "Some 40 percent of the respondents agreed.\n\nPower of Siberia 2 would add 50 bcm a year.\n", recognise
    )
    assert found(analysis) == [(Decimal("50000000000"), "m3/year")]
    assert analysis.quantities[0].subject.label == "Power of Siberia 2"


def test_a_duration_counts_only_for_a_deal(recognise):
    analysis = quantities_of(
        "Over the past 20 years Russia and China drew closer. "
        "Gazprom signed a contract with China for 30 years.\n",
        recognise,
    )
    assert found(analysis) == [(Decimal("30"), "years")]


def test_troops_of_an_exercise_take_the_year_of_its_name(recognise):
    analysis = quantities_of("Vostok 2018 involved about 3,200 Chinese troops.\n", recognise)
    (quantity,) = analysis.quantities
    assert (quantity.subject.label, quantity.year, quantity.measure) == ("Vostok 2018", 2018, "troops")


def test_the_embedded_corpus_quantities_match_the_answer_key(pipeline):
    from eurasia_kg.corpus import CORPUS_DIR
    from evaluation.gold import load_gold

    gold = load_gold(REPO / "evaluation" / "gold", "embedded")
    expected = predicted = matched = 0
    for document in gold:
        analysis = pipeline.analyse(read_source(CORPUS_DIR / document.document))
        unused = [(q.value, q.unit) for q in analysis.quantities]
        predicted += len(unused)
        for quantity in document.quantities:
            expected += 1
            hit = next((p for p in unused if p[1] == quantity.unit and abs(p[0] - quantity.value)
                        <= Decimal("0.01") * abs(quantity.value)), None)
            if hit:
                matched += 1
                unused.remove(hit)
    assert expected == 23
    assert matched / expected >= 0.9 and matched / predicted >= 0.9, (matched, expected, predicted)


def test_the_shared_corpus_quantities(pipeline, shared_corpus):
    carnegie = pipeline.analyse(read_source(next(shared_corpus.glob("002_*.txt"))))
    by_value = {(q.value, q.unit): q for q in carnegie.quantities}
    assert (Decimal("36000000000"), "m3/year") in by_value
    share = by_value[(Decimal("2.4"), "percent")]
    assert (share.subject.label, share.year) == ("Russia", 2021)
    assert by_value[(Decimal("1.5"), "USD/bbl")].measure == "discount"
    zogg = pipeline.analyse(read_source(next(shared_corpus.glob("003_*.txt"))))
    assert {(q.value, q.unit) for q in zogg.quantities} == {
        (Decimal("400000000000"), "USD"), (Decimal("30"), "years"), (Decimal("3"), "count")  # three states bought drones
    }
    panel = pipeline.analyse(read_source(next(shared_corpus.glob("000_*.txt"))))
    assert panel.quantities == ()  # years and series names only


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a discount of 10–15 percent", [("10", "percent"), ("15", "percent")]),
        ("between $5 and $7 billion", [("5000000000", "USD"), ("7000000000", "USD")]),
        ("between 30 and 35 billion cubic metres a year", [("30000000000", "m3/year"), ("35000000000", "m3/year")]),
        ("set up with forty billion dollars", [("40000000000", "USD")]),
        ("about six billion cubic metres", [("6000000000", "m3")]),
        ("below a third of its imports", [("33.33", "percent")]),
        ("its eight member states and twenty years", []),
        ("a bloc of eight member states", [("8", "count")]),
        ("In May 2017 two companies bought it", [("2", "count")]),  # the count, not the year
        ("In May 2017 the companies bought it", []),
        ("the top 10 countries by trade", []),
        ("a 2,500-strong battalion", [("2500", "count")]),
        ("from 2014 - 30-year deals", [("30", "years")]),
    ],
)
def test_ranges_spelled_out_amounts_and_fractions(text, expected):
    assert [(str(a.value), a.unit) for a in find_amounts(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("an area of about 3 million km2", [("3000000", "km2")]),
        ("some 4,000 square kilometres of steppe", [("4000", "km2")]),
        ("1,200 hectares of cotton", [("1200", "ha")]),
        ("grew by nearly a third in 2022", [("33.33", "percent")]),
        ("half of which goes abroad", [("50", "percent")]),
        ("four-fifths of its grain", [("80", "percent")]),
        ("in the second half of 2020 and a quarter of a century later", []),
        ("a quarter of a million visitors", []),
        ("about half a million tonnes", [("500000", "t")]),
        ("mined 40 billion m3, of which it sold 15 billion to China", [("40000000000", "m3"), ("15000000000", "m3")]),
        ("populations of 90 million and 19 million, respectively", [("90000000", "count"), ("19000000", "count")]),
        ("3 trillion roubles (US$40 billion)", [("3000000000000", "RUB"), ("40000000000", "USD")]),
        ("a bloc of five post-Soviet states", [("5", "count")]),
        ("3,000 of its peacekeepers", [("3000", "count")]),
        ("40 logistics (rail and road) projects", [("40", "count")]),
        ("two more reactors", [("2", "count")]),
        ("a record number of tourists, about 60,000, came", [("60000", "count")]),
        ("Russia and two other members", []),
        ("the two countries and both states", []),
        ("a five-year plan", [("5", "years")]),
        ("renewed for five more years", [("5", "years")]),
        ("from 3 million cubic metres a day to 5 mcm per day", []),
        ("over 40 million tonnes when new contracts", [("40000000", "t")]),
    ],
)
def test_areas_fractions_elliptic_amounts_and_counts(text, expected):
    assert [(str(a.value), a.unit) for a in find_amounts(text)] == expected


def test_every_amount_names_its_rule():
    amounts = find_amounts("Trade rose by a quarter to $40 billion, 10–12 percent of which came from 300 firms.")
    assert [a.rule for a in amounts] == ["quantities/fraction", "quantities/money-sign", "quantities/range-start",
                                         "quantities/percent", "quantities/count"]


def test_a_figure_in_a_paragraph_of_its_own_belongs_to_the_entity_just_named(recognise):
    analysis = quantities_of("Kazakhstan and China opened a new border crossing.\n\nTrade reached $30 billion.\n", recognise)
    (quantity,) = analysis.quantities
    assert quantity.subject.label == "Kazakhstan" and quantity.rule == "quantities/money-sign"


def test_a_term_counts_for_what_lasts(recognise):
    analysis = quantities_of("The talks between Kazakhstan and China lasted approximately two years.\n", recognise)
    assert found(analysis) == [(Decimal("2"), "years")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("GDP of $200 billion, and its population 20 million.", [("200000000000", "USD"), ("20000000", "count")]),
        ("a turnover of $3 billion and a workforce of 2 million", [("3000000000", "USD")]),
        ("sales of $5 billion in 2020, up from 4 billion in 2019", [("5000000000", "USD"), ("4000000000", "USD")]),
        ("RUB 2 trln in loans", [("2000000000000", "RUB")]),
        ("1,500 wagons a year and 1.2 million TEU", [("1500", "count"), ("1200000", "count")]),
    ],
)
def test_a_bare_number_shares_a_unit_only_with_what_it_is_listed_or_compared_with(text, expected):
    assert [(str(a.value), a.unit) for a in find_amounts(text)] == expected


def test_a_lead_names_its_subject_after_the_figure(recognise):
    analysis = quantities_of("Some 4,000 workers walked off the site, a union said. Kazakhstan called it a dispute.\n",
                             recognise)
    assert [(q.value, q.unit, q.subject.label) for q in analysis.quantities] == [(Decimal("4000"), "count", "Kazakhstan")]
