"""Read what a text says about itself: its title, authors, date, publisher and bundled pieces.

Everything is read from the view (the text without markup and site chrome), except what an HTML
page states in its markup (<title>, <meta>, JSON-LD, rel="author", <time>), read from the source.
Every name keeps the span that states it, so the graph can quote its evidence.

Authors come from bylines ("By X and Y", "Written by X.", "Reporting by X", "By X, Institute, and Y,
Forum", a pen name or column name: "By Banyan"), from header lines of names (beside a date, over a
role or a date, or personal names alone), from the page's markup, from a columnist's signature
closing the text ("— Banyan"), and — when a text has no byline — from the closing bios of its last
paragraphs ("X is a senior researcher at …", "(X is a journalist in Almaty.)"). An official text
that says which body issues it ("a joint statement by the Ministry of …") names its publisher. An event summary also ends with bios, of the people who spoke: those
are participants, not authors. The rule that tells them apart: a text whose prose reports an event
— at least twice it speaks of panelists, a moderator, a roundtable or webinar, or reports what
"participants" or "speakers" said — has no authors by its bios (an analysis that merely mentions
a summit's participants once keeps its author); nor is a bio's subject an author when the prose
has already named them, as a speaker is named and an author is not.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from typing import Iterable, Iterator

import dateparser
import regex

from .chrome import rendered
from .lines import Unit, header_end, is_prose, is_title_like, units
from .markup import HtmlPage, is_html, read_html
from .model import Analysis, Byline, Metadata, Section, Span
from .patterns import (
    BIO_PARTICIPLES,
    BIO_PREDICATES,
    BIO_WORDS,
    CALENDAR,
    GIVEN_NAMES,
    HONORIFICS,
    NAME_INITIAL_ANY_SCRIPT,
    NAME_PARTICLES,
    NAME_WORD_ANY_SCRIPT,
    REPORTING_SPEECH,
    REPORTING_THOUGHT,
    WRITER_BIO_WORDS,
    WRITER_ROLES,
    alternatives,
)
from .strategies import first_found

_SPACE = r"[ \t\u00a0]+"
_GAP = r"[ \t\u00a0]"  # one space inside a name: more means blanked markup, and the name would not quote
_PARTICLE = rf"(?:{'|'.join(NAME_PARTICLES)})"
_WORD, _INITIAL = NAME_WORD_ANY_SCRIPT, NAME_INITIAL_ANY_SCRIPT  # O’Brien, Jean-Luc, JIANG; J.-P.
_NAME = (
    rf"(?:{_WORD}|{_INITIAL})(?:{_GAP}(?:{_PARTICLE}{_GAP})*(?:{_WORD}|{_INITIAL}))*?"
    rf"{_GAP}(?:{_PARTICLE}{_GAP})*{_WORD}(?![’']s\b)"
)
_JOIN = rf"(?:,?{_SPACE}(?i:and){_SPACE}|[ \t\u00a0]*&{_SPACE}|,{_SPACE})"
_HONORIFIC = rf"(?:(?:{'|'.join(HONORIFICS)})\.?{_SPACE})"
_WHOLE_NAME = rf"{_NAME}(?!{_GAP}{_WORD})"  # every word of "Mei Lin Harrow", and of "Steppe Wire Agency"
_NAMES = rf"{_HONORIFIC}?(?P<names>{_WHOLE_NAME}(?:{_JOIN}{_HONORIFIC}?{_WHOLE_NAME})*)"
_ONE_NAME = regex.compile(rf"(?<!\p{{L}}){_HONORIFIC}*{_WHOLE_NAME}")
_HONORIFICS = regex.compile(rf"{_HONORIFIC}*")

# A byline opening a line, or after a separator ("Analysis | By …"); "By" alone only on short lines.
_BYLINE = regex.compile(
    rf"(?:^|[|•·][ \t\u00a0]*)[ \t]*(?:(?i:commentary|analysis|article|essay|report|opinion|op-ed|feature|column|"
    rf"review|story)[ \t\u00a0]+)?(?P<lead>(?i:written{_SPACE}by|authored{_SPACE}by|reported{_SPACE}by|words{_SPACE}by|text{_SPACE}by|posted{_SPACE}by|interview(?:ed)?{_SPACE}by|"
    rf"prepared{_SPACE}by|authors?|author\(s\)|by))[ \t]*:?{_SPACE}{_NAMES}",
    regex.M,
)
# One-word labels a page header puts over or beside a headline, which are not pen names.
_LABEL_WORDS = frozenset(
    """opinion analysis commentary comment editorial feature features interview news world business economy
    economics finance markets politics policy security defence defense energy technology science culture
    society asia europe africa americas china russia international region regions briefing explainer
    essay review report column columns blog podcast video insight insights perspective perspectives
    update live today home""".split()
)
# A pen name or a column's name as the byline: "By Banyan", "By Lexington | 3 May 2024".
_PEN_NAME = regex.compile(r"^(?i:by)[ \t\u00a0]+(?P<name>\p{Lu}\p{Ll}{2,})(?!\S)[ \t\u00a0]*(?:$|[|,·•–—][^|]*\b(?:19|20)\d\d\b[^|]*$)")
# A columnist signing at the end: "— Banyan", "– Anna Petrova", or a personal name alone.
_SIGNATURE = regex.compile(r"(?P<dash>[—–-][ \t\u00a0]*)?(?P<name>\p{Lu}\p{Ll}+(?:[ \t\u00a0]\p{Lu}\p{Ll}+){0,2})[ \t\u00a0]*")
_BRACKETED = regex.compile(r"(?<=\p{L})[ \t\u00a0]*\([^()]{2,80}\)")
_DATED_BYLINE = regex.compile(rf"\b[Bb]y{_SPACE}{_NAMES}")
_NAME_LIST = regex.compile(rf"{_HONORIFIC}?{_NAME}(?:{_JOIN}{_HONORIFIC}?{_NAME})*")
_IN_PLACE = rf"(?:{_SPACE}in{_SPACE}\p{{Lu}}[\p{{L}}’'\-]*(?:{_GAP}\p{{Lu}}[\p{{L}}’'\-]*)?)?"
_REPORTING = regex.compile(
    rf"\b(?i:(?:additional{_SPACE})?(?:reporting|writing){_SPACE}by){_SPACE}"
    rf"(?P<names>{_NAME}{_IN_PLACE}(?:{_JOIN}{_NAME}{_IN_PLACE})*)"
)
_BIO_WRAPPING = regex.compile(r"^\(|\)$|^(?i:the[ \t\u00a0]+authors?),[ \t\u00a0]+(?=\p{Lu})|(?<=^[^,]{3,60}),(?=[ \t\u00a0]+(?:is|was|are)\b)")
# A bio: a sentence opening with one or more names, an aside, then what they are or do.
_BIO = regex.compile(
    rf"(?:^|(?<=[.!?][ \t\u00a0]+))(?i:about{_SPACE}the{_SPACE}authors?[ \t\u00a0]*[:.–—-]?[ \t\u00a0]*)?"
    rf"(?P<names>{_HONORIFIC}?{_NAME}(?:{_JOIN}{_HONORIFIC}?{_NAME})*)"
    rf"(?P<aside>{_SPACE}\([^)]*\)|,[^,]{{3,150}},)?,?{_SPACE}"
    rf"(?:{alternatives(BIO_PREDICATES)}|(?:has|have)\s+(?:{alternatives(BIO_PARTICIPLES)}))\b"
    r"(?P<rest>[^.!?]{0,200})",
)
_ROLE = re.compile(rf"\b(?:{alternatives(BIO_WORDS)})s?\b", re.I)
# The roles of people who write analyses (not "President of …": a caption under a photo names one).
_WRITER_ROLE = re.compile(rf"\b(?:{alternatives(WRITER_ROLES | WRITER_BIO_WORDS)})s?\b", re.I)
_NOT_A_NAME = CALENDAR | frozenset(
    """the a an this that these those in on at of for and our his her their senior fellow director editor
    staff reporter correspondent contributor analyst professor associate research institute institution
    centre center university college council foundation endowment academy school forum review journal
    magazine times post news press herald tribune gazette monitor observer agency media network daily
    weekly team desk office ministry programme program department service foreign chief deputy special""".split()
)
# An event report speaks of its panel, or reports what its participants said.
_EVENT_WORDS = re.compile(
    r"\b(?:panel(?:l)?ists?|moderat(?:or|ors|ed)|roundtable|round-table|discussants?|webinar|keynote|the\s+panel)\b"
    r"|\b(?:participants|speakers|attendees)\s+(?:(?:also|all|largely|generally)\s+)?(?:agreed|said|noted|argued|"
    r"observed|stressed|warned|discussed|concluded|expected|raised|pointed|posited|maintained|predicted|asserted|"
    r"recommended|highlighted|emphasi[sz]ed|cautioned|suggested)\b",
    re.I,
)

# Dates: day month year, month day year, ISO; the month word is checked by dateparser.
_DATE = regex.compile(
    r"\b(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?\p{L}{3,}\.?,?\s+(?:19|20)\d{2}"
    r"|\p{L}{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}"
    r"|(?:19|20)\d{2}-[01]\d-[0-3]\d"
    r"|\d{1,2}[./][01]?\d[./](?:19|20)\d{2})\b"
)
_MONTH_YEAR = regex.compile(r"\b\p{L}{3,}\.?\s+(?:19|20)\d{2}\b")
_DATED_LINE = re.compile(r"^(?:published|posted|updated|last\s+updated|first\s+published|date|dated|issued)\b", re.I)
_CITY_DATELINE = regex.compile(
    r"^\p{Lu}[\p{Lu} .’'-]+,\s*(?P<date>[^—–(:-]{6,30}?)\s*(?:\((?P<agency>[^)]{2,60})\)\s*)?(?:—|–|-|:)"
)

# Publishers: source lines, mastheads ("Outlet, 17 June 2021"), and organisation names.
_SOURCE_LINE = regex.compile(
    rf"^(?:source|publisher|published{_SPACE}by|(?:this{_SPACE}article{_SPACE}(?:was{_SPACE})?)?"
    rf"(?:originally|first){_SPACE}(?:published|appeared){_SPACE}(?:by|in|on|at))\s*:?\s*"
    rf"(?P<name>\S+(?:{_GAP}\S+){{0,9}}?)[.\s]*$",
    regex.I,
)
_ORG_WORDS = (
    "Institute|Institution|Institut|Instituto|Centre|Center|Centro|University|College|School|Academy|Council|"
    "Foundation|Endowment|Programme|Program|Forum|Society|Association|Observatory|Review|Journal|Magazine|"
    "Times|Post|News|Press|Herald|Tribune|Gazette|Monitor|Observer|Agency|Media|Network|Report|Digest|"
    "Daily|Weekly|Quarterly|Studies|Research|Blog"
)
_ORG = regex.compile(
    rf"^(?:The{_GAP})?(?:[\p{{Lu}}\d][\p{{L}}\d’'.\-]*{_GAP}(?:(?:of|for|on|and|&|the|in){_GAP})*){{0,7}}"
    rf"(?:{_ORG_WORDS})\b(?:{_GAP}(?:of|for|on){_GAP}(?:the{_GAP})?\p{{Lu}}[\p{{L}}’'\-]*"
    rf"(?:{_GAP}(?:(?:and|&|of|the){_GAP})*\p{{Lu}}[\p{{L}}’'\-]*)*)?$"
)
_RESEARCH_WORDS = re.compile(
    r"\b(?:Institute|Institution|Institut|Instituto|Centre|Center|Centro|University|Universit\w+|College|"
    r"School|Academy|Council|Foundation|Endowment|Programme|Program|Forum|Society|Association|"
    r"Observatory|Studies|Research|Think[- ]?tank)\b",
    re.I,
)
_ISSUE_MARK = r"(?:Vol(?:ume)?|Issue|No)\.?:?\s*\d"  # a periodical's masthead: "Volume 20, Issue 45"
_ISSUE = regex.compile(rf"\b{_ISSUE_MARK}")
# A line saying which organisation made the text: "Compiled by the research desk of X", "Organised by X".
_MADE_BY = regex.compile(
    rf"^(?i:compiled|prepared|produced|organi[sz]ed|hosted|convened|issued){_SPACE}by{_SPACE}"
    rf"(?:(?i:the){_SPACE}(?:[\p{{Ll}}-]+{_SPACE}){{1,3}}(?i:of){_SPACE})?(?:(?i:the){_SPACE})?(?P<name>.+?)[.\s]*$"
)
# What a line of author names may carry after each name: a parenthesised affiliation, a footnote mark.
_NAME_MARKS = regex.compile(r"[ \t\u00a0]*\([^()]*\)|[\d¹²³⁴⁵⁶⁷⁸⁹*†‡]+(?=[ \t\u00a0,;&]|$)")
# A line that only labels what follows it as the authors: "Authors", "About the author:", "Written by".
_AUTHOR_LABEL = regex.compile(
    r"(?i:(?:about[ \t\u00a0]+the[ \t\u00a0]+)?(?:authors?|author\(s\)|contributors?|written[ \t\u00a0]+by|by))"
    r"[ \t\u00a0]*[:.]?"
)
# An opening summary that presents the writers: "In this paper, X and Y argue that …".
_PIECE = (r"(?i:paper|report|brief|article|essay|study|analysis|commentary|chapter|piece|volume|book|monograph|"
          r"publication|issue|note|explainer)")
_PRESENTING = regex.compile(
    rf"\b(?i:in){_SPACE}(?i:this|the{_SPACE}following)(?:{_SPACE}[\p{{L}}-]+){{0,3}}?{_SPACE}{_PIECE},{_SPACE}"
    rf"{_NAMES},?{_SPACE}"
    r"(?:explain|argue|examine|assess|analy[sz]e|explore|consider|describe|show|outline|discuss|investigate|"
    r"review|trace|contend|suggest|offer|propose|look|ask|detail|map|evaluate|identify|write|warn|find)s?\b"
    # "This report, by X and Y, argues …", "This paper, written by X, …"
    rf"|\b(?i:this)(?:{_SPACE}[\p{{L}}-]+){{0,3}}?{_SPACE}{_PIECE},?{_SPACE}(?:(?i:written|prepared|authored){_SPACE})?"
    rf"(?i:by){_SPACE}{_NAMES}"
)
_PRESENTING_REACH = 3  # units after the page header: an opening summary comes first
# An official text naming the body that issues it: "the text of a joint press release by the Ministry of
# X and …", "a statement issued by the Press Office of Y", "Transcript released by Z".
_RELEASED_BY = regex.compile(
    r"\b(?i:press[ \t\u00a0]release|statement|communiqu[eé]|readout|transcript|release|text|declaration)"
    r"[ \t\u00a0]+(?:(?i:issued|released|published|distributed)[ \t\u00a0]+)?(?i:by)[ \t\u00a0]+(?:(?i:the)[ \t\u00a0]+)?"
    r"(?P<name>\p{Lu}[\p{L}.’'-]*(?:[ \t\u00a0](?:(?:of|for|on|the)[ \t\u00a0])*\p{Lu}[\p{L}.’'-]*){0,7})"
)
# An office that issues a release in its own name, on a line of its own: "Office of the Spokesperson".
_ISSUING_OFFICE = regex.compile(
    r"(?:The[ \t\u00a0])?(?:(?:Press|Media|Information|Communications?)[ \t\u00a0])?"
    r"(?:Office|Bureau|Service|Secretariat|Directorate)[ \t\u00a0]of[ \t\u00a0](?:the[ \t\u00a0])?"
    r"\p{Lu}[\p{L}’'-]*(?:[ \t\u00a0](?:(?:of|the|and|for)[ \t\u00a0])*\p{Lu}[\p{L}’'-]*){0,5}"
    r"|(?:\p{Lu}[\p{L}’'-]*[ \t\u00a0]){0,4}(?:Press[ \t\u00a0](?:Office|Service|Secretariat))"
)
_LEAD_SUBJECT = regex.compile(
    r"(?:The[ \t\u00a0]+)?(?P<name>\p{Lu}[\p{L}’'-]*(?:[ \t\u00a0]+(?:(?:of|for|and|the|on|in|de)[ \t\u00a0]+)*"
    r"[\p{Lu}\d][\p{L}\d’'-]*){0,8})(?:[ \t\u00a0]*\([^()]*(?:\([^()]*\)[^()]*)*\))?,?[ \t\u00a0]+"
    r"(?:is|was|are|were)[ \t\u00a0]+(?:an?|the|one)\b"
)
_HTML_TITLE_PARTS = re.compile(r"\s+(?:\||–|—|-|::|•|·)\s+")


def read_metadata(analysis: Analysis) -> Analysis:
    """Pipeline component: fill `metadata` with the title, authors, year, publisher and sections."""
    found = units(analysis.view)
    reading = _TextReading(found)
    page = _PageReading(analysis.source.text, analysis.view) if is_html(analysis.source) else None
    sections = reading.sections()
    decision = (page and first_found(PAGE_PUBLISHER_STRATEGIES, page)) or first_found(TEXT_PUBLISHER_STRATEGIES, reading)
    publisher = decision.value if decision else None
    authors = _unique([*(page.authors() if page else []), *reading.authors(sections)])
    metadata = Metadata(
        title=(page and page.title()) or reading.title(),
        authors=tuple(authors),
        year=(page and page.year()) or reading.year(),
        publisher=publisher,
        sections=tuple(sections),
        publisher_class=publisher_class(publisher.name) if publisher else "ResearchOrganization",
        publisher_found_by=decision.by if decision else "",
    )
    return replace(analysis, metadata=metadata)


def publisher_class(name: str) -> str:
    """ResearchOrganization for a think tank, institute or university; Company for an outlet."""
    return "ResearchOrganization" if _RESEARCH_WORDS.search(name) else "Company"


def names_in(text: str, offset: int = 0) -> list[Byline]:
    """The personal names a list such as "Ana Petrova, Li Wen and Dr. Omar Haddad" holds, each
    without its honorific and with its span (`offset` is where `text` starts in the source)."""
    found = []
    for match in _ONE_NAME.finditer(text):
        if text[: match.start()].endswith(("in ", "in\u00a0")):  # "Reporting by X in New York"
            continue
        lead = _HONORIFICS.match(match.group()).end()
        name = match.group()[lead:]
        words = name.split()
        if len(words) >= 2 and not any(w.lower().strip(".") in _NOT_A_NAME for w in words):
            start = offset + match.start() + lead
            found.append(Byline(start, start + len(name), name))
    return found


def _unique(bylines: Iterable[Byline]) -> list[Byline]:
    seen: set[str] = set()
    kept = []
    for byline in bylines:
        key = byline.name.casefold()
        if key not in seen:
            seen.add(key)
            kept.append(byline)
    return kept


# ---------------------------------------------------------------------------------------------
# The text itself


@dataclass
class _TextReading:
    found: list[Unit]

    def __post_init__(self) -> None:
        self.header = header_end(self.found)

    # -- bylines and bios

    def bylines(self, units_: Iterable[Unit]) -> list[Byline]:
        found: list[Byline] = []
        for unit in units_:
            # "By A (Institute X) and B (Forum Y)": an affiliation in brackets, blanked, keeps the list whole
            unit = replace(unit, text=_BRACKETED.sub(lambda m: " " * len(m.group()), unit.text))
            for match in _BYLINE.finditer(unit.text):
                lead = match.group("lead").lower()
                if lead in ("by", "posted by") and len(unit.words) > 20 and not _long_byline(unit, match):
                    continue
                names = names_in(match.group("names"), unit.start + match.start("names"))
                if not lead.startswith("author") and not regex.search(r"\s(?i:and)\s|&", match.group("names")):
                    names = names[:1]  # "By X, Reuters": after a lone comma comes an affiliation, not a name
                elif not lead.startswith("author"):
                    names = _without_affiliations(match.group("names"), names, unit.start + match.start("names"))
                if len(unit.words) > 20:  # each writer opens a part of the line: "…, and Y, director of …"
                    for part in regex.finditer(r"(?:,?[ \t\u00a0]+(?i:and)|[ \t\u00a0]*&)[ \t\u00a0]+(?P<head>.+)", unit.text):
                        head = _ONE_NAME.match(part.group("head"))
                        if head:
                            names += names_in(head.group(), unit.start + part.start("head"))[:1]
                found.extend(names)
            pen = _PEN_NAME.match(unit.text) if not found and len(unit.words) <= 12 else None
            if pen and pen.group("name").lower() not in _NOT_A_NAME and not _DATE.search(pen.group("name")):
                found.append(Byline(unit.start + pen.start("name"), unit.start + pen.end("name"), pen.group("name")))
            for match in _REPORTING.finditer(unit.text):
                found.extend(names_in(match.group("names"), unit.start + match.start("names")))
            if not found and len(unit.words) <= 15 and _year_in(unit.text):  # "Posted on 3 May 2021 by X"
                for match in _DATED_BYLINE.finditer(unit.text):
                    found.extend(names_in(match.group("names"), unit.start + match.start("names"))[:1])
        return found

    def name_lines(self) -> list[Byline]:
        """Authors a page header lists as a line of names, each with its affiliation or over a line
        stating their role or organisation (unless the text reports an event: then they are its
        speakers)."""
        found: list[Byline] = []
        header = self.found[: self.header]
        if _reports_event([u for u in self.found if is_prose(u)]):
            return []
        for index, (unit, following) in enumerate(zip(header, [*header[1:], None])):
            names, affiliated = _listed_names(unit)
            with_role = _name_with_role(unit) if not affiliated else []
            if with_role:  # "Jane Doe, Senior Fellow": the second part is her role, not a name
                names, affiliated = with_role, True
            if not names and index > 0:
                names, affiliated = _dated_name_line(unit), True
            described = following is not None and len(following.words) <= 20 and not _bios(following) and (
                _ROLE.search(following.text) or _organisation(following.text)
                # "Jane Doe" over "12 March 2023", under the title: the byline of a dated page
                or index > 0 and len(following.words) <= 8 and (_DATE.search(following.text)
                                                                or _MONTH_YEAR.fullmatch(following.text.strip(" .")))
            )
            if not names and described and index > 0 and _pen_name(unit.text):  # "Banyan" over its date
                names, affiliated = [Byline(unit.start, unit.end, unit.text)], True
            # a line of personal names alone under the title ("Jane Doe and Omar Haddad")
            personal = index > 0 and names and all(n.name.split()[0].lower() in GIVEN_NAMES for n in names)
            if names and (affiliated or described or personal):
                found.extend(names)
            elif index > 0 and not names:
                found.extend(_bios(unit))  # a bio under the title: "Jane Doe is a fellow at …"
        return found

    def closing_bios(self, units_: list[Unit]) -> list[Byline]:
        """Authors named by the bios that close a text (or a piece), unless it reports an event."""
        prose = [u for u in units_ if is_prose(u)]
        if _reports_event(prose):
            return []
        closing: list[tuple[Unit, Unit]] = []  # each closing unit, and its text as a bare bio
        for unit in reversed(units_):
            bare = _unwrapped_bio(unit)
            if _BIO.match(bare.text) and _bios(bare):
                closing.insert(0, (unit, bare))
            elif len(unit.words) > 8:
                break
        body = [u for u in units_ if all(u is not unit for unit, _ in closing)]
        if not any(is_prose(u) for u in body):  # a lone paragraph about someone is no closing bio
            return []
        earlier = " ".join(u.text for u in body)
        return [bio for _, bare in closing for bio in _bios(bare) if bio.name not in earlier]

    def labelled_names(self, units_: list[Unit]) -> list[Byline]:
        """Authors listed under a line that only labels them ("Authors", "About the authors"): the
        lines of names that follow it, or the bios that do."""
        found: list[Byline] = []
        for index, unit in enumerate(units_):
            if not _AUTHOR_LABEL.fullmatch(unit.text):
                continue
            for following in units_[index + 1 :]:
                names = _name_line(following) or _bios(following)
                if not names:
                    break
                found.extend(names)
        return found

    def presenting_sentence(self) -> list[Byline]:
        """Authors an opening summary presents ("In this paper, X and Y explain why …")."""
        for unit in self.found[: self.header + _PRESENTING_REACH]:
            match = _PRESENTING.search(unit.text)
            if match:
                return names_in(match.group("names"), unit.start + match.start("names"))
        return []

    def issuing_office(self) -> list[Byline]:
        """The office a release's header names on a line of its own, under the title ("Office of
        the Spokesperson", "Press Service of the Ministry"): the release's author."""
        for unit in self.found[1 : self.header]:
            if len(unit.words) <= 10 and _ISSUING_OFFICE.fullmatch(unit.text):
                return [Byline(unit.start, unit.end, unit.text)]
        return []

    def signature(self) -> list[Byline]:
        """The writer who signs a column at its end, on a line of its own after the prose: a dash
        and a name or pen name ("— Banyan"), or a personal name alone ("Anna Petrova")."""
        if len(self.found) < 3 or not any(is_prose(u) for u in self.found[-4:-1]):
            return []
        last = self.found[-1]
        signed = _SIGNATURE.fullmatch(last.text)
        if not signed:
            return []
        name = signed.group("name")
        words = name.split()
        if any(w.lower() in _NOT_A_NAME for w in words) or _DATE.search(name):
            return []
        if not signed.group("dash") and not (1 < len(words) <= 3 and words[0].lower() in GIVEN_NAMES):
            return []
        return [Byline(last.start + signed.start("name"), last.start + signed.end("name"), name)]

    def authors(self, sections: list[Section]) -> list[Byline]:
        """The document's own authors: bylines outside every section, a header's line of names, a
        labelled list of names, an opening summary presenting them, the office issuing a release,
        or its closing bios."""
        outside = [u for u in self.found if not any(s.start <= u.start < s.end for s in sections)]
        bylines = (self.bylines(outside) or self.name_lines() or self.labelled_names(outside)
                   or self.presenting_sentence() or self.issuing_office() or self.signature())
        if bylines or sections:
            return bylines
        return self.closing_bios(self.found)

    # -- sections

    def sections(self) -> list[Section]:
        """The pieces of a bundle: two or more headings each followed by its own byline."""
        heads = [
            (index, bylines)
            for index, unit in enumerate(self.found)
            if is_title_like(unit) and not self.bylines([unit])
            for bylines in [self._byline_after(index)]
            if bylines
        ]
        if len(heads) < 2:
            return []
        sections = []
        for number, (index, bylines) in enumerate(heads):
            last = heads[number + 1][0] - 1 if number + 1 < len(heads) else len(self.found) - 1
            piece = self.found[index : last + 1]
            authors = bylines or self.closing_bios(piece)
            title = self.found[index]
            sections.append(Section(title.start, piece[-1].end, Span(title.start, title.end), tuple(authors)))
        return sections

    def _byline_after(self, index: int) -> list[Byline]:
        """The byline on the next line, or on the one after a dateline."""
        for step in (1, 2):
            if index + step >= len(self.found):
                return []
            following = self.found[index + step]
            bylines = self.bylines([following])
            if bylines or len(following.words) > 8 or not _year_in(following.text):
                return bylines
        return []

    # -- title, year and publisher

    def title(self) -> Span | None:
        """The first title-like line of the page header that is not a byline, dateline or masthead.

        A first line naming an organisation, with another title-like line after it, is the
        masthead of the site, not the title; a label of a few words over a longer headline is the
        section the piece was filed under.
        """
        candidates = [u for u in self.found[: max(self.header, 1)] if self.could_be_title(u)]
        if len(candidates) >= 2 and _organisation(candidates[0].text):
            candidates = candidates[1:]
        while len(candidates) >= 2 and len(candidates[0].words) <= 3 < len(candidates[1].words):
            candidates = candidates[1:]  # a section label ("Central Asia") over the headline
        if candidates:
            return Span(candidates[0].start, candidates[0].end)
        return self._lead_subject()

    def _lead_subject(self) -> Span | None:
        """An encyclopedia article without a title line names its subject first: "The Example
        Treaty Organization (ETO, …) is an alliance …"."""
        opening = self.found[0] if self.found and is_prose(self.found[0]) else None
        lead = _LEAD_SUBJECT.match(opening.text) if opening else None
        return Span(opening.start + lead.start("name"), opening.start + lead.end("name")) if opening and lead else None

    def could_be_title(self, unit: Unit) -> bool:
        headline = is_title_like(unit) or (
            3 <= len(unit.words) <= 20 and unit.text[0].isupper() and not unit.text.endswith((".", ",", ";", ":"))
        )
        return (
            headline
            and not is_prose(unit)
            and not self.bylines([unit])
            and not _DATE.search(unit.text)
            and not _SOURCE_LINE.match(unit.text)
            and not _ISSUE.search(unit.text)
        )

    def year(self) -> int | None:
        """The year of the text's own dateline: in the page header, a "Published …" line, or a
        news dateline opening the first paragraph; never a year the prose mentions."""
        for index, unit in enumerate(self.found):
            in_header = index < self.header
            short = len(unit.words) <= 20
            alone = len(unit.words) <= 6 and _DATE.fullmatch(unit.text.strip(" .,"))
            if (in_header and short) or (short and _DATED_LINE.match(unit.text)) or alone:
                year = _year_in(unit.text, month_year=bool(_DATED_LINE.match(unit.text)))
                if year:
                    return year
            dateline = _CITY_DATELINE.match(unit.text) if index == self.header else None
            if dateline and _year_in(dateline.group("date")):
                return _year_in(dateline.group("date"))
        return None


