"""``grader release OUT``: the tree students get.

In it: every exercise folder (README, stub, visible checks and any helper files),
the ``grader`` package without its hidden checks, a pyproject that installs it, a
course.yml without solutions or hidden-check paths, and a student README. Not in
it: solutions, hidden checks, the variant corpus, the project's tests, caches and
compiled files. ``tests/test_release.py`` installs a release in a fresh virtual
environment and scans it for anything a solution or a hidden check contains.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import yaml

from .course import Course, assignment_name

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
    # Nothing secret lives in grader/ (hidden checks are in solutions/NN/hidden).
    shutil.copytree(root / "grader", out / "grader", ignore=SKIP)
    shutil.copy(root / "pyproject.toml", out / "pyproject.toml")
    (out / "course.yml").write_text(course_yml(course), encoding="utf-8")
    (out / "README.md").write_text(_student_readme(course), encoding="utf-8")
    (out / ".gitignore").write_text("__pycache__/\n*.pyc\n.venv/\n", encoding="utf-8")
    return sorted(p for p in out.rglob("*") if p.is_file())


def build_nbgrader_source(course: Course, course_dir: Path) -> list[Path]:
    """Each exercise as an nbgrader assignment: ``COURSE_DIR/source/ex03/`` holds the
    lesson, the stub, the visible checks and a course.yml of that one exercise, so
    ``nbgrader generate_assignment ex03`` and ``release_assignment`` distribute it and
    ``pytest`` works in the folder a student fetches. (The hub's image installs the
    ``grader`` package from the student release.)"""
    config = course_dir / "nbgrader_config.py"
    if config.exists():
        raise ReleaseError(
            f"{config}: exists; `grader release --nbgrader` writes a new course "
            "directory. Add to yours: " + _autograde_line(course)
        )
    written = []
    for ex in course.exercises:
        dest = course_dir / "source" / assignment_name(ex.id)
        if dest.exists() and any(dest.iterdir()):
            raise ReleaseError(f"{dest}: exists and is not empty")
        shutil.copytree(course.root / ex.folder, dest, ignore=SKIP, dirs_exist_ok=True)
        (dest / "course.yml").write_text(
            course_yml(course, exercises=[ex], in_one_folder=True), encoding="utf-8"
        )
        # nbgrader distributes assignments that hold a notebook: the lesson, and a
        # cell that runs the checks. Its grades are recorded on this notebook
        # (exports/nbgrader.py), so autograde and fetch_feedback find it.
        (dest / f"{assignment_name(ex.id)}.ipynb").write_text(
            _lesson_notebook(
                ex,
                (dest / "README.md").read_text(encoding="utf-8"),
                (dest / Path(ex.file).name).read_text(encoding="utf-8"),
            ),
            encoding="utf-8",
        )
        # pytest run where the assignment was fetched leaves no .pytest_cache to be
        # submitted, and imports the checks as the course does.
        (dest / "pytest.ini").write_text(
            "[pytest]\naddopts = --import-mode=importlib -p no:cacheprovider\n",
            encoding="utf-8",
        )
        written += sorted(p for p in dest.rglob("*") if p.is_file())
    config.write_text(_nbgrader_config(course), encoding="utf-8")
    return written + [config]


def _autograde_line(course: Course) -> str:
    files = {assignment_name(ex.id): [Path(ex.file).name] for ex in course.exercises}
    return f"c.Autograde.exclude_overwriting = {files!r}"


def _nbgrader_config(course: Course) -> str:
    """What nbgrader's cycle needs of this course (release_assignment refuses to
    run without a course id; autograde would put the stub over the student's file)."""
    course_id = re.sub(r"[^a-z0-9]+", "-", course.title.lower()).strip("-")
    return NBGRADER_CONFIG.format(
        course_id=repr(course_id), autograde=_autograde_line(course)
    )


# nbgrader's autograde runs the notebook too: the checks there would run the
# student's code outside the grader's sandbox, for nothing (`grader grade` grades).
RUN_CHECKS = """\
import os, subprocess, sys

if os.environ.get("NBGRADER_EXECUTION") != "autograde":
    done = subprocess.run([sys.executable, "-m", "pytest", "-q"], capture_output=True, text=True)
    print(done.stdout[-20000:], done.stderr[-2000:])
"""

