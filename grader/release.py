"""``grader release OUT``: the tree students get.

In it: every exercise folder (README, stub, visible checks and any helper files),
the ``grader`` package without its hidden checks, a pyproject that installs it, a
course.yml without solutions or hidden-check paths, and a student README. Not in
it: solutions, hidden checks, the variant corpus, the project's tests, caches and
compiled files. ``tests/test_release.py`` installs a release in a fresh virtual
environment and scans it for anything a solution or a hidden check contains.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from .course import Course

SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo", ".*")
STUDENT_FIELDS = ("id", "title", "file", "entry", "timeout", "schedule", "due")


class ReleaseError(RuntimeError):
    pass


def build_release(course: Course, out: Path) -> list[Path]:
    """Writes the student tree into ``out`` (which must not exist or be empty)."""
    if out.exists() and any(out.iterdir()):
        raise ReleaseError(f"{out}: exists and is not empty; choose a new folder")
    if out.resolve().is_relative_to(course.root.resolve()):
        raise ReleaseError(f"{out}: inside the course; choose a folder outside it")
    out.mkdir(parents=True, exist_ok=True)
    root = course.root
    for ex in course.exercises:
        shutil.copytree(root / ex.folder, out / ex.folder, ignore=SKIP)
    hidden = {(root / ex.hidden).resolve() for ex in course.exercises if ex.hidden}

    def skip_package(folder, names):
        dropped = set(SKIP(folder, names))
        here = Path(folder).resolve()
        dropped |= {n for n in names if (here / n).resolve() in hidden}
        dropped |= {n for n in names if n == "hidden" and here.name == "grader"}
        return dropped

    shutil.copytree(root / "grader", out / "grader", ignore=skip_package)
    shutil.copy(root / "pyproject.toml", out / "pyproject.toml")
    (out / "course.yml").write_text(_student_course_yml(course), encoding="utf-8")
    (out / "README.md").write_text(_student_readme(course), encoding="utf-8")
    (out / ".gitignore").write_text("__pycache__/\n*.pyc\n.venv/\n", encoding="utf-8")
    return sorted(p for p in out.rglob("*") if p.is_file())


def _student_course_yml(course: Course) -> str:
    entries = []
    for ex in course.exercises:
        entry = {
            k: getattr(ex, k) for k in STUDENT_FIELDS if getattr(ex, k) is not None
        }
        entry["points"] = {"visible": ex.visible_points, "hidden": ex.hidden_points}
        entries.append(entry)
    body = yaml.safe_dump(
        {"format": 1, "title": course.title, "exercises": entries},
        sort_keys=False,
        allow_unicode=True,
    )
    return "# The course's exercises in order (the student release).\n" + body


def _student_readme(course: Course) -> str:
    lines = [
        f"# {course.title}",
        "",
        "## Set up (once)",
        "",
        "```",
        "python3 -m venv .venv && .venv/bin/pip install -e .",
        "source .venv/bin/activate",
        "```",
        "",
        "## Work through the exercises in order",
        "",
        "Each folder has a README.md: a short lesson that ends with your task.",
        "Edit the file it names, then run its checks:",
        "",
        "```",
        "pytest exercises/01",
        "```",
        "",
        "A failing check says what it saw, what it expected, the likely mistake, and",
        "draws a timeline of your processes. `grader status` shows where you stand.",
        "More checks run when your work is graded.",
        "",
        "| exercise | file | points you can check here |",
        "|---|---|---|",
    ]
    for ex in course.exercises:
        lines.append(
            f"| {ex.id} {ex.title} | `{ex.file}` | {ex.visible_points} of {ex.points} |"
        )
    lines.append("")
    return "\n".join(lines)