# -- the publisher a text names, strategies tried in order (pipeline/strategies.py)


def _source_line(reading: _TextReading) -> Byline | None:
    """A source line anywhere: "Source: …", "Published by …", "First appeared in …"."""
    for unit in reading.found:
        source = _SOURCE_LINE.match(unit.text)
        if source:
            name = source.group("name").strip()
            return Byline(unit.start + source.start("name"), unit.start + source.start("name") + len(name), name)
    return None


def _maker_in_header(reading: _TextReading) -> Byline | None:
    """The maker a header line names: "Compiled by the research desk of …", "Organised by …"."""
    for unit in reading.found[: reading.header]:
        made = _MADE_BY.match(unit.text)
        name = made and _organisation(made.group("name"))
        if made and name:
            start = unit.start + made.start("name") + made.group("name").index(name)
            return Byline(start, start + len(name), name)
    return None


def _releasing_body(reading: _TextReading) -> Byline | None:
    """The body an official text says issued it: "a statement issued by the Press Office of …"."""
    for unit in reading.found[: reading.header + _PRESENTING_REACH]:
        released = _RELEASED_BY.search(unit.text)
        if released and len(released.group("name").split()) >= 2:
            start = unit.start + released.start("name")
            return Byline(start, start + len(released.group("name")), released.group("name"))
    return None


