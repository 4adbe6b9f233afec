"""Fresh-AWS target specs: what each plan item becomes in the new account or region.

One pydantic model per target type; a plan item's `target` is `Spec.model_dump()`
and `stacks/aws` reads it back with `parse_spec`. Every reference to another
plan item is a plan item id held in a field whose name ends in `_item` (one id)
or `_items` (a list), so `item_refs()` finds them all without a per-type list;
source AWS ids never appear in a spec.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

REF_SUFFIXES = ("_item", "_items")


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid")

    def item_refs(self) -> list[str]:
        """Plan item ids this part refers to, in field order, without duplicates."""
        found: list[str] = []
        for field_name in type(self).model_fields:
            found.extend(_refs_of(field_name, getattr(self, field_name)))
        return list(dict.fromkeys(found))


def _refs_of(field_name: str, value: Any) -> list[str]:
    if isinstance(value, _Part):
        return value.item_refs()
    if isinstance(value, list):
        nested = [ref for entry in value if isinstance(entry, _Part) for ref in entry.item_refs()]
        if field_name.endswith("_items"):
            return [entry for entry in value if isinstance(entry, str)] + nested
        return nested
    if field_name.endswith("_item") and isinstance(value, str):
        return [value]
    return []


class Spec(_Part):
    """Fields every target spec carries."""

    type: str
    name: str
    region: str
    tags: dict[str, str] = Field(default_factory=dict)


# --- compute -------------------------------------------------------------------------------


class ImageChoice(_Part):
    """The machine image. A source AMI id belongs to the source account and region, so the
    spec names an SSM public parameter (`resolve:ssm:` at launch) unless the operator sets
    `ami` (or the stack config `planner:ami-<item id>`) to a copied or shared image."""

    source_image_id: str | None = None
    ssm_parameter: str
    ami: str | None = None


class VolumeAttachmentSpec(_Part):
    volume_item: str
    device_name: str


class InstanceSpec(Spec):
    type: Literal["aws.ec2.instance"] = "aws.ec2.instance"
    availability_zone: str
    instance_type: str
    source_instance_type: str
    architecture: str = "x86_64"
    platform: str = "linux"
    image: ImageChoice
    subnet_item: str | None = None
    security_group_items: list[str] = Field(default_factory=list)
    key_pair_item: str | None = None
    launch_template_item: str | None = None
    private_ip: str | None = None
    ebs_optimized: bool | None = None
    volume_attachments: list[VolumeAttachmentSpec] = Field(default_factory=list)


class LaunchTemplateSpec(Spec):
    type: Literal["aws.ec2.launch_template"] = "aws.ec2.launch_template"
    instance_type: str | None = None
    image: ImageChoice
    security_group_items: list[str] = Field(default_factory=list)
    key_pair_item: str | None = None


class AutoScalingGroupSpec(Spec):
    type: Literal["aws.autoscaling.group"] = "aws.autoscaling.group"
    min_size: int
    max_size: int
    desired_capacity: int | None = None
    launch_template_item: str | None = None
    subnet_items: list[str] = Field(default_factory=list)
    target_group_items: list[str] = Field(default_factory=list)


class LambdaFunctionSpec(Spec):
    type: Literal["aws.lambda.function"] = "aws.lambda.function"
    runtime: str | None = None
    handler: str | None = None
    memory_mb: int = 128
    timeout_s: int = 3
    architectures: list[str] = Field(default_factory=lambda: ["x86_64"])
    package_type: str = "Zip"
    role_item: str | None = None
    subnet_items: list[str] = Field(default_factory=list)
    security_group_items: list[str] = Field(default_factory=list)
    env_var_names: list[str] = Field(default_factory=list)
    code_size_bytes: int = 0


class EcsClusterSpec(Spec):
    type: Literal["aws.ecs.cluster"] = "aws.ecs.cluster"


class ContainerSpec(_Part):
    name: str
    image: str  # the source image reference, for the operator
    repository_item: str | None = None  # the new ECR repository when the image came from ECR
    image_tag: str | None = None
    cpu: int | None = None
    memory: int | None = None
    port_mappings: list[dict[str, Any]] = Field(default_factory=list)


class EcsTaskDefinitionSpec(Spec):
    type: Literal["aws.ecs.task_definition"] = "aws.ecs.task_definition"
    family: str
    cpu: str | None = None
    memory: str | None = None
    network_mode: str | None = None
    requires_compatibilities: list[str] = Field(default_factory=list)
    containers: list[ContainerSpec] = Field(default_factory=list)
    role_item: str | None = None


class ServiceTargetGroup(_Part):
    target_group_item: str
    container_name: str | None = None
    container_port: int | None = None


class EcsServiceSpec(Spec):
    type: Literal["aws.ecs.service"] = "aws.ecs.service"
    cluster_item: str
    task_definition_item: str
    desired_count: int = 1
    launch_type: str | None = None
    load_balancers: list[ServiceTargetGroup] = Field(default_factory=list)
    subnet_items: list[str] = Field(default_factory=list)
    security_group_items: list[str] = Field(default_factory=list)


class EksNodeGroupSpec(_Part):
    name: str
    instance_types: list[str] = Field(default_factory=list)
    desired_size: int = 1
    min_size: int = 1
    max_size: int = 1


class EksClusterSpec(Spec):
    type: Literal["aws.eks.cluster"] = "aws.eks.cluster"
    version: str | None = None
    subnet_items: list[str] = Field(default_factory=list)
    security_group_items: list[str] = Field(default_factory=list)
    role_item: str | None = None
    node_groups: list[EksNodeGroupSpec] = Field(default_factory=list)


# --- network -------------------------------------------------------------------------------


class VpcSpec(Spec):
    type: Literal["aws.ec2.vpc"] = "aws.ec2.vpc"
    cidr_block: str
    additional_cidr_blocks: list[str] = Field(default_factory=list)


class SubnetSpec(Spec):
    type: Literal["aws.ec2.subnet"] = "aws.ec2.subnet"
    vpc_item: str
    cidr_block: str
    availability_zone: str
    map_public_ip_on_launch: bool = False


class SecurityGroupRule(_Part):
    protocol: str  # "-1" for all, else tcp/udp/icmp or a protocol number
    from_port: int | None = None
    to_port: int | None = None
    cidr_ipv4: list[str] = Field(default_factory=list)
    cidr_ipv6: list[str] = Field(default_factory=list)
    source_group_items: list[str] = Field(default_factory=list)
    self_reference: bool = False


class SecurityGroupSpec(Spec):
    """`default=True`: the VPC's own default group, adopted and given the source's rules."""

    type: Literal["aws.ec2.security_group"] = "aws.ec2.security_group"
    vpc_item: str | None = None
    group_name: str
    description: str = ""
    default: bool = False
    ingress: list[SecurityGroupRule] = Field(default_factory=list)
    egress: list[SecurityGroupRule] = Field(default_factory=list)


class RouteSpec(_Part):
    destination_cidr: str
    gateway_item: str | None = None
    nat_gateway_item: str | None = None


class RouteTableSpec(Spec):
    type: Literal["aws.ec2.route_table"] = "aws.ec2.route_table"
    vpc_item: str
    main: bool = False
    routes: list[RouteSpec] = Field(default_factory=list)
    subnet_items: list[str] = Field(default_factory=list)


class InternetGatewaySpec(Spec):
    type: Literal["aws.ec2.internet_gateway"] = "aws.ec2.internet_gateway"
    vpc_item: str | None = None


class NatGatewaySpec(Spec):
    type: Literal["aws.ec2.nat_gateway"] = "aws.ec2.nat_gateway"
    subnet_item: str
    connectivity_type: Literal["public", "private"] = "public"


class ElasticIpSpec(Spec):
    type: Literal["aws.ec2.eip"] = "aws.ec2.eip"
    instance_item: str | None = None
    source_public_ip: str | None = None  # cannot move between accounts; kept for the DNS cutover


# --- edge ----------------------------------------------------------------------------------


class LoadBalancerSpec(Spec):
    type: Literal["aws.lb.load_balancer"] = "aws.lb.load_balancer"
    load_balancer_type: Literal["application", "network", "gateway"] = "application"
    internal: bool = False
    subnet_items: list[str] = Field(default_factory=list)
    security_group_items: list[str] = Field(default_factory=list)


class ClassicListenerSpec(_Part):
    lb_protocol: str
    lb_port: int
    instance_protocol: str
    instance_port: int


class ClassicLoadBalancerSpec(Spec):
    type: Literal["aws.elb.load_balancer"] = "aws.elb.load_balancer"
    internal: bool = False
    listeners: list[ClassicListenerSpec] = Field(default_factory=list)
    subnet_items: list[str] = Field(default_factory=list)
    security_group_items: list[str] = Field(default_factory=list)
    instance_items: list[str] = Field(default_factory=list)


class ListenerSpec(Spec):
    """`default_action` forward needs `target_group_item`; `fixed-response` is the stand-in
    when the source's default action (a redirect, say) was not inventoried in detail."""

    type: Literal["aws.lb.listener"] = "aws.lb.listener"
    load_balancer_item: str
    port: int
    protocol: str
    default_action: Literal["forward", "fixed-response"] = "forward"
    target_group_item: str | None = None
    certificate_item: str | None = None


