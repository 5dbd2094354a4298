"""Optional style points: ``black --check`` on the student's file, with
``black --diff`` in the feedback. Off unless course.yml gives an exercise
``style_points``. black reads the file; it never runs it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .course import Exercise
from .grades import CheckResult

NAME = "style_black"


def style_check(ex: Exercise, workspace: Path) -> CheckResult:
    path = workspace / ex.file
    black = [sys.executable, "-m", "black"]
    if shutil.which("black") is None and not _importable("black"):
        return _result(
            ex,
            False,
            "black is not installed on the grading machine; "
            "no style points were given (tell your TA)",
        )
    proc = subprocess.run(
        [*black, "--check", "--diff", "--quiet", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if proc.returncode == 0:
        return _result(ex, True, "")
    if proc.returncode == 123:
        return _result(ex, False, "black could not parse the file (a syntax error?)")
    diff = proc.stdout.replace(str(path), ex.file)
    lines = diff.splitlines()
    if len(lines) > 60:
        lines = lines[:60] + [f"... {len(lines) - 60} more lines"]
    return _result(
        ex,
        False,
        "Your file is not formatted the way black formats it. Run `black "
        f"{ex.file}`; what it would change:\n" + "\n".join(lines),
    )


def _importable(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def _result(ex: Exercise, passed: bool, message: str) -> CheckResult:
    return CheckResult(
        nodeid=f"{ex.folder}::{NAME}",
        exercise=ex.id,
        name=NAME,
        title="The file is formatted with black",
        hidden=False,
        points=float(ex.style_points) if passed else 0.0,
        max_points=float(ex.style_points),
        outcome="passed" if passed else "failed",
        message=message,
        timeline="",
        duration=0.0,
    )
