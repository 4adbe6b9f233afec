"""What estimation needs from each source resource: facts, data bytes, identical units of work."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from planner.core.model.inventory import Resource

GIB = 1024**3

# source type -> props copied into the plan item's facts (when present)
FACT_PROPS: dict[str, tuple[str, ...]] = {
    "aws.ec2.instance": ("instance_type", "state", "vcpu", "memory_mib", "gpu_count", "gpu_model", "gpu_memory_mib",
                         "architecture", "burstable", "platform", "image_id", "availability_zone", "autoscaling_group",
                         "launch_template_id", "public_ip"),
    "aws.ec2.volume": ("size_gib", "volume_type", "iops", "throughput_mibps", "encrypted", "availability_zone", "snapshot_id"),
    "aws.ec2.elastic_ip": ("public_ip", "instance_id"),
    "aws.ec2.launch_template": ("instance_type", "image_id", "latest_version"),
    "aws.ec2.vpc": ("cidr_block", "cidr_blocks", "is_default"),
    "aws.ec2.subnet": ("cidr_block", "availability_zone", "map_public_ip_on_launch"),
    "aws.ec2.security_group": ("group_name",),
    "aws.ec2.nat_gateway": ("connectivity_type", "public_ip"),
    "aws.elbv2.load_balancer": ("type", "scheme", "dns_name"),
    "aws.elbv2.listener": ("protocol", "port"),
    "aws.elbv2.target_group": ("protocol", "port", "target_type"),
    "aws.elb.load_balancer": ("scheme", "dns_name"),
    "aws.autoscaling.group": ("min_size", "max_size", "desired_capacity", "instance_type", "launch_template_id"),
    "aws.autoscaling.launch_configuration": ("instance_type", "image_id", "has_user_data"),
    "aws.rds.instance": ("engine", "engine_version", "instance_class", "allocated_storage_gib", "storage_type", "iops",
                         "multi_az", "read_replica_source", "cluster_id", "backup_retention_days"),
    "aws.rds.cluster": ("engine", "engine_version", "engine_mode", "multi_az", "allocated_storage_gib"),
    "aws.elasticache.replication_group": ("engine", "engine_version", "node_type", "num_nodes", "cluster_mode", "multi_az", "memory_mib"),
    "aws.elasticache.cluster": ("engine", "engine_version", "node_type", "num_nodes", "cluster_mode", "multi_az", "memory_mib"),
    "aws.dynamodb.table": ("billing_mode", "size_bytes", "item_count", "read_capacity", "write_capacity", "gsi_count",
                           "stream_enabled", "global_table"),
    "aws.s3.bucket": ("size_bytes", "object_count", "size_source", "versioning", "website", "storage_class_bytes"),
    "aws.efs.file_system": ("size_bytes", "performance_mode", "throughput_mode"),
    "aws.lambda.function": ("runtime", "memory_mb", "timeout_s", "code_size_bytes", "architectures", "package_type"),
    "aws.sqs.queue": ("fifo", "approx_messages", "retention_s", "visibility_timeout_s"),
    "aws.sns.topic": ("fifo", "subscription_count"),
    "aws.events.event_bus": ("is_default", "partner_event_source"),
    "aws.events.rule": ("schedule_expression", "state", "target_count", "managed_by"),
    "aws.kinesis.stream": ("stream_mode", "shard_count", "retention_hours", "retained_bytes", "consumer_count"),
    "aws.apigateway.rest_api": ("endpoint_types", "route_count", "stages"),
    "aws.apigatewayv2.api": ("protocol_type", "route_count", "stages"),
    "aws.sfn.state_machine": ("type", "state_count", "task_integrations"),
    "aws.lambda.event_source_mapping": ("source_service", "batch_size", "state"),
    "aws.ssm.parameter": ("type", "tier"),
    "aws.cloudwatch.alarm": ("namespace", "metric_name", "comparison", "threshold"),
    "aws.route53.zone": ("zone_name", "private_zone", "record_count"),
    "aws.route53.record_set": ("record_name", "record_type", "ttl", "alias_target", "values"),
    "aws.cloudfront.distribution": ("domain_name", "aliases", "price_class", "enabled"),
    "aws.acm.certificate": ("domain_name", "type", "status"),
    "aws.ecs.cluster": ("running_tasks_count", "active_services_count"),
    "aws.ecs.service": ("launch_type", "desired_count", "running_count"),
    "aws.ecs.task_definition": ("family", "revision", "cpu", "memory"),
    "aws.eks.cluster": ("version", "node_groups"),
    "aws.ecr.repository": ("image_count", "size_bytes"),
    "aws.iam.role": ("attached_policy_names", "inline_policy_names", "trusted_services"),
    "aws.secretsmanager.secret": ("rotation_enabled",),
    "aws.kms.key": ("key_manager", "key_spec", "key_usage"),
    "aws.opensearch.domain": ("engine_version", "instance_type", "instance_count", "volume_size_gib",
                              "storage_upper_bound_gib", "zone_awareness"),
    "aws.cognito.user_pool": ("estimated_users", "mfa_configuration", "username_attributes", "lambda_triggers", "client_names"),
    "aws.ses.identity": ("identity_type", "verification_status", "dkim_status", "mail_from_domain"),
    "aws.logs.log_group": ("retention_days", "stored_bytes", "log_group_class"),
    "aws.ec2.snapshot": ("volume_size_gib", "full_size_bytes", "size_source", "storage_tier", "encrypted"),
    "aws.ec2.image": ("architecture", "platform", "total_size_gib", "snapshot_ids"),
    "aws.rds.snapshot": ("engine", "engine_version", "allocated_storage_gib", "full_size_bytes", "size_source"),
    "aws.route53domains.domain": ("expiry", "auto_renew", "transfer_lock", "name_servers"),
    "aws.redshift.cluster": ("node_type", "node_count", "storage_capacity_bytes", "size_source"),
    "aws.ec2.vpc_endpoint": ("endpoint_type", "service_name", "private_dns_enabled"),
    "aws.ec2.vpc_peering_connection": ("status", "cross_region", "cross_account"),
    "aws.elbv2.listener_rule": ("priority", "action_type", "conditions"),
}

# source type -> how many identical replicas the resource runs (for effort and downtime)
REPLICA_PROPS: dict[str, str] = {
    "aws.autoscaling.group": "desired_capacity",
    "aws.ecs.service": "desired_count",
    "aws.elasticache.replication_group": "num_nodes",
    "aws.elasticache.cluster": "num_nodes",
}


def _int(value: Any) -> int:
    try:
        return max(0, int(value or 0))
    except (TypeError, ValueError):
        return 0


def _gib(prop: str) -> Callable[[Resource], int]:
    return lambda r: _int(r.props.get(prop)) * GIB


def _bytes(prop: str) -> Callable[[Resource], int]:
    return lambda r: _int(r.props.get(prop))


def _rds_instance_bytes(resource: Resource) -> int:
    # A read replica or an Aurora member holds no data of its own to move: its source or cluster does.
    if resource.props.get("read_replica_source") or resource.props.get("cluster_id"):
        return 0
    return _int(resource.props.get("allocated_storage_gib")) * GIB


def _full_size_or_gib(prop: str) -> Callable[[Resource], int]:
    """A snapshot's full size when AWS reports it, else its source's size in GiB (an upper bound)."""
    return lambda r: _int(r.props.get("full_size_bytes")) or _int(r.props.get(prop)) * GIB


DATA_BYTES: dict[str, Callable[[Resource], int]] = {
    # An AMI's bytes are counted on its snapshots (aws.ec2.snapshot items), never twice.
    "aws.opensearch.domain": _gib("storage_upper_bound_gib"),
    "aws.logs.log_group": _bytes("stored_bytes"),
    "aws.ec2.snapshot": _full_size_or_gib("volume_size_gib"),
    "aws.rds.snapshot": _full_size_or_gib("allocated_storage_gib"),
    "aws.redshift.cluster": _bytes("storage_capacity_bytes"),
    "aws.s3.bucket": _bytes("size_bytes"),
    "aws.ec2.volume": _gib("size_gib"),
    "aws.rds.instance": _rds_instance_bytes,
    "aws.rds.cluster": _gib("allocated_storage_gib"),
    "aws.dynamodb.table": _bytes("size_bytes"),
    "aws.efs.file_system": _bytes("size_bytes"),
    "aws.ecr.repository": _bytes("size_bytes"),
    "aws.lambda.function": _bytes("code_size_bytes"),
    # Records within retention (CloudWatch IncomingBytes over the retention period; 0 when unmeasured).
    "aws.kinesis.stream": _bytes("retained_bytes"),
}


# The prop that carries each store's size: null when the inventory could not read it (a template or a state file says
# nothing of a bucket's bytes; a metric may be denied). The estimate then names the assumption it uses instead.
SIZE_PROPS: dict[str, str] = {
    "aws.s3.bucket": "size_bytes", "aws.dynamodb.table": "size_bytes", "aws.efs.file_system": "size_bytes",
    "aws.ecr.repository": "size_bytes", "aws.logs.log_group": "stored_bytes", "aws.kinesis.stream": "retained_bytes",
    "aws.ec2.volume": "size_gib", "aws.rds.instance": "allocated_storage_gib", "aws.rds.cluster": "allocated_storage_gib",
}


def size_unknown(resource: Resource) -> bool:
    """Whether a store's size is unknown (not zero: unknown), so that its bytes are left to an assumption."""
    prop = SIZE_PROPS.get(resource.key)
    if prop is None or resource.props.get(prop) is not None:
        return False
    if resource.key == "aws.rds.cluster":  # Aurora reports no allocated storage: its size is its volume's, unread
        return False
    return not (resource.props.get("read_replica_source") or resource.props.get("cluster_id"))


