"""Parsing bandwidths and durations from the command line; human-readable figures."""

from __future__ import annotations

import math
import re

from planner.core.errors import UsageError

GIB = 1024**3

_PREFIX = {"": 1.0, "k": 1e3, "m": 1e6, "g": 1e9, "t": 1e12}
_BANDWIDTH = re.compile(
    r"^\s*(?P<number>\d+(?:\.\d+)?)\s*(?P<prefix>[kKmMgGtT]?)(?P<unit>bps|bit/s|bits/s|b/s|Bps|B/s|byte/s|bytes/s)\s*$"
)
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([dhms])")
_DURATION_HOURS = {"d": 24.0, "h": 1.0, "m": 1.0 / 60.0, "s": 1.0 / 3600.0}


def parse_bandwidth(text: str) -> float:
    """'10Gbps', '500Mbps', '1.5Gbit/s' -> bits per second (decimal prefixes; 'B' means bytes)."""
    match = _BANDWIDTH.match(text)
    if not match:
        raise UsageError(
            f"bandwidth {text!r} not understood: write a number and a unit such as 10Gbps, 500Mbps or 1.5Gbit/s"
        )
    bits_per_unit = 8.0 if match["unit"].startswith("B") or match["unit"].startswith("byte") else 1.0
    value = float(match["number"]) * _PREFIX[match["prefix"].lower()] * bits_per_unit
    if value <= 0:
        raise UsageError(f"bandwidth {text!r} must be more than zero")
    return value


def parse_duration_hours(text: str) -> float:
    """'30h', '2d', '90m', '1d12h', '45s' -> hours."""
    compact = text.strip().lower()
    parts = _DURATION_PART.findall(compact)
    if not parts or _DURATION_PART.sub("", compact).strip():
        raise UsageError(f"duration {text!r} not understood: write e.g. 30h, 2d, 90m, 45s or 1d12h")
    return sum(float(number) * _DURATION_HOURS[unit] for number, unit in parts)


def format_bytes(count: float) -> str:
    """Binary units, the way storage consoles show sizes: 1.5 GiB."""
    if count < 1024:
        return f"{int(count)} B"
    exponent = min(int(math.log(count, 1024)), 5)
    return f"{count / 1024**exponent:.1f} {('B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB')[exponent]}"


def format_bandwidth(bits_per_second: float) -> str:
    for factor, unit in ((1e12, "Tbit/s"), (1e9, "Gbit/s"), (1e6, "Mbit/s"), (1e3, "kbit/s")):
        if bits_per_second >= factor:
            return f"{bits_per_second / factor:.3g} {unit}"
    return f"{bits_per_second:.3g} bit/s"


def format_hours(hours: float) -> str:
    """A duration for people: minutes under an hour, hours under two days, else days."""
    if hours < 1:
        return f"{hours * 60:.0f} min"
    if hours < 48:
        return f"{hours:.1f} h"
    return f"{hours / 24:.1f} days"


def format_usd(amount: float) -> str:
    return f"${amount:,.2f}"