def _dateline_agency(reading: _TextReading) -> Byline | None:
    """The news agency of the dateline that opens the body: "ALMATY, 3 May (Agency) –"."""
    opening = reading.found[reading.header] if reading.header < len(reading.found) else None
    dateline = _CITY_DATELINE.match(opening.text) if opening else None
    if opening and dateline and dateline.group("agency"):
        start = opening.start + dateline.start("agency")
        return Byline(start, start + len(dateline.group("agency")), dateline.group("agency"))
    return None


def _dated_masthead(reading: _TextReading) -> Byline | None:
    """An organisation on a short dated header line: "Outlet, 17 June 2021"."""
    for unit in reading.found[: reading.header]:
        if _year_in(unit.text) and len(unit.words) <= 20:
            for segment in regex.finditer(r"[^,|–—]+", unit.text):
                name = _organisation(segment.group())
                if name:
                    start = unit.start + segment.start() + segment.group().index(name)
                    return Byline(start, start + len(name), name)
    return None


def _outlet_after_byline(reading: _TextReading) -> Byline | None:
    """The outlet a byline names after its writer: "By X, Outlet"."""
    return next(filter(None, map(_affiliation_after_byline, reading.found[: reading.header])), None)


def _masthead(reading: _TextReading) -> Byline | None:
    """An organisation's name heading the page: an issue's masthead ("Monitor Volume 3"), or the
    first of two title-like lines."""
    header = reading.found[: reading.header]
    titles = [u for u in header if reading.could_be_title(u)]
    mastheads = [u for u in header if _ISSUE.search(u.text)] + (titles[:1] if len(titles) >= 2 else [])
    for unit in mastheads:
        name = _organisation(unit.text)
        if name:
            return Byline(unit.start, unit.start + len(name), name)
    return None


