"""`compute.keypair` -> OS Login for the project: the EC2 key pair's public key is added by each user."""

from __future__ import annotations

from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.gcp.kinds._shared import done, free
from providers.gcp.spec import GcpSpec


class OsLoginSpec(GcpSpec):
    type: Literal["gcp.compute.os_login"] = "gcp.compute.os_login"
    key_name: str
    key_type: str
    fingerprint: str


def map_keypair(resource: Resource, ctx: MappingContext) -> MappedTarget:
    spec = OsLoginSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), key_name=resource.name,
                       key_type=str(resource.props.get("key_type") or "rsa"),
                       fingerprint=str(resource.props.get("fingerprint") or ""))
    notes = ["OS Login is enabled for the project; the public key is not in the inventory (AWS keeps no copy "
             "of it in a readable form here): each user adds it with `gcloud compute os-login ssh-keys add`"]
    return done("partial", spec, notes, free("OS Login"))


MAP: dict[str, MapFunction] = {"compute.keypair": map_keypair}
SPECS: tuple[type[GcpSpec], ...] = (OsLoginSpec,)
