"""Runs hostile programs through the harness in the mode ``auto`` picks, and prints
what each returned as JSON: for tests that start it in a situation of their own
(root without CAP_SYS_ADMIN under capsh, a system Python)."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from grader.harness import Limits, call_function  # noqa: E402
from grader.harness.sandbox import Policy  # noqa: E402

HOSTILE = Path(__file__).resolve().parent / "hostile"


def main():
    cases, hide = json.loads(sys.argv[1]), tuple(json.loads(sys.argv[2]))
    policy = Policy.from_env(hide=hide)
    results = []
    for name, args in cases:
        obs = call_function(
            HOSTILE / f"{name}.py",
            "main",
            args,
            limits=Limits(timeout=10),
            sandbox=policy,
        )
        results.append(
            {
                "mode": obs.sandbox,
                "status": obs.call.status,
                "value": obs.call.value,
                "left_running": obs.left_running,
                "stop_reason": obs.stop_reason,
            }
        )
    print(json.dumps(results))


if __name__ == "__main__":
    main()
