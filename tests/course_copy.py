"""A throwaway copy of the course, for tests that change a check or a solution."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def copy_course(dest: Path) -> Path:
    """The course's exercises, solutions and roster under ``dest``; returns its
    course.yml."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "course.yml", dest / "course.yml")
    for folder in ("exercises", "solutions"):
        shutil.copytree(
            ROOT / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    (dest / "demo").mkdir()
    shutil.copy(ROOT / "demo" / "roster.csv", dest / "demo" / "roster.csv")
    return dest / "course.yml"


def break_check(file: Path, check: str, statement: str) -> None:
    """Make the check ``check`` in ``file`` run ``statement`` first, after its
    docstring: a bug in the check's own code, whatever program it judges."""
    text = file.read_text()
    header = re.compile(rf'(def {check}\(.*?\):\n(\s+)""".*?"""\n)', re.S)
    broken, count = header.subn(rf"\g<1>\g<2>{statement}\n", text)
    assert count == 1, f"{check} not found in {file}"
    file.write_text(broken)
