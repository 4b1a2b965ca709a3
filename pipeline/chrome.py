"""Blank out what is not the document's own text (markup, site chrome) without moving any offset.

Stub: the view is the text as read. The extraction work replaces this with HTML masking and
site-chrome recognition (navigation lines, login and comment prompts, share widgets).
"""

from __future__ import annotations

from .model import Analysis


def mask_chrome(analysis: Analysis) -> Analysis:
    """Pipeline component: set `view`, the text with non-content blanked by spaces."""
    return analysis
