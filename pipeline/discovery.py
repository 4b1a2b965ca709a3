"""Recognise entities the reference data does not know: people, research organisations, companies,
projects, agreements, events and places first met in a text.

How a name is found, in four steps, each sentence tokenised by spaCy's blank English tokenizer:

1. Names: runs of capitalised words, with the connectors a name may hold once it has its head word
   ("Centre for Russian and Central Asian Studies", "Treaty of … and Friendly Cooperation"), and a
   trailing lowercase head ("Eastern Route contract", "Tsugol training ground"). A run may contain
   names the gazetteer knows ("Kazakhstan Temir Zholy"); the longer name then wins.
2. Head words type a name by what it is called: "… Institute", "… University" are research
   organisations, "… Pipeline", "… LNG" projects, "… Treaty", "Joint Statement on …" agreements.
3. Context types the rest, with spaCy Matcher patterns over the sentence, where each name is one
   token labelled with its class (or NAME while unknown): "X said", "X, a senior fellow at Y",
   "President X", "Carnegie's X", "an analyst at the X", "the national railway company X",
   "to X on China's border".
   A name is also a person by its shape: a common given name first ("Nikol Pashinyan"), or a
   Chinese family name before a romanised given name ("Pang Zhongying").
4. The document: a name typed once is typed wherever it recurs; a person named in full is then
   found by the short name the text uses for them ("Haenle" after "Paul Haenle", "Feng" after
   "Feng Shuai"); names in a list take the class of the list, the one its known members share or
   the kind it is said to hold ("the ports of A, B and C", "the A, B and C fields").

A name is then resolved: to the reference entity it spells however written (`Gazetteer.find`:
"Dmitrii Trenin" is the reference's Dmitri Trenin), else to a new entity whose IRI is minted from
its normalised name, the same in every document. More finders read descriptions the steps above
cannot, each a rule of pipeline/rules/discovery.toml: an agreement described in lowercase ("the 2001
treaty of friendship", "a joint statement adopted … on June 28, 2021") or by its purpose ("an
agreement to create a Customs Union"), an exercise named year first ("2019's Tsentr military
exercise"), an event named by what happened ("Russia's invasion of Ukraine", "riots in Osh", "a
meeting of the CSTO Council"), by its body or place ("the Bishkek summit") or in view ("the 2022
Kazakh unrest"), a built thing described ("a new terminal in Lianyungang"), a region of a state
("Western China", "the steppes of western China"; not after "in", where the state is meant), a
strategy named by its organisation and years ("the CSTO anti-drug strategy for 2021–2025"), an acronym
the text defines in brackets ("the Financial Action Task Force (FATF)") and a format of states ("the RIC
(Russia–India–China) format"). A dated agreement is labelled year first ("2014 gas deal"). A description keeps the mentions of the states, organisations and places it
names; one that only its own text can tell apart ("the financial crisis") is the document's own
entity.

Mentions of entities the reference data does not know carry less confidence than the gazetteer's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Iterator, Sequence, cast

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.util import filter_spans

from eurasia_kg.vocab import entity_iri

from .entities import Gazetteer
from .model import Analysis, EntityRef, Mention, Span
from .passages import mentions_within
from .patterns import (
    CALENDAR,
    CHINESE_SURNAMES,
    EXERCISE_NOUNS,
    GIVEN_NAMES,
    PERSON_REPORTING_VERBS,
    ROLE_NOUNS,
    TITLES,
    alternatives,
    fold,
    short_name,
    tokenizer,
)
from .rules import rule

# Confidence of a mention by how its entity was recognised (the gazetteer's are 0.6–0.95).
CONFIDENCE = {"head": 0.75, "context": 0.7, "variant": 0.85, "recurrence": 0.65, "short name": 0.6,
              "description": 0.6, "place": 0.55}

HEADS: dict[str, frozenset[str]] = {
    "ResearchOrganization": frozenset(
        "Institute Institutes Institution Centre Center Academy University College School Foundation "
        "Endowment Observatory Laboratory Club".split()),
    "Company": frozenset(
        "Corporation Corp Company Co Group Holding Holdings Bank Fund Inc Ltd LLC PJSC JSC OJSC PAO "
        "Shipping Airlines Railways Petroleum Telecom Technologies Industries Investments Magazine Monitor Courier "
        "Gazette Herald Tribune Dispatch Times Daily Post Journal Consortium".split()),
    "Project": frozenset(
        "Pipeline Railway Railroad Bridge Port Canal Corridor Route Highway Dam Plant Base Terminal Gateway "
        "Tunnel Zone Mine Refinery Airport Cosmodrome LNG".split()),
    "Agreement": frozenset(
        "Treaty Agreement Agreements Accord Accords Protocol Convention Charter Pact Declaration "
        "Memorandum Communiqué Communique Contract Deal Statement Code Resolution".split()),
    "Event": frozenset(
        "War Wars Crisis Revolution Uprising Olympics Games Summit Conference Congress Incident "
        "Massacre Protests Exercise Exercises Drills Dialogue Forum Week Parade Cup Championship Championships "
        "Biathlon Competition Olympiad Festival Expo Ceremony Talks Round Unrest Riots Coup".split()),
    "Initiative": frozenset(
        "Initiative Initiatives Partnership Strategy Doctrine Concept Agenda Plan Process Year Years".split()),
    "Place": frozenset(
        "Peninsula Region Province Oblast Krai Sea Ocean River Lake Mountains Valley Basin Strait "
        "Straits Gulf Bay Island Islands Desert Plateau Prefecture County District Territory Pass "
        "Gorge Coast Delta Hall Square Palace".split()),
    "InternationalOrganization": frozenset(
        "Organization Organisation Union Alliance Community Commonwealth League Council Commission Secretariat "
        "Assembly Structure Court Service Agency Force Forces".split()),
}
# A bank or fund of many states is an international organisation, not a company.
_ANY_HEAD = frozenset().union(*HEADS.values())  # a word that is a head of some class
_MULTILATERAL = frozenset("World Asian African European Eurasian Islamic International Inter-American".split())
_EXERCISE_WORDS = [noun for noun in EXERCISE_NOUNS if " " not in noun]  # those one token long
_EXERCISE_NOUNS = alternatives(EXERCISE_NOUNS)
# Lowercase heads that end a name written with capitals before them.
LOWER_HEADS: dict[str, str] = {
    **dict.fromkeys("pipeline pipelines railway railways railroad bridge port canal highway dam plant terminal mine "
                    "refinery base corridor platform".split(), "Project"),
    **dict.fromkeys("field fields deposit seaport border region province oblast district".split(), "Place"),  # "the Gumdag field"
    **dict.fromkeys("summit war crisis revolution parade competition ruling explosion blast accident".split()
                    + _EXERCISE_WORDS, "Event"),  # "the Permanent Court of Arbitration ruling"
    "force": "InternationalOrganization",  # "the CSTO peacekeeping force"
    "format": "InternationalOrganization",  # "the Russia–Mongolia–China format": a standing group of states
    **dict.fromkeys("contract deal agreement treaty accord pact memorandum charter roadmap".split(), "Agreement"),
    **dict.fromkeys("ground range area".split(), "Place"),  # "Tsugol training ground"
    **dict.fromkeys("programme program initiative strategy plan policy doctrine".split(), "Initiative"),  # "Nurly Zhol infrastructure programme"
}
# The form of a company's incorporation, written before its name.
_INCORPORATED = frozenset("PJSC JSC OJSC CJSC PAO OAO ZAO LLC".split())
_MATERIAL = frozenset("gas oil crude lng railway rail road hydropower power nuclear military air naval dry "
                      "free economic special trade supply border joint strategic training infrastructure development".split())
# Lowercase words that may stand between a name and its lowercase head ("the SCO–CSTO cooperation
# agreement", "the CSTO peacekeeping force"), though written with a capital they name ("Cooperation 2007").
_BEFORE_HEAD = _MATERIAL | frozenset("land force cooperation swap transit investment friendship peacekeeping rapid "
                                     "reaction".split())
_CONNECTORS = frozenset("of for on and & the a an".split())  # inside a name, after its head word
_SMALL_WORDS = frozenset("of for on and the a an in to with at by from or as vs versus".split())  # lowercase in titles
_PARTICLES = frozenset("de van von der bin al da di le la ibn".split())  # inside a person's name
# Capitalised common nouns that name no one thing on their own ("a lecturer at the Department").
_GENERIC = frozenset("Department Ministry Embassy Government Office Agency Committee Council Parliament "
                     "Congress Senate Army Navy Administration Cabinet Party State Forum".split())
# Words that make "Name 2021" an event, such as a military exercise, when the sentence has them.
_EXERCISE = re.compile(rf"\b(?:{_EXERCISE_NOUNS}|held|hosted|staged|conducted|launched|took part)\b", re.I)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_ORDINALS = frozenset("One Two Three Four Five I II III IV V".split())  # "World War Two", "Arctic LNG II"
_POSSESSIVE = ("'s", "’s")


@dataclass(frozen=True)
class Name(Span):
    """A capitalised name in the text, not yet known: its words, and the mentions it contains."""

    words: tuple[str, ...]
    covered: tuple[Mention, ...]  # gazetteer mentions inside the name
    headline: bool  # on a title-like line, where capitals say nothing

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class Typed:
    """A name with the class the text gives it, and how that was seen."""

    span: Span
    label: str
    cls: str
    how: str
    rule: str = ""  # the id of the rule in pipeline/rules/discovery.toml that typed it


class EntityDiscoverer:
    """Pipeline component: add mentions of entities first met in this text."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.matcher = _context_matcher()

    def __call__(self, analysis: Analysis) -> Analysis:
        names: list[Name] = []
        typed: list[Typed] = []
        for sentence in analysis.sentences:
            within = mentions_within(analysis, sentence.start, sentence.end)
            found_names, found_types = self._read_sentence(analysis, sentence, within)
            names += found_names
            typed += found_types
        typed += _bylines(analysis)
        typed += _formats(analysis.view, names)
        typed += _acronyms(analysis.view, names, typed, analysis.mentions)
        typed = _recurrences(names, typed, analysis.mentions)
        for _ in range(2):  # a list typed by one of its members may type a member of another list
            typed += _listed(analysis.view, names, typed, analysis.mentions)
            typed = _recurrences(names, typed, analysis.mentions)
        typed += _described_agreements(analysis, self.gazetteer) + _year_first_exercises(analysis)
        typed += _described_events(analysis) + _event_nominals(analysis) + _named_summits(analysis)
        typed += _agreement_titles(analysis) + _definite_events(analysis) + _described_projects(analysis)
        typed += _regions_of_states(analysis) + _strategies_of(analysis)
        typed += _lowercase_think_tanks(analysis)
        return replace(analysis, mentions=_merge(analysis.mentions, self._mentions(typed, analysis.source.slug)))

    def _read_sentence(self, analysis: Analysis, sentence: Span,
                       inside: list[Mention]) -> tuple[list[Name], list[Typed]]:
        text = analysis.view[sentence.start : sentence.end]  # doc.text, which spaCy joins anew at each call
        doc = tokenizer()(text)
        names = list(_names(doc, sentence.start, inside, analysis.view))
        by_head = {name: _owned_by_organisation(analysis.view, name, cls, inside)
                   for name in names if not name.headline and (cls := _class_by_head(name, text))}
        typed = [Typed(n, _label(n, cls), cls, "head", "head-word") for n, cls in by_head.items()]
        typed += self._by_context(doc, sentence.start, names, by_head, inside)
        typed += _by_given_name(names, typed)
        typed += _titled_appositions(analysis.view, sentence, names, by_head)
        return names, _listed_with_companies(typed, analysis.view)

    def _by_context(self, doc: Doc, offset: int, names: list[Name], by_head: dict[Name, str],
                    mentions: list[Mention]) -> list[Typed]:
        """Classes the sentence gives its unknown names, by the Matcher patterns."""
        unknown = {(n.start, n.end): n for n in names if n not in by_head}
        if not unknown:
            return []
        _label_tokens(doc, offset, names, by_head, mentions)
        typed = []
        for match_id, start, _, alignment in _aligned_matches(self.matcher, doc):
            cls, target = doc.vocab.strings[match_id].split("/")
            token = doc[start + alignment.index(int(target))]
            name = unknown.get((offset + token.idx, offset + token.idx + len(token.text)))
            if cls == "Body":  # an organisation of states known by its acronym
                if not name or len(name.words) != 1 or not re.fullmatch(r"[A-Z][A-Z&+]{1,7}", name.words[0].rstrip("’'s")):
                    continue
                cls = "InternationalOrganization"
            if cls == "Outlet":  # a news outlet: an acronym or a name of several words, never a person's
                if not name or (len(name.words) == 1 and not re.fullmatch(r"[A-Z][A-Z/-]+", name.words[0])):
                    continue
                cls = "Company"
            if name and _fits(name, cls) and (cls == "Person" or not name.headline):  # bylines sit on title lines
                how = "place" if cls == "Place" else "context"
                typed.append(Typed(name, _label(name, cls), cls, how, f"context-{_CONTEXT_RULE[cls]}"))
        return typed

    def _mentions(self, typed: list[Typed], document: str) -> list[Mention]:
        """One mention per typed span, resolved to a reference entity or a new one."""
        chosen: dict[tuple[int, int], Typed] = {}
        for item in typed:
            key = (item.span.start, item.span.end)
            if key not in chosen or CONFIDENCE[item.how] > CONFIDENCE[chosen[key].how]:
                chosen[key] = item
        return [self._mention(item, document) for item in chosen.values()]

    def _mention(self, item: Typed, document: str) -> Mention:
        entity = self.gazetteer.find(item.label, item.cls)
        confidence = min(CONFIDENCE[item.how], CONFIDENCE["variant"])
        if entity is None and item.rule in _OWN_DOCUMENT:
            # "the financial crisis", "a new terminal": which one only this text knows, so the entity is
            # the document's own and does not merge with another text's crisis or terminal
            entity = EntityRef(entity_iri(f"{item.label} in {document}"), item.label, item.cls)
            confidence = CONFIDENCE[item.how]
        elif entity is None:
            entity = EntityRef.first_met(item.label, item.cls)
            confidence = CONFIDENCE[item.how]
        return Mention(item.span.start, item.span.end, entity, confidence, item.how, rule=f"discovery/{item.rule}")


