"""``grader try NN FILE``: one program judged by every check of exercise NN, visible
and hidden, each shown with its whole message, then the points.

The instructor's view of one submission (a variant being written, a student's file
that got a surprising grade), so hidden checks' titles and timelines, and the
tracebacks of checks that broke, are shown too.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from .checkrun import make_tree, run_checks
from .course import Course, Exercise
from .grades import CheckResult


def try_file(course: Course, ex: Exercise, file: Path) -> list[CheckResult]:
    """Every check of ``ex`` judged on ``file``, in a student tree of its own."""
    with tempfile.TemporaryDirectory(prefix="grader-try-") as scratch:
        tree = make_tree(course, {ex.id: file}, Path(scratch))
        return run_checks(course, ex.id, tree)


def report_lines(ex: Exercise, results: list[CheckResult]) -> list[str]:
    lines = []
    for r in results:
        mark = "✓" if r.outcome == "passed" else "✗"
        kind = "hidden " if r.hidden else "visible"
        lines.append(
            f"{mark} {kind} {r.points:g}/{r.max_points:g}  {r.title}  ({r.name})"
        )
        if r.check_error:
            lines.append(
                "    the check has an error of its own; students see only that it broke:"
            )
            lines += _indented(r.check_error)
            continue
        if r.outcome != "passed":
            lines += _indented(r.message or f"({r.outcome}, no message)")
            if r.timeline:
                lines += _indented("Timeline of the processes:\n" + r.timeline)
    got = sum(r.points for r in results)
    out_of = sum(r.max_points for r in results)
    lines.append(f"Exercise {ex.id} · {ex.title}: {got:g}/{out_of:g} points")
    return lines


def _indented(text: str) -> list[str]:
    return [f"    {line}" for line in text.splitlines()]


def try_command(course: Course, ex: Exercise, file: Path) -> int:
    """Exit status 0 when every check passed, 1 otherwise (a script can test a
    program as a variant test would), 2 when there is no such file."""
    if not file.is_file():
        print(f"grader: {file}: no such file", file=sys.stderr)
        return 2
    results = try_file(course, ex, file)
    print(f"{file} as exercise {ex.id} ({ex.file}):")
    for line in report_lines(ex, results):
        print(line)
    return 0 if results and all(r.outcome == "passed" for r in results) else 1
