"""The same grader inside Gradescope: ``grader gradescope OUT.zip`` builds the
autograder bundle, and ``run_autograder`` (in the bundle) grades
``/autograder/submission`` into ``/autograder/results/results.json``.

The bundle's root is what Gradescope unpacks into ``/autograder/source``:
``setup.sh`` (a virtual environment with the course installed), ``run_autograder``
(which Gradescope copies to ``/autograder/run_autograder``), the grader, the
exercises' visible checks, the hidden checks (``solutions/NN/hidden`` alone) and a course.yml without solutions or
roster. Solutions, the variant corpus and the project's tests are not in it. ``AUTOGRADER_ROOT`` relocates
``/autograder`` (the tests use it), ``GRADER_PYTHON`` picks the interpreter.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

from .batch import grade_class
from .course import Course, assignment_name, load
from .harness.sandbox import Policy, describe
from .release import SKIP, course_yml
from .reports.results_json import results_json
from .text import visible

# "sleepy (1).py": what a browser saves when sleepy.py was downloaded before.
BROWSER_COPY = re.compile(r" \(\d+\)(\.py|\.ipynb)$")

SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once, as root, when the autograder image is built.
set -euo pipefail
apt-get update -qq
apt-get install -y -qq python3 python3-venv python3-pip util-linux
python3 -m venv /autograder/venv
/autograder/venv/bin/pip install -q /autograder/source
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope runs this for every submission; results go to $ROOT/results/results.json.
set -uo pipefail
ROOT="${{AUTOGRADER_ROOT:-/autograder}}"
PY="${{GRADER_PYTHON:-$ROOT/venv/bin/python}}"
export PYTHONPATH="$ROOT/source"
exec "$PY" -m grader.gradescope --root "$ROOT" --course "$ROOT/source/course.yml" {exercises}
"""


def build_bundle(course: Course, out: Path, exercise_ids: list[str]) -> None:
    """The zip's root is what Gradescope unpacks into /autograder/source: setup.sh,
    run_autograder and the course sit at its top, as its harness expects."""
    buf = io.BytesIO()
    root = course.root
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        _add(zf, "setup.sh", SETUP_SH, executable=True)
        args = " ".join(f"--exercise {x}" for x in exercise_ids)
        _add(
            zf, "run_autograder", RUN_AUTOGRADER.format(exercises=args), executable=True
        )
        _add(zf, "course.yml", course_yml(course, hidden=True))
        folders = ["grader", *(ex.folder for ex in course.exercises)]
        # The hidden checks without the solutions beside them.
        folders += [ex.hidden for ex in course.exercises if ex.hidden]
        for folder in folders:
            for path in sorted((root / folder).rglob("*")):
                rel = path.relative_to(root)
                if path.is_file() and not SKIP(str(path.parent), [path.name]):
                    if not any(part in ("__pycache__",) for part in rel.parts):
                        zf.write(path, str(rel))
        zf.write(root / "pyproject.toml", "pyproject.toml")
        readme = "Autograder source for the multiprocessing course.\n"
        _add(zf, "README.md", readme)
    out.write_bytes(buf.getvalue())


def _add(zf: zipfile.ZipFile, name: str, text: str, executable: bool = False) -> None:
    info = zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0))
    info.external_attr = (0o755 if executable else 0o644) << 16
    zf.writestr(info, text)


def run(root: Path, course: Course, exercise_ids: list[str]) -> dict:
    """Grade ROOT/submission as one student; write ROOT/results/results.json."""
    results_dir = root / "results"
    results_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="grader-gradescope-") as tmp:
        subs = Path(tmp) / "submissions"
        student = subs / "submission"
        received = _arrange(course, root / "submission", student)
        run_ = grade_class(
            course,
            subs,
            Path(tmp) / "results",
            exercise_ids=exercise_ids or course.ids,
            jobs=4,
        )
    grade = run_.grades[0]
    _name_what_was_received(course, grade, received)
    grade.exercises = [
        e for e in grade.exercises if e.exercise in (exercise_ids or course.ids)
    ]
    text = results_json(course, grade, run_.seconds)
    (results_dir / "results.json").write_text(text, encoding="utf-8")
    return json.loads(text)


def _arrange(course: Course, upload: Path, dest: Path) -> list[str]:
    """Gradescope unpacks what the student uploaded: a course tree, or loose files
    (``sleepy.py``, or ``sleepy (1).py`` as a browser names a second download).
    Put each file where the course expects it; returns what was received."""
    dest.mkdir(parents=True)
    if not upload.is_dir():
        return []
    received = sorted(
        p.relative_to(upload).as_posix()
        for p in upload.rglob("*")
        if p.is_file() and not p.is_symlink()
    )
    by_name = {Path(ex.file).name: ex.file for ex in course.exercises}
    # A notebook goes beside the exercise's file, where intake grades its
    # %%writefile cell when the file itself is missing or still the stub.
    notebooks = {}
    for ex in course.exercises:
        folder = Path(ex.file).parent
        for stem in (Path(ex.file).stem, assignment_name(ex.id)):
            notebooks[f"{stem}.ipynb"] = str(folder / f"{stem}.ipynb")
    for rel in received:
        path = upload / rel
        name = BROWSER_COPY.sub(r"\1", path.name)
        if name in notebooks and not (dest / notebooks[name]).exists():
            (dest / notebooks[name]).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest / notebooks[name])
            continue
        if not name.endswith(".py"):
            continue
        canonical = rel[: -len(path.name)] + name
        target = next(
            (ex.file for ex in course.exercises if canonical.endswith(ex.file)), None
        )
        target = target or by_name.get(name)
        if target and not (dest / target).exists():
            (dest / target).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest / target)
    return received


def _name_what_was_received(course: Course, grade, received: list[str]) -> None:
    """A missing file is told in the student's terms: the name to upload and what
    did arrive, not a path inside the course they never saw."""
    shown = ", ".join(visible(r) for r in received[:20]) or "no files"
    if len(received) > 20:
        shown += f" and {len(received) - 20} more"
    for e in grade.exercises:
        if e.problem and "is missing" in e.problem:
            wanted = Path(course.exercise(e.exercise).file).name
            e.problem = (
                f"{wanted} was not in your upload (received: {shown}). Upload "
                f"your {wanted} under exactly that name, or the lesson notebook "
                f"with your code in its %%writefile {wanted} cell."
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run_autograder")
    parser.add_argument("--root", default="/autograder")
    parser.add_argument("--course", required=True)
    parser.add_argument("--exercise", action="append", default=[])
    args = parser.parse_args(argv)
    # What run_autograder prints is its stdout, which only instructors see
    # (stdout_visibility): the place to say how the students' code was run.
    print(f"sandbox: {describe(Policy.from_env().mode)}", flush=True)
    data = run(Path(args.root), load(args.course), args.exercise)
    print(f"score {data['score']:g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
