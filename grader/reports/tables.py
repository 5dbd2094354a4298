"""gradebook.csv and grades.json: the class at a glance, and everything."""

from __future__ import annotations

import csv
import io
import json

from ..course import Course
from ..grades import StudentGrade


def gradebook_csv(course: Course, grades: list[StudentGrade]) -> str:
    """``student,01,...,10,total``, sorted by student id; an exercise not graded
    is left empty."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["student", *course.ids, "total"])
    for g in sorted(grades, key=lambda g: g.student):
        cells = []
        for x in course.ids:
            e = g.exercise(x)
            cells.append("" if e is None else _num(e.points))
        writer.writerow([g.student, *cells, _num(g.total)])
    return buf.getvalue()


def grades_json(course: Course, grades: list[StudentGrade], meta: dict) -> str:
    return json.dumps(
        {
            "course": course.title,
            "exercises": [
                {"id": ex.id, "title": ex.title, "max_points": ex.points}
                for ex in course.exercises
            ],
            **meta,
            "students": [_student(g) for g in sorted(grades, key=lambda g: g.student)],
        },
        indent=1,
    )


def _student(g: StudentGrade) -> dict:
    data = g.to_dict()
    for e in data["exercises"]:
        for c in e["checks"]:
            c.pop("picture", None)  # pictures are for feedback.html, not the record
    return data


def _num(x: float) -> str:
    return f"{x:g}"
