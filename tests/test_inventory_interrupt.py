"""Ctrl-C during a scan, with a real subprocess and SIGINT against a slow moto (bench/moto_server.py's latency):
the scan stops at once, the previous output is left as it was, what was read goes to the side file, and
--resume continues from it to the same inventory as an uninterrupted scan. A second Ctrl-C exits at once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
import requests

from bench.moto_server import BenchServer, start_in_process

REPO = Path(__file__).resolve().parents[1]
REGIONS = ["us-east-1", "eu-west-1"]
STOP_WAIT_S = 20  # a bound for the test only; the time it took is printed (the contract is about a second)


@pytest.fixture
def slow_moto(fake_aws_credentials: None) -> Iterator[BenchServer]:
    server = start_in_process(latency_s=0.0)
    # moto's state is the test process's: forget what other tests' servers left in it.
    requests.post(f"{server.endpoint_url}/moto-api/reset", timeout=30).raise_for_status()
    try:
        for region in REGIONS:
            sqs = boto3.client("sqs", region_name=region, endpoint_url=server.endpoint_url)
            for index in range(3):
                sqs.create_queue(QueueName=f"jobs-{region}-{index}")
            boto3.client("sns", region_name=region, endpoint_url=server.endpoint_url).create_topic(Name=f"events-{region}")
        server.middleware.latency_s = 0.3
        yield server
    finally:
        server.stop()


def _start(server: BenchServer, out: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "planner", "inventory", "--endpoint-url", server.endpoint_url, "--regions",
         ",".join(REGIONS), "--out", str(out), *extra],
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _wait_for_requests(server: BenchServer, count: int) -> None:
    deadline = time.monotonic() + 60
    while server.middleware.requests < count:
        assert time.monotonic() < deadline, "the scan never started"
        time.sleep(0.05)


def _interrupt(process: subprocess.Popen[str], times: int = 1) -> tuple[int, float, str]:
    started = time.monotonic()
    for _ in range(times):
        process.send_signal(signal.SIGINT)
        time.sleep(0.05)
    _, stderr = process.communicate(timeout=STOP_WAIT_S)
    return process.returncode, time.monotonic() - started, stderr


def test_ctrl_c_keeps_the_previous_output_and_resume_finishes_the_scan(slow_moto: BenchServer, tmp_path: Path) -> None:
    out = tmp_path / "inventory.json"
    out.write_text('{"previous": true}\n')
    process = _start(slow_moto, out)
    _wait_for_requests(slow_moto, 80)
    code, seconds, stderr = _interrupt(process)
    print(f"stopped {seconds:.2f}s after SIGINT")
    assert code == 130, stderr
    assert out.read_text() == '{"previous": true}\n'
    side = tmp_path / "inventory.partial.json"
    partial = json.loads(side.read_text())
    assert partial["stats"]["stopped"] is True and "--resume" in stderr
    finished = partial["stats"].get("completed_jobs", [])

    slow_moto.middleware.latency_s = 0.0
    slow_moto.middleware.reset()
    resumed = _start(slow_moto, out, "--resume", str(side))
    resumed_out, resumed_err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, resumed_err + resumed_out
    resume_requests = slow_moto.middleware.requests
    slow_moto.middleware.reset()
    whole = tmp_path / "whole.json"
    full = _start(slow_moto, whole)
    assert full.wait(timeout=300) == 0
    assert finished and resume_requests < slow_moto.middleware.requests  # the finished jobs were not read again
    ids = sorted(resource["id"] for resource in json.loads(out.read_text())["resources"])
    assert ids == sorted(resource["id"] for resource in json.loads(whole.read_text())["resources"])
    assert len([resource for resource in ids if ":sqs:" in resource]) == 6
    assert "completed_jobs" not in json.loads(out.read_text())["stats"]


def test_a_second_ctrl_c_exits_at_once(slow_moto: BenchServer, tmp_path: Path) -> None:
    out = tmp_path / "inventory.json"
    out.write_text("previous\n")
    process = _start(slow_moto, out)
    _wait_for_requests(slow_moto, 10)
    code, seconds, _ = _interrupt(process, times=2)
    print(f"exited {seconds:.2f}s after the second SIGINT")
    assert code == 130
    assert out.read_text() == "previous\n"
