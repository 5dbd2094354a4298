"""A Canvas gradebook exporter for nbgrader (nbgrader ships none: jupyter/nbgrader#530).

    nbgrader export --db sqlite:///gradebook.db \\
        --exporter=grader.exports.canvas.CanvasExportPlugin \\
        --CanvasExportPlugin.roster=roster.csv --to=canvas.csv

writes the CSV that Canvas's gradebook import reads: ``Student, ID, SIS User ID,
SIS Login ID, Section``, then one column per assignment named after the exercise
(``03 Processes and join``; Canvas matches it to the assignment of that name, or
offers to create one; with ``canvas_id`` in course.yml the column is
``03 Processes and join (12345)`` and Canvas matches assignment 12345 whatever its
title), a ``Points Possible`` row, and each student's score after
nbgrader's late penalty. Names and SIS ids come from the roster (a CSV with columns
``student_id,name,canvas_id,sis_user_id,sis_login_id,section``), by default the one
course.yml names (``--CanvasExportPlugin.course=PATH`` when run outside the course
folder; without a course or a roster the export fails with that advice rather than
writing blank ids). A student missing from the roster is reported and still
written, with empty Canvas ids, never dropped.
"""

from __future__ import annotations

import csv
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins.export import ExportPlugin
from traitlets import Unicode

ROSTER_COLUMNS = (
    "student_id",
    "name",
    "canvas_id",
    "sis_user_id",
    "sis_login_id",
    "section",
)
FIXED = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


def read_roster(path: Path) -> dict[str, dict]:
    with path.open(newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        missing = [
            c for c in ("student_id", "name") if c not in (reader.fieldnames or [])
        ]
        if missing:
            raise ValueError(f"{path}: roster needs the columns {', '.join(missing)}")
        return {row["student_id"]: row for row in reader if row.get("student_id")}


def canvas_rows(
    gradebook: Gradebook,
    roster: dict[str, dict],
    titles: dict[str, str],
    students=(),
    assignments=(),
) -> tuple[list[list[str]], list[str]]:
    """(rows of the CSV, the ids of students missing from the roster)."""
    names = [
        a.name
        for a in gradebook.assignments
        if not assignments or a.name in assignments
    ]
    header = FIXED + [titles.get(n, n) for n in names]
    possible = ["    Points Possible", "", "", "", ""] + [
        f"{gradebook.find_assignment(n).max_score:g}" for n in names
    ]
    rows, missing = [header, possible], []
    for student in gradebook.students:
        if students and student.id not in students:
            continue
        info = roster.get(student.id)
        if info is None:
            missing.append(student.id)
            info = {"name": student.id}
        cells = [
            info.get("name") or student.id,
            info.get("canvas_id", ""),
            info.get("sis_user_id", ""),
            info.get("sis_login_id", ""),
            info.get("section", ""),
        ]
        for n in names:
            try:
                submission = gradebook.find_submission(n, student.id)
            except MissingEntry:
                cells.append("0")
                continue
            penalty = submission.late_submission_penalty or 0.0
            cells.append(f"{max(0.0, submission.score - penalty):g}")
        rows.append(cells)
    return rows, missing


class CanvasExportPlugin(ExportPlugin):
    """nbgrader exporter writing Canvas's gradebook import CSV."""

    roster = Unicode(
        "", help="roster CSV (default: the `roster` course.yml names)"
    ).tag(config=True)
    course = Unicode(
        "", help="the course's course.yml (default: the nearest one above this folder)"
    ).tag(config=True)

    def export(self, gradebook: Gradebook) -> None:
        roster_path, titles = self._roster_and_titles()
        roster = read_roster(roster_path) if roster_path else {}
        rows, missing = canvas_rows(
            gradebook,
            roster,
            titles,
            [str(s) for s in self.student],
            [str(a) for a in self.assignment],
        )
        for student in missing:
            self.log.warning(
                "%s is not in the roster: written with empty Canvas ids", student
            )
        dest = self.to or "canvas.csv"
        with open(dest, "w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows(rows)
        self.log.info("Wrote %d students to %s", len(rows) - 2, dest)

    def _roster_and_titles(self) -> tuple[Path | None, dict[str, str]]:
        from ..course import CourseError, assignment_name, find_course, load

        found = Path(self.course) if self.course else find_course(Path.cwd())
        try:
            course = load(found) if found else None
        except CourseError as exc:
            raise ExportError(str(exc)) from None
        if course is None and not self.roster:
            # Without the course there are no Canvas ids to write: every row would
            # be blank, which Canvas's importer cannot match to anyone.
            raise ExportError(
                "no course.yml here or above and no roster: pass "
                "--CanvasExportPlugin.course=PATH/course.yml (or .roster=roster.csv)"
            )
        titles = {}
        if course is not None:
            titles = {assignment_name(ex.id): _title(ex) for ex in course.exercises}
        if self.roster:
            return Path(self.roster), titles
        if course is not None and course.roster:
            return course.root / course.roster, titles
        return None, titles


def _title(ex) -> str:
    """Canvas matches an imported column to an assignment by "Name (id)" when it
    carries the id, else by exact title only (or offers to create a new one)."""
    title = f"{ex.id} {ex.title}"
    return f"{title} ({ex.canvas_id})" if ex.canvas_id else title


class ExportError(RuntimeError):
    """The export cannot be written as asked; nbgrader shows the message."""
