"""A real Dask cluster on 127.0.0.1 for the tests and the benchmark: a scheduler and
workers started as separate processes (``python -m distributed.cli.dask_*``), each in
a process group of its own so that a test can kill one like a machine going away."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import distributed


class Cluster:
    """A scheduler and its workers on 127.0.0.1, each in a process group of its own."""

    def __init__(self, base: Path):
        self.base = base
        self.log = (base / "cluster.log").open("w")
        self.procs = []
        state = base / "scheduler.json"
        self.scheduler = self._start(
            "distributed.cli.dask_scheduler",
            "--host=127.0.0.1",
            "--port=0",
            "--no-dashboard",
            f"--scheduler-file={state}",
        )
        for _ in range(120):
            if state.exists() and state.stat().st_size:
                break
            time.sleep(0.25)
        self.address = json.loads(state.read_text())["address"]

    def _start(self, *args, env=None):
        proc = subprocess.Popen(
            [sys.executable, "-m", *args],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, **(env or {})},
        )
        self.procs.append(proc)
        return proc

    def add_workers(self, count: int, env=None) -> list[subprocess.Popen]:
        started = [
            self._start(
                "distributed.cli.dask_worker",
                self.address,
                "--host=127.0.0.1",
                "--nthreads=4",
                "--no-nanny",
                "--no-dashboard",
                env=env,
            )
            for _ in range(count)
        ]
        with distributed.Client(self.address, timeout="30s") as client:
            client.wait_for_workers(len(self.procs) - 1, timeout=120)
        return started

    def stop(self):
        for proc in self.procs:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
        self.log.close()