# Step 1: names ---------------------------------------------------------------------------------

def _names(doc: Doc, offset: int, mentions: list[Mention], view: str) -> Iterator[Name]:
    """The capitalised names of a sentence, leading titles and articles left out."""
    tokens = list(doc)  # made once: the steps below look at each token many times
    covering = {}
    for mention in mentions:
        for i in range(mention.start - offset, mention.end - offset):
            covering[i] = mention
    i = 0
    while i < len(tokens):
        if not _starts_name(tokens, i, covering):
            i += 1
            continue
        end = _lower_head_end(tokens, _run_end(tokens, i, covering), i, covering)
        if end <= i:
            i += 1
            continue
        if i == 0 and end > 1 and tokens[0].idx not in covering and tokens[1].idx in covering:
            i = 1  # "Despite China …": a sentence's first word is capitalised for the sentence
        name = _make_name(tokens, i, end, offset, covering, view)
        if name:
            yield name
        i = end


def _is_name_word(token, covering: dict) -> bool:
    """A capitalised word, an initial, or a word of a name the gazetteer knows."""
    return token.idx in covering or _name_word(token.text)


@lru_cache(maxsize=1 << 16)
def _name_word(text: str) -> bool:
    """Whether a word is capitalised, an initial or an ordinal, whatever names the gazetteer knows
    (asked for every token of every sentence, most words many times: so remembered)."""
    if re.match(r"^\d+(?:st|nd|rd|th)$", text):
        return True  # "the 201st Military Base"
    if not text[:1].isupper() or fold(text) in CALENDAR:
        return False
    return any(c.isalpha() for c in text) or bool(re.match(r"^[A-Z]\.$", text))


@lru_cache(maxsize=1 << 16)
def _given_name(word: str) -> bool:
    """Whether a word is a common given name (GIVEN_NAMES, folded)."""
    return fold(word) in GIVEN_NAMES


def _starts_name(tokens: list[Token], i: int, covering: dict) -> bool:
    token = tokens[i]
    if not _is_name_word(token, covering):
        return False
    lower = token.text.lower()
    return token.idx in covering or not (token.is_stop or lower in TITLES or lower.endswith("ly") and i == 0)


def _run_end(tokens: list[Token], start: int, covering: dict) -> int:
    """Where the run of name words from `start` ends (exclusive)."""
    i, has_head = start, False
    while i < len(tokens):
        token = tokens[i]
        if token.text.lower() in TITLES and all(t.idx in covering for t in tokens[start:i]):
            break  # "Russian Defence Minister X": a known name, then a title, is not one name
        if i > start and token.text.lower() in TITLES and _given_name_after(tokens, i):
            break  # "EEAS Secretary General Stefano Sannino": a title ends the name before it
        if i > start and _given_name(token.text) and token.idx not in covering and (
                tokens[i - 1].idx in covering or tokens[i - 1].text in _ANY_HEAD):
            break  # "the Republic of Armenia Nikol Pashinyan", "the Deputy Group Andrei Sakharov"
        if _is_name_word(token, covering) or (i > start and _is_year_or_number(token)):
            has_head = has_head or token.text in _ANY_HEAD
            i += 1
        elif _joins(tokens, i, start, has_head, covering):
            i += 1
        else:
            break
    while i > start and not _is_name_word(tokens[i - 1], covering) and not _is_year_or_number(tokens[i - 1]):
        i -= 1  # a name never ends on a connector
    return i


def _given_name_after(tokens: list[Token], i: int) -> bool:
    """Whether, after the title words from i, a person's given name follows."""
    while i < len(tokens) and (tokens[i].text.lower() in TITLES or tokens[i].text in "-–"):
        i += 1
    return i < len(tokens) and _given_name(tokens[i].text)


def _is_year_or_number(token) -> bool:
    return token.text.isdigit() and len(token.text) <= 4