class TargetGroupSpec(Spec):
    type: Literal["aws.lb.target_group"] = "aws.lb.target_group"
    vpc_item: str | None = None
    port: int | None = None
    protocol: str | None = None
    target_type: str = "instance"
    health_check_path: str | None = None
    health_check_port: str | None = None
    target_items: list[str] = Field(default_factory=list)


class HostedZoneSpec(Spec):
    type: Literal["aws.route53.zone"] = "aws.route53.zone"
    zone_name: str
    private: bool = False
    vpc_items: list[str] = Field(default_factory=list)


class AliasSpec(_Part):
    """An alias to a resource rebuilt by this plan (a load balancer or a distribution)."""

    target_item: str
    target_type: Literal["lb", "cdn"]
    evaluate_target_health: bool = False


class DnsRecordSpec(Spec):
    type: Literal["aws.route53.record"] = "aws.route53.record"
    zone_item: str
    record_name: str
    record_type: str
    ttl: int | None = None
    values: list[str] = Field(default_factory=list)
    alias: AliasSpec | None = None
    cname_target: AliasSpec | None = None  # a CNAME to a rebuilt load balancer or distribution
    set_identifier: str | None = None


class OriginSpec(_Part):
    origin_id: str
    domain_name: str  # the source origin's domain, used when no item is rebuilt for it
    bucket_item: str | None = None
    load_balancer_item: str | None = None


