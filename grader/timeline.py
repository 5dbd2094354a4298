"""A text picture of one observation: who lived when, and when each line arrived.

    seconds  0.0         0.5         1.0         1.5
    main     ═══════════════════════════════════J═J══┤   pid 101
    child    ├────────────────────────────────┤          pid 102 sleepy_man
    child     ├───────────────────────────────┤          pid 103 sleepy_man
    output    12                               34  5

Process bars come from the supervisor (the kernel's start time, the last time the
process was seen running); J marks a join that returned, x a terminate or kill, as
the program's instrumentation reported them (a: a join multiprocessing did by itself
at exit). Output marks are arrival times.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .harness.observation import LIBRARY_THREADS, Observation

MARKS = "123456789abcdefghijklmnopqrstuvwxyz"


@dataclass
class Row:
    kind: str  # main | child | helper | thread
    label: str
    start: float
    end: float
    body: str
    marks: list[tuple[float, str]]


def rows(obs: Observation) -> list[Row]:
    """The rows of the picture, as data (the HTML report draws the same rows)."""
    targets = {w.pid: _short(w.target) for w in obs.workers()}
    children = {p.pid for p in obs.children()}
    joins: dict[int, list[tuple[float, str]]] = {}
    for e in obs.events_of("join_end"):
        joins.setdefault(e.pid, []).append((e.t, "a" if e.data.get("auto") else "J"))
    for e in obs.events_of("terminate", "kill"):
        joins.setdefault(e.pid, []).append((e.t, "x"))
    result = []
    for p in sorted(obs.processes, key=lambda p: (p.pid != obs.main_pid, p.start)):
        if p.pid == obs.main_pid:
            kind, body = "main", "═"
        elif p.pid in children:
            kind, body = "child", "─"
        else:
            kind, body = "helper", "·"
        label = f"pid {p.pid}"
        if p.pid in targets:
            label += f" {targets[p.pid]}"
        if p.cpu >= 0.05:  # CPU-bound lessons (06) are judged on it: show it
            label += f" ({p.cpu:.2f}s cpu)"
        result.append(Row(kind, label, p.start, p.end, body, joins.get(p.pid, [])))
    threads: dict[tuple[int, int], list[float]] = {}
    names: dict[tuple[int, int], str] = {}
    for e in obs.events_of("thread_run", "thread_exit"):
        key = (e.pid, e.data.get("thread"))
        threads.setdefault(key, []).append(e.t)
        if e.ev == "thread_run":
            names[key] = e.data.get("target") or ""
    for key, times in threads.items():
        # Judged on the full name ("multiprocessing.queues.Queue._feed"): the
        # short one no longer says whose thread it is.
        if names.get(key, "").startswith(LIBRARY_THREADS):
            continue  # queue feeders, pool handlers, a Manager's server: plumbing
        label = f"in pid {key[0]} {_short(names.get(key, ''))}".rstrip()
        end = max(times) if len(times) > 1 else obs.wall_time
        result.append(Row("thread", label, min(times), end, "┄", []))
    return result


def picture(obs: Observation, max_lines: int = 16) -> dict:
    """The timeline as plain data (for the HTML feedback's SVG): rows and lines."""
    return {
        "span": max(
            [obs.wall_time, 0.001]
            + [line.t for line in obs.lines[:max_lines]]
            + [p.end for p in obs.processes]
        ),
        "rows": [asdict(row) for row in rows(obs)],
        "lines": [
            {"t": line.t, "stream": line.stream, "text": _clip(line.text, 120)}
            for line in obs.lines[:max_lines]
        ],
        "more_lines": max(0, len(obs.lines) - max_lines),
    }


def render(obs: Observation, width: int = 48, max_lines: int = 16) -> str:
    if not obs.processes and not obs.lines:
        return "(nothing was observed: the program did not start or was stopped)"
    span = max(
        [obs.wall_time, 0.001]
        + [line.t for line in obs.lines]
        + [p.end for p in obs.processes]
    )
    scale = (width - 5) / span  # room on the right for marks that arrive together

    def col(t: float) -> int:
        return min(width - 1, max(0, round(t * scale)))

    out = [_axis(span, width, col)]
    for row in rows(obs):
        cells = [" "] * width
        a, b = col(row.start), col(row.end)
        for i in range(a, b + 1):
            cells[i] = row.body
        if row.kind != "main":
            cells[a] = "├"
        cells[b] = "┤"
        for t, mark in row.marks:
            cells[col(t)] = mark
        out.append(f"  {row.kind:<8} {''.join(cells)}  {row.label}")
    drawn = {row.kind for row in rows(obs)}
    shown = obs.lines[:max_lines]
    cells = [" "] * width
    for i, line in enumerate(shown):
        # Lines that arrive together sit side by side, in arrival order.
        c = col(line.t)
        free = [j for j in range(c, min(width, c + 4)) if cells[j] == " "]
        mark = MARKS[i] if i < len(MARKS) else "*"
        if free:
            cells[free[0]] = mark
        else:
            cells[c] = "*"
    out.append(f"  {'output':<8} {''.join(cells)}")
    out.append("")
    for i, line in enumerate(shown):
        mark = MARKS[i] if i < len(MARKS) else "*"
        err = " (stderr)" if line.stream == "stderr" else ""
        out.append(f"  {mark}  {line.t:7.3f}s  {_clip(line.text)}{err}")
    if len(obs.lines) > max_lines:
        out.append(f"     ... {len(obs.lines) - max_lines} more lines")
    legend = "  ═ the program  ─ a child process  ┄ a thread  ├ started  ┤ ended"
    legend += "  J join returned  a joined at exit, not by you  x terminate/kill"
    if "helper" in drawn:
        legend += "  · multiprocessing's own helper (forkserver, resource tracker)"
    if "*" in cells:
        legend += "  * lines that arrived together"
    out.append(legend)
    return "\n".join(out)


def _axis(span: float, width: int, col) -> str:
    step = _nice_step(span / 4)
    cells = [" "] * (width + 6)
    t = 0.0
    while t <= span + 1e-9:
        text = f"{t:g}"
        c = col(t)
        if all(ch == " " for ch in cells[c : c + len(text) + 1]):
            cells[c : c + len(text)] = text
        t += step
    return f"  {'seconds':<8} {''.join(cells).rstrip()}"


def _nice_step(raw: float) -> float:
    for step in (0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60):
        if step >= raw:
            return step
    return 120


def _short(name: str) -> str:
    """'sleepy.sleepy_man' -> 'sleepy_man'; keep 'Sleeper.run' readable."""
    parts = name.split(".")
    return ".".join(parts[-2:]) if parts[-1] == "run" else parts[-1]


def _clip(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
