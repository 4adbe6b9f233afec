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
from providers.aws.inventory.limits import LimitKey, floor_seconds

DEFAULT_SIZES = (100, 1000, 10000)  # 50,000 (`--sizes 50k`): about 4 minutes of seeding and a long scan
QUICK_SIZES = (100, 1000)
LATENCIES_MS = (0, 50)
THROTTLED_LATENCY_MS = 50
THROTTLED_FROM_SIZE = 10000  # footprints this big also get a planner scan with the throttling front on
CONCURRENCY = 16
REPEATS, REPEAT_UP_TO = 3, 1000  # best of 3 up to 1,000 resources; bigger footprints run once
# The issues' targets per (size, latency, figure), over 3 regions (issue 2 at 1,000, issue 15 at 10,000 and 50,000).
# "requests": against the baseline's requests (its list calls only); "floor": wall against the floor.
TARGETS: dict[tuple[int, str, str], Target] = {
    (1000, "50", "wall"): Target(0.4, "ratio"),
    (1000, "50", "requests"): Target(1.3, "ratio"),
    (1000, "0", "wall"): Target(1.3, "ratio"),
    (10000, "50", "wall"): Target(0.35, "ratio"),
    (10000, "50", "floor"): Target(1.5, "ratio"),
    (10000, "50", "requests"): Target(5.0, "ratio"),
    (10000, "50 throttled", "floor"): Target(1.5, "ratio"),
    (50000, "50 throttled", "floor"): Target(1.5, "ratio"),
    (50000, "50 throttled", "lost"): Target(0.0),
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
    passed_by_bucket: dict[str, int]
    throttled: int
    server_cpu_by_operation: dict[str, float]

    @property
    def floor(self) -> tuple[float, LimitKey | None]:
        """The floor of the requests this scan sent: its busiest rate bucket over that bucket's refill rate."""
        by_key = {tuple(key.split("|")): count for key, count in self.passed_by_bucket.items()}
        return floor_seconds(by_key)  # type: ignore[arg-type]


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
            if size >= THROTTLED_FROM_SIZE:
                _measure_throttled(results, details[str(size)], server, size)


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
    def target(figure: str) -> Target | None:
        return TARGETS.get((size, str(latency_ms), figure))

    errors = planner.report.get("errors", [])
    results.add(Row("inventory", f"{label}: wall", planner.wall_s, "s", target("wall"), ratio_of(planner.wall_s, baseline.wall_s), baseline.wall_s))
    results.add(Row("inventory", f"{label}: requests", planner.requests, "", target("requests"), ratio_of(planner.requests, baseline.requests), baseline.requests))
    results.add(Row("inventory", f"{label}: client CPU", planner.cpu_s, "s", None, ratio_of(planner.cpu_s, baseline.cpu_s), baseline.cpu_s))
    results.add(Row("inventory", f"{label}: server CPU", planner.server_cpu_s, "s", None, ratio_of(planner.server_cpu_s, baseline.server_cpu_s), baseline.server_cpu_s, note="moto's CPU serving the scan"))
    results.add(Row("inventory", f"{label}: peak RSS", planner.max_rss_mib, "MiB", None, ratio_of(planner.max_rss_mib, baseline.max_rss_mib), baseline.max_rss_mib))
    note = f"{len(errors)} scan errors: {errors[0]}" if errors else ""
    results.add(Row("inventory", f"{label}: resources found", planner.resources, "", None, ratio_of(planner.resources, baseline.resources), baseline.resources, note=note))
    _floor_row(results, label, planner, target("floor"))


def _floor_row(results: Results, label: str, scan: ScanRun, target: Target | None) -> None:
    floor_s, busiest = scan.floor
    note = f"floor {floor_s:.2f} s: {'/'.join(busiest)} ({scan.throttled} requests throttled)" if busiest else ""
    results.add(Row("inventory", f"{label}: wall vs floor", scan.wall_s, "s", target, ratio_of(scan.wall_s, floor_s), floor_s, note=note))


def _measure_throttled(results: Results, details: dict[str, Any], server: RemoteControl, size: int) -> None:
    """The planner alone with the throttling front on (AWS's rates, bench/throttle.py): wall against the floor, and
    the resources it found against the unthrottled scan's."""
    label = f"inventory {size} @{THROTTLED_LATENCY_MS}ms throttled"
    server.set_latency_ms(THROTTLED_LATENCY_MS)
    server.set_throttling(True)
    try:
        scan = _scan(server, "scan-planner", f"inventory-{size}-throttled-planner")
    except WorkerFailed as failure:
        results.add(Row("inventory", f"{label}: scan", None, note=str(failure)[:160]))
        return
    finally:
        server.set_throttling(False)
    details["throttled"] = {"planner": scan.__dict__, "floor_s": scan.floor[0]}
    unthrottled = details.get(f"{THROTTLED_LATENCY_MS}ms", {}).get("planner", {}).get("resources")
    lost = max(0, unthrottled - scan.resources) if unthrottled is not None else None
    _floor_row(results, label, scan, TARGETS.get((size, f"{THROTTLED_LATENCY_MS} throttled", "floor")))
    results.add(Row("inventory", f"{label}: requests", scan.requests, "", None, note=f"{scan.throttled} throttled by the front"))
    results.add(Row("inventory", f"{label}: resources lost", lost, "", TARGETS.get((size, f"{THROTTLED_LATENCY_MS} throttled", "lost")),
                    note=f"{scan.resources} found vs {unthrottled} unthrottled; {len(scan.report.get('errors', []))} scan errors"))


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
        passed_by_bucket=stats.get("passed_by_bucket", {}),
        throttled=sum(stats.get("throttled_by_bucket", {}).values()),
        server_cpu_by_operation=stats.get("server_cpu_by_operation", {}),
    )
