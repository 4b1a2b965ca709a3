"""Synthetic corpora of any size, for benchmarks: `python -m bench.synthetic FOLDER --documents 100`.

Each document recombines sentences of the embedded sample corpus (our own texts) into new
paragraphs under a header (title, byline, publisher and date lines) taken from one of them, and
renames the people and bodies it names: within a run of capitalised words, every word the
reference data does not use becomes an invented word, the same one throughout the document. So
documents differ, new entities keep appearing as the corpus grows, and the known states and
organisations are still recognised. The same seed gives the same corpus.
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import RDFS, SKOS
from spacy.lang.en.stop_words import STOP_WORDS

from eurasia_kg.corpus import CORPUS_DIR
from eurasia_kg.ontology import reference_files

HEADER_LINES = 3  # title; byline or panel; publisher and date
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"‘])")
_NAME_RUN = re.compile(r"\b[A-Z][\w’'-]+(?:\s+(?:of|for|the|and|de)?\s*[A-Z][\w’'-]+)+")
_WORD = re.compile(r"[A-Z][\w’'-]+")
_SYLLABLES = ("ka", "lo", "mi", "ra", "ten", "vo", "sha", "dar", "bek", "nu", "zor", "el", "an", "tu", "ris", "gal")


@dataclass(frozen=True)
class Source:
    """One embedded document, cut into its header lines and its body's paragraphs of sentences."""

    header: tuple[str, ...]
    paragraphs: tuple[tuple[str, ...], ...]


def generate(folder: Path, documents: int, seed: int = 0) -> list[Path]:
    """Write `documents` synthetic texts into `folder` (created if needed); returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = _sources()
    sentences = [sentence for source in sources for paragraph in source.paragraphs for sentence in paragraph]
    paths = []
    for number in range(documents):
        chance = random.Random(f"{seed}-{number}")
        header = chance.choice(sources).header
        paragraphs = [" ".join(chance.sample(sentences, chance.randint(2, 5))) for _ in range(chance.randint(6, 9))]
        text = _rename("\n".join(header) + "\n\n" + "\n\n".join(paragraphs) + "\n", chance)
        path = folder / f"synthetic-{number:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def change(path: Path, seed: int = 1) -> None:
    """Edit one synthetic document as an author would: a paragraph replaced by other sentences."""
    chance = random.Random(f"change-{seed}")
    sentences = [sentence for source in _sources() for paragraph in source.paragraphs for sentence in paragraph]
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    paragraphs = body.split("\n\n")
    paragraphs[chance.randrange(len(paragraphs))] = " ".join(chance.sample(sentences, 3))
    path.write_text(head + "\n\n" + "\n\n".join(paragraphs), encoding="utf-8")


@cache
def _sources() -> tuple[Source, ...]:
    sources = []
    for path in sorted(CORPUS_DIR.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        body = "\n".join(lines[HEADER_LINES:])
        paragraphs = tuple(
            tuple(_SENTENCE_END.split(" ".join(block.split())))
            for block in re.split(r"\n\s*\n", body)
            if len(block.split()) > 6  # headings and short labels stay with their documents
        )
        sources.append(Source(tuple(lines[:HEADER_LINES]), paragraphs))
    return tuple(sources)


@cache
def _known_words() -> frozenset[str]:
    """Words kept as they are: those of a name or alias in the reference data (known entities stay
    recognisable), and those the sample corpus also writes in lower case (ordinary words)."""
    graph = Graph()
    for file in reference_files():
        graph.parse(file, format="turtle")
    names = [str(name) for predicate in (RDFS.label, SKOS.altLabel) for name in graph.objects(None, predicate)
             if isinstance(name, Literal)]
    texts = " ".join(path.read_text(encoding="utf-8") for path in CORPUS_DIR.glob("*.txt"))
    lower = set(re.findall(r"\b[a-z][\w’'-]*", texts)) | set(STOP_WORDS)
    ordinary = {word for word in re.findall(r"\b[A-Z][\w’'-]*", texts) if word.lower() in lower}
    return frozenset(word for name in names for word in _WORD.findall(name)) | ordinary


def _rename(text: str, chance: random.Random) -> str:
    """The text with unknown words of capitalised name runs replaced, consistently, by invented ones."""
    invented: dict[str, str] = {}
    known = _known_words()

    def new_word(word: str) -> str:
        if word not in invented:
            invented[word] = "".join(chance.choice(_SYLLABLES) for _ in range(max(2, len(word) // 3))).capitalize()
        return invented[word]

    def rename_run(match: re.Match) -> str:
        return _WORD.sub(lambda word: word[0] if word[0] in known else new_word(word[0]), match[0])

    return _NAME_RUN.sub(rename_run, text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    arguments = parser.parse_args()
    paths = generate(arguments.folder, arguments.documents, arguments.seed)
    print(f"wrote {len(paths)} documents to {arguments.folder}")


if __name__ == "__main__":
    main()
