"""Builds `gcp.firestore.database` (`db.kv`): a Firestore database."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.kv import FirestoreSpec
from stacks.gcp.base import GcpBuilder, GcpGroup


def build_firestore(group: GcpGroup, item: PlanItem, spec: FirestoreSpec) -> pulumi.Resource:
    return gcp.firestore.Database(
        item.id, name=spec.name, location_id=spec.location_id, type=spec.database_type,
        point_in_time_recovery_enablement=("POINT_IN_TIME_RECOVERY_ENABLED" if spec.point_in_time_recovery
                                           else "POINT_IN_TIME_RECOVERY_DISABLED"),
        delete_protection_state="DELETE_PROTECTION_ENABLED", opts=group.opts())


BUILD: dict[str, GcpBuilder] = {"gcp.firestore.database": build_firestore}
