"""Read quantities: a number in a named unit, with its year, about an entity.

Each amount the grammar of `numbers` finds in a sentence becomes a quantity when it is not part of a
name ("Vostok 2018", "Power of Siberia 2") and an entity can be found that it measures:

- its **subject** is, in order: an entity of the class the unit suits (a Project for a capacity,
  a length or a flow; an Event for troops; an organisation for a number of states or members; an
  Agreement for a deal's value or term) named in the same sentence; the first entity named in the
  stretch of the clause that leads up to the amount ("China's trade with Russia came to …"); an entity right after it ("23 percent of Moscow's
  exports"); the subject of the amount before it in the same sentence; the entity a definite
  description points back to ("the planned route", "the deal", "the eight member states"); another
  entity of the sentence; an entity of an earlier sentence of the paragraph ("their 4,200-kilometer
  border"), else of the last few sentences (news and transcripts write a paragraph a sentence);
  else an entity of the next sentences of the paragraph (a lead that names its subject after the
  figure). With none, no quantity.
  A number of years counts only as the term of a deal, a plan or what lasts.
- its **year** is the nearest year the sentence ties to it ("in 2021", "by 2015", "of 2014",
  "at the end of 2021"), with no other amount in between and no farther than a short clause away;
  "this year" and ranges give none, and the document's own year is never guessed. A number about
  an event named with its year (Vostok 2018) takes that year.
- its **measure** is named from the words around it ("trade", "capacity", "stake", "worth").

Every quantity names the rule of pipeline/rules/quantities.toml that read its amount, and a fact a
text repeats (same subject, measure, value, unit and year) is kept once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Callable

from .model import Analysis, EntityRef, Mention, Quantity, Sentence
from .numbers import Amount, find_amounts
from .passages import mentions_within
from .patterns import DEAL_NOUNS
from .strategies import Decision, first_found

_CLAUSE_BREAK = re.compile(r";|:\s|\s[—–]\s|,\s(?:while|whereas|but)\s")
_YEAR = re.compile(
    r"(?P<lead>\b(?:in|by|of|for|during|as of|end of|half of|quarter of|start of|beginning of|"
    r"January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s(?:early|late|mid-?))?\s|\()(?:\d{1,2}\s)?(?P<year>(?:19|20)\d\d)(?![\d–-])"
    r"|(?P<own>(?:19|20)\d\d)['’]s\b"
    r"|\b(?P<relative>(?:this|last|next|the\scurrent|the\spast|the\scoming)\s(?:year|decade))\b",
    re.IGNORECASE,
)
# "began deliveries in 2019 and is designed to carry …": a verb of its own after "and" starts another clause.
_NEW_CLAUSE = re.compile(r"\band\s+(?:is|are|was|were|has|have|had|will|would|can|could|should|may|might)\b", re.IGNORECASE)
_NAME_YEAR = re.compile(r"\s+of\s+(?P<year>(?:19|20)\d\d)\b")
_MEASURE_REACH = 25  # characters after an amount that may still name what it measures ("… km border")
_YEAR_REACH = 70  # characters: farther than this, a year belongs to another clause
_COMPARED = re.compile(r"\bthan\s(?:in\s)?|\bcompared\s(?:with|to)\s|\bfrom\s", re.IGNORECASE)
_RANGE_START = re.compile(r"\bfrom\s(?:\w+\s)?$")
_RANGE_END = re.compile(r"\bto\s(?:\w+\s)?$")
# "… 2,600 km through Russia and 963 km through Mongolia": a place the measured thing passes, not its owner.
_LOCATIVE = re.compile(r"\b(?:through|across|via|into|to|from|in|at|near|along)\s+(?:the\s+)?$", re.IGNORECASE)
_COMPARISON = re.compile(r"\b(?:up|down|rising|falling)\sfrom\b|\bfrom\b|\bto\b|\bcompared\s(?:with|to)\b|"
                         r"\bagainst\b|\bversus\b|\bthan\b", re.IGNORECASE)
_LOOK_BACK = 4  # sentences: how far back "the pipeline" or "their border" may point
_LOOK_AHEAD = 2  # sentences of the paragraph after a figure that may name what it is about
_DESCRIPTIONS = (
    (r"\bmember states\b|\bmembers\b|\bthe organi[sz]ation\b|\bthe bloc\b|\bthe union\b", "InternationalOrganization"),
    (r"\bthe (?:[\w-]+ )?(?:pipeline|project|plant|line|port|railway|route|corridor|terminal|field)\b", "Project"),
    (r"\bthe (?:[\w-]+ )?(?:deal|contract|agreement|treaty|accord)\b", "Agreement"),
    (r"\bthe (?:[\w-]+ )?(?:exercise|drills?|summit)\b", "Event"),
    (r"\b(?:two|both) (?:countries|neighbou?rs|states|governments)\b|\bbilateral\b", "State"),
)
_PREFERRED_CLASS = {
    "volume": "Project", "mass": "Project", "oil": "Project", "length": "Project", "power": "Project",
    "energy": "Project", "count": "Event", "duration": "Agreement",
}
_MEMBERS = re.compile(r"\b(?:states|countries|nations|members)$")
_DEAL_CUE = re.compile(rf"\b(?:{'|'.join(DEAL_NOUNS)})s?\b|\bworth\b|\bvalued\b|\bruns\b", re.IGNORECASE)
# A number of years counts when the clause speaks of a deal or of something lasting, or names an agreement.
_LASTING_CUE = re.compile(r"\b(?:last(?:s|ed|ing)?|renew(?:s|ed|al)?|extend(?:s|ed)?|extension|valid|expires?|term)\b",
                          re.IGNORECASE)
_MEASURES: dict[str, tuple[tuple[str, str], ...]] = {
    "money": (
        (r"\btarget|\bgoal|\baim\b|\bto reach\b", "trade target"), (r"\btrade", "trade volume"),
        (r"\bworth\b|\bvalued?\b|\bdeal\b|\bcontract\b", "deal value"), (r"\binvest", "investment"),
        (r"\bloan|\bcredit|\blend", "loan"), (r"\bexport", "exports"), (r"\bimport", "imports"),
        (r"\bGDP\b|\beconomy\b", "GDP"), (r"\bbudget|\bspend", "spending"), (r"\bfund\b", "fund size"),
        (r"\bcost", "cost"), (r"\brevenue|\bincome", "revenue"), (r"\bdebt", "debt"),
    ),
    "price": ((r"\bdiscount", "discount"), (r"\bprice", "price")),
    "share": (
        (r"\bstake\b|\bholds?\b|\bsold\b|\bbought\b|\bacquired\b|\bowns?\b", "stake"),
        (r"\bapproval", "approval rating"), (r"\bpopulation", "share of population"),
        (r"\bshare\b.*\btrade|\btrade\b.*\bshare\b", "share of trade"),
        (r"\bshare\b.*\bexports?|\bexports?\b.*\bshare\b|\baccount", "share of exports"),
        (r"\bgrowth|\bgrew|\bgrow|\bincrease|\brose\b|\bmore than\b|\bfell\b|\bdecline|\bdrop|\bdown\b",
         "change"),
        (r"\bshare\b", "share"),
    ),
    "volume": (
        (r"\bcapacity|\bdesign|\b(?:can|could|will|would|to)\s(?:carry|pump|ship|transport|handle)\b", "capacity"), (r"\bdeliver|\bsuppl|\bship|\bcarr|\bpump|\bflow", "deliveries"),
        (r"\bexport", "exports"), (r"\bimport", "imports"), (r"\bproduc|\boutput", "production"),
        (r"\breserve", "reserves"),
    ),
    "length": ((r"\bborder", "border length"),),
    "power": ((r"\bcapacity", "capacity"),),
    "count": (
        (r"\btroops|\bsoldiers|\bservicemen|\bpersonnel|\bsailors|\bofficers", "troops"),
        (r"\bpeople|\bresidents|\binhabitants|\bcitizens", "population"),
    ),
    "duration": ((r".", "duration"),),
}
_MEASURES["mass"] = _MEASURES["oil"] = _MEASURES["volume"]
_DEFAULT_MEASURE = {
    "money": "amount", "price": "price", "share": "share", "volume": "volume", "mass": "volume",
    "oil": "volume", "length": "length", "power": "capacity", "energy": "energy", "count": "number",
}


def read_quantities(analysis: Analysis) -> Analysis:
    """Pipeline component: fill `quantities`."""
    quantities: list[Quantity] = []
    sentences = analysis.sentences
    paragraph: list[Sentence] = []
    for index, sentence in enumerate(sentences):
        if paragraph and "\n" in analysis.view[paragraph[-1].end : sentence.start]:
            paragraph = []
        context = _Context(tuple(paragraph), sentences[max(0, index - _LOOK_BACK) : index],
                           _following(analysis, sentences[index + 1 : index + 1 + _LOOK_AHEAD], sentence))
        quantities += _sentence_quantities(analysis, sentence, context)
        paragraph.append(sentence)
    return replace(analysis, quantities=tuple(_once(quantities)))


def _once(quantities: list[Quantity]) -> list[Quantity]:
    """The quantities, each fact once: a text that says the same thing again (a passage repeated,
    a summary restating a figure) gives the same subject, measure, value, unit and year twice."""
    seen: set[tuple[object, ...]] = set()
    kept = []
    for quantity in quantities:
        key = (quantity.subject, quantity.measure, quantity.value, quantity.unit, quantity.year)
        if key not in seen:
            seen.add(key)
            kept.append(quantity)
    return kept


@dataclass(frozen=True)
class _Context:
    """The sentences before one: those of its paragraph, and the last few whatever their paragraph
    (a definite description, "the deal", may point back across a paragraph break)."""

    paragraph: tuple[Sentence, ...]
    recent: tuple[Sentence, ...]
    following: tuple[Sentence, ...] = ()  # the next sentences of the paragraph: the last resort


def _following(analysis: Analysis, after: tuple[Sentence, ...], sentence: Sentence) -> tuple[Sentence, ...]:
    """The sentences after one, up to the end of its paragraph."""
    kept, end = [], sentence.end
    for following in after:
        if "\n" in analysis.view[end : following.start]:
            break
        kept.append(following)
        end = following.end
    return tuple(kept)


def _sentence_quantities(analysis: Analysis, sentence: Sentence, before: _Context) -> list[Quantity]:
    text = analysis.view[sentence.start : sentence.end]
    amounts = [a for a in _shifted(find_amounts(text), sentence.start) if not _inside_name(analysis, a)]
    quantities: list[Quantity] = []
    previous: Quantity | None = None
    for amount in amounts:
        clause = _clause(analysis, sentence, amount)
        if amount.rule == "quantities/duration" and not _lasts(analysis, clause):
            continue
        decision, confidence = _subject(_SubjectCase(analysis, sentence, clause, amount, previous, before))
        if decision is None:
            continue
        subject = decision.value
        year = _year(analysis, sentence, amount, amounts) or _dated_name(analysis, sentence, subject) or _event_year(subject)
        measure = _measure(analysis, clause, amount)
        unit = _compared_rate(analysis, previous, amount)
        previous = Quantity(amount.start, amount.end, subject, measure, amount.value, unit, year, confidence,
                            amount.rule, decision.by)
        quantities.append(previous)
    return quantities


def _lasts(analysis: Analysis, clause: tuple[int, int]) -> bool:
    """Whether a number of years in the clause is the term of something: a deal, a plan, what lasts."""
    words = analysis.view[clause[0] : clause[1]]
    return bool(_DEAL_CUE.search(words) or _LASTING_CUE.search(words)) or any(
        m.entity.cls == "Agreement" for m in mentions_within(analysis, clause[0], clause[1]))


def _compared_rate(analysis: Analysis, previous: Quantity | None, amount: Amount) -> str:
    """The unit of an amount compared with a rate just given: "30 million tonnes a year by 2030, up
    from 23 million tonnes in 2023" compares two rates, the second written without its "a year"."""
    if previous and previous.unit == f"{amount.unit}/year" and _COMPARISON.search(
        analysis.view, previous.end, amount.start
    ):
        return previous.unit
    return amount.unit


