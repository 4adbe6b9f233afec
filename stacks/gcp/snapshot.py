"""`storage.snapshot and db.snapshot` is a manual item on Google Cloud: nothing to build (the plan item says the work)."""

from __future__ import annotations

from stacks.gcp.base import GcpBuilder

BUILD: dict[str, GcpBuilder] = {}
