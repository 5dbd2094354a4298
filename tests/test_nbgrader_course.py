"""nbgrader's whole cycle, with the real nbgrader commands, the course's own
nbgrader_config.py and a local exchange: generate and release, a student who
fetches, runs the checks where the assignment landed, fixes it and submits; collect,
`autograde` and `generate_feedback` as nbgrader users run them; `grader grade` on
`submitted/` and `grader export nbgrader --feedback`; `release_feedback` and the
student's `fetch_feedback`, which brings our feedback; `nbgrader export`, whose totals
are the gradebook's."""

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader.cli import main
from grader.intake import parse_timestamp

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NBGRADER = str(BIN / "nbgrader")


def run(cmd, cwd, timeout=300, ok=True, home=None):
    # nbgrader runs `alembic` from PATH when it creates a gradebook (FACTS.md).
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    if home:  # a student's own home: nbgrader keeps its submission cache there
        env["HOME"] = str(home)
    proc = subprocess.run(
        cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env
    )
    if ok:
        assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return proc


def nbgrader(step, *args, cwd, exchange, student=False):
    # The exchange is this test's; everything else comes from nbgrader_config.py.
    command = [NBGRADER, step, *args, f"--Exchange.root={exchange}"]
    return run(command, cwd=cwd, home=cwd if student else None)


def submit_as(name, home, exchange):
    """`nbgrader submit` by the student NAME. It names the submission after the
    login (here, for every student, the one this test runs as), so the new inbound
    folder is renamed as NAME's own login would have named it."""
    inbound = next(exchange.glob("*/inbound"), None)
    before = set(inbound.iterdir()) if inbound else set()
    nbgrader("submit", "ex03", cwd=home, exchange=exchange, student=True)
    inbound = next(exchange.glob("*/inbound"))
    (new,) = set(inbound.iterdir()) - before
    new.rename(inbound / (name + "+" + new.name.split("+", 1)[1]))


def lms_rows(course_dir, db):
    lms = course_dir / "grades.csv"
    run([NBGRADER, "export", f"--db={db}", f"--to={lms}"], cwd=course_dir)
    return {(r["student_id"], r["assignment"]): r for r in csv.DictReader(lms.open())}


