"""The observation harness: what it sees of a student's run, and what it leaves
behind (nothing)."""

import os
import time
import uuid
from pathlib import Path

import pytest

from grader.checks import CheckFailed
from grader.checks.completion import returned
from grader.harness import START_METHODS, Limits, call_function, run_program
from grader.harness.sandbox import Policy

PLAIN = Policy(mode="plain")

PROGRAMS = Path(__file__).resolve().parent / "programs"
SOLUTION_03 = Path(__file__).resolve().parent.parent / "solutions" / "03" / "sleepy.py"


def processes_running(fragment: str) -> list[int]:
    """pids of live (non-zombie) processes whose command line contains ``fragment``."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmdline = f.read().decode(errors="replace")
            with open(f"/proc/{entry}/stat", "rb") as f:
                state = f.read().rsplit(b")", 1)[1].split()[0]
        except OSError:
            continue
        if fragment in cmdline and state != b"Z":
            found.append(int(entry))
    return found


@pytest.mark.parametrize("method", START_METHODS)
def test_a_correct_program_is_seen_whole_under_every_start_method(method):
    obs = call_function(SOLUTION_03, "main", start_method=method, trace=("sleepy_man",))
    assert obs.exit_code == 0 and obs.call.status == "returned"
    texts = [line.text for line in obs.stdout()]
    # Line buffering in every process: the parallel order, not the serial one.
    assert texts[:4] == ["Starting to sleep"] * 2 + ["Done sleeping"] * 2
    assert texts[4].startswith("Done in ")
    workers = obs.workers("sleepy_man")
    assert len(workers) == 2 and all(w.proc.python for w in workers)
    assert len({w.pid for w in workers} | {obs.main_pid}) == 3
    assert {p.pid for p in obs.process_callers("sleepy_man")} == {
        w.pid for w in workers
    }
    assert obs.joined() == {w.pid for w in workers}
    for w in workers:
        # At least the sleep; over by any amount of start-up a loaded machine adds
        # (a spawn child's kernel life includes its interpreter's start), but over
        # before the program that joined it.
        assert w.proc.end - w.proc.start >= 0.9
        assert w.proc.last_seen <= obs.wall_time
    assert obs.left_running == []


def test_a_run_that_times_out_is_stopped_with_all_its_children():
    started = time.monotonic()
    obs = run_program(PROGRAMS / "spin_children.py", limits=Limits(timeout=1.5))
    assert obs.timed_out and obs.stop_reason == "timeout"
    assert time.monotonic() - started < 5
    assert len(obs.children()) == 2
    assert processes_running("spin_children.py") == []


def test_children_that_escape_with_setsid_are_killed_and_reported():
    obs = run_program(PROGRAMS / "escape_setsid.py", limits=Limits(timeout=10))
    assert obs.exit_code == 0
    assert [line.text for line in obs.stdout()] == ["parent done"]
    # The orphan holds the stdout pipe open; the run still ends promptly.
    assert obs.wall_time < 2
    assert len(obs.left_running) == 1
    assert processes_running("escape_setsid.py") == []


def test_a_flood_of_output_is_capped_and_stopped():
    obs = run_program(
        PROGRAMS / "flood.py", limits=Limits(timeout=10, output_cap=50_000)
    )
    assert obs.truncated and obs.stop_reason == "output"
    assert sum(len(line.text) for line in obs.lines) <= 50_000
    assert processes_running("flood.py") == []


def test_a_program_that_kills_its_watcher_is_cleaned_up_by_its_token():
    # Only possible in the plain mode: in the isolated one the watcher is PID 1 of
    # the run's namespace and belongs to another user (tests/test_sandbox.py).
    obs = run_program(
        PROGRAMS / "kill_parent.py", limits=Limits(timeout=10), sandbox=PLAIN
    )
    assert obs.stop_reason == "watcher_killed"
    assert "killed the process that was watching it" in obs.notes[0]
    assert obs.left_running, "the lingering program should have been found and killed"
    assert processes_running("kill_parent.py") == []


def helper_lookalike(folder: Path, seconds: float) -> tuple[Path, str]:
    """A program that leaves behind a process whose command line reads like
    multiprocessing's resource tracker, living ``seconds`` after the program; and
    a marker unique to it (other test runs may have their own lookalikes)."""
    marker = f"lookalike-{uuid.uuid4().hex}"
    code = (
        f"import time; 'multiprocessing.resource_tracker {marker}'; "
        f"time.sleep({seconds})"
    )
    program = folder / "lookalike.py"
    program.write_text(
        "import subprocess, sys\n"
        f"subprocess.Popen([sys.executable, '-c', {code!r}], stdout=subprocess.DEVNULL)\n"
    )
    return program, marker


def test_multiprocessing_helpers_may_take_their_time_to_leave(tmp_path):
    # Under forkserver on a busy machine the forkserver and the resource tracker can
    # take over a second to notice that the program ended: not the student's fault.
    program, marker = helper_lookalike(tmp_path, 1.5)
    obs = run_program(program)
    assert obs.exit_code == 0 and obs.left_running == []
    assert processes_running(marker) == []


def test_a_process_posing_as_a_helper_is_still_left_running_and_killed(tmp_path):
    program, marker = helper_lookalike(tmp_path, 3600)
    obs = run_program(program)
    assert len(obs.left_running) == 1
    assert processes_running(marker) == []


@pytest.mark.parametrize("method", START_METHODS)
def test_lines_from_many_processes_arrive_whole(method):
    obs = run_program(PROGRAMS / "chatty_children.py", start_method=method)
    texts = [line.text for line in obs.stdout()]
    assert len(texts) == 8 * 200
    assert all(t.startswith("child ") and t.endswith("y" * 50) for t in texts)
    times = [line.t for line in obs.lines]
    assert times == sorted(times)


def test_a_last_line_without_newline_is_kept():
    obs = run_program(PROGRAMS / "no_newline.py")
    assert [line.text for line in obs.stdout()] == ["first", "unterminated"]


def test_a_call_returns_json_values():
    obs = call_function(PROGRAMS / "functions.py", "add", [2, 3])
    assert obs.call.status == "returned" and obs.call.value == 5


def test_a_call_that_raises_reports_the_exception():
    obs = call_function(PROGRAMS / "functions.py", "boom")
    assert obs.call.status == "raised"
    assert obs.call.type == "ValueError" and obs.call.message == "bad value"
    assert "boom" in obs.call.traceback


def test_a_missing_function_and_an_unparsable_module_are_told_apart(tmp_path):
    assert call_function(PROGRAMS / "functions.py", "nope").call.status == "missing"
    broken = tmp_path / "broken.py"
    broken.write_text("def main(:\n    pass\n")
    call = call_function(broken, "main").call
    assert call.status == "import_error" and call.type == "SyntaxError"


def test_a_non_json_return_value_is_reported_as_what_it_was(tmp_path):
    # A Manager's proxy or a Value returned instead of what it holds: the check
    # says what came back, not "None".
    module = tmp_path / "proxy.py"
    module.write_text(
        "import multiprocessing\n\n"
        "def main():\n"
        "    return multiprocessing.Manager().dict(a=1)\n"
    )
    call = call_function(module, "main").call
    assert call.status == "returned" and call.value is None
    assert call.value_type == "DictProxy" and "DictProxy" in call.value_repr
    with pytest.raises(CheckFailed) as failed:
        returned(call_function(module, "main"), what="word_counts()")
    said = failed.value.message(timeline=False)
    assert "word_counts() returned a DictProxy, not plain data" in said
    assert "dict(proxy)" in said
    call = call_function(PROGRAMS / "functions.py", "not_json").call
    assert call.status == "returned" and call.value_type


@pytest.mark.parametrize("method", START_METHODS)
def test_importable_objects_can_be_passed_by_reference(method):
    obs = call_function(
        PROGRAMS / "functions.py",
        "apply",
        [{"$ref": "functions:double"}, 21],
        start_method=method,
        python_path=(PROGRAMS,),
    )
    assert obs.call.value == 42


@pytest.mark.parametrize("method", START_METHODS)
def test_even_short_lived_children_are_seen_by_the_supervisor(method):
    obs = call_function(
        PROGRAMS / "functions.py", "child_pids", [6], start_method=method
    )
    seen = {p.pid for p in obs.children()}
    assert set(obs.call.value) == seen
    assert {w.pid for w in obs.workers()} == seen


def test_forged_events_do_not_make_processes_appear():
    obs = run_program(PROGRAMS / "fake_events.py")
    assert obs.exit_code == 0
    assert obs.workers() == []
    assert obs.process_callers("sleepy_man") == []
    assert any("never saw a process 999991" in d for d in obs.unconfirmed)


def test_claims_about_real_processes_that_are_not_python_are_set_aside():
    obs = run_program(PROGRAMS / "forged_on_real_processes.py")
    assert obs.exit_code == 0
    sleeps = [p for p in obs.processes if p.pid != obs.main_pid]
    assert len(sleeps) == 3 and not any(p.python for p in sleeps)
    assert obs.workers() == []
    assert obs.process_callers("sleepy_man") == []
    assert obs.joined() == set()
    assert any("not your program's Python" in d for d in obs.unconfirmed)
    main_proc = obs.proc(obs.main_pid)
    assert main_proc is not None and main_proc.python


def test_a_join_claimed_while_the_child_still_ran_is_set_aside():
    obs = run_program(PROGRAMS / "forged_join.py")
    assert obs.exit_code == 0
    assert len(obs.workers("nap")) == 1  # the child itself is real and confirmed
    assert obs.joined() == set()
    assert any("still running" in d for d in obs.unconfirmed)


def test_the_grader_environment_does_not_leak_into_the_run(monkeypatch):
    monkeypatch.setenv("PYTHONUNBUFFERED", "1")
    monkeypatch.setenv("SECRET_TOKEN", "s3cret")
    obs = call_function(PROGRAMS / "functions.py", "add", ["a", "b"])
    assert obs.call.value == "ab"
    environ = run_program(PROGRAMS / "print_env.py")
    assert "SECRET_TOKEN" not in environ.stdout()[0].text
    assert "PYTHONUNBUFFERED" not in environ.stdout()[0].text


def test_the_timeline_leaves_out_the_standard_library_s_own_threads():
    from grader.timeline import render, rows

    obs = run_program(PROGRAMS / "manager_dict.py")
    assert obs.stdout()[-1].text.startswith("done [1, 2]")
    threads = [r for r in rows(obs) if r.kind == "thread"]
    # A Manager's server threads and the Queue's feeders are plumbing.
    assert threads == [], [r.label for r in threads]
    picture = render(obs)
    assert "_feed" not in picture and "serve_client" not in picture
    if any(r.kind == "helper" for r in rows(obs)):
        assert "multiprocessing's own helper" in picture