def _joins(tokens: list[Token], i: int, start: int, has_head: bool, covering: dict) -> bool:
    """Whether token i connects two parts of one name."""
    token, nxt = tokens[i], tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None or "\n" in token.text or "\n" in tokens[i - 1].whitespace_:
        return False
    if token.text in "-–‑" and not tokens[i - 1].whitespace_ and not token.whitespace_:
        return _is_name_word(nxt, covering)
    if token.text in _POSSESSIVE and not tokens[i - 1].whitespace_ and token.idx not in covering \
            and tokens[i - 1].idx not in covering and not _given_name(tokens[i - 1].text) \
            and _is_name_word(nxt, covering) and _head_follows(tokens, i + 1, covering):
        return True  # "People's Daily", "the People's Liberation Army": a possessive inside a name
    lower = token.text.lower()
    if lower in _PARTICLES and i > start:
        return _is_name_word(nxt, covering)
    if lower in _CONNECTORS and has_head:
        known = covering.get(nxt.idx)
        if lower == "of" and tokens[i - 1].text in HEADS["Place"] and known is not None and known.entity.cls == "State":
            return False  # "the Baikal Region of Russia": a region, then the state it lies in
        if lower == "and":
            if _is_year_or_number(tokens[i - 1]):
                return False  # "Joint Sea 2016 and Peace Mission 2005": a year ends a name
            if tokens[i - 1].text in _ANY_HEAD:
                return False  # "the Washington Post and Reuters": a head word ends a name
            if known is not None and known.entity.cls in ("Company", "Person"):
                return False  # "the Bank of China and Gazprom": a firm or a person is a name of its own
            return _is_name_word(nxt, covering) and not _head_follows(tokens, i + 1, covering)
        return _is_name_word(nxt, covering) or nxt.text.lower() in ("the", "a", "an")
    return False


def _head_follows(tokens: list[Token], i: int, covering: dict) -> bool:
    """Whether the name words from i hold a head word: then "and" joins two names, not one."""
    while i < len(tokens) and (_is_name_word(tokens[i], covering) or tokens[i].text in "-–‑" or tokens[i].text in _POSSESSIVE):
        if tokens[i].text in _ANY_HEAD:
            return True
        i += 1
    return False


def _lower_head_end(tokens: list[Token], end: int, start: int | None = None, covering: dict | None = None) -> int:
    """Extend a name over a lowercase head: "Eastern Route contract", "Kazakhstan–China oil pipeline".
    An adjective of origin alone names no built thing or place ("the Crimean port Sevastopol", "a Caspian
    port"), though it may name an event ("the inter-Korean summit", "the Korean war")."""
    adjective = start is not None and end - start == 1 and tokens[start].idx not in (covering or {}) \
        and re.search(r"[a-z](?:ean|ian|ese|ish)$", tokens[start].text) is not None
    i = end
    while i < len(tokens) and tokens[i].text.islower() and (tokens[i].text in _BEFORE_HEAD or tokens[i].text in LOWER_HEADS):
        i += 1
    for last in range(i - 1, end - 1, -1):
        head = LOWER_HEADS.get(tokens[last].text)
        if head == "Event" and _is_year_or_number(tokens[end - 1]):
            return end  # "the Zapad 2021 exercises": the year already names the exercise
        if head and adjective and head != "Event" and last == end:
            return end  # "the Crimean port", though "the Eurasian land bridge"
        if head and (head != "Place" or last > end or tokens[last].text not in ("ground", "range")):  # "training ground", not "ground"
            return last + 1
    return end


def _make_name(tokens: list[Token], start: int, end: int, offset: int, covering: dict, view: str) -> Name | None:
    """The name of tokens [start, end), unless it holds no new capitalised word or cuts a known name."""
    run = tokens[start:end]
    first, last = offset + run[0].idx, offset + run[-1].idx + len(run[-1].text)
    covered = tuple(dict.fromkeys(covering[t.idx] for t in run if t.idx in covering))
    new_words = [t for t in run if t.idx not in covering and _is_name_word(t, covering)
                 and t.text.lower() not in _MATERIAL]
    if not new_words and not _is_dash_pair(run) and not _known_and_head(run, covering) \
            and not _known_event_and_year(run, covering):
        return None
    if covered and (covered[0].start < first or covered[-1].end > last):
        return None  # a name must hold whole mentions, not cut one
    words = tuple(view[first:last].split())
    return Name(first, last, words, covered, _on_headline(view, first))


def _known_and_head(tokens: list[Token], covering: dict) -> bool:
    """ "the CSTO charter": a known name (not a demonym) and the lowercase head that makes it another."""
    first = covering.get(tokens[0].idx)
    return (len(tokens) >= 2 and tokens[-1].text in LOWER_HEADS and first is not None
            and first.matched_as != "demonym" and first.entity.cls in ("InternationalOrganization", "State"))


def _known_event_and_year(tokens: list[Token], covering: dict) -> bool:
    """ "Peace Mission 2005": a known series of events and the year of one of them."""
    first = covering.get(tokens[0].idx)
    return (len(tokens) >= 2 and first is not None and first.entity.cls == "Event"
            and _YEAR.match(tokens[-1].text) is not None and all(t.idx in covering for t in tokens[:-1]))


def _is_dash_pair(tokens: list[Token]) -> bool:
    """ "Kazakhstan–China oil pipeline": known names joined by a dash, before a lowercase head."""
    return any(t.text in "-–‑" for t in tokens) and tokens[-1].text in LOWER_HEADS


def _on_headline(view: str, position: int) -> bool:
    """Whether the line at `position` reads as a title: short, every word but the small ones capitalised."""
    line_start = view.rfind("\n", 0, position) + 1
    line_end = view.find("\n", position)
    line = view[line_start : line_end if line_end >= 0 else len(view)]
    words = re.findall(r"[A-Za-z][\w’'-]*", line)
    lowercase = [w for w in words if w[0].islower() and w not in _SMALL_WORDS]
    return len(line) <= 100 and len(words) >= 3 and not lowercase


# Step 2: head words ----------------------------------------------------------------------------

def _class_by_head(name: Name, sentence: str) -> str | None:
    """The class a name's own words give it: its last head word, or a lowercase head after it."""
    words = [w for w in name.words if not any(w in m.entity.label.split() for m in name.covered)]
    if words and words[-1] != name.words[-1] and any(name.words[-1] in h for h in HEADS.values()):
        words.append(name.words[-1])  # "Collective Security Council": the head is the name's, not "Security Council"'s
    if len(name.words) < 2 or not words:
        return None
    if len(name.covered) == 1 and name.covered[0].entity.cls == "Event" and words == [name.words[-1]] \
            and _YEAR.match(words[0]):
        return "Event"  # "Peace Mission 2005"
    if words[-1] in LOWER_HEADS:
        return LOWER_HEADS[words[-1]]
    if name.words[0] in _INCORPORATED:
        return "Company"  # "PJSC Gazprom Neft"
    if "LNG" in words:
        return "Project"
    if _YEAR.match(name.words[-1]) and _EXERCISE.search(sentence):
        return "Event"
    # "Joint Statement on Deepening Partnership": the head is the last head word before "of", "on", "for"
    connector = next((i for i, w in enumerate(words) if w in ("of", "on", "for")), len(words))
    heads_at = [i for i, w in enumerate(words) if any(w in h for h in HEADS.values())]
    candidates = [i for i in heads_at if i < connector] or heads_at
    if not candidates:
        return None
    at = max(candidates)
    first = name.covered[0] if name.covered else None
    leads = first is not None and first.start == name.start and first.entity.cls == "InternationalOrganization"
    cls = _head_class(words[at], name.words, body_of_organisation=leads)
    return cls if _ends_after_head(words[at + 1 :], cls) else None


# "the Premier of Mongolia, X Y, proposed …": a head's title of a state or body, then the name set off by commas.
_TITLED_APPOSITION = re.compile(
    r"\b(?:[Pp]resident|[Pp]remier|[Pp]rime\s[Mm]inister|[Cc]hancellor|[Kk]ing|[Ee]mir|[Mm]inister|[Ss]ecretary[-\s][Gg]eneral|"
    r"[Cc]hairman|[Cc]hairwoman|[Aa]mbassador|[Ee]nvoy|[Hh]ead)\s(?:of|to)\s(?:the\s)?[A-Z][\w’'-]*(?:\s(?:of\s)?[A-Z][\w’'-]*){0,4},\s"
    r"(?P<name>[A-Z])"
)


def _titled_appositions(view: str, sentence: Span, names: list[Name], by_head: dict[Name, str]) -> list[Typed]:
    """A name set off by commas after a head's title of a state or body is a person's."""
    found = []
    for match in _TITLED_APPOSITION.finditer(view, sentence.start, sentence.end):
        name = next((n for n in names if n.start == match.start("name") and n not in by_head), None)
        if name and len(name.words) >= 2 and _fits(name, "Person") and view[name.end : name.end + 1] in (",", ""):
            found.append(Typed(name, _label(name, "Person"), "Person", "context", "context-person"))
    return found


def _owned_by_organisation(view: str, name: Name, cls: str, mentions: list[Mention]) -> str:
    """ "the African Union's Peace Fund": a fund or bank an organisation of states owns is one of its
    bodies, not a company."""
    if cls != "Company" or name.words[-1] not in ("Fund", "Bank"):
        return cls
    owner = re.search(r"['’]s\s+$", view[max(0, name.start - 4) : name.start])
    if owner and any(m.end == name.start - len(owner.group()) and m.entity.cls == "InternationalOrganization"
                     for m in mentions):
        return "InternationalOrganization"
    return cls