class DistributionSpec(Spec):
    type: Literal["aws.cloudfront.distribution"] = "aws.cloudfront.distribution"
    enabled: bool = True
    aliases: list[str] = Field(default_factory=list)
    origins: list[OriginSpec] = Field(default_factory=list)
    price_class: str = "PriceClass_All"
    certificate_item: str | None = None


class CertificateSpec(Spec):
    type: Literal["aws.acm.certificate"] = "aws.acm.certificate"
    domain_name: str
    subject_alternative_names: list[str] = Field(default_factory=list)
    validation_method: Literal["DNS"] = "DNS"


# --- data ----------------------------------------------------------------------------------


class DbInstanceSpec(Spec):
    type: Literal["aws.rds.instance"] = "aws.rds.instance"
    engine: str
    engine_version: str | None = None
    instance_class: str
    allocated_storage_gib: int | None = None
    storage_type: str | None = None
    iops: int | None = None
    multi_az: bool = False
    port: int | None = None
    backup_retention_days: int | None = None
    replica_source_item: str | None = None
    subnet_items: list[str] = Field(default_factory=list)
    security_group_items: list[str] = Field(default_factory=list)


class DbClusterInstanceSpec(Spec):
    type: Literal["aws.rds.cluster_instance"] = "aws.rds.cluster_instance"
    cluster_item: str
    engine: str
    engine_version: str | None = None
    instance_class: str


class DbClusterSpec(Spec):
    type: Literal["aws.rds.cluster"] = "aws.rds.cluster"
    engine: str
    engine_version: str | None = None
    engine_mode: str | None = None
    port: int | None = None
    allocated_storage_gib: int | None = None
    subnet_items: list[str] = Field(default_factory=list)
    security_group_items: list[str] = Field(default_factory=list)


class CacheReplicationGroupSpec(Spec):
    type: Literal["aws.elasticache.replication_group"] = "aws.elasticache.replication_group"
    engine: str = "redis"
    engine_version: str | None = None
    node_type: str
    num_nodes: int = 1  # every node, primaries and replicas
    cluster_mode: bool = False
    num_node_groups: int | None = None  # shards, in cluster mode
    multi_az: bool = False
    subnet_items: list[str] = Field(default_factory=list)
    security_group_items: list[str] = Field(default_factory=list)


class CacheClusterSpec(Spec):
    """Memcached: no replication groups, a plain cache cluster."""

    type: Literal["aws.elasticache.cluster"] = "aws.elasticache.cluster"
    engine: Literal["memcached"] = "memcached"
    engine_version: str | None = None
    node_type: str
    num_nodes: int = 1
    subnet_items: list[str] = Field(default_factory=list)
    security_group_items: list[str] = Field(default_factory=list)


class KeyAttribute(_Part):
    name: str
    attribute_type: Literal["S", "N", "B"]
    key_type: Literal["HASH", "RANGE"]


class DynamoTableSpec(Spec):
    type: Literal["aws.dynamodb.table"] = "aws.dynamodb.table"
    billing_mode: Literal["PROVISIONED", "PAY_PER_REQUEST"] = "PAY_PER_REQUEST"
    keys: list[KeyAttribute]
    read_capacity: int | None = None
    write_capacity: int | None = None
    stream_view_type: str | None = None  # None: no stream