def _shifted(amounts: list[Amount], offset: int) -> list[Amount]:
    return [replace(a, start=a.start + offset, end=a.end + offset, number_start=a.number_start + offset,
                    number_end=a.number_end + offset) for a in amounts]


def _inside_name(analysis: Analysis, amount: Amount) -> bool:
    return any(m.start < amount.number_end and amount.number_start < m.end for m in analysis.mentions)


def _clause(analysis: Analysis, sentence: Sentence, amount: Amount) -> tuple[int, int]:
    """The stretch of the sentence between the clause breaks around the amount."""
    start, end = sentence.start, sentence.end
    for match in _CLAUSE_BREAK.finditer(analysis.view, sentence.start, sentence.end):
        if match.end() <= amount.start:
            start = match.end()
        elif match.start() >= amount.end:
            end = match.start()
            break
    return start, end


@dataclass(frozen=True)
class _SubjectCase:
    """An amount whose subject is sought, with the text around it."""

    analysis: Analysis
    sentence: Sentence
    clause: tuple[int, int]
    amount: Amount
    previous: Quantity | None  # the quantity read just before in the sentence
    before: _Context

    @cached_property
    def preferred(self) -> str | None:
        """The class of entity the amount's unit suits: a bloc's membership, a deal's value or term."""
        view, amount = self.analysis.view, self.amount
        if amount.kind == "count" and _MEMBERS.search(view, amount.start, amount.end):
            return "InternationalOrganization"  # "a bloc of six states": the bloc's membership
        if amount.kind in ("money", "duration") and _DEAL_CUE.search(view[self.clause[0] : amount.start]):
            return "Agreement"
        return _PREFERRED_CLASS.get(amount.kind)

    @cached_property
    def lead_from(self) -> int:
        """Where the words leading to the amount start: the clause, or the quantity before it."""
        return max(self.clause[0], self.previous.end if self.previous else self.clause[0])

    @property
    def lead_text(self) -> str:
        return self.analysis.view[self.lead_from : self.amount.start]


