"""Read the core relations between recognised entities: memberOf, partyTo, participatesIn, operator,
locatedIn, affiliatedWith, headOf and linkedWith, each with its sentence as evidence.

Each sentence is rewritten as a *mask*, in which every mention becomes a placeholder naming its
class and number: "Kazakhstan, a member of both the EAEU and the CSTO" reads
"«S0», a member of both «O1» and «O2»". On the way:

- a name and its acronym in brackets become one placeholder ("Eurasian Economic Union (EAEU)");
- a demonym before a group noun stands for its state ("Chinese troops" is «S»); other demonyms
  keep their own code, D, that few rules accept;
- a description that refers back ("the pipeline", "the treaty", "the two countries", a sentence
  opening "He"/"She") becomes the placeholder of what it refers to: the latest entity of the right
  class in the sentence or the three before it;
- "the" before a placeholder is dropped, so the rules need not say it.

The rules are regular expressions over the mask, written with class macros: {S} one state, {SOC+}
a list of states, organisations or companies ("A, B and C", never stopping before "and D"). Codes: S state,
D demonym, O international organisation, I initiative, A agreement, P project, C company, H person,
R research organisation, L place, E event. A rule's groups s… are its subjects and o… its objects;
a rule may name the class of an object the sentence leaves out ("Total is the fourth shareholder"
of the project just named), and an object "its" is the latest state before it. Every relation is
checked against the domain and range of its property, and nothing is read from a match that holds
a negation ("never signed", "has applied to join").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterator

from .entities import SURFACE_KINDS
from .model import Analysis, EntityRef, Mention, Relation, Sentence, Span
from .patterns import GROUP_NOUNS, HEAD_ROLES, ROLE_NOUNS

CODES = {"State": "S", "InternationalOrganization": "O", "Initiative": "I", "Agreement": "A", "Project": "P",
         "Company": "C", "Person": "H", "ResearchOrganization": "R", "Place": "L", "Event": "E"}
_ORG = {"InternationalOrganization", "Company", "ResearchOrganization"}
_AGENT = {"Person", "State"} | _ORG
# Domain and range of each core property, as ontology/shapes.ttl checks them.
SIGNATURES: dict[str, tuple[set[str], set[str]]] = {
    "memberOf": (_AGENT, {"InternationalOrganization"}),
    "partyTo": ({"State"} | _ORG, {"Agreement"}),
    "participatesIn": (_AGENT, {"Project", "Event", "Initiative"}),
    "operator": ({"Project"}, {"Company"}),
    "locatedIn": ({"Project", "Place", "Event"}, {"Place", "State"}),
    "affiliatedWith": ({"Person"}, _ORG),
    "headOf": ({"Person"}, {"State"} | _ORG),
    "linkedWith": ({"Initiative", "Agreement", "InternationalOrganization"},) * 2,
}
_NEGATION = re.compile(
    r"\b(?:not|never|no longer|neither|nor|refused|declined|failed|yet to|outside|instead of|rather than|"
    r"applied to|apply to|hopes? to|wants? to|seeks? to|bid to|plans? to|aims? to)\b|n't\b", re.I)
_WINDOW = 3  # sentences before the current one in which a description may find what it refers to

# Descriptions that refer back to an entity named before, by the classes that entity may have; one
# whose name holds the noun is preferred ("the bank" is the latest bank, whether company or union of states).
_REFERRING = [
    (re.compile(r"\b[Tt]he (?:(?:dry|new|planned|proposed|gas|oil|main|first|second|existing|cross-border) )?"
                r"(pipeline|project|plant|port|line|railway|bridge|terminal|facility)\b"), {"Project"}),
    (re.compile(r"\b[Tt]he (treaty|agreement|contract|deal|accord|pact)\b"), {"Agreement"}),
    (re.compile(r"\b[Tt]he (exercises?|drills|war games|manoeuvres|maneuvers|summit|talks|conference|forum)\b"),
     {"Event"}),
    (re.compile(r"\b[Tt]he (organi[sz]ation|bloc|grouping|union|alliance)\b"), {"InternationalOrganization"}),
    (re.compile(r"\b[Tt]he (company|firm|corporation)\b"), {"Company"}),
    (re.compile(r"\b[Tt]he (bank|fund)\b"), {"Company", "InternationalOrganization"}),
    (re.compile(r"\b[Tt]he (institute|centre|center|university|think tank)\b"), {"ResearchOrganization"}),
]
_TWO_STATES = re.compile(r"\b(?:[Tt]he two|[Bb]oth) (?:countries|powers|neighbou?rs|nations|states|sides|"
                         r"governments|capitals)\b")
_HE_SHE = re.compile(r"^(?:He|She)\b")
# "it" as the object of a verb that joins, founds, signs or runs something: what was named last of those kinds.
_IT = re.compile(r"\b(?:founded|established|created|set up|joined|acceded to|signed|ratified|left|built|operates|runs|"
                 r"owns|launched) (it)\b")
_IT_CLASSES = {"InternationalOrganization", "Agreement", "Project", "Initiative"}
# Commas around words that name nothing ("«S0» and «S1», two old rivals, joined"): the rules read past them.
_APPOSITION = re.compile(r"^,(?! (?:[a-z]+ )?(?:of )?(?:which|whom|whose)\b)(?: [^«»,;:()\"“”]{1,80}),"
                         r"(?= (?!(?:with|and|or|to|in|of|for|from|by|as|at|on|but)\b)(?-i:[a-z]))")


@dataclass(frozen=True)
class Slot(Span):
    """What a placeholder stands for: one entity, or several ("the two countries")."""

    code: str
    entities: tuple[EntityRef, ...]
    known: bool = True  # named by the reference data, rather than first met in this text


@dataclass(frozen=True)
class Mask:
    text: str
    slots: tuple[Slot, ...]
    at: tuple[int, ...]  # where each placeholder starts in the mask text


@dataclass(frozen=True)
class Rule:
    """A pattern over masks and the property it reads; `objects` maps object codes to properties
    where the property depends on the object ("joined" an organisation or an initiative)."""

    pattern: re.Pattern
    predicate: str
    confidence: float
    implicit: str = ""  # codes of an object the sentence leaves out, found before the match
    objects: tuple[tuple[str, str], ...] = ()
    pair: bool = False  # the relation holds between the two latest entities before the match
    new_places: bool = False  # a place as subject only when first met in the text (a town, not a region)
    respective: bool = False  # subjects and objects listed in the same order pair one to one
    sole: bool = False  # the implicit object is the one entity of its code before the match in the sentence


def _expand(template: str) -> re.Pattern:
    """A rule's regular expression, its class macros written out."""
    def one(codes: str) -> str:
        return rf"«[{codes}]\d+»"

    def many(codes: str) -> str:
        item = one(codes)
        return rf"{item}(?:(?:,? and |, |,? as well as | & ){item})*(?!,? (?:and|as well as) {item})"

    regex = re.sub(r"\{([A-Z]+)(\+?)\}", lambda m: many(m[1]) if m[2] else one(m[1]), template)
    return re.compile(regex, re.I)


