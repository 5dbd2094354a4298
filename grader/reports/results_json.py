"""results.json in Gradescope's autograder format, one per student.

Visible checks are ``visible``; hidden checks carry the visibility course.yml gives
their exercise (``hidden_visibility``, default ``after_published``). An exercise
that could not be checked (a missing file) is one failed test worth its points.
"""

from __future__ import annotations

import json

from ..course import Course
from ..grades import StudentGrade


def results_json(course: Course, grade: StudentGrade, execution_time: float) -> str:
    tests = []
    for e in grade.exercises:
        ex = course.exercise(e.exercise)
        if e.problem or not e.checks:
            tests.append(
                {
                    "name": f"{ex.id} {ex.title}",
                    "number": ex.id,
                    "score": 0,
                    "max_score": e.max_points,
                    "status": "failed",
                    "output": e.problem or "not checked",
                    "visibility": "visible",
                    "tags": [f"exercise-{ex.id}"],
                }
            )
            continue
        for n, c in enumerate(e.checks, 1):
            tests.append(
                {
                    "name": f"{ex.id} {ex.title}: {c.title}",
                    "number": f"{ex.id}.{n}",
                    "score": c.points,
                    "max_score": c.max_points,
                    "status": "passed" if c.outcome == "passed" else "failed",
                    "output": c.message if c.hidden else _with_timeline(c),
                    "output_format": "text",
                    "visibility": ex.hidden_visibility if c.hidden else "visible",
                    "tags": [f"exercise-{ex.id}", "hidden" if c.hidden else "visible"],
                }
            )
    output = "\n".join(grade.problems)
    hidden_now = any(t["visibility"] != "visible" for t in tests)
    if not output:
        # Gradescope hides the total while hidden tests are unpublished; saying it
        # here would give it away.
        output = (
            "Graded. The visible checks' points are below; the rest, and the total, "
            "appear when grades are published."
            if hidden_now
            else f"{grade.total:g}/{grade.max_total:g} points"
        )
    return json.dumps(
        {
            "score": grade.total,
            "execution_time": round(max(0.0, execution_time), 3),
            "output": output,
            "output_format": "text",
            "visibility": "visible",
            "stdout_visibility": "hidden",
            "tests": tests,
        },
        indent=1,
    )


def _with_timeline(check) -> str:
    if check.timeline:
        return f"{check.message}\n\nTimeline of your processes:\n{check.timeline}"
    return check.message
