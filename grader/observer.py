"""The ``observe`` fixture's object: runs a student's exercise through the harness,
once per distinct request, so every check that can share an observation does.

Checks ask for the student's code by exercise id; where the student's files are
(``--submission``) and the limits (course.yml) are decided here, not in the checks.
"""

from __future__ import annotations

import json
from pathlib import Path

from .course import Course
from .harness import Limits, Observation, call_function, run_program
from .harness.sandbox import Policy
from .harness.schedule import Schedule


class Observer:
    def __init__(self, course: Course, submission: Path, timeout: float | None = None):
        self.course = course
        self.submission = submission
        self.timeout = timeout  # overrides course.yml's, e.g. to fail hangs quickly
        # The course holds the solutions and the hidden checks: never in view.
        self.policy = Policy.from_env(hide=(str(course.root),))
        self._cache: dict[str, Observation] = {}

    def path(self, exercise_id: str) -> Path:
        """The student's module for this exercise."""
        return self.submission / self.course.exercise(exercise_id).file

    def limits(self, exercise_id: str, timeout: float | None = None) -> Limits:
        return Limits(
            timeout=timeout or self.timeout or self.course.exercise(exercise_id).timeout
        )

    def call(
        self,
        exercise_id: str,
        *args,
        function: str | None = None,
        kwargs: dict | None = None,
        start_method: str | None = None,
        trace: tuple[str, ...] = (),
        timeout: float | None = None,
        python_path: tuple = (),
        fresh: bool = False,
        schedule: Schedule | None = None,
    ) -> Observation:
        """Call the exercise's entry point (or ``function``) with JSON arguments,
        under a forced ``schedule`` if given."""
        function = function or self.course.exercise(exercise_id).entry
        key = json.dumps(
            [
                "call",
                exercise_id,
                function,
                args,
                kwargs,
                start_method,
                trace,
                timeout,
                [str(p) for p in python_path],
                schedule,
            ],
            sort_keys=True,
            default=str,
        )
        if fresh or key not in self._cache:
            self._cache[key] = call_function(
                self.path(exercise_id),
                function,
                args,
                kwargs,
                start_method=start_method,
                limits=self.limits(exercise_id, timeout),
                trace=trace,
                python_path=python_path,
                sandbox=self.policy,
                schedule=schedule,
            )
        return self._cache[key]

    def program(
        self,
        exercise_id: str,
        *,
        start_method: str | None = None,
        trace: tuple[str, ...] = (),
        timeout: float | None = None,
        fresh: bool = False,
        schedule: Schedule | None = None,
    ) -> Observation:
        """Run the exercise's file as a program: ``python exercises/NN/file.py``."""
        key = json.dumps(
            ["program", exercise_id, start_method, trace, timeout, schedule],
            default=str,
        )
        if fresh or key not in self._cache:
            self._cache[key] = run_program(
                self.path(exercise_id),
                start_method=start_method,
                limits=self.limits(exercise_id, timeout),
                trace=trace,
                sandbox=self.policy,
                schedule=schedule,
            )
        return self._cache[key]
