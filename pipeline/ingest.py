"""Find the texts of a corpus and read each one exactly as it is."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import charset_normalizer
from charset_normalizer.md import mess_ratio

from eurasia_kg.vocab import document_slug

from .model import SourceText

TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
# An analysis runs to tens or hundreds of kilobytes; a file this big is a dump or a mistake, and
# extracting it would hold the build for an hour and gigabytes of memory.
MAX_FILE_BYTES = 4 * 1024 * 1024


class IngestError(Exception):
    """A file that cannot be read as a text. The message names the file and what to do."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


@dataclass(frozen=True)
class Discovery:
    """The files of a corpus, and what was found that is not a readable text."""

    files: tuple[Path, ...]
    problems: tuple[IngestError, ...]


def discover(paths: Iterable[Path]) -> Discovery:
    """Every text file under `paths` (files or folders), in a stable order, duplicates removed.

    A folder that holds no text at all, and an entry that cannot be a text (a broken or looping
    link, a pipe or device), is reported as a problem; the rest is still found.
    """
    found: dict[Path, None] = {}
    problems: list[IngestError] = []
    for path in paths:
        if path.is_dir():
            before = len(found) + len(problems)
            for file in _walk(path, problems):
                found.setdefault(file.resolve(), None)
            if len(found) + len(problems) == before:
                problems.append(IngestError(path, f"this folder holds no texts ({', '.join(TEXT_SUFFIXES)})"))
        elif path.is_file():
            found.setdefault(path.resolve(), None)
        else:
            problems.append(IngestError(path, _not_a_file(path)))
    return Discovery(tuple(found), tuple(problems))


def _walk(folder: Path, problems: list[IngestError]) -> Iterator[Path]:
    # rglob does not follow links to folders, so a symlink loop cannot hang the build; linked files are read.
    for path in sorted(folder.rglob("*")):
        if path.name.startswith(".") or path.suffix.lower() not in TEXT_SUFFIXES:
            continue
        if path.is_file():
            yield path
        elif not path.is_dir():
            problems.append(IngestError(path, _not_a_file(path) + ", skipped"))


def _not_a_file(path: Path) -> str:
    if path.is_symlink():
        return "is a symbolic link that leads nowhere (broken, or a loop)"
    if path.exists():
        return "is not a regular file (a pipe, socket or device)"
    return "no such file or folder"


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of one file, or IngestError when it is not a regular file, is too big or unreadable."""
    try:
        info = os.stat(path)  # before opening: opening a pipe would wait for a writer
        if not stat.S_ISREG(info.st_mode):
            raise IngestError(path, "is not a regular file (a pipe, socket or device)")
        if info.st_size > limit:
            raise IngestError(
                path,
                f"is {_size(info.st_size)}, more than the {_size(limit)} one text may have; "
                "split it into documents or raise the limit (--max-file-mb)",
            )
        return path.read_bytes()
    except OSError as error:
        raise IngestError(path, f"cannot be read ({error.strerror or error})") from error


def _size(count: int) -> str:
    return f"{count / 2**20:.1f} MB" if count >= 2**20 else f"{count / 2**10:.1f} KB"


def read_source(path: Path, limit: int = MAX_FILE_BYTES) -> SourceText:
    """Read one file as text, or raise IngestError saying why it cannot be."""
    return decode_source(path, read_bytes(path, limit))


def decode_source(path: Path, data: bytes) -> SourceText:
    """The text of a file's bytes (read elsewhere, e.g. by a build that ships them to a worker).

    UTF-8 is tried first; a UTF-16/32 byte-order mark, a charset the HTML declares, or failing
    those a detector (charset-normalizer) names another encoding. Offsets everywhere else count
    code points of the decoded text. Raises IngestError for bytes that are not a text.
    """
    if not data.strip():
        raise IngestError(path, "is empty")
    text, encoding = _decode(path, data)
    if not text.strip():  # e.g. only no-break spaces, or only a byte-order mark
        raise IngestError(path, "is empty (it holds only white space)")
    return SourceText(
        path=path,
        identifier=path.name,
        slug=document_slug(path.name),
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
    )


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    """The text and the name of the encoding it was read with."""
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            return _strict(path, data, encoding), encoding
    if b"\x00" in data:
        raise IngestError(path, "holds NUL bytes: it looks like binary data, not text")
    try:
        return data.decode("utf-8"), "utf-8"  # a BOM stays as U+FEFF: offsets count it, as a reader's would
    except UnicodeDecodeError as error:
        utf8_error = error
    charset = _declared_charset(data) or _detected_charset(data)
    if charset is None:
        raise IngestError(
            path,
            f"is not UTF-8 (byte {utf8_error.start}) and its encoding cannot be told: it looks like binary "
            "data; if it is text, convert it to UTF-8, e.g. `iconv -f cp1252 -t utf-8`",
        )
    text = _strict(path, data, charset)
    if _looks_binary(text):
        raise IngestError(path, "holds control characters throughout: it looks like binary data, not text")
    return text, charset


# UTF-32 first: its little-endian mark begins with UTF-16's.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
_INSIDE_WORD = re.compile(r"(?<=[^\W\d_])[^\x00-\x7f](?=[^\W\d_])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _strict(path: Path, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as error:
        raise IngestError(path, f"cannot be decoded as {encoding} ({error}); convert it to UTF-8") from error


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML file declares near its top, when Python knows it and it reads the bytes."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
        # As browsers do: a page labelled Latin-1 or ASCII is read as Windows-1252, its superset.
        name = "cp1252" if name in ("iso8859-1", "ascii") else name
        data.decode(name)
    except (LookupError, UnicodeDecodeError):
        return None
    return name


def _detected_charset(data: bytes) -> str | None:
    """The detector's choice; Windows-1252 when it reads the bytes at least as cleanly.

    On a short text the detector cannot tell the single-byte code pages apart and ranks them
    arbitrarily; Windows-1252 is by far the most common of them, so it wins a tie.
    """
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return None
    try:
        as_cp1252 = data.decode("cp1252")
    except UnicodeDecodeError:
        return best.encoding
    as_best = str(best)
    cleaner = mess_ratio(as_cp1252) <= best.chaos and _marks_inside_words(as_cp1252) <= _marks_inside_words(as_best)
    return "cp1252" if cleaner else best.encoding


def _marks_inside_words(text: str) -> int:
    """Non-letters wedged between letters ("£ódŸ"): the sign of a wrong single-byte code page."""
    return sum(1 for mark in _INSIDE_WORD.findall(text) if not mark.isalpha() and mark not in "’‘")


def _looks_binary(text: str) -> bool:
    return len(_CONTROL.findall(text)) > max(2, len(text) // 1000)
