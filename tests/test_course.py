"""course.yml: loaded into plain data, and every mistake in it named with its file
and its entry."""

import textwrap

import pytest

from grader.course import CourseError, load

GOOD_ENTRY = """\
  - id: "03"
    title: Processes and join
    file: ex/sleepy.py
    entry: main
    points: {visible: 4, hidden: 6}
"""


def write(tmp_path, text, files=("ex/sleepy.py",)):
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    path = tmp_path / "course.yml"
    path.write_text(textwrap.dedent(text))
    return path


def problems(path):
    with pytest.raises(CourseError) as info:
        load(path)
    return str(info.value)


def test_the_project_course_loads(course):
    assert course.ids == sorted(course.ids)
    assert course.total_points == sum(ex.points for ex in course.exercises)
    assert "03" in course.ids


def test_a_valid_course_becomes_plain_data(tmp_path):
    course = load(write(tmp_path, "title: T\nexercises:\n" + GOOD_ENTRY))
    ex = course.exercise("03")
    assert (ex.visible_points, ex.hidden_points, ex.points) == (4, 6, 10)
    assert ex.timeout == 20.0 and ex.schedule == "sleep"
    assert course.total_points == 10


def test_an_unknown_key_is_named_with_its_exercise(tmp_path):
    text = "exercises:\n" + GOOD_ENTRY + "    pionts: 3\n"
    message = problems(write(tmp_path, text))
    assert "course.yml: exercise 03: unknown key 'pionts'" in message


def test_a_missing_file_is_named(tmp_path):
    message = problems(write(tmp_path, "exercises:\n" + GOOD_ENTRY, files=()))
    assert "exercise 03: file 'ex/sleepy.py' does not exist" in message


def test_a_duplicate_id_is_named(tmp_path):
    message = problems(write(tmp_path, "exercises:\n" + GOOD_ENTRY + GOOD_ENTRY))
    assert "exercise 03: duplicate id" in message


def test_points_that_do_not_add_up_are_named(tmp_path):
    message = problems(write(tmp_path, "total_points: 12\nexercises:\n" + GOOD_ENTRY))
    assert "total_points is 12 but the exercises' points add up to 10" in message


def test_every_problem_is_reported_at_once(tmp_path):
    text = "colour: red\nexercises:\n" + GOOD_ENTRY + "    timeout: -1\n"
    message = problems(write(tmp_path, text))
    assert "unknown key 'colour' at the top level" in message
    assert "exercise 03: 'timeout' must be seconds" in message


def test_malformed_points_and_paths_are_refused(tmp_path):
    text = GOOD_ENTRY.replace("{visible: 4, hidden: 6}", "10").replace(
        "ex/sleepy.py", "../outside.py"
    )
    message = problems(write(tmp_path, "exercises:\n" + text))
    assert "'points' must be {visible: N, hidden: N}" in message
    assert "'file' must be a path inside the course" in message


def test_a_file_that_is_not_yaml_is_named(tmp_path):
    path = tmp_path / "course.yml"
    path.write_text("exercises: [unclosed\n")
    assert "not valid YAML" in problems(path)
    path.write_bytes(b"\xff\xfe")
    assert "not UTF-8" in problems(path)
    assert "no such file" in problems(tmp_path / "missing.yml")