# About 30 nbgrader and pytest processes one after another: on a loaded 2-core
# machine that can take several times the default 300 s.
@pytest.mark.timeout(1200)
def test_nbgrader_s_whole_cycle_from_source_to_feedback_and_lms(tmp_path):
    course_dir, exchange = tmp_path / "course", tmp_path / "exchange"
    course_dir.mkdir()
    exchange.mkdir()
    assert main(["release", str(course_dir), "--nbgrader"]) == 0
    config = (course_dir / "nbgrader_config.py").read_text()
    assert "c.CourseDirectory.course_id" in config
    assert "c.Autograde.exclude_overwriting" in config
    assert not list(course_dir.rglob("test_hidden_*.py"))
    nbgrader(
        "generate_assignment", "ex03", "--create", cwd=course_dir, exchange=exchange
    )
    nbgrader("release_assignment", "ex03", cwd=course_dir, exchange=exchange)

    # A student fetches ex03, runs the checks where it landed, fixes it, submits.
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(course_dir / "nbgrader_config.py", home / "nbgrader_config.py")
    nbgrader("fetch_assignment", "ex03", cwd=home, exchange=exchange, student=True)
    fetched = home / "ex03"
    stub = run([sys.executable, "-m", "pytest"], cwd=fetched, ok=False)
    assert stub.returncode == 1 and "0/5 points" in stub.stdout, stub.stdout[-2000:]
    shutil.copy(ROOT / "solutions" / "03" / "sleepy.py", fetched / "sleepy.py")
    solved = run([sys.executable, "-m", "pytest"], cwd=fetched)
    assert "5/5 points" in solved.stdout, solved.stdout[-2000:]
    submit_as("ada", home, exchange)

    # Another works in the lesson notebook: edits its sleepy.py cell, never runs it.
    nora = tmp_path / "nora"
    nora.mkdir()
    shutil.copy(course_dir / "nbgrader_config.py", nora / "nbgrader_config.py")
    nbgrader("fetch_assignment", "ex03", cwd=nora, exchange=exchange, student=True)
    lesson = nora / "ex03" / "ex03.ipynb"
    book = json.loads(lesson.read_text())
    (cell,) = [
        c for c in book["cells"] if "".join(c["source"]).startswith("%%writefile")
    ]
    solution = (ROOT / "solutions" / "03" / "sleepy.py").read_text()
    cell["source"] = ("%%writefile sleepy.py\n" + solution).splitlines(keepends=True)
    lesson.write_text(json.dumps(book))
    submit_as("nora", nora, exchange)

    nbgrader("collect", "ex03", cwd=course_dir, exchange=exchange)
    me = "ada"
    submitted = course_dir / "submitted" / me / "ex03"
    # The checks' own leftovers are not the student's work.
    assert not list(submitted.rglob(".pytest_cache"))
    stamp = (submitted / "timestamp.txt").read_text()

    # A second, late student, as `collect` would have left them.
    late = course_dir / "submitted" / "bob" / "ex03"
    shutil.copytree(submitted, late)
    shutil.copy(
        ROOT / "solutions" / "03" / "variants" / "no_join.py", late / "sleepy.py"
    )
    (late / "timestamp.txt").write_text("2026-11-21 23:30:00.000000 UTC")
    (late / "submission_secret.txt").write_text("b0b" * 40)  # submit makes one each

    # nbgrader's routine steps: they leave the students' work as it was.
    nbgrader("autograde", "ex03", cwd=course_dir, exchange=exchange)
    autograded = course_dir / "autograded" / me / "ex03" / "sleepy.py"
    assert autograded.read_bytes() == (ROOT / "solutions/03/sleepy.py").read_bytes()
    nbgrader("generate_feedback", "ex03", cwd=course_dir, exchange=exchange)

    results = course_dir / "results"
    grade = ["grade", str(course_dir / "submitted"), "--out", str(results)]
    assert main([*grade, "--exercise", "03"]) == 0
    gradebook = {
        r["student"]: r for r in csv.DictReader((results / "gradebook.csv").open())
    }
    assert gradebook[me]["03"] == "10" and 0 < float(gradebook["bob"]["03"]) < 10
    assert gradebook["nora"]["03"] == "10"  # her notebook cell was graded
    said = (results / "nora" / "feedback.md").read_text()
    assert "the %%writefile sleepy.py cell of ex03.ipynb" in said
    data = json.loads((results / "grades.json").read_text())
    mine = next(s for s in data["students"] if s["student"] == me)
    assert mine["exercises"][0]["submitted_at"] == parse_timestamp(stamp)

    db = f"sqlite:///{course_dir / 'gradebook.db'}"
    export = ["export", "nbgrader", str(results), "--db", db]
    assert main([*export, "--feedback", str(course_dir)]) == 0
    rows = lms_rows(course_dir, db)
    for student in (me, "bob", "nora"):
        assert float(rows[(student, "ex03")]["raw_score"]) == float(
            gradebook[student]["03"]
        )
        assert float(rows[(student, "ex03")]["max_score"]) == 10
    when = parse_timestamp(stamp)[:19].replace("T", " ")
    assert rows[(me, "ex03")]["timestamp"].startswith(when)
    assert rows[("bob", "ex03")]["timestamp"].startswith("2026-11-21 23:30:00")

    # Our feedback reaches the student through nbgrader's own route.
    nbgrader("release_feedback", "ex03", cwd=course_dir, exchange=exchange)
    nbgrader("fetch_feedback", "ex03", cwd=home, exchange=exchange, student=True)
    (html,) = list((home / "ex03" / "feedback").rglob("*.html"))
    text = html.read_text()
    assert "10 / 10" in " ".join(text.split()) and "Processes and join" in text

    # autograde run again (a TA re-running the routine) changes no grade.
    run(
        [NBGRADER, "autograde", "ex03", "--force", f"--Exchange.root={exchange}"],
        cwd=course_dir,
    )
    assert lms_rows(course_dir, db) == rows
