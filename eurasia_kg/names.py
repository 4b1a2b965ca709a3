"""How names are folded so that the ways one name is written meet: one primitive, and the keys built on it.

Every wing folds names: the pipeline to match a text's words against its word lists, the linker to
compare a document's names with Wikidata's labels, the IRIs to stay ASCII, the evaluation to find a
gold entity under a predicted name. They share `ascii_fold` (accents gone, other scripts dropped) and
differ only in what they do around it, each for the reason its docstring gives.

>>> fold("Xi Jinping's  Belt-and-Road")
'xi jinpings belt and road'
>>> name_key("The Shanghai Cooperation Organisation") == name_key("shanghai cooperation organisation")
True
"""

from __future__ import annotations

import re
import unicodedata


def ascii_fold(text: str) -> str:
    """The text in ASCII: accented letters lose their accents, characters with no ASCII form go.

    >>> ascii_fold("Türkmenbaşy, Almaty")
    'Turkmenbasy, Almaty'
    """
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def fold(text: str) -> str:
    """Lower case, accents and apostrophes gone, every run of other marks one space.

    An apostrophe joins ("Xi'an" and "Xian" meet); the word lists of pipeline/patterns.py are
    compared in this form.

    >>> fold("Ürümqi's Rail-Port")
    'urumqis rail port'
    """
    ascii_text = re.sub(r"['`]", "", ascii_fold(text).lower())
    return re.sub(r"[^a-z0-9]+", " ", ascii_text).strip()


def name_key(name: str) -> str:
    """A name folded for comparison with another source's labels: no accents, case, punctuation or
    leading 'the'.

    Unlike `fold`, every mark (an apostrophe, a dash, a combining accent written apart) separates
    words before folding, as labels from other sources write them either way.

    >>> name_key("The Eurasian Economic Union")
    'eurasian economic union'
    >>> name_key("Xi'an")
    'xi an'
    """
    words = fold(re.sub(r"[\W_]+", " ", name)).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)
