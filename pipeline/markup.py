"""Where the markup of a source sits: HTML read into positioned text runs and elements, and the
syntax characters of Markdown.

Nothing here changes the text. Every run, element and span is an offset into the source exactly as
read, so whoever blanks markup or quotes a value (a <meta> author, a <title>) keeps offsets true.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser

from .model import SourceText, Span

HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown")

# Elements that start a new block of text (a paragraph, a heading, a list item, a cell).
BLOCK_ELEMENTS = frozenset(
    "address article aside blockquote body br caption dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th "
    "thead title tr ul".split()
)
# Whose text is never read as prose: the head, code, and embedded documents.
HIDDEN_ELEMENTS = frozenset("head script style noscript template svg math iframe object select option".split())
# Containers of site furniture, by HTML5 semantics.
FURNITURE_ELEMENTS = frozenset("nav header footer aside form button".split())
_VOID_ELEMENTS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
_DOCTYPE_OR_TAG = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)


@dataclass(frozen=True)
class TextRun(Span):
    """Character data of a page, in source order."""

    text: str  # as a reader sees it: data verbatim, a character reference decoded (never longer)
    block: int  # the runs of one block (a paragraph, a heading, a list item) share this number
    hidden: bool  # inside the head, a script, a style sheet …: never prose
    furniture: bool  # inside nav, header, footer, aside or a form


@dataclass(frozen=True)
class Element(Span):
    """One element: its span is its start tag; `text` the trimmed span of the text inside it."""

    name: str
    attributes: dict[str, str] = field(default_factory=dict)
    values: dict[str, Span] = field(default_factory=dict)  # where each attribute's value sits
    text: Span | None = None


@dataclass(frozen=True)
class HtmlPage:
    """An HTML source as positioned text runs and elements."""

    runs: tuple[TextRun, ...]
    elements: tuple[Element, ...]
    block_tags: tuple[Span, ...]  # the start and end tags that open or close a block

    def named(self, *names: str) -> list[Element]:
        """The elements with one of these tag names, in source order."""
        return [e for e in self.elements if e.name in names]


def is_html(source: SourceText) -> bool:
    """An .html/.htm file, or any file whose text opens as an HTML document."""
    return source.path.suffix.lower() in HTML_SUFFIXES or bool(_DOCTYPE_OR_TAG.match(source.text[:2048]))


def is_markdown(source: SourceText) -> bool:
    return source.path.suffix.lower() in MARKDOWN_SUFFIXES


@lru_cache(maxsize=4)
def read_html(text: str) -> HtmlPage:
    """The runs, elements and block tags of an HTML text (cached: chrome and metadata both read it)."""
    scanner = _Scanner(text)
    scanner.feed(text)
    scanner.close()
    scanner.close_all()
    return HtmlPage(tuple(scanner.runs), tuple(scanner.finished()), tuple(scanner.block_tags))


class _Scanner(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.runs: list[TextRun] = []
        self.block_tags: list[Span] = []
        self.block = 0
        self.open: list[tuple[int, int]] = []  # (index into self.elements, first run index)
        self.elements: list[Element] = []
        self.texts: dict[int, Span] = {}

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def names_open(self) -> list[str]:
        return [self.elements[index].name for index, _ in self.open]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.add_element(tag, attrs)
        if tag not in _VOID_ELEMENTS:
            self.open.append((len(self.elements) - 1, len(self.runs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.add_element(tag, attrs)  # "<br/>": an element that is never open

    def add_element(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self.position()
        raw = self.get_starttag_text() or ""
        element = Element(start, start + len(raw), tag, *_attributes(raw, start, attrs))
        self.elements.append(element)
        self.new_block(tag, element)

    def handle_endtag(self, tag: str) -> None:
        start = self.position()
        end = self.source.find(">", start) + 1 or len(self.source)
        self.new_block(tag, Span(start, end))
        names = self.names_open()
        if tag in names:
            depth = len(names) - 1 - names[::-1].index(tag)
            while len(self.open) > depth:
                self.close_top()

    def close_top(self) -> None:
        index, first_run = self.open.pop()
        runs = self.runs[first_run:]
        if runs:
            self.texts[index] = _trimmed(self.source, runs[0].start, runs[-1].end)

    def close_all(self) -> None:
        while self.open:
            self.close_top()

    def finished(self) -> list[Element]:
        return [
            Element(e.start, e.end, e.name, e.attributes, e.values, self.texts.get(i)) if i in self.texts else e
            for i, e in enumerate(self.elements)
        ]

    def new_block(self, tag: str, span: Span) -> None:
        if tag in BLOCK_ELEMENTS:
            self.block += 1
            self.block_tags.append(Span(span.start, span.end))

    def handle_data(self, data: str) -> None:
        start = self.position()
        self.add_run(start, start + len(data), data)

    def handle_entityref(self, name: str) -> None:
        self.handle_reference()

    def handle_charref(self, name: str) -> None:
        self.handle_reference()

    def handle_reference(self) -> None:
        start = self.position()
        match = CHARACTER_REFERENCE.match(self.source, start)
        raw = match.group() if match else self.source[start]
        decoded = html.unescape(raw)
        # A reference is one character (two for a few named ones); more means a legacy prefix
        # such as "&not" was read out of an unknown name, and the raw text is what a reader sees.
        self.add_run(start, start + len(raw), decoded if len(decoded) <= 2 else raw)

    def add_run(self, start: int, end: int, text: str) -> None:
        names = set(self.names_open())
        self.runs.append(
            TextRun(start, end, text, self.block, bool(names & HIDDEN_ELEMENTS), bool(names & FURNITURE_ELEMENTS))
        )


def _attributes(raw: str, start: int, attrs: list[tuple[str, str | None]]) -> tuple[dict[str, str], dict[str, Span]]:
    """Attribute values, and the span of each value in the source (found in the raw start tag)."""
    values: dict[str, str] = {}
    spans: dict[str, Span] = {}
    for name, value in attrs:
        if name in values or value is None:
            continue
        values[name] = value
        found = re.search(rf"""\s{re.escape(name)}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", raw, re.I)
        if found:
            group = next(g for g in (1, 2, 3) if found.group(g) is not None)
            spans[name] = _trimmed(raw, found.start(group), found.end(group), shift=start)
    return values, spans