def _alternatives(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_ROLE = _alternatives(ROLE_NOUNS | {"research associate", "senior associate", "resident scholar"})
_HEAD = _alternatives(HEAD_ROLES | {"chief executive", "managing director", "general director",
                                    "executive director", "secretary general", "prime minister"})
_ORG_HEAD = r"(?:secretary-general|secretary general|director-general|director general|chief executive|" \
            r"executive secretary|managing director|general director)"
_STATE_HEAD = r"(?:president|premier|prime minister|chancellor|leader|king|emperor|head of state)"
_SIDES = r"(?:north|south|east|west|northern|southern|eastern|western|central|north-eastern|north-western|" \
         r"south-eastern|south-western|northeastern|northwestern|southeastern|southwestern|far|remote)"
_GAP = r"(?:[^«»;]|«[SLDIE]\d+»)"  # text naming no agent: only states, places, initiatives or events
_NO_SPEECH = r"(?!\b(?:said|says|told|tells|argued|argues|noted|notes|wrote|writes|warned|added)\b)"
# After the organisation someone heads: not more of a longer name ("chair of the Russia in the Asia-Pacific
# Program" heads the programme, not Russia).
_END = r"(?!'s| (?-i:[A-Z])| (?:and|in|of|for|on|&) «[A-Z]\d+» (?-i:[A-Z]))"


def _rule(predicate: str, template: str, confidence: float, **options) -> Rule:
    return Rule(_expand(template), predicate, confidence, **options)


RULES: tuple[Rule, ...] = (
    # memberOf ----------------------------------------------------------------------------------
    _rule("memberOf", r"(?P<s>{SOCR+}),? (?:both |all |each )?(?:of which |of whom |which |that )?(?:is |are |was |"
          r"were |has been |have been |being |as |remains |remain )?(?:also |both |all |one of (?:the )?(?:[a-z]+ )?|"
          r"the (?:[a-z0-9]+ )?)?"
          r"(?:(?:an?|fellow|full|founding|"
          r"permanent|core|key|leading|new|full-fledged|original|active|full-time) )*members? (?:states? |"
          r"countries |nations )?(?:of|in) (?:both )?(?:[a-z-]+ ){0,2}?(?P<o>{O+})", 0.85),
    _rule("memberOf", r"(?P<s>{SOCR+}),? (?:both |all )?(?:is |are |was |were )?(?:an? )?(?:fellow |founding |"
          r"full )?(?P<o>{O}) members?\b(?! of)", 0.8),
    _rule("memberOf", r"(?P<o>{O}) (?:member states?|members?|member countries|member nations)(?: such as| like|"
          r" including|,)? (?P<s>{S+})", 0.75),
    _rule("memberOf", r"(?P<s>{SOCR+}) (?:also |formally |officially |eventually |later |finally |then |"
          r"subsequently )?(?:has |have |had )?(?:also |formally |officially )?(?:joined|acceded to|became "
          r"(?:an? |the )?(?:full |founding |permanent |new )?(?:members? of|part of)|was admitted to|"
          r"were admitted to) (?P<o>{OIPEA})", 0.85,
          objects=(("O", "memberOf"), ("I", "participatesIn"), ("P", "participatesIn"), ("E", "participatesIn"),
                   ("A", "partyTo"))),
    _rule("memberOf", r"(?P<s>{SOCR+}) (?:has |have |had )?(?:also |formally |officially )?(?:joined|acceded|"
          r"became (?:an? )?(?:full |permanent |new )?members?)(?! (?:forces|hands|efforts|the call|ranks|«)|"
          r" in (?!\d|the (?:same|next|following)|(?-i:[A-Z])))(?:[^«»;,]{0,30}?(?P<s2>(?:(?:,|,? and) «[SOCR]\d+» "
          r"(?:in|on|at|later|a)\b[^«»;,]{0,25}?)+)(?=[,.;]| ?$))?", 0.6, implicit="O"),
    _rule("memberOf", r"(?P<o>{O})(?:[^«»;]|«[LDE]\d+»){0,80}?(?:founded|established|created|set up|formed) "
          r"by (?P<s>{S+})", 0.8),
    _rule("memberOf", r"(?P<s>{S+})(?:[^«»;]|«[LD]\d+»){0,60}? (?:founded|established|created|set up|"
          r"launched|formed) (?P<o>{O})", 0.75),
    _rule("memberOf", r"(?:members?|member states|member countries) of (?P<o>{O}) (?:are|include|includes|were|"
          r":|,? namely|,? such as)[^«»]{0,20}?(?P<s>{S+})", 0.8),
    _rule("memberOf", r"(?P<o>{O})(?:'s)? (?:[a-z]+ )?(?:members|member states|member countries) (?:are|include|includes|"
          r"comprise|comprises|:)[^«»]{0,20}?(?P<s>{S+})", 0.8),
    _rule("memberOf", r"(?P<o>{O}),? (?:(?:which|that) )?(?:now )?(?:includes?|included|comprises?|comprised|"
          r"consists of|consisted of|is made up of|brings together|brought together|unites|united|groups) "
          r"[^«»]{0,30}?(?P<s>{S+})", 0.7),
    _rule("memberOf", r"\bincluding (?P<s>{SOCR+}),? (?:have |has |had )?(?:also )?(?:joined|signed up to|"
          r"signed on to|signed up for) (?P<o>{OI})", 0.7, objects=(("O", "memberOf"), ("I", "participatesIn"))),
    _rule("memberOf", r"(?:in addition to (?P<s2>{S+}), )?\bit (?:embraced|included|includes|comprised|comprises|"
          r"brought together|united|unites|grouped|groups|admitted)(?:[^«»;]|«L\d+»){0,60}? (?P<s>{S+})", 0.6,
          implicit="O"),
    _rule("memberOf", r"(?P<s>{SOCR+}),? (?:both |all )?(?:of which |of whom )?(?:belongs?|belonged)(?:, with "
          r"(?P<s2>{SOCR+}),)? to (?P<o>{O+})", 0.8),
    _rule("memberOf", r"(?P<s>{S}), (?:its|their|{S}'s) (?:close |closest |main |key |staunch |treaty )?"
          r"(?:ally|allies|partner|partners) in (?P<o>{O+})", 0.7),
    _rule("memberOf", r"(?P<o>{O}),? (?:is|was|has been|remains) (?:an?|the) (?:[a-z-]+ ){0,4}?(?:alliance|"
          r"organi[sz]ation|union|bloc|grouping|group|club|association|community) of (?:(?:[a-z-]+|[a-z]+-«D\d+»|"
          r"«D\d+») ){0,3}?(?:states|countries|nations|republics|members|economies)(?: [^«»:;]{0,30})?: (?P<s>{S+})", 0.8),
    _rule("participatesIn", r"(?P<s>{SOCR})(?: [^«»;]{0,20})? as (?:an? |the |its )?(?:[a-z-]+ ){0,2}?(?:partner|"
          r"participant|member) (?:in|of) (?P<o>{IPO})", 0.7, objects=(("O", "memberOf"),)),
    # partyTo -----------------------------------------------------------------------------------
    _rule("partyTo", r"(?P<s>{SOC+})(?:[^«»;]|«[LD]\d+»){0,40}? (?:have |has |had )?(?:signed|concluded|"
          r"ratified|adopted|initialed|initialled|inked|struck|agreed to extend|extended|renewed|agreed on|"
          r"entered into) (?P<o>{A})", 0.85),
    _rule("partyTo", r"(?P<o>{A}),? (?:which|that) (?P<s>{SOC+}) (?:had |have |has )?(?:signed|concluded|"
          r"ratified|adopted|agreed|negotiated|struck|reached)", 0.85),
    _rule("partyTo", r"(?P<o>{A}),? (?:which was |that was |was |were |is |being )?(?:signed|concluded|"
          r"ratified|adopted|agreed|negotiated|extended|renewed) (?:(?:[^«»;]|«[LD]\d+»){0,50}? )?by (?:the "
          r"(?:presidents?|leaders?|heads of state|heads of government|prime ministers?|governments?|foreign "
          r"ministers?) of )?(?P<s>{SOC+})", 0.8),
    _rule("partyTo", r"(?P<o>{A}),? (?:in|under|by) which (?P<s>{SOC+}) (?:have |has |had )?(?:agreed|"
          r"declared|pledged|committed|promised|affirmed|undertook|stated|vowed|recogni[sz]ed)", 0.8),
    _rule("partyTo", r"\b(?:in|under|through) (?P<o>{A}),? (?P<s>{SOC+}) (?:have |has |had )?(?:agreed|"
          r"declared|pledged|committed|promised|affirmed|undertook|stated|vowed)", 0.8),
    _rule("partyTo", r"(?P<o>{A}) (?:signed |concluded |reached )?between (?P<s>{SOC+})(?!,? (?:and|as well as) «)",
          0.75),
    _rule("partyTo", r"(?P<s>{SOC}) (?:has |have |had )?(?:signed|concluded) (?P<o>{A}) with (?P<s2>{SOC+})",
          0.8),
    # participatesIn ----------------------------------------------------------------------------
    _rule("participatesIn", r"(?P<s>{SOCRH+}) (?:also |all |both )?(?:have |has |had )?(?:took|take|takes|"
          r"taking|taken) part(?: in (?P<o>{PEI}))?", 0.8, implicit="EP"),
    _rule("participatesIn", r"(?P<s>{SOCRH+}) (?:also )?(?:participated|participates|participate|were involved|"
          r"was involved|are involved|is involved) in (?P<o>{PEI})", 0.8),
    _rule("participatesIn", r"(?P<s>{SOCR+}) (?:has |have |had )?(?:also |formally )?(?:signed up (?:to|for)|"
          r"signed on to|is part of|are part of|was part of|is a (?:[a-z]+ )?partner (?:in|of)|are (?:[a-z]+ )?"
          r"partners (?:in|of)) (?P<o>{I})", 0.7),
    _rule("participatesIn", r"(?P<s>{SOCR+}) (?:jointly )?(?:has |have |had )?(?:jointly )?(?:held|hosted|"
          r"staged|conducted|organi[sz]ed) (?P<o>{E})", 0.8),
    _rule("participatesIn", r"(?P<s>{SOC})[^«»;]{0,60}?\bmilitary\b[^«»;]{0,60}?\b(?:through|during|in) (?P<o>{E})",
          0.55),
    _rule("participatesIn", r"(?P<o>{E}),? (?:which was |was |were )?(?:held|hosted|staged|conducted|"
          r"organi[sz]ed) by (?P<s>{SOCR+})", 0.8),
    _rule("participatesIn", r"(?P<o>{E})(?:[^«»;]|«[LD]\d+»){0,40}? (?:included|involved|featured|brought "
          r"together|drew)[^«»;]{0,50}?(?P<s>{S+})", 0.7),
    _rule("participatesIn", r"(?P<s>{SOCR+})(?:, [^,;]{0,80},)? (?:now |also |each |jointly )?(?:holds?|held|"
          r"owns?|owned|has|have|took|takes|acquired|bought|purchased)(?: an?| its| their)?(?: (?:[\d.,]+ ?"
          r"(?:per ?cent|percent|%)|(?:minority |majority |controlling )?stakes?|shares?|interest))+"
          r"(?: (?:in|of) (?P<o>{P}))?", 0.8, implicit="P"),
    _rule("participatesIn", r"(?P<s>{SOCR}) (?:is|was|became|are|were|remains) (?:an? |the )?(?:[a-z]+ ){0,2}?"
          r"(?:shareholders?|investors?|stakeholders?|co-owners?)(?: in (?P<o>{P}))?", 0.75, implicit="P"),
    _rule("participatesIn", r"sold [^«»;]{0,30}?(?:of|in) (?P<o>{P}) to (?P<s>{SOCR+})", 0.8),
    _rule("participatesIn", r"(?P<o>{P}),? (?:[^«»;]{0,60}?)?(?:was |were |is being |being |has been )?"
          r"(?:jointly )?(?:built|constructed|developed|financed|funded|co-financed)(?: jointly)? by "
          r"(?P<s>{SOCR+})", 0.75),
    _rule("participatesIn", r"(?P<s>{SOCR+}) (?:has |have |had )?(?:jointly )?(?:built|constructed|financed|"
          r"funded|developed|is building|are building|began (?:design |construction )?work on|started "
          r"(?:design |construction )?work on|invested in|is developing)(?: [^«»;]{0,30}?)? (?P<o>{P})", 0.7),
    _rule("participatesIn", r"(?P<o>{P})(?:(?!«P)[^;]){0,80}? (?:delivering|delivered|delivers|deliver|"
          r"supplying|supplied|supplies|selling|sold|sells|shipping|shipped|ships|pumping|pumped)[^«»;]{0,60}? "
          r"to (?P<s>{C})", 0.7),
    # operator ----------------------------------------------------------------------------------
    _rule("operator", r"(?P<s>{P})(?:(?!«P)[^;]){0,80}? (?:is |was |are |were |has been |being )?(?:(?:built|"
          r"constructed|owned) and )?(?:operated|run|managed) by (?:[a-z-]+ ){0,4}?(?P<o>{C})", 0.85),
    _rule("operator", r"(?P<o>{C})(?:, [^,;]{0,60},|,? (?:which|that))? (?:also |now |still )?(?:operates|"
          r"operated|runs|ran|manages|managed) (?P<s>{P})", 0.8),
    _rule("operator", r"(?P<o>{C}) (?:built|constructed|owns|owned|developed) (?P<s>{P}) and (?:now |also )?"
          r"(?:operates|runs|manages) (?:it|«P\d+»)", 0.85),
    _rule("operator", r"(?P<o>{C})'s (?:flagship |new |main |giant |own )?(?P<s>{P})", 0.6),
    _rule("operator", r"(?P<o>{C}),? (?:is |was )?(?:the |its )?operator of (?P<s>{P})", 0.8),
    # locatedIn ---------------------------------------------------------------------------------
    _rule("locatedIn", rf"(?P<s>{{PLE}}) (?:is |was |are |were )?(?:located|situated|lying|lies|lie) (?:in|at|on) "
          rf"(?:{_SIDES} )*(?P<o>{{LS}})(?!'s)", 0.8),
    _rule("locatedIn", rf"(?P<s>{{PLE}})(?: (?:military |naval |joint |air )*(?:exercises?|drills?|war games|"
          rf"manoeuvres|maneuvers|summit))? (?:(?:is|was|are|were) )?(?:based )?(?:in|at|on) (?:{_SIDES} )*"
          rf"(?P<o>{{LS}})(?!'s)", 0.75, new_places=True),
    _rule("locatedIn", rf"(?P<s>{{PLE}}), (?:an?|the) (?:[\w-]+ ){{1,4}}?(?:in|at|on) (?:{_SIDES} )*"
          rf"(?P<o>{{LS}})(?!'s)", 0.8),
    _rule("locatedIn", r"(?P<s>{L}) on (?P<o>{S})'s (?:[a-z]+ )?(?:border|frontier|coast)", 0.7),
    _rule("locatedIn", rf"(?P<s>{{E}})[^«»;]{{0,30}}? (?:took place|takes place|will take place|was held|were held|"
          rf"is held|are held|will be held|was staged|were staged|was hosted|unfolded) (?:in|at|on) "
          rf"(?:{_SIDES} )*(?P<o>{{LS}})(?!'s)", 0.8),
    _rule("locatedIn", r"(?P<s>{L}), in (?P<o>{LS})(?=[,.;)]| ?$)", 0.7, new_places=True),
    _rule("locatedIn", r"(?P<s>{P})(?:(?!«P)[^;]){0,80}? (?:runs?|ran|running|passes|passed|passing|stretches|"
          r"stretched|goes|went|travels|extends|extended|run|pass|go|extend) (?:[^«»;]{0,40}? )?(?:through|across|via) "
          r"(?P<o>{LS+})", 0.75),
    _rule("locatedIn", r"(?P<s>{P})(?:(?!«P)[^;]){0,80}? (?:cross|crosses|crossed|crossing|traverse|traverses|"
          r"traversed) (?P<o>{LS+})", 0.75),
    _rule("locatedIn", r"(?P<s>{L}), (?:the |a |an )?(?:[a-z-]+ )?(?:capital|city|town|port|seat|centre|center) "
          r"of (?P<o>{LS})(?!'s)", 0.75),
    _rule("locatedIn", r"(?P<s>{P})(?:(?!«P)[^;]){0,60}? (?:carried|carries|carrying|brought|brings|bringing|"
          r"ships|shipped|pumps|pumped|transports|transported|delivers|delivered|delivering)[^«»;]{0,30}? "
          r"from (?P<o>{S}) (?:across|through|via) (?P<o2>{LS+})", 0.75),
    _rule("locatedIn", r"(?P<s>{L}) (?:region|province|oblast|krai|district|autonomous region) of (?P<o>{S})",
          0.8),
    _rule("locatedIn", r"(?P<o>its|{S}'s) (?:[a-z-]+ ){0,2}?(?P<s>{L}) (?:region|province|oblast|krai|"
          r"autonomous region)", 0.7),
    # headOf ------------------------------------------------------------------------------------
    _rule("headOf", rf"(?P<s>{{H}}),? (?:who is |is |was |has been |serves as |served as |became |remains )?"
          rf"(?:also )?(?:the |its )?(?:current |former |then |first |founding |new |acting )?(?:{_HEAD})"
          rf"(?: and [^«»,;]{{0,40}}?)? of (?P<o>{{SOCR}})(?: (?:management committee|management board|"
          rf"board of directors|board|executive board|government))?{_END}", 0.85),
    _rule("headOf", rf"(?P<o>{{SOCR}})'s (?:current |new |then |former |incumbent )?(?:{_HEAD}),? (?P<s>{{H}})",
          0.85),
    _rule("headOf", rf"(?P<s>{{H}})(?: (?:is|was|became|has been|remains)|,) (?:the )?(?P<o>{{SOCR}})'s "
          rf"(?:current |new |former )?(?:{_HEAD})\b", 0.85),
    _rule("headOf", rf"(?:(?:former|then|current|late|incumbent) )?(?P<o>{{SD}}) (?:(?:then|former|current|"
          rf"incumbent) )?{_STATE_HEAD},? (?P<s>{{H}})", 0.8),
    _rule("headOf", rf"(?P<s>{{H}}), (?:the )?(?P<o>{{SD}}) {_STATE_HEAD}\b", 0.8),
    _rule("headOf", rf"\b{_STATE_HEAD}\b[^;]{{0,120}}?\b(?:his|her|their) (?P<o>{{SD}}) counterparts?,? (?P<s>{{H}})",
          0.75),  # a president's counterpart heads a state; a foreign minister's does not
    _rule("headOf", r"\b(?:President|Premier|Prime Minister|Chancellor) (?P<s>{H}) of (?P<o>{S})", 0.8),
    _rule("headOf", rf"(?P<o>{{OCR}}) (?:{_HEAD}) (?P<s>{{H}})", 0.75),
    _rule("headOf", rf"(?P<o>{{SOCR}}),? (?:(?:which|that) (?:is |was |has been )?|whose [a-z ]{{1,30}} "
          rf"(?:is |was |has been )?)?(?:[^«»;]{{0,20}}? )?(?:led|headed|chaired|ruled|governed|directed)"
          rf"(?: [^«»;]{{0,25}}?)? by (?:its |the )?(?:(?:president|chairman|chairwoman|director|premier|"
          rf"prime minister|leader|chief executive|secretary-general) )?"
          rf"(?P<s>{{H}})", 0.8),
    _rule("headOf", rf"(?P<o>{{SOCR}}),? whose (?:current |new |then )?(?:{_HEAD}),? (?P<s>{{H}})", 0.8),
    _rule("headOf", r"(?P<s>{H})(?:, who)? (?:has |had )?(?:heads|headed|leads|led|chairs|chaired|directs|"
          r"directed) (?P<o>{SOCR})", 0.75),
    _rule("headOf", rf"(?P<s>{{H}}),? (?:who )?(?:is|was|served as|serves as|became|remains) (?:the )?(?P<o>{{OCR}}) "
          rf"(?:{_HEAD})\b", 0.8),
    _rule("headOf", r"\b(?:presidents|leaders|heads of state|prime ministers|premiers) of (?P<o>{S+}),? "
          r"(?P<s>{H+})", 0.75, respective=True),
    _rule("headOf", r"(?<!» )(?<!»'s )\b(?-i:President|Prime Minister|Premier) (?P<s>{H})(?! of «)", 0.65,
          implicit="S", sole=True),
    _rule("headOf", rf"(?P<s>{{H}})(?:[^«»;]|«[SLD]\d+»){{0,80}}? (?:served|serves|has served|was appointed|has been "
          rf"appointed|was elected|became|took office) (?:as )?(?:its |the )?(?:{_ORG_HEAD})\b(?! of| at| to)", 0.7,
          implicit="O"),
    # affiliatedWith ----------------------------------------------------------------------------
    _rule("affiliatedWith", rf"(?P<s>{{H}})(?: \([^()]*\))?(?:,| is| was| has been| has served as| serves as|"
          rf"| works as| who is| became| remains)? (?:also |currently |now )?(?:an? |the )?(?:{_NO_SPEECH}"
          rf"(?:[^«»;]|«[SLDIE]\d+»)){{0,100}}?\b(?:{_ROLE})s?\b(?:[^«»;,]|«[SLDIE]\d+»){{0,90}}? "
          rf"(?:at|with|in|of|for) (?:(?:the )?(?-i:[A-Z])[^«»;,]{{0,60}}, |the (?-i:[a-z-]+ ){{1,2}})?"
          rf"(?P<o>{{OCR+}})", 0.8),
    _rule("affiliatedWith", rf"(?P<s>{{H}})[^;]{{0,150}}? and (?:the |a |an )?(?:[a-z-]+ ){{0,3}}?(?:{_ROLE}) "
          rf"(?:at|of|with) (?P<o>{{OCR}})", 0.7),
    _rule("affiliatedWith", rf"(?P<s>{{H}}) (?:is|was|has been|works|worked|serves|served) {_GAP}{{0,100}}?"
          r"(?:of|at|in) (?P<x>{OCR}),? (?:at|of|in) (?P<o>{OCR+})", 0.7),
    _rule("affiliatedWith", r"(?P<s>{H}),? (?:of|from) (?P<o>{OCR})", 0.75),
    _rule("affiliatedWith", r"(?P<s>{H}),? (?:who )?(?:heads|leads|directs|runs|chairs|coordinates|oversees) "
          r"(?:[^«»;]|«[SLDIE]\d+»){0,60}? (?:at|of) (?:[^«»;]{0,20}'s )?(?P<o>{OCR})", 0.7),
    _rule("affiliatedWith", r"(?P<o>{OCR})'s (?:[a-z-]+ ){0,2}?(?P<s>{H})", 0.75),
    _rule("affiliatedWith", r"(?P<s>{H}) \((?P<o>{OCR})\)", 0.7),
    _rule("affiliatedWith", rf"(?P<o>{{OCR}})'s (?:[a-z-]+ ){{0,3}}?(?:{_ROLE}),? (?P<s>{{H}})", 0.75),
    _rule("affiliatedWith", r"(?P<s>{H}) (?:works|worked|is based|was based|is|was) (?:at|for|with) "
          r"(?P<o>{OCR})", 0.75),
    # linkedWith --------------------------------------------------------------------------------
    _rule("linkedWith", r"\b(?:link|linking|links|linked|connect|connecting|connected|dock|docking|align|"
          r"aligning|aligned|integrate|integrating|integrated|couple|coupling|conjoin|conjoining|conjugate|"
          r"conjugating|dovetail|dovetailing|coordinate|coordinating|coordinated|harmoni[sz]e|harmoni[sz]ing|"
          r"merge|merging)(?: up)? (?:the (?:construction|development|implementation) of )?(?:«[SD]\d+»"
          r"(?:'s|-led) )?(?P<s>{IAO})(?: [–—-] [^–—]{0,80} [–—-]|, [^,]{0,80},)? (?:with|and|to) "
          r"(?:«[SD]\d+»(?:'s|-led) )?(?:[a-z-]+ ){0,2}?(?P<o>{IAO})", 0.8),
    _rule("linkedWith", r"\b(?:link-up|linkup|linkage|link|conjunction|coupling|docking|alignment|integration|"
          r"coordination|cooperation|synergy|fusion|connection|dovetailing) (?:of|between) (?P<s>{IAO}) "
          r"(?:and|with) (?P<o>{IAO})", 0.75),
    _rule("linkedWith", r"{A} (?:on [a-z ]+ )?between (?P<s>{IAO}) and (?P<o>{IAO})", 0.7),
    _rule("linkedWith", r"(?P<s>{IAO}) (?:and|-) (?P<o>{IAO}) (?:cooperation|conjunction|link-up|linkage|"
          r"integration|alignment|coordination)", 0.75),
    _rule("linkedWith", r"(?P<s>{IAO}) and (?P<o>{IAO}) (?:(?:should|would|will|could|can|must|are to|were to) )?"
          r"(?:be |been |are |were )?(?:closely )?(?:linked|aligned|coordinated|integrated|connected|dovetailed|"
          r"merged|conjugated|coupled|docked)\b", 0.7),
    _rule("linkedWith", r"(?P<s>{IAO}) (?:is|are|was|were|will be|would be|has been|have been|to be|being) "
          r"(?:closely )?(?:linked|aligned|coordinated|integrated|connected|dovetailed|merged|conjugated|"
          r"coupled|docked) with (?P<o>{IAO})", 0.75),
    _rule("linkedWith", r"\b(?:link|linking|connect|connecting|align|aligning|integrate|integrating|couple|"
          r"coupling|dock|docking)(?: up)? the two (?:frameworks|initiatives|projects|organi[sz]ations|blocs|"
          r"schemes|unions|integration projects|processes)", 0.65, pair=True),
)


def read_relations(analysis: Analysis) -> Analysis:
    """Pipeline component: fill `relations` with what each sentence states."""
    mentions = sorted(analysis.mentions, key=lambda m: m.start)
    relations: list[Relation] = []
    for index, sentence in enumerate(analysis.sentences):
        window = analysis.sentences[max(0, index - _WINDOW)].start
        mask = _mask(analysis.view, sentence, mentions, window)
        relations += _read_sentence(mask, sentence, mentions, window)
        mentions = _with_descriptions(mentions, mask)
    return replace(analysis, relations=tuple(_tidy(relations)))


def _with_descriptions(mentions: list[Mention], mask: Mask) -> list[Mention]:
    """The mentions, and what the sentence's descriptions referred to ("the alliance"), so that later
    sentences can point back to an entity named only by a description there."""
    starts = {m.start for m in mentions}
    described = [Mention(slot.start, slot.end, slot.entities[0], 0.5, "description")
                 for slot in mask.slots if len(slot.entities) == 1 and slot.start not in starts]
    return sorted(mentions + described, key=lambda m: m.start) if described else mentions


# The mask ------------------------------------------------------------------------------------

def _mask(text: str, sentence: Sentence, mentions: list[Mention], window: int) -> Mask:
    slots = _slots(text, sentence, mentions, window)
    parts, at, cursor = [], [], sentence.start
    for index, slot in enumerate(slots):
        between = _normal(text[cursor : slot.start])
        if index:
            between = _APPOSITION.sub("", between)
        parts.append(re.sub(r"\b(?:[Tt]he|an?) $", "", between))
        at.append(sum(len(p) for p in parts))
        parts.append(f"«{slot.code}{index}»")
        cursor = slot.end
    tail = _normal(text[cursor : sentence.end])
    parts.append(_APPOSITION.sub("", tail) if slots else tail)
    return Mask("".join(parts), tuple(slots), tuple(at))


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'"))


def _slots(text: str, sentence: Sentence, mentions: list[Mention], window: int) -> list[Slot]:
    inside = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end]
    slots = [_slot(text, m, inside) for m in inside]
    slots += _referring(text, sentence, mentions, window, inside)
    slots.sort(key=lambda s: s.start)
    return _join_acronyms(text, slots)


