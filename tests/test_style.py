"""Optional style points: black's verdict on the student's file, with its diff."""

import dataclasses
from pathlib import Path

from grader.style import style_check

ROOT = Path(__file__).resolve().parent.parent


def exercise(course):
    return dataclasses.replace(course.exercise("03"), style_points=2)


def test_a_black_formatted_file_earns_the_style_points(course, tmp_path):
    (tmp_path / "exercises" / "03").mkdir(parents=True)
    (tmp_path / "exercises/03/sleepy.py").write_text(
        (ROOT / "solutions/03/sleepy.py").read_text()
    )
    result = style_check(exercise(course), tmp_path)
    assert result.outcome == "passed" and result.points == 2


def test_an_unformatted_file_gets_black_s_diff(course, tmp_path):
    (tmp_path / "exercises" / "03").mkdir(parents=True)
    (tmp_path / "exercises/03/sleepy.py").write_text("def main( ):\n  x=1\n")
    result = style_check(exercise(course), tmp_path)
    assert result.outcome == "failed" and result.points == 0
    assert "black exercises/03/sleepy.py" in result.message
    assert "+    x = 1" in result.message and str(tmp_path) not in result.message
