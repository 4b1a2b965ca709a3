"""Find the texts of a corpus and read each one exactly as it is."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from eurasia_kg.vocab import document_slug

from .model import SourceText

TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")


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
    """Every text file under `paths` (files or folders), in a stable order, duplicates removed."""
    found: dict[Path, None] = {}
    problems: list[IngestError] = []
    for path in paths:
        if path.is_dir():
            for file in _walk(path, problems):
                found.setdefault(file.resolve(), None)
        elif path.is_file():
            found.setdefault(path.resolve(), None)
        else:
            problems.append(IngestError(path, "no such file or folder"))
    return Discovery(tuple(found), tuple(problems))


def _walk(folder: Path, problems: list[IngestError]) -> Iterator[Path]:
    # followlinks=False: a symlink loop must not hang the build; linked files are still read.
    for path in sorted(folder.rglob("*")):
        if path.name.startswith(".") or path.suffix.lower() not in TEXT_SUFFIXES:
            continue
        if path.is_file():
            yield path
        elif not path.exists():
            problems.append(IngestError(path, "broken link or unreadable entry, skipped"))


def read_source(path: Path) -> SourceText:
    """Read one file as UTF-8 text, or raise IngestError saying why it cannot be."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise IngestError(path, f"cannot be read ({error.strerror or error})") from error
    if not data.strip():
        raise IngestError(path, "is empty")
    if b"\x00" in data:
        raise IngestError(path, "holds NUL bytes: it looks like binary data, not text")
    try:
        text = data.decode("utf-8")  # a BOM stays as U+FEFF: offsets count it, as a reader's would
    except UnicodeDecodeError as error:
        raise IngestError(
            path, f"is not UTF-8 (byte {error.start}); convert it, e.g. `iconv -f cp1252 -t utf-8`"
        ) from error
    return SourceText(
        path=path,
        identifier=path.name,
        slug=document_slug(path.name),
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
    )
