"""What re-grades a cached grade, and the reason the run gives: a class graded once
is graded again only where the grader, an exercise's side of the course (its
folder, its hidden checks, its course.yml entry) or a student's file changed; the
reference solution and Python's bytecode change nothing."""

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from course_copy import copy_course
from grader.batch import grade_class
from grader.cli import main
from grader.course import load
from grader.student_checks import course_fingerprint, course_key_parts

ROOT = Path(__file__).resolve().parent.parent
FILE = "exercises/01/serial.py"  # exercise 01 is the quickest to check


def change_a_line(path: Path) -> None:
    lines = path.read_text().splitlines(keepends=True)
    lines[0] = lines[0].rstrip("\n") + "  (revised)\n"
    path.write_text("".join(lines))


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Two students' exercise 01, graded once: one right, one wrong."""
    base = tmp_path_factory.mktemp("regrade")
    subs = base / "submissions"
    for student, source in {
        "ann": ROOT / "solutions" / "01" / "serial.py",
        "ben": ROOT / "solutions" / "01" / "variants" / "one_call.py",
    }.items():
        (subs / student / FILE).parent.mkdir(parents=True)
        shutil.copy(source, subs / student / FILE)
    course_yml = copy_course(base / "course")
    out = base / "results"
    run = grade_class(load(course_yml), subs, out, exercise_ids=["01"])
    assert run.graded == 2 and run.not_graded == []
    return {"subs": subs, "out": out, "course": course_yml}


@pytest.fixture
def results(graded, tmp_path):
    """A copy of the class's RESULTS, for one test to grade again."""
    return shutil.copytree(graded["out"], tmp_path / "results")


def grade_again(graded, results, course_yml=None, subs=None):
    course = load(course_yml or graded["course"])
    return grade_class(course, subs or graded["subs"], results, exercise_ids=["01"])


def test_every_cached_grade_records_what_its_key_was_made_of(graded):
    cached = json.loads((graded["out"] / ".cache" / "ann" / "01.json").read_text())
    assert set(cached["key_parts"]) == {"grader", "exercise", "student"}
    anns_file = (graded["subs"] / "ann" / FILE).read_bytes()
    assert cached["key_parts"] == {
        **course_key_parts(load(graded["course"]), "01"),
        "student": hashlib.sha256(anns_file).hexdigest(),
    }


def test_nothing_changed_re_grades_nothing(graded, results):
    run = grade_again(graded, results)
    assert (run.graded, run.reused, run.regraded_because) == (0, 2, {})


def test_a_changed_line_in_the_exercise_folder_re_grades_that_exercise_and_says_so(
    graded, results, tmp_path, capsys
):
    course_yml = copy_course(tmp_path / "course")
    change_a_line(course_yml.parent / "exercises" / "01" / "test_serial.py")
    argv = ["--course", str(course_yml), "grade", str(graded["subs"])]
    assert main([*argv, "--out", str(results), "--exercise", "01"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "checked 2 exercise(s), reused 0 unchanged" in said
    assert "re-graded 2 (exercise 01's checks changed)" in said
    meta = json.loads((results / "grades.json").read_text())
    assert meta["regraded_because"] == {"exercise 01's checks changed": 2}


def test_a_change_to_another_exercise_re_grades_nothing_of_this_one(
    graded, results, tmp_path
):
    course_yml = copy_course(tmp_path / "course")
    change_a_line(course_yml.parent / "exercises" / "02" / "README.md")
    change_a_line(
        course_yml.parent / "solutions" / "02" / "hidden" / "test_hidden_02.py"
    )
    run = grade_again(graded, results, course_yml)
    assert (run.graded, run.reused, run.regraded_because) == (0, 2, {})


def test_a_student_s_changed_file_re_grades_that_student_alone(
    graded, results, tmp_path
):
    subs = shutil.copytree(graded["subs"], tmp_path / "submissions")
    change_a_line(subs / "ben" / FILE)
    run = grade_again(graded, results, subs=subs)
    assert (run.graded, run.reused) == (1, 1)
    assert run.regraded_because == {"the student's file changed": 1}


def test_a_cache_written_before_keys_had_parts_still_holds(graded, results):
    # Older graders stored no key_parts: such a grade is reused while its key
    # holds, and once it does not, the reason is the grader that wrote it.
    for path in (results / ".cache").rglob("01.json"):
        data = json.loads(path.read_text())
        del data["key_parts"]
        if path.parent.name == "ben":
            data["key"] = "made by an older grader"
        path.write_text(json.dumps(data))
    run = grade_again(graded, results)
    assert (run.graded, run.reused) == (1, 1)
    assert run.regraded_because == {"the grader changed": 1}


# --- the exercise's side of the key, without grading anyone ------------------------


@pytest.fixture
def course_copy(tmp_path):
    return copy_course(tmp_path / "course")


def parts(course_yml: Path, exercise_id: str) -> dict:
    return course_key_parts(load(course_yml), exercise_id)


@pytest.mark.parametrize(
    "where",
    [
        "exercises/05/helpers.py",  # check logic beside the visible checks
        "exercises/05/data/sizes.json",  # any file, at any depth
        "solutions/05/hidden/helpers.py",  # the hidden checks' folder
    ],
)
def test_any_file_of_the_exercise_or_its_hidden_checks_is_part_of_its_key(
    course_copy, where
):
    before = {x: parts(course_copy, x) for x in ("04", "05")}
    added = course_copy.parent / where
    added.parent.mkdir(parents=True, exist_ok=True)
    added.write_text("SIZES = [1, 2, 3]\n")
    after = {x: parts(course_copy, x) for x in ("04", "05")}
    assert after["05"]["exercise"] != before["05"]["exercise"]
    assert after["05"]["grader"] == before["05"]["grader"]
    assert after["04"] == before["04"]


def test_the_reference_solution_and_bytecode_are_not_part_of_the_key(course_copy):
    before = parts(course_copy, "05")
    change_a_line(course_copy.parent / "solutions" / "05" / "squares.py")
    for folder in ("exercises/05/__pycache__", "solutions/05/hidden/__pycache__"):
        (course_copy.parent / folder).mkdir(exist_ok=True)
        (course_copy.parent / folder / "test_squares.cpython-311.pyc").write_bytes(b"x")
    (course_copy.parent / "exercises" / "05" / "stray.pyc").write_bytes(b"x")
    assert parts(course_copy, "05") == before


def test_the_key_does_not_depend_on_where_the_course_is(course_copy):
    # A Dask worker proves it has the client's course by this fingerprint.
    here, there = load(ROOT / "course.yml"), load(course_copy)
    for x in here.ids:
        assert course_fingerprint(here, x) == course_fingerprint(there, x)