# How a text names its publisher, most telling first.
TEXT_PUBLISHER_STRATEGIES = (_source_line, _maker_in_header, _releasing_body, _dateline_agency, _dated_masthead,
                             _outlet_after_byline, _masthead)


def _long_byline(unit: Unit, match: regex.Match[str]) -> bool:
    """A byline line long for its affiliations ("By X, senior fellow at …, and Y, director of …"):
    it opens the line, is no sentence, and names a second writer."""
    return (match.start() == 0 and len(unit.words) <= 60 and not unit.text.rstrip().endswith((".", ":"))
            and bool(regex.search(r"\s(?i:and)\s|&", unit.text)))


def _without_affiliations(listed: str, names: list[Byline], offset: int) -> list[Byline]:
    """The writers of "By A, Org One, and B, Org Two": after a writer, a name joined by a comma only
    is their affiliation unless it starts with a given name ("By A, B and C" lists three writers)."""
    kept: list[Byline] = []
    for name in names:
        joint = listed[max(0, name.start - offset - 6) : name.start - offset]
        after_comma = joint.rstrip().endswith(",") and not regex.search(r"(?i:\band\s*|&\s*)$", joint)
        if kept and after_comma and name.name.split()[0].lower().strip(".") not in GIVEN_NAMES:
            continue
        kept.append(name)
    return kept