def _slot(text: str, mention: Mention, inside: list[Mention]) -> Slot:
    """A mention's slot; a demonym before a group noun ("Chinese troops") stands for its state."""
    if mention.matched_as != "demonym":
        known = mention.matched_as in SURFACE_KINDS
        return Slot(mention.start, mention.end, CODES[mention.entity.cls], (mention.entity,), known)
    after = text[mention.end : mention.end + 60]
    group = re.match(rf"\s+({'|'.join(GROUP_NOUNS)})\b", after)
    if group:
        return Slot(mention.start, mention.end + group.end(), "S", (mention.entity,))
    coordinated = re.match(rf"\s+and\s+[A-Z][\w-]+\s+(?:{'|'.join(GROUP_NOUNS)})\b", after)
    return Slot(mention.start, mention.end, "S" if coordinated else "D", (mention.entity,))


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
    for match in _TWO_STATES.finditer(body):
        start = sentence.start + match.start()
        found = _latest(mentions, {"State"}, window, start, 2)
        if len(found) == 2:
            slots.append(Slot(start, sentence.start + match.end(), "S", found))
    for match in _IT.finditer(body):
        start = sentence.start + match.start(1)
        found = _latest(mentions, _IT_CLASSES, window, start, 1) or _latest(mentions, _IT_CLASSES, 0, start, 1)
        if found:
            slots.append(Slot(start, start + 2, CODES[found[0].cls], found))
    if (match := _HE_SHE.match(body)) and (found := _latest(mentions, {"Person"}, window, sentence.start, 1)):
        slots.append(Slot(sentence.start, sentence.start + match.end(), "H", found))
    return slots