def _ends_after_head(tail: list[str], cls: str | None) -> bool:
    """Whether the words after a head word complete its name ("… for Eurasian Affairs", "… 2").

    A capitalised word straight after the head means the head was not the end of a name but a word
    in a capitalised phrase ("Ukraine Crisis Isolates Russia"); a number ends only the names of
    projects and events ("Arctic LNG 2"), not those of seas ("Joint Sea 2021" is an exercise).
    """
    numbered = cls in ("Project", "Event", "Agreement") and all(w.isdigit() or w in _ORDINALS for w in tail)
    return not tail or tail[0] in _CONNECTORS or numbered


def _head_class(head: str, words: tuple[str, ...], body_of_organisation: bool = False) -> str | None:
    """The class of a head word, in the name it ends."""
    if head == "Statement" and "Joint" not in words:
        return None  # "a Statement" of anything is a joint statement only when it says so
    if head == "Forum" and "Economic" not in words:
        return None  # "Eastern Economic Forum" meets; "Samarkand Energy Forum" may be a think tank
    if head in ("Court", "Service", "Agency") and not (_MULTILATERAL | {"Permanent", "Arbitration"}) & set(words):
        return None  # "the Supreme Court", "the Federal Security Service" are a state's, not many states'
    if head in ("Year", "Years") and "of" not in words:
        return None  # "the Years of Interregional Cooperation" are a programme; "the New Year" is not
    if head == "Plan" and "Joint" in words:
        return "Agreement"  # "the Joint Comprehensive Plan of Action": a plan the parties agreed
    if head == "Resolution" and not any(w.isdigit() for w in words):
        return None  # "the Resolution" of anything is a numbered resolution only when numbered
    if head in ("Force", "Forces") and not {"Collective", "Joint", "Peacekeeping", "Rapid", "Coalition", "Task",
                                            "Multinational", "International"} & set(words):
        return None  # "the Air Force" is a state's
    if head == "Dialogue" and "on" in words:
        return "Initiative"  # "the Dialogue on China": a standing format, not one meeting
    cls = next(c for c, heads in HEADS.items() if head in heads)
    if cls == "ResearchOrganization" and body_of_organisation:
        if head in ("University", "College"):
            return "Initiative"  # "SCO University": a network the organisation set up, not one campus
        return "InternationalOrganization"  # "the CSTO Crisis Response Centre": a body of the organisation
    if cls == "Company" and body_of_organisation and head == "Consortium":
        return "InternationalOrganization"  # "the SCO Interbank Consortium"
    if cls == "Company" and head in ("Bank", "Fund") and _MULTILATERAL & set(words):
        return "InternationalOrganization"
    return cls


# Step 3: context -------------------------------------------------------------------------------

_ART = {"LOWER": {"IN": ["a", "an", "the"]}}
# Nouns that say, in apposition, what kind of thing a name is: "Khorgos Gateway, a dry port".
_COMPANY_NOUNS = ("company", "firm", "corporation", "giant", "monopoly", "conglomerate", "producer", "exporter",
                  "bank", "fund", "subsidiary", "carrier", "operator", "consultancy", "broker", "lender", "outlet",
                  "newspaper", "broadcaster", "channel", "daily", "tabloid", "website", "portal", "magazine")
_PROJECT_NOUNS = ("pipeline", "port", "railway", "railroad", "bridge", "plant", "terminal", "refinery", "mine",
                  "base", "corridor", "facility", "hub")
_PLACE_NOUNS = ("city", "town", "village", "region", "province", "oblast", "settlement", "district", "peninsula",
                "island", "capital", "field", "seaport")
_EVENT_NOUNS = (*_EXERCISE_WORDS, "summit", "war", "conference", "forum", "games")
_APPOSITION_NOUNS = frozenset(_COMPANY_NOUNS + _PROJECT_NOUNS + _PLACE_NOUNS + _EVENT_NOUNS)
_ORG_TYPES = ["ResearchOrganization", "Company", "InternationalOrganization"]
# The rule (pipeline/rules/discovery.toml) behind the Matcher patterns of each class.
_CONTEXT_RULE = {"Person": "person", "ResearchOrganization": "research", "Company": "company", "Project": "project",
                 "Event": "event", "Place": "place", "InternationalOrganization": "organisation"}
_NAME = {"ENT_TYPE": "NAME"}


def _words(*words: str) -> dict:
    return {"LOWER": {"IN": list(words)}}


def _context_patterns() -> list[tuple[str, int, list[dict]]]:
    """(class, i, pattern): in a match of the pattern, the name at element i gets the class."""
    roles = _words(*ROLE_NOUNS, "tanker")
    some = {"IS_ALPHA": True, "OP": "{0,4}"}
    few = {"IS_ALPHA": True, "OP": "{0,2}"}
    comma, possessive, the = {"ORTH": ","}, {"ORTH": {"IN": list(_POSSESSIVE)}}, {"LOWER": "the", "OP": "?"}
    organisation = {"ENT_TYPE": {"IN": _ORG_TYPES}}
    person_titles = _words(*(TITLES - {"foreign", "defence", "defense", "deputy", "vice", "chief"}))
    company_nouns = _words(*_COMPANY_NOUNS)
    facility_nouns = _words(*(noun for noun in _PROJECT_NOUNS if noun != "port"))
    place_nouns, event_nouns = _words(*_PLACE_NOUNS), _words(*_EVENT_NOUNS)
    think_tank = [_words("think"), {"TEXT": {"IN": ["-", "–"]}, "OP": "?"}, _words("tank")]
    ends = {"LOWER": {"NOT_IN": sorted(_APPOSITION_NOUNS)}}  # "a railway operator" is no railway
    # "X, a dry port" is a facility; "X, the Arctic port of Y" is the town that serves Y (a Place pattern)
    serves = {"LOWER": {"NOT_IN": sorted(_APPOSITION_NOUNS | {"of", "for"})}}
    return [
        ("Person", 0, [_NAME, _words(*PERSON_REPORTING_VERBS)]),  # "X said"
        ("Person", 0, [_NAME, {"ORTH": "("}, {"ORTH": {"NOT_IN": [")"]}, "OP": "{1,4}"}, {"ORTH": ")"},
                       _words(*PERSON_REPORTING_VERBS)]),  # "Feng Shuai (封帅) argued"
        ("Person", 0, [_NAME, comma, _ART, some, roles]),  # "X, a senior fellow"
        ("Person", 0, [_NAME, comma, _words("who"), some, roles]),  # "X, who served as SCO Secretary-General"
        ("Person", 0, [_NAME, comma, _words("who"), _words("heads", "leads", "directs", "chairs", "runs",
                                                           "founded", "edits", "teaches")]),
        ("Person", 0, [_NAME, comma, few, roles, _words("of", "at", "in", "with", "to")]),  # "X, director of"
        ("Person", 0, [_NAME, _words(",", "and"), {"ENT_TYPE": "Person"}]),  # "X, Nursultan Nazarbayev and …"
        ("Person", 2, [{"ENT_TYPE": "Person"}, _words(",", "and"), _NAME]),
        ("Person", 0, [_NAME, _words("is", "was", "has", "had", "serves", "served", "became", "remains",
                                     "works"), {"IS_ALPHA": True, "OP": "{0,5}"}, roles]),  # "X is a …"
        ("Person", 0, [_NAME, _words("of", "from"), the, organisation]),  # "X of the Y Institute"
        ("Person", 0, [_NAME, comma, the, {"ENT_TYPE": {"IN": ["State", *_ORG_TYPES]}}, possessive, few,
                       roles]),  # "X, the SCO's secretary-general"
        ("Person", 0, [_NAME, _words("is", "was"), the, {"ENT_TYPE": {"IN": ["State", *_ORG_TYPES]}},
                       possessive, few, roles]),  # "X is the SCO's Secretary-General"
        ("Person", 1, [person_titles, _NAME]),  # "President X"
        ("Person", 1, [roles, _NAME]),  # "think-tanker X"
        ("Person", 2, [_words("chaired", "headed", "led", "moderated", "directed"), _words("by"), _NAME]),
        ("Person", 2, [organisation, possessive, _NAME]),  # "Carnegie's X"
        ("Person", 2, [_words("according"), _words("to"), _NAME]),
        ("Person", 2, [_words("written", "edited", "analysis", "commentary", "reporting", "compiled", "translated",
                              "interview", "essay", "report"), _words("by"), _NAME]),  # a byline in passing
        ("Person", 4, [_words("written", "edited", "analysis", "commentary", "reporting", "compiled", "translated",
                              "interview", "essay", "report"), _words("by"), _NAME, _words("and"), _NAME]),
        ("Person", 2, [roles, comma, _NAME]),  # "Russia's president, X"
        ("Person", 4, [_words(*ROLE_NOUNS, *TITLES, "general"), _words("of"), the,
                       {"ENT_TYPE": {"IN": ["State", *_ORG_TYPES]}}, _NAME]),  # "President of the Republic of X Y Z"
        ("Person", 4, [{"ENT_TYPE": "State"}, few, roles, comma, _NAME]),  # "the Russian Defence Minister, X"
        ("ResearchOrganization", 0, [_NAME, comma, _ART, few, *think_tank]),
        ("ResearchOrganization", 3, [roles, _words("at", "with"), the, _NAME]),  # "an analyst at the X"
        ("Company", 0, [_NAME, comma, _ART, some, company_nouns, ends]),
        ("Company", 0, [_NAME, _words("is", "was", "became"), {"LOWER": {"IN": ["a", "an", "the", "another"]}},
                        few, _words("shareholder", "investor", "stakeholder", "co-owner")]),
        ("Company", 1, [company_nouns, _NAME]),  # "the national railway company X"
        ("Body", 0, [_NAME, _words("member", "members", "secretariat", "secretary-general", "charter", "summit",
                                  "summits", "chairmanship", "presidency")]),  # "the OTS member states"
        ("Body", 0, [_NAME, possessive, _words("secretary-general", "secretariat", "charter", "member", "members",
                                               "chairmanship", "presidency", "summit")]),  # "the OTS's secretariat"
        ("Body", 3, [_words("join", "joined", "joining", "joins", "members", "member", "observer", "observers"),
                     _words("of", "to", "the"), the, _NAME]),  # "joined the OTS", "members of the OTS"
        ("Outlet", 0, [_NAME, _words("reported", "reports", "quoted", "quotes", "cited", "cites", "published",
                                    "publishes", "broadcast", "broadcasts")]),  # "TASS reported", "Nikkei Asia quoted"
        ("Company", 2, [_words("built", "constructed", "operated", "owned", "financed", "developed", "run", "managed",
                               "supplied", "designed"), _words("by"), _NAME]),  # "built by X and Y"
        ("Company", 2, [_words("technology", "technologies", "equipment", "turbines", "licence", "license", "contractors",
                               "contractor"), _words("from", "by", "of"), _NAME]),  # "using technology from X"
        ("Company", 0, [_NAME, _words("and", ",", "&"), {"ENT_TYPE": "Company"}]),  # "X and CNPC"
        ("Company", 2, [{"ENT_TYPE": "Company"}, _words("and", ",", "&"), _NAME]),
        ("Project", 0, [_NAME, comma, _ART, {"IS_ALPHA": True, "OP": "{0,3}"}, facility_nouns, ends]),
        ("Project", 0, [_NAME, comma, _ART, {"IS_ALPHA": True, "OP": "{0,3}"}, _words("port"), serves]),
        ("Event", 0, [_NAME, comma, _ART, {"IS_ALPHA": True, "OP": "{0,3}"}, event_nouns, ends]),
        ("Event", 1, [_words(*_EXERCISE_WORDS, "operation"), _NAME]),
        ("Place", 0, [_NAME, comma, _ART, few, place_nouns, ends]),  # "X, a town"
        ("Place", 0, [_NAME, comma, _ART, few, _words("port", "harbour", "harbor"), _words("of", "for")]),  # "X, the port of Y"
        ("Place", 1, [_words("in", "at", "near", "to", "from", "via", "through", "across", "into"), _NAME,
                      _words("on", "in", "near", "to", "and")]),
        ("Place", 1, [_words("in", "at", "near"), _NAME, comma, {"LOWER": "in", "OP": "?"},
                      {"ENT_TYPE": {"IN": ["Place", "State"]}}]),  # "in Chelyabinsk, in Russia"
        ("Place", 2, [_words(*_PLACE_NOUNS, "port"), _words("of"), _NAME]),  # "the city of X", "the port of X"
        ("Place", 1, [_words("port", "seaport", "city", "town", "village", "river"), _NAME]),  # "the Crimean port X"
        ("Place", 1, [_words("in", "at", "near"), _NAME, {"IS_PUNCT": True, "ORTH": {"IN": [".", ";"]}}]),  # "… in Chisinau."
        ("Place", 3, [_words("in", "from"), {"ENT_TYPE": {"IN": ["NAME", "Place"]}}, _words("to"), _NAME]),
        ("Place", 1, [_words("link", "links", "linking", "connect", "connects", "connecting", "with", "and",
                             "between", "visited", "reach", "reached", "reaches"), _NAME, _words("in"),
                      {"ENT_TYPE": {"IN": ["Place", "State"]}}]),  # "link Kashgar in Xinjiang"
    ]


