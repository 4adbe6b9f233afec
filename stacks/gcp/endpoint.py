"""Builds `gcp.compute.psc_google_apis` (`network.endpoint`): a Private Service Connect endpoint for all Google
APIs: a global internal address in the network and the forwarding rule to the `all-apis` bundle."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.endpoint import PscGoogleApisSpec
from stacks.gcp.base import GcpBuilder, GcpGroup


def build_psc_google_apis(group: GcpGroup, item: PlanItem, spec: PscGoogleApisSpec) -> pulumi.Resource:
    network = group.ref(item, spec.network)
    address = gcp.compute.GlobalAddress(
        f"{item.id}-address", name=spec.name, address_type="INTERNAL", purpose="PRIVATE_SERVICE_CONNECT",
        network=network, address=spec.address, opts=group.opts())
    # load_balancing_scheme "" is what a PSC forwarding rule for Google APIs takes (pulumi-gcp example).
    rule = gcp.compute.GlobalForwardingRule(
        item.id, name=spec.endpoint_name, target="all-apis", network=network, ip_address=address.id,
        load_balancing_scheme="", opts=group.opts())
    group.export(item, "internal_ip", address.address)
    return rule


BUILD: dict[str, GcpBuilder] = {"gcp.compute.psc_google_apis": build_psc_google_apis}
