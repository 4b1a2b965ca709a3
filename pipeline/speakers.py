"""Find who a sentence says holds what it reports: its reporting frame.

Frames read here:

- "X said/argued/noted/expects/warned/called for/stressed … (that) …", with an apposition or a run
  of titles between ("X, a fellow at Y, said", "Russian President X said", "the then prime minister,
  X, announced"); the verbs are listed in `patterns` (speech, thought, intention: "plans to");
- "…, X said." and "…, X added, …" after or inside what was said; a frame inside a quotation does
  not count ("“… we have decided …,” Putin said" is Putin's);
- "According to X, …", "As X put it, …", "As X notes, …";
- "in X's view/assessment/opinion/words", "in the view of X,";
- the passive with its agent, when no one speaks in the active voice: "viewed by Chinese experts as",
  "Described as … by X", "as announced by X", "considered by some";
- "X of/at Y said" (the person, not the place of work);
- "One speaker described … as …", "Speakers did not view … as …";
- the speaker after the verb: "…, says X, a fellow at Y", "said the minister", "said the ministry's
  spokesman, X,", "said a headline in Z", "wrote another on the website of Z" (the outlet speaks);
- a participle after a clause: "X hailed the talks, saying …", "the ministry rejected it, citing …",
  "legislators voted for a review amid concerns that …" (the clause's subject speaks); verbs of praise
  and blame ("hailed", "touted", "welcomed", "portrayed") report only so, or with "as";
- "the two countries agreed to continue …": an agreement to go on doing something is a plan of the
  parties (two or more of them; "X agreed to extend the lease" narrates a decision).

The speaker X is a recognised person, an organisation or state (only with a verb of speech or
intention: "Beijing argued", "China's foreign ministry said", "Russia plans to", "Moscow fears that"),
a group of unnamed people ("panelists", "Chinese officials", "a source in the delegation", "many
Western analysts", "the residents", "the route's promoters", labelled with the words the text uses),
a role ("the minister", "The official") or a body named by its kind ("the ministry"), a pronoun (he, she,
they), the writer ("I", "we"), or a name no component recognised ("Vitaly Kozyrev notes").
Resolving pronouns, roles, names and the writer to entities is for the caller, who knows the
paragraph and the document; `named_people` and `titles_of_people` help it.

An interview has a speaker for whole paragraphs, without any frame: its answers are the
interviewee's (`read_interview`). A text is read as an interview when its turns are labelled ("Q:"
and "A:", or speakers' names or initials, the asking one ending its turns with a question) or when
it says it is one ("An interview with …", "we spoke to …") and sets short questions between its
paragraphs. The interviewee is the answering label when it names someone, else the person the
introduction presents ("an interview with economist X", "X spoke to us", a bio before the first
question). A transcript (a speech, press statements, a briefing) has turns opened by a label naming
the speaker ("President of Russia Vladimir Putin:", "Question:"), each running to the next label
(`read_transcript`). The record of one speaker names them in its heading ("Remarks by Foreign Minister X
at …", "Statement by the Minister of Y, X, on …", "X's regular press conference", `speech_by`): its
labelled questions ("Question (Reuters):", or any label whose turn asks) run to the end of their
paragraph, and the unlabelled paragraphs after them are X's answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property

from .lines import Unit, units
from .model import Analysis, EntityRef, Mention, Span
from .passages import mentions_overlapping, mentions_starting, mentions_within
from .patterns import (
    BIO_VERBS,
    MONTHS,
    NAME_WORD,
    REPORTING_EVALUATION,
    REPORTING_INVERTED,
    REPORTING_PHRASES,
    REPORTING_SPEECH,
    REPORTING_THOUGHT,
    REPORTING_VERDICT,
    ROLE_NOUNS,
    TITLES,
    alternatives,
)
from .strategies import first_found

PERSON, ENTITY, GROUP, PRONOUN, WRITER, NAME, ROLE = "person", "entity", "group", "pronoun", "writer", "name", "role"
PANEL, OBSERVERS, JOINT = "panelists", "observers", "joint"  # JOINT: states or bodies speaking together

# Verbs of speech: anyone, a state or an organisation too, can be said to do these (patterns.py).
_SPEECH = sorted(REPORTING_SPEECH)
# Verbs of thought and advice: only people (named, unnamed or the writer) hold views this way.
_THOUGHT = sorted(REPORTING_THOUGHT)
_PHRASES = REPORTING_PHRASES
# Verbs of praise and blame: they report with ", saying …" or "as …" after them.
_EVALUATION = sorted(REPORTING_EVALUATION)
_EVALUATION_VERB = re.compile("|".join(_EVALUATION))
# Of them, those that pass a verdict on their object alone ("welcomed the delegation" does not).
_PRAISE_OR_BLAME = re.compile(alternatives(REPORTING_VERDICT))
_VERB = re.compile(rf"\b(?P<verb>{_PHRASES}|{'|'.join(_SPEECH + _THOUGHT + _EVALUATION)})\b")
# "…, saying …": a participle of speech after a clause gives what follows to the clause's subject.
_SAYING = re.compile(r",\s(?:(?:and|while)\s)?(?:saying|adding|arguing|noting|warning|insisting|stressing|claiming|"
                     r"calling|describing|declaring|asserting|explaining|emphasi[sz]ing|suggesting|urging|citing)\b"
                     # "Legislators voted for a review amid concerns that …": the concerns of the clause's subject
                     r"|\samid\s(?:(?:growing|mounting|widespread|their|its)\s)?(?:concerns?|fears?|worries)\s(?:that|about|over)\b")
_FINITE = re.compile(r"\b(?P<verb>[a-z]{3,}(?:ed|es|s)|met|held|made|took|gave|sent|spoke|went|came|led|won|lost|"
                     r"said|told|wrote|sought|struck|set|put|cut|hit|paid)\b")
_SPEECH_VERB = re.compile(rf"(?:{_PHRASES}|{'|'.join(_SPEECH)})")
# After a reporting verb: not an infinitive ("agreed to extend") or a passive ("was described by").
_NOT_REPORTING_AFTER = re.compile(r"\s+(?:to|by|for|with|on|upon|from)\b|\s+(?:in|into)\s+(?:force|office)\b")
# Verbs that report only with what follows them: "concluded that" or "concluded, however," but not
# "concluded large-scale deals"; "described X as Y" but not "described the route".
_REPORTING_ONLY_BEFORE_CLAUSE = re.compile(
    r"concluded|concludes|conclude|added|adds|add|observed|observes|observe|stated|maintained|maintains|"
    r"maintain|claimed|claims|claim|acknowledged|acknowledges|acknowledge|explained|explains|explain|"
    r"agreed|agree|agrees|estimated|estimates|estimate|reminded|told|hopes|hope|hoped|"
    r"fears|fear|feared|doubts|doubt|doubted|noted|notes|note|wrote|writes|write|remarked|remarks|admitted|admits|"
    r"announced|announces|declared|declares|confirmed|confirms|promised|promises|pledged|pledges|vowed|vows|"
    r"affirmed|affirms|questioned|questions|states|charges|charged|charge"
)
# After such a verb, a clause without "that" ("announced it would", "declared their readiness to").
_BARE_CLAUSE_AFTER = re.compile(
    r"\s+(?:(?:it|they|he|she|we|this|these)\s(?:\w+\s)?(?:would|will|was|were|is|are|had|has|have|could|should|"
    r"must|did|does|do)\b|(?:(?:its|their|his|her|our)\s)?(?:(?:full|strong|firm|continued)\s)?(?:support|readiness|"
    r"intention|plans?|opposition|resolve|commitment|concerns?|condemnation|willingness|interest|determination)\b"
    # "claimed Tehran owed …", "announced his country would …"
    r"|(?:(?:the|its|their|his|her|our)\s)?[A-Za-z][\w’'-]+(?:\s[A-Z][\w’'-]+)*\s(?:would|will|could|should|must|"
    r"owed|owes|had|has|have|was|were|is|are)\b)"
)
# Verbs of concern a state or an organisation voices too: "Beijing fears that …", "Astana hopes to …"
# ("Russia sees China as …" is the writer's reading of Russia).
_STATE_VIEW = re.compile(r"fears|feared|hopes|hoped|doubts|doubted|worries|worried|charges|charged")
# Verbs of intention report a plan only with an infinitive: "they plan to coordinate", "decided to".
_INTENTION = re.compile(r"plans|plan|planned|intends|intend|intended|decided|decides|pledged|vowed|resolved|hopes|hope|hoped")
# "called for", "called on X to", "called the line a lifeline": "called" reports; "a line called X" does not.
_CALLED = re.compile(r"call(?:ed|s)")
_CALLED_AFTER = re.compile(r"\s+(?:for|on|upon|the|it|this|that|a|an|them|him|her|its|their)\b")
# A determiner makes the word a noun: "the think tank", "their views", "a note".
_DETERMINER = re.compile(r"\b(?:the|a|an|this|that|these|those|his|her|their|its|our|my|your)\s+$", re.IGNORECASE)
# Verbs whose hearer stands before what they say.
_TOLD = re.compile(r"told|tells|reminded|reminds|assured|assures|reassured|reassures|reassuring|assuring|informed|informs|warned|warns")
# Verbs too often a plain verb with an object to close a quotation: "the CSTO maintains a force."
_NOT_TAIL = re.compile(r"maintain(?:s|ed)?|states|claims|notes|calls|called|welcomes|views|sees")
# "…, the ministers announced late on Tuesday in St Petersburg.": a longer tail of time and place
_TAIL_ADVERBIAL = re.compile(
    r"\s+(?:late|early|on|in|at|during|after|before|following|yesterday|today|tonight|this|last|earlier|later|"
    r"when|while|to|from)\b[^;:]*$"
)
_TAIL_WORDS = 6  # a frame this close to the end of its sentence closes what it reports
_AS_VERBS = re.compile(
    r"views|view|viewed|sees|see|saw|considers|consider|considered|regards|regard|regarded|describes|describe|"
    r"described|interprets|interpret|interpreted|hails|hail|hailed|characteri[sz]es|characteri[sz]e|"
    r"characteri[sz]ed|dismisses|dismiss|dismissed"
)
# "that" right after the verb, or after an adverb or a phrase of time and place ("stated at a
# meeting of ambassadors in July that"), but not after an object ("maintains a force that …").
_CLAUSE_AFTER = re.compile(
    r"\s*(?:(?:[a-z]+ly\s)?(?:(?:at|in|on|during|after|following|before|to|with|from|in\sa)\s(?:[\w’'-]+\s){0,16}?)?"
    r"that\b|(?:the\s)?(?:charges?|claims?|reports?|accusations?|allegations?|suggestions?|notion|idea|view|fact|"
    r"possibility|hope|concern|fears?)\sthat\b|[,.:;“\"]|$)"
)
_TRAILING_WORDS = re.compile(
    r"(?:\s+(?:also|further|has|have|had|did|does|do|not|never|recently|rightly|correctly|convincingly|"
    r"persuasively|repeatedly|once|previously|then|later|now|even|however|too|all|both|generally|broadly|"
    r"largely|firmly|strongly|still|often|frequently|already|publicly|privately|openly|would|will|may|might|"
    r"long|furthermore|thus|therefore|reportedly|again|keeps|kept|keep|continues\sto|continued\sto|continue\sto|[a-z]+ly))+$"
)
_PARENTHESIS = re.compile(r"\s*\([^()]*\)$")
_BOUNDARY = re.compile(
    r"(?:^|[,;:(“”\"—–]|\b(?:that|and|but|As|as|while|where|which)\s?)\s*$"
    # or a short opening phrase of time: "On 29 March a government official said", "In 2013 the ministry …"
    r"|^(?:On|In|At|By|During|Since|Until|Later|Earlier|Then|Meanwhile|Also|Previously)(?:\s[\w’'-]+){0,4}?\s$"
    # or an opening adverb: "More specifically X stated", "Moreover, X said", "Separately X noted"
    r"|^(?:More\s|Most\s)?(?:[A-Z][a-z]+ly|[a-z]+ly|Moreover|Furthermore|Likewise|However|Meanwhile|Separately|Still)"
    r",?\s$"
)
# Titles and roles between a boundary and a speaker's name: "Russian President", "CSTO Secretary
# General", "interim Kyrgyz President", "the then-Prime Minister of Russia,".
_TITLE_RUN = re.compile(
    r"(?:(?:[A-Z][\w’'.-]*|of|the|for|and|interim|former|acting|then|then-[\w-]+|deputy|vice|first|senior|"
    r"incoming|outgoing|his|her|their|its|" + alternatives(t for t in TITLES if not t.endswith("."))
    + r")\s+)+$"
)
_GROUP = re.compile(
    r"(?:\b[\w’'-]+\s){0,3}?(?P<noun>[Pp]anel(?:l)?ists?|[Pp]articipants?|[Ss]peakers?|[Dd]iscussants?|"
    r"[Aa]ttendees?|[Dd]elegates?|[Tt]he\s(?:panel|moderator|chair)|[Ee]xperts?|[Oo]bservers?|[Aa]nalysts?|[Cc]ommentators?|[Ss]cholars?|"
    r"[Ss]pecialists?|[Cc]ritics?|[Ss]k?c?eptics?|[Oo]thers|[Ss]ome|[Mm]any|[Vv]oices|[Oo]fficials?|"
    r"[Pp]oliticians?|[Pp]olicymakers?|[Ll]awmakers?|[Mm]edia|[Ss]ources?|[Rr]esearchers?|[Ee]conomists?|"
    r"[Dd]iplomats?|[Ll]eaders|[Rr]eports|[Pp]ress\sservice|[Ss]pokes(?:man|woman|person)|"
    r"[Rr]esidents|[Ll]ocals|[Cc]itizens|[Vv]illagers|[Ff]armers|[Pp]rotesters|[Dd]emonstrators|[Aa]ctivists|[Ss]upporters|"
    r"[Pp]roponents|[Pp]romoters|[Oo]pponents|[Aa]dvocates|[Bb]ackers|[Ll]egislators|[Pp]arliamentarians|[Ii]nvestors|"
    r"[Bb]ankers|[Bb]usinessm[ae]n|[Ee]ntrepreneurs|[Tt]raders|[Vv]oters|[Aa]cademics|[Hh]istorians|[Cc]ampaigners|"
    r"[Ee]nvironmentalists|[Oo]fficers|[Gg]enerals|[Ww]orkers|[Ee]xecutives|[Nn]ationalists|[Hh]awks|"
    r"[Pp]undits|[Jj]ournalists|[Cc]olumnists|[Bb]loggers|[Ee]lites|[Oo]ligarchs|[Mm]embers|[Mm]ember\sstates|[Aa]llies|"
    r"[Ss]ignatories|[Nn]eighbou?rs|"
    # "both countries announced", "the two sides agreed", "the member states planned"
    r"(?:[Bb]oth|[Tt]he\stwo|[Tt]he\smember)\s(?:countries|states|sides|presidents|leaders|governments|parties|premiers|"
    r"(?:foreign\s|defen[cs]e\s|prime\s)?ministers))$"
)
def group_phrase(words: str) -> str | None:
    """The words, when they are all the name of a group of people ("Several Uzbek analysts"); a lone
    quantifier ("Some", "Many") names none."""
    found = _GROUP.search(words)
    if (found and found.start() == 0 and " " in found.group().strip() and not _PANEL_NOUNS.search(words)
            and found.group("noun").lower() not in ("some", "many", "others", "voices", "sources", "reports", "media")):
        return re.sub(r"^(?:Some|Several|Many|Most|A\sfew|Few|The)\s", "", found.group().strip())
    return None


_PANEL_NOUNS = re.compile(r"panel|participant|speaker|discussant|attendee|delegate|moderator|chair", re.IGNORECASE)
# "Speakers from Kazakhstan", "experts at the Carnegie Moscow Center": the group, not the place it is from.
_GROUP_FROM = re.compile(r"\s(?:from|of|at|in|representing)\s[^,;]*$")
# "China's foreign ministry", "the Russian government": the state speaks through its organs.
_STATE_ORGAN = re.compile(
    r"['’]?s?\s(?:(?:foreign|defen[cs]e|economy|energy|trade|finance)\s)?(?:ministry|ministries|government|"
    r"embassy|leadership|authorities|officials|spokes(?:man|woman|person))$"
)
_PRONOUN = re.compile(r"(?:^|\s)(?P<pronoun>[Hh]e|[Ss]he|[Tt]hey)$")
_WRITER = re.compile(r"(?:^|\s)(?P<writer>I|[Ww]e)$")
_NAME = re.compile(rf"(?P<name>{NAME_WORD}(?:\s{NAME_WORD}){{0,3}})$")
_NOT_NAME_WORDS = frozenset(
    """The A An This That These Those Some Many Most Several Both All Other Another One Two Three Such Each
    Every No Neither Either Few Much More Less In On At As But And However Meanwhile Moreover Thus So Yet
    While When If Although Despite Still Indeed Furthermore Nonetheless Overall Ultimately Today Now
    Recently Then Here There It They He She We I His Her Their Our My Its Chinese Russian Western American
    European Asian Soviet Central Eastern Western Northern Southern Kremlin Beijing Moscow Washington
    President Professor Prof Dr Mr Mrs Ms Minister Foreign Prime Deputy Secretary General Ambassador Panelists
    Participants Speakers Experts Observers Analysts""".split()
) | {month.capitalize() for month in MONTHS}
# A speaker inside a "when …" or "if …" clause does not frame the sentence ("when Xi and Putin
# characterise the relationship as …, this depiction is correct").
_SUBORDINATE = re.compile(r"\b(?:[Ww]hen|[Ii]f|[Bb]ecause|[Aa]lthough|[Tt]hough|[Ss]ince|[Aa]fter|[Bb]efore|[Uu]nless|"
                          r"[Ww]hether|[Oo]nce)\b[^,;:]*$")
_ACCORDING = re.compile(
    r"\b[Aa]ccording\sto\s(?P<who>[^,;]{2,80}?)\s*(?:,|(?=[.!?;:]?[\"”’')\]]*$)"
    # "according to Chinese officials last week."
    r"|(?=\s(?:last|this|earlier|on|yesterday|today|in\s(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December|\d{4}))\b[^,;]{0,30}[.!?][\"”’')\]]*$))"
)
_POSSESSIVE_VIEW = re.compile(
    r"\b[Ii]n\s(?P<who>[^,;]{2,60}?)['’]s?\s(?:view|assessment|opinion|judge?ment|words|analysis|reading|"
    r"estimation|telling)\b"
    r"|\b[Ii]n\sthe\s(?:view|words|opinion|assessment|judge?ment|estimation)\sof\s(?P<of>[^,;]{2,80}?)\s*(?=,)"
)
# "President X's proposal to convene …", "Kazakhstan's call for …": a recommendation its maker holds.
_POSSESSIVE_PROPOSAL = re.compile(
    r"(?P<who>\b[A-Z][^,;.]{1,80}?)['’]s?\s(?:(?:recent|latest|new|earlier|own|repeated)\s)?"
    r"(?:proposal|suggestion|call|appeal|recommendation|idea)\s(?:to|for|that)\b"
)
# One person named by a role: "the foreign minister", "the Russian President", "the organisation's
# secretary general", "The official".
_ROLE_WORDS = ((ROLE_NOUNS | TITLES) - {"leader", "member", "partner", "writer", "author", "student", "comrade",
                                              "counterpart", "foreign", "defence", "defense", "deputy", "vice", "chief",
                                              "prime", "general"})
_ROLE_PHRASE = re.compile(
    rf"\b(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s(?:[\w’'-]+\s){{0,3}}?(?P<noun>(?i:(?:secretary|director)[\s-]general|"
    rf"{alternatives(word for word in _ROLE_WORDS if not word.endswith('.'))}))$"
)
# The passive with its agent: "was viewed by Chinese experts as", "Described as … by X,", "as announced by X".
_PASSIVE_BY = re.compile(
    r"\b(?P<verb>[Dd]escribed|seen|viewed|considered|regarded|characteri[sz]ed|called|hailed|labell?ed|branded|"
    r"dismissed|critici[sz]ed|announced|stated|reported|noted|identified|cited)\s(?:as\s[^,;]{1,80}?\s)?by\s"
    r"(?P<who>[\w’'.-]+?(?:\s[\w’'.-]+?){0,5}?)(?=\s(?:as|a|an|the|on|in|at|to|for|that)\b|[,;.“\"(]|\s[“\"(]|$)"
)
_PASSIVE_VIEW = re.compile(
    r"\b(?:is|are|was|were|has\sbeen|have\sbeen|had\sbeen)\s(?:widely|often|generally|commonly|increasingly|frequently|"
    r"broadly|sometimes|long)\s(?P<verb>seen|viewed|regarded|considered|perceived|described|portrayed|criticised|"
    r"criticized|branded|labell?ed|characteri[sz]ed|hailed|touted|dismissed)\sas\b"
)
# "the U.S. and the EU condemned": a subject of two entities, the first ending before "and".
_JOINT_SUBJECT = re.compile(r"(?:\b[Tt]he\s)?(?P<first>[^,;]*?)\sand\s(?:the\s)?$")
# "Alexander Gabuev of the Carnegie Endowment said": the person, not the place of work.
_AFFILIATION = re.compile(r"\s(?:of|at|from|with)\s(?:the\s)?[^,;]*$")
_QUOTED = re.compile(r"“[^“”]*(?:”|$)|\"[^\"\n]*(?:\"|$)")


def _quoted_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The quotations inside [start, end); a straight quote that closes one opened in an earlier
    sentence ('… bottleneck," he said.') is passed over."""
    first = text.find('"', start, end)
    if first >= 0 and text.count('"', start, end) % 2 == 1 and text[start:first].strip():
        start = first + 1
    return [m.span() for m in _QUOTED.finditer(text, start, end)]


