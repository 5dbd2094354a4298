"""Working inside an nbgrader course: the exercises become nbgrader assignments that
`nbgrader generate_assignment` distributes and that work where a student fetches
them, and `grader grade` reads the `submitted/<student>/<assignment>/` folder that
`nbgrader collect` makes, carrying its timestamps into grades.json and the export."""

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from grader.cli import main

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


def test_the_nbgrader_path_from_source_to_lms_csv(tmp_path):
    course_dir = tmp_path / "course"
    course_dir.mkdir()
    assert main(["release", str(course_dir), "--nbgrader"]) == 0
    assert (course_dir / "source" / "ex03" / "sleepy.py").is_file()
    assert not list(course_dir.rglob("test_hidden_*.py"))

    gen = run(
        [
            str(BIN / "nbgrader"),
            "generate_assignment",
            "ex03",
            "--create",
            "--force",
            f"--CourseDirectory.root={course_dir}",
        ],
        cwd=course_dir,
    )
    assert gen.returncode == 0, gen.stderr[-2000:]
    released = course_dir / "release" / "ex03"
    assert (released / "sleepy.py").is_file() and (
        released / "test_sleepy.py"
    ).is_file()

    # A student fetches ex03 into their home and runs pytest there.
    home = tmp_path / "home" / "ex03"
    shutil.copytree(released, home)
    stub = run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider"], cwd=home)
    assert stub.returncode == 1 and "0/5 points" in stub.stdout, stub.stdout[-2000:]
    shutil.copy(ROOT / "solutions" / "03" / "sleepy.py", home / "sleepy.py")
    solved = run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider"], cwd=home)
    assert solved.returncode == 0 and "5/5 points" in solved.stdout, solved.stdout[
        -2000:
    ]

    # What `nbgrader collect` leaves: submitted/<student>/ex03/ with timestamp.txt.
    for student, source, stamp in [
        ("alice", home / "sleepy.py", "2026-11-20 10:00:00.000000 UTC"),
        (
            "bob",
            ROOT / "tests" / "variants" / "03" / "no_join.py",
            "2026-11-21 23:30:00.000000 UTC",
        ),
    ]:
        folder = course_dir / "submitted" / student / "ex03"
        folder.mkdir(parents=True)
        shutil.copy(source, folder / "sleepy.py")
        (folder / "timestamp.txt").write_text(stamp)
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
    alice = next(s for s in data["students"] if s["student"] == "alice")
    assert alice["exercises"][0]["submitted_at"] == "2026-11-20T10:00:00+00:00"
    assert alice["exercises"][0]["points"] == 10

    db = f"sqlite:///{course_dir / 'gradebook.db'}"
    assert main(["export", "nbgrader", str(results), "--db", db]) == 0
    lms = tmp_path / "grades.csv"
    run([str(BIN / "nbgrader"), "export", f"--db={db}", f"--to={lms}"], cwd=course_dir)
    rows = {(r["student_id"], r["assignment"]): r for r in csv.DictReader(lms.open())}
    assert rows[("alice", "ex03")]["timestamp"].startswith("2026-11-20 10:00:00")
    assert float(rows[("alice", "ex03")]["score"]) == 10
    assert 0 < float(rows[("bob", "ex03")]["score"]) < 10
