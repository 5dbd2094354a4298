"""`grader export nbgrader`: the real `nbgrader export` then writes the LMS file,
with the same totals as RESULTS/gradebook.csv; exporting again updates, never
duplicates."""

import csv
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from grader.cli import main
from test_grade import graded  # noqa: F401  (the graded small class)

NBGRADER = str(Path(sys.executable).parent / "nbgrader")


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
