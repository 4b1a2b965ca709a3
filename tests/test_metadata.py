"""What a text says about itself: title, authors, year, publisher, and the pieces a bundle holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from eurasia_kg.pipeline.chrome import mask_chrome
from eurasia_kg.pipeline.ingest import read_source
from eurasia_kg.pipeline.lines import units
from eurasia_kg.pipeline.metadata import names_in, publisher_class, read_metadata
from eurasia_kg.pipeline.model import Analysis, Metadata
from eurasia_kg.pipeline.segment import segment_sentences

from .conftest import FIXTURES, text_source

TEXTS = FIXTURES / "texts"


def read(path: Path) -> Analysis:
    return read_metadata(mask_chrome(Analysis(read_source(path))))


def authors(analysis: Analysis) -> list[str]:
    return [byline.name for byline in analysis.metadata.authors]


def title(analysis: Analysis) -> str | None:
    return analysis.quote(analysis.metadata.title) if analysis.metadata.title else None


def assert_spans_quote_names(analysis: Analysis) -> None:
    metadata = analysis.metadata
    bylines = [*metadata.authors, *(b for s in metadata.sections for b in s.authors)]
    bylines += [metadata.publisher] if metadata.publisher else []
    for byline in bylines:
        assert analysis.quote(byline) == byline.name


def write(tmp_path: Path, text: str, name: str = "doc.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- bylines


@pytest.mark.parametrize(
    "line, names",
    [
        ("By Ana Petrova and Li Wen", ["Ana Petrova", "Li Wen"]),
        ("Written by Jeanne L. Wilson.", ["Jeanne L. Wilson"]),
        ("BY JOHN SMITH AND MARY JONES", ["JOHN SMITH", "MARY JONES"]),
        ("By Dr. Omar Haddad, Senior Fellow", ["Omar Haddad"]),
        ("Analysis | By Chloé van der Berg | 3 March 2019", ["Chloé van der Berg"]),
        ("Authors: Aidos Sarym, Nargis Kassenova and Jean-Luc Marchand", ["Aidos Sarym", "Nargis Kassenova", "Jean-Luc Marchand"]),
        ("By Seán O’Brien & Łukasz Nowak", ["Seán O’Brien", "Łukasz Nowak"]),
        ("Commentary by Aidos Sarym and Li Wen", ["Aidos Sarym", "Li Wen"]),
        ("By contrast, Russia sells arms to India.", []),
        ("By 2006 the territorial dispute was resolved.", []),
        ("By Xi Jinping’s own account the talks went well.", []),
        ("By Western standards the deal is small.", []),
    ],
)
def test_bylines(tmp_path, line, names):
    analysis = read(write(tmp_path, f"A Headline for the Test\n{line}\n\nKazakhstan trades with China.\n"))
    assert authors(analysis) == names
    assert_spans_quote_names(analysis)


@pytest.mark.parametrize(
    "header, names, publisher",
    [
        ("By Aruzhan Sadykova, Caspian Wire\nALMATY, 2 May 2022", ["Aruzhan Sadykova"], "Caspian Wire"),
        ("By Aruzhan Sadykova, Senior Fellow", ["Aruzhan Sadykova"], None),
        ("Policy brief | Kama Centre for Strategic Studies | 9 May 2022", [], "Kama Centre for Strategic Studies"),
        ("Posted on 9 May 2022 by Aruzhan Sadykova", ["Aruzhan Sadykova"], None),
        ("Aruzhan Sadykova and Piotr Lis\nSenior fellows, Kama Centre for Strategic Studies", ["Aruzhan Sadykova", "Piotr Lis"], None),
        ("Aruzhan Sadykova and Piotr Lis\nKama Centre for Strategic Studies", ["Aruzhan Sadykova", "Piotr Lis"], None),
        ("Aruzhan Sadykova (Kama Centre) and Piotr Lis (Tartu Rail Institute)", ["Aruzhan Sadykova", "Piotr Lis"], None),
        ("Aruzhan Sadykova¹ and Piotr Lis²", ["Aruzhan Sadykova", "Piotr Lis"], None),
        ("Aruzhan Sadykova, Kama Centre for Strategic Studies; Piotr Lis, Tartu Rail Institute", ["Aruzhan Sadykova", "Piotr Lis"], None),
        ("Aruzhan Sadykova and Piotr Lis", [], None),
        ("Prepared by Aruzhan Sadykova and Piotr Lis", ["Aruzhan Sadykova", "Piotr Lis"], None),
        ("Compiled by the analysis team of the Kama Centre for Strategic Studies", [], "Kama Centre for Strategic Studies"),
        ("Organised by the Kama Centre for Strategic Studies", [], "Kama Centre for Strategic Studies"),
    ],
)
def test_header_lines_name_authors_and_publishers(tmp_path, header, names, publisher):
    body = "Kazakhstan and China opened a new border crossing for freight trains this week. " * 3
    analysis = read(write(tmp_path, f"Trains at the Border\n{header}\n\n{body}\n"))
    assert authors(analysis) == names
    assert (analysis.metadata.publisher.name if analysis.metadata.publisher else None) == publisher
    assert analysis.metadata.year == (2022 if "2022" in header else None)
    assert_spans_quote_names(analysis)


@pytest.mark.parametrize(
    "header, headline, publisher",
    [
        ("Central Asia\nWhy Uranium Ties Astana to Two Capitals\nBy Aruzhan Sadykova", "Why Uranium Ties Astana to Two Capitals", None),
        ("Steppe Weekly Monitor Volume: 4 Issue: 17\nWhy Uranium Ties Astana to Two Capitals", "Why Uranium Ties Astana to Two Capitals", "Steppe Weekly Monitor"),
        ("Kama Centre for Strategic Studies\nCommentary\nWhy Uranium Ties Astana to Two Capitals", "Why Uranium Ties Astana to Two Capitals", "Kama Centre for Strategic Studies"),
    ],
)
def test_title_is_the_headline_not_a_section_label_or_masthead(tmp_path, header, headline, publisher):
    body = "Kazakhstan mines more uranium than any other country and sells it to both China and Russia. " * 3
    analysis = read(write(tmp_path, f"{header}\n\n{body}\n"))
    assert title(analysis) == headline
    assert (analysis.metadata.publisher.name if analysis.metadata.publisher else None) == publisher


def test_an_analysis_that_mentions_a_summit_keeps_its_closing_bio_author(tmp_path):
    body = ("At the SCO summit in Astana, participants agreed to admit Belarus, and the speakers praised the bloc. "
            "Russia and China both backed the enlargement, for reasons of their own, and Iran joined a year earlier.")
    more = "Enlargement has made the organisation slower to decide, since every new member brings its own quarrels."
    text = f"An Enlarged Club\n\n{body}\n\n{more * 2}\n\nAidos Sarym is a research fellow at the Kama Centre.\n"
    assert authors(read(write(tmp_path, text))) == ["Aidos Sarym"]


def test_speakers_listed_in_an_event_header_are_not_authors(tmp_path):
    body = "The panelists discussed freight. Participants agreed that the border is slow and that speakers were right. " * 2
    text = f"Trains at the Border\nAruzhan Sadykova and Piotr Lis\nSenior fellows, Kama Centre for Strategic Studies\n\n{body}\n"
    assert authors(read(write(tmp_path, text))) == []


def test_names_in_a_list_drop_honorifics_and_keep_spans():
    text = "Professor Jingdong Yuan, Dr Natasha Kuhrt and Ms. Li Wen"
    found = names_in(text, offset=100)
    assert [b.name for b in found] == ["Jingdong Yuan", "Natasha Kuhrt", "Li Wen"]
    assert all(text[b.start - 100 : b.end - 100] == b.name for b in found)


def test_news_credits_give_reporters_not_editors_and_the_dateline_year_and_agency():
    analysis = read(TEXTS / "news-item.txt")
    assert authors(analysis) == ["Aliya Temirbek", "Rustam Karimov"]
    assert analysis.metadata.year == 2024
    assert analysis.metadata.publisher.name == "Steppe Wire"
    assert analysis.metadata.publisher_class == "Company"
    assert title(analysis) == "Kyrgyz railway project moves ahead after trilateral deal"  # a headline in sentence case


def test_pasted_page_title_byline_date_and_masthead():
    analysis = read(TEXTS / "pasted-chrome.txt")
    assert title(analysis) == "Why Astana Keeps Its Options Open"
    assert authors(analysis) == ["Dana Serikbayeva"]  # the byline; the closing bio adds nobody new
    assert analysis.metadata.year == 2023
    assert (analysis.metadata.publisher.name, analysis.metadata.publisher_class) == ("Steppe Monitor", "Company")
    assert_spans_quote_names(analysis)


def test_markdown_byline_inside_emphasis_and_published_line():
    analysis = read(TEXTS / "briefing.md")
    assert title(analysis) == "Power of Siberia 2: Still Waiting"
    assert authors(analysis) == ["Leonid Vasko", "Anna Chen"]
    assert analysis.metadata.year == 2023


# -- closing bios: authors, unless the text reports an event


def test_closing_bios_name_the_authors_of_an_unsigned_analysis():
    analysis = read(TEXTS / "co-authored.txt")
    assert authors(analysis) == ["Timur Abenov", "Laura Meissner"]
    assert analysis.metadata.year is None and analysis.metadata.publisher is None


@pytest.mark.parametrize(
    "bio, names",
    [
        ("Dr. Irina Volkova, a senior fellow at the Kama Centre, is the author of two books on Siberia.", ["Irina Volkova"]),
        ("About the author: Irina Volkova is a lecturer in politics at the Vistula School.", ["Irina Volkova"]),
        ("Irina Volkova is a lecturer at the Vistula School. Tomas Brandt is a doctoral student there.", ["Irina Volkova", "Tomas Brandt"]),
        ("Irina Volkova and Tomas Brandt are researchers at the Kama Centre for Strategic Studies.", ["Irina Volkova", "Tomas Brandt"]),
        ("Irina Volkova (@ivolkova) has served as an adviser to two governments.", ["Irina Volkova"]),
        ("Irina Volkova has lived in Almaty for a decade, writing political risk analysis for banks.", ["Irina Volkova"]),
        ("Kazakh Invest is a state agency that promotes foreign investment.", []),
    ],
)
def test_closing_bio_forms(tmp_path, bio, names):
    body = "Siberian gas reaches China through one pipeline, and a second one is still under discussion. " * 3
    analysis = read(write(tmp_path, f"A Second Pipe for Siberian Gas\n\n{body}\n\n{bio}\n"))
    assert authors(analysis) == names
    assert_spans_quote_names(analysis)


@pytest.mark.parametrize(
    "closing, names",
    [
        ("Authors\n\nIrina Volkova, Tomas P. Brandt, and Li Wen.", ["Irina Volkova", "Tomas P. Brandt", "Li Wen"]),
        ("About the authors:\nIrina Volkova\nTomas Brandt", ["Irina Volkova", "Tomas Brandt"]),
        ("Written by\n\nIrina Volkova is a lecturer at the Vistula School.", ["Irina Volkova"]),
        ("Authors\n\nThe views expressed here are their own and do not reflect those of any government.", []),
    ],
)
def test_a_label_line_over_the_names_of_the_authors(tmp_path, closing, names):
    body = "Siberian gas reaches China through one pipeline, and a second one is still under discussion. " * 3
    analysis = read(write(tmp_path, f"A Second Pipe for Siberian Gas\n\n{body}\n\n{closing}\n"))
    assert authors(analysis) == names
    assert_spans_quote_names(analysis)


def test_an_opening_summary_presents_the_authors(tmp_path):
    summary = ("Grain now moves from Kazakhstan to Iran by rail. In this policy brief, Irina Volkova and Tomas Brandt "
               "argue that the route will outlast the sanctions that made it, and say what Europe should do about it.")
    body = "Siberian gas reaches China through one pipeline, and a second one is still under discussion. " * 3
    analysis = read(write(tmp_path, f"{summary}\n\n{body}\n"))
    assert authors(analysis) == ["Irina Volkova", "Tomas Brandt"]


def test_the_office_issuing_a_release_is_its_author(tmp_path):
    body = "The two delegations discussed transit through the Caspian Sea and agreed to meet again in the autumn in Baku."
    analysis = read(write(tmp_path, f"Consultations on Caspian Transit\nOffice of the Press Secretary\n\n{body}\n"))
    assert authors(analysis) == ["Office of the Press Secretary"]
    assert title(analysis) == "Consultations on Caspian Transit"


def test_an_encyclopedia_article_without_a_title_line_is_titled_by_its_lead(tmp_path):
    lead = ("The Caspian Transit Forum (CTF, Russian: Каспийский транзитный форум) is an intergovernmental body of "
            "five states bordering the Caspian Sea that coordinates ports, ferries and tariffs.")
    assert title(read(write(tmp_path, f"{lead}\n\nIt was founded in 2011.\n"))) == "Caspian Transit Forum"


def test_hard_wrapped_text_byline_date_and_bios():
    analysis = read(TEXTS / "hard-wrapped.txt")
    assert title(analysis) == "Private Guards on the Silk Road"
    assert authors(analysis) == ["Timur Abenov", "Laura Meissner"]
    assert analysis.metadata.year == 2024


def test_panelist_bios_of_an_event_summary_are_not_authors():
    analysis = read(TEXTS / "panel-summary.txt")
    assert authors(analysis) == []
    assert title(analysis) == "Gas, Grain and Geopolitics: Central Asia After 2022"
    assert analysis.metadata.year is None  # the event's date is not the document's


def test_a_lone_paragraph_about_a_person_is_no_bio(tmp_path):
    text = "Marat Tazhin\n\nMarat Tazhin is a Kazakh diplomat who served as foreign minister and as an adviser to the president of Kazakhstan for many years.\n"
    assert authors(read(write(tmp_path, text))) == []


def test_a_closing_paragraph_about_someone_the_prose_discussed_is_no_bio(tmp_path):
    body = " ".join(["Wang Yi met his counterparts in Astana to discuss transit and security cooperation in the region."] * 3)
    text = f"Talks in Astana\n\n{body}\n\nWang Yi is the director of the foreign affairs commission office and a former ambassador.\n"
    assert authors(read(write(tmp_path, text))) == []


# -- a bundle of pieces


def test_symposium_sections_have_their_spans_titles_and_authors():
    analysis = read(TEXTS / "symposium.txt")
    metadata = analysis.metadata
    text = analysis.source.text
    assert title(analysis) == "Two Views on the Middle Corridor"
    assert metadata.publisher.name == "Caspian Quarterly Forum" and metadata.year == 2022
    assert authors(analysis) == []  # the editor's note is signed by nobody
    first, second = metadata.sections
    assert [analysis.quote(s.title) for s in (first, second)] == ["A Route Whose Time Has Come", "Bottlenecks Will Win"]
    assert [[b.name for b in s.authors] for s in (first, second)] == [["Ilham Rzayev"], ["Marta Kowalewska"]]
    assert first.start == text.index("A Route Whose Time Has Come")
    assert analysis.quote(first).endswith("Absheron Institute of Transport Policy.")
    assert first.end < second.start and second.end == len(text.rstrip())
    assert "We asked two contributors" not in analysis.quote(first)
    assert_spans_quote_names(analysis)


def test_one_titled_piece_with_a_byline_is_no_bundle():
    analysis = read(TEXTS / "pasted-chrome.txt")
    assert analysis.metadata.sections == ()


# -- HTML


def test_html_title_author_date_and_site_come_from_the_markup():
    analysis = read(TEXTS / "page-with-chrome.html")
    metadata = analysis.metadata
    assert title(analysis) == "Rails Across the Steppe"
    assert authors(analysis) == ["Mirela Osmani"]
    assert metadata.year == 2022
    assert (metadata.publisher.name, metadata.publisher_class) == ("Caspian Ledger", "Company")
    assert_spans_quote_names(analysis)


def test_html_byline_and_date_left_out_of_the_article_are_still_read():
    analysis = read(TEXTS / "div-page.html")
    assert title(analysis) == "Water Politics in the Ferghana Valley"
    assert authors(analysis) == ["Farrukh Tashkentov"]
    assert analysis.metadata.year == 2021
    assert (analysis.metadata.publisher.name, analysis.metadata.publisher_class) == ("Oxus Review", "Company")
    assert_spans_quote_names(analysis)


def test_html_linked_data_and_title_without_site_name(tmp_path):
    page = """<html><head><title>Grain Through the Caspian – Aral Policy Lab</title>