NBGRADER_CONFIG = """\
# Written by `grader release --nbgrader`. nbgrader reads it from this folder.
c = get_config()  # noqa: F821 (nbgrader provides it)

# The id this course has in the hub's exchange (release_assignment needs one).
c.CourseDirectory.course_id = {course_id}
# Where the exchange lives (nbgrader's default; one per hub).
c.Exchange.root = "/srv/nbgrader/exchange"

# autograde copies every file of source/exNN over each submission unless told not
# to: the student's own file is what `grader grade` grades and feedback shows.
{autograde}
# ... and executes each notebook, whose %%writefile cell would put the notebook's
# copy over the student's file, running their code outside the grader's sandbox
# for nothing (`grader grade` grades): autograde's steps without Execute.
from nbconvert.preprocessors import ClearMetadataPreprocessor  # noqa: E402
from nbgrader.preprocessors import (  # noqa: E402
    AssignLatePenalties,
    CheckCellMetadata,
    IgnorePattern,
    LimitOutput,
    SaveAutoGrades,
)

c.Autograde.autograde_preprocessors = [
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]

# Not the student's work: never submitted, collected or copied.
c.CourseDirectory.ignore = [
    ".ipynb_checkpoints",
    "*.pyc",
    "__pycache__",
    "feedback",
    ".pytest_cache",
]
"""


WORK_HERE = """\
You can work in `{name}` with an editor, or here: the next cell *is* `{name}`.
Edit it, then run it to save the file (and run it again after every change).

Why a file, and not functions defined in the notebook: under the `spawn` start
method (the default on macOS and Windows) each child process is a fresh Python
that imports your module by name, and a function defined in a notebook lives in
the kernel's `__main__`, where no child can find it. A module works everywhere.

Running the cell puts its copy over `{name}`: if you work in an editor, leave
this cell alone. (When grading, a `{name}` still holding the stub is replaced by
this cell, and your feedback says so.)
"""


def _lesson_notebook(ex, readme: str, stub: str) -> str:
    def cell(n, kind, text):
        data = {
            "cell_type": kind,
            "id": f"ex{ex.id}-{n}",
            "metadata": {},
            "source": text.splitlines(keepends=True),
        }
        if kind == "code":
            data.update(execution_count=None, outputs=[])
        return data

    notebook = {
        "cells": [
            cell(1, "markdown", readme),
            cell(2, "markdown", WORK_HERE.format(name=Path(ex.file).name)),
            cell(3, "code", f"%%writefile {Path(ex.file).name}\n{stub}"),
            cell(4, "markdown", "Then run the checks:"),
            cell(5, "code", RUN_CHECKS),
        ],
        "metadata": {
            "kernelspec": {
                "display_name": "Python 3",
                "language": "python",
                "name": "python3",
            }
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(notebook, indent=1)


def course_yml(
    course: Course,
    *,
    hidden: bool = False,
    exercises: list | None = None,
    in_one_folder: bool = False,
) -> str:
    """course.yml without solutions or the roster; with the hidden checks' folders
    only when asked (an autograder bundle, never the student release). Of some
    EXERCISES only, and with each file beside course.yml if IN_ONE_FOLDER (an
    nbgrader assignment)."""
    entries = []
    for ex in exercises or course.exercises:
        entry = {
            k: getattr(ex, k) for k in STUDENT_FIELDS if getattr(ex, k) is not None
        }
        if in_one_folder:
            entry["file"] = Path(ex.file).name
        entry["points"] = {"visible": ex.visible_points, "hidden": ex.hidden_points}
        if hidden and ex.hidden:
            entry["hidden"] = ex.hidden
            entry["hidden_visibility"] = ex.hidden_visibility
        entries.append(entry)
    body = yaml.safe_dump(
        {"format": 1, "title": course.title, "exercises": entries},
        sort_keys=False,
        allow_unicode=True,
    )
    return "# The course's exercises in order.\n" + body


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
