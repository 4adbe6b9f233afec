"""`python -m bench`: run the benchmarks, print the table, write bench/results/*.json.

\b
    python -m bench                                  # everything, default sizes
    python -m bench --quick                          # skip the slow sizes, fewer repeats
    python -m bench --only inventory --sizes 100,1000
    python -m bench --only planning,startup

Exit code 0 whatever the figures are (benchmarks never fail CI on time); 2 on a
bad option.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import click

from bench import inventory, organization, planning, preview, startup
from bench.process import Profiling
from bench.report import RESULTS_DIR, Results, RunOptions, format_table, summary_line, write_results


@dataclass(frozen=True)
class Benchmark:
    name: str
    default_sizes: tuple[int, ...]
    quick_sizes: tuple[int, ...]
    run: Callable[[Results, tuple[int, ...], RunOptions], None]
    what: str


BENCHMARKS: dict[str, Benchmark] = {
    "startup": Benchmark("startup", (), (), startup.run, "`planner --help` and `planner inventory --help`"),
    "inventory": Benchmark("inventory", inventory.DEFAULT_SIZES, inventory.QUICK_SIZES, inventory.run, "scan of a moto footprint vs. sequential boto3, 0 and 50 ms latency"),
    "planning": Benchmark("planning", planning.DEFAULT_SIZES, planning.QUICK_SIZES, planning.run, "build_plan and estimate_plan on synthetic inventories"),
    "organization": Benchmark("organization", organization.DEFAULT_SIZES, organization.QUICK_SIZES, organization.run, "`planner inventory --organization` of 3 accounts vs. 3 single scans one after another"),
    "preview": Benchmark("preview", (preview.SYNTHETIC_SIZE,), (preview.SYNTHETIC_SIZE,), preview.run, "`planner generate` + `planner preview`, demo and 2,000 resources"),
}


def _parse_list(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def _parse_sizes(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[int, ...] | None:
    if not value:
        return None
    try:
        sizes = tuple(int(part.replace("_", "").lower().replace("k", "000")) for part in _parse_list(value))
    except ValueError:
        raise click.BadParameter("write sizes as numbers separated by commas, e.g. 100,1000 or 1k,10k") from None
    if any(size <= 0 for size in sizes):
        raise click.BadParameter("sizes must be positive")
    return sizes


@click.command(context_settings={"help_option_names": ["-h", "--help"]}, help=__doc__)
@click.option("--only", metavar="NAMES", help=f"Comma-separated benchmarks to run, out of: {', '.join(BENCHMARKS)}. Default: all.")
@click.option("--sizes", metavar="N,N", callback=_parse_sizes, help="Footprint sizes (resources) for the selected benchmarks, instead of their defaults (1k = 1000).")
@click.option("--quick", is_flag=True, help="Skip the slow sizes (inventory 10k, planning 100k) and repeat start-up runs fewer times.")
@click.option("--repeat", type=click.IntRange(min=1), help="Repeat each measurement N times and keep the best (default: 3 for inventory up to 1k resources, 7 for start-up, 1 with --quick).")
@click.option("--profile", "profile_dir", type=click.Path(path_type=Path, file_okay=False), help="Also profile each worker job (pyinstrument, or cProfile across threads for scans) into this folder. Slows the figures down: use for diagnosis, not for the table.")
@click.option("--results-dir", type=click.Path(path_type=Path, file_okay=False), default=RESULTS_DIR, show_default=True, help="Where the JSON results go.")
def main(only: str | None, sizes: tuple[int, ...] | None, quick: bool, repeat: int | None, profile_dir: Path | None, results_dir: Path) -> None:
    names = _parse_list(only) or list(BENCHMARKS)
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        raise click.BadParameter(f"unknown benchmark {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}", param_hint="--only")
    Profiling.directory = profile_dir
    results = Results(options={"only": names, "sizes": list(sizes) if sizes else None, "quick": quick, "repeat": repeat, "profile": str(profile_dir) if profile_dir else None})
    for name in names:
        benchmark = BENCHMARKS[name]
        chosen = sizes or (benchmark.quick_sizes if quick else benchmark.default_sizes)
        click.echo(f"[bench] {name}: {benchmark.what} {list(chosen) if chosen else ''}", err=True)
        started = time.perf_counter()
        benchmark.run(results, chosen, RunOptions(quick=quick, repeat=repeat))
        results.details.setdefault("durations_s", {})[name] = round(time.perf_counter() - started, 1)
        click.echo(f"[bench] {name} done in {time.perf_counter() - started:.0f} s", err=True)
    path = write_results(results, results_dir)
    click.echo(format_table(results.rows))
    click.echo(f"\n{summary_line(results.rows)}; results in {path}")


if __name__ == "__main__":
    sys.exit(main())
