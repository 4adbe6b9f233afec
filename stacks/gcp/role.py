"""`identity.role` is a manual item on Google Cloud: nothing to build."""

from __future__ import annotations

from stacks.gcp.base import GcpBuilder

BUILD: dict[str, GcpBuilder] = {}
