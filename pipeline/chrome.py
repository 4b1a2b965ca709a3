"""Blank out what is not the document's own text (markup, site chrome) without moving any offset.

The view keeps the source's length: markup and chrome become spaces (newlines stay newlines, and
the tags that open or close an HTML block become line breaks), a character reference becomes its
character padded with spaces. So an offset found in the view is the same offset in the source.

- HTML: trafilatura decides which blocks of the page are the article; everything else (navigation,
  header, footer, comments, scripts, style sheets, the head) is blanked.
- Markdown: the syntax characters are blanked, the words kept.
- Every text, pasted web pages above all, then loses its site chrome, recognised by the shape and
  vocabulary of interface text rather than by any one site's strings: separators, breadcrumbs,
  section names, repeated titles, photo credits, share/comment/login/registration prompts and
  forms, newsletter and tagline lines, blog footers, template leftovers.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Callable, Iterable

import trafilatura

from .lines import Unit, header_end, is_prose, is_title_like, units
from .markup import HtmlPage, TextRun, is_html, is_markdown, markdown_syntax, read_html
from .model import Analysis, Span

# trafilatura logs an error for every page too short to judge; the fallback below handles those.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def mask_chrome(analysis: Analysis) -> Analysis:
    """Pipeline component: set `view`, the text with non-content blanked by spaces."""
    source = analysis.source
    if is_html(source):
        view = html_view(source.text)
    elif is_markdown(source):
        view = blank(source.text, markdown_syntax(source.text))
    else:
        view = source.text
    return replace(analysis, view=blank(view, chrome_spans(view)))


def blank(text: str, spans: Iterable[Span]) -> str:
    """`text` with every span turned to spaces, newlines kept."""
    chars = list(text)
    for span in spans:
        for index in range(span.start, span.end):
            if chars[index] != "\n":
                chars[index] = " "
    return "".join(chars)


# ---------------------------------------------------------------------------------------------
# HTML


def html_view(text: str) -> str:
    """The article text of an HTML page at its source offsets; all else blank."""
    page = read_html(text)
    kept = _article_blocks(text, page)
    return rendered(text, page, lambda run: run.block in kept)


def rendered(text: str, page: HtmlPage, keep: Callable[[TextRun], bool]) -> str:
    """The text runs `keep` chooses (never hidden ones) at their source offsets, all else blank,
    and every tag that opens or closes a block a paragraph break."""
    chars = ["\n" if char == "\n" else " " for char in text]
    for tag in page.block_tags:
        chars[tag.start : tag.start + min(2, tag.end - tag.start)] = "\n\n"[: tag.end - tag.start]
    for run in page.runs:
        if not run.hidden and keep(run):
            chars[run.start : run.start + len(run.text)] = run.text
    return "".join(chars)


def _article_blocks(text: str, page: HtmlPage) -> set[int]:
    """The blocks trafilatura reads as the article (its title included); without a verdict from
    it (a page too short to judge), every block outside the page's furniture."""
    blocks: dict[int, list[str]] = {}
    furniture: set[int] = set()
    for run in page.runs:
        if not run.hidden:
            blocks.setdefault(run.block, []).append(run.text)
            if run.furniture:
                furniture.add(run.block)
    texts = {block: _folded("".join(parts)) for block, parts in blocks.items()}
    texts = {block: words for block, words in texts.items() if words}
    extracted = trafilatura.bare_extraction(
        text, include_comments=False, include_tables=True, include_images=False, with_metadata=True
    )
    if isinstance(extracted, dict):  # only with as_dict=True
        raise TypeError("trafilatura gave a dict where a Document was asked for")
    body = extracted.text if extracted is not None and extracted.text else ""
    if not body.strip():
        return set(texts) - furniture
    # trafilatura writes list items as "- item" and table rows as "| cell | cell |".
    pieces = {_folded(piece) for line in body.splitlines() for piece in re.split(r"^\s*[-*]\s+|\s*\|\s*", line)}
    pieces.add(_folded((extracted and extracted.title) or ""))
    whole = _folded(body)
    return {block for block, words in texts.items() if words in pieces or (len(words) >= 20 and words in whole)}


