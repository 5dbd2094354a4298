"""A traceback as a student should read it: the frames of their own code, with
Python's (multiprocessing's bootstrap, the queue's internals) and the grader's
driver folded into one line each."""

from __future__ import annotations

import re

FRAME = re.compile(r'^(\s*)File "([^"]+)", line \d+')
# Where Python's own code lives in any installation, and the grader's driver.
NOT_THEIRS = re.compile(r"/lib/python3[^/]*/|/lib64/python3[^/]*/|_grader_")


def student_frames(text: str) -> str:
    """TEXT with every traceback's frames outside the student's files replaced by
    "  ... (N frames of Python's own code)"; everything else as it was."""
    out: list[str] = []
    hidden = 0
    skipping = False
    indent = ""
    for line in (text or "").splitlines():
        frame = FRAME.match(line)
        if frame:
            indent = frame.group(1)
            skipping = bool(NOT_THEIRS.search(frame.group(2)))
            if skipping:
                hidden += 1
                continue
            _fold(out, hidden, indent)
            hidden = 0
            out.append(line)
            continue
        if skipping and line.startswith(indent + " "):
            continue  # the source line and carets of a folded frame
        skipping = False
        _fold(out, hidden, indent)
        hidden = 0
        out.append(line)
    _fold(out, hidden, indent)
    return "\n".join(out)


def _fold(out: list[str], hidden: int, indent: str) -> None:
    if hidden:
        plural = "s" if hidden > 1 else ""
        out.append(f"{indent}... ({hidden} frame{plural} of Python's own code)")