def _aligned_matches(matcher: Matcher, doc: Doc) -> list[tuple[int, int, int, list[int]]]:
    """The matches with, for each matched token, the index of the pattern element it matched
    (spaCy's stubs type only the matches without alignments)."""
    return cast(list[tuple[int, int, int, list[int]]], matcher(doc, with_alignments=True))


def _context_matcher() -> Matcher:
    matcher = Matcher(tokenizer().vocab)
    for cls, target, pattern in _context_patterns():
        matcher.add(f"{cls}/{target}", [pattern])
    return matcher


def _label_tokens(doc: Doc, offset: int, names: list[Name], by_head: dict[Name, str],
                  mentions: list[Mention]) -> None:
    """Make every name and mention one token of the Doc, labelled with its class or NAME."""
    spans = []
    for name in names:
        span = doc.char_span(name.start - offset, name.end - offset, label=by_head.get(name, "NAME"))
        if span is not None:
            spans.append(span)
    for mention in mentions:
        if not any(name.start <= mention.start and mention.end <= name.end for name in names):
            span = doc.char_span(mention.start - offset, mention.end - offset, label=mention.entity.cls)
            if span is not None:
                spans.append(span)
    doc.ents = filter_spans(spans)
    with doc.retokenize() as retokenizer:
        for span in doc.ents:
            retokenizer.merge(span)


def _listed_with_companies(typed: list[Typed], text: str) -> list[Typed]:
    """A name listed with a company is a company, whatever its head: "COSCO Shipping and Lianyungang
    Port" bought a stake; a port does not."""
    companies = [t for t in typed if t.cls == "Company"]
    retyped = []
    for item in typed:
        if item.cls == "Project" and any(_listed_together(item.span, c.span, text) for c in companies):
            item = replace(item, cls="Company", how="context", rule="listed-with-company")
        retyped.append(item)
    return retyped


def _listed_together(a: Span, b: Span, text: str) -> bool:
    first, second = sorted((a, b), key=lambda s: s.start)
    return text[first.end : second.start].strip() in (",", "and", ", and", "&")


def _fits(name: Name, cls: str) -> bool:
    """Whether a name's shape allows the class context gives it."""
    if len(name.words) == 1 and name.words[0] in _GENERIC:
        return False
    if name.covered:
        return cls != "Person"
    if cls == "Person":
        return _person_shaped(name.words)
    if _person_shaped(name.words) and fold(name.words[0]) in GIVEN_NAMES:
        return False  # "Russian Direct Investment Fund, Kirill Dmitriev": a person, whatever is listed with him
    if cls == "Place":
        return len(name.words) == 1  # a lone capitalised word after "in", "at", "to", …
    return True


def _person_shaped(words: tuple[str, ...]) -> bool:
    """Two to four words, each a capitalised word, an initial or a particle, no head word."""
    if not 2 <= len(words) <= 4:
        return False
    heads = set().union(*HEADS.values())
    for word in words:
        if word in heads or word.lower() in TITLES or any(ch.isdigit() for ch in word):
            return False
        if not (re.match(r"^[A-Z][A-Za-z’'-]*[a-z]$|^[A-Z]{2,}$|^[A-Z]\.$", word) or word in _PARTICLES):
            return False
    return True


def _label(name: Name, cls: str) -> str:
    """The entity's label: the name as written, without article, possessive or shouting capitals."""
    words = list(name.words)
    if words[0] in ("The", "the"):
        words = words[1:]
    if cls == "Person":
        words = [w.capitalize() if w.isupper() and len(w) > 1 else w for w in words]
    label = " ".join(words)
    for suffix in _POSSESSIVE:
        label = label.removesuffix(suffix)
    return label.rstrip(",.;:")


# Capitalised nouns that end names of things, not of people, after a given name.
_NOT_SURNAMES = frozenset("Report Line Road Street Square Prize Award Act Law Station Hall Tower Gate Lecture "
                          "Doctrine Principle Plan Memorial Museum Prospect Avenue Boulevard Canal".split())
_PINYIN = re.compile(r"^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uan|uai|"
                     r"ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u))+$")


def _by_given_name(names: list[Name], typed: list[Typed]) -> list[Typed]:
    """People by the shape of their name: a common given name first ("Nikol Pashinyan", "Bonny Lin"),
    or a Chinese family name before a romanised given name ("Pang Zhongying")."""
    taken = {(t.span.start, t.span.end) for t in typed}
    found = []
    for name in names:
        if (name.start, name.end) in taken or name.covered or not _person_shaped(name.words):
            continue
        if name.words[-1] in _NOT_SURNAMES:
            continue  # "the Victoria Line", "the Frank Report"
        first, rest = fold(name.words[0]), [fold(w) for w in name.words[1:]]
        chinese = len(rest) == 1 and first in CHINESE_SURNAMES and bool(_PINYIN.match(rest[0]))
        if first in GIVEN_NAMES or chinese:
            found.append(Typed(name, _label(name, "Person"), "Person", "context", "given-name"))
    return found


_LIST = rule("discovery", "listed-with")
_LIST_SEPARATOR = re.compile(str(_LIST.option("separator")))
_LIST_KIND_BEFORE = re.compile(str(_LIST.option("kind_before")), re.I)
_LIST_KIND_AFTER = re.compile(str(_LIST.option("kind_after")), re.I)
_KIND_CLASS = _LIST.table("kinds")
# A name listed with states that the reference does not know as a state is a region or territory.
_LISTED_AS = {"Person": "Person", "Place": "Place", "State": "Place", "Company": "Company"}


