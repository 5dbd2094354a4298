"""Writes RESULTS: per student as soon as they are graded, the class at the end."""

from __future__ import annotations

import json
from pathlib import Path

from ..course import Course
from ..files import write_atomic
from ..grades import StudentGrade
from .classreport import report_html
from .feedback import feedback_html, feedback_md
from .results_json import results_json
from .tables import gradebook_csv, grades_json

# Beside the student folders in RESULTS; a student id equal to one of these
# (in any case: macOS folds it) would take the class file's place.
CLASS_FILES = ("gradebook.csv", "grades.json", "report.html")


def write_student(out: Path, course: Course, grade: StudentGrade) -> None:
    folder = out / grade.student
    folder.mkdir(parents=True, exist_ok=True)
    seconds = sum(e.duration for e in grade.exercises)
    write_atomic(folder / "feedback.md", feedback_md(course, grade))
    write_atomic(folder / "feedback.html", feedback_html(course, grade))
    write_atomic(folder / "results.json", results_json(course, grade, seconds))


def write_class(
    out: Path, course: Course, grades: list[StudentGrade], meta: dict
) -> None:
    csv_name, json_name, html_name = CLASS_FILES
    write_atomic(out / csv_name, gradebook_csv(course, grades))
    write_atomic(out / json_name, grades_json(course, grades, meta))
    write_atomic(out / html_name, report_html(course, grades, meta))


def load_grades(out: Path) -> list[StudentGrade]:
    """The students of a RESULTS folder's grades.json (for exports)."""
    data = json.loads((out / "grades.json").read_text(encoding="utf-8"))
    return [StudentGrade.from_dict(s) for s in data["students"]]