@dataclass(frozen=True)
class Frame(Span):
    """A reporting frame: its words (speaker through verb) span [start, end)."""

    who: str  # PERSON, ENTITY, GROUP, PRONOUN, WRITER, NAME or ROLE
    verb: str
    mention: Mention | None = None  # for PERSON and ENTITY
    group: str | None = None  # PANEL or OBSERVERS, for GROUP
    label: str | None = None  # for GROUP, the group as the text names it ("Chinese experts")
    word: str | None = None  # the pronoun, or the unrecognised name, as written
    partner: str | None = None  # for PERSON, another person speaking with them ("X and Y announced")
    how: str = ""  # "inverted" ("…, says X"), "participle" ("X hailed …, saying …"), else the usual order
    found_by: str = ""  # the strategy that found the speaker before the verb (SPEAKER_STRATEGIES, …)

    @property
    def entity(self) -> EntityRef:
        """The speaker a PERSON or ENTITY frame recognised."""
        if self.mention is None:
            raise ValueError(f"a {self.who} frame at {self.start} has no recognised speaker")
        return self.mention.entity

    @property
    def written(self) -> str:
        """The pronoun of a PRONOUN frame, or the name of a NAME frame, as the text writes it."""
        if self.word is None:
            raise ValueError(f"a {self.who} frame at {self.start} has no word")
        return self.word

    @property
    def group_kind(self) -> str:
        """PANEL, OBSERVERS or JOINT: who a GROUP frame's speakers are."""
        if self.group is None:
            raise ValueError(f"a {self.who} frame at {self.start} has no kind of group")
        return self.group


