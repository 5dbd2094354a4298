"""The ``grader`` command: one small function per subcommand; each returns the
exit status. Ctrl-C exits with 130 and SIGTERM with 143, promptly, after the
grader's own temporary folders are removed; what finished is kept (the cache), so
the same command resumes. Output into a closed pipe (``| head``) ends quietly."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from . import __version__
from .course import CourseError, find_course, load


class Terminated(Exception):
    """SIGTERM, raised in the main thread so that clean-up runs as for Ctrl-C."""


def _on_sigterm(signum, frame):
    raise Terminated()


def console() -> None:
    """The ``grader`` executable. An interrupted run exits at once: checks still
    running in the pool's threads are not waited for (their pytest runs die with
    this process, see sandbox.die_with_parent)."""
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        code = main()
        sys.stdout.flush()  # output to a pipe is buffered until here
    except BrokenPipeError:
        code = _quiet_stdout()
    if code in (130, 143):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="grader", description="Autograder for the multiprocessing course."
    )
    parser.add_argument(
        "--course", help="course.yml (default: the nearest one above this folder)"
    )
    parser.add_argument("--version", action="version", version=f"grader {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser(
        "verify",
        help="prove every check separates right from wrong: solutions full marks, "
        "stubs zero, each variant judged as its header says",
    )
    p.add_argument(
        "exercises", nargs="*", metavar="NN", help="only these exercises (default: all)"
    )
    p.add_argument("--exercise", action="append", help="only this exercise (repeat)")
    p.add_argument("--jobs", type=int, default=3, help="exercises checked at once")
    p.add_argument(
        "--no-variants",
        action="store_true",
        help="skip the variant corpus: solution and stub only (quicker)",
    )
    p.set_defaults(run=_verify)

    p = sub.add_parser(
        "try",
        help="judge one program by all of an exercise's checks, hidden ones too, "
        "and show every message",
    )
    p.add_argument("exercise", metavar="NN", help="the exercise, e.g. 03")
    p.add_argument("file", help="the program, e.g. a student's sleepy.py")
    p.set_defaults(run=_try)

    p = sub.add_parser(
        "status", help="where a student stands: visible points per exercise"
    )
    p.add_argument(
        "--submission", default=None, help="the student's tree (default: the course)"
    )
    p.add_argument("--exercise", action="append", help="only this exercise (repeat)")
    p.add_argument("--jobs", type=int, default=3, help="exercises checked at once")
    p.add_argument("--json", action="store_true", help="print the table as JSON")
    p.set_defaults(run=_status)

    p = sub.add_parser(
        "grade", help="grade a folder of submissions (one folder or .zip per student)"
    )
    p.add_argument("submissions", help="folder with one entry per student")
    p.add_argument("--out", required=True, help="the RESULTS folder to write")
    p.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="checks running at once (default: 4 per core; they mostly sleep)",
    )
    p.add_argument("--exercise", action="append", help="only this exercise (repeat)")
    p.add_argument(
        "--force", action="store_true", help="re-grade even what has not changed"
    )
    p.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="grade on the Dask cluster whose scheduler is at ADDRESS "
        "(tcp://host:8786); needs the dask extra",
    )
    p.add_argument(
        "--trust-students",
        action="store_true",
        help="grade even in the plain sandbox (not root), where students' code "
        "runs as you and could change the results",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="also print a summary as JSON on stdout (the log stays on stderr)",
    )
    p.set_defaults(run=_grade)

    p = sub.add_parser(
        "release", help="write the student tree: no solutions, no hidden checks"
    )
    p.add_argument("out", help="a new folder for the release")
    p.add_argument(
        "--nbgrader",
        action="store_true",
        help="OUT is an nbgrader course directory: write source/exNN/ assignments",
    )
    p.set_defaults(run=_release)

    p = sub.add_parser("gradescope", help="build a Gradescope autograder bundle")
    p.add_argument("out", help="the .zip to write")
    p.add_argument("--exercise", action="append", help="only this exercise (repeat)")
    p.set_defaults(run=_gradescope)

    p = sub.add_parser("export", help="record a RESULTS folder's grades elsewhere")
    p.add_argument("target", choices=["nbgrader"], help="where to")
    p.add_argument("results", help="a RESULTS folder written by grader grade")
    p.add_argument(
        "--db",
        required=True,
        help="the nbgrader gradebook URL, e.g. sqlite:///gradebook.db (created if new)",
    )
    p.add_argument(
        "--feedback",
        metavar="COURSE_DIR",
        help="also put each student's feedback where nbgrader release_feedback takes "
        "it (run after nbgrader generate_feedback)",
    )
    p.set_defaults(run=_export)

    args = parser.parse_args(argv)
    try:
        course = _course(args.course)
        return args.run(course, args)
    except CourseError as exc:
        print(f"grader: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("grader: interrupted; what finished is kept", file=sys.stderr)
        return 130
    except Terminated:
        print("grader: terminated; what finished is kept", file=sys.stderr)
        return 143
    except BrokenPipeError:
        return _quiet_stdout()


def _quiet_stdout() -> int:
    """The reader went away (| head): say nothing more to a pipe that is gone, not
    even when Python flushes stdout at exit."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 141


