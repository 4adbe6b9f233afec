"""Key pairs (compute.keypair) -> EC2 key pairs, imported from the public key the operator configures."""

from __future__ import annotations

from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._shared import common_fields, own_item_id, result
from providers.aws.spec import Spec


class KeyPairSpec(Spec):
    """The public key is not in the inventory (only a fingerprint): the stack imports it
    from config `planner:publicKey-<item id>`, and lists the key pair as manual without it."""

    type: Literal["aws.ec2.key_pair"] = "aws.ec2.key_pair"
    key_name: str
    key_type: str = "rsa"
    source_fingerprint: str | None = None


def map_keypair(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    spec = KeyPairSpec(
        **common_fields(resource, ctx),
        key_name=resource.name,
        key_type=str(props.get("key_type") or "rsa"),
        source_fingerprint=props.get("fingerprint"),
    )
    return result("partial", spec, None, [
        f"the public key is not inventoried: set config `planner:publicKey-{own_item_id(resource, ctx)}` to import it "
        "(without it the key pair is listed as manual and instances launch without a key)"
    ])


MAP: dict[str, MapFunction] = {"compute.keypair": map_keypair}
SPECS: tuple[type[Spec], ...] = (KeyPairSpec,)
