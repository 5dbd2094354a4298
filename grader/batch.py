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
is known, keyed by the grader, the exercise's side of the course and the student's
file (cache.py); a re-run grades only what changed, counts why (ClassRun
``regraded_because``), and an interrupted run loses nothing already graded.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from .cache import Cache, why_stale
from .course import Course
from .grades import ExerciseGrade, StudentGrade, exercise_grade
from .harness.sandbox import sweep_abandoned
from .intake import Intake, discover, take_in
from .reports.writer import CLASS_FILES
from .scheduling import Gate
from .student_checks import (
    Checked,
    check_group,
    course_key_parts,
    digest_of,
    grader_digest,
    rerun_timing,
)
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
    # ... checked again because their cache key changed: why -> how many
    regraded_because: dict[str, int] = field(default_factory=dict)
    reruns: int = 0  # checks re-run alone after a timing failure
    not_graded: list[str] = field(default_factory=list)  # "student: why" (cluster)
    workers: dict[str, dict] = field(default_factory=dict)  # Dask worker -> report
    seconds: float = 0.0


@dataclass
class Pending:
    """One student being graded: what intake made of the submission, the grades
    known so far, and the exercises whose checks are still out."""

    intake: Intake
    grades: dict[str, ExerciseGrade] = field(default_factory=dict)
    todo: dict[str, list[str]] = field(default_factory=dict)  # schedule -> ids
    left: set[str] = field(default_factory=set)
    stale: dict[str, str] = field(default_factory=dict)  # id -> why it is re-graded

    @property
    def student(self) -> str:
        return self.intake.student


@dataclass
class Batch:
    """A class being graded: the course's side of every cache key, the cache, and
    every student under way. Grades come in as Checked groups of exercises (from
    this machine's pool or from a cluster), in any order."""

    course: Course
    cache: Cache
    exercise_ids: list[str]  # the exercises graded this time
    course_keys: dict[str, dict[str, str]]  # every exercise -> course_key_parts
    run: ClassRun
    force: bool = False
    on_student: Callable[[StudentGrade], None] | None = None
    pending: dict[str, Pending] = field(default_factory=dict)

    def plan(self, entries: list[tuple[str, Path]], scratch: Path) -> Iterator[Pending]:
        """Every student with exercises left to check once intake and the cache have
        had their say; a student with none left is finished at once."""
        for student, source in entries:
            workspace = scratch / student
            intake = take_in(self.course, student, source, workspace, self.course.ids)
            pending = self.start(intake)
            if pending.left:
                yield pending
            else:
                self.finish(pending)

    def start(self, intake: Intake) -> Pending:
        pending = self.pending[intake.student] = Pending(intake)
        for x in self.exercise_ids:
            ex = self.course.exercise(x)
            if x in intake.missing:
                pending.grades[x] = exercise_grade(ex, [], problem=intake.missing[x])
                continue
            cached = None if self.force else self.cache.load(intake.student, x)
            parts = self.key_parts(intake, x)
            if cached is not None and cached.key == digest_of(parts):
                pending.grades[x] = cached
                self.run.reused += 1
                continue
            if cached is not None:
                pending.stale[x] = why_stale(x, cached.key_parts, parts)
            pending.todo.setdefault(ex.schedule, []).append(x)
            pending.left.add(x)
        return pending

    def record(self, checked: Checked) -> None:
        """Each exercise's grade made from its checks, and cached at once."""
        if checked.error:
            self.run.not_graded.append(f"{checked.student}: {checked.error}")
            return
        pending = self.pending[checked.student]
        self.run.graded += len(checked.ids)
        self.run.reruns += checked.reruns
        for x in checked.ids:
            ex = self.course.exercise(x)
            checks = [r for r in checked.results if r.exercise == x]
            if ex.style_points:
                checks.append(style_check(ex, pending.intake.workspace))
            parts = self.key_parts(pending.intake, x)
            grade = exercise_grade(
                ex,
                checks,
                key=digest_of(parts),
                key_parts=parts,
                duration=round(checked.seconds, 2),
            )
            self.cache.store(checked.student, grade)
            pending.grades[x] = grade
            if x in pending.stale:
                why = pending.stale[x]
                self.run.regraded_because[why] = (
                    self.run.regraded_because.get(why, 0) + 1
                )
        pending.left.difference_update(checked.ids)
        if not pending.left:
            self.finish(pending)

    def finish(self, pending: Pending) -> None:
        intake, grades = pending.intake, pending.grades
        # Exercises not selected this time keep the grade they already have, if the
        # student's file and the checks are unchanged since.
        for x in self.course.ids:
            if x not in grades:
                cached = self.cache.load(intake.student, x)
                key = digest_of(self.key_parts(intake, x))
                if cached is not None and cached.key == key:
                    grades[x] = cached
        for x, grade in grades.items():
            grade.submitted_at = intake.timestamps.get(x)
            grade.note = intake.notes.get(x)
        stamps = sorted(intake.timestamps.values())
        student = StudentGrade(
            student=intake.student,
            submitted_at=stamps[-1] if stamps else None,
            source=intake.source,
            exercises=[grades[x] for x in self.course.ids if x in grades],
            problems=list(intake.problems),
            graded_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        )
        self.run.grades.append(student)
        if self.on_student:
            self.on_student(student)

    def key_parts(self, intake: Intake, exercise_id: str) -> dict[str, str]:
        student = intake.digests.get(exercise_id, "")
        return {**self.course_keys[exercise_id], "student": student}

    def fingerprint(self, exercise_id: str) -> str:
        """What a Dask worker's course must match (student_checks.course_fingerprint)."""
        return digest_of(self.course_keys[exercise_id])


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
    sweep_abandoned()  # what a grader killed before this one left on the host
    if not submissions.is_dir():
        raise GradingError(f"{submissions}: not a folder of submissions")
    try:
        entries, skipped = discover(submissions, CLASS_FILES)
    except OSError as exc:
        raise GradingError(f"{submissions}: cannot be read ({exc.strerror})") from None
    try:
        cache = Cache.open(out)
    except OSError as exc:
        raise GradingError(
            f"{out}: cannot write results there ({exc.strerror})"
        ) from None
    grader = grader_digest()
    batch = Batch(
        course=course,
        cache=cache,
        exercise_ids=exercise_ids or course.ids,
        course_keys={x: course_key_parts(course, x, grader=grader) for x in course.ids},
        run=ClassRun(grades=[], skipped=skipped),
        force=force,
        on_student=on_student,
    )
    scratch = Path(tempfile.mkdtemp(prefix="grader-class-"))
    # What the students' runs must not see (the sandbox covers it).
    hide = [submissions.resolve(), out.resolve(), scratch]
    try:
        work = batch.plan(entries, scratch)
        if dask:
            checked = _grade_on_cluster(dask, batch, work, on_cluster_message)
        else:
            checked = _grade_here(course, work, jobs, hide)
        for group in checked:
            batch.record(group)
    finally:
        _remove_scratch(scratch)
        sweep_abandoned()  # what a run killed mid-class (its pytest, OOM) left
    run = batch.run
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