def find_frame(analysis: Analysis, start: int, end: int, known_names: frozenset[str] = frozenset()) -> Frame | None:
    """The first reporting frame of the sentence at [start, end), or None.

    `known_names` are the single words (surnames) by which people already met in the document may
    be named alone ("As Feng put it").
    """
    text = analysis.view
    ends = {m.end: m for m in mentions_within(analysis, start, end)}
    for match in _ACCORDING.finditer(text, start, end):
        frame = _inside(analysis, match.start(), match.end(), match.start("who"), match.end("who"), "according to")
        if frame:
            return frame
    for match in _POSSESSIVE_VIEW.finditer(text, start, end):
        who = "who" if match.group("who") else "of"
        frame = _inside(analysis, match.start(), match.end(), match.start(who), match.end(who), "view")
        if frame:
            return frame
    quoted = _quoted_spans(text, start, end)
    first = None
    for match in _VERB.finditer(text, start, end):
        if any(a < match.start() < b for a, b in quoted):
            continue  # "“… we have decided …,” Putin said": the frame is outside the quotation
        if _DETERMINER.search(text, start, match.start()) or not _reports(text, match, start, end):
            continue
        frame = _speaker_before(analysis, start, match, ends, known_names)
        if not frame or _SUBORDINATE.search(text, start, frame.start):
            continue
        if _AGREED_TO.match(text, match.start()) and not (frame.who == GROUP and frame.group == JOINT
                                                          or frame.who == GROUP and _PLURAL_OF_TWO.search(frame.label or "")
                                                          or frame.who == PRONOUN and (frame.word or "").lower() == "they"):
            continue  # "X agreed to extend the lease" narrates a decision; "the two sides agreed to continue" plans
        if first is None:
            first = frame
            if frame.who not in (ENTITY, GROUP) and not _INTENTION.fullmatch(frame.verb):
                return frame
        elif frame.who in (PERSON, NAME) and re.search(r"[,”\"]\s*$", _TITLE_RUN.sub("", text[start : frame.start])):
            # "China and Russia have decided to …, Premier X and his counterpart Y announced": the
            # people whose announcement closes the sentence, not the states inside it
            return frame
    if first:
        return first
    # "President X's proposal to convene …", when no one is said to speak: a recommendation X holds
    for match in _POSSESSIVE_PROPOSAL.finditer(text, start, end):
        frame = _inside(analysis, match.start(), match.end(), match.start("who"), match.end("who"), "recommended")
        if frame and frame.who in (PERSON, ENTITY, NAME):
            return frame
    # "…, says X, a fellow at Y." "said a headline in Z", "according to" aside: the speaker after the verb
    for match in _INVERTED.finditer(text, start, end):
        if any(a < match.start("verb") < b for a, b in quoted):
            continue
        frame = _after(analysis, match)
        if frame:
            return replace(frame, how="inverted")
    # "X hailed the talks, saying …", "The ministry rejected the claim, adding …": the clause's subject
    saying = _SAYING.search(text, start, end)
    if saying and not any(a < saying.start() < b for a, b in quoted):
        for verb in _FINITE.finditer(text, start, saying.start()):
            frame = _speaker_before(analysis, start, _At(verb.start(), verb.end(), "said"), ends, known_names)
            if frame and not _SUBORDINATE.search(text, start, frame.start):
                return replace(frame, verb=verb.group(), how="participle")
    # the passive with its agent, when no one speaks in the active voice ("Described as … by X, Y noted …"
    # is Y's sentence)
    for match in _PASSIVE_BY.finditer(text, start, end):
        frame = _inside(analysis, match.start(), match.end(), match.start("who"), match.end("who"), match.group("verb"))
        if frame:
            return frame
    # the passive of a view with no agent: "the move was widely seen as a provocation" (unnamed observers)
    for match in _PASSIVE_VIEW.finditer(text, start, end):
        if not any(a < match.start() < b for a, b in quoted):
            return Frame(match.start(), match.end(), GROUP, match.group("verb"), group=OBSERVERS, label="observers")
    return None


