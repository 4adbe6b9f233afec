"""The demo's sample footprint: a Parler-sized social network on AWS, as data.

"Soapbox" runs its main site in us-east-1, a warm standby (API fleet and a
cross-region database replica) in us-west-2, and an edge site for EU users in
eu-west-1. The tables below say what exists; `planner.demo.seed` turns them
into emulator calls, one small function per service.

Everything here is invented for the demo, including the planted secrets: they
let the demo show that an inventory never carries a secret value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAIN_REGION = "us-east-1"
STANDBY_REGION = "us-west-2"
EDGE_REGION = "eu-west-1"
REGIONS: tuple[str, ...] = (MAIN_REGION, STANDBY_REGION, EDGE_REGION)

DOMAIN = "soapbox.example"  # .example is reserved (RFC 2606): it can never be a real site

# Values that must never reach inventory.json. The markers make a leak easy to grep for.
PLANTED_SECRETS: dict[str, str] = {
    "db_master_password": "PLANTED-db-master-9c1f7e2a",
    "payments_api_key": "PLANTED-payments-key-4b8d2a61",
    "redis_auth_token": "PLANTED-redis-auth-77e0c3d9",
    "push_signing_key": "PLANTED-push-signing-0a5e9b14",
    "jwt_signing_key": "PLANTED-jwt-signing-d3f6c872",
}
DATABASE_URL = f"postgres://soapbox:{PLANTED_SECRETS['db_master_password']}@db.internal:5432/soapbox"


# --- network -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SubnetSpec:
    name: str
    cidr: str
    zone_suffix: str  # "a" -> us-east-1a
    public: bool


@dataclass(frozen=True)
class IngressRule:
    port: int
    source: str  # a CIDR, or the name of another security group of the same network


@dataclass(frozen=True)
class SecurityGroupSpec:
    name: str
    description: str
    ingress: tuple[IngressRule, ...]


@dataclass(frozen=True)
class NetworkSpec:
    region: str
    name: str
    cidr: str
    subnets: tuple[SubnetSpec, ...]
    security_groups: tuple[SecurityGroupSpec, ...]
    nat_gateway: bool  # one NAT gateway (with its Elastic IP) for the private subnets


def _sg(name: str, description: str, *rules: tuple[int, str]) -> SecurityGroupSpec:
    return SecurityGroupSpec(name, description, tuple(IngressRule(port, source) for port, source in rules))


ANYWHERE = "0.0.0.0/0"

NETWORKS: tuple[NetworkSpec, ...] = (
    NetworkSpec(
        region=MAIN_REGION,
        name="soapbox-prod",
        cidr="10.10.0.0/16",
        subnets=(
            SubnetSpec("public-a", "10.10.0.0/20", "a", True),
            SubnetSpec("public-b", "10.10.16.0/20", "b", True),
            SubnetSpec("private-a", "10.10.64.0/19", "a", False),
            SubnetSpec("private-b", "10.10.96.0/19", "b", False),
        ),
        security_groups=(
            _sg("alb", "Public HTTPS", (443, ANYWHERE), (80, ANYWHERE)),
            _sg("web", "Web fleet behind the ALB", (8080, "alb")),
            _sg("api", "API fleet behind the ALB", (8443, "alb")),
            _sg("worker", "Background workers, no inbound", ),
            _sg("transcoder", "GPU media transcoders, no inbound", ),
            _sg("postgres", "PostgreSQL from the app tiers", (5432, "web"), (5432, "api"), (5432, "worker")),
            _sg("redis", "Redis from the app tiers", (6379, "web"), (6379, "api"), (6379, "worker")),
            _sg("efs", "NFS for the media staging share", (2049, "worker"), (2049, "transcoder")),
        ),
        nat_gateway=True,
    ),
    NetworkSpec(
        region=STANDBY_REGION,
        name="soapbox-standby",
        cidr="10.20.0.0/16",
        subnets=(
            SubnetSpec("public-a", "10.20.0.0/20", "a", True),
            SubnetSpec("private-b", "10.20.64.0/19", "b", False),
        ),
        security_groups=(
            _sg("api", "Standby API fleet", (8443, "10.10.0.0/16")),
            _sg("postgres", "Cross-region replica", (5432, "api")),
        ),
        nat_gateway=False,
    ),
    NetworkSpec(
        region=EDGE_REGION,
        name="soapbox-eu",
        cidr="10.30.0.0/16",
        subnets=(
            SubnetSpec("public-a", "10.30.0.0/20", "a", True),
            SubnetSpec("public-b", "10.30.16.0/20", "b", True),
        ),
        security_groups=(
            _sg("alb", "Public HTTPS for EU users", (443, ANYWHERE)),
            _sg("web", "EU web fleet behind the ALB", (8080, "alb"), (6379, "web")),
        ),
        nat_gateway=False,
    ),
)

KEY_PAIRS: tuple[tuple[str, str], ...] = ((MAIN_REGION, "soapbox-ops"),)


# --- identity and keys ---------------------------------------------------------------------


@dataclass(frozen=True)
class PolicySpec:
    """A customer-managed IAM policy: one statement of actions on resources."""

    name: str
    actions: tuple[str, ...]
    resources: tuple[str, ...] = ("*",)


POLICIES: tuple[PolicySpec, ...] = (
    PolicySpec("soapbox-media-read", ("s3:GetObject", "s3:ListBucket"), ("arn:aws:s3:::soapbox-*",)),
    PolicySpec("soapbox-media-write", ("s3:PutObject", "s3:DeleteObject"), ("arn:aws:s3:::soapbox-media/*",)),
    PolicySpec("soapbox-queues", ("sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sns:Publish")),
    PolicySpec("soapbox-logs", ("logs:CreateLogStream", "logs:PutLogEvents")),
    PolicySpec("soapbox-secrets-read", ("secretsmanager:GetSecretValue", "kms:Decrypt")),
    PolicySpec("soapbox-cluster", ("ec2:Describe*", "elasticloadbalancing:*", "ecr:GetAuthorizationToken")),
)


@dataclass(frozen=True)
class RoleSpec:
    name: str
    trusted_service: str
    policies: tuple[str, ...]  # names from POLICIES
    instance_profile: bool = False


ROLES: tuple[RoleSpec, ...] = (
    RoleSpec("soapbox-web", "ec2.amazonaws.com", ("soapbox-media-read", "soapbox-logs"), instance_profile=True),
    RoleSpec("soapbox-api", "ec2.amazonaws.com", ("soapbox-media-write", "soapbox-queues", "soapbox-secrets-read"),
             instance_profile=True),
    RoleSpec("soapbox-worker", "ec2.amazonaws.com", ("soapbox-queues", "soapbox-secrets-read"), instance_profile=True),
    RoleSpec("soapbox-transcoder", "ec2.amazonaws.com", ("soapbox-media-read", "soapbox-media-write"),
             instance_profile=True),
    RoleSpec("soapbox-lambda", "lambda.amazonaws.com", ("soapbox-logs", "soapbox-media-read", "soapbox-queues")),
    RoleSpec("soapbox-ecs-task", "ecs-tasks.amazonaws.com", ("soapbox-logs", "soapbox-queues")),
    RoleSpec("soapbox-eks", "eks.amazonaws.com", ("soapbox-cluster",)),
    RoleSpec("soapbox-eks-node", "ec2.amazonaws.com", ("soapbox-cluster", "soapbox-logs")),
)

# (region, alias): one customer-managed key per region that stores data.
KMS_KEYS: tuple[tuple[str, str], ...] = (
    (MAIN_REGION, "alias/soapbox-data"),
    (STANDBY_REGION, "alias/soapbox-standby-data"),
)


@dataclass(frozen=True)
class SecretSpec:
    region: str
    name: str
    value: str
    kms_alias: str | None


SECRETS: tuple[SecretSpec, ...] = (
    SecretSpec(MAIN_REGION, "soapbox/prod/postgres-master", PLANTED_SECRETS["db_master_password"], "alias/soapbox-data"),
    SecretSpec(MAIN_REGION, "soapbox/prod/payments", PLANTED_SECRETS["payments_api_key"], None),
)


# --- compute -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FleetSpec:
    """An Auto Scaling group built from its own launch template."""

    name: str
    region: str
    instance_type: str
    desired: int
    max_size: int
    subnet_names: tuple[str, ...]
    security_group: str
    role: str
    target_group: str | None  # "<load balancer>/<target group>"
    user_data: str


def _user_data(service: str, *exports: str) -> str:
    lines = ["#!/bin/bash", "set -euo pipefail", *(f"export {line}" for line in exports), f"systemctl start {service}"]
    return "\n".join(lines) + "\n"


FLEETS: tuple[FleetSpec, ...] = (
    FleetSpec("web", MAIN_REGION, "m5.xlarge", 6, 12, ("private-a", "private-b"), "web", "soapbox-web",
              "soapbox-prod/web", _user_data("soapbox-web", f"JWT_SIGNING_KEY={PLANTED_SECRETS['jwt_signing_key']}")),
    FleetSpec("api", MAIN_REGION, "c5.2xlarge", 4, 10, ("private-a", "private-b"), "api", "soapbox-api",
              "soapbox-prod/api", _user_data("soapbox-api", f"DATABASE_URL={DATABASE_URL}")),
    FleetSpec("worker", MAIN_REGION, "r5.large", 4, 8, ("private-a", "private-b"), "worker", "soapbox-worker",
              None, _user_data("soapbox-worker", f"REDIS_AUTH={PLANTED_SECRETS['redis_auth_token']}")),
    FleetSpec("transcoder", MAIN_REGION, "g4dn.xlarge", 2, 6, ("private-a",), "transcoder", "soapbox-transcoder",
              None, _user_data("soapbox-transcoder", "FFMPEG_THREADS=8")),
    FleetSpec("api-standby", STANDBY_REGION, "c5.2xlarge", 2, 10, ("private-b",), "api", "soapbox-api",
              None, _user_data("soapbox-api", f"DATABASE_URL={DATABASE_URL}")),
    FleetSpec("web-eu", EDGE_REGION, "m5.xlarge", 3, 8, ("public-a", "public-b"), "web", "soapbox-web",
              "soapbox-eu/web", _user_data("soapbox-web", f"JWT_SIGNING_KEY={PLANTED_SECRETS['jwt_signing_key']}")),
)


@dataclass(frozen=True)
class TargetGroupSpec:
    name: str
    port: int
    health_check_path: str


@dataclass(frozen=True)
class ListenerSpec:
    port: int
    protocol: str  # HTTP or HTTPS
    target_group: str
    certificate_domain: str | None = None


@dataclass(frozen=True)
class LoadBalancerSpec:
    name: str
    region: str
    network: str
    subnet_names: tuple[str, ...]
    security_group: str
    target_groups: tuple[TargetGroupSpec, ...]
    listeners: tuple[ListenerSpec, ...]


LOAD_BALANCERS: tuple[LoadBalancerSpec, ...] = (
    LoadBalancerSpec(
        "soapbox-prod", MAIN_REGION, "soapbox-prod", ("public-a", "public-b"), "alb",
        (TargetGroupSpec("web", 8080, "/healthz"), TargetGroupSpec("api", 8443, "/v1/health")),
        (ListenerSpec(80, "HTTP", "web"), ListenerSpec(443, "HTTPS", "web", DOMAIN)),
    ),
    LoadBalancerSpec(
        "soapbox-eu", EDGE_REGION, "soapbox-eu", ("public-a", "public-b"), "alb",
        (TargetGroupSpec("web", 8080, "/healthz"),),
        (ListenerSpec(443, "HTTPS", "web", f"eu.{DOMAIN}"),),
    ),
)


@dataclass(frozen=True)
class FunctionSpec:
    name: str
    region: str
    runtime: str
    handler: str
    memory_mb: int
    timeout_s: int
    environment: dict[str, str]


FUNCTIONS: tuple[FunctionSpec, ...] = (
    FunctionSpec("soapbox-thumbnailer", MAIN_REGION, "python3.12", "app.handler", 1536, 60, {"MEDIA_BUCKET": "soapbox-media"}),
    FunctionSpec("soapbox-push-notifier", MAIN_REGION, "nodejs20.x", "index.handler", 256, 15,
                 {"PUSH_SIGNING_KEY": PLANTED_SECRETS["push_signing_key"], "LOG_LEVEL": "info"}),
    FunctionSpec("soapbox-payments-webhook", MAIN_REGION, "python3.12", "app.handler", 512, 30,
                 {"PAYMENTS_API_KEY": PLANTED_SECRETS["payments_api_key"], "DATABASE_URL": DATABASE_URL}),
    FunctionSpec("soapbox-link-preview", MAIN_REGION, "python3.12", "app.handler", 512, 10, {"USER_AGENT": "SoapboxBot/1.0"}),
)


@dataclass(frozen=True)
class EcsServiceSpec:
    name: str
    image_repository: str
    cpu: int
    memory_mib: int
    desired: int
    port: int


@dataclass(frozen=True)
class EcsClusterSpec:
    name: str
    region: str
    services: tuple[EcsServiceSpec, ...]


ECS_CLUSTERS: tuple[EcsClusterSpec, ...] = (
    EcsClusterSpec("soapbox-jobs", MAIN_REGION, (
        EcsServiceSpec("feed-fanout", "soapbox/worker", 1024, 2048, 3, 9000),
        EcsServiceSpec("search-indexer", "soapbox/worker", 2048, 4096, 2, 9100),
    )),
)


@dataclass(frozen=True)
class EksClusterSpec:
    name: str
    region: str
    version: str
    subnet_names: tuple[str, ...]
    nodegroup_instance_type: str
    nodegroup_size: int


EKS_CLUSTERS: tuple[EksClusterSpec, ...] = (
    EksClusterSpec("soapbox-ranking", MAIN_REGION, "1.29", ("private-a", "private-b"), "m5.2xlarge", 3),
)

# (region, repository name, image tags)
ECR_REPOSITORIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (MAIN_REGION, "soapbox/web", ("v412", "v413")),
    (MAIN_REGION, "soapbox/api", ("v388",)),
    (MAIN_REGION, "soapbox/worker", ("v97", "v98")),
)


# --- data ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReplicaSpec:
    name: str
    region: str
    instance_class: str


@dataclass(frozen=True)
class DatabaseSpec:
    name: str
    region: str
    engine: str
    engine_version: str
    instance_class: str
    storage_gib: int
    iops: int
    multi_az: bool
    replicas: tuple[ReplicaSpec, ...]


DATABASES: tuple[DatabaseSpec, ...] = (
    DatabaseSpec(
        "soapbox-main", MAIN_REGION, "postgres", "13.7", "db.r5.2xlarge", 4000, 12000, True,
        (
            ReplicaSpec("soapbox-main-replica-1", MAIN_REGION, "db.r5.2xlarge"),
            ReplicaSpec("soapbox-main-replica-2", MAIN_REGION, "db.r5.2xlarge"),
            ReplicaSpec("soapbox-main-standby", STANDBY_REGION, "db.r5.2xlarge"),
        ),
    ),
)


@dataclass(frozen=True)
class CacheSpec:
    name: str
    region: str
    node_type: str
    nodes: int
    engine_version: str


CACHES: tuple[CacheSpec, ...] = (
    CacheSpec("soapbox-sessions", MAIN_REGION, "cache.r5.large", 3, "6.2"),  # replication group: primary + 2
    CacheSpec("soapbox-eu-cache", EDGE_REGION, "cache.m5.large", 1, "6.2"),  # single-node cluster
)


@dataclass(frozen=True)
class TableSpec:
    name: str
    region: str
    hash_key: str
    range_key: str | None
    on_demand: bool
    sample_items: int


TABLES: tuple[TableSpec, ...] = (
    TableSpec("soapbox-sessions", MAIN_REGION, "session_id", None, True, 20),
    TableSpec("soapbox-feed-items", MAIN_REGION, "user_id", "posted_at", False, 40),
    TableSpec("soapbox-notifications", MAIN_REGION, "user_id", "created_at", True, 25),
    TableSpec("soapbox-rate-limits", MAIN_REGION, "client_key", None, True, 10),
)

TB = 1000**4


@dataclass(frozen=True)
class BucketSpec:
    """A bucket; `reported_bytes`/`reported_objects` are what CloudWatch's daily storage metrics say.

    Buckets without reported figures hold `sample_objects`, a few small real
    objects, and CloudWatch reports their real total.
    """

    name: str
    region: str
    versioning: bool = False
    website: bool = False
    reported_bytes: int | None = None
    reported_objects: int | None = None
    sample_objects: tuple[str, ...] = field(default_factory=tuple)


BUCKETS: tuple[BucketSpec, ...] = (
    # The media store: what users uploaded. Photos and videos average about 490 KB.
    BucketSpec("soapbox-media", MAIN_REGION, versioning=True, reported_bytes=70 * TB, reported_objects=142_000_000),
    BucketSpec("soapbox-avatars", MAIN_REGION, sample_objects=("u/1001.jpg", "u/1002.jpg", "u/1003.jpg")),
    BucketSpec("soapbox-static-site", MAIN_REGION, website=True, sample_objects=("index.html", "app.js", "app.css")),
    BucketSpec("soapbox-logs", MAIN_REGION, sample_objects=("alb/2021/01/09/part-0000.gz",)),
    BucketSpec("soapbox-db-backups", STANDBY_REGION, versioning=True, sample_objects=("pg/base-2021-01-09.tar.zst",)),
    BucketSpec("soapbox-eu-media-cache", EDGE_REGION, sample_objects=("hot/aa/aa01.jpg", "hot/ab/ab02.jpg")),
)


@dataclass(frozen=True)
class FileSystemSpec:
    name: str
    region: str
    subnet_names: tuple[str, ...]
    security_group: str


FILE_SYSTEMS: tuple[FileSystemSpec, ...] = (
    FileSystemSpec("soapbox-media-staging", MAIN_REGION, ("private-a", "private-b"), "efs"),
)


# --- messaging -----------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueSpec:
    name: str
    region: str
    visibility_timeout_s: int = 30
    retention_s: int = 345600
    dead_letter_queue: str | None = None

    @property
    def fifo(self) -> bool:
        return self.name.endswith(".fifo")


QUEUES: tuple[QueueSpec, ...] = (
    QueueSpec("soapbox-transcode-dlq", MAIN_REGION, retention_s=1209600),
    QueueSpec("soapbox-transcode", MAIN_REGION, visibility_timeout_s=900, dead_letter_queue="soapbox-transcode-dlq"),
    QueueSpec("soapbox-feed-fanout", MAIN_REGION, visibility_timeout_s=60),
    QueueSpec("soapbox-notifications", MAIN_REGION),
    QueueSpec("soapbox-moderation.fifo", MAIN_REGION, visibility_timeout_s=120),
    QueueSpec("soapbox-eu-notifications", EDGE_REGION),
)


@dataclass(frozen=True)
class TopicSpec:
    name: str
    region: str
    queue_subscriptions: tuple[str, ...]


TOPICS: tuple[TopicSpec, ...] = (
    TopicSpec("soapbox-media-uploaded", MAIN_REGION, ("soapbox-transcode",)),
    TopicSpec("soapbox-post-created", MAIN_REGION, ("soapbox-feed-fanout", "soapbox-notifications")),
    TopicSpec("soapbox-ops-alerts", MAIN_REGION, ()),
)


# --- DNS and edge --------------------------------------------------------------------------

# (region, domain, subject alternative names)
CERTIFICATES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (MAIN_REGION, DOMAIN, (f"*.{DOMAIN}",)),
    (EDGE_REGION, f"eu.{DOMAIN}", ()),
)


@dataclass(frozen=True)
class DistributionSpec:
    name: str
    aliases: tuple[str, ...]
    origin_bucket: str
    certificate_domain: str
    price_class: str


DISTRIBUTIONS: tuple[DistributionSpec, ...] = (
    DistributionSpec("soapbox-media-cdn", (f"media.{DOMAIN}",), "soapbox-media", DOMAIN, "PriceClass_All"),
)


@dataclass(frozen=True)
class RecordSpec:
    """A record of the public zone. `alias` names a load balancer ("lb:NAME") or a CDN ("cdn:NAME")."""

    name: str
    type: str
    ttl: int | None = None
    values: tuple[str, ...] = ()
    alias: str | None = None


RECORDS: tuple[RecordSpec, ...] = (
    RecordSpec(DOMAIN, "A", alias="lb:soapbox-prod"),
    RecordSpec(f"www.{DOMAIN}", "CNAME", 300, (DOMAIN,)),
    RecordSpec(f"api.{DOMAIN}", "A", alias="lb:soapbox-prod"),
    RecordSpec(f"eu.{DOMAIN}", "A", alias="lb:soapbox-eu"),
    RecordSpec(f"media.{DOMAIN}", "A", alias="cdn:soapbox-media-cdn"),
    RecordSpec(f"status.{DOMAIN}", "CNAME", 60, ("soapbox.statuspage.example",)),
    RecordSpec(DOMAIN, "MX", 3600, ("10 mx1.mail.example", "20 mx2.mail.example")),
    RecordSpec(DOMAIN, "TXT", 3600, ('"v=spf1 include:mail.example -all"',)),
    RecordSpec(f"_dmarc.{DOMAIN}", "TXT", 86400, ('"v=DMARC1; p=quarantine"',)),
    RecordSpec(f"legacy.{DOMAIN}", "A", 86400, ("198.51.100.24",)),  # a long TTL that slows the cutover
)
