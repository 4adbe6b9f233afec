"""Inventory benchmark: the planner's scan against the sequential boto3 baseline, on moto.

Per footprint size: a fresh moto server (a subprocess, behind the counting and
latency middleware) is seeded once; then, for each added latency, the
baseline and the planner each scan it in their own child process. The server
counts the requests; the child reports its scan's wall time and CPU seconds;
os.wait4 gives its peak RSS.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from bench import footprint
from bench.moto_server import RemoteControl, server_subprocess
from bench.process import Profiling, WorkerFailed, bench_env, python_module, run_measured
from bench.report import Results, Row, RunOptions, Target, ratio_of

DEFAULT_SIZES = (100, 1000, 10000)
QUICK_SIZES = (100, 1000)
LATENCIES_MS = (0, 50)
TARGET_SIZE = 1000
CONCURRENCY = 16
REPEATS, REPEAT_UP_TO = 3, 1000  # best of 3 up to 1,000 resources; bigger footprints run once
# The targets, on the 1,000-resource footprint over 3 regions.
TARGETS: dict[tuple[int, str], Target] = {
    (50, "wall"): Target(0.4, "ratio"),
    (50, "requests"): Target(1.3, "ratio"),
    (0, "wall"): Target(1.3, "ratio"),
}
MIB = 1024 * 1024


@dataclass(frozen=True)
class ScanRun:
    wall_s: float
    cpu_s: float
    max_rss_mib: float
    requests: int
    resources: int
    report: dict[str, Any]
    server_by_service: dict[str, int]
    server_cpu_s: float


def run(results: Results, sizes: tuple[int, ...], options: RunOptions) -> None:
    details: dict[str, Any] = results.details.setdefault("inventory", {})
    for size in sizes:
        repeats = options.repeats(REPEATS if size <= REPEAT_UP_TO else 1)
        with server_subprocess() as server:
            started = time.perf_counter()
            seeded = footprint.seed_footprint(server.endpoint_url, size)
            details[str(size)] = {"seeded": seeded.seeded, "seed_s": round(time.perf_counter() - started, 2)}
            for latency_ms in LATENCIES_MS:
                _measure_pair(results, details[str(size)], server, size, latency_ms, repeats)


def _measure_pair(results: Results, details: dict[str, Any], server: RemoteControl, size: int, latency_ms: int, repeats: int) -> None:
    """Baseline and planner scans, interleaved `repeats` times; each side's fastest run is reported."""
    label = f"inventory {size} @{latency_ms}ms" + (f" (best of {repeats})" if repeats > 1 else "")
    server.set_latency_ms(latency_ms)
    runs: dict[str, list[ScanRun]] = {"baseline": [], "planner": []}
    try:
        for repeat in range(repeats):
            for side in runs:
                runs[side].append(_scan(server, f"scan-{side}", f"inventory-{size}-{latency_ms}ms-{side}-{repeat}"))
    except WorkerFailed as failure:
        results.add(Row("inventory", f"{label}: scan", None, note=str(failure)[:160]))
        return
    baseline, planner = (min(runs[side], key=lambda scan: scan.wall_s) for side in ("baseline", "planner"))
    details[f"{latency_ms}ms"] = {
        "baseline": baseline.__dict__,
        "planner": planner.__dict__,
        "walls_s": {side: [round(scan.wall_s, 3) for scan in scans] for side, scans in runs.items()},
    }
    target = (lambda figure: TARGETS.get((latency_ms, figure))) if size == TARGET_SIZE else (lambda figure: None)
    errors = planner.report.get("errors", [])
    results.add(Row("inventory", f"{label}: wall", planner.wall_s, "s", target("wall"), ratio_of(planner.wall_s, baseline.wall_s), baseline.wall_s))
    results.add(Row("inventory", f"{label}: requests", planner.requests, "", target("requests"), ratio_of(planner.requests, baseline.requests), baseline.requests))
    results.add(Row("inventory", f"{label}: client CPU", planner.cpu_s, "s", None, ratio_of(planner.cpu_s, baseline.cpu_s), baseline.cpu_s))
    results.add(Row("inventory", f"{label}: server CPU", planner.server_cpu_s, "s", None, ratio_of(planner.server_cpu_s, baseline.server_cpu_s), baseline.server_cpu_s, note="moto's CPU serving the scan"))
    results.add(Row("inventory", f"{label}: peak RSS", planner.max_rss_mib, "MiB", None, ratio_of(planner.max_rss_mib, baseline.max_rss_mib), baseline.max_rss_mib))
    note = f"{len(errors)} scan errors: {errors[0]}" if errors else ""
    results.add(Row("inventory", f"{label}: resources found", planner.resources, "", None, ratio_of(planner.resources, baseline.resources), baseline.resources, note=note))


def _scan(server: RemoteControl, job: str, label: str) -> ScanRun:
    regions = ",".join(footprint.REGIONS)
    server.reset()
    cpu_before = server.stats()["server_cpu_s"]
    measured = run_measured(
        python_module("bench.worker", job, "--endpoint", server.endpoint_url, "--regions", regions, "--concurrency", str(CONCURRENCY), *Profiling.args(label)),
        env=bench_env(),
    )
    report = measured.last_json()
    stats = server.stats()
    return ScanRun(
        wall_s=report["wall_s"],
        cpu_s=report["cpu_s"],
        max_rss_mib=measured.max_rss_bytes / MIB,
        requests=stats["requests"],
        resources=report["resources"],
        report=report,
        server_by_service=stats["by_service"],
        server_cpu_s=stats["server_cpu_s"] - cpu_before,
    )
