"""Builds `gcp.compute.cdn` (`cdn`): backend buckets with Cloud CDN behind a global address and frontend."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.cdn import CdnSpec
from stacks.gcp._shared import frontend
from stacks.gcp.base import GcpBuilder, GcpGroup


def build_cdn(group: GcpGroup, item: PlanItem, spec: CdnSpec) -> pulumi.Resource:
    backends = [
        gcp.compute.BackendBucket(f"{item.id}-{bucket}", name=f"{spec.name}-{index}"[:63],
                                  bucket_name=group.ref(item, bucket, "name"), enable_cdn=True, opts=group.opts())
        for index, bucket in enumerate(spec.backend_buckets)
    ]
    address = gcp.compute.GlobalAddress(f"{item.id}-address", name=f"{spec.name}-address"[:63], labels=spec.labels,
                                        opts=group.opts())
    rule = frontend(
        group, item, logical=item.id, name=spec.name, lb_type="application", region="global",
        protocol="HTTPS" if spec.certificates else "HTTP", port=443 if spec.certificates else 80,
        address=address.address, backend=backends[0],
        certificates=[group.ref(item, c) for c in group.buildable_refs(item, spec.certificates, "certificate")],
        https_redirect=False, labels=spec.labels)
    group.register_main_and_address(item, rule, address)
    return rule


BUILD: dict[str, GcpBuilder] = {"gcp.compute.cdn": build_cdn}