@dataclass(frozen=True)
class _At:
    """A verb found by other means than `_VERB`, read as a match of it."""

    begin: int
    stop: int
    word: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.stop

    def group(self, name: str = "verb") -> str:
        return self.word


# "agreed to continue …": an agreement to go on doing something, a plan of those who agreed
_AGREED_TO = re.compile(r"agree(?:d|s)?\s(?:\w+\s)?to\s(?:further\s|jointly\s)?(?:continue|expand|deepen|strengthen|"
                        r"step\sup|work|keep|maintain|boost|increase|develop|promote|enhance|intensify|coordinate|"
                        r"cooperate|build|explore|consider|seek|pursue|resume|accelerate|advance|broaden|create|"
                        r"establish|launch|implement)\b")
_PLURAL_OF_TWO = re.compile(r"(?i)\b(?:both|two|member|all|the\sparties|sides|countries|states|leaders|presidents|members)\b")
# The speaker after the verb: "…, says X, a senior fellow at Y.", "…,” said a headline in Z.",
# "…, wrote another commentary on the website of Z."
_INVERTED = re.compile(
    rf"[,”\"]\s*(?P<verb>{alternatives(REPORTING_INVERTED)})\s"
    r"(?P<who>(?!that\b|it\b|this\b)[^,.;:!?“”\"\n]{2,120}?)\s*(?=[,.;:!?(]|$|\s(?:in\sa|in\san|on\s[A-Z]|at\sa|during|last|"
    rf"this|yesterday|today|recently|earlier|later|in\s(?:{'|'.join(month.capitalize() for month in MONTHS)}|\d))\b)"
)
# "a headline in Z", "another commentary on the website of Z", "an editorial in Z": the outlet speaks.
_PUBLISHED_IN = re.compile(
    r"(?i:(?:a|an|another|one|the)\s(?:\w+\s)?(?:headline|editorial|commentary|comment|article|op-ed|column|report|"
    r"piece|post|statement|analysis|story|leader|blog|tweet)s?(?:\s\(\w+\))?|another|one)\s(?:in|on|by|from|of)\s(?:the\s(?:website|pages|"
    r"front\spage|account|channel)\sof\s)?(?:the\s)?(?P<outlet>[A-Z][^,.;:]*|(?:[\w’'-]+\s){0,3}(?:newspaper|paper|daily|"
    r"magazine|journal|weekly|website|outlet|mouthpiece|broadcaster|channel))$"
)
# The name set off after an outlet described in lower case: "the party's newspaper, the Daily Worker".
_OUTLET_NAMED = re.compile(r",\s(?:the\s)?(?P<name>[A-Z][\w’'-]*(?:\s(?:of\s)?[A-Z][\w’'-]*){0,4})")


def _after(analysis: Analysis, match: re.Match[str]) -> Frame | None:
    """The frame of an inverted report: the speaker named after the verb."""
    who_start, who_end = match.start("who"), match.end("who")
    who = match.group("who")
    outlet = _PUBLISHED_IN.match(who)
    if outlet and outlet.group("outlet")[0].islower():  # "on the website of the party's newspaper, the Daily X"
        named = _OUTLET_NAMED.match(analysis.view, who_end)
        if not named:
            return None
        return Frame(match.start(), named.end(), GROUP, match.group("verb"), group=OBSERVERS, label=named.group("name"))
    if outlet:
        return Frame(match.start(), who_end, GROUP, match.group("verb"), group=OBSERVERS,
                     label=outlet.group("outlet").strip())
    pronoun = re.fullmatch(r"(?P<p>he|she|they)", who)
    if pronoun:
        return Frame(match.start(), who_end, PRONOUN, match.group("verb"), word=who)
    # "said the ministry's spokesman, Li Ming,": the name in apposition after a role
    if re.match(r"(?:the|a|an|its|their)\s", who) and re.match(r",\s", analysis.view[who_end : who_end + 2]):
        for mention in analysis.mentions:
            if mention.start == who_end + 2 and mention.entity.cls == "Person":
                return Frame(match.start(), mention.end, PERSON, match.group("verb"), mention=mention)
        name = re.match(rf"{NAME_WORD}(?:\s{NAME_WORD}){{1,3}}(?=[,.;]|\s(?:on|in|at|last|this)\b)",
                        analysis.view[who_end + 2 : who_end + 60])
        if name and not _names_something(analysis, who_end + 2, who_end + 2 + name.end()):
            return Frame(match.start(), who_end + 2 + name.end(), NAME, match.group("verb"), word=name.group())
    # "says Name, senior fellow at Y": the name before the apposition
    frame = _inside(analysis, match.start(), who_end, who_start, who_end, match.group("verb"), bodies=True)
    if frame and frame.who != ROLE:
        return frame
    role = _ROLE_PHRASE.search(who)
    if role and role.start() == 0 and not _PANEL_NOUNS.fullmatch(role.group("noun")):
        # "said the foreign minister": someone the text has named with that title
        return Frame(match.start(), who_end, ROLE, match.group("verb"), word=role.group().strip(),
                     label=re.split(r"[\s-]", role.group("noun").lower())[-1])
    return frame


def _reports(text: str, verb: re.Match[str], start: int, end: int) -> bool:
    """Whether a reporting verb reports here: what follows it is what was said or thought, or the
    verb closes the sentence after what was said ("…,” the minister told reporters on Tuesday.")."""
    word = verb.group("verb")
    if _AGREED_TO.match(text, verb.start()):
        return True  # whether those who agreed plan together is for `find_frame` to judge
    if _PRAISE_OR_BLAME.fullmatch(word) and not _NOT_REPORTING_AFTER.match(text, verb.end()):
        return True  # "X touted the benefits of the corridor", "Y decried the sanctions": a verdict on the object
    if _EVALUATION_VERB.fullmatch(word):  # "hailed the talks, saying …", "touted the corridor as …"
        return bool(_SAYING.search(text, verb.end(), end) or re.search(r"\sas\s", text[verb.end() : end])
                    or _CLAUSE_AFTER.match(text, verb.end(), end) and re.match(r"\s*\S*\s*that\b", text[verb.end() : end]))
    if _CALLED.fullmatch(word):
        return bool(_CALLED_AFTER.match(text, verb.end(), end))
    if _INTENTION.fullmatch(word):
        return bool(re.match(r"\s+to\s", text[verb.end() : end]))
    if _AS_VERBS.fullmatch(word):  # "sees X as Y", even at the end of a sentence ("…, I see a division of labour")
        # or "sees X becoming Y"
        return bool(re.search(r"\sas\s", text[verb.end() : end])
                    or re.match(r"\s+(?:the\s)?(?:[A-Z][\w’'.-]*\s){1,3}(?:being|becoming|turning\sinto|emerging\sas)\s",
                                text[verb.end() : end]))
    tail = text[verb.end() : end]
    if (re.search(r"[,”\"]", text[start : verb.start()]) and not _NOT_TAIL.fullmatch(word)
            and (len(tail.split()) <= _TAIL_WORDS or len(tail.split()) <= 2 * _TAIL_WORDS and _TAIL_ADVERBIAL.match(tail))):
        return True
    if _CLAUSE_AFTER.match(text, verb.end(), end) or _BARE_CLAUSE_AFTER.match(text, verb.end(), end):
        return True
    if re.match(r"\s+(?:on|in|at|during|after|before|to|in\san?)\s[^:;“”\".!?]{1,50}?[:,]\s*[“\"]", text[verb.end() : end]):
        return True  # "said on Monday: “…”", "told the assembly in Astana: “…”"
    if _TOLD.fullmatch(word) and re.match(r"\s+(?:[\w’'.-]+\s){1,5}?that\b", text[verb.end() : end]):
        return True  # "told Silk Road Dispatch that", "reminded the audience that"
    hearer = re.match(r"\s+(?:reporters|journalists|the\s(?:press|media|audience|newspaper|parliament|agency)|"
                      r"(?:him|her|them|us|me))(?=\s)", text[verb.end() : end]) if _TOLD.fullmatch(word) else None
    if hearer and _BARE_CLAUSE_AFTER.match(text, verb.end() + hearer.end(), end):
        return True  # "told reporters the ties were strong"
    return not _REPORTING_ONLY_BEFORE_CLAUSE.fullmatch(word) and not _NOT_REPORTING_AFTER.match(text, verb.end())