# --- storage -------------------------------------------------------------------------------


class VolumeSpec(Spec):
    type: Literal["aws.ebs.volume"] = "aws.ebs.volume"
    availability_zone: str
    size_gib: int
    volume_type: str = "gp3"
    iops: int | None = None
    throughput_mibps: int | None = None
    encrypted: bool = False


class BucketSpec(Spec):
    type: Literal["aws.s3.bucket"] = "aws.s3.bucket"
    bucket: str
    versioning: Literal["Enabled", "Suspended", "Disabled"] = "Disabled"
    website: bool = False
    website_index_document: str = "index.html"


class FileSystemSpec(Spec):
    type: Literal["aws.efs.file_system"] = "aws.efs.file_system"
    performance_mode: str = "generalPurpose"
    throughput_mode: str = "bursting"
    encrypted: bool = True
    mount_subnet_items: list[str] = Field(default_factory=list)


class RepositorySpec(Spec):
    type: Literal["aws.ecr.repository"] = "aws.ecr.repository"
    repository_name: str


# --- messaging -----------------------------------------------------------------------------


class QueueSpec(Spec):
    type: Literal["aws.sqs.queue"] = "aws.sqs.queue"
    fifo: bool = False
    visibility_timeout_s: int | None = None
    retention_s: int | None = None
    dead_letter_queue_item: str | None = None
    max_receive_count: int = 5


class SubscriptionSpec(_Part):
    protocol: Literal["sqs", "lambda"]
    endpoint_item: str


class TopicSpec(Spec):
    type: Literal["aws.sns.topic"] = "aws.sns.topic"
    fifo: bool = False
    subscriptions: list[SubscriptionSpec] = Field(default_factory=list)


# --- security ------------------------------------------------------------------------------


class RoleSpec(Spec):
    type: Literal["aws.iam.role"] = "aws.iam.role"
    role_name: str
    path: str = "/"
    trusted_services: list[str] = Field(default_factory=list)
    aws_managed_policy_arns: list[str] = Field(default_factory=list)
    policy_names_to_recreate: list[str] = Field(default_factory=list)  # customer-managed or unknown
    inline_policy_names: list[str] = Field(default_factory=list)


class SecretSpec(Spec):
    type: Literal["aws.secretsmanager.secret"] = "aws.secretsmanager.secret"
    secret_name: str
    kms_key_item: str | None = None


class KmsKeySpec(Spec):
    type: Literal["aws.kms.key"] = "aws.kms.key"
    key_spec: str = "SYMMETRIC_DEFAULT"
    key_usage: str = "ENCRYPT_DECRYPT"
    aliases: list[str] = Field(default_factory=list)


class KeyPairSpec(Spec):
    """The public key is not in the inventory (only a fingerprint): the stack imports it
    from config `planner:publicKey-<item id>`, and lists the key pair as manual without it."""

    type: Literal["aws.ec2.key_pair"] = "aws.ec2.key_pair"
    key_name: str
    key_type: str = "rsa"
    source_fingerprint: str | None = None


SPEC_TYPES: dict[str, type[Spec]] = {
    spec_class.model_fields["type"].default: spec_class
    for spec_class in (
        InstanceSpec,
        LaunchTemplateSpec,
        AutoScalingGroupSpec,
        LambdaFunctionSpec,
        EcsClusterSpec,
        EcsTaskDefinitionSpec,
        EcsServiceSpec,
        EksClusterSpec,
        VpcSpec,
        SubnetSpec,
        SecurityGroupSpec,
        RouteTableSpec,
        InternetGatewaySpec,
        NatGatewaySpec,
        ElasticIpSpec,
        LoadBalancerSpec,
        ClassicLoadBalancerSpec,
        ListenerSpec,
        TargetGroupSpec,
        HostedZoneSpec,
        DnsRecordSpec,
        DistributionSpec,
        CertificateSpec,
        DbInstanceSpec,
        DbClusterInstanceSpec,
        DbClusterSpec,
        CacheReplicationGroupSpec,
        CacheClusterSpec,
        DynamoTableSpec,
        VolumeSpec,
        BucketSpec,
        FileSystemSpec,
        RepositorySpec,
        QueueSpec,
        TopicSpec,
        RoleSpec,
        SecretSpec,
        KmsKeySpec,
        KeyPairSpec,
    )
}


def parse_spec(target: dict[str, Any]) -> Spec:
    """A plan item's `target` dict back as its spec model (ValueError for an unknown type)."""
    spec_type = target.get("type")
    spec_class = SPEC_TYPES.get(str(spec_type))
    if spec_class is None:
        raise ValueError(f"unknown AWS target type {spec_type!r}")
    return spec_class.model_validate(target)