<script type="application/ld+json">{"@type": "Article", "author": [{"@type": "Person", "name": "Saltanat Beketova"},
{"@type": "Person", "name": "Ivo Marić"}], "datePublished": "2021-11-02", "publisher": {"name": "Aral Policy Lab"}}</script>
</head><body><p>Grain from Kazakhstan crosses the Caspian to Baku.</p></body></html>"""
    analysis = read(write(tmp_path, page, "grain.html"))
    metadata = analysis.metadata
    assert title(analysis) == "Grain Through the Caspian"
    assert authors(analysis) == ["Saltanat Beketova", "Ivo Marić"]
    assert metadata.year == 2021
    assert (metadata.publisher.name, metadata.publisher_class) == ("Aral Policy Lab", "Company")
    assert_spans_quote_names(analysis)


def test_html_author_elements_and_a_published_line_without_meta(tmp_path):
    page = """<html><body><article><h1>Ports on the Caspian</h1>
<span class="author-name">By Gulnara Ismailova</span>
<p>Aktau and Kuryk are growing as ferries carry more containers across the sea to Baku and Alat.</p>
<div class="author-bio">Gulnara Ismailova covers Central Asia for the Caspian Desk and studied in Moscow and Central Asia.</div>
<p>Published 4 March 2024</p>
<div class="comment-author">Trolling Reader</div></article></body></html>"""
    analysis = read(write(tmp_path, page, "ports.html"))
    assert title(analysis) == "Ports on the Caspian"
    assert authors(analysis) == ["Gulnara Ismailova"]
    assert analysis.metadata.year == 2024
    assert_spans_quote_names(analysis)


@pytest.mark.parametrize(
    "name, cls",
    [("Carnegie Moscow Center", "ResearchOrganization"), ("University of Sydney", "ResearchOrganization"),
     ("Center for Security Studies", "ResearchOrganization"), ("The Diplomat", "Company"),
     ("Steppe & Sea Review", "Company")],
)
def test_publisher_class(name, cls):
    assert publisher_class(name) == cls


# -- the shared corpus


@pytest.fixture(scope="module")
def corpus(shared_corpus) -> dict[str, Analysis]:
    return {path.name[:3]: read(path) for path in sorted(shared_corpus.glob("*.txt"))}


def test_event_summaries_have_no_authors_and_no_title(corpus):
    for key in ("000", "001"):
        assert corpus[key].metadata == Metadata(), key  # 000 ends with six panelists' bios: participants


def test_analysis_with_a_source_line(corpus):
    analysis = corpus["002"]
    assert authors(analysis) == []
    assert (analysis.metadata.publisher.name, analysis.metadata.publisher_class) == ("Carnegie Moscow Center", "ResearchOrganization")
    first_visible = units(analysis.view)[0]  # the tagline above it is chrome
    title_span = analysis.metadata.title
    assert (title_span.start, title_span.end) == (first_visible.start, first_visible.end)


def test_magazine_analysis_with_a_closing_bio(corpus):
    analysis = corpus["003"]
    assert authors(analysis) == ["Benno Zogg"]
    lines = [u.text for u in units(analysis.source.text)]
    repeated = max(set(lines), key=lines.count)  # the title, repeated by the page as heading and caption
    assert title(analysis) == repeated and analysis.metadata.publisher is None


def test_blog_bundle_has_six_pieces_each_with_its_author(corpus):
    analysis = corpus["004"]
    metadata = analysis.metadata
    assert [[b.name for b in s.authors] for s in metadata.sections] == [
        ["Jingdong Yuan"], ["Natasha Kuhrt"], ["Jeanne L. Wilson"], ["Christopher Marsh"], ["James C. Hsiung"], ["Gilbert Rozman"],
    ]
    assert (metadata.publisher.name, metadata.publisher_class) == ("China Policy Institute", "ResearchOrganization")
    for section, following in zip(metadata.sections, metadata.sections[1:]):
        assert section.end < following.start
        between = analysis.view[section.end : following.start]
        assert not between.strip()  # nothing of the text falls between two pieces
    for section in metadata.sections:
        piece = " ".join(analysis.quote(section).split())
        assert piece.startswith(" ".join(analysis.quote(section.title).split()))
        assert f"Written by {section.authors[0].name}" in piece
        assert section.authors[0].name.split()[-1][:4] in piece[-2000:]  # the piece ends with its author's bio
    assert_spans_quote_names(analysis)


@pytest.mark.parametrize(
    "header, names",
    [
        ("Irina Volkova, Senior Fellow, Kama Centre for Strategic Studies", ["Irina Volkova"]),
        ("Irina Volkova and Tomas Brandt | Vistula School of Economics", ["Irina Volkova", "Tomas Brandt"]),
        ("Irina Volkova\n14 March 2023", ["Irina Volkova"]),
        ("Kassym Tulegen, President of Kazakhstan", []),
        ("Irina Volkova is a senior fellow at the Kama Centre.", ["Irina Volkova"]),
    ],
)
def test_a_header_line_of_names_with_a_role_or_over_a_date(tmp_path, header, names):
    body = "Siberian gas reaches China through one pipeline, and a second one is still under discussion. " * 3
    analysis = read(write(tmp_path, f"A Second Pipe for Siberian Gas\n{header}\n\n{body}\n"))
    assert authors(analysis) == names
    assert title(analysis) == "A Second Pipe for Siberian Gas"


def test_a_summary_naming_the_piece_by_its_authors(tmp_path):
    summary = ("This policy brief, written by Irina Volkova and Tomas Brandt, looks at grain moving from Kazakhstan "
               "to Iran by rail and at what the new route means for the ports of the Caspian Sea.")
    body = "Siberian gas reaches China through one pipeline, and a second one is still under discussion. " * 3
    assert authors(read(write(tmp_path, f"{summary}\n\n{body}\n"))) == ["Irina Volkova", "Tomas Brandt"]


_BODY = ("\n\nKazakhstan and Uzbekistan have drawn closer since 2016, and their trade shows it. The two "
         "governments now meet each quarter, and few expect the pace to slow.\n\nTashkent is the clearest "
         "case of this change, as its new rail links show.\n")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A quiet thaw on the steppe\nBy Nomad\n" + _BODY, ["Nomad"]),
        ("A quiet thaw on the steppe\nBy Nomad | 3 May 2024\n" + _BODY, ["Nomad"]),
        ("A quiet thaw on the steppe\n" + _BODY + "\n— Nomad\n", ["Nomad"]),
        ("A quiet thaw on the steppe\n" + _BODY + "\nMaria Santos\n", ["Maria Santos"]),
        ("A quiet thaw on the steppe\nBy Maria Santos, Steppe Policy Institute, and Omar Haddad, Caspian House\n"
         + _BODY, ["Maria Santos", "Omar Haddad"]),
        ("A quiet thaw on the steppe\nBy Maria Santos, a senior fellow at the Steppe Policy Institute in Almaty, "
         "and Omar Haddad, director of the Caspian programme at a university in the United States\n" + _BODY,
         ["Maria Santos", "Omar Haddad"]),
        ("A quiet thaw on the steppe\nBy Maria Santos, Omar Haddad and Li Wei\n" + _BODY,
         ["Maria Santos", "Omar Haddad", "Li Wei"]),
        ("A quiet thaw on the steppe\n" + _BODY + "\nRelated Articles\n", []),
        ("A quiet thaw on the steppe\nMaria Santos | 12 May 2023\n" + _BODY, ["Maria Santos"]),
        ("A quiet thaw on the steppe\nNomad | 12 May 2023\n" + _BODY, ["Nomad"]),
        ("A quiet thaw on the steppe\nNomad\n12 May 2023\n" + _BODY, ["Nomad"]),
        ("A quiet thaw on the steppe\nAnalysis | 12 May 2023\n" + _BODY, []),
        ("A quiet thaw on the steppe\nBy Christmas, the deal was done.\n" + _BODY, []),
        ("A quiet thaw on the steppe\n12 May 2023 · Maria Santos and Omar Haddad\n" + _BODY,
         ["Maria Santos", "Omar Haddad"]),
        ("A quiet thaw on the steppe\nMaria Santos, Senior Fellow\n" + _BODY, ["Maria Santos"]),
        ("A quiet thaw on the steppe\nCommentary\nMaria Santos and Omar Haddad\nMay 2023\n" + _BODY,
         ["Maria Santos", "Omar Haddad"]),
        ("A quiet thaw on the steppe\nMaria Santos and Omar Haddad\n" + _BODY, ["Maria Santos", "Omar Haddad"]),
        ("A quiet thaw on the steppe\nAuthored by Maria Santos\n" + _BODY, ["Maria Santos"]),
        ("A quiet thaw on the steppe\nWritten by Maria Santos (Steppe Institute) and Omar Haddad (Caspian Forum)\n"
         + _BODY, ["Maria Santos", "Omar Haddad"]),
        ("A quiet thaw on the steppe\n" + _BODY + "\n(Maria Santos is a journalist based in Almaty.)\n",
         ["Maria Santos"]),
        ("A quiet thaw on the steppe\n" + _BODY + "\nThe author, Maria Santos, is a fellow at the Steppe Institute.\n",
         ["Maria Santos"]),
    ],
)
def test_pen_names_signatures_and_bylines_with_affiliations(text, expected):
    metadata = read_metadata(segment_sentences(Analysis(text_source(text)))).metadata
    assert [a.name for a in metadata.authors] == expected


def test_an_official_text_names_the_body_that_issues_it_as_publisher():
    text = ("Talks on transit through the Caspian\nOffice of the Spokesperson\nThe following is the text of a joint "
            "statement by the Ministry of Foreign Affairs of Kazakhstan and the Ministry of Transport of Azerbaijan.\n"
            + _BODY)
    metadata = read_metadata(segment_sentences(Analysis(text_source(text)))).metadata
    assert metadata.publisher.name == "Ministry of Foreign Affairs of Kazakhstan"
    assert [a.name for a in metadata.authors] == ["Office of the Spokesperson"]
