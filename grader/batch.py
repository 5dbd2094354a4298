"""``grader grade``: a whole class, graded in parallel, fairly, resumably.

Scheduling. Most checks sleep (a student's children sleep 1 s); they overlap freely,
so ``--jobs`` may exceed the cores. Exercises marked ``schedule: cpu`` in course.yml
burn CPU on purpose and run one at a time beside the sleepers. A check that failed
on a time bound alone (``CheckResult.timing``) is run again once, at the end of the
class when nothing else is running, and that second result counts (``rerun`` in
grades.json). The rules live in scheduling.py.

Where. Here, in a pool of ``--jobs`` threads, or with ``--dask`` on a cluster's
workers (cluster.py), one task per student, where a worker re-runs a timing failure
at once, alone on that worker. Either way this process alone writes RESULTS.

Resuming. Each (student, exercise) grade is stored under RESULTS/.cache as soon as it
is known, keyed by the student's file and the course's checks; a re-run grades only
what changed, and an interrupted run loses nothing already graded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .course import Course
from .files import write_atomic
from .grades import ExerciseGrade, StudentGrade
from .harness.sandbox import sweep_abandoned
from .intake import discover, take_in
from .reports.writer import CLASS_FILES
from .scheduling import Gate
from .student_checks import check_group, check_student, course_fingerprint, rerun_timing
from .style import style_check


class GradingError(RuntimeError):
    """Grading could not run at all (not a student's problem)."""


@dataclass
class ClassRun:
    """What one `grader grade` did, for the terminal and grades.json."""

    grades: list[StudentGrade]
    skipped: list[str] = field(default_factory=list)
    graded: int = 0  # (student, exercise) pairs checked this time
    reused: int = 0  # ... taken from the cache
    reruns: int = 0  # checks re-run alone after a timing failure
    not_graded: list[str] = field(default_factory=list)  # "student: why" (cluster)
    workers: dict[str, dict] = field(default_factory=dict)  # Dask worker -> report
    seconds: float = 0.0


def grade_class(
    course: Course,
    submissions: Path,
    out: Path,
    *,
    exercise_ids: list[str] | None = None,
    jobs: int = 4,
    force: bool = False,
    on_student: Callable[[StudentGrade], None] | None = None,
    dask: str | None = None,
    on_cluster_message: Callable[[str], None] = lambda message: None,
) -> ClassRun:
    """Grade every submission here (``jobs`` at once) or, with ``dask`` (a
    scheduler's address), on a Dask cluster (grader/cluster.py); RESULTS is
    written here either way."""
    started = time.monotonic()
    exercise_ids = exercise_ids or course.ids
    sweep_abandoned()  # what a grader killed before this one left on the host
    if not submissions.is_dir():
        raise GradingError(f"{submissions}: not a folder of submissions")
    try:
        entries, skipped = discover(submissions, CLASS_FILES)
    except OSError as exc:
        raise GradingError(f"{submissions}: cannot be read ({exc.strerror})") from None
    cache = out / ".cache"
    try:
        cache.mkdir(parents=True, exist_ok=True)
        probe = cache / ".write-test"
        probe.write_text("ok")
        probe.unlink()
    except OSError as exc:
        raise GradingError(
            f"{out}: cannot write results there ({exc.strerror})"
        ) from None

    fingerprints = {x: course_fingerprint(course, x) for x in course.ids}
    run = ClassRun(grades=[], skipped=skipped)
    scratch = Path(tempfile.mkdtemp(prefix="grader-class-"))
    pending: dict[str, dict] = {}
    # What the students' runs must not see (the sandbox covers it).
    hide = [submissions.resolve(), out.resolve(), scratch]

    def plan():
        """(student, schedule -> exercise ids) for everything not in the cache."""
        for student, source in entries:
            intake = take_in(course, student, source, scratch / student, course.ids)
            grades: dict[str, ExerciseGrade] = {}
            todo: dict[str, list[str]] = {}
            for x in exercise_ids:
                ex = course.exercise(x)
                if x in intake.missing:
                    grades[x] = ExerciseGrade(
                        x, ex.title, 0.0, float(ex.points), problem=intake.missing[x]
                    )
                    continue
                key = _key(fingerprints[x], intake, x)
                cached = None if force else _load_cached(cache, student, x, key)
                if cached is not None:
                    grades[x] = cached
                    run.reused += 1
                else:
                    todo.setdefault(ex.schedule, []).append(x)
            state = {"intake": intake, "grades": grades, "left": 0}
            pending[student] = state
            state["left"] = sum(len(ids) for ids in todo.values())
            if todo:
                yield student, todo
            else:
                _finish(course, out, run, state, fingerprints, on_student)

    def record(student, ids, results, seconds):
        """Where an exercise's grade is made from its checks, cached at once."""
        state = pending[student]
        run.graded += len(ids)
        for x in ids:
            ex = course.exercise(x)
            mine = [r for r in results if r.exercise == x]
            if ex.style_points:
                mine.append(style_check(ex, state["intake"].workspace))
            grade = ExerciseGrade(
                x,
                ex.title,
                sum(r.points for r in mine),
                float(ex.points),
                checks=mine,
                key=_key(fingerprints[x], state["intake"], x),
                duration=round(seconds, 2),
            )
            if not mine:
                grade.problem = "no check ran for this exercise"
            _store_cached(cache, student, grade)
            state["grades"][x] = grade
        state["left"] -= len(ids)
        if state["left"] == 0:
            _finish(course, out, run, state, fingerprints, on_student)

    try:
        if dask:
            stream = _grade_on_cluster(
                dask,
                course,
                plan(),
                pending,
                fingerprints,
                exercise_ids,
                on_cluster_message,
                run,
            )
        else:
            stream = _grade_here(course, plan(), pending, jobs, hide)
        for student, ids, results, seconds, reruns, error in stream:
            if error:
                run.not_graded.append(f"{student}: {error}")
                continue
            run.reruns += reruns
            record(student, ids, results, seconds)
    finally:
        _remove_scratch(scratch)
        sweep_abandoned()  # what a run killed mid-class (its pytest, OOM) left
    run.grades.sort(key=lambda g: g.student)
    run.seconds = round(time.monotonic() - started, 1)
    return run


def _remove_scratch(scratch: Path) -> None:
    """Stopped by a signal, the class leaves threads that are still running checks
    and making folders in the scratch: moved aside first, it is out of their reach
    (they fail, and are abandoned anyway), then removed."""
    aside = scratch.with_name(scratch.name + ".removed")
    try:
        scratch.rename(aside)
    except OSError:
        aside = scratch
    for _ in range(5):
        shutil.rmtree(aside, ignore_errors=True)
        if not aside.exists():
            return
        time.sleep(0.1)


def _grade_here(course, work, pending, jobs, hide):
    """This machine's share: a pool of ``jobs`` threads, each running one student's
    group of exercises (sleep-bound or CPU-bound) in a pytest run of its own.

    Checks that failed on a time bound alone run again at the end, when nothing
    else is running (waiting for the pool to drain in the middle of a class would
    idle it); the second result counts.
    """
    gate = Gate()
    futures = {}
    deferred = []
    pool = ThreadPoolExecutor(max_workers=max(1, jobs))
    try:
        for student, groups in work:
            workspace = pending[student]["intake"].workspace
            for schedule, ids in groups.items():
                fut = pool.submit(
                    check_group, course, ids, workspace, gate, schedule, hide
                )
                futures[fut] = (student, ids)
        for fut in as_completed(futures):
            student, ids = futures[fut]
            results, seconds = fut.result()
            if any(r.outcome == "failed" and r.timing for r in results):
                deferred.append((student, ids, results, seconds))
            else:
                yield student, ids, results, seconds, 0, ""
    except BaseException:
        # Ctrl-C, SIGTERM or the consumer gone: what is queued never starts (the
        # students already graded are in the cache); nothing waits for the rest.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    for student, ids, results, seconds in deferred:
        workspace = pending[student]["intake"].workspace
        reruns = rerun_timing(course, ids, workspace, results, hide)
        yield student, ids, results, seconds, reruns, ""


def _grade_on_cluster(
    address, course, work, pending, fingerprints, exercise_ids, on_message, run
):
    """One task per student on a Dask cluster; see grader/cluster.py."""
    try:
        from . import cluster
    except ImportError:
        raise GradingError(
            "--dask needs Dask: pip install 'mp-course-grader[dask]'"
        ) from None
    tasks = (
        cluster.Task(
            student=student,
            files=_files_of(pending[student]["intake"].workspace),
            groups=groups,
            course=str(course.root / "course.yml"),
            fingerprints={x: fingerprints[x] for ids in groups.values() for x in ids},
        )
        for student, groups in work
    )
    try:
        with cluster.connect(address) as client:
            for back in cluster.grade_remote(
                client,
                course,
                tasks,
                {x: fingerprints[x] for x in exercise_ids},
                on_message=on_message,
                workers=run.workers,
            ):
                yield (
                    back.student,
                    back.ids,
                    back.results,
                    back.seconds,
                    back.reruns,
                    back.error,
                )
    except cluster.ClusterError as exc:
        raise GradingError(str(exc)) from None


def _files_of(workspace: Path) -> dict[str, bytes]:
    """The student's tree as intake left it (only the graded files), as bytes."""
    return {
        p.relative_to(workspace).as_posix(): p.read_bytes()
        for p in sorted(workspace.rglob("*"))
        if p.is_file()
    }


def _key(fingerprint: str, intake, exercise_id: str) -> str:
    return hashlib.sha256(
        (fingerprint + intake.digests.get(exercise_id, "")).encode()
    ).hexdigest()


def _cache_path(cache: Path, student: str, exercise_id: str) -> Path:
    return cache / student / f"{exercise_id}.json"


def _load_cached(cache, student, exercise_id, key) -> ExerciseGrade | None:
    try:
        data = json.loads(_cache_path(cache, student, exercise_id).read_text("utf-8"))
        grade = ExerciseGrade.from_dict(data)
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return grade if key is None or grade.key == key else None


def _store_cached(cache, student, grade: ExerciseGrade) -> None:
    path = _cache_path(cache, student, grade.exercise)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(asdict(grade)))


def _finish(course, out, run, state, fingerprints, on_student):
    intake = state["intake"]
    grades = state["grades"]
    # Exercises not selected this time keep the grade they already have, if the
    # student's file and the checks are unchanged since.
    for x in course.ids:
        if x not in grades:
            cached = _load_cached(out / ".cache", intake.student, x, None)
            if cached is not None and cached.key == _key(fingerprints[x], intake, x):
                grades[x] = cached
    for x, grade_ in grades.items():
        grade_.submitted_at = intake.timestamps.get(x)
        grade_.note = intake.notes.get(x)
    stamps = sorted(intake.timestamps.values())
    grade = StudentGrade(
        student=intake.student,
        submitted_at=stamps[-1] if stamps else None,
        source=intake.source,
        exercises=[grades[x] for x in course.ids if x in grades],
        problems=list(intake.problems),
        graded_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    )
    run.grades.append(grade)
    if on_student:
        on_student(grade)
