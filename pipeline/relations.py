"""Read the core relations between recognised entities: memberOf, partyTo, participatesIn, operator,
locatedIn, affiliatedWith, headOf and linkedWith, each with its sentence as evidence.

Each sentence is rewritten as a *mask*, in which every mention becomes a placeholder naming its
class and number: "Kazakhstan, a member of both the EAEU and the CSTO" reads
"«S0», a member of both «O1» and «O2»". On the way:

- a name and another name of the same kind in brackets become one placeholder ("Eurasian Economic
  Union (EAEU)"); a short aside in brackets that names nothing and double quotes are left out; a dash
  before a name reads as a colon ("the CIS — A, B and C"), any other dash as a comma;
- a demonym before a group noun, or before the title of a head of state not followed by a name,
  stands for its state ("Chinese troops", "the Kazakh president said" are «S»); other demonyms keep
  their own code, D, that few rules accept;
- a description that refers back ("the pipeline", "that treaty", "the country", "the two countries",
  "they" after a list of states, "he" opening a sentence or after a conjunction) becomes the
  placeholder of what it refers to: the latest entity of the right class in the sentence or the
  three before it; "the President of X" named by office alone becomes the person the text has
  called X's head;
- "the" before a placeholder is dropped, so the rules need not say it;
- a town and the state named after it ("in Osh, Kyrgyzstan, the envoys …") are one placeholder, so that the
  state is not read as one of a list; a second, "fine" mask shows the names that other names hold and keeps
  the town and its state apart, for the few rules that read there (where the town lies).

The rules live as named data in pipeline/rules/relations.toml (its header explains the macros and
options): regular expressions over the mask, written with class macros: {S} one state, {SOC+} a
list of states, organisations or companies ("A, B and C", never stopping before "and D"), and shared
pieces such as {head} or {where}. Codes: S state, D demonym, O international organisation, I
initiative, A agreement, P project, C company, H person, R research organisation, L place, E event.
A rule's groups s… are its subjects and o… its objects; a rule may name the class of an object the
sentence leaves out ("Total is the fourth shareholder" of the project just named), and an object
"its" is the latest state before it. Every relation carries its rule's id ("relations/<id>") and is
checked against the domain and range of its property as the ontology declares them; nothing is read
from a match that holds a negation ("never signed"), nor, except where a thing lies, a hope or a
plan ("has applied to join"). A triple is kept once per document, with its most confident evidence.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_left, insort
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterator, Sequence

from rdflib import OWL, RDFS
from rdflib.collection import Collection

from eurasia_kg.ontology import ontology_graph
from eurasia_kg.vocab import EKG

from .entities import SURFACE_KINDS
from .model import Analysis, EntityRef, Mention, Relation, Sentence, Span
from .patterns import EXERCISE_NOUNS, GROUP_NOUNS, HEAD_ROLES, ROLE_NOUNS, STATE_HEAD_TITLES, alternatives
from .rules import RuleSpec, RuleTableError, rule_table

CODES = {"State": "S", "InternationalOrganization": "O", "Initiative": "I", "Agreement": "A", "Project": "P",
         "Company": "C", "Person": "H", "ResearchOrganization": "R", "Place": "L", "Event": "E"}


def _signatures() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Domain and range of each core property, as core classes, read from the ontology: a class
    named there (ekg:Agent, an owl:unionOf list) stands for every core class under it."""
    graph = ontology_graph()

    def core(node) -> frozenset[str]:
        members = graph.value(node, OWL.unionOf)
        if members is not None:
            return frozenset().union(*(core(m) for m in Collection(graph, members)))
        return frozenset(name for name in CODES if (EKG[name], node) in subclasses)

    subclasses = {(EKG[name], sup) for name in CODES
                  for sup in graph.transitive_objects(EKG[name], RDFS.subClassOf)}
    return {name: (core(graph.value(EKG[name], RDFS.domain)), core(graph.value(EKG[name], RDFS.range)))
            for name in PROPERTIES}


PROPERTIES = ("memberOf", "partyTo", "participatesIn", "operator", "locatedIn", "affiliatedWith", "headOf",
              "linkedWith")
SIGNATURES = _signatures()
_NEGATION = re.compile(
    r"\b(?:not(?! only)|never|no longer|neither|nor|refused|declined|failed|yet to|outside|instead of|rather than)\b|"
    r"n't\b", re.I)
# A hope or a plan is no membership, party or participation yet; where a planned line runs is still where it runs.
_HEDGE = re.compile(r"\b(?:applied to|apply to|hopes? to|wants? to|seeks? to|bid to|plans? to|aims? to|"
                    r"propos(?:ed|es|e|als?) to|"
                    r"(?:will|would|could|may|might|should|is to|are to|(?:is|are) (?:set|expected|due|likely|poised) to|"
                    r"intends? to|hopes? to|is about to|are about to) (?:also |soon |eventually |formally )?"
                    r"(?:join|sign|accede|become|ratify|take part|participate|enter))\b", re.I)
_HEDGED = {"memberOf", "partyTo", "participatesIn", "headOf", "affiliatedWith", "operator"}
_WINDOW = 3  # sentences before the current one in which a description may find what it refers to

