"""Recognise entities the reference data does not know: projects, agreements, events, people,
research organisations.

Stub: recognises nothing yet.
"""

from __future__ import annotations

from .model import Analysis


def recognise_new_entities(analysis: Analysis) -> Analysis:
    """Pipeline component: add mentions of entities first met in this text."""
    return analysis
