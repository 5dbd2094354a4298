"""`grader try NN FILE`: one program judged by every check of the exercise, hidden
ones included, each with its whole message; exit 0 only if all passed."""

from pathlib import Path

from grader.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_the_reference_solution_passes_every_check_visible_and_hidden(capsys):
    assert main(["try", "03", str(ROOT / "solutions" / "03" / "sleepy.py")]) == 0
    out = capsys.readouterr().out
    checks = [line for line in out.splitlines() if line.startswith(("✓", "✗"))]
    assert len(checks) == 9 and all(line.startswith("✓") for line in checks)
    assert any(line.startswith("✓ hidden ") for line in checks)
    assert "Correct under the 'spawn' start method" in out  # a hidden title
    assert out.rstrip().endswith("Exercise 03 · Processes and join: 10/10 points")


def test_a_wrong_program_fails_with_every_message_whole(capsys):
    no_join = ROOT / "solutions" / "03" / "variants" / "no_join.py"
    assert main(["try", "03", str(no_join)]) == 1
    out = capsys.readouterr().out
    assert "✗ visible 0/1  'Done in' is printed last" in out
    assert "✗ hidden  0/1  The printed total agrees with the grader's own clock" in out
    # Every line of the message, not only its summary, and the timeline.
    for line in (
        "The last line printed should be the 'Done in X.XXXX seconds' line.",
        "observed:       'Done sleeping'",
        "expected:       the 'Done in X.XXXX seconds' line",
        "likely mistake: 'Done in' was printed before both children finished",
        "Timeline of the processes:",
    ):
        assert line in out
    assert "Exercise 03 · Processes and join: 4/10 points" in out


def test_the_stub_fails(capsys):
    assert main(["try", "03", str(ROOT / "exercises" / "03" / "sleepy.py")]) == 1
    assert "0/10 points" in capsys.readouterr().out


def test_a_missing_file_or_exercise_is_one_clear_line(tmp_path, capsys):
    assert main(["try", "03", str(tmp_path / "nowhere.py")]) == 2
    assert "nowhere.py: no such file" in capsys.readouterr().err
    assert main(["try", "99", str(ROOT / "solutions" / "03" / "sleepy.py")]) == 2
    assert "no exercise 99" in capsys.readouterr().err