# Descriptions that refer back to an entity named before, by the classes that entity may have; one
# whose name holds the noun is preferred ("the bank" is the latest bank, whether company or union of states).
_REFERRING = [
    (re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hat) (?:(?:dry|new|planned|proposed|gas|oil|main|first|second|existing|cross-border) )?"
                r"(pipeline|project|plant|port|line|railway|bridge|terminal|facility|factory|refinery|dam|tunnel|mine)\b"), {"Project"}),
    (re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hat) (treaty|agreement|contract|deal|accord|pact)\b"), {"Agreement"}),
    (re.compile(rf"\b(?:[Tt]he|[Tt]his|[Tt]hat) ({alternatives(EXERCISE_NOUNS)}|summit|talks|conference|forum)\b"),
     {"Event"}),
    (re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hat) (organi[sz]ation|bloc|grouping|union|alliance|commission|council)\b"),
     {"InternationalOrganization"}),
    (re.compile(r"\b[Tt]he (country|nation)\b"), {"State"}),
    (re.compile(r"\b[Tt]he (company|firm|corporation)\b"), {"Company"}),
    (re.compile(r"\b[Tt]he (bank|fund)\b"), {"Company", "InternationalOrganization"}),
    (re.compile(r"\b[Tt]he (institute|centre|center|university|think tank)\b"), {"ResearchOrganization"}),
]
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
# "the two countries", "both sides", "the three states", "our countries": that many states named last (two
# when the number is not said).
_SOME_STATES = re.compile(r"\b(?:(?:[Tt]he|[Aa]ll|[Tt]hese|[Tt]hose|[Oo]ur) (two|three|four|five|six|seven|eight|nine|ten)|"
                          r"([Bb]oth|[Oo]ur|[Bb]oth our)) (?:countries|powers|neighbou?rs|nations|states|sides|governments|capitals|"
                          r"parties|republics|heads of state|heads of government|leaders|presidents)\b(?! of\b)")
# "the same countries", "these states", "all these nations": the states of the last list named together.
_SAME_STATES = re.compile(r"\b(?:[Tt]he same|[Tt]hese|[Tt]hose|[Aa]ll (?:of )?(?:these|those|the)) (?:countries|states|nations|"
                          r"governments|republics|member states|partners|powers|leaders|heads of state)\b(?! (?:of|that|which|who|in)\b)")
# "they" opening a clause, "the sides", "the parties": the states just listed together ("A and B … they held").
# (The look-ahead says first what the rest implies, so that most places fail before the look-behinds run.)
_THEY = re.compile(r"(?=[Tt]he)(?:^|(?<=[,;] )|(?<= and )|(?<= but )|(?<= after )|(?<= when )|(?<= before )|(?<= because )|"
                   r"(?<= since )|(?<= once )|(?<= as )|(?<= until )|(?<= while ))(?:[Tt]hey|[Tt]he (?:sides|parties))\b(?! (?:say|said|argue|argued|note|noted)\b)")
_HE_SHE = re.compile(r"^(?:(?:There|Then|Later|Afterwards|Here|Next|Subsequently),? )?(He|She|(?<= )he|(?<= )she)\b")
# "The President of Russia", "the Prime Minister of the Republic of Armenia": a head named by office alone
_HEAD_BY_OFFICE = re.compile(r"\b[Tt]he (?:President|Prime Minister|Premier|Chancellor|King|Emir) of (?:the )?")
# "he" after a conjunction inside a sentence: the person named last ("X invited Y after he was ousted").
_HE_SHE_INSIDE = re.compile(r"\b(?:after|when|before|because|since|until|while|once|and|but|that|which|where|whom) (he|she)\b")
# "it" as the object of a verb that joins, founds, signs or runs something: what was named last of those kinds.
_IT = re.compile(r"\b(?:founded|established|created|set up|joined|acceded to|signed|ratified|left|built|operates|runs|"
                 r"owns|launched) (it)\b")
_IT_CLASSES = {"InternationalOrganization", "Agreement", "Project", "Initiative"}
# A title that a person's mention holds ("President Xi" as an alias): left out of the person's placeholder.
_TITLE_IN_NAME = re.compile(r"(?:President|Premier|Prime Minister|Chancellor|King|Emir|Secretary[- ]General|Chairman|"
                            r"Chairwoman|Director[- ]General) (?=[A-Z])")
# Commas around words that name nothing ("«S0» and «S1», two old rivals, joined"): the rules read past them.
_APPOSITION = re.compile(r"^,(?! (?:[a-z]+ )?(?:of )?(?:which|whom|whose)\b| to give\b)(?: [^«»,;:()\"“”]{1,80}),"
                         r"(?= (?!(?:with|and|or|to|in|of|for|from|by|as|at|on|but)\b)(?-i:[a-z]))")


@dataclass(frozen=True)
class Slot(Span):
    """What a placeholder stands for: one entity, or several ("the two countries")."""

    code: str
    entities: tuple[EntityRef, ...]
    known: bool = True  # named by the reference data, rather than first met in this text
    metonym: bool = False  # a capital standing for its state


@dataclass(frozen=True)
class Mask:
    text: str
    slots: tuple[Slot, ...]
    at: tuple[int, ...]  # where each placeholder starts in the mask text
    # names that hold other names ("the summit of the SCO in Astana"): each outer slot with those inside it
    nested: tuple[tuple[Slot, tuple[Slot, ...]], ...] = ()


