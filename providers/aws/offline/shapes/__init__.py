"""Every CloudFormation type the offline reader knows: the shapes (one resource each) and the parts (which add to
another resource), gathered from one module per service."""

from __future__ import annotations

from providers.aws.offline.declared import CfnPart, CfnShape, TfShape
from providers.aws.offline.shapes import (
    analytics,
    containers,
    dns,
    ec2,
    elasticache,
    elb,
    identity,
    messaging,
    platform,
    rds,
    s3,
)

MODULES = (ec2, elb, rds, s3, messaging, dns, containers, identity, elasticache, platform, analytics)

CLOUDFORMATION: dict[str, CfnShape] = {name: shape for module in MODULES for name, shape in module.CLOUDFORMATION.items()}
CLOUDFORMATION_PARTS: dict[str, tuple[CfnPart, ...]] = {
    name: parts for module in MODULES for name, parts in getattr(module, "CLOUDFORMATION_PARTS", {}).items()
}
TERRAFORM: dict[str, TfShape] = {name: shape for module in MODULES for name, shape in module.TERRAFORM.items()}