def _of_suited_class(case: _SubjectCase) -> EntityRef | None:
    """The nearest mention of the class the amount suits ("a $400 billion deal" measures an agreement)."""
    return _nearest_of_class(case.analysis, case.sentence, case.amount, case.preferred)


def _range_end(case: _SubjectCase) -> EntityRef | None:
    """The second number of a range ("from 10 to 20 billion") keeps the first one's subject."""
    previous, view = case.previous, case.analysis.view
    if previous and _RANGE_END.search(case.lead_text) and _RANGE_START.search(view[case.clause[0] : previous.start]):
        return previous.subject
    return None


def _lead_mention(case: _SubjectCase) -> EntityRef | None:
    """The first entity the words leading to the amount name, unless it only says where."""
    analysis, lead_from = case.analysis, case.lead_from
    lead = [m for m in mentions_within(analysis, lead_from, case.amount.start)
            if _may_measure(m, case.amount) and not _LOCATIVE.search(analysis.view, lead_from, m.start)]
    return lead[0].entity if lead else None


def _owner_named_after(case: _SubjectCase) -> EntityRef | None:
    """ "23 percent of Moscow's arms exports": the entity after "of"."""
    owner = _owner_after(case.analysis, case.amount, case.clause[1])
    return owner.entity if owner else None


