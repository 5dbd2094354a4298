"""What a student sees: `pytest exercises/03` run as a student runs it, in a
subprocess, on the stub and on a correct program."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pytest_run(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "pytest", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_stub_fails_with_a_lesson_a_timeline_and_zero_points():
    proc = pytest_run("exercises/03")
    out = proc.stdout
    assert proc.returncode == 1
    assert "Exercise 03 · Processes and join: 0/5 points (visible checks)" in out
    assert "never in a child process" in out
    assert "likely mistake:" in out and "expected:" in out and "observed:" in out
    assert "Timeline of your processes:" in out and "═" in out
    # The checks library's own frames are not shown to students.
    assert "raise CheckFailed" not in out


def test_a_correct_program_passes_with_full_points(tmp_path):
    student = tmp_path / "exercises" / "03"
    student.mkdir(parents=True)
    shutil.copy(ROOT / "solutions" / "03" / "sleepy.py", student / "sleepy.py")
    proc = pytest_run("exercises/03", f"--submission={tmp_path}")
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert (
        "Exercise 03 · Processes and join: 5/5 points (visible checks)" in proc.stdout
    )


def test_the_no_join_bug_is_explained_with_its_timeline(tmp_path):
    student = tmp_path / "exercises" / "03"
    student.mkdir(parents=True)
    shutil.copy(
        ROOT / "tests" / "variants" / "03" / "no_join.py", student / "sleepy.py"
    )
    out_json = tmp_path / "results.json"
    proc = pytest_run(
        "exercises/03", f"--submission={tmp_path}", f"--grader-json={out_json}"
    )
    assert "'Done in' was printed before both children finished" in proc.stdout
    assert "did you join?" in proc.stdout
    results = {r["name"]: r for r in json.loads(out_json.read_text())}
    failed = results["test_done_in_is_printed_after_both_children_finish"]
    assert failed["outcome"] == "failed" and failed["points"] == 0
    assert "├" in failed["timeline"] and "Done in" in failed["timeline"]
    assert results["test_two_child_processes_run_sleepy_man"]["points"] == 2


def test_a_hidden_check_never_shows_its_source_or_traceback(tmp_path):
    student = tmp_path / "exercises" / "03"
    student.mkdir(parents=True)
    shutil.copy(
        ROOT / "tests" / "variants" / "03" / "faked_total.py", student / "sleepy.py"
    )
    proc = pytest_run("grader/hidden/ex03", f"--submission={tmp_path}")
    assert "does not match the time it really took" in proc.stdout
    assert "def test_" not in proc.stdout and "tolerance=" not in proc.stdout


def test_a_check_without_points_is_refused(tmp_path):
    (tmp_path / "ex").mkdir()
    (tmp_path / "ex" / "mod.py").write_text("def main():\n    pass\n")
    (tmp_path / "ex" / "test_mod.py").write_text("def test_unmarked():\n    pass\n")
    (tmp_path / "course.yml").write_text(
        'exercises:\n  - {id: "01", title: T, file: ex/mod.py, entry: main,\n'
        "     points: {visible: 1, hidden: 0}}\n"
    )
    proc = pytest_run("ex", "-p", "no:cacheprovider", cwd=tmp_path)
    assert proc.returncode != 0
    assert "needs @pytest.mark.points(N)" in proc.stdout + proc.stderr
