"""The evaluation of the extraction: hand-made gold data and the harness that scores a build against it.

Run it with `python -m evaluation` (or `make eval`). `gold.py` reads the gold files, `metrics.py`
holds one pure function per measure, `harness.py` builds a split with the real command and scores
it. The texts in `evaluation/texts/` are held out: extraction rules must not be tuned on them.
"""
