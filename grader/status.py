"""``grader status``: where a student stands across the course, from the visible
checks: points per exercise and the first check that fails, rustlings-style."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from .checkrun import run_checks
from .course import Course, Exercise


@dataclass
class ExerciseStatus:
    exercise: str
    title: str
    points: float
    max_points: float
    first_failure: str  # "" when every visible check passes


def exercise_status(course: Course, ex: Exercise, submission: Path) -> ExerciseStatus:
    if not (submission / ex.file).exists():
        return ExerciseStatus(
            ex.id, ex.title, 0, ex.visible_points, f"{ex.file} is missing"
        )
    results = run_checks(course, ex.id, submission, hidden=False)
    failing = [r for r in results if r.outcome != "passed"]
    first = ""
    if failing:
        summary = failing[0].message.splitlines()[0] if failing[0].message else ""
        first = f"{failing[0].title}: {summary}".rstrip(": ")
    return ExerciseStatus(
        ex.id,
        ex.title,
        sum(r.points for r in results),
        sum(r.max_points for r in results),
        first,
    )


def status(
    course: Course, exercises: list[Exercise], submission: Path, jobs: int = 3
) -> list[ExerciseStatus]:
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(
            pool.map(lambda ex: exercise_status(course, ex, submission), exercises)
        )


def complete(rows: list[ExerciseStatus]) -> int:
    """Exercises whose visible checks all pass."""
    return sum(1 for r in rows if r.points == r.max_points and r.max_points)


def print_status(rows: list[ExerciseStatus], console: Console | None = None) -> None:
    console = console or Console(soft_wrap=not sys.stdout.isatty())
    done = complete(rows)
    bar = "#" * done + ">" + "-" * (len(rows) - done)
    console.print(f"Progress: [{bar}] {done}/{len(rows)} exercises complete")
    table = Table()
    for column in ("exercise", "visible points", "first failing check"):
        table.add_column(column)
    for r in rows:
        table.add_row(
            f"{r.exercise} {r.title}",
            f"{r.points:g}/{r.max_points:g}",
            r.first_failure or "[green]all visible checks pass[/green]",
        )
    console.print(table)
    nxt = next((r for r in rows if r.first_failure), None)
    if nxt:
        console.print(
            f"Next: read exercises/{nxt.exercise}/README.md, then run "
            f"pytest exercises/{nxt.exercise}"
        )