def _affiliation_after_byline(unit: Unit) -> Byline | None:
    """The outlet a byline names after its author ("By X, Steppe Wire"), not a role or a date."""
    byline = _BYLINE.match(unit.text)
    names = names_in(byline.group("names")) if byline and byline.group("lead").lower() == "by" else []
    if not names:
        return None
    end = byline.start("names") + names[0].end
    after = regex.match(r",[ \t\u00a0]*(?P<outlet>[^,|;]+?)[ \t\u00a0]*(?:[,|;]|$)", unit.text[end:])
    if not after:
        return None
    outlet = after.group("outlet")
    if len(outlet.split()) > 6 or not outlet[0].isupper() or _ROLE.search(outlet) or _year_in(outlet) or "  " in outlet:
        return None
    if outlet.split()[0].lower() in GIVEN_NAMES or regex.search(r"\s(?i:and)\s", outlet) and not _organisation(outlet):
        return None  # "By X, Y and Z": more writers, not an outlet
    start = unit.start + end + after.start("outlet")
    return Byline(start, start + len(outlet), outlet)


def _listed_names(unit: Unit) -> tuple[list[Byline], bool]:
    """The names of a line that lists people and nothing else, and whether it gives their
    affiliations: "A and B", "A (Centre X) and B (University Y)", "A¹, B²", "A, Centre X; B, Forum Y"."""
    text = _NAME_MARKS.sub(lambda m: " " * len(m.group()), unit.text)
    affiliated = text != unit.text
    found: list[Byline] = []
    offset = 0
    for segment in text.split(";"):
        name, comma, rest = segment.partition(",")
        listed = segment
        if ";" in text and comma and _organisation(rest.strip()):
            listed, affiliated = name, True
        if not _NAME_LIST.fullmatch(listed.strip()):
            return [], False
        found.extend(names_in(listed, unit.start + offset))
        offset += len(segment) + 1
    return found, affiliated


