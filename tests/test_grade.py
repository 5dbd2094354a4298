"""`grader grade` end to end on a small class: correct, wrong and broken students;
every output file; resuming; and the exit status when grading cannot run."""

import csv
import hashlib
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest

import grader
from grader.cli import main

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = ROOT / "solutions" / "03" / "variants"
# A copy of ../shared/schemas/gradescope-results.schema.json (written from
# Gradescope's specification), kept here so the project's tests stand alone.
SCHEMA = json.loads((ROOT / "tests" / "gradescope-results.schema.json").read_text())
FILE = "exercises/03/sleepy.py"


def tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        h.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("class")
    subs = base / "submissions"
    for student, source in {
        "alice": ROOT / "solutions" / "03" / "sleepy.py",
        "bob": VARIANTS / "no_join.py",
        "carol": VARIANTS / "syntax_error.py",
        "dave": VARIANTS / "faked_total.py",
    }.items():
        (subs / student / "exercises" / "03").mkdir(parents=True)
        shutil.copy(source, subs / student / FILE)
    with zipfile.ZipFile(subs / "erin.zip", "w") as zf:
        zf.write(VARIANTS / "loop_over_processes.py", f"erin-work/{FILE}")
    (subs / "frank.zip").write_bytes(b"definitely not a zip")
    (subs / "gina").mkdir()
    before = tree_digest(subs)
    out = base / "results"
    status = main(["grade", str(subs), "--out", str(out), "--exercise", "03"])
    return {"subs": subs, "out": out, "status": status, "before": before}


def test_grading_ran_and_left_the_submissions_untouched(graded):
    assert graded["status"] == 0
    assert tree_digest(graded["subs"]) == graded["before"]


def test_the_gradebook_has_one_sorted_row_per_student(graded, course):
    rows = list(csv.reader((graded["out"] / "gradebook.csv").open()))
    assert rows[0] == ["student", *course.ids, "total"]
    students = [r[0] for r in rows[1:]]
    assert (
        students
        == sorted(students)
        == ["alice", "bob", "carol", "dave", "erin", "frank", "gina"]
    )
    points = {r[0]: r[1 + course.ids.index("03")] for r in rows[1:]}
    assert points["alice"] == points["erin"] == "10"
    assert 0 < float(points["bob"]) < 10 and 0 < float(points["dave"]) < 10
    assert points["carol"] == points["frank"] == points["gina"] == "0"


def test_grades_json_records_every_check(graded):
    data = json.loads((graded["out"] / "grades.json").read_text())
    assert data["sandbox"] and data["seconds"] > 0
    alice = next(s for s in data["students"] if s["student"] == "alice")
    checks = alice["exercises"][0]["checks"]
    assert len(checks) == 9
    for c in checks:
        assert {
            "points",
            "max_points",
            "outcome",
            "message",
            "duration",
            "rerun",
        } <= set(c)
        assert c["outcome"] == "passed" and c["points"] == c["max_points"]
    frank = next(s for s in data["students"] if s["student"] == "frank")
    assert "not a readable zip" in frank["problems"][0]


def test_feedback_teaches_and_never_shows_hidden_sources(graded):
    bob = (graded["out"] / "bob" / "feedback.md").read_text()
    assert "did you join?" in bob
    entries = bob.split("\n- ")
    visible_failures = [e for e in entries if e.startswith("✗") and "hidden" not in e]
    hidden_failures = [
        e for e in entries if e.startswith("✗") and "(hidden check)" in e
    ]
    legend = "═ the program"  # only timelines carry it
    assert visible_failures and all(legend in e for e in visible_failures)
    # A hidden check's run could give its parameters away: no timeline for it.
    assert hidden_failures and not any(legend in e for e in hidden_failures)
    html = (graded["out"] / "bob" / "feedback.html").read_text()
    assert "<svg" in html and "<script" not in html
    dave = (graded["out"] / "dave" / "feedback.md").read_text()
    assert "does not match the time it really took" in dave
    # Every line of code in the hidden checks (their titles are shown on purpose).
    code = {
        line.strip()
        for p in (ROOT / "solutions" / "03" / "hidden").rglob("*.py")
        for line in p.read_text().splitlines()
        if len(line.strip()) >= 20 and not line.strip().startswith(('"""', "#"))
    }
    assert len(code) > 10
    for student in ("alice", "bob", "carol", "dave"):
        text = (graded["out"] / student / "feedback.md").read_text()
        assert "Traceback" not in text
        assert not [line for line in code if line in text]
    carol = (graded["out"] / "carol" / "feedback.md").read_text()
    assert "SyntaxError" in carol


def test_results_json_follows_gradescopes_schema(graded):
    for folder in graded["out"].iterdir():
        if folder.is_dir() and not folder.name.startswith("."):
            data = json.loads((folder / "results.json").read_text())
            jsonschema.validate(data, SCHEMA)
    alice = json.loads((graded["out"] / "alice" / "results.json").read_text())
    assert alice["score"] == 10
    hidden = [t for t in alice["tests"] if "hidden" in t["tags"]]
    assert hidden and all(t["visibility"] == "after_published" for t in hidden)


