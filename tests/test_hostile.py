"""Anything a user's folder can hold: each bad file is named with its problem, and the rest builds."""

from __future__ import annotations

import ctypes
import os
import re
from pathlib import Path

import pytest

from eurasia_kg.corpus import CORPUS_DIR
from eurasia_kg.graph import query
from eurasia_kg.graph.store import StoreFolder
from eurasia_kg.queries import QUERIES_DIR

from .conftest import run_cli

GOOD = (CORPUS_DIR / "01-sco-at-twenty.txt").read_text(encoding="utf-8")
PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Astana talks</title></head>
<body><nav><a href="/">Home</a> | <a href="/about">About us</a> | <a href="/subscribe">Subscribe</a></nav>
<article><h1>Astana talks</h1>
<p>Kazakhstan hosted a meeting of the Shanghai Cooperation Organization in Astana, where the delegations
of China and Russia discussed transit corridors across the Caspian Sea.</p>
<p>Uzbekistan asked for more rail links to the ports of the Caspian.</p></article>
<footer>© 2024 Example Review. All rights reserved.</footer></body></html>
"""


def loaded_documents(store: Path) -> set[str]:
    columns, table = query.rows(query.run(StoreFolder(store).open(), query.resolve("documents", QUERIES_DIR)))
    return {row[columns.index("document")] for row in table}


def problem_of(output: str, name: str) -> str:
    """The problem the build printed for the file called `name`."""
    match = re.search(rf"{re.escape(name)}: (.*)", output)
    assert match, f"{name} is not named in the output:\n{output}"
    return match.group(1)


def without_file_permission_override() -> None:
    """In a child process: drop root's power to read any file, so that a mode-000 file is unreadable."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        libc.prctl(24, capability, 0, 0, 0)  # PR_CAPBSET_DROP; fails harmlessly when not root


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, Path, str]:
    """A folder holding one of everything, built once; (folder, store, what the build printed)."""
    root = tmp_path_factory.mktemp("hostile")
    texts = root / "texts"
    texts.mkdir()
    (texts / "good.txt").write_text(GOOD, encoding="utf-8")
    (texts / "empty.txt").write_bytes(b"")
    (texts / "blank.md").write_text("  \n\n\t\n", encoding="utf-8")
    (texts / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (texts / "noise.txt").write_bytes(bytes((i * 151 + 7) % 127 + 128 for i in range(4000)))
    (texts / "nul.txt").write_bytes(b"Kazakhstan and China\x00 signed an agreement.\n")
    (texts / "latin-1.txt").write_bytes("Müller's café in Zürich: Kazakhstan joined the SCO in 2001.\n".encode("latin-1"))
    (texts / "windows-1252.txt").write_bytes("“Russia and China”, said the report – a €5 billion deal.\n".encode("cp1252"))
    with open(texts / "huge.txt", "w", encoding="utf-8") as huge:
        line = "Kazakhstan and Russia discussed a pipeline across the steppe. " * 16 + "\n"
        for _ in range(50 * 2**20 // len(line) + 1):
            huge.write(line)
    (texts / "page.txt").write_text(PAGE, encoding="utf-8")  # HTML under a .txt name
    (texts / "caspian.html").write_text(PAGE.replace("Astana talks", "Caspian talks"), encoding="utf-8")
    (texts / "name with spaces – Ünïcödé 中文.txt").write_text(GOOD.replace("SCO", "the SCO"), encoding="utf-8")
    (texts / "loop-a.txt").symlink_to(texts / "loop-b.txt")
    (texts / "loop-b.txt").symlink_to(texts / "loop-a.txt")
    (texts / "nested").mkdir()
    (texts / "nested" / "back").symlink_to(texts, target_is_directory=True)  # a folder loop
    os.mkfifo(texts / "pipe.txt")
    (texts / "locked.txt").write_text(GOOD, encoding="utf-8")
    (texts / "locked.txt").chmod(0)
    (root / "no-texts").mkdir()
    (root / "no-texts" / "notes.docx").write_bytes(b"PK\x03\x04")
    store = root / "store"
    result = run_cli("build", str(texts), str(root / "no-texts"), "--store", str(store), "--reasoner", "off",
                     check=False, timeout=600, preexec_fn=without_file_permission_override)
    assert result.returncode == 3, result.stdout + result.stderr  # partial: some loaded, some not
    return texts, store, result.stdout


@pytest.mark.parametrize("name, problem", [
    ("empty.txt", "is empty"),
    ("blank.md", "is empty"),
    ("binary.txt", "NUL bytes"),
    ("noise.txt", "binary"),
    ("nul.txt", "NUL bytes"),
    ("huge.txt", "is 50.0 MB, more than the 4.0 MB one text may have"),
    ("loop-a.txt", "symbolic link that leads nowhere"),
    ("loop-b.txt", "symbolic link that leads nowhere"),
    ("pipe.txt", "not a regular file"),
    ("locked.txt", "cannot be read (Permission denied)"),
    ("no-texts", "holds no texts"),
])
def test_each_bad_input_is_named_with_its_problem(hostile, name, problem):
    _, _, output = hostile
    assert problem in problem_of(output, name)


def test_the_rest_of_the_corpus_builds(hostile):
    _, store, output = hostile
    assert loaded_documents(store) == {
        "good.txt", "latin-1.txt", "windows-1252.txt", "page.txt", "caspian.html", "name with spaces – Ünïcödé 中文.txt",
    }
    assert "6 document(s) loaded" in output


def test_single_byte_encodings_are_read_and_said(hostile):
    _, store, output = hostile
    assert "latin-1.txt: not UTF-8, read as cp1252" in output
    assert "windows-1252.txt: not UTF-8, read as cp1252" in output
    rows = query.run(StoreFolder(store).open(), query.resolve("mentions", QUERIES_DIR), {"document": "latin-1.txt"})
    columns, table = query.rows(rows)
    assert "Kazakhstan" in {row[columns.index("label")] for row in table}


def test_an_html_page_is_read_without_its_navigation(hostile):
    _, store, _ = hostile
    answer = StoreFolder(store).open().query(
        """PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?exact WHERE { GRAPH ?g { ?doc dcterms:identifier "page.txt" . ?t oa:hasSource ?doc ;
          oa:hasSelector ?q . ?q oa:exact ?exact } }""")
    quotes = {row["exact"].value for row in answer}
    assert "Kazakhstan" in quotes and not any("Subscribe" in quote for quote in quotes)


def test_a_corpus_of_bad_files_only_fails_and_keeps_no_store(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "empty.txt").write_bytes(b"")
    (texts / "binary.txt").write_bytes(b"\x00\xff" * 100)
    result = run_cli("build", str(texts), "--store", str(tmp_path / "store"), "--reasoner", "off", check=False)
    assert result.returncode == 1
    assert "no document could be loaded" in result.stderr and "empty.txt" in result.stderr
    assert not (tmp_path / "store" / "current").exists()


def test_the_size_limit_can_be_raised(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "long.txt").write_text(GOOD, encoding="utf-8")
    small = run_cli("build", str(texts), "--store", str(tmp_path / "a"), "--reasoner", "off", "--max-file-mb", "0.001",
                    check=False)
    assert small.returncode == 1 and "is 3.0 KB, more than the 1.0 KB" in small.stderr
    run_cli("build", str(texts), "--store", str(tmp_path / "b"), "--reasoner", "off", "--max-file-mb", "1")
    assert loaded_documents(tmp_path / "b") == {"long.txt"}
