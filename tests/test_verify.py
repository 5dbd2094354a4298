"""`grader verify` is green: every solution earns full marks, every stub zero, and
course.yml's points match the checks."""

from grader.cli import main


def test_grader_verify_is_green(capsys):
    assert main(["verify", "--jobs", "4"]) == 0, capsys.readouterr().out


def test_verify_exits_non_zero_on_an_unknown_exercise(capsys):
    assert main(["verify", "--exercise", "99"]) == 2
    assert "no exercise 99" in capsys.readouterr().err
