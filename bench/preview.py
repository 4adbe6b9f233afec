"""Preview benchmark: `planner generate` then `planner preview` on the demo and on a 2,000-resource plan.

The inputs are made first and not timed against a target: the demo footprint
is seeded into the demo's emulator and scanned (planner.demo), the synthetic
one is generated (bench.synthetic); both are planned with build_plan for each
target. Then the two commands run as the user runs them, each in its own
process, and `planner preview` is the figure with the target.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from bench.process import PYTHON, WorkerFailed, bench_env, python_module, run_measured
from bench.report import Results, Row, RunOptions, Target
from bench.synthetic import write_inventory

PLAN_TARGETS = ("gcp", "aws")
SYNTHETIC_SIZE = 2000
TARGETS: dict[str, Target] = {"demo": Target(15.0, strict=True), f"{SYNTHETIC_SIZE}": Target(90.0, strict=True)}
MIB = 1024 * 1024
PREVIEW_TIME_LIMIT_S = 600


def run(results: Results, sizes: tuple[int, ...], options: RunOptions) -> None:
    """`sizes` other than the 2,000 of the target add synthetic cases of those sizes."""
    details: dict[str, Any] = results.details.setdefault("preview", {})
    planner_script = str(Path(PYTHON).with_name("planner"))
    with tempfile.TemporaryDirectory(prefix="planner-bench-preview-") as scratch:
        folder = Path(scratch)
        inventories = _inventories(results, folder, sizes)
        for case, inventory_path in inventories.items():
            for target in PLAN_TARGETS:
                entry = details.setdefault(f"{case}-{target}", {})
                _measure_case(results, entry, planner_script, folder, case, inventory_path, target)


def _inventories(results: Results, folder: Path, sizes: tuple[int, ...]) -> dict[str, Path]:
    inventories: dict[str, Path] = {}
    demo_path = folder / "demo-inventory.json"
    try:
        demo = run_measured(python_module("bench.worker", "demo-inventory", "--out", str(demo_path)), env=bench_env())
        report = demo.last_json()
        results.details.setdefault("preview", {})["demo-inventory"] = {**report, "child_wall_s": demo.wall_s}
        inventories["demo"] = demo_path
    except WorkerFailed as failure:
        results.add(Row("preview", "preview demo: inventory of the demo footprint", None, note=str(failure)[:200]))
    for size in sizes:
        path = folder / f"inventory-{size}.json"
        # Without provider defaults: planning skips the default VPC and security group, and the stacks
        # cannot yet build items that refer to skipped ones (reported in bench/README.md).
        write_inventory(path, size, provider_defaults=False)
        inventories[str(size)] = path
    return inventories


def _measure_case(results: Results, entry: dict[str, Any], planner_script: str, folder: Path, case: str, inventory_path: Path, target: str) -> None:
    label = f"preview {case if case == 'demo' else case + ' resources'} -> {target}"
    plan_path, project = folder / f"plan-{case}-{target}.json", folder / f"project-{case}-{target}"
    try:
        planned = run_measured(python_module("bench.worker", "plan", "--inventory", str(inventory_path), "--target", target, "--out", str(plan_path)), env=bench_env())
        entry["plan"] = planned.last_json()
    except WorkerFailed as failure:
        results.add(Row("preview", label, None, note=f"plan: {str(failure)[:200]}"))
        return
    generated = run_measured([planner_script, "generate", str(plan_path), "--out", str(project)], env=bench_env())
    entry["generate"] = {"wall_s": generated.wall_s, "returncode": generated.returncode, "max_rss_mib": generated.max_rss_bytes / MIB}
    if generated.returncode != 0:
        results.add(Row("preview", label, None, note=f"generate exited {generated.returncode}: {_last_line(generated.stderr)}"))
        return
    previewed = run_measured([planner_script, "preview", str(project)], env=bench_env(), timeout_s=PREVIEW_TIME_LIMIT_S)
    resources = _created_count(previewed.stdout)
    entry["preview"] = {"wall_s": previewed.wall_s, "cpu_s": previewed.cpu_s, "returncode": previewed.returncode, "max_rss_mib": previewed.max_rss_bytes / MIB, "resources": resources}
    if previewed.timed_out:
        results.add(Row("preview", label, previewed.wall_s, "s", TARGETS.get(case), note=f"at least: stopped after {previewed.wall_s:.0f} s"))
        return
    if previewed.returncode != 0:
        results.add(Row("preview", label, None, note=f"preview exited {previewed.returncode}: {_last_line(previewed.stderr or previewed.stdout)}"))
        return
    items = entry["plan"]["items"]
    note = f"{items} plan items, {resources or '?'} Pulumi resources, peak {previewed.max_rss_bytes / MIB:.0f} MiB; generate {generated.wall_s:.1f} s"
    results.add(Row("preview", label, previewed.wall_s, "s", TARGETS.get(case), note=note))


def _created_count(output: str) -> int | None:
    """The resource count `planner preview` prints (`... N resources ...` on its summary line), if found."""
    import re

    counts = [int(match) for match in re.findall(r"(\d+) resources", output)]
    return max(counts) if counts else None


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:200] if lines else "(no output)"
