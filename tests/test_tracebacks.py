"""A traceback in a message shows the student's own frames; Python's internals
and the grader's driver are folded into one line each."""

from grader.checks import CheckFailed, completed
from grader.checks.tracebacks import student_frames
from grader.harness import call_function

CHILD = """Process Process-1:
Traceback (most recent call last):
  File "/usr/lib/python3.11/multiprocessing/process.py", line 314, in _bootstrap
    self.run()
  File "/usr/lib/python3.11/multiprocessing/process.py", line 108, in run
    self._target(*self._args, **self._kwargs)
  File "/run/grader-sandbox/run-1/work/exercises/03/sleepy.py", line 7, in sleepy_man
    1/0
    ~^~
ZeroDivisionError: division by zero"""


def test_a_child_s_traceback_keeps_only_the_student_s_frames():
    assert student_frames(CHILD).splitlines() == [
        "Process Process-1:",
        "Traceback (most recent call last):",
        "  ... (2 frames of Python's own code)",
        '  File "/run/grader-sandbox/run-1/work/exercises/03/sleepy.py", line 7, '
        "in sleepy_man",
        "    1/0",
        "    ~^~",
        "ZeroDivisionError: division by zero",
    ]
    assert student_frames("no traceback here\n") == "no traceback here"


def test_a_check_message_shows_the_student_s_line_not_the_queue_s(tmp_path):
    module = tmp_path / "waits.py"
    module.write_text(
        "import multiprocessing\n\n"
        "def main():\n"
        "    return multiprocessing.Queue().get(timeout=0.05)\n"
    )
    try:
        completed(call_function(module, "main"))
    except CheckFailed as failed:
        said = failed.message(timeline=False)
    else:
        raise AssertionError("a call that raised passed")
    assert "waits.py" in said and "frames of Python's own code" in said
    assert "multiprocessing/queues.py" not in said