@dataclass(frozen=True)
class Rule:
    """A pattern over masks and the property it reads, as pipeline/rules/relations.toml states it;
    `objects` maps object codes to properties where the property depends on the object ("joined" an
    organisation or an initiative)."""

    id: str  # the full id, "relations/<id>", that every relation it reads carries
    pattern: re.Pattern
    predicate: str
    confidence: float
    implicit: str = ""  # codes of an object the sentence leaves out, found before the match
    objects: tuple[tuple[str, str], ...] = ()
    pair: bool = False  # the relation holds between the two latest entities before the match
    new_places: bool = False  # a place as subject only when first met in the text (a town, not a region)
    respective: bool = False  # subjects and objects listed in the same order pair one to one
    sole: bool = False  # the implicit object is the one entity of its code before the match in the sentence
    by_heads: bool = False  # the people it reads as subjects stand for the states the text calls them heads of
    level: str = ""  # "inside": reads the inside of a name that holds others; "fine": the sentence with names held by others shown
    context: re.Pattern | None = None  # what the sentence must also say for the rule to read it
    # the codes of each placeholder no match can do without ({SOC+} outside any optional part): a mask
    # without one of them is not searched
    needs: tuple[frozenset[str], ...] = ()


# The shared pieces a pattern names in lower case ({head}, {role}, …).
MACROS = {
    # a role held at an organisation ("a senior fellow at …")
    "role": alternatives(ROLE_NOUNS | {"research associate", "senior associate", "resident scholar"}),
    # a role that makes its holder the head
    "head": alternatives(HEAD_ROLES | {"chief executive", "managing director", "general director",
                                        "executive director", "secretary general", "prime minister",
                                        "strongman", "ruler"}),
    "org_head": r"(?:secretary-general|secretary general|director-general|director general|chief executive|"
                r"executive secretary|managing director|general director)",
    "state_head": rf"(?:{alternatives(STATE_HEAD_TITLES)})",
    # a word that may stand between a possessive and its noun ("China's long-standing X"), not a preposition
    "modifier": r"(?!(?:to|on|in|of|with|for|from|and|or|the|a|an|by|at|over|into|is|was|are|were)\b)[a-z-]+",
    # "the Chinese port city of", "Russia's far eastern region of": words that say where a place lies
    "where": r"(?:(?:«[SD]\d+»(?:'s)? )?(?:(?:{sides}|{modifier}) ){0,3}?(?:city|town|port|port city|capital|region|"
             r"province|oblast|district|village|island|peninsula|seaport) of )?",
    # a forename the recogniser left outside a person's mention ("Secretary General Stefano «H»")
    "forename": r"(?:(?-i:[A-Z][a-z]+) )?",
    "sides": r"(?:(?:north|south|east|west)(?:ern)?-(?:central|eastern|western|east|west)|north|south|east|west|"
             r"northern|southern|eastern|western|central|northeastern|northwestern|southeastern|southwestern|far|remote)",
    # text naming no agent: only states, places, initiatives or events
    "gap": r"(?:[^«»;]|«[SLDIE]\d+»)",
    "no_speech": r"(?!\b(?:said|says|told|tells|argued|argues|noted|notes|wrote|writes|warned|added)\b)",
    # after the organisation someone heads: not more of a longer name ("chair of the Russia in the
    # Asia-Pacific Program" heads the programme, not Russia), nor the next person's name ("X, President
    # of A Y, …" lists titles before names)
    "end": r"(?!'s| (?-i:[A-Z])| «H| (?:and|in|of|for|on|&) «[A-Z]\d+» (?-i:[A-Z]))",
}


def _expand(template: str) -> re.Pattern:
    """A rule's regular expression, its macros written out."""
    def one(codes: str) -> str:
        return rf"«[{codes}]\d+»"

    def many(codes: str) -> str:
        item = one(codes)
        # people in a list may keep their titles ("Deputy Secretary X and Secretary General Y")
        title = r"(?:(?-i:[A-Z][a-z]+) ){0,3}" if "H" in codes else ""
        return rf"{item}(?:(?:,? and |, |,? as well as | & ){title}{item})*(?!,? (?:and|as well as) {title}{item})"

    regex = template
    while re.search(r"\{[a-z_]+\}", regex):  # a macro may name others
        regex = re.sub(r"\{([a-z_]+)\}", lambda m: MACROS[m[1]], regex)
    regex = re.sub(r"\{([A-Z]+)(\+?)\}", lambda m: many(m[1]) if m[2] else one(m[1]), regex)
    return re.compile(regex, re.I)


def _load(spec: RuleSpec) -> Rule:
    try:
        pattern = _expand(spec.pattern)
    except (re.error, KeyError) as error:
        raise RuleTableError(f"pipeline/rules/relations.toml: rule {spec.id!r}: {error!r}") from error
    if spec.reads not in SIGNATURES:
        raise RuleTableError(f"pipeline/rules/relations.toml: rule {spec.id!r} reads {spec.reads!r}, "
                             f"which is none of {', '.join(SIGNATURES)}")
    return Rule(spec.full_id, pattern, spec.reads, spec.confidence, str(spec.option("implicit", "")),
                tuple(spec.table("objects").items()), bool(spec.option("pair", False)),
                bool(spec.option("new_places", False)), bool(spec.option("respective", False)),
                bool(spec.option("sole", False)), bool(spec.option("by_heads", False)), _level(spec),
                re.compile(str(spec.option("context")), re.I) if spec.option("context") else None,
                _needed_placeholders(pattern.pattern))


_PLACEHOLDER_IN_PATTERN = re.compile(r"«(?:\[([A-Z]+)\]|([A-Z]))\\d\+»(?![?*+{])")


