"""Read the core relations (memberOf, partyTo, participatesIn, operator, locatedIn, affiliatedWith,
headOf, linkedWith) between recognised entities.

Stub: reads none yet.
"""

from __future__ import annotations

from .model import Analysis


def read_relations(analysis: Analysis) -> Analysis:
    """Pipeline component: fill `relations`."""
    return analysis
