"""What the benchmark children run, one job per process so peak RSS and CPU are the job's own.

    python -m bench.worker scan-planner  --endpoint URL --regions a,b,c [--concurrency 16]
    python -m bench.worker scan-baseline --endpoint URL --regions a,b,c
    python -m bench.worker plan     --inventory FILE --target gcp --out PLAN
    python -m bench.worker estimate --plan PLAN
    python -m bench.worker demo-inventory --out FILE

Each prints one JSON line last: the in-process timings of the job's phases
(the interpreter's start-up and imports are outside them) and what it found.
The parent adds the child's wall, CPU and peak RSS from os.wait4.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any


class OperationCounter:
    """Counts boto3 API calls by service and operation, in this process, whoever makes them."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self._lock = threading.Lock()

    def install(self) -> None:
        from botocore.client import BaseClient

        original = BaseClient._make_api_call  # noqa: SLF001 - the one place every call goes through
        counter = self

        def counting(client: Any, operation_name: str, api_params: dict[str, Any]) -> Any:
            with counter._lock:  # noqa: SLF001
                counter.counts[f"{client.meta.service_model.service_name}.{operation_name}"] += 1
            return original(client, operation_name, api_params)

        BaseClient._make_api_call = counting  # noqa: SLF001

    def top(self, limit: int = 25) -> dict[str, int]:
        return dict(self.counts.most_common(limit))


OPERATIONS = OperationCounter()


def scan_planner(args: argparse.Namespace) -> dict[str, Any]:
    from providers.aws.inventory import ScanOptions, scan_account

    options = ScanOptions(regions=args.regions.split(","), endpoint_url=args.endpoint, concurrency=args.concurrency)
    inventory, wall_s, cpu_s = _timed(lambda: scan_account(options))
    by_type = Counter(resource.key for resource in inventory.resources)
    return {
        "wall_s": wall_s,
        "cpu_s": cpu_s,
        "resources": len(inventory.resources),
        "by_type": dict(sorted(by_type.items())),
        "errors": [f"{error.region} {error.service} {error.operation} {error.code}" for error in inventory.errors],
        "client_requests": inventory.stats.api_requests,
        "budget_wait_s": inventory.stats.budget_wait_seconds,
        "operations": OPERATIONS.top(),
    }


def scan_baseline(args: argparse.Namespace) -> dict[str, Any]:
    import os

    from bench.baseline import list_account

    credentials = {"aws_access_key_id": os.environ["AWS_ACCESS_KEY_ID"], "aws_secret_access_key": os.environ["AWS_SECRET_ACCESS_KEY"]}
    counts, wall_s, cpu_s = _timed(lambda: list_account(args.endpoint, args.regions.split(","), credentials))
    return {"wall_s": wall_s, "cpu_s": cpu_s, "resources": sum(counts.values()), "by_type": dict(sorted(counts.items())), "operations": OPERATIONS.top()}


def plan(args: argparse.Namespace) -> dict[str, Any]:
    """What `planner plan` does: read and validate the inventory, build the plan, write it (validated)."""
    from planner.commands.plan import write_plan
    from planner.core.model.inventory import Inventory
    from planner.planning.engine import build_plan

    inventory, load_s, _ = _timed(lambda: Inventory.load(Path(args.inventory)))
    built, build_s, build_cpu_s = _timed(lambda: build_plan(inventory, args.target))
    _, write_s, _ = _timed(lambda: write_plan(built, Path(args.out)))
    statuses = Counter(item.status for item in built.items)
    return {"load_s": load_s, "build_s": build_s, "build_cpu_s": build_cpu_s, "write_s": write_s, "items": len(built.items), "statuses": dict(statuses)}


def estimate(args: argparse.Namespace) -> dict[str, Any]:
    """What `planner estimate` does before formatting: read the plan, estimate it."""
    from planner.core.model.plan import Plan
    from planner.estimation import estimate_plan

    loaded, load_s, _ = _timed(lambda: Plan.load(Path(args.plan)))
    _, estimate_s, estimate_cpu_s = _timed(lambda: estimate_plan(loaded))
    return {"load_s": load_s, "estimate_s": estimate_s, "estimate_cpu_s": estimate_cpu_s, "items": len(loaded.items)}


