"""Builder helpers the AWS API and eventing kinds share: partitions, invocation URIs, invoke permissions, roles.

Specs never hold a literal `arn:aws:` (a generated project must not name the source
account, and the redaction cannot tell an account-free ARN from one that names it):
ARNs AWS owns in every account are written with `PARTITION_TOKEN`, filled in here from
the target region.
"""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.spec import Spec
from stacks.aws._shared import trust_policy
from stacks.aws.base import AwsGroup
from stacks.common import derived
from stacks.common.derive import derive

PARTITION_TOKEN = "${AWS::Partition}"
# Region prefix -> partition (AWS "Partitions": China and GovCloud regions).
PARTITIONS: tuple[tuple[str, str], ...] = (("cn-", "aws-cn"), ("us-gov-", "aws-us-gov"))
DEFAULT_PARTITION = "aws"
LAMBDA_INVOKE = "lambda:InvokeFunction"


def partition_of(region: str) -> str:
    return next((partition for prefix, partition in PARTITIONS if region.startswith(prefix)), DEFAULT_PARTITION)


def with_partition(text: str, region: str) -> str:
    return text.replace(PARTITION_TOKEN, partition_of(region))


def invoke_uri(region: str, function_arn: str) -> str:
    """The URI API Gateway invokes a Lambda function through."""
    return f"arn:{partition_of(region)}:apigateway:{region}:lambda:path/2015-03-31/functions/{function_arn}/invocations"


def allow_invoke(group: AwsGroup, item: PlanItem, spec: Spec, function_item: str, principal: str,
                 source_arn: pulumi.Input[str]) -> aws.lambda_.Permission:
    """Let `principal` (a service) invoke the rebuilt function from `source_arn`."""
    return aws.lambda_.Permission(
        f"{item.id}-invoke-{function_item}", action=LAMBDA_INVOKE, function=group.ref(item, function_item, "name"),
        principal=principal, source_arn=source_arn, opts=group.opts(spec))


def service_role_with_policy(group: AwsGroup, item: PlanItem, spec: Spec, suffix: str, service: str,
                             actions: list[str], resources: list[pulumi.Output[Any]]) -> aws.iam.Role:
    """A role `service` assumes, allowed `actions` on `resources` only (an inline policy)."""
    role = aws.iam.Role(f"{item.id}-{suffix}", assume_role_policy=trust_policy([service]), **group.tagged(spec))
    document = derive(derived.allow_policy, *resources, actions=actions)
    aws.iam.RolePolicy(f"{item.id}-{suffix}-policy", role=role.id, policy=document, opts=group.opts(spec))
    return role
