"""The examples in the docstrings of the public API run, and give what they show (as pyoxigraph's test_doc.py)."""

from __future__ import annotations

import doctest
import importlib

import pytest

# Modules whose docstrings carry examples; each example is a small test of its own.
DOCUMENTED = [
    "eurasia_kg.names", "eurasia_kg.pipeline.patterns", "eurasia_kg.pipeline.strategies", "eurasia_kg.pipeline.lines",
    "eurasia_kg.pipeline.run",
    # the Python API: questions and answers, the build, the store folder
    "eurasia_kg", "eurasia_kg.answers", "eurasia_kg.build", "eurasia_kg.graph.store", "eurasia_kg.graph.oxtypes",
]


@pytest.mark.parametrize("module_name", DOCUMENTED)
def test_docstring_examples_run(module_name):
    module = importlib.import_module(module_name)
    failures, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert tried, f"{module_name} has no examples"
    assert not failures, f"{failures} of {tried} examples in {module_name} failed (see the output above)"
