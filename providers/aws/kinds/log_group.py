"""Log groups (logs.group) -> CloudWatch Logs groups with the same retention, class and KMS key; entries stay behind."""

from __future__ import annotations

from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._pricing import unpriced
from providers.aws.kinds._shared import common_fields, linked_one, optional_int, result
from providers.aws.spec import Spec


class LogGroupSpec(Spec):
    type: Literal["aws.cloudwatch.log_group"] = "aws.cloudwatch.log_group"
    log_group_name: str
    retention_days: int | None = None  # None: never expire
    log_group_class: Literal["STANDARD", "INFREQUENT_ACCESS", "DELIVERY"] = "STANDARD"
    kms_key_item: str | None = None


def map_log_group(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    spec = LogGroupSpec(
        **common_fields(resource, ctx), log_group_name=str(props.get("log_group_name") or resource.name),
        retention_days=optional_int(props.get("retention_days")),
        log_group_class=str(props.get("log_group_class") or "STANDARD"),
        kms_key_item=linked_one(resource, ctx, "kms_key_id", "aws.kms.key"),
    )
    notes = [f"the {props.get('stored_bytes') or 0} stored bytes are not copied: export them "
             "(`aws logs create-export-task` to S3) before the cut-off if they must be kept"]
    if props.get("kms_key_id") and spec.kms_key_item is None:
        notes.append("its KMS key is not rebuilt: the new group uses CloudWatch's default encryption")
    elif spec.kms_key_item:
        notes.append("the rebuilt KMS key's policy must let logs.<region>.amazonaws.com use it (CloudWatch Logs KMS guide)")
    return result("partial", spec, unpriced("CloudWatch Logs"), notes)


MAP: dict[str, MapFunction] = {"logs.group": map_log_group}
SPECS: tuple[type[Spec], ...] = (LogGroupSpec,)