def _needed_placeholders(regex: str) -> tuple[frozenset[str], ...]:
    """The code sets of the placeholders ("«[SOC]\\d+»") a regular expression cannot match without: those
    that no optional or repeated-from-zero group, no group with alternatives and no look-around holds.
    A cheap test a mask must pass before the rule's pattern is run over it; it only ever leaves out
    masks the pattern cannot match."""
    frames: list[list] = [[False, []]]  # per open group: whether its placeholders are optional, and them
    index = 0
    while index < len(regex):
        char = regex[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index = _class_end(regex, index)
            continue
        if char == "«" and (placeholder := _PLACEHOLDER_IN_PATTERN.match(regex, index)):
            frames[-1][1].append(frozenset(placeholder[1] or placeholder[2]))
            index = placeholder.end()
            continue
        if char == "(":
            # what a look-around or a condition holds need not be in the match
            frames.append([regex.startswith(("(?=", "(?!", "(?<=", "(?<!", "(?("), index), []])
        elif char == "|":
            frames[-1][0] = True
        elif char == ")":
            optional, held = frames.pop()
            following = regex[index + 1 : index + 3]
            if not (optional or following[:1] in ("?", "*") or following in ("{0", "{,")):
                frames[-1][1] += held
        index += 1
    optional, held = frames[0]
    return () if optional else tuple(dict.fromkeys(held))


def _class_end(regex: str, start: int) -> int:
    """The index after the character class that opens at `start`."""
    index = start + 1
    if regex[index : index + 1] == "^":
        index += 1
    if regex[index : index + 1] == "]":
        index += 1
    while regex[index] != "]":
        index += 2 if regex[index] == "\\" else 1
    return index + 1


def _level(spec: RuleSpec) -> str:
    if spec.option("inside", False):
        return "inside"
    return "fine" if spec.option("fine", False) else ""


RULES: tuple[Rule, ...] = tuple(_load(spec) for spec in rule_table("relations"))
_RULES_AT = {level: tuple(rule for rule in RULES if rule.level == level) for level in ("", "fine", "inside")}


def read_relations(analysis: Analysis) -> Analysis:
    """Pipeline component: fill `relations` with what each sentence states."""
    mentions = sorted(analysis.mentions, key=lambda m: m.start)
    read: list[list[Relation]] = []
    heads: dict[str, Counter] = {}  # state IRI → how often the text has named each person its head so far
    names = _document_names(analysis.view, mentions)
    waiting = []  # sentences naming a head by office before the text has named the person
    for index, sentence in enumerate(analysis.sentences):
        mask, found = _read(analysis, index, mentions, heads, names)
        for relation in found:
            if relation.predicate == "headOf" and relation.object.cls == "State":
                heads.setdefault(relation.object.iri, Counter())[relation.subject] += 1
        if any(not any(slot.start == match.start() for slot in mask.slots)
               for match in _HEAD_BY_OFFICE.finditer(analysis.view, sentence.start, sentence.end)):
            waiting.append(index)
        read.append(found)
        mentions = _with_descriptions(mentions, mask)
    for index in waiting:  # "The President of Russia took part …" opening a release that names him later
        titles = [r for r in read[index] if r.predicate == "headOf"]  # what the title itself said stays
        read[index] = titles + _read(analysis, index, mentions, heads, names)[1]
    return replace(analysis, relations=tuple(_tidy(_by_heads([r for found in read for r in found]))))


def _read(analysis: Analysis, index: int, mentions: list[Mention], heads: dict[str, Counter],
          names: tuple[re.Pattern | None, dict[str, Slot]]) -> tuple[Mask, list[Relation]]:
    """One sentence's mask and what the rules read from it and from inside the names it holds."""
    sentence = analysis.sentences[index]
    window = analysis.sentences[max(0, index - _WINDOW)].start
    slots = _slots(analysis.view, sentence, mentions, window, heads)
    outer, nested = _outermost(slots)
    towns = _with_their_states(analysis.view, outer, nested)
    mask = _render(analysis.view, sentence, towns, nested)
    found = list(_read_sentence(mask, sentence, mentions, window))
    # names held by others shown in their place ("talks in «L», «S»"): for the rules that read them there
    fine = _render(analysis.view, sentence, _innermost(slots)) if nested or len(towns) < len(outer) else mask
    found += _read_sentence(fine, sentence, mentions, window, level="fine")
    whole = mask if len(towns) == len(outer) else _render(analysis.view, sentence, outer, nested)
    for outer_slot, held in _names_within(analysis.view, whole, names):
        found += _read_sentence(_inner_mask(analysis.view, outer_slot, held), sentence, mentions, window, level="inside")
    return mask, found


def _with_descriptions(mentions: list[Mention], mask: Mask) -> list[Mention]:
    """The mentions, and what the sentence's descriptions referred to ("the alliance"), so that later
    sentences can point back to an entity named only by a description there."""
    described = [Mention(slot.start, slot.end, slot.entities[0], 0.5, "description")
                 for slot in mask.slots if len(slot.entities) == 1 and not _between(mentions, slot.start, slot.start + 1)]
    if not described:
        return mentions
    mentions = list(mentions)
    for mention in described:  # each after the mentions that start where it does, as a stable sort puts it
        insort(mentions, mention, key=_start)
    return mentions


# The mask ------------------------------------------------------------------------------------

def _mask(text: str, sentence: Sentence, mentions: list[Mention], window: int,
          heads: dict[str, Counter] | None = None) -> Mask:
    return _render(text, sentence, *_outermost(_slots(text, sentence, mentions, window, heads or {})))


def _render(text: str, sentence: Sentence, slots: list[Slot],
            nested: tuple[tuple[Slot, tuple[Slot, ...]], ...] = ()) -> Mask:
    """The sentence with each of these slots written as its placeholder."""
    parts, at, cursor = [], [], sentence.start
    for index, slot in enumerate(slots):
        between = _normal(text[cursor : slot.start], before_slot=True)
        if index:
            between = _APPOSITION.sub("", between)
        parts.append(_ARTICLE_AT_END.sub("", between))
        at.append(sum(len(p) for p in parts))
        parts.append(f"«{slot.code}{index}»")
        cursor = slot.end
    tail = _normal(text[cursor : sentence.end])
    parts.append(_APPOSITION.sub("", tail) if slots else tail)
    return Mask("".join(parts), tuple(slots), tuple(at), nested)


def _outermost(slots: list[Slot]) -> tuple[list[Slot], tuple[tuple[Slot, tuple[Slot, ...]], ...]]:
    """The slots no other slot holds, in order, and for each that holds others, those it holds (a slot
    that crosses the end of another is left out)."""
    outer: list[Slot] = []
    inner: dict[int, list[Slot]] = {}
    for slot in sorted(slots, key=lambda s: (s.start, -s.end)):
        if outer and slot.start < outer[-1].end:
            if slot.end <= outer[-1].end:
                inner.setdefault(len(outer) - 1, []).append(slot)
            continue
        outer.append(slot)
    return outer, tuple((outer[i], tuple(held)) for i, held in inner.items())


# "in Osh, Kyrgyzstan, …": a town, a comma and its state, not a list of names; what may follow the state
_TOWN_BEFORE = re.compile(r"(?:^|\b(?:in|at|near|to|from|outside|of|visited|visiting|toured|via)\s)$")
_STATE_AFTER = re.compile(r"\s*(?:[.;)]|$|,(?!\s(?:and|or)\b)|\s(?:in|on|at|last|this|next|earlier|later|where|which|that|"
                          r"during|since|until|from|to|for|with|between|after|before|when|near)\b)")


def _with_their_states(text: str, slots: list[Slot], nested: tuple[tuple[Slot, tuple[Slot, ...]], ...]) -> list[Slot]:
    """The slots with each town and the state named after it ("in Osh, Kyrgyzstan, the leaders …", "at
    the summit in Baku, Azerbaijan, …") made one slot of the town (or of the name ending with it), so
    that the state is not read as one of a list ("Kyrgyzstan, Uzbekistan joined …"); the fine mask keeps
    both for the rule that says where the town lies."""
    ends_with_town = {outer for outer, held in nested if any(h.code == "L" and h.end == outer.end for h in held)}
    merged: list[Slot] = []
    index = 0
    while index < len(slots):
        slot = slots[index]
        state = slots[index + 1] if index + 1 < len(slots) else None
        after = slots[index + 2] if index + 2 < len(slots) else None
        town = slot.code == "L" and not slot.metonym and _TOWN_BEFORE.search(text, max(0, slot.start - 12), slot.start)
        if (state and (town or slot in ends_with_town) and state.code == "S" and not state.metonym
                and text[slot.end : state.start] == ", "
                and _STATE_AFTER.match(text, state.end, after.start if after else len(text))
                and not (after and text[state.end : after.start] == ", " and _listed_on(text, slots, index + 2))):
            merged.append(replace(slot, end=state.end))
            index += 2
            continue
        merged.append(slot)
        index += 1
    return merged


_LIST_JOINT = re.compile(r",?\s(?:and|or|as well as)\s|,\s")
_AND_OR = re.compile(r",?\s(?:and|or)\b")


def _listed_on(text: str, slots: list[Slot], index: int) -> bool:
    """Whether the slot at `index` goes on a list ("…, B and C"), rather than opening a clause ("…, B joined")."""
    nxt = slots[index + 1] if index + 1 < len(slots) else None
    return bool(nxt and _LIST_JOINT.fullmatch(text, slots[index].end, nxt.start)) or bool(
        _AND_OR.match(text, slots[index].end))


def _innermost(slots: list[Slot]) -> list[Slot]:
    """The slots that hold no other slot, in order (of slots that cross, the first)."""
    inner: list[Slot] = []
    for slot in sorted(slots, key=lambda s: (s.start, s.end)):
        if any(other is not slot and slot.start <= other.start and other.end <= slot.end for other in slots):
            continue
        if inner and slot.start < inner[-1].end:
            continue
        inner.append(slot)
    return inner


# Names that may hold others: agreements, events, initiatives, projects and organisations.
_HOLDERS = "AEIPO"


def _document_names(text: str, mentions: list[Mention]) -> tuple[re.Pattern | None, dict[str, Slot]]:
    """How the document names its entities ("Kazakhstan", "Russian", "the SCO"), to find names inside the
    names of agreements, events or projects that the recogniser read whole ("the Kazakhstan–China oil
    pipeline"): one pattern for all, and what each stands for."""
    known: dict[str, Slot] = {}
    for mention in mentions:
        surface = text[mention.start : mention.end]
        # a capital standing for its state names the place inside a name ("the Tashkent Treaty")
        if len(surface) > 2 and surface[0].isupper() and surface not in known and mention.matched_as != "metonym":
            code = "D" if mention.matched_as == "demonym" else CODES[mention.entity.cls]
            known[surface] = Slot(0, 0, code, (mention.entity,))
    if not known:
        return None, known
    return re.compile(rf"(?<![\w-])(?:{alternatives(known)})(?![\w])"), known


def _names_within(text: str, mask: Mask, names: tuple[re.Pattern | None, dict[str, Slot]]
                  ) -> Iterator[tuple[Slot, tuple[Slot, ...]]]:
    """Each name of the sentence that holds others, with the names it holds: those the recogniser
    nested in it, or else the document's names found inside it."""
    nested = dict(mask.nested)
    pattern, known = names
    for slot in mask.slots:
        held = tuple(h for h in nested.get(slot, ()) if not h.metonym) or None
        if held is None and pattern and slot.code in _HOLDERS and slot.end - slot.start > 8:
            # a name at the start that is not the whole, then any after it
            first = pattern.match(text, slot.start, slot.end - 1)
            rest = pattern.finditer(text, first.end() if first else slot.start + 1, slot.end)
            held = tuple(replace(known[m[0]], start=m.start(), end=m.end()) for m in (first, *rest) if m)
        if held:
            yield slot, held


def _inner_mask(text: str, outer: Slot, held: tuple[Slot, ...]) -> Mask:
    """The inside of a name that holds others, as "«E0» = a summit of «O1» in «L2»"."""
    parts, at, cursor = [f"«{outer.code}0» = "], [0], outer.start
    for index, slot in enumerate(held, start=1):
        parts.append(_ARTICLE_AT_END.sub("", _normal(text[cursor : slot.start])))
        at.append(sum(len(p) for p in parts))
        parts.append(f"«{slot.code}{index}»")
        cursor = slot.end
    parts.append(_normal(text[cursor : outer.end]))
    return Mask("".join(parts), (outer, *held), tuple(at))


_ARTICLE_AT_END = re.compile(r"\b(?:[Tt]he|an?) $")  # "the" before a placeholder, which the rules need not say
_SPACES = re.compile(r"\s+")
_SHORT_ASIDE = re.compile(r" ?\([^()«»]{1,40}\)")
_DOUBLE_QUOTES = re.compile(r"[\"“”]")
_DASH_AT_END = re.compile(r" ?(?:—| [–-]) ?$")
_DASH = re.compile(r" ?(?:—| [–-] ) ?")


def _normal(text: str, before_slot: bool = False) -> str:
    """Text between placeholders as the rules read it: one space for any run of spaces; a dash before
    a name read as a colon ("states of the CIS — A, B and C"), any other dash that sets off an aside as
    a comma; a short aside in brackets that names nothing ("(MoU)", "(retranslated)") and double quotes left out."""
    text = _SPACES.sub(" ", text.replace("’", "'"))
    text = _SHORT_ASIDE.sub("", text)
    text = _DOUBLE_QUOTES.sub("", text)
    if before_slot:
        text = _DASH_AT_END.sub(": ", text)
    return _DASH.sub(", ", text)


def _slots(text: str, sentence: Sentence, mentions: list[Mention], window: int,
           heads: dict[str, Counter]) -> list[Slot]:
    inside = [m for m in _between(mentions, sentence.start, sentence.end + 1) if m.end <= sentence.end]
    titled = _titled_heads(text, sentence, inside, heads)
    slots = [_slot(text, m, inside) for m in inside if not _covered(m.start, m.end, titled)]
    slots += titled + _referring(text, sentence, mentions, window, inside)
    slots.sort(key=lambda s: s.start)
    return _join_acronyms(text, slots)


def _slot(text: str, mention: Mention, inside: list[Mention]) -> Slot:
    """A mention's slot; a demonym before a group noun ("Chinese troops") or before the title of an
    unnamed head of state ("the Kazakh president said") stands for its state."""
    if mention.matched_as != "demonym":
        known = mention.matched_as in SURFACE_KINDS
        start = mention.start
        if mention.entity.cls == "Person" and (title := _TITLE_IN_NAME.match(text, start, mention.end)):
            start = title.end()  # "President Xi" read whole: the title stays in the mask for the rules
        return Slot(start, mention.end, CODES[mention.entity.cls], (mention.entity,), known,
                    mention.matched_as == "metonym")
    after = text[mention.end : mention.end + 60]
    group = re.match(rf"\s+({'|'.join(GROUP_NOUNS)})\b", after) or re.match(
        rf"\s+{MACROS['state_head']}(?=(?-i:\s+[a-z]))", after, re.I)  # "the Kazakh president launched …"
    if group:
        return Slot(mention.start, mention.end + group.end(), "S", (mention.entity,))
    coordinated = re.match(rf"\s+and\s+[A-Z][\w-]+\s+(?:{'|'.join(GROUP_NOUNS)})\b", after)
    return Slot(mention.start, mention.end, "S" if coordinated else "D", (mention.entity,))


def _titled_heads(text: str, sentence: Sentence, inside: list[Mention], heads: dict[str, Counter]) -> list[Slot]:
    """ "The President of Russia" named by office alone: the person the text has called that state's head
    most often so far."""
    slots = []
    for match in _HEAD_BY_OFFICE.finditer(text, sentence.start, sentence.end):
        state = next((m for m in inside if m.start == match.end() and m.entity.cls == "State"
                      and m.matched_as != "demonym"), None)
        if state and (named := heads.get(state.entity.iri)):
            slots.append(Slot(match.start(), state.end, "H", (named.most_common(1)[0][0],)))
    return slots


def _referring(text: str, sentence: Sentence, mentions: list[Mention], window: int,
               inside: list[Mention]) -> list[Slot]:
    """Slots for descriptions that refer back to an entity named before."""
    body = text[sentence.start : sentence.end]
    slots = []
    for pattern, classes in _REFERRING:
        for match in pattern.finditer(body):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            found = _latest(mentions, classes, window, start, 1, named=match[1]) or _latest(
                [m for m in mentions if match[1].lower() in m.entity.label.lower()], classes, 0, start, 1)
            if found and not _covered(start, end, inside):
                slots.append(Slot(start, end, CODES[found[0].cls], found))
    for match in _SOME_STATES.finditer(body):
        start = sentence.start + match.start()
        count = _NUMBERS[match[1]] if match[1] else 2
        found = _latest(mentions, {"State"}, window, start, count)
        if len(found) == count:
            slots.append(Slot(start, sentence.start + match.end(), "S", found))
    for match in _SAME_STATES.finditer(body):
        start = sentence.start + match.start()
        if found := _listed_states(text, mentions, window, start):
            slots.append(Slot(start, sentence.start + match.end(), "S", found))
    for match in _THEY.finditer(body):
        start = sentence.start + match.start()
        if found := _listed_states(text, mentions, window, start):
            slots.append(Slot(start, sentence.start + match.end(), "S", found))
    for match in _IT.finditer(body):
        start = sentence.start + match.start(1)
        found = _latest(mentions, _IT_CLASSES, window, start, 1) or _latest(mentions, _IT_CLASSES, 0, start, 1)
        if found:
            slots.append(Slot(start, start + 2, CODES[found[0].cls], found))
    if (opening := _HE_SHE.match(body)) and (found := _latest(mentions, {"Person"}, window, sentence.start, 1)):
        slots.append(Slot(sentence.start + opening.start(1), sentence.start + opening.end(), "H", found))
    for match in _HE_SHE_INSIDE.finditer(body):
        start = sentence.start + match.start(1)
        last = next((m for m in reversed(mentions) if sentence.start <= m.start < start
                     and m.entity.cls == "Person"), None)
        # not past another name that the recogniser did not know ("invited Askar Akayev after he …")
        if last and not re.search(r"\b[A-Z][a-z]+ [A-Z][a-z]+", text[last.end : start]):
            slots.append(Slot(start, sentence.start + match.end(1), "H", (last.entity,)))
    return slots


def _listed_states(text: str, mentions: list[Mention], since: int, before: int) -> tuple[EntityRef, ...]:
    """The states of the last list of two or more named together ("A, B and C") in [since, before)."""
    listed: list[Mention] = []
    for mention in reversed(_between(mentions, since, before)):
        joined = listed and re.fullmatch(r"\s*(?:,|,? and|&)\s*", text[mention.end : listed[-1].start])
        if mention.entity.cls == "State" and (joined or not listed):
            listed.append(mention)
            continue
        if len({m.entity for m in listed}) >= 2:
            break
        listed = [mention] if mention.entity.cls == "State" else []
    found = tuple(dict.fromkeys(m.entity for m in reversed(listed)))
    return found if len(found) >= 2 else ()


def _latest(mentions: list[Mention], classes: set[str], since: int, before: int, count: int,
            named: str = "") -> tuple[EntityRef, ...]:
    """The last `count` distinct entities of these classes mentioned in [since, before); with `named`,
    the last whose label holds that word, when there is one."""
    span = _between(mentions, since, before)
    if named:
        called = [m for m in span if named.lower() in m.entity.label.lower()]
        if among_named := _latest(called, classes, since, before, count):
            return among_named
    found: list[EntityRef] = []
    for mention in reversed(span):
        if mention.entity.cls in classes and mention.entity not in found:
            found.append(mention.entity)
            if len(found) == count:
                break
    return tuple(found)


def _between(mentions: list[Mention], since: int, before: int) -> list[Mention]:
    """The mentions (sorted by start) that start in [since, before)."""
    return mentions[bisect_left(mentions, since, key=_start) : bisect_left(mentions, before, key=_start)]


def _start(mention: Mention) -> int:
    return mention.start


def _covered(start: int, end: int, spans: Sequence[Span]) -> bool:
    return any(s.start < end and start < s.end for s in spans)


def _join_acronyms(text: str, slots: list[Slot]) -> list[Slot]:
    """ "Eurasian Economic Union (EAEU)": one slot for a name and its acronym or other name in brackets (the
    bracket names the same thing, even where the two were not linked to one entity)."""
    joined: list[Slot] = []
    for slot in slots:
        last = joined[-1] if joined else None
        if (last and last.code == slot.code and text[last.end : slot.start].strip() == "("
                and text[slot.end : slot.end + 1] == ")"):
            joined[-1] = replace(last, end=slot.end + 1)
        else:
            joined.append(slot)
    return joined


# Reading a sentence --------------------------------------------------------------------------

def _read_sentence(mask: Mask, sentence: Sentence, mentions: list[Mention], window: int,
                   level: str = "") -> Iterator[Relation]:
    """What the rules of one level read from a mask: the sentence's ("") with the outermost names, its
    "fine" one with the innermost, or the "inside" of a name that holds others."""
    if not mask.slots:  # every subject is a slot's entity: a sentence without names states no relation
        return
    for rule in _rules_for(level, _placeholder_codes(mask.text)):
        if rule.context and not rule.context.search(mask.text):
            continue
        for match in rule.pattern.finditer(mask.text):
            if _NEGATION.search(match.group()) or rule.predicate in _HEDGED and _HEDGE.search(match.group()):
                continue
            for subject, predicate, obj in _triples(rule, match, mask, sentence, mentions, window):
                if subject != obj and (_fits(subject, predicate, obj) or rule.by_heads and subject.cls == "Person"):
                    yield Relation(sentence.start, sentence.end, subject, predicate, obj, rule.confidence, rule.id)


_PLACEHOLDER_CODE = re.compile(r"«(.)\d+»")


@lru_cache(maxsize=None)
def _rules_for(level: str, present: frozenset[str]) -> tuple[Rule, ...]:
    """The rules of a level that may match a mask whose placeholders have these codes."""
    return tuple(rule for rule in _RULES_AT[level] if all(need & present for need in rule.needs))


def _placeholder_codes(mask_text: str) -> frozenset[str]:
    """The codes a rule's placeholders can match in this mask (its patterns ignore case)."""
    return frozenset().union(*(_codes_matching(code) for code in set(_PLACEHOLDER_CODE.findall(mask_text))))


@lru_cache(maxsize=None)
def _codes_matching(char: str) -> frozenset[str]:
    """The codes whose placeholder class ("[S]", case ignored, as rules are compiled) matches `char`."""
    return frozenset(code for code in string.ascii_uppercase if re.fullmatch(f"[{code}]", char, re.I))


def _triples(rule: Rule, match: re.Match, mask: Mask, sentence: Sentence, mentions: list[Mention],
             window: int) -> Iterator[tuple[EntityRef, str, EntityRef]]:
    if rule.pair:
        found = _before(mask, match.start(), "IAO", 2)
        if len(found) == 2:
            yield found[1], rule.predicate, found[0]
        return
    subjects = _group_entities(match, "s", mask, rule.new_places)
    objects = _group_entities(match, "o", mask)
    if rule.respective:
        if len(subjects) == len(objects):
            yield from ((s, rule.predicate, o) for s, o in zip(subjects, objects))
        return
    if rule.sole:
        before = _before(mask, match.start(), rule.implicit, 2)
        objects = before if len(before) == 1 else ()
    elif not objects and rule.implicit:
        objects = _before(mask, match.start(), rule.implicit, 1) or _latest(
            mentions, {c for c, code in CODES.items() if code in rule.implicit}, window, sentence.start, 1)
    if match.groupdict().get("o") in ("its", "their"):
        objects = _before(mask, match.start(), "S", 1)
    for obj in objects:
        predicate = dict(rule.objects).get(CODES[obj.cls], rule.predicate)
        for subject in subjects:
            yield subject, predicate, obj


def _group_entities(match: re.Match, prefix: str, mask: Mask, new_places: bool = False) -> tuple[EntityRef, ...]:
    """The entities in the rule's groups named prefix…; known places left out when `new_places`."""
    entities: list[EntityRef] = []
    for name, value in match.groupdict().items():
        if name.startswith(prefix) and value:
            for index in re.findall(r"«[A-Z](\d+)»", value):
                slot = mask.slots[int(index)]
                if not (new_places and slot.code == "L" and slot.known):
                    entities += slot.entities
    return tuple(dict.fromkeys(entities))


def _before(mask: Mask, position: int, codes: str, count: int) -> tuple[EntityRef, ...]:
    """The last `count` distinct entities with these codes placed before `position` in the mask."""
    found: list[EntityRef] = []
    for index in range(len(mask.slots) - 1, -1, -1):
        slot = mask.slots[index]
        if mask.at[index] < position and slot.code in codes:
            for entity in slot.entities:
                if entity not in found:
                    found.append(entity)
        if len(found) >= count:
            break
    return tuple(found[:count])


def _fits(subject: EntityRef, predicate: str, obj: EntityRef) -> bool:
    domain, range_ = SIGNATURES[predicate]
    return subject.cls in domain and obj.cls in range_


_BY_HEADS = frozenset(rule.id for rule in RULES if rule.by_heads)


def _by_heads(relations: list[Relation]) -> list[Relation]:
    """A person read where a rule wants a state ("President X and President Y signed the accord") stands
    for each state the document calls that person the head of; with none, nothing is read."""
    if not any(r.rule in _BY_HEADS for r in relations):
        return relations
    headed: dict[EntityRef, list[EntityRef]] = {}
    for relation in relations:
        if relation.predicate == "headOf" and relation.object.cls == "State":
            headed.setdefault(relation.subject, []).append(relation.object)
    kept = []
    for relation in relations:
        if relation.rule in _BY_HEADS and relation.subject.cls == "Person":
            kept += [replace(relation, subject=state) for state in dict.fromkeys(headed.get(relation.subject, ()))
                     if _fits(state, relation.predicate, relation.object)]
        else:
            kept.append(relation)
    return kept


def _tidy(relations: list[Relation]) -> list[Relation]:
    """One relation per triple and document (where it is stated with most confidence, first); the head of an organisation is also affiliated with it; an
    operator is not also a participant; linkedWith, being symmetric, once per pair."""
    relations = relations + [
        replace(r, predicate="affiliatedWith") for r in relations
        if r.predicate == "headOf" and _fits(r.subject, "affiliatedWith", r.object)]
    operators = {(r.object, r.subject) for r in relations if r.predicate == "operator"}
    best: dict[tuple, Relation] = {}
    for relation in relations:
        pair = (relation.subject, relation.object)
        if relation.predicate == "participatesIn" and pair in operators:
            continue
        ends = tuple(sorted((relation.subject.iri, relation.object.iri))) if relation.predicate == "linkedWith" \
            else (relation.subject.iri, relation.object.iri)
        key = (relation.predicate, ends)
        if key not in best or relation.confidence > best[key].confidence:
            best[key] = relation
    return sorted(best.values(), key=lambda r: (r.start, r.predicate, r.subject.iri, r.object.iri))
