"""Working inside an nbgrader course, with the real nbgrader commands and a local
exchange: generate, release, fetch (the checks work where the student fetched them),
submit, collect; `grader grade` reads the `submitted/` folder, carrying its
timestamps into grades.json and the export; `nbgrader export` writes the LMS file."""

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


def run(cmd, cwd, timeout=300):
    # nbgrader runs `alembic` from PATH when it creates a gradebook (FACTS.md).
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    proc = subprocess.run(
        cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env
    )
    assert proc.returncode in (0, 1), proc.stdout[-2000:] + proc.stderr[-2000:]
    return proc


# About 20 nbgrader and pytest processes one after another (31 s alone, 22 CPU-s):
# on a loaded 2-core machine that can take several times the default 300 s.
@pytest.mark.timeout(900)
def test_the_nbgrader_path_from_source_to_lms_csv(tmp_path):
    course_dir = tmp_path / "course"
    course_dir.mkdir()
    assert main(["release", str(course_dir), "--nbgrader"]) == 0
    assert (course_dir / "source" / "ex03" / "sleepy.py").is_file()
    assert not list(course_dir.rglob("test_hidden_*.py"))

    nbgrader = str(BIN / "nbgrader")
    # A local exchange: the whole path runs without a JupyterHub.
    (tmp_path / "exchange").mkdir()
    config = [
        "--CourseDirectory.course_id=mp",
        f"--Exchange.root={tmp_path / 'exchange'}",
    ]
    for step in ("generate_assignment", "release_assignment"):
        extra = ["--create", "--force"] if step == "generate_assignment" else []
        done = run([nbgrader, step, "ex03", *extra, *config], cwd=course_dir)
        assert done.returncode == 0, done.stderr[-2000:]

    # A student fetches ex03, runs the checks where it landed, fixes it, submits.
    home = tmp_path / "home"
    home.mkdir()
    assert (
        run([nbgrader, "fetch_assignment", "ex03", *config], cwd=home).returncode == 0
    )
    fetched = home / "ex03"
    stub = run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider"], cwd=fetched)
    assert stub.returncode == 1 and "0/5 points" in stub.stdout, stub.stdout[-2000:]
    shutil.copy(ROOT / "solutions" / "03" / "sleepy.py", fetched / "sleepy.py")
    solved = run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider"], cwd=fetched
    )
    assert solved.returncode == 0 and "5/5 points" in solved.stdout, solved.stdout[
        -2000:
    ]
    assert run([nbgrader, "submit", "ex03", *config], cwd=home).returncode == 0
    assert run([nbgrader, "collect", "ex03", *config], cwd=course_dir).returncode == 0
    collected = [p.parent.name for p in (course_dir / "submitted").glob("*/ex03")]
    assert len(collected) == 1
    me = collected[0]
    stamp = (course_dir / "submitted" / me / "ex03" / "timestamp.txt").read_text()

    # A second, late student, as `collect` would have left them.
    late = course_dir / "submitted" / "bob" / "ex03"
    late.mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "variants" / "03" / "no_join.py", late / "sleepy.py")
    (late / "timestamp.txt").write_text("2026-11-21 23:30:00.000000 UTC")

    results = tmp_path / "results"
    assert (
        main(
            [
                "grade",
                str(course_dir / "submitted"),
                "--out",
                str(results),
                "--exercise",
                "03",
            ]
        )
        == 0
    )
    data = json.loads((results / "grades.json").read_text())
    mine = next(s for s in data["students"] if s["student"] == me)
    assert mine["exercises"][0]["submitted_at"] == parse_timestamp(stamp)
    assert mine["exercises"][0]["points"] == 10

    db = f"sqlite:///{course_dir / 'gradebook.db'}"
    assert main(["export", "nbgrader", str(results), "--db", db]) == 0
    lms = tmp_path / "grades.csv"
    run([nbgrader, "export", f"--db={db}", f"--to={lms}"], cwd=course_dir)
    rows = {(r["student_id"], r["assignment"]): r for r in csv.DictReader(lms.open())}
    when = parse_timestamp(stamp)[:19].replace("T", " ")
    assert rows[(me, "ex03")]["timestamp"].startswith(when)
    assert float(rows[(me, "ex03")]["score"]) == 10
    assert rows[("bob", "ex03")]["timestamp"].startswith("2026-11-21 23:30:00")
    assert 0 < float(rows[("bob", "ex03")]["score"]) < 10
