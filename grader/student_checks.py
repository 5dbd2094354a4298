"""One student's checks, the same here and on a Dask worker: the fingerprint of
everything on the course's side that decides a grade (the cache key, and how a
worker proves it has the client's course), and a student's groups of exercises
run under the machine's gate, with a check that failed on a time bound alone
run again."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from . import __version__
from .checkrun import run_checks
from .course import Course
from .grades import CheckResult

PACKAGE = Path(__file__).resolve().parent


@dataclass
class Checked:
    """One student's group of exercises, back from its checks (here, or from a
    Dask worker)."""

    student: str
    ids: list[str]
    results: list[CheckResult]
    seconds: float = 0.0
    reruns: int = 0  # checks run again after a timing failure
    error: str = ""  # why it could not be graded (then there are no results)


def grader_digest() -> str:
    """The grader's side of every grade: its version and its code."""
    h = hashlib.sha256(__version__.encode())
    # Named the same on every machine, wherever the grader is installed (a Dask
    # worker's copy is compared with the client's).
    _hash_files(h, sorted(PACKAGE.rglob("*.py")), PACKAGE, "grader/")
    return h.hexdigest()


def exercise_digest(course: Course, exercise_id: str) -> str:
    """The exercise's side: its course.yml entry, every file in its folder (its
    checks and whatever they import from there) and in its hidden folder. Never
    the reference solution: fixing a typo in it changes no student's grade."""
    ex = course.exercise(exercise_id)
    h = hashlib.sha256(json.dumps(asdict(ex), default=str, sort_keys=True).encode())
    solution = (course.root / ex.solution).resolve() if ex.solution else None
    for folder in [ex.folder, ex.hidden] if ex.hidden else [ex.folder]:
        root = (course.root / folder).resolve()
        files = [p for p in _course_files(root) if p.resolve() != solution]
        _hash_files(h, files, root, folder.rstrip("/") + "/")
    return h.hexdigest()


def course_key_parts(
    course: Course, exercise_id: str, *, grader: str | None = None
) -> dict[str, str]:
    """The course's side of an exercise's cache key, part by part, so that a
    re-grade can say which part changed. ``grader``: grader_digest(), when the
    caller has it already (it hashes the whole package)."""
    return {
        "grader": grader or grader_digest(),
        "exercise": exercise_digest(course, exercise_id),
    }


def digest_of(parts: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def course_fingerprint(
    course: Course, exercise_id: str, *, grader: str | None = None
) -> str:
    """Everything on the course's side that decides an exercise's grade."""
    return digest_of(course_key_parts(course, exercise_id, grader=grader))


def _course_files(root: Path) -> list[Path]:
    # Bytecode is what Python wrote while importing the sources beside it, and
    # differs between machines and versions.
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and p.suffix != ".pyc"
        and "__pycache__" not in p.relative_to(root).parts
    )


def _hash_files(h, files: Iterable[Path], root: Path, prefix: str) -> None:
    for path in files:
        h.update((prefix + path.relative_to(root).as_posix()).encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())


def check_student(course, groups, workspace, gate, hide):
    """A Dask worker's share (grader/cluster.py): every group of one student in
    turn, under the worker's gate; a check that failed on a time bound alone is
    run again at once, alone on the worker."""
    results, seconds = [], 0.0
    for schedule, ids in groups.items():
        got, took = check_group(course, ids, workspace, gate, schedule, hide)
        results += got
        seconds += took
    reruns = 0
    if any(r.outcome == "failed" and r.timing for r in results):
        ids = [x for ids in groups.values() for x in ids]
        with gate.alone():
            reruns = rerun_timing(course, ids, workspace, results, hide)
    return results, seconds, reruns


def check_group(course, ids, workspace, gate, schedule, hide):
    started = time.monotonic()
    with gate.shared(schedule):
        results = run_checks(
            course, ids, workspace, hide=hide, scratch=workspace.parent
        )
    return results, time.monotonic() - started


def rerun_timing(course, ids, workspace, results, hide) -> int:
    """Run again, once, the checks that failed on a time bound alone; the second
    result replaces the first (in ``results``). Returns how many ran again."""
    timing = [r.nodeid for r in results if r.outcome == "failed" and r.timing]
    if not timing:
        return 0
    again = {
        r.nodeid: r
        for r in run_checks(
            course, ids, workspace, only=timing, hide=hide, scratch=workspace.parent
        )
    }
    for i, r in enumerate(results):
        if r.nodeid in again:
            results[i] = again[r.nodeid]
            results[i].rerun = True
    return len(timing)