def _listed(view: str, names: list[Name], typed: list[Typed], mentions: Sequence[Mention]) -> list[Typed]:
    """Untyped names in a list ("A, B and C") take the class of the list: the one its typed members
    share ("Georgia, Ukraine and Abkhazia"), or the kind of thing the list is said to hold ("the
    ports of A, B and C", "fields include A, B", "the A, B and C fields")."""
    classes = {(t.span.start, t.span.end): t.cls for t in typed}
    inside_names = {id(m) for n in names for m in n.covered}  # the known names a name holds
    items = sorted([(n.start, n.end, classes.get((n.start, n.end)), n) for n in names]
                   + [(m.start, m.end, m.entity.cls, None) for m in mentions if id(m) not in inside_names],
                   key=lambda i: i[0])
    runs, run = [], items[:1]
    for at, (previous, item) in enumerate(zip(items, items[1:])):
        if _LIST_SEPARATOR.match(view[previous[1] : item[0]]) or _list_goes_on(view, items, at):
            run.append(item)
        else:
            runs.append(run)
            run = [item]
    runs.append(run)
    found = []
    for run in runs:
        untyped = [i for i in run if i[2] is None and i[3] is not None]
        if not untyped or len(run) < 2:
            continue
        kind = _LIST_KIND_BEFORE.search(view, max(0, run[0][0] - 60), run[0][0]) or \
            _LIST_KIND_AFTER.match(view, run[-1][1])
        known = {i[2] for i in run if i[2] is not None}
        if kind:
            cls = _KIND_CLASS.get(kind["kind"].lower())
        else:
            cls = _LISTED_AS.get(next(iter(known))) if len(known) == 1 else None
        if len(run) == 2 and not kind and run[0][2] is not None and run[1][2] is None \
                and view[run[0][1] : run[1][0]].strip() == ",":
            continue  # "the Premier of Mongolia, X Y,": a known name, a comma and a name is an apposition, no list
        for _, _, _, name in untyped:
            opener = name is run[0][3]  # only a list's first word can be a sentence's opener ("Overall, …")
            if cls and _fits_listed(name, cls, view, opener):
                found.append(Typed(name, _label(name, cls), cls, "context", "listed-with"))
    return found


def _list_goes_on(view: str, items: list, at: int) -> bool:
    """ "A, B. C, D": a full stop inside a list of names (a slip of the writer's) does not end it."""
    if not re.fullmatch(r"\.\s+", view[items[at][1] : items[at + 1][0]]) or at == 0 or at + 2 >= len(items):
        return False
    return bool(_LIST_SEPARATOR.match(view[items[at - 1][1] : items[at][0]])
                and _LIST_SEPARATOR.match(view[items[at + 1][1] : items[at + 2][0]]))


# One-word capitals a list picks up that name no one place: points of the compass and their adjectives.
_NOT_LISTED = frozenset("North South East West Northern Southern Eastern Western Central".split())


def _fits_listed(name: Name, cls: str, view: str, opener: bool = True) -> bool:
    if len(name.words) == 1 and (name.words[0] in _GENERIC or name.words[0] in _NOT_LISTED):
        return False
    if opener and len(name.words) == 1 and re.search(r"(?:^|[.!?:]\s+|\n\s*)$", view[max(0, name.start - 4) : name.start]):
        return False  # "Furthermore, Central Asia …": a sentence's first word, capitalised for the sentence
    if cls == "Person":
        return _person_shaped(name.words)
    return not name.covered and len(name.words) <= 4


# Step 4: the document --------------------------------------------------------------------------

_ACRONYM = rule("discovery", "defined-acronym")
_ACRONYM_AFTER = re.compile(str(_ACRONYM.option("after")))
_FORMAT = rule("discovery", "named-format")
_FORMAT_PATTERN = re.compile(str(_FORMAT.option("regex")))


def _acronyms(view: str, names: list[Name], typed: list[Typed], mentions: Iterable[Mention]) -> list[Typed]:
    """ "the Financial Action Task Force (FATF)": an acronym the text defines in brackets after a name
    names the same thing there and wherever it recurs."""
    defined: dict[str, tuple[str, str]] = {}
    named = [(t.span.end, t.label, t.cls) for t in typed if t.cls != "Person"]
    named += [(m.end, m.entity.label, m.entity.cls) for m in mentions
              if m.entity.cls not in ("Person", "State") and m.matched_as in ("label", "alias")]
    for end, label, cls in named:
        match = _ACRONYM_AFTER.match(view, end)
        if match and sum(c.isupper() for c in match["acronym"]) >= 2:
            defined.setdefault(match["acronym"], (label, cls))
    if not defined:
        return []
    return [Typed(name, *defined[name.text], "recurrence", _ACRONYM.id) for name in names
            if name.text in defined and not name.covered]


def _formats(view: str, names: list[Name]) -> list[Typed]:
    """ "the RIC (Russia–India–China) format": an acronym of states named as a standing format."""
    by_start = {name.start: name for name in names}
    found = []
    for match in _FORMAT_PATTERN.finditer(view):
        name = by_start.get(match.start("acronym"))
        if name is not None and name.text == match["acronym"] and not name.covered:
            found.append(Typed(name, name.text, "InternationalOrganization", "context", _FORMAT.id))
    return found


def _bylines(analysis: Analysis) -> list[Typed]:
    """The people the text names as its authors."""
    bylines = list(analysis.metadata.authors)
    bylines += [b for section in analysis.metadata.sections for b in section.authors]
    return [Typed(Span(b.start, b.end), b.name, "Person", "context", "byline") for b in bylines]


def _recurrences(names: list[Name], typed: list[Typed], mentions: Iterable[Mention]) -> list[Typed]:
    """Type every recurrence of a typed name, and people's short names, across the document."""
    by_text: dict[str, Typed] = {}
    for item in sorted(typed, key=lambda t: -CONFIDENCE[t.how]):
        by_text.setdefault(item.label, item)
    people = [t for t in by_text.values() if t.cls == "Person"]
    people += [_as_typed(m) for m in mentions if m.entity.cls == "Person"]
    # "a meeting with Wen in …" reads "Wen" as a place; Wen Jiabao named before says it is him
    by_span = {(n.start, n.end): n for n in names}
    typed = [_as_person(t, by_span, people) if t.how == "place" else t for t in typed]
    by_text = {label: _as_person(t, by_span, people) if t.how == "place" else t for label, t in by_text.items()}
    taken = {(t.span.start, t.span.end) for t in typed}
    more = []
    for name in names:
        if (name.start, name.end) in taken:
            continue
        known = by_text.get(name.text) if name.covered else by_text.get(_label(name, "Person")) or by_text.get(name.text)
        if known:
            more.append(Typed(name, known.label, known.cls, "recurrence", "recurrence"))
        elif len(name.words) == 1 and (person := _person_called(name, people)):
            more.append(Typed(name, person.label, "Person", "short name", "short-name"))
    return typed + more


def _as_person(item: Typed, by_span: dict[tuple[int, int], Name], people: list[Typed]) -> Typed:
    """A one-word place read from context, unless it is the short name of a person the text names."""
    name = by_span.get((item.span.start, item.span.end))
    person = _person_called(name, people) if name and len(name.words) == 1 else None
    return Typed(item.span, person.label, "Person", "short name", "short-name") if person else item


def _as_typed(mention: Mention) -> Typed:
    return Typed(mention, mention.entity.label, "Person", "variant", "short-name")


_short_name = lru_cache(maxsize=4096)(short_name)  # asked for every one-word name, of every person


def _person_called(name: Name, people: list[Typed]) -> Typed | None:
    """The person a one-word name refers back to: the latest before it with that short name."""
    word = name.words[0].rstrip(",.").removesuffix("’s").removesuffix("'s")
    anywhere = [p for p in people if _short_name(p.label) == word]
    earlier = [p for p in anywhere if p.span.start < name.start]
    candidates = earlier or anywhere
    if len({p.label for p in candidates}) > 1 and not earlier:
        return None
    return max(candidates, key=lambda p: p.span.start) if candidates else None


