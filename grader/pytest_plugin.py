"""The pytest plugin: points per check, teaching failures, a per-exercise summary,
and a machine-readable result per check for the batch grader.

Registered through the ``pytest11`` entry point, so ``pytest exercises/03`` in a
course checkout uses it without any conftest. It only acts on tests that live in an
exercise folder (``exercises/NN/``) or in an exercise's hidden-check folder named in
course.yml; every other test runs as plain pytest.

Where a point is awarded: :func:`_record` (a check that passed earns its marker's
points, anything else earns 0).
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from dataclasses import asdict
from pathlib import Path

import _pytest
import pluggy
import pytest

from .checks.failure import CheckFailed
from .course import Course, CourseError, find_course, load
from .grades import CheckResult, repeated_causes
from .observer import Observer
from .timeline import picture as timeline_picture
from .timeline import render

RESULT_KEY = "grader_result"
# Frames in these folders are pytest running the check, never where it went wrong.
_PYTEST_DIRS = tuple(str(Path(m.__file__).parent) + os.sep for m in (_pytest, pluggy))
HELP_SUBMISSION = (
    "root of the student's tree whose exercises are checked (default: the course)"
)
HELP_COURSE = "course.yml to use (default: the nearest one above the rootdir)"
HELP_JSON = "write every check's result as JSON to this file"
HELP_TIMEOUT = "seconds one run of student code may take (default: course.yml's)"
# What a student is told when a check breaks: whose fault it is, and that it
# reached someone who can fix it; nothing of the check itself.
CHECK_ERROR = (
    "This check stopped with an error of its own: a fault in the grader, not a "
    "verdict on your code, so it earns no points until it is fixed. When your work "
    "is graded, your instructor sees the details."
)


def pytest_addoption(parser):
    # Every option carries the grader- prefix: the plugin is installed for every
    # pytest run in the environment, and a project's own conftest that defines
    # --course or --submission must not collide with it.
    group = parser.getgroup("grader", "multiprocessing course grader")
    group.addoption("--grader-submission", default=None, help=HELP_SUBMISSION)
    group.addoption("--grader-course", default=None, help=HELP_COURSE)
    group.addoption("--grader-json", default=None, help=HELP_JSON)
    group.addoption("--grader-timeout", default=None, type=float, help=HELP_TIMEOUT)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "points(n): points this check is worth (course.yml holds the sums)"
    )
    config.pluginmanager.register(GraderPlugin(config), "grader-course")


@pytest.fixture(scope="session")
def observe(request) -> Observer:
    """Runs the student's code for an exercise; one run serves every check that asks
    for the same thing."""
    return request.config.pluginmanager.get_plugin("grader-course").observer()


class GraderPlugin:
    def __init__(self, config):
        self.config = config
        self._course: Course | None = None
        self._course_error = ""
        self.results: list[CheckResult] = []
        self.causes: dict[tuple[str, str], str] = {}  # (exercise, cause) -> title

    # -- the course and where the student's files are -------------------------------
    @property
    def course(self) -> Course | None:
        if self._course is None:
            option = self.config.getoption("--grader-course")
            if option:
                try:
                    self._course = load(Path(option))
                except CourseError as exc:
                    raise pytest.UsageError(str(exc)) from None
                return self._course
            # Found by looking around: a course.yml that is not a course of ours
            # (another project's file of that name, above an unrelated suite) means
            # this run is not ours, and the plugin stays out of it.
            path = find_course(self.config.rootpath) or find_course(Path.cwd())
            if path is None:
                return None
            try:
                self._course = load(path)
            except CourseError as exc:
                self._course_error = str(exc)  # said only if a check asks for it
                return None
        return self._course

    def exercise_of(self, path: Path) -> tuple[str, bool] | None:
        """(exercise id, hidden?) for a test file, or None if it is not a check."""
        course = self.course
        if course is None:
            return None
        path = path.resolve()
        for ex in course.exercises:
            if ex.hidden and path.is_relative_to((course.root / ex.hidden).resolve()):
                return ex.id, True
            if path.parent == (course.root / ex.folder).resolve():
                return ex.id, False
        return None

    def observer(self) -> Observer:
        course = self.course
        if course is None:
            raise pytest.UsageError(
                self._course_error
                or "no course.yml found: run pytest inside the course"
            )
        option = self.config.getoption("--grader-submission")
        submission = Path(option).resolve() if option else course.root
        return Observer(course, submission, self.config.getoption("--grader-timeout"))

    def pytest_sessionstart(self, session):
        # An exercise's checks import its own check logic by name (import
        # sleepy_checks), from exercises/NN beside them, in the visible and the
        # hidden checks alike. Appended, never prepended: a module installed in the
        # environment is never shadowed by a course file (course.py keeps the
        # names unique across exercises).
        course = self.course
        if course is None:
            return
        for ex in course.exercises:
            folder = str((course.root / ex.folder).resolve())
            if folder not in sys.path:
                sys.path.append(folder)

    # -- collection -----------------------------------------------------------------
    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(self, session, config, items):
        for item in items:
            where = self.exercise_of(Path(item.path))
            if where is None:
                continue
            if item.get_closest_marker("points") is None:
                raise pytest.UsageError(
                    f"{item.nodeid}: every check in an exercise needs "
                    "@pytest.mark.points(N)"
                )

    # -- results --------------------------------------------------------------------
    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        outcome = yield
        report = outcome.get_result()
        where = self.exercise_of(Path(item.path))
        if where is None:
            return
        exercise, hidden = where
        failed = call.excinfo is not None and report.failed
        check_error = ""
        if failed and isinstance(call.excinfo.value, CheckFailed):
            # The message is the lesson; a traceback of the checks library is noise,
            # and for a hidden check it would give the check away. A cause already
            # told in this exercise is told once.
            message = call.excinfo.value.message()
            cause = (exercise, message.splitlines()[0] if message else "")
            if cause in self.causes:
                message = f"Same cause as “{self.causes[cause]}” above: {cause[1]}"
            else:
                self.causes[cause] = _title(item)
            report.longrepr = message
        elif failed:
            # Any other exception is a bug in the check (or its fixture), not a
            # verdict: the student is told so, the instructor gets the traceback.
            # A hidden check's traceback would show its source, so students never
            # see it; a visible check's source is theirs to read anyway.
            check_error = check_traceback(call.excinfo.value)
            report.longrepr = (
                CHECK_ERROR if hidden else f"{CHECK_ERROR}\n\n{check_error}"
            )
        if report.when == "call" or (
            report.when == "setup" and report.outcome != "passed"
        ):
            result = _record(item, report, call, exercise, hidden, check_error)
            report.user_properties.append((RESULT_KEY, asdict(result)))

    def pytest_runtest_logreport(self, report):
        # Runs on the xdist controller too: results travel in user_properties.
        for key, value in report.user_properties:
            if key == RESULT_KEY:
                self.results.append(CheckResult(**value))

    def pytest_sessionfinish(self, session):
        path = self.config.getoption("--grader-json")
        if path and not hasattr(self.config, "workerinput"):
            Path(path).write_text(
                json.dumps([asdict(r) for r in self.results], indent=1),
                encoding="utf-8",
            )

    def pytest_terminal_summary(self, terminalreporter):
        if not self.results or self.course is None:
            return
        tr = terminalreporter
        tr.section("points")
        for line in summary_lines(self.course, self.results):
            tr.write_line(line)


def _record(item, report, call, exercise, hidden, check_error="") -> CheckResult:
    """Where a point is awarded: a check that passed earns its marker's points. A
    check that broke earns none, or crashing it would be a way to earn them."""
    marker = item.get_closest_marker("points")
    max_points = float(marker.args[0]) if marker and marker.args else 0.0
    title = _title(item)
    message = timeline = ""
    timing = False
    picture = None
    if check_error:
        message = CHECK_ERROR
    elif report.outcome != "passed" and call.excinfo is not None:
        exc = call.excinfo.value
        if isinstance(exc, CheckFailed):
            message = exc.message(timeline=False)
            timing = exc.timing
            if exc.observation is not None:
                timeline = render(exc.observation)
                picture = timeline_picture(exc.observation)
        else:  # a skip: its reason, never its location
            message = f"{call.excinfo.type.__name__}: {exc}"
    outcome = report.outcome if report.when == "call" else "error"
    if check_error:
        outcome = "error"
    return CheckResult(
        nodeid=item.nodeid,
        exercise=exercise,
        name=item.name,
        title=title,
        hidden=hidden,
        points=max_points if report.outcome == "passed" else 0.0,
        max_points=max_points,
        outcome=outcome,
        message=message,
        timeline=timeline,
        duration=round(report.duration, 3),
        timing=timing,
        picture=picture,
        check_error=check_error,
    )


def check_traceback(exc: BaseException) -> str:
    """Python's own traceback of a check's exception, without pytest's and pluggy's
    frames: the check's code, the checks library and what they called."""
    te = traceback.TracebackException.from_exception(exc)
    link, seen = te, set()
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        link.stack = traceback.StackSummary.from_list(
            [f for f in link.stack if not f.filename.startswith(_PYTEST_DIRS)]
        )
        link = link.__cause__ or link.__context__
    return "".join(te.format()).rstrip()


