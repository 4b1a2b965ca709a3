"""Split a text into sentences with spaCy.

An installed English model is used when present (its parser finds sentence boundaries); otherwise
a blank English pipeline with the rule-based sentencizer, which needs no download. Text is fed in
blocks separated by blank lines, so a long file never becomes one huge spaCy Doc and offsets are
shifted back by the block's start.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Iterator

import spacy
from spacy.lang.en import English
from spacy.language import Language

from .model import Analysis, Sentence
from .patterns import tokenizer

_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_MAX_BLOCK = 100_000  # characters; longer blocks (no blank lines) are cut at line ends


@lru_cache(maxsize=1)
def sentence_splitter() -> Language:
    """The spaCy pipeline used for sentences: a model if installed, else blank English rules."""
    for model in ("en_core_web_sm", "en_core_web_md", "en_core_web_lg"):
        try:
            return spacy.load(model, exclude=["ner", "lemmatizer", "textcat"])
        except OSError:
            continue
    # spaCy's English tokenizer, shared with the name discoverer: each one made costs a tenth of a
    # second (its 1,300 exceptions), in every build and in every worker that does not inherit it
    words = tokenizer()
    nlp = English(vocab=words.vocab, create_tokenizer=lambda _: words)
    nlp.add_pipe("sentencizer")
    return nlp


def splitter_description() -> str:
    """Which sentence splitter `sentence_splitter` loads, as a line of text: a model's name and version,
    or spaCy's blank English rules. An installed model changes the sentences, so the extraction's
    fingerprint includes this."""
    nlp = sentence_splitter()
    meta = nlp.meta
    return f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')} ({', '.join(nlp.pipe_names)}; spaCy {spacy.__version__})"


def blocks(text: str) -> Iterator[tuple[int, str]]:
    """(offset, block) for each paragraph-like block of text, blank ones left out."""
    start = 0
    for separator in _BLANK_LINES.finditer(text):
        yield from _cut_long(start, text[start : separator.start()])
        start = separator.end()
    yield from _cut_long(start, text[start:])


def _cut_long(start: int, block: str) -> Iterator[tuple[int, str]]:
    while len(block) > _MAX_BLOCK:
        cut = block.rfind("\n", 0, _MAX_BLOCK) + 1 or _MAX_BLOCK
        yield start, block[:cut]
        start, block = start + cut, block[cut:]
    if block.strip():
        yield start, block


def segment_sentences(analysis: Analysis) -> Analysis:
    """Pipeline component: fill `sentences`, trimmed of surrounding whitespace."""
    nlp = sentence_splitter()
    parts = list(blocks(analysis.view))
    sentences: list[Sentence] = []
    for (offset, _), doc in zip(parts, nlp.pipe(block for _, block in parts)):
        for sent in doc.sents:
            text = sent.text
            stripped = text.strip()
            if stripped:
                lead = len(text) - len(text.lstrip())
                start = offset + sent.start_char + lead
                sentences.append(Sentence(start, start + len(stripped)))
    return replace(analysis, sentences=tuple(sentences))
