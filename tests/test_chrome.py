"""The view: markup and site chrome blanked, every offset still the source's."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from eurasia_kg.pipeline.chrome import mask_chrome
from eurasia_kg.pipeline.ingest import read_source
from eurasia_kg.pipeline.lines import units
from eurasia_kg.pipeline.metadata import read_metadata
from eurasia_kg.pipeline.model import Analysis
from eurasia_kg.pipeline.segment import segment_sentences

from .conftest import FIXTURES

TEXTS = FIXTURES / "texts"


def viewed(path: Path) -> Analysis:
    return mask_chrome(Analysis(read_source(path)))


def visible_lines(analysis: Analysis) -> list[str]:
    return [unit.text for unit in units(analysis.view)]


def assert_view_keeps_offsets(analysis: Analysis) -> None:
    """Same length; every character the view shows is the source's, bar decoded references."""
    text, view = analysis.source.text, analysis.view
    assert len(view) == len(text)
    for index, char in enumerate(view):
        if not char.isspace() and char != text[index]:
            assert text[index] == "&", f"view differs from the source at {index}: {char!r} for {text[index]!r}"


# -- HTML


@pytest.fixture(scope="module")
def page() -> Analysis:
    return viewed(TEXTS / "page-with-chrome.html")


def test_html_view_keeps_the_article_at_its_source_offsets(page):
    text = page.source.text
    paragraph = "Freight trains between China and Europe now cross Kazakhstan several times a day."
    start = text.index(paragraph)
    assert page.view[start : start + len(paragraph)] == paragraph
    assert "Not everyone is convinced." in page.view
    assert_view_keeps_offsets(page)


@pytest.mark.parametrize(
    "furniture",
    ["Log in", "Search", "Most read", "Gas prices climb", "trainfan88", "Great article", "Post comment",
     "All rights reserved", "Privacy policy", "Subscribe to our newsletter", "font-family", "dataLayer",
     "ad slot", "<p", "og:title", "Caspian Ledger"],
)
def test_html_view_blanks_navigation_comments_footer_scripts_and_tags(page, furniture):
    assert furniture not in page.view


def test_character_references_become_their_character_padded_to_length(page):
    text = page.source.text
    amp = text.index("&amp;")
    assert page.view[amp : amp + 5] == "&    "
    apostrophe = text.index("&rsquo;")
    assert page.view[apostrophe : apostrophe + 7] == "’      "


def test_html_blocks_are_separated_by_line_breaks(page):
    lines = visible_lines(page)
    assert lines[0] == "Rails Across the Steppe"
    assert "A crowded corridor" in lines  # a heading is a line of its own, not glued to a paragraph


def test_html_lists_quotes_and_table_cells_of_the_article_are_kept_and_the_sidebar_is_not():
    analysis = viewed(TEXTS / "div-page.html")
    lines = visible_lines(analysis)
    for kept in ("Toktogul reservoir holds most of the stored water.", "Uzbekistan", "about half",
                 "Water is the region's oldest diplomatic currency, and its scarcest."):
        assert kept in lines
    for dropped in ("Home", "Topics", "Popular", "Ten facts about the Aral Sea", "Privacy"):
        assert dropped not in analysis.view
    assert_view_keeps_offsets(analysis)


def test_short_html_page_keeps_its_body_outside_furniture(tmp_path):
    path = tmp_path / "note.html"
    path.write_text(
        "<html><body><nav><a href='/'>Home</a></nav><p>Tajikistan hosts a Russian base.</p>"
        "<footer>Contact us</footer></body></html>",
        encoding="utf-8",
    )
    analysis = viewed(path)
    assert visible_lines(analysis) == ["Tajikistan hosts a Russian base."]


# -- pasted plain text and Markdown


@pytest.fixture(scope="module")
def pasted() -> Analysis:
    return viewed(TEXTS / "pasted-chrome.txt")