def _course(option: str | None):
    path = Path(option) if option else find_course(Path.cwd())
    if path is None:
        raise CourseError("no course.yml here or above; pass --course PATH")
    return load(path)


def _selected(course, wanted: list[str] | None):
    wanted = wanted or course.ids
    unknown = [x for x in wanted if x not in course.ids]
    if unknown:
        raise CourseError(
            f"{course.root / 'course.yml'}: no exercise {', '.join(unknown)}"
        )
    return [course.exercise(x) for x in wanted]


def _verify(course, args) -> int:
    from .verify import print_table, verify

    wanted = args.exercises + (args.exercise or [])
    rows = verify(
        course,
        _selected(course, wanted),
        jobs=args.jobs,
        variants=not args.no_variants,
    )
    print_table(rows)
    return 0 if all(row.ok for row in rows) else 1


def _try(course, args) -> int:
    from .trycmd import try_command

    (ex,) = _selected(course, [args.exercise])
    return try_command(course, ex, Path(args.file))


def _grade(course, args) -> int:
    from .gradecmd import grade_command

    return grade_command(
        course,
        Path(args.submissions),
        Path(args.out),
        exercise_ids=[x.id for x in _selected(course, args.exercise)],
        jobs=args.jobs,
        force=args.force,
        dask=args.dask,
        trust_students=args.trust_students,
        as_json=args.json,
    )


def _release(course, args) -> int:
    from .release import ReleaseError, build_nbgrader_source, build_release

    try:
        if args.nbgrader:
            files = build_nbgrader_source(course, Path(args.out))
        else:
            files = build_release(course, Path(args.out))
    except ReleaseError as exc:
        print(f"grader: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {len(files)} files to {args.out}")
    return 0


def _gradescope(course, args) -> int:
    from .gradescope import build_bundle

    ids = [x.id for x in _selected(course, args.exercise)] if args.exercise else []
    build_bundle(course, Path(args.out), ids)
    print(f"wrote {args.out}: upload it as the assignment's autograder")
    return 0


def _export(course, args) -> int:
    from .reports.writer import load_grades

    try:
        grades = load_grades(Path(args.results))
    except (OSError, ValueError, KeyError) as exc:
        print(
            f"grader: {args.results}: no readable grades.json ({exc})", file=sys.stderr
        )
        return 2
    try:
        from .exports.nbgrader import export_feedback, export_to_nbgrader
    except ImportError:
        print(
            "grader: nbgrader is not installed: pip install 'mp-course-grader[nbgrader]'",
            file=sys.stderr,
        )
        return 2
    summary = export_to_nbgrader(course, grades, args.db)
    print(
        f"recorded {summary.grades} grades of {summary.students} students in "
        f"{summary.assignments} nbgrader assignments at {args.db}"
    )
    if args.feedback:
        count = export_feedback(grades, Path(args.results), Path(args.feedback))
        print(f"put {count} students' feedback in {Path(args.feedback) / 'feedback'}")
        print("next: nbgrader release_feedback, then nbgrader export")
    else:
        print(f"next: nbgrader export --db {args.db}")
    return 0


def _status(course, args) -> int:
    from .status import complete, print_status, status

    submission = Path(args.submission).resolve() if args.submission else course.root
    rows = status(course, _selected(course, args.exercise), submission, jobs=args.jobs)
    if args.json:
        import json
        from dataclasses import asdict

        data = {"exercises": [asdict(r) for r in rows], "complete": complete(rows)}
        print(json.dumps(data, indent=1))
    else:
        print_status(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