def _trimmed(text: str, start: int, end: int, shift: int = 0) -> Span:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    return Span(shift + start + lead, shift + start + len(piece.rstrip()))


# Markdown syntax: each pattern's named groups are the characters to blank.
_MARKDOWN = [
    re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"),  # an image, whole
    re.compile(r"^[ \t]*\[[^\]\n]+\]:[ \t]*\S.*$", re.M),  # a link reference definition, whole
    re.compile(r"(?P<open>\[)[^\]\n]+(?P<close>\]\([^)\n]*\)|\]\[[^\]\n]*\])"),  # a link: keep its words
    re.compile(r"^(?P<mark>[ \t]*(?:>[ \t]?)+)", re.M),  # block quotes
    re.compile(r"^(?P<mark>[ \t]*#{1,6})[ \t]", re.M),  # ATX heading marks
    re.compile(r"^(?P<mark>[ \t]*(?:[*+-]|\d{1,3}[.)]))[ \t]+(?=\S)", re.M),  # list item marks
    re.compile(r"(?P<open>\*\*|__)(?=\S)[^\n]+?(?<=\S)(?P<close>\*\*|__)"),  # strong emphasis
    re.compile(r"(?<![\w*])(?P<open>\*)(?=[^\s*])[^*\n]+?(?<=[^\s*])(?P<close>\*)(?![\w*])"),  # emphasis
    re.compile(r"(?<!\w)(?P<open>_)(?=[^\s_])[^_\n]+?(?<=[^\s_])(?P<close>_)(?!\w)"),
    re.compile(r"(?P<open>`+)[^`\n]+(?P<close>`+)"),  # inline code marks
    re.compile(r"<!--.*?-->|</?[A-Za-z][^>\n]*>|<https?://[^>\s]+>", re.S),  # inline HTML, autolinks
]


def markdown_syntax(text: str) -> list[Span]:
    """The spans of Markdown syntax characters (heading and list marks, link brackets and targets,
    emphasis marks, images, inline HTML), so that a view can blank them and keep the words."""
    spans: list[Span] = []
    for pattern in _MARKDOWN:
        for match in pattern.finditer(text):
            groups = [name for name, value in match.groupdict().items() if value is not None]
            if not groups:
                spans.append(Span(match.start(), match.end()))
            spans.extend(Span(match.start(name), match.end(name)) for name in groups)
    return spans