def _previous_subject(case: _SubjectCase) -> EntityRef | None:
    """The subject of the quantity just before in the sentence."""
    return case.previous.subject if case.previous else None


def _described_before(case: _SubjectCase) -> EntityRef | None:
    """What a definite description before the amount points back to ("the pipeline", "the two neighbours")."""
    sentences = (Sentence(case.sentence.start, case.lead_from), *reversed(case.before.recent))
    return _described(case.analysis, case.lead_text, sentences)


def _elsewhere_in_sentence(case: _SubjectCase) -> EntityRef | None:
    """The first entity the sentence names anywhere that may be measured."""
    sentence = case.sentence
    elsewhere = [m for m in mentions_within(case.analysis, sentence.start, sentence.end) if _may_measure(m, case.amount)]
    return elsewhere[0].entity if elsewhere else None


def _earlier_sentence(case: _SubjectCase) -> EntityRef | None:
    """An entity of an earlier sentence of the paragraph, else of the last few sentences."""
    analysis, amount = case.analysis, case.amount
    return _earlier(analysis, amount, case.before.paragraph) or _earlier(analysis, amount, case.before.recent)


def _later_sentence(case: _SubjectCase) -> EntityRef | None:
    """ "More than 1m people are held in camps. Beijing denies it.": a lead names its subject after the figure."""
    return _earlier(case.analysis, case.amount, tuple(reversed(case.before.following)))


# The ways of finding the subject an amount measures, most telling first, each with how sure its choice is.
SUBJECT_STRATEGIES: tuple[tuple[Callable[[_SubjectCase], EntityRef | None], float], ...] = (
    (_of_suited_class, 0.8),
    (_range_end, 0.8),
    (_lead_mention, 0.8),
    (_owner_named_after, 0.7),
    (_previous_subject, 0.7),
    (_described_before, 0.6),
    (_elsewhere_in_sentence, 0.6),
    (_earlier_sentence, 0.5),
    (_later_sentence, 0.3),
)
_CONFIDENCE: dict[Callable[..., object], float] = dict(SUBJECT_STRATEGIES)


def _subject(case: _SubjectCase) -> tuple[Decision[EntityRef] | None, float]:
    """The entity the amount measures, the strategy that found it, and how sure that choice is."""
    decision = first_found((strategy for strategy, _ in SUBJECT_STRATEGIES), case)
    return decision, _CONFIDENCE[decision.strategy] if decision else 0.0


def _nearest_of_class(analysis: Analysis, sentence: Sentence, amount: Amount, cls: str | None) -> EntityRef | None:
    """The mention of class `cls` nearest the amount in the sentence, one before it first."""
    suited = [m for m in mentions_within(analysis, sentence.start, sentence.end) if m.entity.cls == cls]
    leading = [m for m in suited if m.end <= amount.start]
    if leading:
        return leading[-1].entity
    return suited[0].entity if suited else None