def _speaker_before(analysis: Analysis, sentence_start: int, verb: re.Match[str] | _At, ends: dict[int, Mention],
                    known_names: frozenset[str]) -> Frame | None:
    """The speaker that ends right before a reporting verb, an apposition or aside between them."""
    head = analysis.view[sentence_start : verb.start()].rstrip()
    head = _TRAILING_WORDS.sub("", head)
    head = _PARENTHESIS.sub("", head)
    for candidate in _without_apposition(head):
        affiliation = _AFFILIATION.search(candidate)
        for speaker in ([candidate[: affiliation.start()]] if affiliation else []) + [candidate]:
            frame = _speaker_at_end(analysis, sentence_start, speaker, verb, ends, known_names)
            if frame and frame.who == ROLE and speaker != candidate:
                # "the deputy chairman of the interim government complained": the role, named with its place
                return replace(frame, word=candidate[frame.start - sentence_start :].strip())
            if frame and (frame.who in (PERSON, NAME) or speaker == candidate):
                return frame
    return None


def _partner(analysis: Analysis, offset: int, mention: Mention, ends: dict[int, Mention]) -> tuple[int, str] | None:
    """The person named before "and" in "Premier X and his Russian counterpart Y announced"."""
    before = analysis.view[offset : mention.start]
    joins = list(re.finditer(r"\s(?:and|together\swith)\s", before))
    joined = joins[-1] if joins else None  # the last "and" before the name
    if joined is None or before[joined.end() :] and not _TITLE_RUN.fullmatch(before[joined.end() :]):
        return None
    first = ends.get(offset + joined.start())
    if first is not None:
        if first.entity.cls != "Person" or first.entity == mention.entity:
            return None
        start, name = first.start, first.entity.label
    else:  # a name no component recognised: "Premier Wen Jiabao and …"
        found = _NAME.search(before[: joined.start()])
        words = found.group("name").split() if found else []
        while words and (words[0] in _NOT_NAME_WORDS or words[0].lower() in TITLES):
            words.pop(0)
        if len(words) < 2:
            return None
        name = " ".join(words)
        start = offset + joined.start() - len(name)
        if _names_something(analysis, start, offset + joined.start()):
            return None
    return (start, name) if _BOUNDARY.search(_TITLE_RUN.sub("", analysis.view[offset:start])) else None


def _without_apposition(head: str) -> list[str]:
    """The head itself, and, when it ends with a comma, the head without the apposition before it."""
    if not head.endswith(","):
        return [head]
    body = head[:-1]
    heads = []
    for comma in [m.start() for m in re.finditer(r",\s", body)][::-1][:3]:
        apposition = body[comma + 2 :]
        if re.match(r"(?:[a-z]|(?:A|An|The|One|Director|Head|Chair|Professor|Senior)\s)", apposition):
            heads.append(_PARENTHESIS.sub("", body[:comma]))
    # "the then prime minister, Vladimir Putin, announced": the name is the apposition
    return heads + [body]


@dataclass(frozen=True)
class _SpeakerCase:
    """The words before a reporting verb ("head", from `offset` in the view), whose end may name the speaker."""

    analysis: Analysis
    offset: int
    head: str
    verb_word: str
    frame_end: int  # where the reporting verb ends
    ends: dict[int, Mention]  # the sentence's mentions by where they end
    known_names: frozenset[str]

    @cached_property
    def mention(self) -> Mention | None:
        """The mention the head ends with."""
        return self.ends.get(self.offset + len(self.head))

    @cached_property
    def before(self) -> str:
        """The head's words before that mention, without a person's titles or an entity's "the"."""
        mention = self.mention
        if not mention:
            return ""
        before = self.analysis.view[self.offset : mention.start]
        if mention.entity.cls == "Person":
            return _TITLE_RUN.sub("", before)
        return re.sub(r"\b[Tt]he\s$", "", before)  # "The European Union has said"

    def speech(self) -> bool:
        return bool(_SPEECH_VERB.fullmatch(self.verb_word))


def _group_from_somewhere(case: _SpeakerCase) -> Frame | None:
    """ "Speakers from Kazakhstan said", "experts at the Carnegie Moscow Center argued": the group."""
    head, origin = case.head, _GROUP_FROM.search(case.head)
    group = _GROUP.search(head[: origin.start()]) if origin else None
    if group and _BOUNDARY.search(head[: group.start()]):
        kind = PANEL if _PANEL_NOUNS.search(group.group("noun")) else OBSERVERS
        return Frame(case.offset + group.start(), case.frame_end, GROUP, case.verb_word, group=kind,
                     label=head[group.start() :].strip())
    return None


def _state_organ(case: _SpeakerCase) -> Frame | None:
    """ "China's foreign ministry said": the state speaks through its organs."""
    organ = _STATE_ORGAN.search(case.head)
    if organ and case.speech():
        state = case.ends.get(case.offset + organ.start())
        # "China's officials said" is the state; "Chinese officials said" a group of them
        plural = re.search(r"officials|authorities|leadership", organ.group())
        if state and state.entity.cls == "State" and state.matched_as == "demonym" and not plural:
            # "the Russian government announced": the organ, named as the text names it
            return Frame(state.start, case.frame_end, GROUP, case.verb_word, group=OBSERVERS,
                         label=case.analysis.view[state.start : case.offset + len(case.head)].strip())
        if state and state.entity.cls == "State" and not (plural and state.matched_as == "demonym"):
            return Frame(state.start, case.frame_end, ENTITY, case.verb_word, mention=state)
    return None


def _joint_subject(case: _SpeakerCase) -> Frame | None:
    """ "the U.S. and the EU condemned": two states or bodies speaking together."""
    mention, before = case.mention, case.before
    joint = _JOINT_SUBJECT.search(before) if mention and mention.entity.cls != "Person" else None
    if mention and joint and case.ends.get(case.offset + joint.end("first")) and case.speech() \
            and _BOUNDARY.search(before[: joint.start()]):
        return Frame(case.offset + joint.start(), case.frame_end, GROUP, case.verb_word, group=JOINT,
                     label=case.analysis.view[case.offset + joint.start() : mention.end].strip())
    return None


def _mentioned_speaker(case: _SpeakerCase) -> Frame | None:
    """The person, or the state or body, the head ends with; a state or body only with a verb it may say."""
    mention = case.mention
    if not (mention and _BOUNDARY.search(case.before) and mention.matched_as != "demonym"):
        return None
    if mention.entity.cls == "Person":
        partner = _partner(case.analysis, case.offset, mention, case.ends)
        return Frame(partner[0] if partner else mention.start, case.frame_end, PERSON, case.verb_word,
                     mention=mention, partner=partner[1] if partner else None)
    verb_word = case.verb_word
    if (case.speech() or _INTENTION.fullmatch(verb_word)) and mention.entity.cls in (
        "State", "InternationalOrganization", "Company", "ResearchOrganization"
    ) or _STATE_VIEW.fullmatch(verb_word) and mention.entity.cls in ("State", "InternationalOrganization"):
        # "Moscow fears that …": a state's concern
        return Frame(mention.start, case.frame_end, ENTITY, verb_word, mention=mention)
    return None


def _writer_or_pronoun(case: _SpeakerCase) -> Frame | None:
    """ "we argue", "she said": the writer, or someone named before."""
    for pattern, who in ((_WRITER, WRITER), (_PRONOUN, PRONOUN)):
        found = pattern.search(case.head)
        if found and _BOUNDARY.search(case.head[: found.start(who)]):
            return Frame(case.offset + found.start(who), case.frame_end, WRITER if who == WRITER else PRONOUN,
                         case.verb_word, word=found.group(who))
    return None