def test_the_class_report_shows_what_the_class_struggled_with(graded):
    html = (graded["out"] / "report.html").read_text()
    assert "Pass rate of every check" in html and "Most common failures" in html
    assert "did you join?" in html or "Done in" in html


def test_a_rerun_grades_only_what_changed(graded, capsys):
    capsys.readouterr()
    again = ["--out", str(graded["out"]), "--exercise", "03"]
    assert main(["grade", str(graded["subs"]), *again]) == 0
    err = capsys.readouterr().err
    assert "checked 0 exercise(s)" in err and "reused 5 unchanged" in err
    # erin's zip is rewritten with a wrong program: only she is checked again
    work = graded["out"].parent / "changed"
    shutil.copytree(graded["subs"], work)
    with zipfile.ZipFile(work / "erin.zip", "w") as zf:
        zf.write(VARIANTS / "threads.py", FILE)
    assert main(["grade", str(work), *again]) == 0
    err = capsys.readouterr().err
    assert "checked 1 exercise(s)" in err
    rows = {r[0]: r for r in csv.reader((graded["out"] / "gradebook.csv").open())}
    assert rows["erin"][-1] != "10"


def test_grading_that_cannot_run_exits_non_zero_with_one_clear_line(tmp_path, capsys):
    assert main(["grade", str(tmp_path / "nowhere"), "--out", str(tmp_path / "r")]) == 2
    assert "not a folder of submissions" in capsys.readouterr().err
    (tmp_path / "subs").mkdir()
    (tmp_path / "blocked").write_text("a file where RESULTS should go")
    assert (
        main(["grade", str(tmp_path / "subs"), "--out", str(tmp_path / "blocked")]) == 2
    )
    assert "cannot write results there" in capsys.readouterr().err
    bad = tmp_path / "course.yml"
    bad.write_text("exercises: []\n")
    status = main(["--course", str(bad), "grade", str(tmp_path / "subs"), "--out", "x"])
    assert status == 2
    assert "course.yml" in capsys.readouterr().err
    # --dask without Dask installed: how to get it.
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(sys.modules, "distributed", None)
        patch.delitem(sys.modules, "grader.cluster", raising=False)
        patch.delattr(grader, "cluster", raising=False)  # imported by another test
        args = ["grade", str(tmp_path / "subs"), "--out", str(tmp_path / "r2")]
        assert main([*args, "--dask", "tcp://127.0.0.1:8786"]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert "pip install 'mp-course-grader[dask]'" in said


def test_a_student_id_that_names_a_class_file_cannot_stop_the_gradebook(
    tmp_path, capsys
):
    subs = tmp_path / "subs"
    (subs / "gradebook.csv").mkdir(parents=True)
    (subs / "Report.HTML").mkdir()  # macOS folds the case: the same file
    with zipfile.ZipFile(subs / "grades.json.zip", "w") as zf:
        zf.writestr(FILE, "x = 1\n")
    (subs / "gina").mkdir()
    out = tmp_path / "results"
    assert main(["grade", str(subs), "--out", str(out), "--exercise", "03"]) == 0
    rows = list(csv.reader((out / "gradebook.csv").open()))
    assert [r[0] for r in rows[1:]] == ["gina"]
    assert json.loads((out / "grades.json").read_text())["students"]
    assert (out / "report.html").is_file()
    captured = capsys.readouterr()
    said = " ".join((captured.out + captured.err).split())
    for name in ("gradebook.csv", "Report.HTML", "grades.json.zip"):
        assert f"{name}: " in said and "name of a class file" in said


def test_a_class_is_not_graded_in_the_plain_sandbox_unless_the_ta_says_so(
    tmp_path, capsys, monkeypatch
):
    # The plain sandbox runs students' code as the grader's own user, so any
    # submission could rewrite RESULTS after the fact: refused by default.
    monkeypatch.setenv("GRADER_SANDBOX", "plain")
    subs, out = tmp_path / "subs", tmp_path / "results"
    (subs / "gina").mkdir(parents=True)
    argv = ["grade", str(subs), "--out", str(out), "--exercise", "03"]
    assert main(argv) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert "not grading a class in the plain sandbox" in said
    assert "--trust-students" in said
    assert not (out / "gradebook.csv").exists()
    assert main([*argv, "--trust-students"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "warning: the plain sandbox runs every student's code as you" in said
    assert (out / "gradebook.csv").is_file()


def test_reading_results_loads_neither_pytest_nor_the_harness():
    # Grades are plain data: the reports and exports read JSON without the
    # plugin layer (CheckResult lives in grades.py, not in the pytest plugin).
    probe = (
        "import sys, grader.reports.writer, grader.grades\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('_pytest', 'pytest') or m.startswith('grader.harness')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
