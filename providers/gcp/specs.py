"""Google Cloud target specs: what a plan item becomes, as the GCP stack reads it.

A plan item's `target` is `Spec.model_dump()`. Each spec names its GCP type
(`gcp.compute.instance`...), the resource name, region or zone, labels and
sizes. References to other resources are plan item ids (`network: "net-main"`),
never AWS ids; the stack resolves them to Pulumi outputs.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field


class GcpSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: str
    name: str
    labels: dict[str, str] = Field(default_factory=dict)

    # Fields holding plan item ids (a string, a list of strings, or None).
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ()

    def referenced_ids(self) -> list[str]:
        """Plan item ids this spec refers to, in field order."""
        found: list[str] = []
        for field_name in self.REFERENCE_FIELDS:
            value = getattr(self, field_name)
            found.extend([value] if isinstance(value, str) else list(value or []))
        return found


# ---- network ----------------------------------------------------------------


class NetworkSpec(GcpSpec):
    type: Literal["gcp.compute.network"] = "gcp.compute.network"
    routing_mode: Literal["REGIONAL", "GLOBAL"] = "REGIONAL"
    source_cidrs: list[str] = Field(default_factory=list)  # the VPC's ranges, for review only


class SubnetworkSpec(GcpSpec):
    type: Literal["gcp.compute.subnetwork"] = "gcp.compute.subnetwork"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('network',)
    region: str
    network: str  # plan item id of the network
    ip_cidr_range: str
    private_ip_google_access: bool = True


class FirewallRuleSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    direction: Literal["INGRESS", "EGRESS"]
    protocol: str  # tcp | udp | icmp | all
    ports: list[str] = Field(default_factory=list)  # "80", "1024-2048"; empty = every port
    ranges: list[str] = Field(default_factory=list)  # source ranges (ingress) or destination ranges (egress)
    deny: bool = False
    priority: int = 1000
    source_tags: list[str] = Field(default_factory=list)  # network tags of referenced firewall items


class FirewallSpec(GcpSpec):
    type: Literal["gcp.compute.firewall"] = "gcp.compute.firewall"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('network',)
    network: str
    target_tag: str  # instances carrying this network tag get the rules (the security group membership)
    rules: list[FirewallRuleSpec] = Field(default_factory=list)


class RouteSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    dest_range: str
    next_hop_instance: str | None = None  # plan item id of a compute.vm
    next_hop_ip: str | None = None


class RoutesSpec(GcpSpec):
    type: Literal["gcp.compute.routes"] = "gcp.compute.routes"
    network: str
    routes: list[RouteSpec] = Field(default_factory=list)

    def referenced_ids(self) -> list[str]:
        return [self.network] + [route.next_hop_instance for route in self.routes if route.next_hop_instance]


class CloudNatSpec(GcpSpec):
    type: Literal["gcp.compute.router_nat"] = "gcp.compute.router_nat"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('network',)
    region: str
    network: str
    router_name: str


class AddressSpec(GcpSpec):
    type: Literal["gcp.compute.address"] = "gcp.compute.address"
    region: str
    network_tier: Literal["PREMIUM", "STANDARD"] = "PREMIUM"
    instance: str | None = None  # plan item id of the VM that uses it as its external address


# ---- compute ----------------------------------------------------------------


class AcceleratorSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: str  # nvidia-tesla-t4
    count: int


class _MachineShape(GcpSpec):
    machine_type: str
    vcpu: float
    memory_gb: float
    boot_image: str  # image family, "project/family"
    boot_disk_gb: int
    boot_disk_type: str = "pd-balanced"
    accelerator: AcceleratorSpec | None = None  # GPUs the machine type does not bundle
    network: str | None = None
    subnetwork: str | None = None
    network_tags: list[str] = Field(default_factory=list)  # firewall target tags


class InstanceSpec(_MachineShape):
    type: Literal["gcp.compute.instance"] = "gcp.compute.instance"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('network', 'subnetwork', 'disks', 'external_address')
    region: str
    zone: str
    disks: list[str] = Field(default_factory=list)  # plan item ids of storage.block items to attach
    external_address: str | None = None  # plan item id of a network.ip item
    ephemeral_public_ip: bool = False


class InstanceTemplateSpec(_MachineShape):
    type: Literal["gcp.compute.instance_template"] = "gcp.compute.instance_template"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('network', 'subnetwork')
    region: str


class NamedPortSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    port: int


class InstanceGroupSpec(GcpSpec):
    type: Literal["gcp.compute.region_instance_group_manager"] = "gcp.compute.region_instance_group_manager"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('instance_template',)
    region: str
    instance_template: str | None  # plan item id of the compute.template item
    base_instance_name: str
    target_size: int
    min_replicas: int
    max_replicas: int
    named_ports: list[NamedPortSpec] = Field(default_factory=list)


class DiskSpec(GcpSpec):
    type: Literal["gcp.compute.disk"] = "gcp.compute.disk"
    zone: str
    size_gb: int
    disk_type: str  # pd-balanced | pd-ssd | pd-standard | hyperdisk-extreme
    provisioned_iops: int | None = None
    provisioned_throughput: int | None = None


class CloudFunctionSpec(GcpSpec):
    type: Literal["gcp.cloudfunctions2.function"] = "gcp.cloudfunctions2.function"
    region: str
    runtime: str
    entry_point: str
    memory_mb: int
    timeout_s: int
    source_object: str  # zip the operator uploads to the stack's function-source bucket


class CloudRunServiceSpec(GcpSpec):
    type: Literal["gcp.cloudrun.service"] = "gcp.cloudrun.service"
    region: str
    image: str  # a placeholder until the operator pushes the real image
    memory_mb: int
    timeout_s: int


class GkeClusterSpec(GcpSpec):
    type: Literal["gcp.container.cluster"] = "gcp.container.cluster"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('network', 'subnetwork')
    region: str
    autopilot: bool = True
    network: str | None = None
    subnetwork: str | None = None
    release_channel: str = "REGULAR"


class OsLoginSpec(GcpSpec):
    type: Literal["gcp.compute.os_login"] = "gcp.compute.os_login"
    key_name: str
    key_type: str
    fingerprint: str


# ---- edge -------------------------------------------------------------------


class ClassicListenerSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    protocol: str
    port: int
    instance_port: int


class LoadBalancerSpec(GcpSpec):
    """A global external Application LB (HTTP/S) or a regional external passthrough Network LB."""

    type: Literal["gcp.compute.load_balancer"] = "gcp.compute.load_balancer"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('classic_instances',)
    lb_type: Literal["application", "network"]
    region: str
    internal: bool = False
    # Classic ELBs carry their listeners and instances inline (no listener/target-group items).
    classic_listeners: list[ClassicListenerSpec] = Field(default_factory=list)
    classic_instances: list[str] = Field(default_factory=list)
    health_check_port: int | None = None


class LbFrontendSpec(GcpSpec):
    """Forwarding rule + target proxy + URL map of one listener."""

    type: Literal["gcp.compute.lb_frontend"] = "gcp.compute.lb_frontend"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('load_balancer', 'certificates', 'default_backend')
    load_balancer: str
    lb_type: Literal["application", "network"]
    region: str
    protocol: str  # HTTP | HTTPS | TCP | UDP | TLS
    port: int
    certificates: list[str] = Field(default_factory=list)  # plan item ids of cert items
    default_backend: str | None = None  # plan item id of an lb.backend item
    https_redirect: bool = False  # the listener only redirects to HTTPS (no backend)


class BackendServiceSpec(GcpSpec):
    type: Literal["gcp.compute.backend_service"] = "gcp.compute.backend_service"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('instance_groups', 'instances')
    lb_type: Literal["application", "network"]
    region: str
    protocol: str  # HTTP | HTTPS | TCP | UDP
    port: int
    port_name: str
    health_check_path: str | None = None
    health_check_port: int | None = None
    instance_groups: list[str] = Field(default_factory=list)  # plan item ids of compute.group items
    instances: list[str] = Field(default_factory=list)  # plan item ids of compute.vm items


class DnsZoneSpec(GcpSpec):
    type: Literal["gcp.dns.managed_zone"] = "gcp.dns.managed_zone"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('networks',)
    dns_name: str  # with the trailing dot
    visibility: Literal["public", "private"] = "public"
    networks: list[str] = Field(default_factory=list)


class DnsRecordSpec(GcpSpec):
    type: Literal["gcp.dns.record_set"] = "gcp.dns.record_set"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('managed_zone', 'address_from')
    managed_zone: str  # plan item id of the zone
    record_name: str  # fully qualified, trailing dot
    record_type: str
    ttl: int
    rrdatas: list[str] = Field(default_factory=list)
    address_from: str | None = None  # plan item id whose address becomes the A record (alias records)


class CdnSpec(GcpSpec):
    type: Literal["gcp.compute.cdn"] = "gcp.compute.cdn"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('backend_buckets', 'certificates')
    backend_buckets: list[str] = Field(default_factory=list)  # plan item ids of storage.object items
    certificates: list[str] = Field(default_factory=list)
    domains: list[str] = Field(default_factory=list)


class CertificateSpec(GcpSpec):
    type: Literal["gcp.certificatemanager.certificate"] = "gcp.certificatemanager.certificate"
    domains: list[str]
    scope: str = "DEFAULT"


# ---- data -------------------------------------------------------------------


class SqlInstanceSpec(GcpSpec):
    type: Literal["gcp.sql.database_instance"] = "gcp.sql.database_instance"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('master', 'network')
    region: str
    zone: str
    database_version: str  # POSTGRES_15
    tier: str  # db-custom-2-7680
    vcpu: int
    memory_mb: int
    edition: Literal["ENTERPRISE"] = "ENTERPRISE"  # db-custom-* tiers need the Enterprise edition
    availability_type: Literal["ZONAL", "REGIONAL"] = "ZONAL"
    disk_size_gb: int
    disk_type: Literal["PD_SSD", "PD_HDD"] = "PD_SSD"
    disk_autoresize: bool = True
    backup_retention_days: int = 7
    master: str | None = None  # plan item id of the primary, for read replicas
    network: str | None = None  # plan item id: private IP through Private Service Access


class RedisSpec(GcpSpec):
    type: Literal["gcp.redis.instance"] = "gcp.redis.instance"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('network',)
    region: str
    tier: Literal["BASIC", "STANDARD_HA"]
    memory_size_gb: int
    redis_version: str
    replica_count: int = 0
    network: str | None = None


class MemcacheSpec(GcpSpec):
    type: Literal["gcp.memcache.instance"] = "gcp.memcache.instance"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('network',)
    region: str
    node_count: int
    cpu_count: int
    memory_size_mb: int
    memcache_version: str = "MEMCACHE_1_5"
    network: str | None = None


class FirestoreSpec(GcpSpec):
    type: Literal["gcp.firestore.database"] = "gcp.firestore.database"
    location_id: str
    database_type: Literal["FIRESTORE_NATIVE", "DATASTORE_MODE"] = "FIRESTORE_NATIVE"
    point_in_time_recovery: bool = False


# ---- storage ----------------------------------------------------------------


class WebsiteSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    main_page_suffix: str = "index.html"
    not_found_page: str = "404.html"


class BucketSpec(GcpSpec):
    type: Literal["gcp.storage.bucket"] = "gcp.storage.bucket"
    location: str
    storage_class: str = "STANDARD"
    versioning: bool = False
    website: WebsiteSpec | None = None


class FilestoreSpec(GcpSpec):
    type: Literal["gcp.filestore.instance"] = "gcp.filestore.instance"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('network',)
    location: str  # a zone for BASIC_* tiers, a region for REGIONAL
    tier: str
    capacity_gb: int
    share_name: str = "share1"
    network: str | None = None


class ArtifactRepositorySpec(GcpSpec):
    type: Literal["gcp.artifactregistry.repository"] = "gcp.artifactregistry.repository"
    region: str
    format: Literal["DOCKER"] = "DOCKER"


# ---- messaging --------------------------------------------------------------


class PubSubTopicSpec(GcpSpec):
    type: Literal["gcp.pubsub.topic"] = "gcp.pubsub.topic"
    push_endpoints: list[str] = Field(default_factory=list)  # https subscribers become push subscriptions


class PubSubQueueSpec(GcpSpec):
    """An SQS queue as a topic plus one pull subscription."""

    type: Literal["gcp.pubsub.queue"] = "gcp.pubsub.queue"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('dead_letter_queue',)
    subscription_name: str
    ack_deadline_seconds: int
    message_retention_seconds: int
    message_ordering: bool = False
    exactly_once_delivery: bool = False
    dead_letter_queue: str | None = None  # plan item id of another queue item
    max_delivery_attempts: int = 5


# ---- security ---------------------------------------------------------------


class SecretSpec(GcpSpec):
    type: Literal["gcp.secretmanager.secret"] = "gcp.secretmanager.secret"
    rotation_enabled_at_source: bool = False


class KmsKeySpec(GcpSpec):
    type: Literal["gcp.kms.crypto_key"] = "gcp.kms.crypto_key"
    location: str
    key_ring: str
    purpose: str  # ENCRYPT_DECRYPT | ASYMMETRIC_SIGN | ASYMMETRIC_DECRYPT | MAC
    algorithm: str


SPEC_TYPES: dict[str, type[GcpSpec]] = {
    model.model_fields["type"].default: model
    for model in (
        NetworkSpec,
        SubnetworkSpec,
        FirewallSpec,
        RoutesSpec,
        CloudNatSpec,
        AddressSpec,
        InstanceSpec,
        InstanceTemplateSpec,
        InstanceGroupSpec,
        DiskSpec,
        CloudFunctionSpec,
        CloudRunServiceSpec,
        GkeClusterSpec,
        OsLoginSpec,
        LoadBalancerSpec,
        LbFrontendSpec,
        BackendServiceSpec,
        DnsZoneSpec,
        DnsRecordSpec,
        CdnSpec,
        CertificateSpec,
        SqlInstanceSpec,
        RedisSpec,
        MemcacheSpec,
        FirestoreSpec,
        BucketSpec,
        FilestoreSpec,
        ArtifactRepositorySpec,
        PubSubTopicSpec,
        PubSubQueueSpec,
        SecretSpec,
        KmsKeySpec,
    )
}


def parse_spec(target: dict[str, Any]) -> GcpSpec:
    """The typed spec of a plan item's `target` dict (KeyError on an unknown type)."""
    return SPEC_TYPES[target["type"]].model_validate(target)
