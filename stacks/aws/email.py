"""Builds SES v2 email identities (email.identity); a domain's new DKIM tokens are exported for its DNS records."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.email import EmailIdentitySpec
from stacks.aws.base import AwsBuilder, AwsGroup
from stacks.common import derived
from stacks.common.derive import derive


def build_email_identity(group: AwsGroup, item: PlanItem, spec: EmailIdentitySpec) -> pulumi.Resource:
    identity = aws.sesv2.EmailIdentity(item.id, email_identity=spec.email_identity, **group.tagged(spec))
    if spec.identity_type == "DOMAIN":
        group.export(item, "dkim_tokens", derive(derived.dkim_tokens, identity.dkim_signing_attributes))
    return identity


BUILD: dict[str, AwsBuilder] = {"aws.sesv2.email_identity": build_email_identity}
