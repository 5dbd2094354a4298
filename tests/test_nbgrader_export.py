"""`grader export nbgrader`: the real `nbgrader export` then writes the LMS file,
with the same totals as RESULTS/gradebook.csv; exporting again updates, never
duplicates."""

import csv
import os
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from grader.cli import main
from test_grade import graded  # noqa: F401  (the graded small class)

NBGRADER = str(Path(sys.executable).parent / "nbgrader")
ROOT = Path(__file__).resolve().parent.parent
# nbgrader runs `alembic` from PATH when it creates a gradebook (FACTS.md).
ENV = {
    **os.environ,
    "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
}


def nbgrader_export(db, dest, cwd):
    proc = subprocess.run(
        [NBGRADER, "export", f"--db={db}", f"--to={dest}"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return list(csv.DictReader(dest.open()))


def test_nbgrader_export_matches_the_gradebook(graded, tmp_path):  # noqa: F811
    db = f"sqlite:///{tmp_path / 'gradebook.db'}"
    assert main(["export", "nbgrader", str(graded["out"]), "--db", db]) == 0
    rows = nbgrader_export(db, tmp_path / "lms.csv", tmp_path)
    totals = defaultdict(float)
    for row in rows:
        totals[row["student_id"]] += float(row["score"])
        assert row["assignment"] == "ex03" and float(row["max_score"]) == 10
    ours = {
        r["student"]: float(r["total"])
        for r in csv.DictReader((graded["out"] / "gradebook.csv").open())
    }
    assert dict(totals) == ours

    # Again: the same rows, not twice as many.
    assert main(["export", "nbgrader", str(graded["out"]), "--db", db]) == 0
    again = nbgrader_export(db, tmp_path / "lms2.csv", tmp_path)
    assert len(again) == len(rows)
    assert sorted(r["score"] for r in again) == sorted(r["score"] for r in rows)


def test_a_results_folder_without_grades_is_refused(tmp_path, capsys):
    status = main(["export", "nbgrader", str(tmp_path), "--db", "sqlite:///x.db"])
    assert status == 2
    assert "no readable grades.json" in capsys.readouterr().err


def test_the_canvas_exporter_writes_canvas_columns_and_reports_strangers(
    graded, tmp_path  # noqa: F811
):
    db = f"sqlite:///{tmp_path / 'gradebook.db'}"
    assert main(["export", "nbgrader", str(graded["out"]), "--db", db]) == 0
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "student_id,name,canvas_id,sis_user_id,sis_login_id,section\n"
        "alice,Alice Liddell,101,SIS1,alice@uni,A\n"
        "bob,Bob Dylan,102,SIS2,bob@uni,B\n"
    )
    dest = tmp_path / "canvas.csv"
    proc = subprocess.run(
        [
            NBGRADER,
            "export",
            f"--db={db}",
            f"--to={dest}",
            "--exporter=grader.exports.canvas.CanvasExportPlugin",
            f"--CanvasExportPlugin.roster={roster}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=ENV,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = list(csv.reader(dest.open()))
    assert rows[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert rows[0][5] == "03 Processes and join"
    assert rows[1][0].strip() == "Points Possible" and rows[1][5] == "10"
    by_name = {r[0]: r for r in rows[2:]}
    assert by_name["Alice Liddell"][1:3] == ["101", "SIS1"]
    assert by_name["Alice Liddell"][5] == "10"
    # carol is not in the roster: reported, and still written
    assert "carol is not in the roster" in proc.stderr
    assert "carol" in by_name and by_name["carol"][1] == ""
    assert len(rows) - 2 == len(
        list(csv.DictReader((graded["out"] / "gradebook.csv").open()))
    )


def test_due_dates_reach_nbgrader_and_late_submissions_are_marked(
    graded, tmp_path, course  # noqa: F811
):
    import dataclasses
    import datetime as dt

    from grader.exports.nbgrader import export_to_nbgrader
    from grader.reports.writer import load_grades

    due = dt.datetime(2026, 11, 1, 23, 59, tzinfo=dt.timezone.utc)
    ex03 = dataclasses.replace(course.exercise("03"), due=due)
    late_course = dataclasses.replace(course, exercises=(ex03,))
    grades = load_grades(graded["out"])
    grades[0].exercises[0].submitted_at = "2026-11-03T12:00:00+00:00"
    db = f"sqlite:///{tmp_path / 'gradebook.db'}"
    export_to_nbgrader(late_course, grades, db)
    rows = nbgrader_export(db, tmp_path / "lms.csv", tmp_path)
    first = next(r for r in rows if r["student_id"] == grades[0].student)
    assert first["duedate"].startswith("2026-11-01 23:59")
    assert first["timestamp"].startswith("2026-11-03 12:00")

    from nbgrader.api import Gradebook

    with Gradebook(db) as gb:
        late = gb.find_submission("ex03", grades[0].student)
        assert late.total_seconds_late > 0


def _canvas_export(db, dest, cwd, *options):
    return subprocess.run(
        [
            NBGRADER,
            "export",
            f"--db={db}",
            f"--to={dest}",
            "--exporter=grader.exports.canvas.CanvasExportPlugin",
            *options,
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env=ENV,
    )


def test_canvas_ids_in_course_yml_name_the_columns_and_the_course_is_found_anywhere(
    graded, tmp_path  # noqa: F811
):
    db = f"sqlite:///{tmp_path / 'gradebook.db'}"
    assert main(["export", "nbgrader", str(graded["out"]), "--db", db]) == 0
    course_yml = (ROOT / "course.yml").read_text()
    assert '  - id: "03"\n' in course_yml
    course = tmp_path / "course"
    shutil.copytree(ROOT, course, ignore=shutil.ignore_patterns(".venv", ".git"))
    (course / "course.yml").write_text(
        course_yml.replace('  - id: "03"\n', '  - id: "03"\n    canvas_id: 4242\n')
    )
    (course / "demo" / "roster.csv").write_text(
        "student_id,name,canvas_id,sis_user_id,sis_login_id,section\n"
        "alice,Alice Liddell,101,SIS1,alice@uni,A\n"
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # Outside the course folder, without saying where the course is: a clear
    # failure, not a file of blank ids.
    lost = _canvas_export(db, elsewhere / "canvas.csv", elsewhere)
    assert lost.returncode != 0
    assert "--CanvasExportPlugin.course=" in lost.stderr + lost.stdout
    done = _canvas_export(
        db,
        elsewhere / "canvas.csv",
        elsewhere,
        f"--CanvasExportPlugin.course={course / 'course.yml'}",
    )
    assert done.returncode == 0, done.stderr[-2000:]
    rows = list(csv.reader((elsewhere / "canvas.csv").open()))
    # Canvas matches "Name (id)" to assignment 4242, whatever its title there.
    assert rows[0][5] == "03 Processes and join (4242)"
    by_name = {r[0]: r for r in rows[2:]}
    assert by_name["Alice Liddell"][1] == "101"  # the course's own roster
