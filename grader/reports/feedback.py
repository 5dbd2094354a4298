"""Per-student feedback: feedback.md for reading anywhere, feedback.html with the
timeline of each failed check drawn as an inline SVG (self-contained: no scripts,
no external files).

A hidden check shows its title and its message only: never its source, its
traceback, its parameters, nor the timeline of a run whose parameters it chose.
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from ..course import Course
from ..grades import StudentGrade, repeated_causes
from ..text import visible
from .svg import timeline_svg

_env = Environment(
    loader=PackageLoader("grader.reports", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters["svg"] = timeline_svg
_env.filters["num"] = lambda x: f"{x:g}"


def feedback_md(course: Course, grade: StudentGrade) -> str:
    lines = [
        f"# Feedback for {grade.student}",
        "",
        f"**{grade.total:g} / {grade.max_total:g} points** · {course.title}",
        "",
    ]
    for problem in grade.problems:
        lines.append(f"> {problem}")
    if grade.problems:
        lines.append("")
    for e in grade.exercises:
        lines.append(f"## {e.exercise} · {e.title}: {e.points:g} / {e.max_points:g}")
        lines.append("")
        if e.note:
            lines += [f"Note: {e.note}", ""]
        if e.problem:
            lines += [f"Not checked: {e.problem}", ""]
            continue
        repeats = repeated_causes(e.checks)
        for c in e.checks:
            mark = "✓" if c.outcome == "passed" else "✗"
            kind = " (hidden check)" if c.hidden else ""
            rerun = " (re-run alone after a timing failure)" if c.rerun else ""
            lines.append(
                f"- {mark} {c.title}{kind}: {c.points:g}/{c.max_points:g}{rerun}"
            )
            if c.nodeid in repeats:
                lines += ["", f"  Same cause as “{repeats[c.nodeid]}” above."]
            elif c.outcome != "passed" and c.message:
                lines.append("")
                lines.append("  ```")
                lines += [f"  {line}" for line in c.message.splitlines()]
                if c.timeline and not c.hidden:
                    lines.append("")
                    lines += [f"  {line}" for line in c.timeline.splitlines()]
                lines.append("  ```")
        lines.append("")
    # Titles, messages and timelines quote what the student's program printed.
    return visible("\n".join(lines))


def feedback_html(course: Course, grade: StudentGrade) -> str:
    repeats = {
        k: v for e in grade.exercises for k, v in repeated_causes(e.checks).items()
    }
    html = _env.get_template("feedback.html.j2").render(
        course=course, grade=grade, repeats=repeats
    )
    return visible(html)