def _role_phrase(case: _SpeakerCase) -> Frame | None:
    """ "the foreign minister said", "The official explained": someone the text has named, or will not."""
    role = _ROLE_PHRASE.search(case.head)
    if role and _BOUNDARY.search(case.head[: role.start()]) and not _PANEL_NOUNS.fullmatch(role.group("noun")):
        return Frame(case.offset + role.start(), case.frame_end, ROLE, case.verb_word, word=role.group().strip(),
                     label=re.split(r"[\s-]", role.group("noun").lower())[-1])
    return None


def _group_phrase(case: _SpeakerCase) -> Frame | None:
    """ "Chinese experts argued", "the panelists agreed": a group of unnamed people."""
    group = _GROUP.search(case.head)
    if group and _BOUNDARY.search(case.head[: group.start()]):
        kind = PANEL if _PANEL_NOUNS.search(group.group("noun")) else OBSERVERS
        return Frame(case.offset + group.start(), case.frame_end, GROUP, case.verb_word, group=kind,
                     label=group.group().strip())
    return None


def _body_phrase(case: _SpeakerCase) -> Frame | None:
    """ "The ministry rejected the claim, saying …": the body the text named so before."""
    body = _BODY_PHRASE.search(case.head)
    if body and _BOUNDARY.search(case.head[: body.start()]) and (case.speech() or case.verb_word == "said"):
        return Frame(case.offset + body.start(), case.frame_end, ROLE, case.verb_word, word=body.group().strip(),
                     label=body.group("noun").lower())
    return None


def _unrecognised_speaker(case: _SpeakerCase) -> Frame | None:
    """A person's name no component recognised (see _unrecognised_name)."""
    return _unrecognised_name(case.analysis, case.offset, case.head, case.verb_word, case.frame_end, case.known_names)


# Who the words before a reporting verb name as its speaker, most telling first: first the ways that
# hold whatever the head ends with; then, if it ends with a mention, that mention is the speaker or
# there is none; else the ways of a speaker no component recognised.
SPEAKER_STRATEGIES = (_group_from_somewhere, _state_organ)
MENTIONED_SPEAKER_STRATEGIES = (_joint_subject, _mentioned_speaker)
UNMENTIONED_SPEAKER_STRATEGIES = (_writer_or_pronoun, _role_phrase, _group_phrase, _body_phrase, _unrecognised_speaker)


def _speaker_at_end(analysis: Analysis, offset: int, head: str, verb: re.Match[str] | _At, ends: dict[int, Mention],
                    known_names: frozenset[str]) -> Frame | None:
    """The speaker the head ends with, naming the strategy that found it (Frame.found_by)."""
    case = _SpeakerCase(analysis, offset, head, verb.group("verb"), verb.end(), ends, known_names)
    strategies = SPEAKER_STRATEGIES + (MENTIONED_SPEAKER_STRATEGIES if case.mention else UNMENTIONED_SPEAKER_STRATEGIES)
    decision = first_found(strategies, case)
    return replace(decision.value, found_by=decision.by) if decision else None


def _unrecognised_name(analysis: Analysis, offset: int, head: str, verb_word: str, frame_end: int,
                       known_names: frozenset[str]) -> Frame | None:
    """A person's name no component recognised: the capitalised words ending the head, two to four of
    them (a title before them left out), or one when it is the surname of someone already met."""
    found = _NAME.search(head)
    if not found:
        return None
    words = found.group("name").split()
    while words and (words[0] in _NOT_NAME_WORDS or words[0].lower() in TITLES):
        words.pop(0)
    name = " ".join(words)
    if not words or len(words) == 1 and name not in known_names:
        return None
    start = offset + len(head) - len(name)
    if not _BOUNDARY.search(analysis.view[offset:start]) or _names_something(analysis, start, offset + len(head)):
        return None
    return Frame(start, frame_end, NAME, verb_word, word=name)


# "Secretary General Stefano Sannino": a name after a title, which no component may have recognised.
_TITLED_NAME = re.compile(
    rf"\b(?i:{alternatives(t for t in TITLES if not t.endswith('.'))})\s+"
    rf"(?:of\s(?:the\s)?[A-Z][\w’'-]+\s)?(?P<name>{NAME_WORD}(?:\s{NAME_WORD}){{1,4}})\b"
)


def titles_of_people(analysis: Analysis) -> list[tuple[int, frozenset[str], Mention]]:
    """(offset, title words, mention) of each person the text names with a title before the name
    ("Foreign Minister Wang Yi", "CSTO Secretary General X") or a role after it ("X, the foreign minister,")."""
    found = []
    view = analysis.view
    for mention in analysis.mentions:
        if mention.entity.cls != "Person":
            continue
        before = _TITLE_RUN.search(view, max(0, mention.start - 80), mention.start)
        words = before.group().lower().split() if before else []
        after = re.match(r",\s(?:the|a|an|its|their)\s((?:[\w’'-]+\s){0,4}?[\w’'-]+)[,.;]", view[mention.end : mention.end + 80])
        if after:
            words += after.group(1).lower().split()
        if words:
            found.append((mention.start, frozenset(words), mention))
    return found


# "Sergey Pavlov, the first deputy director of …": a name that an apposition says is a person's.
_APPOSED_NAME = re.compile(
    rf"(?P<name>{NAME_WORD}(?:\s{NAME_WORD}){{1,2}}),\s(?:the|a|an|its|their)\s(?:[\w’'-]+\s){{0,4}}?"
    rf"(?i:{alternatives(ROLE_NOUNS)})\b"
)


def apposed_names(analysis: Analysis) -> list[str]:
    """The names the text presents with a role in apposition ("X, a researcher at …") that no
    component recognised as anything else: people, whom the text may later call by surname alone."""
    names = []
    for match in _APPOSED_NAME.finditer(analysis.view):
        words = match.group("name").split()
        while words and (words[0] in _NOT_NAME_WORDS or words[0].lower() in TITLES):
            words.pop(0)
        start = match.end("name") - len(" ".join(words))
        if len(words) >= 2 and not _names_something(analysis, start, match.end("name")):
            names.append(" ".join(words))
    return names


def named_people(analysis: Analysis, start: int, end: int) -> list[tuple[int, str]]:
    """(offset, name) of the people named in [start, end): recognised persons, and names after a title
    that no component recognised as anything else."""
    found = {m.start: m.entity.label for m in mentions_starting(analysis, start, end) if m.entity.cls == "Person"}
    for match in _TITLED_NAME.finditer(analysis.view, start, end):
        words = match.group("name").split()
        while words and (words[0] in _NOT_NAME_WORDS or words[0].lower() in TITLES):
            words.pop(0)
        name_start = match.end("name") - len(" ".join(words))
        if len(words) >= 2 and not _names_something(analysis, name_start, match.end("name")):
            found.setdefault(name_start, " ".join(words))
    return sorted(found.items())


def _names_something(analysis: Analysis, start: int, end: int) -> bool:
    return bool(mentions_overlapping(analysis, start, end))


_BODY_CLASSES = frozenset({"State", "InternationalOrganization", "Company", "ResearchOrganization", "Organization"})
# A body named by its kind: "the ministry", "the foreign ministry", "the bank", "the Kremlin".
_BODY_PHRASE = re.compile(
    r"\b(?:[Tt]he|[Ii]ts|[Tt]heir)\s(?:[\w’'-]+\s){0,2}?(?P<noun>(?i:ministry|government|bank|company|embassy|agency|commission|"
    r"organi[sz]ation|council|committee|parliament|administration|firm|corporation|secretariat|regulator|court|"
    r"authorities|presidency|cabinet|mission|institute|center|centre)|statement|declaration|communiqu[eé])"
    # "the ministry's statement concludes": the body whose text it is
    r"(?:['’]s\s(?:[\w-]+\s)?(?:statement|report|declaration|communiqu[eé]|note|press\srelease|comment))?$"
)


