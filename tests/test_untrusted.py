"""The trusted side reads a run's files as the student may have left them: no
link followed, no FIFO waited on, no byte past the bound."""

import os

import pytest

from grader.harness.untrusted import Untrusted, read_bounded


@pytest.fixture
def run_dir(tmp_path):
    (tmp_path / "out").mkdir()
    return tmp_path


def test_a_regular_file_is_read_whole(run_dir):
    (run_dir / "out" / "result.json").write_bytes(b'{"status": "returned"}')
    assert read_bounded(run_dir, "out/result.json", 100) == b'{"status": "returned"}'


def test_a_missing_file_is_an_ordinary_oserror(run_dir):
    with pytest.raises(FileNotFoundError):
        read_bounded(run_dir, "out/result.json", 100)


def test_a_link_to_an_endless_device_is_refused(run_dir):
    os.symlink("/dev/zero", run_dir / "out" / "result.json")
    with pytest.raises(Untrusted):
        read_bounded(run_dir, "out/result.json", 100)


def test_a_folder_replaced_by_a_link_is_not_followed(run_dir, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("another-run")
    (elsewhere / "result.json").write_text('{"status": "returned", "value": 10}')
    (run_dir / "out").rmdir()
    os.symlink(elsewhere, run_dir / "out")
    with pytest.raises(Untrusted, match="not a folder of the run"):
        read_bounded(run_dir, "out/result.json", 100)


def test_a_fifo_is_refused_without_waiting_for_a_writer(run_dir):
    os.mkfifo(run_dir / "out" / "result.json")
    with pytest.raises(Untrusted, match="not a regular file"):
        read_bounded(run_dir, "out/result.json", 100)


def test_a_file_over_the_bound_is_refused_or_cut_as_asked(run_dir):
    (run_dir / "events.jsonl").write_bytes(b"x" * 101)
    with pytest.raises(Untrusted, match="over"):
        read_bounded(run_dir, "events.jsonl", 100)
    assert read_bounded(run_dir, "events.jsonl", 100, whole=False) == b"x" * 100