def _latest(mentions: list[Mention], classes: set[str], since: int, before: int, count: int,
            named: str = "") -> tuple[EntityRef, ...]:
    """The last `count` distinct entities of these classes mentioned in [since, before); with `named`,
    the last whose label holds that word, when there is one."""
    if named:
        called = [m for m in mentions if named.lower() in m.entity.label.lower()]
        if found := _latest(called, classes, since, before, count):
            return found
    found: list[EntityRef] = []
    for mention in reversed(mentions):
        if since <= mention.start < before and mention.entity.cls in classes and mention.entity not in found:
            found.append(mention.entity)
            if len(found) == count:
                break
    return tuple(found)


def _covered(start: int, end: int, mentions: list[Mention]) -> bool:
    return any(m.start < end and start < m.end for m in mentions)


def _join_acronyms(text: str, slots: list[Slot]) -> list[Slot]:
    """ "Eurasian Economic Union (EAEU)": one slot for a name and its acronym in brackets."""
    joined: list[Slot] = []
    for slot in slots:
        last = joined[-1] if joined else None
        if (last and last.entities == slot.entities and text[last.end : slot.start].strip() == "("
                and text[slot.end : slot.end + 1] == ")"):
            joined[-1] = replace(last, end=slot.end + 1)
        else:
            joined.append(slot)
    return joined


