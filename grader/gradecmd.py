"""The terminal side of ``grader grade``: progress while grading (quiet when the
output is not a terminal, as in CI logs), the files written, and a summary table."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.progress import TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from . import __version__
from .batch import GradingError, grade_class
from .course import Course
from .grades import StudentGrade
from .harness.sandbox import Policy, describe
from .intake import discover
from .reports.writer import CLASS_FILES, write_class, write_student
from .text import visible

PLAIN_RISK = (
    "warning: the plain sandbox runs every student's code as you: a submission "
    "can rewrite RESULTS, the cache and other students' grades, during grading "
    "or after it. Grade as root for the isolated or dropped sandbox "
    "(docs/security.md)."
)


def _plain_accepted(console: Console, trust_students: bool) -> bool:
    """A class is graded in the plain sandbox only when the TA says so."""
    if trust_students:
        console.print(PLAIN_RISK, style="yellow", highlight=False, markup=False)
        return True
    console.print(
        "grader: not grading a class in the plain sandbox (not root here): "
        "students' code would run as you and could change the results. Grade as "
        "root, or pass --trust-students to accept that (docs/security.md).",
        style="red",
        highlight=False,
        markup=False,
    )
    return False


def grade_command(
    course: Course,
    submissions: Path,
    out: Path,
    *,
    exercise_ids: list[str],
    jobs: int | None,
    force: bool,
    dask: str | None = None,
    console: Console | None = None,
    trust_students: bool = False,
    as_json: bool = False,
) -> int:
    # Not a terminal (CI logs, a file): lines stay whole instead of wrapping at
    # rich's default 80 columns.
    console = console or Console(stderr=True, soft_wrap=not sys.stderr.isatty())
    if dask and jobs:
        console.print(
            "--jobs has no effect with --dask: each worker grades as many students "
            "at once as it has threads (dask worker --nthreads)"
        )
    jobs = jobs or 4 * (os.cpu_count() or 1)
    if dask:
        # Each worker runs as many students at once as it has threads, in the
        # sandbox its own machine allows: known once the workers have reported.
        mode = sandbox = None
        console.print(
            f"grading {submissions} on the Dask cluster at {dask}", markup=False
        )
    else:
        try:
            mode = Policy.from_env().mode
        except (ValueError, RuntimeError) as exc:
            console.print(f"grader: {exc}", style="red", highlight=False, markup=False)
            return 2
        sandbox = describe(mode)
        if mode == "plain" and not _plain_accepted(console, trust_students):
            return 2
        console.print(
            f"grading {submissions} with {jobs} jobs · sandbox: {sandbox}", markup=False
        )
    try:
        count = (
            len(discover(submissions, CLASS_FILES)[0]) if submissions.is_dir() else 0
        )
    except OSError:
        count = 0
    progress = Progress(
        TextColumn("grading"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("students"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        disable=not console.is_terminal,
    )
    with progress:
        task = progress.add_task("grading", total=count)

        def on_student(grade):
            write_student(out, course, grade)
            progress.advance(task)

        try:
            run = grade_class(
                course,
                submissions,
                out,
                exercise_ids=exercise_ids,
                jobs=jobs,
                force=force,
                on_student=on_student,
                dask=dask,
                on_cluster_message=lambda line: console.print(
                    line, highlight=False, markup=False
                ),
            )
        except GradingError as exc:
            console.print(f"grader: {exc}", style="red", highlight=False, markup=False)
            return 2
    if dask:
        modes = sorted({w["sandbox"] for w in run.workers.values() if w["ok"]})
        mode = ", ".join(modes)
        sandbox = "; ".join(describe(m) for m in modes)
        if "plain" in modes:
            console.print(PLAIN_RISK, style="yellow", highlight=False, markup=False)
    meta = {
        "graded_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "seconds": run.seconds,
        "jobs": None if dask else jobs,
        "dask": dask,
        "workers": run.workers,
        "sandbox": mode,
        "sandbox_description": sandbox,
        "grader_version": __version__,
        "exercises_graded": exercise_ids,
        "checked": run.graded,
        "reused_from_cache": run.reused,
        "regraded_because": run.regraded_because,
        "timing_reruns": run.reruns,
        "skipped": run.skipped,
    }
    write_class(out, course, run.grades, meta)
    if as_json:
        # stdout alone carries it, for scripts and CI; the log stays on stderr.
        print(json.dumps(json_summary(out, run, meta), indent=1))
    summary(console, course, run)
    console.print(f"gradebook:    {out / 'gradebook.csv'}", markup=False)
    console.print(f"class report: {out / 'report.html'}", markup=False)
    if run.not_graded:
        console.print(
            f"[red]{len(run.not_graded)} submission(s) could not be graded; run the "
            "same command again to grade only those[/red]",
            highlight=False,
        )
        return 1
    return 0


def json_summary(out: Path, run, meta: dict) -> dict:
    """What `grade --json` prints: the run's record and each student's total."""
    return {
        **meta,
        "results": str(out),
        "gradebook": str(out / "gradebook.csv"),
        "report": str(out / "report.html"),
        "not_graded": run.not_graded,
        "students": [
            {
                "student": g.student,
                "total": g.total,
                "max_total": g.max_total,
                "problems": [
                    f"{e.exercise}: {e.problem}" for e in g.exercises if e.problem
                ],
            }
            for g in run.grades
        ],
    }


def broken_checks(grades: list[StudentGrade]) -> dict[tuple[str, str], int]:
    """(exercise, check name) -> how many students' runs of that check stopped
    with an error of the check's own."""
    counts: dict[tuple[str, str], int] = {}
    for g in grades:
        for e in g.exercises:
            for c in e.checks:
                if c.check_error:
                    key = (e.exercise, c.name)
                    counts[key] = counts.get(key, 0) + 1
    return counts


