"""report.html: what the class struggled with, for the TA.

The score distribution, the pass rate of every check, and the most common failure
messages (their first line, which names the mistake).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, select_autoescape

from ..course import Course
from ..grades import StudentGrade


@dataclass
class CheckRate:
    exercise: str
    title: str
    hidden: bool
    passed: int
    total: int

    @property
    def rate(self) -> float:
        return self.passed / self.total if self.total else 0.0


def check_rates(grades: list[StudentGrade]) -> list[CheckRate]:
    rates: dict[tuple[str, str], CheckRate] = {}
    for g in grades:
        for e in g.exercises:
            for c in e.checks:
                key = (e.exercise, c.name)
                rate = rates.setdefault(
                    key, CheckRate(e.exercise, c.title, c.hidden, 0, 0)
                )
                rate.total += 1
                rate.passed += c.outcome == "passed"
    return [rates[k] for k in sorted(rates)]


def common_failures(
    grades: list[StudentGrade], most: int = 12
) -> list[tuple[str, str, int]]:
    counts: Counter = Counter()
    for g in grades:
        for e in g.exercises:
            if e.problem:
                counts[
                    (
                        e.exercise,
                        (
                            e.problem.split(":")[0]
                            if "missing" in e.problem
                            else e.problem
                        ),
                    )
                ] += 1
            for c in e.checks:
                if c.outcome != "passed" and c.message:
                    counts[(e.exercise, c.message.splitlines()[0])] += 1
    return [(x, msg, n) for (x, msg), n in counts.most_common(most)]


def distribution(grades: list[StudentGrade], bins: int = 10) -> list[tuple[str, int]]:
    if not grades:
        return []
    top = max(g.max_total for g in grades) or 1
    counts = [0] * bins
    for g in grades:
        counts[min(bins - 1, int(g.total / top * bins))] += 1
    step = top / bins
    return [(f"{i * step:g}–{(i + 1) * step:g}", n) for i, n in enumerate(counts)]


def report_html(course: Course, grades: list[StudentGrade], meta: dict) -> str:
    env = Environment(
        loader=PackageLoader("grader.reports", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    totals = sorted(g.total for g in grades)
    return env.get_template("report.html.j2").render(
        course=course,
        grades=sorted(grades, key=lambda g: g.student),
        meta=meta,
        rates=check_rates(grades),
        failures=common_failures(grades),
        histogram=distribution(grades),
        median=totals[len(totals) // 2] if totals else 0,
        mean=sum(totals) / len(totals) if totals else 0,
    )