# Descriptions ----------------------------------------------------------------------------------

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE = rf"(?:(?:\d{{1,2}} )?(?:{_MONTHS})(?: \d{{1,2}},?)? (?:19|20)\d\d|(?:19|20)\d\d)"
_AGREEMENT = re.compile(
    rf"\b(?:[Tt]he|[Aa]n?|[Tt]heir|[Ii]ts)\s+[\"“]?"
    r"(?P<money>(?:US)?\$\s?[\d.,]+\s*(?:billion|million|trillion|bn)?\s+)?"  # a sum stays outside the name
    rf"(?P<body>(?P<date>(?:(?:{_MONTHS})\s+)?(?:19|20)\d\d\s+)?"
    r"(?P<parties>[A-Z][\w.]*(?:[-–/][A-Z][\w.]*)+\s+)?"  # "the Mongolia–Turkey joint statement": whose it is
    r"(?P<adjectives>(?:(?:historic|landmark|bilateral|new|major|first|so-called|long-term|temporary|interim|"
    r"intergovernmental|comprehensive|preliminary|binding|relevant|current|existing|similar|preferential|"
    r"non-preferential|(?P<term>(?:\d+|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|fifteen|twenty|twenty-five|thirty)-year))\s+)*)"
    r"(?P<kind>(?:(?:gas|oil|energy|trade|arms|border|military|defen[cs]e|nuclear|investment|loan|supply|swap|"
    r"cooperation|friendship|security|strategic|partnership|economic|framework|free)\s+(?:and\s+)?)*)"
    r"(?P<head>treaty|(?i:a)greement|deal|contract|accord|pact|joint statement|joint declaration|declaration|memorandum|"
    r"joint communiqu[ée]|communiqu[ée]|charter|package of (?:documents|agreements)|roadmap|road map)"
    r"(?P<topic>\s+(?:of|on|for)\s+[A-Za-z][A-Za-z -]*?(?:\s+and\s+[a-z][a-z -]*?)?|\s+with\s+[A-Z][\w-]*)?)"
    r"(?=[\"”]?\s+(?:between|signed|that|which|with|adopted|concluded|in|on|was|were|is|for|after|at|during|following|remains|remained|has|had|and|"
    r"gave|gives|set|sets|established|created|allowed|allows|expired|expires|lapsed|came|entered|will|would|could|"
    r"may|provides|provided|committed|obliges|obliged|covers|covered|formed|laid|marked|made|makes)\b|[,.;:)])"
)
_DATED = re.compile(rf"\s+(?:in|on)\s+(?P<date>{_DATE})\b")  # "an agreement … in June 2022"
_SIGNED_ON = re.compile(rf"[^.;]{{0,150}}?\b(?:signed|adopted|concluded|reached|struck|inked|agreed)"
                        rf"\b[^.;]{{0,120}}?\b(?:in|on)\s+(?P<date>{_DATE})")
_EXERCISE_YEAR_FIRST = re.compile(
    r"\b(?P<year>(?:19|20)\d\d)['’]s\s+(?P<name>[A-Z][a-z]+)(?=\s+(?:(?:military|joint|strategic|naval|"
    rf"command-staff)\s+)*(?:{_EXERCISE_NOUNS})\b)"
)


def _described_agreements(analysis: Analysis, gazetteer: Gazetteer) -> list[Typed]:
    """Agreements the text describes in lowercase rather than names.

    One described by the words of a reference agreement's names ("the 2001 treaty of friendship")
    is that agreement; another is new only when the text dates it ("the gas deal that Beijing and
    Moscow signed in May 2014"), since a date is what tells one undated "gas deal" from the next.
    """
    vocabulary = _agreement_vocabulary(gazetteer)
    found = []
    for match in _AGREEMENT.finditer(analysis.view):
        setting = re.findall(r"\b(?:temporary|interim|provisional|preliminary)\b", match["adjectives"] or "")
        if not (match["date"] or match["kind"] or match["topic"] or " " in match["head"] or match["term"] or setting
                or match["parties"]
                or match["money"] or _date_after(analysis.view, match.end())):
            continue  # a bare "the treaty" refers back to one named before, unless the sentence dates it
        span = Span(match.start("body"), match.end("body"))
        words = set(fold(" ".join(filter(None, [match["date"], match["parties"], match["kind"], match["head"],
                                                 match["topic"]]))).split())
        words -= {"of", "on", "for", "and", "the", "a"}
        known = [label for label, vocab in vocabulary.items() if words <= vocab and len(words) > 1]
        if len(known) == 1:
            found.append(Typed(span, known[0], "Agreement", "description", "described-agreement"))
        elif (date := match["date"] or _date_after(analysis.view, match.end()) or _date_before(analysis.view, match.start())):
            what = " ".join(filter(None, [(match["parties"] or "").strip(), match["term"], match["kind"].strip(),
                                          match["head"], (match["topic"] or "").strip()]))
            year = re.search(r"(?:19|20)\d\d", date)
            # "2014 gas deal": the year first, as the agreement is called, so "the gas deal" still finds it
            label = f"{year.group()} {what}" if year and year.group() not in what else f"{what} ({date.strip()})"
            found.append(Typed(span, label, "Agreement", "description", "described-agreement"))
        elif (match["topic"] and (match["kind"] or match["term"]) or " " in match["head"]  # "a joint statement"
              or match["parties"]  # "the Mongolia–Turkey accord"
              or match["money"] and match["kind"]  # "a $400 billion gas deal": a sum sets one deal apart
              or re.fullmatch(r"memorandum of understanding", match["head"] + (match["topic"] or ""))
              or setting
              or re.fullmatch(r"\s+(?:on|of)(?:\s+\S+){2,}", match["topic"] or "")):  # "an agreement on a natural gas swap"
            what = " ".join(filter(None, [(match["parties"] or "").strip(), *setting, match["term"], match["kind"].strip(),
                                          match["head"].lower(), (match["topic"] or "").strip()]))
            found.append(Typed(span, what, "Agreement", "description", "undated-agreement"))
    return found


def _agreement_vocabulary(gazetteer: Gazetteer) -> dict[str, set[str]]:
    """Each reference agreement's label, with every word of all its names."""
    return {
        entity.label: {word for name in names for word in fold(name).split()}
        for entity, names in gazetteer.names_of("Agreement").items()
    }


def _date_after(text: str, position: int) -> str | None:
    """The date the sentence gives for signing an agreement described just before."""
    match = _DATED.match(text, position) or _SIGNED_ON.match(text, position)
    if not match:
        return None
    date = match["date"]
    full = re.match(rf"(?P<month>{_MONTHS}) (?P<day>\d{{1,2}}), (?P<year>\d{{4}})", date)
    return f"{full['day']} {full['month']} {full['year']}" if full else date


_SIGNED_AFTER_DATE = re.compile(rf"(?P<date>{_DATE})\b[^.;\n]{{0,120}}\b(?:signs?|signed|conclude[sd]?|strikes?|struck|"
                                rf"inks?|inked|agrees? on|agreed on)\s+$")


def _date_before(text: str, position: int) -> str | None:
    """The date a line opens with when the agreement's description follows a verb of signing:
    "May 2014 - Gazprom and CNPC sign a 30-year contract"."""
    line_start = text.rfind("\n", 0, position) + 1
    match = _SIGNED_AFTER_DATE.search(text, line_start, position)
    return match["date"] if match else None


def _year_first_exercises(analysis: Analysis) -> list[Typed]:
    """ "2019's Tsentr military exercise" names the exercise Tsentr 2019."""
    return [
        Typed(Span(m.start(), m.end("name")), f"{m['name']} {m['year']}", "Event", "description", "year-first-exercise")
        for m in _EXERCISE_YEAR_FIRST.finditer(analysis.view)
    ]


_EVENT_IN_PLACE = re.compile(
    r"\b(?:[Tt]he|[Ii]ts|[Tt]heir|[Aa]n?)\s+(?P<body>(?:[a-z]+-level\s+)?(?:[A-Z]{2,6}\s+)?(?:(?:joint|naval|military|"
    r"annual|first|second|third|last|latest|recent|strategic|informal|extraordinary|trilateral|bilateral|air|aerial|"
    r"maritime|large-scale|anti-terrorist|counter-terrorism|expanded|regular|official|state|[a-z]+-day)\s+){0,4}"
    rf"(?:summit|meeting|talks|negotiations|consultations|conference|session|{_EXERCISE_NOUNS}|"
    r"patrols?|parade|celebrations|ceremony|forum|visit|games))\s+(?P<prep>in|over|off|near|on)\s+(?:the\s+)?"
    r"(?P<place>[A-Z][\w'’-]+(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?[A-Z][\w'’-]+)*"
    r"(?:[ \t]+and[ \t]+(?:the[ \t]+)?[A-Z][\w'’-]+(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?[A-Z][\w'’-]+)*)?)"  # "over the Sea of Japan and the East China Sea"
)


def _described_events(analysis: Analysis) -> list[Typed]:
    """ "the SCO summit in Samarkand", "the joint exercise in Tajikistan": a particular event the text
    describes by what it was and where, named by those words; the place keeps its own mention."""
    return [
        Typed(Span(m.start("body"), m.end("place")), " ".join(m.group("body", "prep", "place")), "Event", "description",
              "described-event")
        for m in _EVENT_IN_PLACE.finditer(analysis.view)
        if m["prep"] in ("in", "off", "near") or m["body"].split()[-1] in ("patrol", "patrols", *_EXERCISE_WORDS)
        if not re.fullmatch(r"(?:January|February|March|April|May|June|July|August|September|October|November|"
                            r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)", m["place"])
    ]


_EVENT_NOMINAL = rule("discovery", "event-nominal")
_EVENT_NOMINAL_PATTERN = re.compile(str(_EVENT_NOMINAL.option("regex")))
_NAMED_SUMMIT = rule("discovery", "named-summit")
_NAMED_SUMMIT_PATTERN = re.compile(str(_NAMED_SUMMIT.option("regex")))
_SUMMIT_PLACE = rule("discovery", "summit-place")
_SUMMIT_PLACE_PATTERN = re.compile(str(_SUMMIT_PLACE.option("body")))


def _event_nominals(analysis: Analysis) -> list[Typed]:
    """ "Russia's invasion of Ukraine", "the collapse of the Soviet Union", "riots in Kyrgyzstan": an
    event named by what happened (a noun of war, crisis, unrest or travel) and to what, named by those
    words; the state or place keeps its own mention inside."""
    return [Typed(Span(m.start("body"), m.end("body")), " ".join(m["body"].split()), "Event", "description",
                  _EVENT_NOMINAL.id) for m in _EVENT_NOMINAL_PATTERN.finditer(analysis.view)]


