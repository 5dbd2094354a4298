"""What a student sees: `pytest exercises/03` run as a student runs it, in a
subprocess, on the stub and on a correct program."""

import json
import os
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
    proc = pytest_run("exercises/03", f"--grader-submission={tmp_path}")
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert (
        "Exercise 03 · Processes and join: 5/5 points (visible checks)" in proc.stdout
    )


def test_the_no_join_bug_is_explained_with_its_timeline(tmp_path):
    student = tmp_path / "exercises" / "03"
    student.mkdir(parents=True)
    shutil.copy(
        ROOT / "solutions" / "03" / "variants" / "no_join.py", student / "sleepy.py"
    )
    out_json = tmp_path / "results.json"
    proc = pytest_run(
        "exercises/03", f"--grader-submission={tmp_path}", f"--grader-json={out_json}"
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
        ROOT / "solutions" / "03" / "variants" / "faked_total.py", student / "sleepy.py"
    )
    proc = pytest_run("solutions/03/hidden", f"--grader-submission={tmp_path}")
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


def test_the_plugin_stays_out_of_other_projects_suites(tmp_path):
    # Another project in the same environment: its conftest defines --course and
    # --submission, and a course.yml of its own (not ours) sits above its tests.
    (tmp_path / "course.yml").write_text("name: Intro to Statistics\nweeks: 12\n")
    project = tmp_path / "project"
    project.mkdir()
    (project / "conftest.py").write_text(
        "def pytest_addoption(parser):\n"
        "    parser.addoption('--course', default='stats')\n"
        "    parser.addoption('--submission', default=None)\n"
    )
    (project / "test_things.py").write_text(
        "def test_course_option(request):\n"
        "    assert request.config.getoption('--course') == 'stats'\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_DISABLE_PLUGIN_AUTOLOAD"}
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "1 passed" in proc.stdout
    # ...and our plugin is loaded there (installed for the environment), silently.
    plugins = subprocess.run(
        [sys.executable, "-m", "pytest", "--help"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert "--grader-course" in plugins.stdout


def test_one_root_cause_is_told_once_then_named(tmp_path):
    # Forgetting the 'Done in' line fails two checks for one reason: the second
    # says "same cause as" instead of the whole lesson again.
    student = tmp_path / "exercises" / "03"
    student.mkdir(parents=True)
    code = (ROOT / "solutions" / "03" / "sleepy.py").read_text()
    lines = [line for line in code.splitlines() if "Done in" not in line]
    (student / "sleepy.py").write_text("\n".join(lines) + "\n")
    proc = pytest_run("exercises/03", f"--grader-submission={tmp_path}")
    out = proc.stdout
    # pytest's short summary repeats each whole message when CI is set (as in
    # our CI, or a student's GitHub Classroom run); the lesson itself is what
    # must be told once.
    failures = out.split("short test summary info")[0]
    assert failures.count("likely mistake: print the total once") == 1, out
    assert "Same cause as “" in out and "above: Expected 1 'Done in" in out
    assert "      same cause as above" in out  # in the points summary
