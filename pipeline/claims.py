"""Find the analytic claims of a text (predictions, assessments, recommendations), who they are
attributed to and what they are about.

Stub: finds none yet.
"""

from __future__ import annotations

from .model import Analysis


def read_claims(analysis: Analysis) -> Analysis:
    """Pipeline component: fill `claims`."""
    return analysis