_AGREEMENT_TITLE = rule("discovery", "agreement-title")
_AGREEMENT_TITLE_PATTERN = re.compile(str(_AGREEMENT_TITLE.option("regex")))


def _agreement_titles(analysis: Analysis) -> list[Typed]:
    """ "the Treaty on the creation of an Economic Union", "an agreement to create a Customs Union": an
    agreement named by its head and what it does, up to the name it does it to."""
    found = []
    for m in _AGREEMENT_TITLE_PATTERN.finditer(analysis.view):
        label = " ".join(m["body"].split())
        found.append(Typed(Span(m.start("body"), m.end("body")), label, "Agreement", "description", _AGREEMENT_TITLE.id))
    return found


_DEFINITE_EVENT = rule("discovery", "definite-event")
_DEFINITE_EVENT_PATTERN = re.compile(str(_DEFINITE_EVENT.option("regex")))
_DESCRIBED_PROJECT = rule("discovery", "described-project")
_DESCRIBED_PROJECT_PATTERN = re.compile(str(_DESCRIBED_PROJECT.option("regex")))


def _definite_events(analysis: Analysis) -> list[Typed]:
    """ "the financial crisis", "ethnic clashes broke out", "the signing ceremony": one event the text
    has in view, named by its head noun and what qualifies it."""
    found = []
    for m in _DEFINITE_EVENT_PATTERN.finditer(analysis.view):
        group = "body" if m["body"] else "bare"
        found.append(Typed(Span(m.start(group), m.end(group)), " ".join(m[group].split()), "Event", "description",
                           _DEFINITE_EVENT.id))
    return found


def _described_projects(analysis: Analysis) -> list[Typed]:
    """ "a cross-border pipeline", "a new terminal in … Lianyungang": a built thing the text describes
    by its kind and a word that sets it apart, with the place it is in when the text says so; that place,
    when nothing else names it, is a place of its own inside ("a coal plant at Tavan Tolgoi")."""
    found = []
    for m in _DESCRIBED_PROJECT_PATTERN.finditer(analysis.view):
        if analysis.view[max(0, m.start() - 2) : m.start()].strip() == ",":  # "Yamal LNG, a … plant": the name says it
            continue
        if _BARE_FACILITY.fullmatch(" ".join(m["body"].split())):  # "the pipeline" alone refers back
            continue
        found.append(Typed(Span(m.start("body"), m.end("body")), " ".join(m["body"].split()), "Project",
                           "description", _DESCRIBED_PROJECT.id))
        if m["place"] and not any(k.start < m.end("place") and m.start("place") < k.end for k in analysis.mentions):
            found.append(Typed(Span(m.start("place"), m.end("place")), " ".join(m["place"].split()), "Place", "place",
                               _DESCRIBED_PROJECT.id))
    return found


_BARE_FACILITY = re.compile(r"(?:military|air|naval|dry|logistics)?\s*\w+")  # a kind with nothing to set it apart


_REGION = rule("discovery", "region-of-state")
_REGION_BEFORE = re.compile(str(_REGION.option("before")))
_LOCATIVE = re.compile(str(_REGION.option("locative")))


def _regions_of_states(analysis: Analysis) -> list[Typed]:
    """ "western China", "Southern Russia", "East Ukraine": a region named by a point of the compass
    before a state's name is a place; the state keeps its own mention inside."""
    found = []
    for mention in analysis.mentions:
        if mention.entity.cls != "State" or mention.matched_as not in ("label", "alias"):
            continue
        compass = _REGION_BEFORE.search(analysis.view, max(0, mention.start - 20), mention.start)
        if compass and compass["compass"].islower() and _LOCATIVE.search(analysis.view, max(0, compass.start() - 12),
                                                                          compass.start()):
            continue  # "built in eastern Russia": where a thing is, the state; "the steppes of western China": a region
        if compass:
            label = f"{compass['compass'].capitalize()} {mention.entity.label}"
            found.append(Typed(Span(compass.start("compass"), mention.end), label, "Place", "description", _REGION.id))
    return found


_STRATEGY = rule("discovery", "strategy-of")
_STRATEGY_AFTER = re.compile(str(_STRATEGY.option("after")))


def _strategies_of(analysis: Analysis) -> list[Typed]:
    """ "the CSTO anti-drug strategy for 2021–2025", "the EAEU digital agenda": a strategy or programme
    named by the organisation or state that has it, what it is about and its years."""
    found = []
    for mention in analysis.mentions:
        if mention.entity.cls not in ("InternationalOrganization", "State") or mention.matched_as not in ("label", "alias"):
            continue
        match = _STRATEGY_AFTER.match(analysis.view, mention.end)
        if match:
            label = " ".join(analysis.view[mention.start : match.end()].split())
            found.append(Typed(Span(mention.start, match.end()), label, "Initiative", "description", _STRATEGY.id))
    return found


def _named_summits(analysis: Analysis) -> list[Typed]:
    """ "the CSTO summit", "the 2019 SCO summit", "the Bishkek summit": a meeting named by the body
    that holds it, the place it is held or its year; a name before the meeting's noun that is nothing
    known ("the Termez summit") is the town it is held in, and keeps its own mention inside."""
    found = []
    for m in _NAMED_SUMMIT_PATTERN.finditer(analysis.view):
        found.append(Typed(Span(m.start("body"), m.end("body")), " ".join(m["body"].split()), "Event", "description",
                           _NAMED_SUMMIT.id))
        town = _SUMMIT_PLACE_PATTERN.match(m["body"])
        if town:
            start, end = m.start("body") + town.start("place"), m.start("body") + town.end("place")
            if not any(k.start < end and start < k.end for k in analysis.mentions):
                found.append(Typed(Span(start, end), " ".join(town["place"].split()), "Place", "place", _SUMMIT_PLACE.id))
    return found


_THINK_TANK = re.compile(r"\b(?P<name>[a-z][\w-]{2,}), an? (?:[a-z-]+ ){0,2}think[ -]tank\b")


def _lowercase_think_tanks(analysis: Analysis) -> list[Typed]:
    """ "foraus, a think tank on foreign policy": a name written in lowercase, said to be a think tank."""
    return [
        Typed(Span(m.start("name"), m.end("name")), m["name"], "ResearchOrganization", "context", "lowercase-think-tank")
        for m in _THINK_TANK.finditer(analysis.view)
    ]


# Merging ---------------------------------------------------------------------------------------

# Descriptions that say which thing only within their own text ("the financial crisis", "a joint statement").
_OWN_DOCUMENT = frozenset({"definite-event", "described-project", "undated-agreement"})
# The rules that describe a thing rather than name it.
_DESCRIPTIONS = frozenset(f"discovery/{rule_id}" for rule_id in (
    "event-nominal", "named-summit", "described-event", "described-agreement", "undated-agreement", "agreement-title",
    "definite-event", "described-project", "region-of-state", "year-first-exercise", "strategy-of"))


def _merge(known: tuple[Mention, ...], new: list[Mention]) -> tuple[Mention, ...]:
    """The gazetteer's mentions and the new ones; a new name replaces the known names inside it."""
    kept_new: list[Mention] = []
    for mention in sorted(new, key=lambda m: (m.start, -(m.end - m.start))):
        overlapping = [m for m in known if m.start < mention.end and mention.start < m.end]
        inside = all(mention.start <= m.start and m.end <= mention.end for m in overlapping)
        exact = any(m.start == mention.start and m.end == mention.end for m in overlapping)
        if inside and not exact and not any(_overlaps(mention, m) and not _holds(m, mention) for m in kept_new):
            kept_new.append(mention)
    replaced = [m for m in known if not any(n.start <= m.start and m.end <= n.end and not _keeps_inner(n, m)
                                            for n in kept_new)]
    return tuple(sorted(replaced + kept_new, key=lambda m: (m.start, m.end)))


def _holds(outer: Mention, inner: Mention) -> bool:
    """Whether `outer` spans `inner` and keeps it as a name of its own."""
    return outer.start <= inner.start and inner.end <= outer.end and _keeps_inner(outer, inner)


def _keeps_inner(outer: Mention, inner: Mention) -> bool:
    """Whether a mention inside a new one stays.

    A description names what it is about ("the invasion of Ukraine", "a meeting of the CSTO Council
    in Yerevan", "western China"), and so does the name of an event or an agreement ("the Treaty on
    the Eurasian Economic Union"): the states, organisations, places and things inside stay mentions.
    Inside the proper name of a project, an initiative or an organisation's body only a state does
    ("the Kazakhstan–China oil pipeline", not the "Asia" of "Europe–Caucasus–Asia"); inside a
    company's name nothing does ("Kazakhstan Temir Zholy" is a firm, not the state).
    """
    if inner.matched_as in ("demonym", "metonym") or inner.entity.cls == outer.entity.cls:
        return False  # an agreement inside an agreement's description is the same one, read twice
    if outer.rule in _DESCRIPTIONS or outer.entity.cls in ("Event", "Agreement"):
        return inner.entity.cls in ("State", "InternationalOrganization", "Place", "Initiative", "Agreement",
                                    "Event", "Project")
    return inner.entity.cls == "State" and outer.entity.cls in ("Place", "Project", "Initiative",
                                                                "InternationalOrganization")


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end