def data_bytes(resource: Resource) -> int:
    """Bytes of data that must leave with this resource (0 for stateless ones)."""
    measure = DATA_BYTES.get(resource.key)
    return measure(resource) if measure else 0


def facts(resource: Resource) -> dict[str, Any]:
    found = {name: resource.props[name] for name in FACT_PROPS.get(resource.key, ()) if resource.props.get(name) is not None}
    if resource.key == "aws.ec2.instance" and "memory_mib" in found:
        found["memory_gib"] = round(_int(found["memory_mib"]) / 1024, 3)
    replicas = REPLICA_PROPS.get(resource.key)
    if replicas and resource.props.get(replicas) is not None:
        found["replicas"] = _int(resource.props[replicas])
    if resource.key == "aws.rds.cluster":
        found["members"] = len(_list(resource.props.get("member_ids")))
    if size_unknown(resource):
        found["size_unknown"] = True
    if resource.key == "aws.sns.topic" and "subscriptions" in resource.props:
        found["subscription_protocols"] = sorted({str(s.get("protocol")) for s in _list(resource.props["subscriptions"])
                                                  if isinstance(s, dict)})
    return found


def _list(value: Any) -> list[Any]:
    """A list prop as a list; anything else (null, a number, a string: a prop of the wrong type) as empty."""
    return value if isinstance(value, list) else []


def unit_key(resource: Resource) -> str | None:
    """Resources with the same key are identical units of work (built once, repeated).

    Instances: the same Auto Scaling group, else the same launch template, else the same image and type.
    """
    if resource.key != "aws.ec2.instance":
        return None
    props = resource.props
    if props.get("autoscaling_group"):
        return f"asg:{props['autoscaling_group']}"
    if props.get("launch_template_id"):
        return f"lt:{props['launch_template_id']}"
    if props.get("image_id") and props.get("instance_type"):
        return f"image:{props['image_id']}:{props['instance_type']}"
    return None
