"""`grader verify` is green: every solution earns full marks, every stub zero, and
course.yml's points match the checks. Where it is not, it says why in full."""

import shutil
from pathlib import Path

from course_copy import copy_course
from grader.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_grader_verify_is_green(capsys):
    # The corpus itself is judged by tests/test_variants.py, in parallel.
    assert (
        main(["verify", "--jobs", "4", "--no-variants"]) == 0
    ), capsys.readouterr().out


def test_verify_exits_non_zero_on_an_unknown_exercise(capsys):
    assert main(["verify", "--exercise", "99"]) == 2
    assert "no exercise 99" in capsys.readouterr().err
    assert main(["verify", "98", "03"]) == 2
    assert "no exercise 98" in capsys.readouterr().err


def test_a_failing_solution_is_shown_with_the_whole_message(tmp_path, capsys):
    course_yml = copy_course(tmp_path / "course")
    shutil.copy(
        ROOT / "solutions" / "03" / "variants" / "no_join.py",
        tmp_path / "course" / "solutions" / "03" / "sleepy.py",
    )
    assert main(["--course", str(course_yml), "verify", "03", "--no-variants"]) == 1
    out = capsys.readouterr().out
    assert "03 Processes and join" in out and "FAIL" in out  # the table
    assert "01 Timing" not in out  # only the exercise named
    said = out.split("solution fails test_done_in_is_printed_after_both_children")[1]
    for line in (
        "The last line printed should be the 'Done in X.XXXX seconds' line.",
        "observed:       'Done sleeping'",
        "expected:       the 'Done in X.XXXX seconds' line",
        "likely mistake: 'Done in' was printed before both children finished",
        "Timeline of the processes:",
    ):
        assert line in said


def test_a_variant_judged_otherwise_than_its_header_says_is_a_problem(tmp_path, capsys):
    course_yml = copy_course(tmp_path / "course")
    corpus = tmp_path / "course" / "solutions" / "01" / "variants"
    keep = {"loop_twice.py", "one_call.py"}  # one right, one wrong: quick
    for program in corpus.iterdir():
        if program.name not in keep:
            program.unlink()
    # A correct program whose header claims a mistake.
    lying = corpus / "loop_twice.py"
    lying.write_text(
        lying.read_text().replace(
            "# expect: pass", "# expect-fail: test_the_total_covers_both_sleeps"
        )
    )
    assert main(["--course", str(course_yml), "verify", "01"]) == 1
    out = capsys.readouterr().out
    assert "1/2" in out  # the variants column
    assert "variant loop_twice.py: test_the_total_covers_both_sleeps passed a" in out
    assert "variant one_call.py" not in out