def _title(item) -> str:
    """A check's title: the first line of its docstring, else its name."""
    doc = (getattr(item.function, "__doc__", None) or "").strip().splitlines()
    return doc[0] if doc else item.name.removeprefix("test_").replace("_", " ")


def summary_lines(course: Course, results: list[CheckResult]) -> list[str]:
    """Exercise 03 · Processes and join: 3/5 points, then each failing check."""
    lines = []
    for ex in course.exercises:
        mine = [r for r in results if r.exercise == ex.id]
        if not mine:
            continue
        got = sum(r.points for r in mine)
        out_of = sum(r.max_points for r in mine)
        kinds = {r.hidden for r in mine}
        scope = (
            "all checks"
            if kinds == {True, False}
            else ("hidden checks" if kinds == {True} else "visible checks")
        )
        lines.append(
            f"Exercise {ex.id} · {ex.title}: {_num(got)}/{_num(out_of)} points ({scope})"
        )
        repeats = repeated_causes(mine)
        for r in mine:
            mark = "✓" if r.outcome == "passed" else "✗"
            lines.append(f"  {mark} {r.title} ({_num(r.max_points)})")
            if r.nodeid in repeats:
                lines.append("      same cause as above")
            elif r.outcome != "passed" and r.message:
                lines.append(f"      {r.message.splitlines()[0]}")
    return lines


def _num(x: float) -> str:
    return f"{x:g}"
