"""course.yml: the course's exercises, their files, points and limits.

Every field is documented on :class:`Exercise` and :class:`Course`. Loading
validates everything at once and fails with one :class:`CourseError` per problem,
each naming the file and the entry (``course.yml: exercise 03: unknown key 'pionts'``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

FORMAT = 1
SCHEDULES = ("sleep", "cpu")
VISIBILITIES = ("hidden", "after_due_date", "after_published", "visible")


def assignment_name(exercise_id: str) -> str:
    """The exercise as an nbgrader (and LMS) assignment: "03" -> "ex03"."""
    return f"ex{exercise_id}"


class CourseError(ValueError):
    """course.yml is not usable; the message names the file and every problem."""


@dataclass(frozen=True)
class Exercise:
    id: str  # two digits, "03": the folder exercises/03 and the gradebook column
    title: str  # shown to students: "Processes and join"
    file: str  # the student's module, relative to the course root
    entry: str  # the function the checks call ("main", "run_sleepers", ...)
    visible_points: int  # sum of the points markers in exercises/NN/test_*.py
    hidden_points: int  # sum of the points markers in the hidden checks
    solution: str | None = None  # reference solution (absent from the release)
    hidden: str | None = None  # folder of the hidden checks (absent from the release)
    variants: str | None = None  # folder of right and wrong programs (grader verify)
    timeout: float = 20.0  # seconds one run of the student's code may take
    schedule: str = "sleep"  # "sleep": runs overlap freely; "cpu": needs cores alone
    due: dt.datetime | None = None  # for nbgrader's late penalty
    hidden_visibility: str = "after_published"  # Gradescope visibility of hidden checks
    style_points: int = 0  # for `black --check` on the student's file (0: off)
    canvas_id: int | None = None  # the Canvas assignment's id: its import matches by it

    @property
    def points(self) -> int:
        return self.visible_points + self.hidden_points + self.style_points

    @property
    def folder(self) -> str:
        return str(Path(self.file).parent)


@dataclass(frozen=True)
class Course:
    root: Path  # the folder that holds course.yml
    title: str
    total_points: int  # optional in the file; when given, the points must add up to it
    exercises: tuple[Exercise, ...] = field(default_factory=tuple)
    roster: str | None = None  # CSV of student_id,name,canvas_id,sis_user_id,... (LMS)

    def exercise(self, exercise_id: str) -> Exercise:
        for ex in self.exercises:
            if ex.id == exercise_id:
                return ex
        raise KeyError(f"no exercise {exercise_id!r} in {self.root / 'course.yml'}")

    @property
    def ids(self) -> list[str]:
        return [ex.id for ex in self.exercises]


TOP_KEYS = {"format", "title", "total_points", "exercises", "roster"}
EXERCISE_KEYS = {
    "id",
    "title",
    "file",
    "entry",
    "points",
    "solution",
    "hidden",
    "variants",
    "timeout",
    "canvas_id",
    "schedule",
    "due",
    "hidden_visibility",
    "style_points",
}


def find_course(start: Path) -> Path | None:
    """The nearest course.yml in ``start`` or above it."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "course.yml").is_file():
            return folder / "course.yml"
    return None


def load(path: str | Path, *, check_files: bool = True) -> Course:
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CourseError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise CourseError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except yaml.YAMLError as exc:
        raise CourseError(f"{path}: not valid YAML: {exc}") from None
    problems: list[str] = []
    course = _parse(raw, path, problems, check_files)
    if problems:
        raise CourseError("\n".join(f"{path}: {p}" for p in problems))
    return course


def _parse(raw, path: Path, problems: list[str], check_files: bool) -> Course | None:
    if not isinstance(raw, dict):
        problems.append("the top level must be a mapping with 'exercises'")
        return None
    for key in sorted(set(raw) - TOP_KEYS):
        problems.append(f"unknown key {key!r} at the top level")
    if raw.get("format", FORMAT) != FORMAT:
        problems.append(f"format {raw.get('format')!r} is not supported (use {FORMAT})")
    entries = raw.get("exercises")
    if not isinstance(entries, list) or not entries:
        problems.append("'exercises' must be a non-empty list")
        return None
    root = path.resolve().parent
    exercises = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        ex = _exercise(entry, index, root, problems, check_files)
        if ex is None:
            continue
        if ex.id in seen:
            problems.append(f"exercise {ex.id}: duplicate id")
        seen.add(ex.id)
        exercises.append(ex)
    if check_files:
        _unique_module_names(root, exercises, problems)
    points = sum(ex.points for ex in exercises)
    total = raw.get("total_points", points)
    if not isinstance(total, int):
        problems.append("'total_points' must be a whole number")
    elif total != points:
        problems.append(
            f"total_points is {total} but the exercises' points add up to {points}"
        )
    roster = raw.get("roster")
    if roster is not None and (
        not isinstance(roster, str) or (check_files and not (root / roster).is_file())
    ):
        problems.append(f"roster {roster!r} is not a file in the course")
    return Course(root, str(raw.get("title", "")), points, tuple(exercises), roster)