# A verb of saying or thinking, or a that-clause: a sentence reporting someone, never a byline.
_REPORTS = regex.compile(rf"\b(?:that|{alternatives(REPORTING_SPEECH | REPORTING_THOUGHT)})\b")


def _unwrapped_bio(unit: Unit) -> Unit:
    """A closing line as a bare bio: "(Jane Doe is a journalist in Almaty.)" without its brackets,
    "The author, Jane Doe, is …" without its lead, at the same offsets."""
    text = _BIO_WRAPPING.sub(lambda m: " " * len(m.group()), unit.text)
    bare = text.lstrip()
    return replace(unit, start=unit.start + len(text) - len(bare), text=bare)


def _dated_name_line(unit: Unit) -> list[Byline]:
    """The names of a header line that gives them beside the date: "Jane Doe | 12 May 2023",
    "12 May 2023 · Jane Doe and Omar Haddad"."""
    if len(unit.words) > 16:
        return []
    parts = list(regex.finditer(r"[^|·•–—]+", unit.text))
    if len(parts) < 2 or not any(_DATE.search(p.group()) or _MONTH_YEAR.fullmatch(p.group().strip(" .,"))
                                 for p in parts):
        return []
    for part in parts:
        listed = part.group().strip()
        if listed and _NAME_LIST.fullmatch(listed) and not _DATE.search(listed):
            return names_in(listed, unit.start + part.start() + part.group().index(listed))
    first = parts[0].group().strip()
    if len(parts) == 2 and _pen_name(first):  # "Banyan | 12 May 2023": a column's name and its date
        start = unit.start + parts[0].start() + parts[0].group().index(first)
        return [Byline(start, start + len(first), first)]
    return []


