"""The variant corpus: student programs in tests/variants/NN/, each declaring in its
header what the checks must say about it.

    # expect: pass                       every visible and hidden check passes
    # expect-fail: test_a, test_b        these checks fail (others may too)
    # expect-message: did you join       ...and the first of them says this
    # hidden-only: hard-codes the visible durations
                                         a wrong program the visible checks may
                                         pass, and why (otherwise a visible check
                                         must fail it: the lesson names it)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent / "variants"


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


def load_variants() -> list[Variant]:
    found = []
    for path in sorted(HERE.glob("*/*.py")):
        head = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
        passes = re.search(r"^# expect: pass\s*$", head, re.M) is not None
        fail = re.search(r"^# expect-fail: (.+)$", head, re.M)
        message = re.search(r"^# expect-message: (.+)$", head, re.M)
        hidden_only = re.search(r"^# hidden-only: (.+)$", head, re.M)
        if passes == bool(fail):
            raise ValueError(
                f"{path}: needs exactly one of '# expect: pass' and "
                "'# expect-fail: ...' in its header"
            )
        must_fail = tuple(n.strip() for n in fail.group(1).split(",")) if fail else ()
        found.append(
            Variant(
                path.parent.name,
                path,
                passes,
                must_fail,
                message.group(1).strip() if message else None,
                hidden_only.group(1).strip() if hidden_only else None,
            )
        )
    return found
