"""One student's checks, the same here and on a Dask worker: the fingerprint of
everything on the course's side that decides a grade (the cache key, and how a
worker proves it has the client's course), and a student's groups of exercises
run under the machine's gate, with a check that failed on a time bound alone
run again."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import asdict
from pathlib import Path

from . import __version__
from .checkrun import check_paths, run_checks
from .course import Course

PACKAGE = Path(__file__).resolve().parent


def course_fingerprint(course: Course, exercise_id: str) -> str:
    """Everything on the course's side that decides an exercise's grade."""
    ex = course.exercise(exercise_id)
    h = hashlib.sha256(__version__.encode())
    h.update(json.dumps(asdict(ex), default=str, sort_keys=True).encode())
    files = sorted(PACKAGE.rglob("*.py"))
    for path in check_paths(course, ex):
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    for path in files:
        # Named the same on every machine, wherever the grader is installed (a Dask
        # worker's copy is compared with the client's by this fingerprint).
        if path.is_relative_to(PACKAGE):
            name = "grader/" + path.relative_to(PACKAGE).as_posix()
        elif path.is_relative_to(course.root):
            name = path.relative_to(course.root).as_posix()
        else:
            name = path.name
        h.update(name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


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