def _inside(analysis: Analysis, start: int, end: int, who_start: int, who_end: int, verb: str,
            bodies: bool = True) -> Frame | None:
    """A frame whose speaker stands inside it ("According to X,", "in X's view"); a person first, then a
    state or organisation ("according to the World Bank"), a group, a body named by its kind ("according to
    the ministry"), a name no component recognised."""
    who = analysis.view[who_start:who_end]
    for mention in analysis.mentions:
        if who_start <= mention.start and mention.end <= who_end and mention.entity.cls == "Person":
            return Frame(start, end, PERSON, verb, mention=mention)
    first = len(re.split(r"[,(]", who, maxsplit=1)[0])  # the head, not what an apposition adds
    for mention in analysis.mentions:
        if (bodies and who_start <= mention.start and mention.end <= who_start + first and mention.entity.cls in _BODY_CLASSES
                and mention.matched_as != "demonym"):
            return Frame(start, end, ENTITY, verb, mention=mention)
    body = _BODY_PHRASE.search(who[:first].rstrip())
    if bodies and body and body.end() == len(who[:first].rstrip()) and not _GROUP.search(who):
        return Frame(start, end, ROLE, verb, word=body.group().strip(), label=body.group("noun").lower())
    group = _GROUP.search(who)
    if group:
        kind = PANEL if _PANEL_NOUNS.search(group.group("noun")) else OBSERVERS
        return Frame(start, end, GROUP, verb, group=kind, label=who.strip())
    words = who[:first].split()
    while words and (words[0] in _NOT_NAME_WORDS or words[0].lower() in TITLES):
        words.pop(0)
    name = " ".join(words)
    if len(words) >= 2 and _NAME.fullmatch(name) and not _names_something(analysis, who_start, who_start + first):
        return Frame(start, end, NAME, verb, word=name)
    return None


# ---------------------------------------------------------------------------------------------
# Interviews

_QUESTION_LABELS = frozenset({"Q", "Question", "QUESTION"})
_ANSWER_LABELS = frozenset({"A", "Answer", "ANSWER"})
_LABEL = re.compile(
    r"(?P<label>(?:Q|A|Question|Answer|QUESTION|ANSWER)(?=\s*[:.–—]\s)|[A-Z]{2,4}(?=:)|"
    # "Sergey Lavrov:", "Foreign Minister of Mongolia Batmunkh Battsetseg (retranslated):"
    r"[A-Z][\w’'.-]+(?:\s(?:of\s(?:the\s)?)?[A-Z][\w’'.-]+){0,5}(?=(?:\s\([^()\n]{1,40}\))?:))"
    r"(?:\s\([^()\n]{1,40}\))?\s*[:.–—]\s+"
)
_MAX_QUESTION_WORDS = 60
# A transcript's label: a few words opening a line, ending with a colon, no sentence inside.
_SPEAKER_LABEL = re.compile(r"(?P<label>[A-Z][^:.!?;\n“”\"]{1,110}?(?:\s\([^()\n]{1,40}\))?)\s?:\s+(?=\S)")
_LABEL_WORD = re.compile(r"[A-Z]|(?:of|the|and|for|on|at|to|de|da|van|von|al|bin|ibn)$")
_ASKING_ROLES = frozenset({"Journalist", "Reporter", "Moderator", "Host", "Interviewer", "Audience", "Correspondent",
                           "Follow-up question", "Follow-up", "Remark", "Comment"})
_ANNOUNCED = re.compile(
    r"\binterview(?:s|ed)?\b|\bQ\s?&\s?A\b|\bin\sconversation\swith\b|\b(?:spoke|spoken|talked|talks|speaks)\s(?:to|with)\b",
    re.IGNORECASE,
)
_INTERVIEWEE = re.compile(
    rf"\b(?:[Ii]nterview(?:ed)?|[Cc]onversation|Q\s?&\s?A|spoke|spoken|talked|talks|speaks)\s(?:with|to)\s"
    rf"(?:the\s)?(?:[a-z][\w-]*\s){{0,4}}?(?P<name>{NAME_WORD}(?:\s{NAME_WORD}){{1,3}})"
    rf"|(?P<subject>{NAME_WORD}(?:\s{NAME_WORD}){{1,3}})\s(?:spoke|talked)\s(?:to|with)\s(?:us|me)\b"
)
_BIO_VERBS = alternatives(BIO_VERBS, space=r"\s")
_INTRO_BIO = re.compile(rf"(?P<name>{NAME_WORD}(?:\s{NAME_WORD}){{1,3}})\s(?:{_BIO_VERBS})\s(?:a|an|the)\s")


@dataclass(frozen=True)
class Turn(Span):
    """One turn of an interview, a question or an answer; its own words start at `body`, after
    the speaker's label."""

    body: int
    question: bool
    speaker: str | None = None  # in a transcript, the person the turn's label names


@dataclass(frozen=True)
class Interview:
    """The turns of an interview, and the interviewee as the text names them (None when it does not)."""

    turns: tuple[Turn, ...]
    interviewee: str | None

    def turn_at(self, offset: int) -> Turn | None:
        return next((turn for turn in self.turns if turn.start <= offset < turn.end), None)


def read_interview(analysis: Analysis) -> Interview | None:
    """The question-and-answer turns of a text that is an interview, else the speakers' turns of a
    transcript (see `read_transcript`), else None."""
    return _read_questions_and_answers(analysis) or read_transcript(analysis, speech_by(analysis))


# The heading of an official record of one speaker: "Remarks by Foreign Minister X at the press
# conference …", "Statement of the President of Y", "Speech by X to …", "X's answers to media questions".
_RECORD = (r"(?:(?:[Oo]pening|[Cc]losing|[Kk]eynote|[Ii]ntroductory|[Cc]oncluding|[Pp]ress|[Jj]oint|[Ww]ritten|[Vv]ideo|"
           r"[Rr]egular|[Ww]eekly|[Dd]aily|[Ee]xclusive|[Tt]elevised|[Tt]elevision|[Ff]ull|[Oo]fficial)\s)?"
           r"(?:[Rr]emarks|[Ss]tatements?|[Ss]peech|[Aa]ddress|[Cc]omments?|[Aa]nswers?|[Bb]riefing|[Ii]nterview|[Aa]rticle|"
           r"[Mm]essage|[Ll]ecture|[Tt]ranscript|[Ee]xcerpts?|[Tt]oast|[Gg]reetings|[Oo]p-ed|[Rr]eply|[Rr]esponse|"
           r"(?:[Pp]ress|[Nn]ews|[Mm]edia)\s(?:[Cc]onference|[Bb]riefing|[Aa]pproach|[Ss]takeout))")
_RECORD_BY = re.compile(
    # "Remarks and answers to media questions by X", not "Press statements following talks with X"
    rf"\b{_RECORD}(?:\s(?:(?!(?:with|following|after|at|in|on|for|during|between|before|about)\b)[\w’'-]+\s){{0,5}}?)?\s?"
    r"(?:by|of|from)\s(?:the\s)?(?P<who>[^,.;:\n]+?)"
    r"(?=\s(?:at|during|in|on|to|with|before|following|after|for|ahead|upon|via|as|regarding|concerning)\s|[,.;:(\n]|$)"
)
_RECORD_OF = re.compile(rf"(?P<who>[A-Z][^,.;:\n]{{2,90}}?)[’']s\s{_RECORD}\b")
_HEADER_UNITS = 3
_BODY_WORDS = frozenset("ministry ministries affairs government office department council committee service press".split())


def speech_by(analysis: Analysis) -> str | None:
    """The person whose words a text records, as its heading names them ("Remarks by Foreign Minister X
    at …", "X's statement on …"): the speaker of every sentence no label or frame gives to another."""
    view = analysis.view
    top = units(view)[: _HEADER_UNITS + 2]
    if not top or len(re.findall(r"\b(?:I|[Ww]e|[Oo]ur|[Mm]y|us)\b", view)) < 2:
        return None  # a record speaks in the first person
    if any(byline.start < top[-1].end for byline in analysis.metadata.authors):
        return None  # a piece signed at its top writes about a speech
    for unit in top[:_HEADER_UNITS]:
        for pattern in (_RECORD_BY, _RECORD_OF):
            match = pattern.search(unit.text) if pattern is _RECORD_BY else pattern.match(unit.text)
            if not match:
                continue
            start, end = unit.start + match.start("who"), unit.start + match.end("who")
            if re.match(r",\s", view[end : end + 2]):  # "Statement by the Minister of X, Name, on …"
                end = min(unit.end, view.find(",", end + 2) if view.find(",", end + 2) > 0 else unit.end, end + 60)
            named = [m for m in analysis.mentions if start <= m.start and m.end <= end and m.entity.cls == "Person"]
            if named:
                return named[0].entity.label
            who = _PARENTHESIS.sub("", view[start:end].rstrip())
            for found in list(re.finditer(rf"{NAME_WORD}(?:\s{NAME_WORD})+", who))[::-1]:
                # the name closing a run of titles: "Foreign Ministry Spokesperson Li Wen"
                words: list[str] = []
                for word in found.group().split()[::-1]:
                    if word in _NOT_NAME_WORDS or word.lower() in TITLES or word.lower() in ROLE_NOUNS or word.lower() in _BODY_WORDS:
                        break
                    words.insert(0, word)
                words = words[-4:]
                if len(words) >= 2 and not _names_something(analysis, start + found.end() - len(" ".join(words)),
                                                            start + found.end()):
                    return " ".join(words)
    return None


