"""Read quantities: a number in a named unit, with its year, about an entity.

Stub: reads none yet.
"""

from __future__ import annotations

from .model import Analysis


def read_quantities(analysis: Analysis) -> Analysis:
    """Pipeline component: fill `quantities`."""
    return analysis
