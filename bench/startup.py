"""CLI start-up: wall time of `planner --help` and `planner inventory --help`, and what they import.

Wall time is the best of N runs of the installed console script (the minimum
is the least disturbed by other load on a shared machine); the in-run
baseline is the same interpreter doing nothing (`python -c pass`). The heavy
modules each command imports come from sys.modules after it ran, and the
biggest import costs from `python -X importtime`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bench.process import PYTHON, REPO_ROOT, bench_env, run_measured
from bench.report import Results, Row, RunOptions, Target, ratio_of

HEAVY_MODULES = ("pulumi", "pulumi_gcp", "pulumi_aws", "pulumi_random", "matplotlib", "boto3", "botocore", "moto", "pydantic", "rich", "jinja2", "grpc")
COMMANDS: dict[str, list[str]] = {"planner --help": ["--help"], "planner inventory --help": ["inventory", "--help"]}
TARGETS: dict[str, Target] = {"planner --help": Target(0.5, strict=True)}
RUNS, QUICK_RUNS = 7, 3
_IMPORT_LINE = re.compile(r"^import time:\s+(?P<self>\d+) \|\s+(?P<cumulative>\d+) \|(?P<indent>\s+)(?P<module>\S+)$")
# Runs the CLI in-process as the console script does, then reports what got imported.
_PROBE = """
import json, sys
sys.argv = ["planner", *json.loads(sys.argv[1])]
try:
    from planner.cli import main
    main()
except SystemExit:
    pass
heavy = sorted(name for name in {heavy} if name in sys.modules)
print(json.dumps({{"heavy": heavy}}))
"""


def run(results: Results, sizes: tuple[int, ...], options: RunOptions) -> None:
    runs = options.repeat or (QUICK_RUNS if options.quick else RUNS)
    script = Path(PYTHON).with_name("planner")
    details = results.details.setdefault("startup", {})
    bare = min(run_measured([PYTHON, "-c", "pass"], env=bench_env()).wall_s for _ in range(runs))
    details["python -c pass"] = bare
    for label, arguments in COMMANDS.items():
        walls = [_wall(script, arguments) for _ in range(runs)]
        best = min(walls) if all(wall is not None for wall in walls) else None
        heavy, top_imports = _imports(arguments)
        details[label] = {"walls_s": walls, "heavy_modules": heavy, "top_imports_ms": top_imports}
        note = f"heavy imports: {', '.join(heavy) if heavy else 'none'}"
        results.add(Row("startup", f"{label} (best of {runs})", best, "s", TARGETS.get(label), ratio_of(best, bare), bare, note=note))


def _wall(script: Path, arguments: list[str]) -> float | None:
    measured = run_measured([str(script), *arguments], env=bench_env())
    return measured.wall_s if measured.returncode == 0 else None


def _imports(arguments: list[str]) -> tuple[list[str], dict[str, float]]:
    """(heavy modules in sys.modules after the command, top-level packages by cumulative import ms)."""
    probe = _PROBE.format(heavy=json.dumps(list(HEAVY_MODULES)))
    measured = run_measured([PYTHON, "-X", "importtime", "-c", probe, json.dumps(arguments)], env=bench_env(), cwd=REPO_ROOT)
    lines = [line for line in measured.stdout.splitlines() if line.startswith("{")]
    heavy = json.loads(lines[-1])["heavy"] if lines else ["(probe failed)"]
    return heavy, _top_level_import_ms(measured.stderr)


def _top_level_import_ms(importtime_log: str, top: int = 8) -> dict[str, float]:
    cumulative: dict[str, float] = {}
    for line in importtime_log.splitlines():
        match = _IMPORT_LINE.match(line)
        if match and len(match["indent"]) == 1:  # imported by the program itself, not by another module
            root = match["module"].split(".")[0]
            cumulative[root] = cumulative.get(root, 0.0) + int(match["cumulative"]) / 1000
    ranked = sorted(cumulative.items(), key=lambda pair: pair[1], reverse=True)[:top]
    return {name: round(ms, 1) for name, ms in ranked}