@pytest.mark.parametrize(
    "chrome",
    ["Skip to content", "Latest Articles", "Home › Energy › Central Asia", "Photo: Presidential press service",
     "5 min read", "Share this article", "Tweet", "Email", "Tags: Kazakhstan", "* * *", "Leave a comment",
     "You must be logged in", "Log in with your account", "Sign up for our weekly newsletter",
     "delivered to your inbox", "Subscribe", "All rights reserved", "Powered by WordPress", "Like this:",
     "Like Loading"],
)
def test_pasted_chrome_lines_are_blanked(pasted, chrome):
    assert not any(line.startswith(chrome) for line in visible_lines(pasted))


def test_pasted_text_keeps_title_once_byline_body_and_bio(pasted):
    lines = visible_lines(pasted)
    assert lines.count("Why Astana Keeps Its Options Open") == 1
    assert "By Dana Serikbayeva | 12 March 2023" in lines
    assert any(line.startswith("That balance has become harder") for line in lines)
    assert lines[-1].startswith("Dana Serikbayeva is a senior analyst")
    assert_view_keeps_offsets(pasted)


def test_markdown_syntax_is_blanked_and_words_kept():
    analysis = viewed(TEXTS / "briefing.md")
    lines = [" ".join(line.split()) for line in visible_lines(analysis)]
    assert lines[0] == "Power of Siberia 2: Still Waiting"
    assert "By Leonid Vasko and Anna Chen" in lines
    assert "Russia wants a second pipeline to China; China is in no hurry." in lines
    assert "China has other suppliers, including Turkmenistan ." in lines
    assert not any(mark in analysis.view for mark in ("**", "](", "![", "https://", "#"))
    assert re.search(r"through\s+Mongolia\s+\. Gazprom", analysis.view) and "is still  not agreed ." in analysis.view
    assert_view_keeps_offsets(analysis)


def test_trailing_photo_credit_is_cut_from_its_line(tmp_path):
    path = tmp_path / "bio.txt"
    path.write_text(
        "Heading\n\nAna Petrova is a fellow at the Kama Centre. Image credit: CC by Some One/Flickr.\n",
        encoding="utf-8",
    )
    assert visible_lines(viewed(path))[-1] == "Ana Petrova is a fellow at the Kama Centre."


def test_encyclopedia_tagline_edit_links_and_footnote_marks_are_blanked(tmp_path):
    path = tmp_path / "entry.txt"
    path.write_text(
        "Caspian Pipeline Consortium\nFrom Wikipedia, the free encyclopedia\n\n"
        "The consortium carries Kazakh oil to a terminal near Novorossiya on the Black Sea coast, and its owners "
        "include Russian, Kazakh and American companies.[3] It opened in 2001.[12]\n\nHistory[edit]\n"
        "(Photo by Some One/Agency)\n",
        encoding="utf-8",
    )
    lines = [" ".join(line.split()) for line in visible_lines(viewed(path))]
    assert lines[0] == "Caspian Pipeline Consortium" and lines[-1] == "History"
    assert "From Wikipedia" not in " ".join(lines) and "[" not in " ".join(lines) and "Photo" not in " ".join(lines)
    assert lines[1].endswith("companies. It opened in 2001.")


def test_hard_wrapped_paragraphs_read_as_one_unit_and_header_lines_stay_apart():
    analysis = viewed(TEXTS / "hard-wrapped.txt")
    found = units(analysis.view)
    assert [len(u.words) for u in found[:5]] == [6, 6, 3, 52, 32]
    assert found[3].text.startswith("Chinese companies") and found[3].text.endswith("Belt and Road Initiative.")
    assert analysis.view == analysis.source.text


def test_plain_analysis_without_chrome_is_untouched():
    analysis = viewed(TEXTS / "co-authored.txt")
    assert analysis.view == analysis.source.text


# -- the shared corpus: chrome in, none out