def summary(console: Console, course: Course, run) -> None:
    table = Table(title=f"{len(run.grades)} students graded in {run.seconds:g} s")
    table.add_column("exercise")
    table.add_column("mean", justify="right")
    table.add_column("full marks", justify="right")
    table.add_column("not submitted", justify="right")
    for ex in course.exercises:
        grades = [g.exercise(ex.id) for g in run.grades]
        grades = [e for e in grades if e is not None]
        if not grades:
            continue
        mean = sum(e.points for e in grades) / len(grades)
        full = sum(1 for e in grades if e.points == e.max_points)
        missing = sum(1 for e in grades if e.problem)
        table.add_row(
            f"{ex.id} {ex.title}", f"{mean:.1f}/{ex.points}", str(full), str(missing)
        )
    console.print(table)
    console.print(
        f"checked {run.graded} exercise(s), reused {run.reused} unchanged, "
        f"{run.reruns} timing re-run(s)"
    )
    if run.regraded_because:
        most_first = sorted(run.regraded_because.items(), key=lambda kv: -kv[1])
        console.print(
            "re-graded " + ", ".join(f"{n} ({why})" for why, n in most_first),
            highlight=False,
            markup=False,
        )
    broken = broken_checks(run.grades)
    if broken:
        # Not the students' doing, and not for a TA to fix: said so they pass it on.
        named = ", ".join(
            f"{ex} {name} ({count} student{'s' if count != 1 else ''})"
            for (ex, name), count in broken.items()
        )
        console.print(
            f"[red]{len(broken)} check(s) stopped with an error of their own[/red] "
            "(a fault in the grader, not the students; tell the instructor, "
            f"grades.json holds the tracebacks): {escape(named)}",
            highlight=False,
        )
    for line in run.skipped:
        console.print(f"[yellow]skipped[/yellow] {escape(visible(line))}")
    for line in run.not_graded:
        console.print(f"[red]not graded[/red] {escape(visible(line))}", highlight=False)
