"""A check whose own code raises (anything but CheckFailed) is the grader's fault,
never the student's: it earns no points, the student is told the check broke and
nothing of it, and the instructor gets the traceback from `grader verify`,
`grader try` and grades.json, and the TA a line from `grader grade`."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course_copy import break_check, copy_course
from grader.checkrun import make_tree, run_checks
from grader.cli import main
from grader.course import load

ROOT = Path(__file__).resolve().parent.parent
HIDDEN = "solutions/03/hidden/test_hidden_03.py"
HIDDEN_CHECK = "test_the_printed_total_matches_the_clock"
VISIBLE = "exercises/03/test_sleepy.py"
VISIBLE_CHECK = "test_the_children_sleep_at_the_same_time"
BROKEN = (HIDDEN_CHECK, VISIBLE_CHECK)
# What only the instructor may see: the tracebacks and the checks' source.
SECRETS = ("Traceback", "ZeroDivisionError", "KeyError", "1 / 0", "no such key")
SOLUTION = ROOT / "solutions" / "03" / "sleepy.py"


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """The course with a bug in one hidden and one visible check of exercise 03."""
    course_yml = copy_course(tmp_path_factory.mktemp("broken") / "course")
    break_check(course_yml.parent / HIDDEN, HIDDEN_CHECK, "1 / 0")
    break_check(course_yml.parent / VISIBLE, VISIBLE_CHECK, '{}["no such key"]')
    return load(course_yml)


@pytest.fixture(scope="module")
def solution_tree(tmp_path_factory, broken):
    return make_tree(broken, {"03": SOLUTION}, tmp_path_factory.mktemp("student"))


@pytest.fixture(scope="module")
def judged(broken, solution_tree):
    """Every check of 03 on the reference solution, by name."""
    return {r.name: r for r in run_checks(broken, "03", solution_tree)}


def test_a_broken_check_is_an_error_worth_no_points_even_on_a_correct_program(
    judged,
):
    for name in BROKEN:
        assert judged[name].outcome == "error" and judged[name].points == 0
    assert all(r.outcome == "passed" for n, r in judged.items() if n not in BROKEN)


def test_the_student_is_told_the_check_broke_and_nothing_of_it(judged):
    for name in BROKEN:
        message = judged[name].message
        assert "fault in the grader, not a verdict on your code" in message
        assert "your instructor sees the details" in message
        for secret in (*SECRETS, "def test_", ".py"):
            assert secret not in message, message


def test_the_traceback_is_kept_for_the_instructor(judged):
    hidden = judged[HIDDEN_CHECK].check_error
    assert "1 / 0" in hidden and "ZeroDivisionError" in hidden
    assert "KeyError" in judged[VISIBLE_CHECK].check_error


def test_pytest_shows_a_student_no_traceback_of_a_hidden_check(broken, solution_tree):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            HIDDEN,
            f"--grader-submission={solution_tree}",
        ],
        cwd=broken.root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "This check stopped with an error of its own" in done.stdout
    for secret in (*SECRETS, "def test_"):
        assert secret not in done.stdout, done.stdout


def test_verify_names_each_broken_check_with_its_traceback(broken, capsys):
    assert main(["--course", str(broken.root / "course.yml"), "verify", "03"]) == 1
    out = capsys.readouterr().out
    both = "has an error of its own (on the solution and the stub):"
    assert f"check {HIDDEN}::{HIDDEN_CHECK} {both}" in out
    assert f"check {VISIBLE}::{VISIBLE_CHECK} {both}" in out
    assert "1 / 0" in out and "ZeroDivisionError" in out and "KeyError" in out
    # Told as the check's fault alone, not also as the solution's.
    assert "solution fails" not in out


def test_try_shows_the_instructor_the_traceback(broken, capsys):
    course_yml = str(broken.root / "course.yml")
    assert main(["--course", course_yml, "try", "03", str(SOLUTION)]) == 1
    out = capsys.readouterr().out
    assert "the check has an error of its own;" in out
    assert "1 / 0" in out and "ZeroDivisionError" in out


def test_grade_names_the_broken_checks_for_the_ta_and_hides_them_from_students(
    broken, tmp_path, capsys
):
    subs = tmp_path / "subs"
    (subs / "alice" / "exercises" / "03").mkdir(parents=True)
    shutil.copy(SOLUTION, subs / "alice" / "exercises" / "03" / "sleepy.py")
    out = tmp_path / "results"
    course_yml = str(broken.root / "course.yml")
    args = ["--course", course_yml, "grade", str(subs), "--out", str(out)]
    assert main([*args, "--exercise", "03", "--trust-students"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "2 check(s) stopped with an error of their own" in said
    assert "tell the instructor" in said
    assert f"03 {HIDDEN_CHECK} (1 student)" in said
    assert f"03 {VISIBLE_CHECK} (1 student)" in said

    grades = json.loads((out / "grades.json").read_text())
    checks = {c["name"]: c for c in grades["students"][0]["exercises"][0]["checks"]}
    assert "ZeroDivisionError" in checks[HIDDEN_CHECK]["check_error"]
    for name in ("feedback.md", "feedback.html", "results.json"):
        text = (out / "alice" / name).read_text()
        assert "This check stopped with an error of its own" in text
        for secret in SECRETS:
            assert secret not in text, f"{name} shows {secret}"
