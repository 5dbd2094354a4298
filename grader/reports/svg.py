"""The timeline of a failed check as an inline SVG (for feedback.html).

Drawn from :func:`grader.timeline.picture`: one bar per process or thread, marks
for joins and terminations, and a tick for every output line at its arrival time.
"""

from __future__ import annotations

from html import escape

WIDTH, LEFT, ROW, TOP = 640, 150, 22, 28
COLOURS = {
    "main": "#1f4e79",
    "child": "#2e8b57",
    "helper": "#999999",
    "thread": "#b8860b",
}


def timeline_svg(picture: dict | None) -> str:
    if not picture or not (picture.get("rows") or picture.get("lines")):
        return ""
    span = max(picture["span"], 0.001)
    plot = WIDTH - LEFT - 20

    def x(t: float) -> float:
        return round(LEFT + max(0.0, min(t, span)) / span * plot, 1)

    rows = picture["rows"]
    height = TOP + ROW * (len(rows) + 1) + 20
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="{WIDTH}" '
        f'height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" '
        'aria-label="timeline of your processes">',
        "<style>text{font:11px sans-serif}</style>",
    ]
    for i in range(5):
        t = span * i / 4
        out.append(
            f'<line x1="{x(t)}" y1="{TOP - 8}" x2="{x(t)}" y2="{height - 16}" '
            'stroke="#ddd"/>'
            f'<text x="{x(t)}" y="{TOP - 12}" text-anchor="middle">{t:.2f}s</text>'
        )
    for i, row in enumerate(rows):
        y = TOP + i * ROW
        colour = COLOURS.get(row["kind"], "#555")
        label = escape(f'{row["kind"]} {row["label"]}')
        width = max(2.0, x(row["end"]) - x(row["start"]))
        out.append(f'<text x="4" y="{y + 12}">{label[:26]}</text>')
        out.append(
            f'<rect x="{x(row["start"])}" y="{y + 3}" width="{width}" height="12" '
            f'rx="2" fill="{colour}"><title>{label}: {row["start"]:.3f}s to '
            f'{row["end"]:.3f}s</title></rect>'
        )
        for t, mark in row["marks"]:
            out.append(
                f'<text x="{x(t)}" y="{y + 13}" fill="#c00" font-weight="bold" '
                f'text-anchor="middle">{escape(mark)}</text>'
            )
    y = TOP + len(rows) * ROW
    out.append(f'<text x="4" y="{y + 12}">output</text>')
    for n, line in enumerate(picture["lines"], 1):
        out.append(
            f'<line x1="{x(line["t"])}" y1="{y + 2}" x2="{x(line["t"])}" '
            f'y2="{y + 16}" stroke="#333" stroke-width="2"><title>{n}: '
            f'{line["t"]:.3f}s {escape(line["text"])}</title></line>'
        )
    out.append("</svg>")
    return "".join(out)
