"""RESULTS/.cache: each (student, exercise) grade, stored as soon as it is known.

A grade holds while its key does. The key is made of three parts, each a digest
(student_checks.py): the grader's code, the exercise's side of the course (its
course.yml entry, its folder, its hidden checks) and the student's file. The
grade keeps its parts (``ExerciseGrade.key_parts``), so that when the key no
longer holds, the part that changed says why the pair is graded again.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from .files import write_atomic
from .grades import ExerciseGrade


@dataclass
class Cache:
    folder: Path

    @classmethod
    def open(cls, out: Path) -> Cache:
        """The cache of RESULTS ``out``; OSError if RESULTS cannot be written, found
        before any student is graded rather than after the first."""
        folder = out / ".cache"
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".write-test"
        probe.write_text("ok")
        probe.unlink()
        return cls(folder)

    def load(self, student: str, exercise_id: str) -> ExerciseGrade | None:
        """The stored grade, whatever its key; None if there is none to read."""
        try:
            data = json.loads(self._path(student, exercise_id).read_text("utf-8"))
            return ExerciseGrade.from_dict(data)
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def store(self, student: str, grade: ExerciseGrade) -> None:
        path = self._path(student, grade.exercise)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(asdict(grade)))

    def _path(self, student: str, exercise_id: str) -> Path:
        return self.folder / student / f"{exercise_id}.json"


def why_stale(exercise_id: str, was: dict[str, str], now: dict[str, str]) -> str:
    """Why a cached grade no longer holds: the first part of its key that changed,
    the course's side before the student's (it re-grades the whole class). A grade
    cached before keys had parts was made by an older grader."""
    if was.get("grader") != now["grader"]:
        return "the grader changed"
    if was.get("exercise") != now["exercise"]:
        return f"exercise {exercise_id}'s checks changed"
    return "the student's file changed"