def demo_inventory(args: argparse.Namespace) -> dict[str, Any]:
    """The demo footprint (planner.demo) in its embedded emulator, scanned into an inventory file."""
    from planner.core.fileio import write_model_atomic
    from planner.demo.emulator import running_emulator
    from planner.demo.footprint import REGIONS
    from planner.demo.seed import seed_footprint
    from providers.aws.inventory import ScanOptions, scan_account

    with running_emulator() as emulator:
        seed = seed_footprint(emulator)  # running_emulator() already holds the demo's credentials
        inventory = scan_account(ScanOptions(regions=list(REGIONS), endpoint_url=emulator.endpoint_url, concurrency=args.concurrency))
    write_model_atomic(Path(args.out), inventory)
    return {"seeded": seed.total, "resources": len(inventory.resources), "errors": len(inventory.errors)}


def _timed(job: Callable[[], Any]) -> tuple[Any, float, float]:
    wall_started, cpu_started = time.perf_counter(), time.process_time()
    result = job()
    return result, time.perf_counter() - wall_started, time.process_time() - cpu_started


def _profiled_all_threads(args: argparse.Namespace) -> dict[str, Any]:
    import cProfile
    import io
    import pstats

    profiles: list[cProfile.Profile] = []
    original_run = threading.Thread.run

    def profiled_run(thread: threading.Thread) -> None:
        profile = cProfile.Profile(time.thread_time)
        profiles.append(profile)
        profile.runcall(original_run, thread)

    threading.Thread.run = profiled_run  # type: ignore[method-assign]
    main_profile = cProfile.Profile(time.thread_time)
    report = main_profile.runcall(JOBS[args.job], args)
    threading.Thread.run = original_run  # type: ignore[method-assign]
    stream = io.StringIO()
    merged = pstats.Stats(main_profile, stream=stream)
    for profile in profiles:
        merged.add(profile)
    merged.dump_stats(args.profile + ".prof")  # for pstats / snakeviz
    merged.sort_stats("tottime").print_stats(40)
    merged.sort_stats("cumulative").print_stats(60)
    Path(args.profile).write_text(stream.getvalue(), encoding="utf-8")
    return report


JOBS: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "scan-planner": scan_planner,
    "scan-baseline": scan_baseline,
    "plan": plan,
    "estimate": estimate,
    "demo-inventory": demo_inventory,
}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.worker")
    parser.add_argument("job", choices=sorted(JOBS))
    parser.add_argument("--endpoint")
    parser.add_argument("--regions", default="us-east-1")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--inventory")
    parser.add_argument("--target", default="gcp")
    parser.add_argument("--out")
    parser.add_argument("--plan")
    parser.add_argument("--profile", metavar="FILE", help="Profile the job with pyinstrument (text report to FILE, and FILE.html).")
    args = parser.parse_args()
    if args.job.startswith("scan"):
        OPERATIONS.install()
    if args.profile:
        print(json.dumps(_profiled(args)), flush=True)
    else:
        print(json.dumps(JOBS[args.job](args)), flush=True)


def _profiled(args: argparse.Namespace) -> dict[str, Any]:
    """pyinstrument for single-threaded jobs; for the scans (thread pools), cProfile in every thread, merged.

    The scan profiles count each thread's CPU time (time.thread_time), not wall
    time, so threads that wait on sockets or locks do not drown what costs CPU.
    """
    if args.job.startswith("scan"):
        return _profiled_all_threads(args)
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001, async_mode="disabled")
    profiler.start()
    try:
        report = JOBS[args.job](args)
    finally:
        profiler.stop()
    Path(args.profile).write_text(profiler.output_text(unicode=False, color=False, show_all=False), encoding="utf-8")
    Path(args.profile + ".html").write_text(profiler.output_html(), encoding="utf-8")
    return report


if __name__ == "__main__":
    main()