def _pen_name(text: str) -> bool:
    """Whether a line is one capitalised word that may be a pen name or a column's name ("Banyan"),
    not a label, a month or a weekday."""
    return bool(regex.fullmatch(r"\p{Lu}\p{Ll}{2,}", text)) and text.lower() not in _NOT_A_NAME and text.lower() not in _LABEL_WORDS


def _name_with_role(unit: Unit) -> list[Byline]:
    """The names of a header line that gives them with their role or organisation after a
    separator: "Jane Doe, Senior Fellow, Kama Centre", "A and B | Steppe Institute"."""
    parts = regex.match(r"(?P<names>[^,|–—]+?)[ \t\u00a0]*(?:,|\||–|—)[ \t\u00a0]*(?P<rest>.{3,150})$", unit.text)
    if not parts or len(unit.words) > 20 or not _NAME_LIST.fullmatch(parts.group("names")):
        return []
    rest = parts.group("rest")
    if not (_WRITER_ROLE.search(rest) or _organisation(rest.split(",")[0].strip())) or _year_in(rest):
        return []
    if _REPORTS.search(rest):  # "X, an economist at Y, says that …" is what X said, not a byline
        return []
    return names_in(parts.group("names"), unit.start)


def _name_line(unit: Unit) -> list[Byline]:
    """The names of a line that lists people and nothing else ("A, B, and C.")."""
    text = unit.text.rstrip(" .")
    if len(text.split()) > 40 or not _NAME_LIST.fullmatch(text):
        return []
    return names_in(text, unit.start)


def _bios(unit: Unit) -> list[Byline]:
    """The people the bios of a paragraph present: one bio a sentence, each naming a role."""
    found: list[Byline] = []
    for match in _BIO.finditer(unit.text):
        if _ROLE.search((match.group("aside") or "") + match.group("rest")):
            found.extend(names_in(match.group("names"), unit.start + match.start("names")))
    return found


def _reports_event(prose: list[Unit]) -> bool:
    return sum(1 for unit in prose for _ in _EVENT_WORDS.finditer(unit.text)) >= 2


def _organisation(text: str) -> str | None:
    """The organisation a line names, whole or before a colon or an issue number ("China Policy
    Institute: Analysis", "Eurasia Monitor Volume 3")."""
    head = regex.split(rf"\s*[:|–—]\s*|\s+(?={_ISSUE_MARK})", text.strip(), maxsplit=1)[0]
    return head if len(head.split()) <= 8 and _ORG.match(head) else None


def _year_in(text: str, month_year: bool = False) -> int | None:
    """The year of the first real date in `text` (the month word checked in any language)."""
    patterns = [_DATE, _MONTH_YEAR] if month_year else [_DATE]
    for pattern in patterns:
        for match in pattern.finditer(text):
            parsed = _parse_date(match.group())
            if parsed:
                return parsed
    return None


def _parse_date(text: str) -> int | None:
    settings = {"REQUIRE_PARTS": ["year"], "PREFER_DAY_OF_MONTH": "first"}
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None and not text.isascii():
        parsed = dateparser.parse(text, settings=settings)
    return parsed.year if parsed else None


# ---------------------------------------------------------------------------------------------
# What an HTML page states in its markup

_META_AUTHORS = (
    "author", "article:author", "dc.creator", "dcterms.creator", "citation_author", "parsely-author",
    "sailthru.author", "byl",
)
_META_DATES = (
    "article:published_time", "og:published_time", "datepublished", "date", "dc.date", "dc.date.issued",
    "dcterms.date", "dcterms.issued", "dcterms.created", "citation_publication_date", "citation_date",
    "pubdate", "publishdate", "publish-date", "parsely-pub-date", "sailthru.date",
)
_META_PUBLISHERS = (
    "og:site_name", "citation_publisher", "dc.publisher", "dcterms.publisher", "publisher", "application-name",
)
_AUTHOR_MARK = re.compile(r"\b(?:author|byline)\b", re.I)


