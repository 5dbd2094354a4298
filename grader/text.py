"""Text the student controls, made safe to show to a terminal or a Markdown viewer.

A folder name, a printed line or an exception message can carry terminal control
sequences (ESC c resets the TA's terminal; OSC 52 writes their clipboard; OSC 0
retitles the window) or bidirectional overrides that make a line read differently
than it is. Each such character is shown as its escape (``\\x1b``), so the reader
sees that it was there and nothing acts on it.
"""

from __future__ import annotations

import re

# C0 controls but newline and tab, DEL, C1 controls, and the bidirectional
# embeddings, overrides and isolates.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)
