"""Builds Lambda functions (function) with a placeholder package and, without a rebuilt role, a basic execution role.

Container-image functions are manual: their image must be pushed to the new ECR first.
"""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.function import LambdaFunctionSpec
from stacks.aws._shared import AWS_POLICY, role_arn
from stacks.aws.base import AwsBuilder, AwsGroup

LAMBDA_BASIC_POLICY = AWS_POLICY + "service-role/AWSLambdaBasicExecutionRole"
LAMBDA_VPC_POLICY = AWS_POLICY + "service-role/AWSLambdaVPCAccessExecutionRole"
PLACEHOLDER_CODE = (
    "Placeholder deployed by planner: the source function's code was not copied.\n"
    "Upload the real package (aws lambda update-function-code) before sending traffic.\n"
)


def _vpc_config(group: AwsGroup, item: PlanItem, spec: LambdaFunctionSpec) -> dict[str, object] | None:
    if not spec.subnet_items:
        return None
    return {"subnet_ids": group.refs(item, spec.subnet_items), "security_group_ids": group.refs(item, spec.security_group_items)}


def build_function(group: AwsGroup, item: PlanItem, spec: LambdaFunctionSpec) -> pulumi.Resource | None:
    if spec.package_type == "Image":
        group.manual(item, "container-image function: the image must be pushed to the new ECR first", "create the function from the pushed image")
        return None
    policies = (LAMBDA_BASIC_POLICY, LAMBDA_VPC_POLICY) if spec.subnet_items else (LAMBDA_BASIC_POLICY,)
    vpc_config = _vpc_config(group, item, spec)
    function = aws.lambda_.Function(
        item.id,
        name=spec.name,
        role=role_arn(group, item, spec, "role", "lambda.amazonaws.com", policies),
        runtime=spec.runtime,
        handler=spec.handler,
        memory_size=spec.memory_mb,
        timeout=spec.timeout_s,
        architectures=spec.architectures,
        package_type=spec.package_type,
        code=pulumi.AssetArchive({"PLACEHOLDER.txt": pulumi.StringAsset(PLACEHOLDER_CODE)}),
        vpc_config=vpc_config,
        **group.tagged(spec),
    )
    return group.exporting(item, function, function_arn="arn")


BUILD: dict[str, AwsBuilder] = {"aws.lambda.function": build_function}