# Interface text, whatever the site: prompts (on short lines), widgets, footers, credits, separators.
CHROME_MARKERS = re.compile(
    r"^(?=(?:\S+\s+){0,14}\S+$).*\b(?:log\s?in|register|password|account|e-?mail|newsletter|comment)\b"
    r"|^(?:Back|Discuss|Blog at|Up ↑|Recent Features)$|\bbloggers like this\b|\b(?:Image )?[Cc]redit:|^-{4,}$"
    r"|\s[|]\s.*\s[|]\s",
    re.I,
)


@pytest.fixture(scope="module")
def corpus_views(shared_corpus) -> dict[str, Analysis]:
    return {path.name[:3]: viewed(path) for path in sorted(shared_corpus.glob("*.txt"))}


def test_no_chrome_line_survives_in_the_shared_corpus(corpus_views):
    for key, analysis in corpus_views.items():
        survivors = [line for line in visible_lines(analysis) if CHROME_MARKERS.search(line)]
        assert survivors == [], key
        assert_view_keeps_offsets(analysis)


def test_shared_corpus_keeps_every_paragraph_of_prose(corpus_views):
    for key, analysis in corpus_views.items():
        for unit in units(analysis.source.text):
            if len(unit.words) >= 40:
                shown = analysis.view[unit.start : unit.end].rstrip()
                assert unit.text.startswith(shown) and len(shown) > 0.8 * len(unit.text), (key, unit.start)


def test_shared_corpus_chrome_is_blanked_where_it_is(corpus_views):
    blanked = {key: len(units(a.source.text)) - len(units(a.view)) for key, a in corpus_views.items()}
    assert blanked["000"] == blanked["001"] == 0  # event summaries with no chrome stay whole
    assert blanked["002"] >= 15  # tagline, separator, the login and registration forms
    assert blanked["003"] == 6  # section name, "Recent Features", breadcrumbs, two repeated titles, credit
    assert blanked["004"] == 3  # the blog footer
    repeated = [u.text for u in units(corpus_views["003"].source.text)]
    title = max(set(repeated), key=repeated.count)
    assert repeated.count(title) == 3 and visible_lines(corpus_views["003"]).count(title) == 1


# -- property: whatever the input, the view keeps offsets and spans quote the source

PIECES = [
    "Kazakhstan and China signed a deal on gas in Astana. Russia watched.",
    "By Ana Petrova and Li Wen",
    "Share this article",
    "Home | World | Asia",
    "Image credit: CC by Someone/Flickr.",
    "The SCO at Twenty: What Next?",
    "Ümit Özdemir argued that the Caspian route — slow as it is — will grow.",
    "----",
    "&amp; &#8217; &eacute; &bogus; &notanentity; &#99999999; & <b>bold</b>",
    "<p>A paragraph in <em>markup</em>.</p>",
    "**strong** _em_ [link](http://x.org) # heading",
    "\u00a0\t  ",
    "Dana Abenova is a senior fellow at the Irtysh Institute.",
    "Source: Caspian Ledger",
    "漢字とかな、そして Россия.",
    "\r",
]


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_view_keeps_length_and_spans_quote_the_source(tmp_path, suffix):
    rng = random.Random(suffix)
    for number in range(40):
        pieces = (rng.choice(PIECES) + rng.choice(["\n", "\n\n", " ", ""]) for _ in range(rng.randint(1, 30)))
        text = PIECES[0] + "\n" + "".join(pieces)
        path = tmp_path / f"doc{number}{suffix}"
        path.write_text(text, encoding="utf-8", newline="")
        analysis = read_metadata(segment_sentences(viewed(path)))
        assert_view_keeps_offsets(analysis)
        for sentence in analysis.sentences:
            shown = analysis.view[sentence.start : sentence.end]
            assert shown.strip() and all(v == s or v.isspace() or s == "&" for v, s in zip(shown, analysis.quote(sentence)))
        metadata = analysis.metadata
        for byline in [*metadata.authors, *([metadata.publisher] if metadata.publisher else [])]:
            assert analysis.quote(byline) == byline.name