def _may_measure(mention: Mention, amount: Amount) -> bool:
    """An event has troops but no trade or deal value of its own."""
    return mention.entity.cls != "Event" or amount.kind == "count"


def _owner_after(analysis: Analysis, amount: Amount, clause_end: int) -> Mention | None:
    """The entity in "… of X" right after the amount: "23 percent of Moscow's arms exports"."""
    match = re.compile(r"\s+of\s+(?:the\s+)?").match(analysis.view, amount.end, clause_end)
    if not match:
        return None
    return next((m for m in analysis.mentions if m.start == match.end()), None)


def _described(analysis: Analysis, lead_text: str, sentences: tuple[Sentence, ...]) -> EntityRef | None:
    """The entity a definite description before the amount points back to, nearest sentence first.

    "The eight member states" point to an organisation, "the pipeline" to a project, "the two
    neighbours" to states; when no entity of that class was named, the first entity of the nearest
    sentence that names one.
    """
    cues = [cls for cue, cls in _DESCRIPTIONS if re.search(cue, lead_text, re.IGNORECASE)]
    for cls in cues + [None] * bool(cues):  # a deal nobody named: the parties just named
        for sentence in sentences:
            found = [m for m in mentions_within(analysis, sentence.start, sentence.end) if cls in (None, m.entity.cls)]
            if found:
                return found[0].entity
    return None


def _earlier(analysis: Analysis, amount: Amount, before: tuple[Sentence, ...]) -> EntityRef | None:
    """An entity of an earlier sentence of the paragraph: of the class the unit suits, else a state,
    else any, nearest sentence first."""
    for cls in (_PREFERRED_CLASS.get(amount.kind), "State", None):
        for earlier in reversed(before):
            found = [m for m in mentions_within(analysis, earlier.start, earlier.end) if cls in (None, m.entity.cls)]
            if found:
                return found[0].entity
    return None


def _year(analysis: Analysis, sentence: Sentence, amount: Amount, amounts: list[Amount]) -> int | None:
    """The year the sentence ties to the amount: the nearest year expression within reach.

    Another amount standing between them keeps the year for itself; so does a year written right
    after another amount ("$10.7 billion in 2001"), unless no other year is in reach. "this year"
    reaches too, and gives no year; a year compared against ("more than in 2022") is not one.
    """
    free: list[tuple[int, int | None]] = []
    taken: list[tuple[int, int | None]] = []
    for match in _YEAR.finditer(analysis.view, sentence.start, sentence.end):
        if any(m.start <= match.start() < m.end for m in analysis.mentions) or _COMPARED.search(
            analysis.view, max(sentence.start, match.start() - 12), match.start() + 1
        ):
            continue
        start, end = match.start(), match.end()
        distance = amount.start - end if end <= amount.start else start - amount.end
        if not 0 <= distance <= _YEAR_REACH:
            continue
        low, high = min(end, amount.start), max(start, amount.end)
        if any(low <= other.start < high for other in amounts if other is not amount) or _NEW_CLAUSE.search(
            analysis.view, low, high
        ):
            continue
        owned = any(other is not amount and 0 <= start - other.end <= 3 for other in amounts)
        year_text = match.group("year") or match.group("own")
        (taken if owned else free).append((distance, int(year_text) if year_text else None))
    candidates = free or taken
    return min(candidates)[1] if candidates else None


def _dated_name(analysis: Analysis, sentence: Sentence, subject: EntityRef) -> int | None:
    """The year the sentence writes after the subject's own name ("the Eastern Route contract of 2014"),
    which dates every amount about it, whatever stands between."""
    for mention in mentions_within(analysis, sentence.start, sentence.end):
        if mention.entity == subject and (match := _NAME_YEAR.match(analysis.view, mention.end)):
            return int(match["year"])
    return None


def _event_year(subject: EntityRef) -> int | None:
    """The year in an event's name ("Vostok 2018"), which the event's numbers refer to."""
    if subject.cls != "Event":
        return None
    match = re.search(r"\b(?:19|20)\d\d\b", subject.label)
    return int(match.group()) if match else None


def _measure(analysis: Analysis, clause: tuple[int, int], amount: Amount) -> str:
    """What the amount measures, named from the words of its clause, those before it first."""
    before = analysis.view[clause[0] : amount.end]
    after = analysis.view[amount.start : min(clause[1], amount.end + _MEASURE_REACH)]
    for words in (before, after):
        for cue, measure in _MEASURES.get(amount.kind, ()):
            if re.search(cue, words, re.IGNORECASE):
                return measure
    return _DEFAULT_MEASURE.get(amount.kind, "amount")
