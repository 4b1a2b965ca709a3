"""The embedded default corpus: short texts written for this project, built when no corpus is given."""

from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent
