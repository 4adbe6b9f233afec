"""Run a command in a child process and measure it: wall time, CPU seconds, peak RSS.

The child's resource usage comes from os.wait4. Linux carries the peak RSS of
the process that spawned a child into the child's own figure (exec keeps the
larger of the two), so a child spawned straight from the benchmark process
(hundreds of MiB after seeding moto) would report at least that much. Hence
the command runs under a small launcher (`python -m bench.process`, about
10 MiB) that spawns it, waits for it and writes its figures to a file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


@dataclass(frozen=True)
class Measured:
    command: list[str]
    returncode: int
    wall_s: float
    cpu_s: float  # user + system of the child
    max_rss_bytes: int
    stdout: str
    stderr: str
    timed_out: bool = False

    def last_json(self) -> dict[str, Any]:
        """The last line of stdout parsed as JSON: how workers report their in-process figures."""
        lines = [line for line in self.stdout.splitlines() if line.strip()]
        if self.returncode != 0 or not lines:
            raise WorkerFailed(self)
        return json.loads(lines[-1])


class WorkerFailed(RuntimeError):
    def __init__(self, measured: Measured) -> None:
        tail = (measured.stderr.strip().splitlines() or ["(no stderr)"])[-1]
        if measured.timed_out:
            message = f"stopped after {measured.wall_s:.0f} s (the benchmark's time limit)"
        else:
            message = f"{' '.join(measured.command[3:5])} exited {measured.returncode}: {tail}"
        super().__init__(message)
        self.measured = measured


def run_measured(command: list[str], env: dict[str, str] | None = None, timeout_s: float = 3600, cwd: Path = REPO_ROOT) -> Measured:
    """Run `command` to completion under the launcher; stdout and stderr go through temp files so no pipe can fill up."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err, tempfile.NamedTemporaryFile("r", suffix=".json") as report:
        launcher = [PYTHON, "-m", "bench.process", "--report", report.name, "--timeout", str(timeout_s), "--", *command]
        launcher_env = {**(env or os.environ), "PYTHONPATH": str(REPO_ROOT)}
        subprocess.run(launcher, stdout=out, stderr=err, env=launcher_env, cwd=cwd, text=True, check=False)
        figures = json.loads(report.read() or '{"returncode": -1, "wall_s": 0, "cpu_s": 0, "max_rss_bytes": 0, "timed_out": false}')
        out.seek(0)
        err.seek(0)
        return Measured(command=command, stdout=out.read(), stderr=err.read(), **figures)


def measure_here(command: list[str], timeout_s: float) -> dict[str, float | int]:
    """Spawn `command` from this (small) process, inheriting stdout/stderr, and return its figures."""
    started = time.perf_counter()
    process = subprocess.Popen(command)
    status, usage, timed_out = _wait_with_timeout(process, timeout_s)
    return {
        "timed_out": timed_out,
        "returncode": os.waitstatus_to_exitcode(status),
        "wall_s": time.perf_counter() - started,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "max_rss_bytes": usage.ru_maxrss * 1024,  # Linux reports KiB
    }


def _wait_with_timeout(process: subprocess.Popen[str], timeout_s: float) -> tuple[int, Any, bool]:
    """Block in os.wait4 (no polling: the launcher must not take CPU from the child); SIGALRM ends an overrun."""
    import signal

    killed: list[bool] = []

    def kill_child(signum: int, frame: Any) -> None:
        killed.append(True)
        process.kill()

    previous = signal.signal(signal.SIGALRM, kill_child)
    signal.alarm(max(1, int(timeout_s)))
    try:
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    process.returncode = os.waitstatus_to_exitcode(status)
    return status, usage, bool(killed)


def bench_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for children: dummy AWS credentials, no profile, no proxy for loopback."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}
    env.update(
        {
            "AWS_ACCESS_KEY_ID": "AKIABENCHBENCH000000",
            "AWS_SECRET_ACCESS_KEY": "bench-not-a-secret",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
            "AWS_EC2_METADATA_DISABLED": "true",
            "NO_PROXY": "127.0.0.1,localhost",
            "no_proxy": "127.0.0.1,localhost",
            "PYTHONPATH": str(REPO_ROOT),
        }
    )
    env.update(extra or {})
    return env


def python_module(module: str, *args: str) -> list[str]:
    return [PYTHON, "-m", module, *args]


class Profiling:
    """Where workers write their profiles when `python -m bench --profile DIR` asks for them."""

    directory: Path | None = None

    @classmethod
    def args(cls, label: str) -> list[str]:
        if cls.directory is None:
            return []
        cls.directory.mkdir(parents=True, exist_ok=True)
        safe = "".join(char if char.isalnum() or char in "-_." else "-" for char in label)
        return ["--profile", str(cls.directory / f"{safe}.txt")]


def main() -> None:
    """The launcher: python -m bench.process --report FILE [--timeout S] -- COMMAND..."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.process")
    parser.add_argument("--report", required=True)
    parser.add_argument("--timeout", type=float, default=3600)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    Path(args.report).write_text(json.dumps(measure_here(command, args.timeout)), encoding="utf-8")


if __name__ == "__main__":
    main()