def _grade_here(
    course: Course, work: Iterable[Pending], jobs: int, hide: list[Path]
) -> Iterator[Checked]:
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
        for pending in work:
            workspace = pending.intake.workspace
            for schedule, ids in pending.todo.items():
                fut = pool.submit(
                    check_group, course, ids, workspace, gate, schedule, hide
                )
                futures[fut] = (pending, ids)
        for fut in as_completed(futures):
            pending, ids = futures[fut]
            results, seconds = fut.result()
            checked = Checked(pending.student, ids, results, seconds)
            if any(r.outcome == "failed" and r.timing for r in results):
                deferred.append((pending, checked))
            else:
                yield checked
    except BaseException:
        # Ctrl-C, SIGTERM or the consumer gone: what is queued never starts (the
        # students already graded are in the cache); nothing waits for the rest.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    for pending, checked in deferred:
        checked.reruns = rerun_timing(
            course, checked.ids, pending.intake.workspace, checked.results, hide
        )
        yield checked


def _grade_on_cluster(
    address: str,
    batch: Batch,
    work: Iterable[Pending],
    on_message: Callable[[str], None],
) -> Iterator[Checked]:
    """One task per student on a Dask cluster; see grader/cluster.py."""
    try:
        from . import cluster
    except ImportError:
        raise GradingError(
            "--dask needs Dask: pip install 'mp-course-grader[dask]'"
        ) from None
    course = batch.course
    tasks = (
        cluster.Task(
            student=pending.student,
            files=_files_of(pending.intake.workspace),
            groups=pending.todo,
            course=str(course.root / "course.yml"),
            fingerprints={
                x: batch.fingerprint(x) for ids in pending.todo.values() for x in ids
            },
        )
        for pending in work
    )
    try:
        with cluster.connect(address) as client:
            yield from cluster.grade_remote(
                client,
                course,
                tasks,
                {x: batch.fingerprint(x) for x in batch.exercise_ids},
                on_message=on_message,
                workers=batch.run.workers,
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