def read_transcript(analysis: Analysis, speaker_of_record: str | None = None) -> Interview | None:
    """The turns of a transcript: lines that open with a label naming a speaker ("President of Russia
    Vladimir Putin:", "Foreign Minister Wang Yi (retranslated):", "Question:"), each turn running to the
    next label. The label names a person the text recognises, or reads as a name. In the record of one
    speaker (`speaker_of_record`), a question runs to the end of its paragraph and the unlabelled
    paragraphs after it are that speaker's answer."""
    view = analysis.view
    people = [m for m in analysis.mentions if m.entity.cls == "Person"]
    turns: list[Turn] = []
    unnamed: list[str | None] = []  # speakers read from the label's words alone, no recognised person
    for unit in units(view)[1:]:  # the first line is the title ("Putin: Russia will …")
        label = _SPEAKER_LABEL.match(unit.text)
        if not label or len(unit.words) < 2 or not all(
            _LABEL_WORD.match(word) for word in _PARENTHESIS.sub("", label.group("label")).split()
        ):
            continue
        body = unit.text[label.end() :]
        if len(body.split()) < 8 and not re.search(r"[.,!?:;…\"”]$", body):
            continue  # "Xi Jinping: A Profile" is a heading, not a turn
        start, end = unit.start, unit.start + label.end("label")
        # "Question:", "Question (Reuters):", "Journalist:"
        question = (_PARENTHESIS.sub("", label.group("label")).strip() in _QUESTION_LABELS | _ASKING_ROLES
                    or _asks(unit) and not any(start <= m.start and m.end <= end for m in people))  # "AFP: Will …?"
        named = [m for m in people if start <= m.start and m.end <= end]
        speaker: str | None
        if named:
            speaker = named[-1].entity.label
        else:
            name = _NAME.search(_PARENTHESIS.sub("", label.group("label")).strip())
            words = name.group("name").split() if name else []
            while words and (words[0] in _NOT_NAME_WORDS or words[0].lower() in TITLES):
                words.pop(0)
            speaker = _named_in_label(analysis, " ".join(words)) if len(words) >= 2 else None
            labels = {m.entity.label for m in people} | {view[m.start : m.end] for m in people}
            # "President of Russia Vladimir Putin": the name of a person the text names elsewhere
            known = next((" ".join(words[k:]) for k in range(len(words) - 1) if " ".join(words[k:]) in labels), None)
            if known:
                speaker = next(m.entity.label for m in people if known in (m.entity.label, view[m.start : m.end]))
            else:
                unnamed.append(speaker)
        if speaker is None and not question:
            continue
        if turns:
            turns[-1] = replace(turns[-1], end=unit.start)
        turns.append(Turn(unit.start, len(view), unit.start + label.end(), question, None if question else speaker))
    if speaker_of_record:
        turns = _answered(turns, units(view), speaker_of_record)
    # a label that names nobody the text recognises must come back, as speakers of a dialogue do
    # (or be named elsewhere in the text, as the heading of a joint news conference names the other minister)
    once = {name for name in unnamed if unnamed.count(name) == 1 and (not name or view.count(name) < 2)}
    turns = [replace(turn, speaker=None) if turn.speaker in once else turn for turn in turns]
    if not any(turn.speaker for turn in turns):
        return None
    return Interview(tuple(turns), None)


def _answered(turns: list[Turn], found: list[Unit], speaker: str) -> list[Turn]:
    """The turns of a speaker's record: each question ends with its paragraph, what follows it unlabelled
    is the speaker's answer."""
    answered: list[Turn] = []
    for turn in turns:
        answered.append(turn)
        if not turn.question:
            continue
        rest = [unit for unit in found if turn.start < unit.start < turn.end]
        if rest:
            answered[-1] = replace(turn, end=rest[0].start)
            answered.append(Turn(rest[0].start, turn.end, rest[0].start, False, speaker))
    return answered


def _read_questions_and_answers(analysis: Analysis) -> Interview | None:
    found = units(analysis.view)
    labels = [_label(unit) for unit in found]
    asking = _asking_labels(found, labels)
    if asking.intersection(labels):
        questions = [label in asking for label in labels]
    else:  # no labels: the short questions after the text announces an interview
        announced = next((i for i, unit in enumerate(found) if _ANNOUNCED.search(unit.text)), len(found))
        questions = [index > announced and _asks(unit) for index, unit in enumerate(found)]
    if sum(questions) < 2:
        return None
    first = questions.index(True)
    turns = _turns(found, labels, questions, len(analysis.view))
    if sum(1 for turn in turns if not turn.question) < 2:
        return None
    answering = {label for label in labels if label and label not in asking and label not in _ANSWER_LABELS}
    named = next(iter(answering)) if len(answering) == 1 else None
    speech = speech_by(analysis)
    if answering:  # a labelled answer is the speaker's its label names (a joint press conference has several)
        label_at = {unit.start: label for unit, label in zip(found, labels)}
        turns = [replace(turn, speaker=_named_in_label(analysis, label_at[turn.start] or ""))
                 if not turn.question and label_at.get(turn.start) in answering else turn for turn in turns]
        # an unlabelled answer in the record of one speaker ("A's remarks and answers …") is that speaker's
        named = speech or named
    return Interview(tuple(turns), named or _presented(analysis.view[: found[first].start]) or speech)


def _named_in_label(analysis: Analysis, label: str) -> str:
    """The person a speaker's label names: a person the text recognises inside it, else the label
    without the titles before the name ("Foreign Minister of Mongolia B B" is "B B")."""
    words = label.split()
    known = {analysis.view[m.start : m.end]: m.entity.label for m in analysis.mentions if m.entity.cls == "Person"}
    for k in range(len(words)):
        if " ".join(words[k:]) in known:
            return known[" ".join(words[k:])]
    if len(words) <= 2:
        return label
    names_state = {analysis.view[m.start : m.end] for m in analysis.mentions if m.entity.cls != "Person"}
    name: list[str] = []
    for word in reversed(words):
        if word in _NOT_NAME_WORDS or word.lower() in TITLES or word.lower() in ("of", "the") or word in names_state:
            break
        name.insert(0, word)
    return " ".join(name) if len(name) >= 2 else label


def _label(unit: Unit) -> str | None:
    match = _LABEL.match(unit.text)
    return match.group("label") if match and len(unit.words) > 1 else None


def _asking_labels(found: list[Unit], labels: list[str | None]) -> set[str]:
    """The labels of the questions: "Q", or a speaker whose turns mostly end with a question mark."""
    asking = set(_QUESTION_LABELS)
    for label in set(filter(None, labels)) - _QUESTION_LABELS - _ANSWER_LABELS:
        turns = [unit for unit, other in zip(found, labels) if other == label]
        if 2 * sum(1 for unit in turns if _asks(unit)) > len(turns):
            asking.add(label)
    return asking


def _asks(unit: Unit) -> bool:
    return bool(re.search(r"\?[\"”’')\]]*$", unit.text)) and len(unit.words) <= _MAX_QUESTION_WORDS


def _turns(found: list[Unit], labels: list[str | None], questions: list[bool], end: int) -> list[Turn]:
    """Each question up to the next unit, each answer up to the next question (or the end)."""
    turns: list[Turn] = []
    starts = [index for index, question in enumerate(questions) if question]
    for number, index in enumerate(starts):
        unit = found[index]
        turns.append(Turn(unit.start, unit.end, _body(unit, labels[index]), True))
        following = starts[number + 1] if number + 1 < len(starts) else len(found)
        # an answer runs to the next question, or to the next speaker's label ("B: …" after "A: …")
        opening = [i for i in range(index + 1, following) if i == index + 1 or labels[i]]
        for at, first in enumerate(opening):
            last = found[opening[at + 1]].start if at + 1 < len(opening) else (
                found[following].start if following < len(found) else end)
            turns.append(Turn(found[first].start, last, _body(found[first], labels[first]), False))
    return turns


def _body(unit: Unit, label: str | None) -> int:
    match = _LABEL.match(unit.text) if label else None
    return unit.start + (match.end() if match else 0)


def _presented(intro: str) -> str | None:
    """The interviewee the introduction presents: after "an interview with", else a bio's subject."""
    for pattern in (_INTERVIEWEE, _INTRO_BIO):
        for match in pattern.finditer(intro):
            words = (match.group("name") or match.group("subject")).split()
            while words and (words[0] in _NOT_NAME_WORDS or words[0].lower() in TITLES):
                words.pop(0)
            if len(words) >= 2:
                return " ".join(words)
    return None
