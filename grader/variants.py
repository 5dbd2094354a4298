"""The variant corpus of an exercise (course.yml's ``variants:``, a folder of the
secret side, solutions/NN/variants): whole student programs, right ones in
several styles and each named mistake, each declaring in its header what the
checks must say about it.

    # expect: pass                       every visible and hidden check passes
    # expect-fail: test_a, test_b        these checks fail (others may too)
    # expect-message: did you join       ...and the first of them says this
    # hidden-only: hard-codes the visible durations
                                         a wrong program the visible checks may
                                         pass, and why (otherwise a visible check
                                         must fail it: the lesson names it)

``grader verify`` and the project's tests judge every variant with
:func:`verdict_problems`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .course import Course, CourseError
from .grades import CheckResult

# A hang only needs to be told apart from a program that finishes; a variant
# that must hang is run with this much time, not the exercise's whole timeout.
HANG_TIMEOUT = 4.0


@dataclass(frozen=True)
class Variant:
    exercise: str
    path: Path
    passes: bool
    must_fail: tuple[str, ...]
    message: str | None
    hidden_only: str | None = None

    @property
    def id(self) -> str:
        return f"{self.exercise}/{self.path.stem}"

    @property
    def run_timeout(self) -> float | None:
        return HANG_TIMEOUT if "did not finish" in (self.message or "") else None


def load_variants(
    course: Course, exercise_ids: list[str] | None = None
) -> list[Variant]:
    """Every variant of the exercises (all of the course's by default), in order."""
    found = []
    for ex in course.exercises:
        if ex.variants is None or (exercise_ids and ex.id not in exercise_ids):
            continue
        for path in sorted((course.root / ex.variants).glob("*.py")):
            found.append(_read(ex.id, path))
    return found


def _read(exercise_id: str, path: Path) -> Variant:
    try:
        head = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    except (OSError, UnicodeDecodeError) as exc:
        raise CourseError(f"{path}: cannot be read as a variant ({exc})") from None
    passes = re.search(r"^# expect: pass\s*$", head, re.M) is not None
    fail = re.search(r"^# expect-fail: (.+)$", head, re.M)
    message = re.search(r"^# expect-message: (.+)$", head, re.M)
    hidden_only = re.search(r"^# hidden-only: (.+)$", head, re.M)
    if passes == bool(fail):
        raise CourseError(
            f"{path}: needs exactly one of '# expect: pass' and "
            "'# expect-fail: ...' in its header"
        )
    must_fail = tuple(n.strip() for n in fail.group(1).split(",")) if fail else ()
    return Variant(
        exercise_id,
        path,
        passes,
        must_fail,
        message.group(1).strip() if message else None,
        hidden_only.group(1).strip() if hidden_only else None,
    )


def verdict_problems(variant: Variant, results: list[CheckResult]) -> list[str]:
    """What the checks got wrong about this program (empty: they judged it as its
    header says)."""
    if not results:
        return ["no checks ran"]
    if variant.passes:
        return [
            f"a correct program lost points on {r.name}: {r.message}"
            for r in results
            if r.outcome != "passed"
        ]
    by_name = {r.name: r for r in results}
    problems = []
    for name in variant.must_fail:
        if name not in by_name:
            problems.append(f"no check named {name}; have {sorted(by_name)}")
        elif by_name[name].outcome != "failed":
            problems.append(f"{name} passed a wrong program")
    first = by_name.get(variant.must_fail[0]) if variant.must_fail else None
    if variant.message and first is not None and variant.message not in first.message:
        problems.append(
            f"{first.name} failed it without saying {variant.message!r}: "
            f"{first.message}"
        )
    if variant.hidden_only is None and not any(
        r.outcome == "failed" for r in results if not r.hidden
    ):
        # The student must learn the lesson's mistakes from `pytest exercises/NN`.
        problems.append(
            "every visible check passed a mistake the lesson names; fix the visible "
            "checks, or say '# hidden-only: why' in the variant's header"
        )
    return problems
