"""`container.service` and `container.task` are manual items on Google Cloud: nothing to build."""

from __future__ import annotations

from stacks.gcp.base import GcpBuilder

BUILD: dict[str, GcpBuilder] = {}