def _unique_module_names(root: Path, exercises, problems: list[str]) -> None:
    """Checks import their exercise's modules by name (exercises/NN is on their
    path), so one name in two exercise folders would give one exercise the
    other's check logic."""
    owner: dict[str, str] = {}
    for ex in exercises:
        folder = root / ex.folder
        if not folder.is_dir():
            continue
        for module in sorted(folder.glob("*.py")):
            if module.name.startswith("test_"):
                continue  # pytest imports check files by path, not by name
            where = module.relative_to(root).as_posix()
            first = owner.setdefault(module.stem, where)
            if first != where:
                problems.append(
                    f"exercise {ex.id}: {where} has the name of {first}; checks "
                    "import an exercise's modules by name, so each name must be "
                    "used by one exercise only"
                )


def _exercise(entry, index, root, problems, check_files) -> Exercise | None:
    where = f"exercises[{index}]"
    if not isinstance(entry, dict):
        problems.append(f"{where}: must be a mapping")
        return None
    ex_id = entry.get("id")
    if isinstance(ex_id, int):
        ex_id = f"{ex_id:02d}"
    if not isinstance(ex_id, str) or not re.fullmatch(r"\d\d", ex_id):
        problems.append(f"{where}: 'id' must be two digits in quotes, like \"03\"")
        return None
    where = f"exercise {ex_id}"
    before = len(problems)
    for key in sorted(set(entry) - EXERCISE_KEYS):
        problems.append(f"{where}: unknown key {key!r}")
    for key in ("title", "file", "entry", "points"):
        if key not in entry:
            problems.append(f"{where}: missing key {key!r}")
    points = entry.get("points")
    if not (
        isinstance(points, dict)
        and set(points) == {"visible", "hidden"}
        and all(isinstance(v, int) and v >= 0 for v in points.values())
    ):
        problems.append(
            f"{where}: 'points' must be {{visible: N, hidden: N}} with whole numbers"
        )
        points = {"visible": 0, "hidden": 0}
    for key in ("file", "solution", "hidden", "variants"):
        value = entry.get(key)
        if value is None:
            continue
        if not isinstance(value, str) or Path(value).is_absolute() or ".." in value:
            problems.append(f"{where}: {key!r} must be a path inside the course")
        elif check_files and not (root / value).exists():
            problems.append(f"{where}: {key} {value!r} does not exist")
    timeout = entry.get("timeout", 20.0)
    if not isinstance(timeout, (int, float)) or not 0 < timeout <= 600:
        problems.append(f"{where}: 'timeout' must be seconds between 0 and 600")
    schedule = entry.get("schedule", "sleep")
    if schedule not in SCHEDULES:
        problems.append(f"{where}: 'schedule' must be one of {', '.join(SCHEDULES)}")
    visibility = entry.get("hidden_visibility", "after_published")
    if visibility not in VISIBILITIES:
        problems.append(
            f"{where}: 'hidden_visibility' must be one of {', '.join(VISIBILITIES)}"
        )
    style = entry.get("style_points", 0)
    if not isinstance(style, int) or style < 0:
        problems.append(f"{where}: 'style_points' must be a whole number, 0 or more")
    canvas_id = entry.get("canvas_id")
    if canvas_id is not None and (not isinstance(canvas_id, int) or canvas_id <= 0):
        problems.append(f"{where}: 'canvas_id' must be the assignment's number")
    due = entry.get("due")
    if due is not None and not isinstance(due, (dt.datetime, dt.date)):
        problems.append(f"{where}: 'due' must be a date like 2026-12-01T23:59:00Z")
    if len(problems) > before:
        return None
    if isinstance(due, dt.date) and not isinstance(due, dt.datetime):
        due = dt.datetime.combine(due, dt.time(23, 59), dt.timezone.utc)
    return Exercise(
        id=ex_id,
        title=str(entry["title"]),
        file=entry["file"],
        entry=str(entry["entry"]),
        visible_points=points["visible"],
        hidden_points=points["hidden"],
        solution=entry.get("solution"),
        hidden=entry.get("hidden"),
        variants=entry.get("variants"),
        timeout=float(timeout),
        schedule=schedule,
        due=due,
        hidden_visibility=visibility,
        style_points=style,
        canvas_id=canvas_id,
    )