def _folded(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------------
# Site chrome

_UI_WORDS = frozenset(
    """back next previous prev home menu search close share shares print email e-mail comment comments
    reply replies discuss login logout log sign signin signup register subscribe unsubscribe account
    password forgot edit profile settings create tweet facebook twitter linkedin whatsapp telegram reddit
    pinterest instagram youtube copy link links save bookmark download pdf listen follow read related recent
    latest popular trending featured features most top tags topics categories category archive archives
    loading advertisement sponsored jump navigation toggle skip content contents view see also continue
    like likes up blog rss feed newsletter newsletters cookie cookies accept donate more news leave
    commentary analysis opinion op-ed explainer editorial interview podcast video expert about contact
    ↑ ↓ ← → « » › ‹ … ^""".split()
)
_FILLER_WORDS = frozenset(
    """to the a an this that on in of for with via at us you your our me my here now please and or all new
    page article post story stories posts articles it is thank thanks site by from""".split()
)
_PROMPT_TERMS = re.compile(
    r"\b(?:log\s?in|log\s?out|logged\s+in|post\s+a\s+comment|sign(?:ed)?[\s-]?(?:in|up|out)|"
    r"regist(?:er|ration)|subscri(?:be|ption|ber)s?|"
    r"newsletters?|password|username|e-?mail(?:\s+address)?|(?:your|an|new|my|create)\s+account|"
    r"already\s+a\s+member|continue\s+reading|reading\s+this\s+article|site\s+user|inbox|paywall|"
    r"free\s+trial|cookies?|privacy\s+policy|terms\s+(?:of|and)\s+(?:use|service|conditions)|"
    r"share\s+(?:this|on|via)|click\s+here|to\s+comment|leave\s+a\s+(?:comment|reply))\b",
    re.I,
)
_PROMPT_OPENING = re.compile(
    r"^(?:sign\s?up|subscribe|follow\s+us|share\s+(?:this|on)|click\s+here|read\s+more|continue\s+reading|"
    r"log\s?in|register|download|get\s+(?:the|our)\s+(?:latest|newsletter|app))\b",
    re.I,
)
_FOOTER = re.compile(
    r"^(?:blog\s+at\b|(?:proudly\s+)?powered\s+by\b|theme(?:\s+by|:)|website\s+(?:by|built|powered)\b|"
    r"design(?:ed)?\s+by\b|built\s+with\b|copyright\s*(?:©|\(c\)|\d{4})|©|\(c\)\s*\d{4}|all\s+rights\s+reserved)"
    r"|\ball\s+rights\s+reserved\b|\blike\s+this:$",
    re.I,
)
_LABELLED_LIST = re.compile(
    r"^(?:tags|topics|categories|category|filed\s+under|keywords|related(?:\s+\w+)?|see\s+also|read\s+also|"
    r"also\s+read|read\s+more|more\s+(?:on|from)|share(?:\s+this(?:\s+\w+)?)?)\s*:",
    re.I,
)
_CREDIT = re.compile(
    r"^(?:(?:image|photo|picture|cover|header|featured|top|lead|main|file)\s+(?:image|photo|picture)?\s*)?"
    r"(?:credits?|courtesy)\b\s*[:.\-–—]"
    r"|^\(?(?:images?|photos?|pictures?|photograph|file\s+photo)\s*(?:by\b|:)"
    r"|^photo\s+by\b.*\bon\s+unsplash\b",
    re.I,
)
_CREDIT_TAIL = re.compile(
    r"(?<=[.!?”\")])\s+((?:image|photo|picture|cover|header|featured)\s+(?:image\s+)?(?:credits?|courtesy)\s*:.*)$",
    re.I,
)
# Reference marks inside prose: footnote numbers and an encyclopedia's edit links.
_REFERENCE_MARK = re.compile(r"\[(?:\d{1,3}|edit|citation needed|update)\]", re.I)
_TEMPLATE = re.compile(r"%[ds]\b|\{\{|\}\}|\$\{")
_BARE_ADDRESS = re.compile(r"^(?:https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+|@\w+)$")
_READING_TIME = re.compile(r"\b\d+\s*min(?:ute)?s?\s+read\b", re.I)
_MARKETING = re.compile(
    r"\b(?:best|latest|breaking|news|insights?|in\s+one\s+place|from\s+(?:around\s+)?the\s+web|"
    r"your\s+(?:source|guide)|free|encyclopa?edia|daily|weekly|every\s+(?:day|week)|delivered|inbox|trusted|"
    r"independent\s+journalism)\b",
    re.I,
)
_CRUMB_SEPARATOR = re.compile(r"\s+(?:\||›|»|>|/|·|•|→)\s+")
# Lines a text uses to say what it is (bylines, sources, dates): never chrome by context alone.
_SELF_DESCRIPTION = re.compile(
    r"^(?:source|published|publisher|posted|written|by|author|authors|date|dated|updated|reporting)\b"
    r"|\b(?:19|20)\d{2}\b",
    re.I,
)
_SHORT = 8  # words: a line of interface text is short
_PROMPT_MAX = 40  # words: longer lines are prose even when they speak of accounts and passwords


def chrome_spans(view: str) -> list[Span]:
    """The spans of a view's site chrome: whole lines, photo credits trailing a line, and the
    reference marks inside prose ("[12]", "[edit]")."""
    found = units(view)
    header = header_end(found)
    crumbs = _breadcrumb_segments(found[:header])
    repeated = _repeated_lines(found)
    chrome = [_is_chrome(unit, index < header, crumbs) or index in repeated for index, unit in enumerate(found)]
    _spread_to_neighbours(found, chrome)
    spans: list[Span] = [unit for unit, is_chrome in zip(found, chrome) if is_chrome]
    for unit, is_chrome in zip(found, chrome):
        if is_chrome:
            continue
        tail = _CREDIT_TAIL.search(unit.text)
        if tail:
            spans.append(Span(unit.start + tail.start(1), unit.end))
        spans.extend(Span(unit.start + m.start(), unit.start + m.end()) for m in _REFERENCE_MARK.finditer(unit.text))
    return [Span(span.start, span.end) for span in spans]


def _is_chrome(unit: Unit, in_header: bool, crumbs: set[str]) -> bool:
    text, words = unit.text, unit.words
    if is_prose(unit) and len(words) > _PROMPT_MAX:
        return False
    return (
        not re.search(r"\w", text)  # separators, arrows, bullets alone
        or _is_interface_words(words)
        or _is_breadcrumb(text)
        or bool(_CREDIT.search(text) or _FOOTER.search(text) or _LABELLED_LIST.search(text))
        or bool(_BARE_ADDRESS.match(text))
        or (len(words) <= 12 and bool(_TEMPLATE.search(text) or _READING_TIME.search(text)))
        or (len(words) <= 15 and bool(_PROMPT_OPENING.search(text)))
        or len({m.group().lower() for m in _PROMPT_TERMS.finditer(text)}) >= 2
        or (in_header and _is_tagline(unit))
        or (in_header and _folded(text).casefold() in crumbs)
    )


def _is_interface_words(words: list[str]) -> bool:
    """A short line made only of interface words ("Share this article", "Recent Features", "Back")."""
    folded = [w.strip(".,:;!?()[]|/").casefold() for w in words]
    folded = [w for w in folded if w and not w.isdigit()]
    return (
        0 < len(words) <= 6
        and all(w in _UI_WORDS or w in _FILLER_WORDS for w in folded)
        and any(w in _UI_WORDS for w in folded)
    )


def _is_breadcrumb(text: str) -> bool:
    segments = _CRUMB_SEPARATOR.split(text)
    return len(segments) >= 3 and all(_is_crumb(segment) for segment in segments)


def _is_crumb(segment: str) -> bool:
    words = segment.split()
    return (
        1 <= len(words) <= 5
        and not segment.endswith(".")
        and not re.search(r"\d", segment)
        and words[0].lower() not in ("by", "written")
    )


def _breadcrumb_segments(header: list[Unit]) -> set[str]:
    """The section names a page header lists in its breadcrumbs."""
    return {
        _folded(segment).casefold()
        for unit in header
        if _is_breadcrumb(unit.text)
        for segment in _CRUMB_SEPARATOR.split(unit.text)
    }


def _is_tagline(unit: Unit) -> bool:
    """A site's slogan: a short line of advertising words ("The best … news in one place.")."""
    terms = {m.group().lower() for m in _MARKETING.finditer(unit.text)}
    slogan = len(terms) >= 3 or (len(terms) >= 2 and (unit.text.endswith(".") or not is_title_like(unit)))
    return len(unit.words) <= 15 and slogan


def _repeated_lines(found: list[Unit]) -> set[int]:
    """Later copies of a short line that is not a sentence (a title repeated as a caption)."""
    seen: set[str] = set()
    repeats: set[int] = set()
    for index, unit in enumerate(found):
        if len(unit.words) > 25 or unit.text.endswith("."):
            continue
        key = _folded(unit.text).casefold()
        if key in seen:
            repeats.add(index)
        seen.add(key)
    return repeats


def _spread_to_neighbours(found: list[Unit], chrome: list[bool]) -> None:
    """A short line that is neither a title nor a self-description, between chrome lines (or
    chrome and the end of the text), is part of the same widget ("And a little about you")."""
    changed = True
    while changed:
        changed = False
        for index, unit in enumerate(found):
            if chrome[index] or len(unit.words) > _SHORT or unit.text.endswith("."):
                continue
            if is_title_like(unit) or _SELF_DESCRIPTION.search(unit.text):
                continue
            before = chrome[index - 1] if index > 0 else False
            after = chrome[index + 1] if index + 1 < len(found) else before
            if before and after:
                chrome[index] = changed = True
