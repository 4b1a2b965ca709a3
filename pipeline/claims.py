"""Find the analytic claims of a text (predictions, assessments, recommendations), who they are
attributed to and what they are about.

A sentence is a claim when a reporting frame gives it to someone ("X argued that …", "…, panelists
agreed", "according to X", "viewed by experts as", see `speakers`), when its own words make it a
judgement (see `cues`), or when it narrates no dated event and speaks the vocabulary of analysis
(importance, degree, purpose: "exercises help to …", "Russia remains …") — except in an unsigned
report of a discussion (panels speak in it, no byline names an author) and in a paragraph where a
panel speaks: those assert nothing of their own. Headings, questions (but a speaker's quoted
rhetorical one), lines addressing the reader, courtesies of a speech ("I would like to thank …") and
author bios are never claims; nor is a state's dated statement with no judgement in it.

Who holds a claim:

- the person, organisation or state of its frame; an unrecognised name becomes a person;
- a group speaking for the text's maker ("our analysts", "the analysts of <publisher>") is the writer;
- the unnamed participants of a panel ("panelists agreed", "one speaker predicted") become one
  `ekg:Group` of the document, `doc:<slug>/group/panelists`; other unnamed people a group labelled
  as the text names them ("Chinese experts", "a source in the delegation"), `doc:<slug>/group/<words>`;
- "he", "she" the person last named or heard in the paragraph; "they" the group that spoke last, or
  the two people named just before ("X met Y. They agreed …") as one group;
- a role ("the minister said", "the official explained") the person the text named with that title,
  else the group it named so, else the role itself;
- an unframed sentence inside a quotation, the speaker of the frame that closes or opened it; a
  paragraph that is wholly a quotation, the speaker heard last;
- in a speaker's turn of a transcript, the speaker, also where a state or a group is reported in it
  ("Russia and China reaffirmed …"); in an interview's answer, the interviewee (see
  `speakers.read_interview`); in the record of one speaker (an unsigned text whose heading reads
  "Remarks by Foreign Minister X at …", "Statement by X on …", "X's press conference"), X, for every
  sentence no frame gives to another and every unlabelled answer (`speakers.speech_by`): "We agreed to
  …", "President Y's proposal deserves support" are X's;
- "the two countries", "both sides", "the two presidents", "the joint statement": the two states the
  text named last, as one group ("A and B", "presidents of A and B");
- a body named by its kind ("the ministry said", "according to the bank"): the organisation of that
  kind the text named before, by a recognised mention or by its capitalised name;
- otherwise, and for "I expect", "in my view", the writer: the author of the enclosing section, else
  of the document (the byline last before the claim), else its publisher.

An interview's questions are never claims; its answers and a speaker's turns give views by their
genre, so there a single weak cue (see `cues`) makes a sentence a claim. A sentence that is no claim
(a question) may still open a quotation: its frame gives the quoted sentences after it their speaker
("X said: “Why should we pay? Nobody would thank us.”").

Each claim names the rule that decided it (pipeline/rules/claims.toml): which frame or voice made it
a claim and whose it is.

What a claim is about: the entities named in its sentence, leaving out the words of its frame (the
speaker and the speaker's affiliation) and adjectives of nationality.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from eurasia_kg.vocab import document_iri

from .cues import kind_of_verb, names_a_date, read_cues
from .model import Analysis, Claim, EntityRef, Sentence, Span
from .passages import mentions_overlapping, mentions_within, named_by, paragraphs
from .patterns import BIO_VERBS, CLAUSE_OPENERS, ROLE_NOUNS, alternatives, fold
from .rules import rule as rule_spec
from .speakers import (
    ENTITY,
    GROUP,
    JOINT,
    NAME,
    OBSERVERS,
    PANEL,
    PERSON,
    PRONOUN,
    ROLE,
    WRITER,
    Frame,
    Interview,
    Turn,
    apposed_names,
    find_frame,
    group_phrase,
    named_people,
    read_interview,
    speech_by,
    titles_of_people,
)

_TERMINAL = re.compile(r"[.!…][\"”’')\]]*$")
# "…, stating: “What sort of alliance is this?”": a speaker's rhetorical question, quoted after a frame
_FRAMED_QUESTION = re.compile(r"\w[^“\"]*[:,]\s[“\"][^“”\"]*\?[\"”]$")
_QUESTION = re.compile(r"\?[\"”’')\]]*$")
_READER = re.compile(r"\b(?:you|your|yours|please|click|log\s?in|register|subscribe|sign\sup|password|e-?mail)\b",
                     re.IGNORECASE)
_BULLET_HEADING = re.compile(r"^[•▪◦●■*–-]\s*(?:[^.!?:\n]{1,80}:\s+(?=[A-Z“\"]))?")
# A bio opens with a name and the post its bearer holds: "X is a senior fellow at …", "X has served as
# deputy director …", "Dr X (Ph.D., …) is Professor of …".
_BIO_VERBS = alternatives(BIO_VERBS, space=r"\s")
_BIO = re.compile(
    r"(?:(?:Dr\.?|Professor|Prof\.)\s+)?(?P<name>[A-Z][\w.’'-]*(?:\s[A-Z][\w.’'-]*){1,3})(?:\s\([^)]*\))?\s"
    rf"(?:{_BIO_VERBS})\s"
    r"(?P<post>(?:[\w’'-]+\s){0,5}[\w’'-]+)"
)
_MIN_WORDS = 4
_NOT_A_NAME = re.compile(rf"(?:{'|'.join(CLAUSE_OPENERS)})\b")
_REPORTED_FUTURE = re.compile(r"\bwould\b(?!\s(?:like|rather|have\sbeen))")
# Courtesies of a speech: thanks, wishes, greetings assert nothing.
_COURTESY = re.compile(
    r"^(?:[\w’',]+\s){0,4}?(?:(?:I|[Ww]e)\s(?:would\s(?:also\s)?like\sto\s|want\sto\s|wish\sto\s)?(?:once\sagain\s)?"
    r"(?:sincerely\s|warmly\s|also\s)*(?:thank|express\s(?:my|our)\s(?:sincere\s|deep\s)?(?:gratitude|thanks|appreciation)|"
    r"wish|welcome|greet)|[Aa]llow\sme\sto\s(?:begin\sby\s)?(?:thank|express|welcome)|[Tt]hank\syou)\b"
)
# Which rule of pipeline/rules/claims.toml a frame's speaker makes the claim by.
_FRAME_RULES = {PERSON: "reported-speech", NAME: "reported-speech", ENTITY: "reported-speech-body",
                GROUP: "group-voice", PRONOUN: "pronoun-speaker", ROLE: "role-speaker"}
# A sentence that is a quotation from its first word to its last (or to the end of the paragraph).
_WHOLLY_QUOTED = re.compile(r"\s*(?:“[^“”]*(?:”[\s.,]*)?|\"[^\"]*(?:\"[\s.,]*)?)$")
_QUOTATION = re.compile(r"“[^“”]*”|\"[^\"\n]*\"")
_OPENING_QUOTE_LEFT_OVER = re.compile(r"\s+[\"“‘]$")
_PANEL_FRAMES_OF_A_REPORT = 2
_NEAR = 600  # how far back two people named may be "the two leaders"
_PAIR_IRI = re.compile(r"/group/[^/]*-and-[^/]*$")
_OPENS_QUOTE = re.compile(r"[:,]\s[“\"]")
# A sentence that ends by introducing what follows: "…, stating:", "The minister said:"
_INTRODUCES_QUOTE = re.compile(r"\b(?:stating|saying|adding|noting|writing|declaring|warning|arguing|explaining|said|stated|"
                               r"wrote|declared|noted|warned|added|argued|explained)\s*[,:]\s*$")
# Two parties named by their number or their joint text: "the two countries", "both sides", "the two
# presidents", "the joint statement".
_PAIR = re.compile(r"^(?:both|the\s(?:two|two\sneighbouring|two\sneighboring))\s(?:(?:countries|states|sides|governments|parties|"
                   r"nations|capitals)|(?P<people>presidents|leaders|premiers|prime\sministers|foreign\sministers|ministers))$"
                   r"|^the\sjoint\s(?:statement|declaration|communiqu[eé])$")
# A line run into the sentence below it that reads as a heading: short, unpunctuated at its end, not
# broken off after a function word as a hard-wrapped line of prose is.
_HEADING_LINE = re.compile(
    r"^(?=(?:\S+\s+){0,11}\S+$)(?!.*[.!?:;,…\"”’')\]]$)(?!.*\b(?:the|a|an|of|and|or|to|in|on|at|for|with|that|by|"
    r"from|as|is|are|was|were|its|their)$).+$"
)


# A short line run into the sentence below it that ends with a comma or a colon: a salutation ("Dear
# colleagues,") or a line with a speaker's label ("President of Russia Vladimir Putin: Friends,"); not
# a line of hard-wrapped prose, which is longer.
_RUN_IN_LINE = re.compile(r"^(?:(?=(?:\S+\s+){0,11}\S+$)[^:]*:.*|(?:\S+\s+){0,4}\S+)[,:]$")


def read_claims(analysis: Analysis) -> Analysis:
    """Pipeline component: fill `claims`."""
    voices = _Voices(analysis)
    readers: list[_ParagraphReader] = []
    for paragraph in paragraphs(analysis):
        if not _is_bio(analysis, paragraph[0]):
            # a paragraph that ends "…, stating:" gives the next one, a block quotation, to its speaker
            opener = readers[-1].quotes_next() if readers else None
            readers.append(_ParagraphReader(analysis, voices, paragraph, opener))
    # An unsigned report of a discussion asserts nothing of its own: only what it gives to someone is
    # a claim. So does a paragraph where a panel speaks, even under a byline.
    metadata = analysis.metadata
    signed = bool(metadata.authors) or any(section.authors for section in metadata.sections)
    reported_only = not signed and sum(reader.panel_frames for reader in readers) >= _PANEL_FRAMES_OF_A_REPORT
    claims = [claim for reader in readers for claim in reader.claims(reported_only or reader.panel_frames > 0)]
    return replace(analysis, claims=tuple(_held_by_someone(claim) for claim in claims))


# Who can hold a claim (ekg:attributedTo in ontology/shapes.ttl). A frame that gives words to anything
# else ("the treaty said", "the summit stressed") leaves the claim to the text's own voice, rather than
# a graph the shapes would reject, which would cost the whole document.
SPEAKER_CLASSES = frozenset({"Person", "Group", "State", "InternationalOrganization", "Company", "ResearchOrganization"})


def _held_by_someone(claim: Claim) -> Claim:
    speaker = claim.attributed_to
    return claim if speaker is None or speaker.cls in SPEAKER_CLASSES else replace(claim, attributed_to=None)


@dataclass
class _Voices:
    """Who can hold a claim in this document: its writers, its groups, the people it names."""

    analysis: Analysis
    people: dict[str, EntityRef] = field(default_factory=dict)  # by full name and by surname
    last_speaker: EntityRef | None = None
    interview: Interview | None = None
    speech: str | None = None  # the speaker whose words the whole text records ("Remarks by X at …")
    titled: list | None = None  # the people named with a title, read when a role first speaks
    last_people: EntityRef | None = None  # the last group of people that spoke, for "they"

    def __post_init__(self) -> None:
        for mention in self.analysis.mentions:
            if mention.entity.cls == "Person":
                self._remember(mention.entity)
        for name in apposed_names(self.analysis):
            self.person(name)
        self.speech = speech_by(self.analysis)
        self.interview = read_interview(self.analysis)

    @property
    def surnames(self) -> frozenset[str]:
        return frozenset(name for name in self.people if " " not in name)

    def _remember(self, person: EntityRef) -> None:
        self.people.setdefault(person.label, person)
        for word in person.label.split():
            if len(word) > 2 and not word.endswith("."):
                self.people.setdefault(word, person)

    def person(self, name: str) -> EntityRef:
        """The person a name refers to: one already met (by full name or surname), else a new one."""
        if name not in self.people:
            self._remember(EntityRef.first_met(name, "Person"))
        return self.people[name]

    def group(self, kind: str, words: str | None = None) -> EntityRef:
        """The panel of the document, or a group of others as the text names it ("Chinese experts")."""
        title = self._title()
        if kind == PANEL or not words:
            label = f"the panelists of {title}" if kind == PANEL else f"the observers quoted in {title}"
            return EntityRef(f"{document_iri(self.analysis.source.slug)}/group/{kind}", label, "Group")
        words = re.sub(r"\s+", " ", words)
        slug = re.sub(r"[^a-z0-9]+", "-", fold(words)).strip("-")
        return EntityRef(f"{document_iri(self.analysis.source.slug)}/group/{slug}", words, "Group")

    def by_role(self, frame: Frame) -> EntityRef:
        """Who "the foreign minister" or "the official" is: the person last named before with that title,
        else the group that spoke last if the text named it so ("a government official … The official"),
        else the role itself as a group of one."""
        if self.titled is None:
            self.titled = titles_of_people(self.analysis)
        noun = frame.label or ""
        holders = [m.entity for start, words, m in self.titled if start < frame.start and noun in words]
        if holders:
            return holders[-1]
        last = self.last_speaker
        if last is not None and last.cls == "Group" and noun in last.label.lower().split():
            return last
        # "the ministry", "the bank": the organisation named so before
        bodies = [m.entity for m in self.analysis.mentions if m.start < frame.start and m.entity.cls != "Person"
                  and noun in m.entity.label.lower().split()]
        if bodies:
            return bodies[-1]
        # or a body whose name no component recognised: "the Ministry of Energy of Kazakhstan … the ministry"
        names = list(re.finditer(rf"\b(?:[A-Z][\w’'-]*\s){{0,4}}{noun.capitalize()}(?:\s(?:of|for)\s(?:the\s)?[A-Z][\w’'-]*"
                                 rf"(?:\s(?:of\s|and\s)?(?:the\s)?[A-Z][\w’'-]*){{0,5}})?",
                                 self.analysis.view[max(0, frame.start - 3000) : frame.start]))
        named = names[-1] if names else None  # the nearest before the frame
        if named is not None and len(named.group().split()) > 1:
            return self.group(OBSERVERS, re.sub(r"^The\s", "", named.group()))
        return self.group(OBSERVERS, re.sub(r"^[Tt]he\s", "", frame.word or "") or frame.word)

    def pair(self, frame: Frame) -> EntityRef | None:
        """"The two countries", "both sides", "the two presidents", "the joint statement": the two states
        the text named last before, as one group ("China and Kazakhstan", "presidents of China and
        Kazakhstan"); None when it did not name two."""
        kind = next((found for words in (frame.label, frame.word) if words
                     for found in [_PAIR.search(re.sub(r"\s+", " ", words.lower()))] if found), None)
        if not kind:
            return None
        states: list[EntityRef] = []
        people: list[EntityRef] = []
        for mention in self.analysis.mentions:
            if mention.start >= frame.start:
                break
            for cls, found in (("State", states), ("Person", people)):
                if mention.entity.cls == cls and (cls == "State" or frame.start - mention.start < _NEAR):
                    if mention.entity in found:
                        found.remove(mention.entity)
                    found.append(mention.entity)
        if kind.group("people") and len(people) >= 2:
            return self.together(people[-2:])  # "Xi and Putin met … The two leaders agreed …"
        if len(states) < 2:
            return None
        group = self.together(states[-2:])
        if kind.group("people"):
            label = f"{kind.group('people')} of {group.label}"
            return replace(group, iri=group.iri + "-" + kind.group("people"), label=label)
        return group

    def together(self, people: list[EntityRef]) -> EntityRef:
        """Two or more people the text names and then speaks of as "they"."""
        label = " and ".join(person.label for person in people)
        slug = re.sub(r"[^a-z0-9]+", "-", fold(label)).strip("-")
        return EntityRef(f"{document_iri(self.analysis.source.slug)}/group/{slug}", label, "Group")

    def is_house(self, words: str) -> bool:
        """Whether a group speaks for the text's own maker: "our analysts", "the editors of <publisher>"."""
        publisher = self.analysis.metadata.publisher
        return bool(re.search(r"\b[Oo]ur\b", words)) or bool(publisher and publisher.name in words)

    def turn_at(self, offset: int) -> Turn | None:
        """The interview turn holding `offset`, if the text is an interview."""
        return self.interview.turn_at(offset) if self.interview else None

    @property
    def interviewee(self) -> str | None:
        """The interviewee as the text names them, if the text is an interview that does."""
        return self.interview.interviewee if self.interview else None

    def voice_at(self, offset: int) -> EntityRef | None:
        """Who speaks unframed at `offset`: the interviewee in an answer, the speaker of a record of
        one speaker, else the writer."""
        turn = self.turn_at(offset)
        if turn and not turn.question and (label := turn.speaker or self.interviewee):
            return self._labelled(label)
        if self.speech and not (turn and turn.question):
            return self.person(self.speech)
        return self.writer_at(offset)

    def speaking_at(self, offset: int) -> bool:
        """Whether a speaker (not the writer) speaks unframed at `offset`: an answer, a speaker's turn,
        the record of one speaker."""
        turn = self.turn_at(offset)
        if turn:
            return not turn.question and bool(turn.speaker or self.interviewee or self.speech)
        return bool(self.speech)

    def _labelled(self, label: str) -> EntityRef:
        """The person a speaker label names: "Dana Kerimova", "KERIMOVA", or initials ("DK") of someone met."""
        if label.isupper():
            by_initials = {"".join(word[0] for word in p.label.split()): p for p in self.people.values()}
            if label in by_initials:
                return by_initials[label]
            label = label.title()
        return self.person(label)

    def writer_at(self, offset: int) -> EntityRef | None:
        """The author of the section holding `offset`, else the byline last before it, else the publisher."""
        metadata = self.analysis.metadata
        for section in metadata.sections:
            if section.start <= offset < section.end and section.authors:
                return named_by(self.analysis, section.authors[0], "Person")
        before = [b for b in metadata.authors if b.start <= offset] or list(metadata.authors[:1])
        if before:
            return named_by(self.analysis, before[-1], "Person")
        if metadata.publisher:
            return named_by(self.analysis, metadata.publisher, metadata.publisher_class)
        return None

    def _title(self) -> str:
        title = self.analysis.metadata.title
        return self.analysis.quote(title).strip() if title else self.analysis.source.identifier


class _ParagraphReader:
    """Reads the claims of one paragraph, where pronouns and quotations find their speakers."""

    def __init__(self, analysis: Analysis, voices: _Voices, paragraph: tuple[Sentence, ...],
                 opener: EntityRef | None = None) -> None:
        self.analysis = analysis
        self.voices = voices
        self.start = paragraph[0].start
        self.sentences = paragraph
        self.spans = [self._in_turn(_claim_span(analysis, sentence)) for sentence in paragraph]
        # a sentence that is no claim may still open a quotation whose next sentences are ("X said: “Why
        # should we pay? Nobody would thank us.”"): its frame gives them their speaker
        self.frames = [find_frame(analysis, s.start, s.end, voices.surnames) if s else
                       find_frame(analysis, sentence.start, sentence.end, voices.surnames)
                       if _OPENS_QUOTE.search(analysis.view, sentence.start, sentence.end) else None
                       for s, sentence in zip(self.spans, paragraph)]
        self.speakers: list[EntityRef | None] = []
        for index in range(len(self.spans)):  # in order: a pronoun looks back at the speakers before it
            self.speakers.append(self._speaker(index))
        self.quoted = [self._quoted_speaker(index) or (opener if self.frames[index] is None else None)
                       for index in range(len(self.spans))]

    def quotes_next(self) -> EntityRef | None:
        """The speaker of a paragraph's last sentence when it introduces a quotation set off below it
        ("On 3 August the ministry criticised the plan, stating:")."""
        last = self.sentences[-1]
        if not _INTRODUCES_QUOTE.search(self.analysis.view, last.start, last.end):
            return None
        if self.frames[-1] is None:
            self.frames[-1] = find_frame(self.analysis, last.start, last.end, self.voices.surnames)
            self.speakers[-1] = self._speaker(len(self.frames) - 1)
        return self.speakers[-1] if self.frames[-1] is not None else None

    def _in_turn(self, span: Span | None) -> Span | None:
        """An interview's question is no claim; an answer's claim starts after the speaker's label."""
        if span is None:
            return None
        turn = self.voices.turn_at(span.start)
        if turn is None:
            return span
        if turn.question:
            return None
        return Span(max(span.start, turn.body), span.end) if turn.body < span.end else None

    @property
    def panel_frames(self) -> int:
        return sum(1 for frame in self.frames if frame and frame.who == GROUP and frame.group == PANEL)

    def claims(self, reported_only: bool) -> list[Claim]:
        """The claims of the paragraph; with `reported_only`, only those given to someone."""
        found = []
        for index, span in enumerate(self.spans):
            quoted = self.quoted[index]
            if span is None or reported_only and not (self.frames[index] or quoted):
                continue
            claim = self._claim(span, self.frames[index], self.speakers[index], quoted)
            if claim:
                found.append(claim)
        return found

    def _speaker(self, index: int) -> EntityRef | None:
        """The entity the frame of a sentence names, pronouns resolved; remembered for the next ones."""
        frame = self.frames[index]
        if frame is None:
            return None
        speaker: EntityRef | None
        if frame.who == PERSON and frame.partner:
            speaker = self.voices.together([self.voices.person(frame.partner), frame.entity])
        elif frame.who in (PERSON, ENTITY):
            speaker = frame.entity
        elif frame.who == NAME:
            speaker = self.voices.person(frame.written)
        elif frame.who == GROUP and self.voices.is_house(self.analysis.view[frame.start : frame.end]):
            self.frames[index] = replace(frame, who=WRITER)
            return None
        elif frame.who == GROUP:
            speaker = self.voices.pair(frame) or self.voices.group(frame.group_kind, frame.label)
        elif frame.who == PRONOUN:
            speaker = self._pronoun(frame)
        elif frame.who == ROLE:
            speaker = self.voices.pair(frame) or self.voices.by_role(frame)
        else:
            return None  # the writer: resolved where the claim is made
        if speaker is None:
            self.frames[index] = None
        else:
            self.voices.last_speaker = speaker
            if speaker.cls == "Group" and frame.who in (PRONOUN, GROUP) and frame.group != JOINT:
                self.voices.last_people = speaker
        return speaker

    def _pronoun(self, frame: Frame) -> EntityRef | None:
        """He or she: the person last named or heard before, outside what the sentence quotes ("“X has
        won,” she said" is not X speaking); they: the two people just named, else the people who
        spoke together last, else the last speaker."""
        quoted = [m.span() for m in _QUOTATION.finditer(self.analysis.view, max(0, self.start - 1), frame.start)]
        people = [m for m in mentions_within(self.analysis, self.start, frame.start)
                  if m.entity.cls == "Person" and not any(start < m.start < end for start, end in quoted)]
        if frame.written.lower() == "they":
            # "X met Y … They agreed": the two people named last, when no group has spoken before
            last = self.voices.last_speaker
            named = list(dict.fromkeys(self.voices.person(name) for at, name in named_people(
                self.analysis, self.start, frame.start) if not any(a < at < b for a, b in quoted)))
            if (last is None or last.cls != "Group") and len(named) >= 2:
                return self.voices.together(named[-2:])
            # "Several Kazakh analysts studied the data. They conclude …": the group opening the sentence before
            if (opening := self._group_opening_previous(frame.start)) is not None:
                return opening
            # else the people who spoke together last ("the two envoys … they"), else whoever spoke last
            return self.voices.last_people or last
        # he or she: the person named or heard last, a speaker whose name no component recognised included
        heard = [(f.start, who) for f, who in zip(self.frames, self.speakers)
                 if f is not None and who is not None and who.cls == "Person" and f.start < frame.start]
        candidates = [(m.start, m.entity) for m in people] + heard
        return max(candidates, key=lambda pair: pair[0])[1] if candidates else self.voices.last_speaker

    def _group_opening_previous(self, offset: int) -> EntityRef | None:
        """The group of people that opens the sentence before the one at `offset` ("Several Uzbek
        analysts …"), the longest run of its first words that names one."""
        before = [sentence for sentence in self.sentences if sentence.end <= offset]
        if not before or self.frames[len(before) - 1] is not None:
            return None  # a sentence that reports someone's words gives "they" its speaker
        words = self.analysis.view[before[-1].start : before[-1].end].split()[:6]
        for count in range(len(words), 1, -1):
            found = group_phrase(" ".join(words[:count]))
            if found:
                return self.voices.group(OBSERVERS, found)
        return None

    def _quoted_speaker(self, index: int) -> EntityRef | None:
        """For a sentence inside a quotation, the speaker of the frame that closes it ("…,” X said.)."""
        text = self.analysis.view
        span = self.spans[index]
        if span is None or not self._opens_quote(span):
            return None
        for later in range(index + 1, len(self.spans)):
            later_span, later_frame = self.spans[later], self.frames[later]
            if later_span and later_frame and re.search(r"[”\"]", text[later_span.start : later_frame.start]):
                return self.speakers[later]
        # else the frame that opened the quotation ("…, saying: “A. B.”"), or a quotation standing as a
        # paragraph of its own, the speaker last heard
        for earlier in range(index - 1, -1, -1):
            if self.frames[earlier] and self.speakers[earlier]:
                return self.speakers[earlier]
        if _WHOLLY_QUOTED.match(text, span.start, span.end):
            return self.voices.last_speaker
        return None

    def _opens_quote(self, span: Span) -> bool:
        text = self.analysis.view
        before = text[self.start : span.start]
        inside = text[span.start : span.end]
        return (before.count("“") > before.count("”") or inside.count("“") > inside.count("”")
                or before.count('"') % 2 == 1 or inside.lstrip().startswith('"') and inside.count('"') % 2 == 1
                or bool(_WHOLLY_QUOTED.match(text, span.start, span.end)))

    def _speaking_rule(self, offset: int) -> str:
        """A labelled turn or an interview's answer, else the record of one speaker its heading names."""
        turn = self.voices.turn_at(offset)
        return "speaker-turn" if turn and (turn.body > turn.start or not self.voices.speech) else "speaker-of-record"

    def _claim(self, span: Span, frame: Frame | None, speaker: EntityRef | None,
               quoted: EntityRef | None) -> Claim | None:
        text = self.analysis.view
        content = text[span.start : span.end]
        if frame and frame.who != WRITER:
            content = _reported(content, frame.start - span.start, frame.end - span.start)
        reading = read_cues(content)
        speaking = self.voices.speaking_at(span.start)
        if (frame and (frame.who == ENTITY or frame.group == JOINT or re.fullmatch(r"agree[ds]?", frame.verb))
                and names_a_date(text[span.start : span.end])
                and not (reading.analytic or quoted or _REPORTED_FUTURE.search(content))
                and not kind_of_verb(frame.verb) and frame.how != "participle"):
            return None  # "On 4 May the two states declared …": the narration of a dated statement
        if frame and frame.who != WRITER:
            by_verb = kind_of_verb(frame.verb, text[frame.end : frame.end + 8])
            kind = by_verb if reading.kind == "Assessment" and by_verb else reading.kind
            if kind == "Assessment" and _REPORTED_FUTURE.search(content):
                kind = "Prediction"  # "said Uzbekistan would not take part": the future seen from the past
            confidence = 0.75 if frame.who in (GROUP, PRONOUN) else 0.8
            # "As President X rightly noted, we …" in a speech: the speaker agrees, and holds the view
            agreeing = bool(re.search(r"(?:^|[,;]\s)[Aa]s\s(?:[\w’'.-]+\s){0,6}$", text[span.start : frame.start]))
            if speaking and (frame.who in (ENTITY, GROUP, PRONOUN, WRITER) or agreeing):
                # in a speech, "Russia and China reaffirmed …" and "they noted …" are the speaker's account
                speaker, rule = self.voices.voice_at(span.start), self._speaking_rule(span.start)
            elif frame.verb in ("according to", "view"):
                rule = "according-to"
            elif frame.how:
                rule = f"{frame.how}-report"
            elif speaker is not None and speaker.cls == "Group" and _PAIR_IRI.search(speaker.iri) and (
                    frame.who in (GROUP, ROLE)) and frame.group != JOINT:
                rule = "joint-position"
            else:
                rule = _FRAME_RULES[frame.who]
        elif frame or quoted or reading.analytic or reading.weak and speaking or reading.general:
            kind = reading.kind
            speaker = quoted or self.voices.voice_at(span.start)
            confidence = 0.8 if frame else reading.strength
            if quoted:
                rule = "quoted-speech"
            elif speaking:
                rule = self._speaking_rule(span.start)
            elif frame:
                rule = "writer-first-person"
            else:
                rule = "author-judgement" if reading.analytic else "author-generalisation"
        else:
            return None
        excluded = {speaker.iri} if speaker else set()
        about = []
        for mention in mentions_within(self.analysis, span.start, span.end):
            inside_frame = frame and frame.start <= mention.start < frame.end
            if not inside_frame and mention.matched_as != "demonym" and mention.entity.iri not in excluded:
                about.append(mention.entity)
                excluded.add(mention.entity.iri)
        return Claim(span.start, span.end, kind, speaker, tuple(about), reading.hedge, confidence,
                     rule=rule_of(rule))


def rule_of(rule_id: str) -> str:
    """The full id of one of the claim rules (pipeline/rules/claims.toml); a KeyError for an unknown one."""
    return rule_spec("claims", rule_id).full_id


def _reported(sentence: str, frame_start: int, frame_end: int) -> str:
    """What a frame reports, the rest blanked: after "X said that", else the sentence less its frame."""
    if re.match(r"\s*that\b", sentence[frame_end:]):
        return " " * frame_end + re.sub(r"^\s*that\b", lambda m: " " * len(m.group()), sentence[frame_end:])
    return sentence[:frame_start] + " " * (frame_end - frame_start) + sentence[frame_end:]


def _claim_span(analysis: Analysis, sentence: Sentence) -> Span | None:
    """The sentence without a heading run into it, or None when it cannot be a claim."""
    text = analysis.view[sentence.start : sentence.end]
    start = sentence.start
    lines = text.split("\n")
    for index in range(len(lines) - 1, 0, -1):
        before = lines[index - 1].strip()
        if (_HEADING_LINE.match(before) or _RUN_IN_LINE.match(before)) and lines[index].lstrip()[:1].isupper():
            start = sentence.end - len("\n".join(lines[index:]))
            text = "\n".join(lines[index:])
            break
    heading = _BULLET_HEADING.match(text)
    if heading:
        start += heading.end()
        text = text[heading.end() :]
    start += len(text) - len(text.lstrip())
    stripped = _OPENING_QUOTE_LEFT_OVER.sub("", text.lstrip())  # the next sentence's opening quote
    if (
        len(stripped.split()) < _MIN_WORDS
        or _COURTESY.match(stripped)
        or not (_TERMINAL.search(stripped) or _FRAMED_QUESTION.search(stripped))
        or _QUESTION.search(stripped) and not _FRAMED_QUESTION.search(stripped)
        or _READER.search(stripped)
    ):
        return None
    return Span(start, start + len(stripped))


def _is_bio(analysis: Analysis, first: Sentence) -> bool:
    """Whether a paragraph is a bio: it opens with a person's name and the post they hold, or with the
    name of one of the text's authors ("X has lived and worked in the region for a decade")."""
    opening = analysis.view[first.start : first.start + 80]
    bylines = list(analysis.metadata.authors) + [b for s in analysis.metadata.sections for b in s.authors]
    if any(b.start <= first.start and len(b.name.split()) >= 2 and opening.startswith(b.name) for b in bylines):
        # "X, an economist at Y, says that …" reports a view, even where it was read as a byline
        frame = find_frame(analysis, first.start, first.end)
        return not (frame and frame.who in (PERSON, NAME) and frame.start == first.start)
    match = _BIO.match(analysis.view, first.start, first.end)
    if not match or not ROLE_NOUNS.intersection(match.group("post").lower().split()):
        return False
    if _NOT_A_NAME.match(match.group("name")) or re.match(r"\w+ed\b", match.group("post")):
        return False  # "After X was ousted as president …" narrates; it presents no one
    start, end = match.span("name")
    return not any(m.entity.cls != "Person" for m in mentions_overlapping(analysis, start, end))