@dataclass
class _PageReading:
    text: str
    view: str

    def __post_init__(self) -> None:
        self.page: HtmlPage = read_html(self.text)
        # The article's own header (byline, dateline), which content extraction often leaves out:
        # the text outside the page's furniture that comes before the article's first paragraph.
        shown = units(self.view)
        first = header_end(shown)
        article = shown[first].start if first < len(shown) else len(self.view)
        before = rendered(self.text, self.page, lambda run: not run.furniture and run.end <= article)
        self.header = _TextReading(units(before))
        self.metas: list[tuple[str, str, Span]] = [
            (key.lower(), e.attributes["content"], e.values["content"])
            for e in self.page.named("meta")
            if "content" in e.values
            for key in [e.attributes.get("property") or e.attributes.get("name") or e.attributes.get("itemprop") or ""]
        ]
        self.linked_data = list(_linked_data(self.text, self.page))

    def meta(self, keys: tuple[str, ...]) -> Iterator[tuple[str, Span]]:
        for key in keys:
            for found, value, span in self.metas:
                if found == key and value.strip():
                    yield value, span

    def title(self) -> Span | None:
        for _, span in self.meta(("og:title", "twitter:title")):
            return span
        for element in self.page.named("h1"):
            if element.text:
                return element.text
        for element in self.page.named("title"):
            if element.text:
                return _title_without_site(self.text, element.text)
        return None

    def authors(self) -> list[Byline]:
        found: list[Byline] = []
        spans = [span for value, span in self.meta(_META_AUTHORS) if not re.match(r"https?://", value)]
        spans += [span for _, span in self.linked_data_values("author")]
        for element in self.page.elements:
            marks = " ".join(element.attributes.get(a, "") for a in ("rel", "itemprop", "class"))
            if element.text and _AUTHOR_MARK.search(marks) and "comment" not in marks.lower():
                spans.append(element.text)
        found = [name for span in spans for name in _byline_names(self.text[span.start : span.end], span.start)]
        return found + self.header.bylines(self.header.found)

    def year(self) -> int | None:
        values = [value for value, _ in self.meta(_META_DATES)]
        values += [name for name, _ in self.linked_data_values("datePublished")]
        values += [e.attributes.get("datetime", "") for e in self.page.named("time")]
        for value in values:
            match = re.match(r"\s*((?:19|20)\d{2})", value)
            if match:
                return int(match.group(1))
        return next(filter(None, (_year_in(u.text) for u in self.header.found if len(u.words) <= 20)), None)

    def linked_data_values(self, key: str) -> Iterator[tuple[str, Span]]:
        """Names (or dates) a JSON-LD block gives for `key`, with where they sit in the source."""
        for data, span in self.linked_data:
            for value in _json_values(data, key):
                at = self.text.find(value, span.start, span.end)
                if at >= 0:
                    yield value, Span(at, at + len(value))


def _publisher_meta_tag(page: _PageReading) -> Byline | None:
    """A page's publisher meta tag (og:site_name, citation_publisher, …) that names more than a URL."""
    for value, span in page.meta(_META_PUBLISHERS):
        if not re.match(r"https?://", value):
            return Byline(span.start, span.end, page.text[span.start : span.end])
    return None


def _publisher_linked_data(page: _PageReading) -> Byline | None:
    """The publisher a page's JSON-LD names."""
    return next((Byline(span.start, span.end, name) for name, span in page.linked_data_values("publisher")), None)


def _site_in_page_title(page: _PageReading) -> Byline | None:
    """The site a page's <title> names after its headline: "Headline | Outlet"."""
    for element in page.page.named("title"):
        site = _site_in_title(page.text, element.text) if element.text else None
        if site:
            return site
    return None


# How a web page names its publisher in its markup, most telling first; then the text's own ways.
PAGE_PUBLISHER_STRATEGIES = (_publisher_meta_tag, _publisher_linked_data, _site_in_page_title)


def _byline_names(text: str, offset: int) -> list[Byline]:
    """The names an author field of a page holds ("Jane Doe", "By Jane Doe and John Roe"); a
    longer text (an author's whole bio box) names more than its authors and gives none."""
    byline = _BYLINE.match(text)
    if byline:
        return names_in(byline.group("names"), offset + byline.start("names"))
    return names_in(text, offset) if len(text.split()) <= 10 else []


def _linked_data(text: str, page: HtmlPage) -> Iterator[tuple[object, Span]]:
    for element in page.named("script"):
        if "ld+json" in element.attributes.get("type", "") and element.text:
            try:
                yield json.loads(text[element.text.start : element.text.end]), element.text
            except ValueError:
                continue


def _json_values(data: object, key: str) -> Iterator[str]:
    """Every string under `key` anywhere in JSON-LD (a name object's "name", or a list of them)."""
    if isinstance(data, list):
        for item in data:
            yield from _json_values(item, key)
    elif isinstance(data, dict):
        for found, value in data.items():
            if found == key:
                yield from _strings(value)
            elif isinstance(value, (dict, list)):
                yield from _json_values(value, key)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict) and isinstance(value.get("name"), str):
        yield value["name"]


def _site_in_title(text: str, span: Span) -> Byline | None:
    """The site a <title> names after its last separator ("Headline | Site"), when short."""
    title = text[span.start : span.end]
    parts = list(_HTML_TITLE_PARTS.finditer(title))
    if not parts:
        return None
    start = span.start + parts[-1].end()
    site = text[start : span.end]
    return Byline(start, span.end, site) if 1 <= len(site.split()) <= 6 else None


def _title_without_site(text: str, span: Span) -> Span:
    """A <title> without the site name it usually carries after a separator ("Headline | Site")."""
    title = text[span.start : span.end]
    separator = _HTML_TITLE_PARTS.search(title)
    return Span(span.start, span.start + separator.start()) if separator else span
