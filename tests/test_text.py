"""What the student controls reaches the TA's terminal and the feedback files with
every control sequence shown, never acted on."""

import json
import zipfile

from grader.cli import main
from grader.text import visible

RESET = "\x1bc"
CLIPBOARD = "\x1b]52;c;ZXZpbA==\x07"
TITLE = "\x1b]0;pwned\x07"


def test_control_characters_are_shown_as_escapes_and_lines_kept():
    assert visible(f"a{RESET}b\r\n\tc") == "a\\x1bcb\\r\n\tc"
    assert visible("abc\u202edef") == "abc\\u202edef"
    assert visible("plain text, café ✓") == "plain text, café ✓"


def test_a_folder_name_and_printed_sequences_reach_no_one_raw(tmp_path, capsys):
    subs = tmp_path / "subs"
    (subs / f"evil{RESET}").mkdir(parents=True)
    printer = (
        "import time\n"
        "def sleepy_man():\n"
        f"    print({CLIPBOARD + TITLE!r})\n"
        "def main():\n"
        f"    print({RESET!r} + 'Done in 0.1000 seconds')\n"
    )
    with zipfile.ZipFile(subs / "mallory.zip", "w") as zf:
        zf.writestr("exercises/03/sleepy.py", printer)
    out = tmp_path / "results"
    assert main(["grade", str(subs), "--out", str(out), "--exercise", "03"]) == 0
    captured = capsys.readouterr()
    for text in (
        captured.out,
        captured.err,
        (out / "mallory" / "feedback.md").read_text(),
        (out / "mallory" / "feedback.html").read_text(),
    ):
        assert "\x1b" not in text and "\x07" not in text
    assert "evil\\x1bc" in captured.out + captured.err
    assert "\\x1bc" in (out / "mallory" / "feedback.md").read_text()
    assert json.loads((out / "grades.json").read_text())["students"]
