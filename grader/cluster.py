"""Grading through a Dask cluster: ``grader grade SUBMISSIONS --out RESULTS --dask
ADDRESS``.

The client (the TA's machine) takes the submissions in, looks in RESULTS' cache, and
sends one task per submission that still needs grading; it alone writes RESULTS, each
result as it comes back. A task carries the student's graded files as bytes (no
shared filesystem) and the fingerprint of the course's checks. The worker grades it
with the same checks runner and the same scheduling rules as a local run
(:class:`grader.scheduling.Gate`: one CPU slot per worker, a timing re-run alone),
inside its own sandbox, and returns plain JSON.

A worker whose installed course differs from the client's refuses the task
(:class:`CourseMismatch`); Dask re-sends the tasks of a worker that dies; task keys
are per student, so every submission is written once.

Dask is an optional extra (``pip install 'mp-course-grader[dask]'``): only
``grader grade --dask`` imports this module.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath

from distributed import Client, WorkerPlugin, as_completed, get_worker

from .checkrun import CheckResult
from .course import Course, CourseError, load
from .scheduling import Gate
from .student_checks import Checked, check_student, course_fingerprint, grader_digest

PLUGIN = "grader"
# On a worker: where its course.yml is, if not where the client's is.
COURSE_ENV = "GRADER_COURSE"


class ClusterError(RuntimeError):
    """The cluster cannot grade (not a student's problem)."""


class CourseMismatch(ClusterError):
    """A worker's installed course is not the client's."""


@dataclass
class Task:
    """One submission, as sent to a worker."""

    student: str
    files: dict[str, bytes]  # path in the student's tree -> content
    groups: dict[str, list[str]]  # schedule ("sleep", "cpu") -> exercise ids
    course: str  # the client's course.yml (the worker's, unless GRADER_COURSE)
    fingerprints: dict[str, str]  # exercise id -> student_checks.course_fingerprint


# --- the worker's side -------------------------------------------------------------


class WorkerSetup(WorkerPlugin):
    """Per worker: one Gate for all its tasks, its course, a scratch folder."""

    name = PLUGIN

    def setup(self, worker):
        self.gate = Gate()
        self.scratch = Path(tempfile.mkdtemp(prefix="grader-worker-"))
        self.courses: dict[str, Course] = {}

    def teardown(self, worker):
        shutil.rmtree(self.scratch, ignore_errors=True)


def worker_course(plugin, client_course: str, fingerprints: dict[str, str]) -> Course:
    """The worker's course, if its checks are the client's; CourseMismatch if not."""

    where = os.environ.get(COURSE_ENV) or client_course
    if where not in plugin.courses:
        try:
            plugin.courses[where] = load(Path(where))
        except (CourseError, OSError) as exc:
            raise CourseMismatch(
                f"no usable course at {where} ({exc}); start the worker with "
                f"{COURSE_ENV}=/path/to/course.yml"
            ) from None
    course = plugin.courses[where]
    grader = grader_digest()
    differ = [
        x
        for x, fp in sorted(fingerprints.items())
        if x not in course.ids or course_fingerprint(course, x, grader=grader) != fp
    ]
    if differ:
        raise CourseMismatch(
            f"the course at {where} differs from the client's for exercise(s) "
            f"{', '.join(differ)}: install the same course and grader version on "
            "every worker"
        )
    return course


def grade_task(task: Task) -> dict:
    """Runs on a worker: the checks of one submission, as plain JSON."""

    worker = get_worker()
    plugin = worker.plugins[PLUGIN]
    try:
        course = worker_course(plugin, task.course, task.fingerprints)
    except CourseMismatch as exc:
        raise CourseMismatch(f"worker {worker.address}: {exc}") from None
    with tempfile.TemporaryDirectory(dir=plugin.scratch) as tmp:
        workspace = Path(tmp) / task.student
        for rel, data in task.files.items():
            path = workspace / _safe(rel)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        results, seconds, reruns = check_student(
            course, task.groups, workspace, plugin.gate, hide=[plugin.scratch]
        )
    return {
        "results": [asdict(r) for r in results],
        "seconds": seconds,
        "reruns": reruns,
    }


def worker_report(
    client_course: str, fingerprints: dict[str, str], dask_worker=None
) -> dict:
    """Runs on every worker before grading (``Client.run`` passes the worker as
    ``dask_worker``): can it grade, and how."""
    from .harness.sandbox import Policy

    worker = dask_worker
    report = {"nthreads": worker.state.nthreads, "ok": True, "why": ""}
    try:
        report["sandbox"] = Policy.from_env().mode
        worker_course(worker.plugins[PLUGIN], client_course, fingerprints)
    except (CourseMismatch, ValueError, RuntimeError) as exc:
        report.update(ok=False, why=str(exc))
    return report


def _safe(rel: str) -> Path:
    parts = PurePosixPath(rel).parts
    if not parts or PurePosixPath(rel).is_absolute() or ".." in parts:
        raise ValueError(f"{rel!r}: not a path inside the student's tree")
    return Path(*parts)


# --- the client's side -------------------------------------------------------------


def connect(address: str) -> Client:
    try:
        return Client(address, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"no Dask scheduler at {address}: {exc}") from None


def grade_remote(
    client,
    course: Course,
    tasks: Iterable[Task],
    fingerprints: dict[str, str],
    *,
    on_message: Callable[[str], None] = lambda message: None,
    workers: dict | None = None,
) -> Iterator[Checked]:
    """Send every task; yield each submission's results as they come back.

    ``fingerprints`` are the client's, for every exercise being graded; a worker
    must have the same. ``workers`` is filled with each worker's report (threads,
    sandbox, whether it can grade). Raises ClusterError when no worker can grade; a
    submission whose task failed for another reason (Dask gives up on a task that
    was on several workers that died) is yielded with its error and no results.
    """
    client.register_plugin(WorkerSetup(), name=PLUGIN)
    tasks = list(tasks)
    reports = client.run(worker_report, str(course.root / "course.yml"), fingerprints)
    if workers is not None:
        workers.update(reports)
    good = sorted(addr for addr, r in reports.items() if r["ok"])
    for addr, r in sorted(reports.items()):
        if not r["ok"]:
            on_message(f"worker {addr} left out: {r['why']}")
    if good:
        modes = sorted({reports[a]["sandbox"] for a in good})
        threads = sum(reports[a]["nthreads"] for a in good)
        on_message(
            f"{len(good)} worker(s), {threads} student(s) at once, "
            f"sandbox: {', '.join(modes)}"
        )
    if tasks and not good:
        raise ClusterError(
            "no worker can grade this course: "
            + "; ".join(f"{a}: {r['why']}" for a, r in sorted(reports.items()))
            if reports
            else "the scheduler has no workers"
        )
    restrict = good if len(good) < len(reports) else None

    def submit(task, workers=None, attempt=0):
        # A new key for a new attempt: Dask hands back the old, failed future
        # for a key it has seen.
        return client.submit(
            grade_task,
            task,
            key=f"grade-{task.student}-{fingerprint_of(task)}-{attempt}",
            workers=workers,
        )

    futures = {}
    attempts = {}
    for task in tasks:
        futures[submit(task, restrict)] = task
    queue = as_completed(futures)
    try:
        for fut in queue:
            task = futures.pop(fut)
            ids = [x for ids in task.groups.values() for x in ids]
            try:
                out = fut.result()
            except CourseMismatch as exc:
                # A worker that joined after the check above: keep its tasks away.
                on_message(str(exc))
                good = [a for a in good if not str(exc).startswith(f"worker {a}:")]
                if not good:
                    raise ClusterError(str(exc)) from None
                attempts[task.student] = attempts.get(task.student, 0) + 1
                again = submit(task, good, attempts[task.student])
                futures[again] = task
                queue.add(again)
                continue
            except Exception as exc:  # noqa: BLE001 - reported for that student
                yield Checked(task.student, ids, [], error=_describe(exc))
                continue
            yield Checked(
                task.student,
                ids,
                [CheckResult(**r) for r in out["results"]],
                out["seconds"],
                out["reruns"],
            )
    finally:
        for fut in futures:
            fut.cancel()


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[-1] if text else ''}".rstrip(": ")


def fingerprint_of(task: Task) -> str:
    h = hashlib.sha256()
    for rel, data in sorted(task.files.items()):
        h.update(rel.encode() + b"\0" + hashlib.sha256(data).digest())
    for x, fp in sorted(task.fingerprints.items()):
        h.update(f"{x}={fp}".encode())
    return h.hexdigest()[:16]
