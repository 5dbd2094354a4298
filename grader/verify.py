"""``grader verify``: every reference solution earns full marks on visible and hidden
checks, every stub earns zero, course.yml's points match the checks' markers, and
every program of the variant corpus gets the verdicts its header promises.

The authoring check of rustlings and Exercism, run against the real harness.
"""

from __future__ import annotations

import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .checkrun import make_tree, run_checks
from .course import Course, Exercise
from .grades import CheckResult
from .variants import Variant, load_variants, verdict_problems


@dataclass
class VerifyRow:
    exercise: str
    title: str
    solution_points: float
    stub_points: float
    max_points: float
    checks: int
    seconds: float
    problems: list[str] = field(default_factory=list)
    variants: int = 0  # programs of the corpus judged
    variants_right: int = 0  # ... whose verdicts matched their header

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_exercise(
    course: Course, ex: Exercise, *, variants: bool = True, jobs: int = 2
) -> VerifyRow:
    started = time.monotonic()
    problems = []
    corpus = load_variants(course, [ex.id]) if variants else []
    with (
        tempfile.TemporaryDirectory(prefix="grader-verify-") as scratch,
        ThreadPoolExecutor(max_workers=2) as pool,
    ):
        stub_future = pool.submit(run_checks, course, ex.id, course.root)
        if ex.solution is None:
            problems.append("no solution in course.yml")
            solved = []
        else:
            tree = make_tree(course, {ex.id: course.root / ex.solution}, Path(scratch))
            solved = run_checks(course, ex.id, tree)
        stub = stub_future.result()
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as programs:
            judged = list(
                programs.map(
                    lambda v: (v, judge(course, v, Path(scratch) / "variants" / v.id)),
                    corpus,
                )
            )
    problems += check_errors(solved, stub)
    wrong = 0
    for v, said in judged:
        wrong += bool(said)
        problems += [f"variant {v.path.name}: {p}" for p in said]
    for r in solved:
        if r.outcome != "passed" and not r.check_error:
            # The whole message: the author must see what a student would see.
            problems.append(f"solution fails {r.name}:\n{whole_message(r)}")
    for r in stub:
        if r.outcome == "passed":
            problems.append(f"stub passes {r.name}")
    visible = sum(r.max_points for r in stub if not r.hidden)
    hidden = sum(r.max_points for r in stub if r.hidden)
    if visible != ex.visible_points:
        problems.append(
            f"visible checks are worth {visible:g}, course.yml says {ex.visible_points}"
        )
    if hidden != ex.hidden_points:
        problems.append(
            f"hidden checks are worth {hidden:g}, course.yml says {ex.hidden_points}"
        )
    return VerifyRow(
        exercise=ex.id,
        title=ex.title,
        solution_points=sum(r.points for r in solved),
        stub_points=sum(r.points for r in stub),
        max_points=float(ex.points),
        checks=len(stub),
        seconds=round(time.monotonic() - started, 1),
        problems=problems,
        variants=len(judged),
        variants_right=len(judged) - wrong,
    )


def judge(course: Course, variant: Variant, dest: Path) -> list[str]:
    """What the checks got wrong about one program of the corpus."""
    tree = make_tree(course, {variant.exercise: variant.path}, dest)
    results = run_checks(
        course, variant.exercise, tree, run_timeout=variant.run_timeout
    )
    return verdict_problems(variant, results)


def check_errors(solved: list[CheckResult], stub: list[CheckResult]) -> list[str]:
    """The checks that broke on the solution or the stub, each told once with its
    traceback: a check that raises is wrong whoever's code it judged."""
    runs: dict[str, list[str]] = {}
    tracebacks: dict[str, str] = {}
    for who, results in (("the solution", solved), ("the stub", stub)):
        for r in results:
            if r.check_error:
                runs.setdefault(r.nodeid, []).append(who)
                tracebacks.setdefault(r.nodeid, r.check_error)
    return [
        f"check {name} has an error of its own (on {' and '.join(who)}):\n"
        f"{tracebacks[name]}"
        for name, who in runs.items()
    ]


def whole_message(r: CheckResult) -> str:
    """A failing check's message and timeline, as the student would read them."""
    parts = [r.message or f"({r.outcome}, no message)"]
    if r.timeline:
        parts += ["Timeline of the processes:", r.timeline]
    return "\n".join(parts)


def verify(
    course: Course, exercises: list[Exercise], jobs: int = 3, variants: bool = True
) -> list[VerifyRow]:
    # Threads only wait on pytest subprocesses; the checks are mostly sleep-bound.
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(
            pool.map(
                lambda ex: verify_exercise(course, ex, variants=variants), exercises
            )
        )


def print_table(rows: list[VerifyRow], console: Console | None = None) -> None:
    console = console or Console(soft_wrap=not sys.stdout.isatty())
    table = Table(title="grader verify")
    for column in (
        "exercise",
        "solution",
        "stub",
        "checks",
        "variants",
        "time",
        "result",
    ):
        table.add_column(column)
    for row in rows:
        table.add_row(
            f"{row.exercise} {row.title}",
            f"{row.solution_points:g}/{row.max_points:g}",
            f"{row.stub_points:g}/{row.max_points:g}",
            str(row.checks),
            f"{row.variants_right}/{row.variants}" if row.variants else "-",
            f"{row.seconds:.1f}s",
            "ok" if row.ok else "[red]FAIL[/red]",
        )
    console.print(table)
    for row in rows:
        for problem in row.problems:
            first, *rest = problem.splitlines() or [""]
            console.print(f"[red]exercise {row.exercise}:[/red] {escape(first)}")
            for line in rest:
                # Indented under its problem, and never wrapped: a timeline or a
                # traceback is read column by column.
                console.print(
                    f"    {line}", markup=False, highlight=False, soft_wrap=True
                )
