"""Each named strategy decides on a case written for it, and the result names it (pipeline/strategies.py).

The strategies are tried in order, so each case is written so that no strategy before it decides:
the publisher of a text, the subject a quantity measures, the speaker before a reporting verb.
"""

from __future__ import annotations

import pytest

from eurasia_kg.pipeline.chrome import mask_chrome
from eurasia_kg.pipeline.metadata import PAGE_PUBLISHER_STRATEGIES, TEXT_PUBLISHER_STRATEGIES, read_metadata
from eurasia_kg.pipeline.model import Analysis
from eurasia_kg.pipeline.quantities import SUBJECT_STRATEGIES, read_quantities
from eurasia_kg.pipeline.segment import segment_sentences
from eurasia_kg.pipeline.speakers import (
    MENTIONED_SPEAKER_STRATEGIES,
    SPEAKER_STRATEGIES,
    UNMENTIONED_SPEAKER_STRATEGIES,
    find_frame,
)
from eurasia_kg.pipeline.strategies import first_found, strategy_name

from .conftest import text_source

BODY = "Kazakhstan and China opened a new border crossing for freight trains this week. " * 3
_PAGE_BODY = "<body><p>Grain from Kazakhstan crosses the Caspian to Baku.</p></body></html>"

PUBLISHERS = {
    "source-line": ("note.txt", f"Trains at the Border\n\n{BODY}\n\nSource: Caspian Ledger\n", "Caspian Ledger"),
    "maker-in-header": ("note.txt", f"Trains at the Border\nOrganised by the Kama Centre for Strategic Studies\n\n{BODY}\n",
                        "Kama Centre for Strategic Studies"),
    "releasing-body": ("note.txt", "Trains at the Border\nWhat follows is a statement issued by the Ministry of Transport "
                       f"of Kazakhstan and its partners.\n\n{BODY}\n", "Ministry of Transport of Kazakhstan"),
    "dateline-agency": ("note.txt", f"Trains at the Border\n\nALMATY, 2 May 2022 (Steppe Wire) — {BODY}\n", "Steppe Wire"),
    "dated-masthead": ("note.txt", f"Trains at the Border\nPolicy brief | Kama Centre for Strategic Studies | 9 May 2022\n\n{BODY}\n",
                       "Kama Centre for Strategic Studies"),
    "outlet-after-byline": ("note.txt", f"Trains at the Border\nBy Aruzhan Sadykova, Caspian Wire\n\n{BODY}\n", "Caspian Wire"),
    "masthead": ("note.txt", f"Steppe Weekly Monitor Volume: 4 Issue: 17\nWhy Uranium Ties Astana to Two Capitals\n\n{BODY}\n",
                 "Steppe Weekly Monitor"),
    "publisher-meta-tag": ("page.html", '<html><head><title>Grain</title><meta property="og:site_name" '
                           f'content="Aral Policy Lab"></head>{_PAGE_BODY}', "Aral Policy Lab"),
    "publisher-linked-data": ("page.html", '<html><head><title>Grain</title><script type="application/ld+json">'
                              f'{{"@type": "Article", "publisher": {{"name": "Aral Policy Lab"}}}}</script></head>{_PAGE_BODY}',
                              "Aral Policy Lab"),
    "site-in-page-title": ("page.html", f"<html><head><title>Grain Through the Caspian – Aral Policy Lab</title></head>{_PAGE_BODY}",
                           "Aral Policy Lab"),
}

SUBJECTS = {
    "of-suited-class": ("Russia ships 38 billion cubic metres of gas a year through Power of Siberia.", "Power of Siberia"),
    "range-end": ("Kazakhstan's share in China's imports rose from 3.5 percent in 2015 to nearly 6 percent this year.",
                  "Kazakhstan"),
    "lead-mention": ("Last year Kazakhstan exported $2 billion of grain.", "Kazakhstan"),
    "owner-named-after": ("Exports reached 23 percent of Russia's arms sales.", "Russia"),
    "previous-subject": ("In 2020 Kazakhstan's exports were $5 billion and $6 billion a year later.", "Kazakhstan"),
    "described-before": ("Kazakhstan built a port. The port handled 2 million tonnes last year.", "Kazakhstan"),
    "elsewhere-in-sentence": ("Last year, 2 million tonnes passed through, Kazakhstan said.", "Kazakhstan"),
    "earlier-sentence": ("Kazakhstan built a port. Last year 2 million tonnes passed through it.", "Kazakhstan"),
    "later-sentence": ("Some 4,000 workers walked off the site, a union said. Kazakhstan called it a dispute.", "Kazakhstan"),
}

SPEAKERS = {
    "group-from-somewhere": ("Experts from Kazakhstan said that the line would pay for itself.", "group"),
    "state-organ": ("China's foreign ministry said that the line would pay for itself.", "entity"),
    "joint-subject": ("Kazakhstan and China said that the line would pay for itself.", "group"),
    "mentioned-speaker": ("Kazakhstan warned that the line would not pay for itself.", "entity"),
    "writer-or-pronoun": ("We argue that the line will pay for itself.", "writer"),
    "role-phrase": ("The foreign minister said that the line would pay for itself.", "role"),
    "group-phrase": ("Chinese experts argued that the line would pay for itself.", "group"),
    "body-phrase": ("Then the ministry said that the line would pay for itself.", "role"),
    "unrecognised-speaker": ("Aidana Bekova said that the line would pay for itself.", "name"),
}


def test_first_found_names_the_first_strategy_that_finds_something():
    def _nothing(case):
        return None

    def _the_case(case):
        return case

    decision = first_found((_nothing, _the_case, _nothing), "x")
    assert (decision.value, decision.by) == ("x", "the-case")
    assert first_found((_nothing,), "x") is None


@pytest.mark.parametrize("strategies, cases", [
    (PAGE_PUBLISHER_STRATEGIES + TEXT_PUBLISHER_STRATEGIES, PUBLISHERS),
    (SUBJECT_STRATEGIES, SUBJECTS),
    (SPEAKER_STRATEGIES + MENTIONED_SPEAKER_STRATEGIES + UNMENTIONED_SPEAKER_STRATEGIES, SPEAKERS),
])
def test_every_strategy_has_a_case(strategies, cases):
    names = [strategy_name(s[0] if isinstance(s, tuple) else s) for s in strategies]
    assert sorted(names) == sorted(cases)


@pytest.mark.parametrize("strategy", PUBLISHERS)
def test_publisher_strategy(strategy):
    file_name, text, publisher = PUBLISHERS[strategy]
    metadata = read_metadata(mask_chrome(Analysis(text_source(text, file_name)))).metadata
    assert (metadata.publisher_found_by, metadata.publisher.name) == (strategy, publisher)


@pytest.mark.parametrize("strategy", SUBJECTS)
def test_quantity_subject_strategy(strategy, recognise):
    text, subject = SUBJECTS[strategy]
    analysis = read_quantities(recognise(read_metadata(segment_sentences(Analysis(text_source(text + "\n"))))))
    quantity = analysis.quantities[-1]
    assert (quantity.subject_found_by, quantity.subject.label) == (strategy, subject)


@pytest.mark.parametrize("strategy", SPEAKERS)
def test_speaker_strategy(strategy, recognise):
    text, who = SPEAKERS[strategy]
    frame = find_frame(recognise(segment_sentences(Analysis(text_source(text + "\n")))), 0, len(text))
    assert (frame.found_by, frame.who) == (strategy, who)
