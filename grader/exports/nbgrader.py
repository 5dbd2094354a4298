"""``grader export nbgrader RESULTS --db URL``: a RESULTS folder into an nbgrader
gradebook, through nbgrader's own API, so that ``nbgrader export`` (and any
nbgrader exporter, such as our Canvas one) writes the LMS file.

Mapping: one nbgrader assignment per exercise (``ex03``, with the exercise's due
date), one notebook in it (the lesson notebook ``ex03.ipynb`` that
``grader release --nbgrader`` puts in every assignment, so ``nbgrader autograde``
finds it in each submission and ``fetch_feedback`` brings its feedback), one grade cell per
check with the check's points as its maximum, and per student one submission
whose grades are the points the checks awarded, stamped with the submission's time
so nbgrader's late-penalty plugin applies. Re-exporting updates in place.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

from ..course import Course, assignment_name
from ..grades import StudentGrade


@dataclass
class ExportSummary:
    assignments: int
    students: int
    grades: int


def export_to_nbgrader(
    course: Course, grades: list[StudentGrade], db_url: str
) -> ExportSummary:
    # nbgrader runs `alembic` from PATH to create a new database: make sure the one
    # installed beside this interpreter is found.
    bindir = str(Path(sys.executable).parent)
    if bindir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")
    from nbgrader.api import Gradebook, MissingEntry
    from nbgrader.plugins import LateSubmissionPlugin

    late = LateSubmissionPlugin()
    cells = _grade_cells(course, grades)
    count = 0
    with warnings.catch_warnings(), Gradebook(db_url) as gb:
        # nbgrader's own add_submission trips SQLAlchemy's autoflush warnings; they
        # are about its session bookkeeping, not about our data.
        warnings.simplefilter("ignore", category=Warning)
        for ex in course.exercises:
            if ex.id not in cells:
                continue
            name = assignment_name(ex.id)
            due = (
                ex.due.astimezone(dt.timezone.utc).replace(tzinfo=None)
                if ex.due
                else None
            )
            gb.update_or_create_assignment(name, duedate=due)
            notebook = name
            gb.update_or_create_notebook(notebook, name)
            for cell, max_score in cells[ex.id].items():
                gb.update_or_create_grade_cell(
                    cell, notebook, name, max_score=max_score, cell_type="code"
                )
        for g in grades:
            gb.update_or_create_student(g.student)
            for e in g.exercises:
                if e.exercise not in cells:
                    continue
                name = assignment_name(e.exercise)
                notebook = name
                stamp = _timestamp(e.submitted_at or g.submitted_at or g.graded_at)
                try:
                    gb.find_submission(name, g.student)
                    # Grade rows exist only for cells known when the submission was
                    # made: start the submission afresh if the checks changed.
                    known = {
                        grade.name
                        for grade in gb.find_submission_notebook(
                            notebook, name, g.student
                        ).grades
                    }
                    if known != set(cells[e.exercise]):
                        gb.remove_submission(name, g.student)
                except MissingEntry:
                    pass
                gb.update_or_create_submission(name, g.student, timestamp=stamp)
                points = _points_by_cell(e, cells[e.exercise])
                for cell, score in points.items():
                    grade = gb.find_grade(cell, notebook, name, g.student)
                    grade.auto_score = score
                    grade.manual_score = None
                    grade.needs_manual_grade = False
                    count += 1
                submitted = gb.find_submission_notebook(notebook, name, g.student)
                seconds_late = submitted.assignment.total_seconds_late
                submitted.late_submission_penalty = (
                    late.late_submission_penalty(g.student, e.points, seconds_late)
                    if seconds_late > 0
                    else None
                )
                gb.db.commit()
    return ExportSummary(len(cells), len(grades), count)


def _grade_cells(course: Course, grades: list[StudentGrade]) -> dict[str, dict]:
    """exercise id -> {cell name: max score}: one cell per check; an exercise that
    nobody could be checked on becomes one cell worth all its points."""
    cells: dict[str, dict] = {}
    for g in grades:
        for e in g.exercises:
            mine = cells.setdefault(e.exercise, {})
            for c in e.checks:
                mine[c.name] = c.max_points
    for x, mine in cells.items():
        if not mine:
            mine["exercise"] = float(course.exercise(x).points)
    return cells


def _points_by_cell(e, cells: dict) -> dict:
    """The check's points per cell; 0 for every cell of an exercise not checked."""
    got = {c.name: c.points for c in e.checks}
    return {cell: got.get(cell, 0.0) for cell in cells}


def _timestamp(when: str) -> dt.datetime:
    stamp = dt.datetime.fromisoformat(when)
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return stamp


def export_feedback(grades: list[StudentGrade], results: Path, course_dir: Path) -> int:
    """Each student's feedback.html as the feedback of the lesson notebook of every
    assignment they submitted (``feedback/<student>/ex03/ex03.html``, beside the
    submission's timestamp and secret), where ``nbgrader release_feedback`` takes it
    and the student's ``fetch_feedback`` finds it. Run after ``generate_feedback``,
    which would render the bare notebook there. Returns how many were written."""
    written = 0
    for g in grades:
        page = results / g.student / "feedback.html"
        for e in g.exercises:
            name = assignment_name(e.exercise)
            submitted = course_dir / "submitted" / g.student / name
            needed = [submitted / "timestamp.txt", submitted / "submission_secret.txt"]
            if not page.is_file() or not all(p.is_file() for p in needed):
                continue  # not submitted through nbgrader: no route back
            dest = course_dir / "feedback" / g.student / name
            dest.mkdir(parents=True, exist_ok=True)
            for path in needed:
                shutil.copyfile(path, dest / path.name)
            shutil.copyfile(page, dest / f"{name}.html")
            written += 1
    return written
