"""Planning and estimating benchmark: build_plan and estimate_plan on 1k, 10k and 100k resources.

Each job runs in its own child process (bench.worker) so its peak RSS is
clean: the child loads the synthetic inventory (or the plan) the way the
command does, then the function under test is timed alone; the row for the
whole `planner plan` job (load + build + write) is given too.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from bench.process import Profiling, WorkerFailed, bench_env, python_module, run_measured
from bench.report import Results, Row, RunOptions, Target
from bench.synthetic import write_inventory

DEFAULT_SIZES = (1000, 10000, 100000)
QUICK_SIZES = (1000, 10000)
PLAN_TARGETS = ("gcp", "aws")
TARGET_SIZE = 100000
SCALING_FROM, SCALING_TO = 10000, 100000
TIME_TARGET = Target(10.0, strict=True)
MEMORY_TARGET = Target(1024.0, strict=True)  # MiB
SCALING_TARGET = Target(11.0)
JOB_TIME_LIMIT_S = 300  # 30x the target: enough to say by how much a job misses without stalling the run
MIB = 1024 * 1024


def run(results: Results, sizes: tuple[int, ...], options: RunOptions) -> None:
    details: dict[str, Any] = results.details.setdefault("planning", {})
    timings: dict[tuple[str, str, int], float] = {}  # (stage, target, size) -> seconds
    with tempfile.TemporaryDirectory(prefix="planner-bench-") as scratch:
        folder = Path(scratch)
        for size in sizes:
            inventory_path = folder / f"inventory-{size}.json"
            resources = write_inventory(inventory_path, size)
            for target in PLAN_TARGETS:
                entry = details.setdefault(f"{size}-{target}", {"resources": resources})
                _measure_size(results, entry, timings, inventory_path, folder / f"plan-{size}-{target}.json", size, resources, target)
            inventory_path.unlink()
    _scaling_rows(results, timings)


def _measure_size(
    results: Results, entry: dict[str, Any], timings: dict[tuple[str, str, int], float], inventory_path: Path, plan_path: Path, size: int, resources: int, target: str
) -> None:
    at_target = size == TARGET_SIZE
    label = f"{size} resources -> {target}"
    command = python_module("bench.worker", "plan", "--inventory", str(inventory_path), "--target", target, "--out", str(plan_path), *Profiling.args(f"plan-{size}-{target}"))
    try:
        plan_run = run_measured(command, env=bench_env(), timeout_s=JOB_TIME_LIMIT_S)
        plan_report = plan_run.last_json()
    except WorkerFailed as failure:
        _failed_row(results, f"plan {label}: build_plan", failure, TIME_TARGET if at_target else None)
        if failure.measured.timed_out:
            timings[("plan", target, size)] = failure.measured.wall_s
            entry["plan"] = {"timed_out_after_s": failure.measured.wall_s, "max_rss_mib": failure.measured.max_rss_bytes / MIB}
        results.add(Row("planning", f"estimate {label}: estimate_plan", None, note="no plan to estimate: build_plan did not finish"))
        return
    entry["plan"] = {**plan_report, "child_wall_s": plan_run.wall_s, "child_cpu_s": plan_run.cpu_s, "max_rss_mib": plan_run.max_rss_bytes / MIB}
    timings[("plan", target, size)] = plan_report["build_s"]
    job_s = plan_report["load_s"] + plan_report["build_s"] + plan_report["write_s"]
    phases = f"load {plan_report['load_s']:.2f} s, write {plan_report['write_s']:.2f} s"
    results.add(Row("planning", f"plan {label}: build_plan", plan_report["build_s"], "s", TIME_TARGET if at_target else None, note=_items_note(plan_report)))
    results.add(Row("planning", f"plan {label}: load+build+write", job_s, "s", TIME_TARGET if at_target else None, note=phases))
    results.add(Row("planning", f"plan {label}: peak RSS", plan_run.max_rss_bytes / MIB, "MiB", MEMORY_TARGET if at_target else None))
    try:
        estimate_run = run_measured(python_module("bench.worker", "estimate", "--plan", str(plan_path), *Profiling.args(f"estimate-{size}-{target}")), env=bench_env(), timeout_s=JOB_TIME_LIMIT_S)
        estimate_report = estimate_run.last_json()
    except WorkerFailed as failure:
        _failed_row(results, f"estimate {label}: estimate_plan", failure, TIME_TARGET if at_target else None)
        return
    finally:
        plan_path.unlink(missing_ok=True)
    entry["estimate"] = {**estimate_report, "child_wall_s": estimate_run.wall_s, "child_cpu_s": estimate_run.cpu_s, "max_rss_mib": estimate_run.max_rss_bytes / MIB}
    timings[("estimate", target, size)] = estimate_report["estimate_s"]
    results.add(Row("planning", f"estimate {label}: estimate_plan", estimate_report["estimate_s"], "s", TIME_TARGET if at_target else None))
    results.add(Row("planning", f"estimate {label}: load+estimate", estimate_report["load_s"] + estimate_report["estimate_s"], "s", TIME_TARGET if at_target else None, note=f"load {estimate_report['load_s']:.2f} s"))
    results.add(Row("planning", f"estimate {label}: peak RSS", estimate_run.max_rss_bytes / MIB, "MiB", MEMORY_TARGET if at_target else None))


def _failed_row(results: Results, figure: str, failure: WorkerFailed, target: Target | None) -> None:
    """A job that overran the time limit is a miss with its time as a lower bound; any other failure could not run."""
    if failure.measured.timed_out:
        results.add(Row("planning", figure, failure.measured.wall_s, "s", target, note=f"at least: {failure}"))
    else:
        results.add(Row("planning", figure, None, note=str(failure)[:200]))


def _items_note(plan_report: dict[str, Any]) -> str:
    statuses = ", ".join(f"{count} {status}" for status, count in sorted(plan_report["statuses"].items()))
    return f"{plan_report['items']} items: {statuses}"


def _scaling_rows(results: Results, timings: dict[tuple[str, str, int], float]) -> None:
    for stage in ("plan", "estimate"):
        for target in PLAN_TARGETS:
            small, large = timings.get((stage, target, SCALING_FROM)), timings.get((stage, target, SCALING_TO))
            if small is None or large is None:
                continue
            function = "build_plan" if stage == "plan" else "estimate_plan"
            bound = "at least " if large >= JOB_TIME_LIMIT_S else ""
            results.add(Row("planning", f"{function} -> {target}: scaling 10k -> 100k", large / small, "x", SCALING_TARGET, note=f"{bound}{small:.2f} s -> {large:.2f} s"))
