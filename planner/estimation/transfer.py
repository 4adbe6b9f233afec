"""The copy link: how many bits per second bulk copies really achieve."""

from __future__ import annotations

from planner.estimation.assumptions import Assumptions


def effective_bps(bandwidth_bps: float, assumptions: Assumptions) -> float:
    """min(link, streams x per-stream ceiling) x efficiency."""
    stream_ceiling = assumptions["link.streams"] * assumptions["link.stream_max_bps"]
    return min(bandwidth_bps, stream_ceiling) * assumptions["link.efficiency"]


def transfer_hours(data_bytes: float, bits_per_second: float) -> float:
    return data_bytes * 8 / bits_per_second / 3600