# Reading a sentence --------------------------------------------------------------------------

def _read_sentence(mask: Mask, sentence: Sentence, mentions: list[Mention], window: int) -> Iterator[Relation]:
    for rule in RULES:
        for match in rule.pattern.finditer(mask.text):
            if _NEGATION.search(match.group()):
                continue
            for subject, predicate, obj in _triples(rule, match, mask, sentence, mentions, window):
                if subject != obj and _fits(subject, predicate, obj):
                    yield Relation(sentence.start, sentence.end, subject, predicate, obj, rule.confidence)


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


def _tidy(relations: list[Relation]) -> list[Relation]:
    """One relation per triple and sentence; a head is not also an affiliate, nor an operator a
    participant; linkedWith, being symmetric, once per pair."""
    heads = {(r.subject, r.object) for r in relations if r.predicate == "headOf"}
    operators = {(r.object, r.subject) for r in relations if r.predicate == "operator"}
    best: dict[tuple, Relation] = {}
    for relation in relations:
        pair = (relation.subject, relation.object)
        if relation.predicate == "affiliatedWith" and pair in heads:
            continue
        if relation.predicate == "participatesIn" and pair in operators:
            continue
        ends = tuple(sorted((relation.subject.iri, relation.object.iri))) if relation.predicate == "linkedWith" \
            else (relation.subject.iri, relation.object.iri)
        key = (relation.start, relation.predicate, ends)
        if key not in best or relation.confidence > best[key].confidence:
            best[key] = relation
    return sorted(best.values(), key=lambda r: (r.start, r.predicate, r.subject.iri, r.object.iri))
