"""Reading files: texts exactly as written, in whatever common encoding, and clear errors for the rest."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from eurasia_kg.pipeline.ingest import IngestError, discover, read_source

from .conftest import FIXTURES

TEXTS = FIXTURES / "texts"


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_read_source_keeps_text_exactly(tmp_path):
    source = read_source(write(tmp_path, "a note.txt", "\ufeffLine one\r\nLine two\n"))
    assert source.text == "\ufeffLine one\r\nLine two\n"
    assert source.identifier == "a note.txt"
    assert source.encoding == "utf-8"
    assert source.slug.startswith("a-note-") and len(source.sha256) == 64


def test_latin1_file_is_decoded_and_its_encoding_recorded():
    source = read_source(TEXTS / "corridor-latin1.txt")
    assert source.text.startswith("Le corridor du Milieu\nPar Hélène Dufresne\n")
    assert "À Aktaou" in source.text and "Géorgie" in source.text
    # Latin-1 is read as its superset Windows-1252: the same text for every printable byte.
    assert source.encoding in ("cp1252", "iso8859-1")


def test_windows_1252_file_keeps_its_quotes_dashes_and_euro_sign():
    source = read_source(TEXTS / "corridor-cp1252.txt")
    assert source.encoding == "cp1252"
    assert "Steppe Ledger – Notes on the “Middle Corridor”" in source.text
    assert "Kazakhstan’s" in source.text and "€1 billion" in source.text


def test_offsets_count_decoded_characters_not_bytes():
    source = read_source(TEXTS / "corridor-latin1.txt")
    start = source.text.index("Hélène Dufresne")
    assert source.text[start : start + 15] == "Hélène Dufresne"
    assert len(source.text) == (TEXTS / "corridor-latin1.txt").stat().st_size  # one byte per character


@pytest.mark.parametrize(
    "text, encoding",
    [
        ("Россия и Китай подписали новое соглашение о поставках газа через Казахстан.", "cp1251"),
        ("Příliš žluťoučký kůň úpěl ďábelské ódy o Kazachstánu.", "cp1250"),
    ],
)
def test_other_single_byte_encodings_are_detected(tmp_path, text, encoding):
    source = read_source(write(tmp_path, "note.txt", text.encode(encoding)))
    assert (source.text, source.encoding) == (text, encoding)


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_utf16_with_byte_order_mark_is_read_despite_its_zero_bytes(tmp_path, encoding, bom):
    source = read_source(write(tmp_path, "wide.txt", bom + "Astana, 2024".encode(encoding)))
    assert (source.text, source.encoding) == ("Astana, 2024", "utf-16")


def test_html_declared_charset_is_honoured(tmp_path):
    page = '<html><head><meta charset="windows-1251"></head><body><p>Новый шёлковый путь</p></body></html>'
    source = read_source(write(tmp_path, "page.html", page.encode("cp1251")))
    assert "Новый шёлковый путь" in source.text and source.encoding == "cp1251"


def test_binary_file_named_txt_is_refused_by_name():
    path = TEXTS / "scanned-page.txt"
    with pytest.raises(IngestError) as caught:
        read_source(path)
    message = str(caught.value)
    assert str(path) in message and "binary" in message


@pytest.mark.parametrize(
    "content, problem",
    [(b"", "is empty"), (b"  \n", "is empty"), (b"abc\x00def", "NUL bytes"), (b"ab\x01\x02\x03\x04\x05cd\xff\xfe\x01\x02", "binary")],
)
def test_unreadable_files_say_why(tmp_path, content, problem):
    path = write(tmp_path, "bad.txt", content)
    with pytest.raises(IngestError) as caught:
        read_source(path)
    assert problem in str(caught.value) and str(path) in str(caught.value)


def test_discover_finds_texts_in_stable_order_and_reports_missing(tmp_path):
    write(tmp_path, "b.txt", "x")
    write(tmp_path, "a.md", "x")
    write(tmp_path, "skip.pdf", "x")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "c.html", "<p>x</p>")
    write(tmp_path / "sub", "d.htm", "<p>x</p>")
    found = discover([tmp_path, tmp_path / "missing"])
    assert [p.name for p in found.files] == ["a.md", "b.txt", "c.html", "d.htm"]
    assert "no such file" in str(found.problems[0])
