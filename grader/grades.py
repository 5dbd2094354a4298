"""Grades as plain data: what the batch grader produces and every report reads.

submission -> intake -> checks (CheckResult) -> ExerciseGrade -> StudentGrade ->
gradebook.csv, grades.json, feedback, results.json, report.html.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .course import Exercise

NO_CHECK_RAN = "no check ran for this exercise"


@dataclass
class CheckResult:
    """One check's outcome: what the gradebook, feedback and exports are built from."""

    nodeid: str
    exercise: str
    name: str
    title: str
    hidden: bool
    points: float
    max_points: float
    outcome: str  # passed | failed | error | skipped
    message: str  # the teaching message (no timeline, no source, no traceback)
    timeline: str  # the text timeline of the observation the check judged, if any
    duration: float
    timing: bool = False  # failed on a time bound alone (re-run once before it counts)
    rerun: bool = False  # this result comes from that re-run
    picture: dict | None = None  # timeline.picture() of the judged run, for the HTML
    # The traceback of an exception in the check's own code (not a verdict): the
    # check's fault, for the instructor only; never in what students are shown.
    check_error: str = ""


@dataclass
class ExerciseGrade:
    exercise: str
    title: str
    points: float
    max_points: float
    problem: str | None = None  # why it could not be checked (missing file, ...)
    checks: list[CheckResult] = field(default_factory=list)
    key: str = ""  # cache key: a digest of key_parts
    duration: float = 0.0
    submitted_at: str | None = None  # ISO 8601, when the LMS or nbgrader says
    note: str | None = None  # how the graded file was found (a notebook's cell, ...)
    # What the key was made of ("grader", "exercise", "student" -> digest), so that
    # a re-grade can say which of them changed; empty in caches written before it.
    key_parts: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict) -> ExerciseGrade:
        data = dict(data)
        data["checks"] = [CheckResult(**c) for c in data.get("checks", [])]
        return cls(**data)


def exercise_grade(
    exercise: Exercise,
    checks: list[CheckResult],
    *,
    problem: str | None = None,
    key: str = "",
    key_parts: dict[str, str] | None = None,
    duration: float = 0.0,
) -> ExerciseGrade:
    """The one place an exercise's points are decided.

    Each check already carries what it earned (its marker's points when it passed,
    0 when it failed, timed out or was killed; a timing re-run's result has replaced
    the first), so the exercise earns their sum. A file that could not be graded
    (``problem``: missing, not UTF-8, ...) has no checks and earns 0; so does an
    exercise whose checks never ran, which says so.
    """
    if problem is None and not checks:
        problem = NO_CHECK_RAN
    return ExerciseGrade(
        exercise.id,
        exercise.title,
        float(sum(c.points for c in checks)),
        float(exercise.points),
        problem=problem,
        checks=list(checks),
        key=key,
        duration=duration,
        key_parts=dict(key_parts or {}),
    )


@dataclass
class StudentGrade:
    student: str
    source: str
    exercises: list[ExerciseGrade]
    problems: list[str] = field(default_factory=list)
    graded_at: str = ""  # ISO 8601, UTC
    submitted_at: str | None = None  # from the LMS or nbgrader, when known

    @property
    def total(self) -> float:
        return sum(e.points for e in self.exercises)

    @property
    def max_total(self) -> float:
        return sum(e.max_points for e in self.exercises)

    def exercise(self, exercise_id: str) -> ExerciseGrade | None:
        for e in self.exercises:
            if e.exercise == exercise_id:
                return e
        return None

    def to_dict(self) -> dict:
        data = asdict(self)
        data["total"] = self.total
        data["max_total"] = self.max_total
        return data

    @classmethod
    def from_dict(cls, data: dict) -> StudentGrade:
        data = {k: v for k, v in data.items() if k not in ("total", "max_total")}
        data["exercises"] = [ExerciseGrade.from_dict(e) for e in data["exercises"]]
        return cls(**data)


def repeated_causes(checks: list[CheckResult]) -> dict[str, str]:
    """nodeid -> the title of the earlier failing check whose message starts with
    the same line: one root cause is told once, then "same cause as above"."""
    first: dict[str, str] = {}
    repeats = {}
    for c in checks:
        # Checks that broke share a message but no cause in the student's code.
        if c.outcome == "passed" or not c.message or c.check_error:
            continue
        cause = c.message.splitlines()[0]
        if cause in first:
            repeats[c.nodeid] = first[cause]
        else:
            first[cause] = c.title
    return repeats
