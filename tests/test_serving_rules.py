"""Every serving rule of both targets against a hand-made resource tree that breaks it and one that holds it.

The trees are what the Pulumi engine records: type tokens, inputs by their camelCase names, references as
URNs (an input's `property_dependencies`, and `dependencies`, their union with depends_on), and for AWS the
explicit provider of each region. Holding trees are the shape a correct stack registers (read from the rules
and from the pulumi-gcp 10.2.0 / pulumi-aws 7 docstrings); breaking trees are that shape with one link wrong.
`FIXED_GAPS` holds the trees rules once judged wrongly (found by review), with what they must name now.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from planner.core.serving import ServingRule, Tree, TreeResource, evaluate
from providers.aws.serving import RULES as AWS_RULES
from providers.gcp.serving import RULES as GCP_RULES

STACK_URN = "urn:pulumi:prod::rebuild::"
RULES_BY_ID: dict[str, ServingRule] = {rule.id: rule for rule in (*GCP_RULES, *AWS_RULES)}
Case = tuple[list[TreeResource], list[TreeResource]]  # (breaking tree, holding tree)


def res(type_: str, name: str, inputs: Mapping[str, Any] | None = None, *,
        refs: Mapping[str, Sequence[TreeResource]] | None = None, after: Sequence[TreeResource] = (),
        provider: TreeResource | None = None) -> TreeResource:
    """A resource as the engine records it: `refs` are the resources each input comes from, `after` its depends_on."""
    property_dependencies = {prop: tuple(found.urn for found in sources) for prop, sources in (refs or {}).items()}
    urns = [urn for sources in property_dependencies.values() for urn in sources] + [found.urn for found in after]
    return TreeResource(urn=f"{STACK_URN}{type_}::{name}", type=type_, name=name, inputs=dict(inputs or {}),
                        dependencies=tuple(dict.fromkeys(urns)), property_dependencies=property_dependencies,
                        provider=provider.urn if provider else "")


def aws_provider(region: str) -> TreeResource:
    return TreeResource(urn=f"{STACK_URN}pulumi:providers:aws::aws-{region}", type="pulumi:providers:aws",
                        name=f"aws-{region}", inputs={"region": region})


def offenders(rule_id: str, resources: list[TreeResource], context: Mapping[str, Any] | None = None) -> set[str]:
    return {violation.resource for violation in evaluate([RULES_BY_ID[rule_id]], Tree(resources, context))}


# ---- Google Cloud ----

NETWORK = "gcp:compute/network:Network"
SUBNETWORK = "gcp:compute/subnetwork:Subnetwork"
FIREWALL = "gcp:compute/firewall:Firewall"
TEMPLATE = "gcp:compute/instanceTemplate:InstanceTemplate"
INSTANCE = "gcp:compute/instance:Instance"
REGION_GROUP_MANAGER = "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager"
BACKEND_SERVICE = "gcp:compute/backendService:BackendService"
HEALTH_CHECK = "gcp:compute/healthCheck:HealthCheck"
URL_MAP = "gcp:compute/uRLMap:URLMap"
HTTPS_PROXY = "gcp:compute/targetHttpsProxy:TargetHttpsProxy"
GLOBAL_FORWARDING_RULE = "gcp:compute/globalForwardingRule:GlobalForwardingRule"
GLOBAL_ADDRESS = "gcp:compute/globalAddress:GlobalAddress"
ROUTER = "gcp:compute/router:Router"
ROUTER_NAT = "gcp:compute/routerNat:RouterNat"
BACKEND_BUCKET = "gcp:compute/backendBucket:BackendBucket"
MANAGED_CERTIFICATE = "gcp:certificatemanager/certificate:Certificate"
CERTIFICATE_MAP = "gcp:certificatemanager/certificateMap:CertificateMap"
CERTIFICATE_MAP_ENTRY = "gcp:certificatemanager/certificateMapEntry:CertificateMapEntry"
DNS_AUTHORIZATION = "gcp:certificatemanager/dnsAuthorization:DnsAuthorization"
MANAGED_ZONE = "gcp:dns/managedZone:ManagedZone"
RECORD_SET = "gcp:dns/recordSet:RecordSet"
API_SERVICE = "gcp:projects/service:Service"
BUCKET = "gcp:storage/bucket:Bucket"
BUCKET_OBJECT = "gcp:storage/bucketObject:BucketObject"
BUCKET_IAM_MEMBER = "gcp:storage/bucketIAMMember:BucketIAMMember"
FUNCTION = "gcp:cloudfunctionsv2/function:Function"
FILESTORE = "gcp:filestore/instance:Instance"
PUBSUB_TOPIC = "gcp:pubsub/topic:Topic"
PUBSUB_SUBSCRIPTION = "gcp:pubsub/subscription:Subscription"
SQL_INSTANCE = "gcp:sql/databaseInstance:DatabaseInstance"
PSA_CONNECTION = "gcp:servicenetworking/connection:Connection"
GKE_CLUSTER = "gcp:container/cluster:Cluster"

REGION = "us-east4"
HEALTH_CHECK_RANGES = ["35.191.0.0/16", "130.211.0.0/22"]
MAP_URI = "//certificatemanager.googleapis.com/projects/rebuild/locations/global/certificateMaps/cert-www-map"
CDN_FILL_ACCOUNT = "serviceAccount:service-123456789012@cloud-cdn-fill.iam.gserviceaccount.com"


def network() -> TreeResource:
    return res(NETWORK, "net-main", {"name": "main", "autoCreateSubnetworks": False})


def subnetwork(net: TreeResource, region: str = REGION) -> TreeResource:
    return res(SUBNETWORK, "subnet-web", {"name": "web", "region": region, "ipCidrRange": "10.0.1.0/24",
                                          "network": "main"}, refs={"network": [net]})


def template(subnet: TreeResource, name: str = "lt-web", tags: Sequence[str] = ("sg-web",), *,
             machine_type: str = "e2-standard-2", disk_type: str = "pd-balanced", external_ip: bool = False,
             ) -> TreeResource:
    interface: dict[str, Any] = {"subnetwork": "web", **({"accessConfigs": [{}]} if external_ip else {})}
    return res(TEMPLATE, name, {
        "namePrefix": f"{name}-", "machineType": machine_type, "tags": list(tags),
        "disks": [{"sourceImage": "debian-cloud/debian-12", "boot": True, "autoDelete": True, "diskSizeGb": 20,
                   "diskType": disk_type}],
        "networkInterfaces": [interface]}, refs={"networkInterfaces": [subnet]})


def group_manager(lt: TreeResource, **waiting: Any) -> TreeResource:
    return res(REGION_GROUP_MANAGER, "asg-web", {
        "name": "web", "region": REGION, "baseInstanceName": "web",
        "versions": [{"instanceTemplate": "lt-web-self-link", "name": "primary"}],
        "namedPorts": [{"name": "http", "port": 80}], **waiting}, refs={"versions": [lt]})


def health_check_rule(net: TreeResource, name: str = "sg-web-health-checks", **permission: Any) -> TreeResource:
    return res(FIREWALL, name, {
        "name": name, "network": "main", "direction": "INGRESS", "priority": 1000, "sourceRanges": HEALTH_CHECK_RANGES,
        "targetTags": ["sg-web"], **(permission or {"allows": [{"protocol": "tcp", "ports": ["80"]}]})},
        refs={"network": [net]})


def load_balanced_web() -> list[TreeResource]:
    """A global external Application Load Balancer's backend: a managed group of tagged VMs in a subnetwork."""
    net = network()
    subnet = subnetwork(net)
    lt = template(subnet)
    manager = group_manager(lt, waitForInstances=True)
    check = res(HEALTH_CHECK, "tg-web-hc", {"httpHealthCheck": {"port": 80, "requestPath": "/health"}})
    service = res(BACKEND_SERVICE, "tg-web", {
        "name": "web", "protocol": "HTTP", "portName": "http", "loadBalancingScheme": "EXTERNAL_MANAGED",
        "healthChecks": "tg-web-hc-id", "backends": [{"group": "asg-web-group", "balancingMode": "UTILIZATION"}]},
        refs={"healthChecks": [check], "backends": [manager]})
    return [net, subnet, lt, manager, check, service]


def https_proxy_case() -> Case:
    certificate = res(MANAGED_CERTIFICATE, "cert-www", {"name": "www", "scope": "DEFAULT",
                                                        "managed": {"domains": ["www.example.com"]}})
    url_map = res(URL_MAP, "lst-web-443-urlmap", {"name": "web-443-urlmap", "defaultService": "tg-web-id"})
    by_certificates = res(HTTPS_PROXY, "lst-web-443-proxy", {
        "name": "web-443-proxy", "urlMap": "lst-web-443-urlmap-id", "certificateManagerCertificates": ["cert-www-id"]},
        refs={"urlMap": [url_map], "certificateManagerCertificates": [certificate]})
    certificate_map = res(CERTIFICATE_MAP, "cert-www-map", {"name": "www-map"})
    entry = res(CERTIFICATE_MAP_ENTRY, "cert-www-map-entry", {
        "name": "www", "map": "www-map", "hostname": "www.example.com", "certificates": ["cert-www-id"]},
        refs={"map": [certificate_map], "certificates": [certificate]})
    by_map = res(HTTPS_PROXY, "lst-web-443-proxy", {"name": "web-443-proxy", "urlMap": "lst-web-443-urlmap-id",
                                                    "certificateMap": MAP_URI},
                 refs={"urlMap": [url_map], "certificateMap": [certificate_map]}, after=[entry])
    rule = res(GLOBAL_FORWARDING_RULE, "lst-web-443", {"target": "proxy-id", "portRange": "443",
                                                       "loadBalancingScheme": "EXTERNAL_MANAGED"},
               refs={"target": [by_map]})
    return ([certificate, url_map, by_certificates],
            [certificate, url_map, certificate_map, entry, by_map, rule])


def dns_authorization_case() -> Case:
    zone = res(MANAGED_ZONE, "zone-example", {"name": "example-com", "dnsName": "example.com.",
                                              "visibility": "public"})
    authorization = res(DNS_AUTHORIZATION, "cert-www-auth-0", {"name": "www-auth-0", "domain": "www.example.com"})
    certificate = res(MANAGED_CERTIFICATE, "cert-www", {
        "name": "www", "managed": {"domains": ["www.example.com"], "dnsAuthorizations": ["cert-www-auth-0-id"]}},
        refs={"managed": [authorization]})
    challenge = res(RECORD_SET, "cert-www-auth-0-record", {
        "managedZone": "example-com", "name": "_acme-challenge.www.example.com.", "type": "CNAME", "ttl": 300,
        "rrdatas": ["7a1b2c3d.4.authorize.certificatemanager.goog."]},
        refs={"managedZone": [zone], "name": [authorization], "type": [authorization], "rrdatas": [authorization]})
    return [zone, authorization, certificate], [zone, authorization, certificate, challenge]


def health_check_case() -> Case:
    web = load_balanced_web()
    net = web[0]
    # The AWS habit: the backends admit the VPC's range (where the ALB's nodes live); Google's probes are not in it.
    from_the_vpc = res(FIREWALL, "sg-web-http", {
        "name": "sg-web-http", "network": "main", "direction": "INGRESS", "sourceRanges": ["10.0.0.0/16"],
        "targetTags": ["sg-web"], "allows": [{"protocol": "tcp", "ports": ["80"]}]}, refs={"network": [net]})
    return [*web, from_the_vpc], [*web, from_the_vpc, health_check_rule(net)]


def firewall_target_case() -> Case:
    net = network()
    subnet = subnetwork(net)
    rule = res(FIREWALL, "sg-web-http", {
        "name": "sg-web-http", "network": "main", "direction": "INGRESS", "sourceRanges": ["0.0.0.0/0"],
        "targetTags": ["sg-web"], "allows": [{"protocol": "tcp", "ports": ["80", "443"]}]}, refs={"network": [net]})
    return [net, subnet, rule, template(subnet, tags=["web"])], [net, subnet, rule, template(subnet)]


def dns_names_case() -> Case:
    zone = res(MANAGED_ZONE, "zone-example", {"name": "example-com", "dnsName": "example.com."})

    def record(name: str, record_type: str, *values: str) -> TreeResource:
        return res(RECORD_SET, name, {"managedZone": "example-com", "name": f"{name}.example.com.",
                                      "type": record_type, "ttl": 300, "rrdatas": list(values)},
                   refs={"managedZone": [zone]})

    apex = record("rec-apex", "A", "203.0.113.10")
    mail = record("rec-mx", "MX", "10 mail.example.com.", "20 mail2.example.com.")
    return ([zone, apex, mail, record("rec-www", "CNAME", "web.example.com")],
            [zone, apex, mail, record("rec-www", "CNAME", "web.example.com.")])


def api_case() -> Case:
    compute_api = res(API_SERVICE, "api-compute", {"service": "compute.googleapis.com", "disableOnDestroy": False})
    pubsub_api = res(API_SERVICE, "api-pubsub", {"service": "pubsub.googleapis.com", "disableOnDestroy": False})
    topic = res(PUBSUB_TOPIC, "sns-orders", {"name": "orders"}, after=[pubsub_api])
    net = network()
    enabled = res(NETWORK, "net-main", dict(net.inputs), after=[compute_api])
    return [pubsub_api, topic, net], [pubsub_api, topic, compute_api, enabled]


def function_case() -> Case:
    bucket = res(BUCKET, "fn-resize-source", {"name": "rebuild-fn-resize-source", "location": "US-EAST4",
                                              "uniformBucketLevelAccess": True})
    archive = res(BUCKET_OBJECT, "fn-resize-archive", {"bucket": "rebuild-fn-resize-source",
                                                       "name": "fn-resize.zip", "source": "fn-resize.zip"},
                  refs={"bucket": [bucket]})

    def function(*sources: TreeResource) -> TreeResource:
        return res(FUNCTION, "fn-resize", {
            "name": "resize", "location": REGION,
            "buildConfig": {"runtime": "python312", "entryPoint": "handler", "source": {
                "storageSource": {"bucket": "rebuild-fn-resize-source", "object": "fn-resize.zip"}}},
            "serviceConfig": {"availableMemory": "256M", "timeoutSeconds": 60}}, refs={"buildConfig": list(sources)})

    return [bucket, function(bucket)], [bucket, archive, function(bucket, archive)]


def disk_case() -> Case:
    subnet = subnetwork(network())
    batch = res(INSTANCE, "vm-batch", {"machineType": "n2-standard-4", "zone": f"{REGION}-a",
                                       "bootDisk": {"initializeParams": {"image": "debian-cloud/debian-12",
                                                                         "type": "pd-ssd"}},
                                       "networkInterfaces": [{"subnetwork": "web"}]},
                refs={"networkInterfaces": [subnet]})
    return ([subnet, batch, template(subnet, "lt-api", machine_type="c4-standard-8")],
            [subnet, batch, template(subnet, "lt-api", machine_type="c4-standard-8", disk_type="hyperdisk-balanced")])


def group_wait_case() -> Case:
    lt = template(subnetwork(network()))
    return [lt, group_manager(lt)], [lt, group_manager(lt, waitForInstances=True, waitForInstancesStatus="STABLE")]


def cdn_bucket(prevention: str = "inherited") -> list[TreeResource]:
    bucket = res(BUCKET, "media", {"name": "rebuild-media", "location": "US", "uniformBucketLevelAccess": True,
                                   "publicAccessPrevention": prevention})
    backend = res(BACKEND_BUCKET, "cdn-media-media", {"name": "media-0", "bucketName": "rebuild-media",
                                                      "enableCdn": True}, refs={"bucketName": [bucket]})
    writer = res(BUCKET_IAM_MEMBER, "media-uploader", {
        "bucket": "rebuild-media", "role": "roles/storage.objectAdmin",
        "member": "serviceAccount:uploader@rebuild.iam.gserviceaccount.com"}, refs={"bucket": [bucket]})
    return [bucket, backend, writer]


def bucket_reader(bucket: TreeResource, member: str) -> TreeResource:
    return res(BUCKET_IAM_MEMBER, "media-cdn-read", {"bucket": "rebuild-media", "role": "roles/storage.objectViewer",
                                                     "member": member}, refs={"bucket": [bucket]})


def cdn_case() -> Case:
    stored = cdn_bucket()
    return stored, [*stored, bucket_reader(stored[0], "allUsers")]


def filestore(tier: str, capacity_gb: int) -> TreeResource:
    return res(FILESTORE, "efs-shared", {
        "name": "shared", "location": f"{REGION}-a", "tier": tier,
        "fileShares": {"name": "share", "capacityGb": capacity_gb},
        "networks": [{"network": "main", "modes": ["MODE_IPV4"]}]})


def nat(region: str = REGION) -> list[TreeResource]:
    net = network()
    router = res(ROUTER, "nat-main-router", {"name": "main-router", "region": region, "network": "main"},
                 refs={"network": [net]})
    return [router, res(ROUTER_NAT, "nat-main", {
        "name": "main", "router": "main-router", "region": region, "natIpAllocateOption": "AUTO_ONLY",
        "sourceSubnetworkIpRangesToNat": "ALL_SUBNETWORKS_ALL_IP_RANGES"}, refs={"router": [router]})]


def private_vm_case() -> Case:
    subnet = subnetwork(network())
    worker = template(subnet, "lt-worker", tags=["sg-worker"])
    return [subnet, worker], [subnet, worker, *nat()]


def address_case() -> Case:
    address = res(GLOBAL_ADDRESS, "lb-web", {"name": "web"})
    proxy = res(HTTPS_PROXY, "lst-web-443-proxy", {"name": "web-443-proxy", "certificateMap": MAP_URI})
    forwarding = res(GLOBAL_FORWARDING_RULE, "lst-web-443", {
        "name": "web-443", "target": "proxy-id", "ipAddress": "lb-web-address", "portRange": "443",
        "loadBalancingScheme": "EXTERNAL_MANAGED"}, refs={"target": [proxy], "ipAddress": [address]})
    net = network()
    peering_range = res(GLOBAL_ADDRESS, "net-main-psa-range", {
        "purpose": "VPC_PEERING", "addressType": "INTERNAL", "prefixLength": 16, "network": "main"},
        refs={"network": [net]})
    return [address, proxy, net, peering_range], [address, proxy, forwarding, net, peering_range]


def topic_case() -> Case:
    topic = res(PUBSUB_TOPIC, "sns-orders", {"name": "orders"})
    audit = res(PUBSUB_TOPIC, "sns-audit", {"name": "audit"})  # no subscriber at the source

    def push(index: int, endpoint: str) -> TreeResource:
        return res(PUBSUB_SUBSCRIPTION, f"sns-orders-push-{index}", {
            "name": f"orders-push-{index}", "topic": "sns-orders-id", "pushConfig": {"pushEndpoint": endpoint}},
            refs={"topic": [topic]})

    billing = push(0, "https://billing.example.com/orders")
    return [topic, audit, billing], [topic, audit, billing, push(1, "https://mail.example.com/orders")]


def private_network() -> list[TreeResource]:
    net = network()
    peering_range = res(GLOBAL_ADDRESS, "net-main-psa-range", {
        "purpose": "VPC_PEERING", "addressType": "INTERNAL", "prefixLength": 16, "network": "main"},
        refs={"network": [net]})
    connection = res(PSA_CONNECTION, "net-main-psa", {
        "network": "main", "service": "servicenetworking.googleapis.com",
        "reservedPeeringRanges": ["net-main-psa-range"]}, refs={"network": [net], "reservedPeeringRanges": [peering_range]})
    return [net, peering_range, connection]


def sql_case() -> Case:
    net, peering_range, connection = private_network()

    def database(*after: TreeResource) -> TreeResource:
        return res(SQL_INSTANCE, "db-app", {
            "name": "app", "region": REGION, "databaseVersion": "POSTGRES_16", "settings": {
                "tier": "db-custom-2-7680", "ipConfiguration": {"ipv4Enabled": False, "privateNetwork": "main-id"}}},
            refs={"settings": [net]}, after=after)

    # the builder that forgets depends_on=[connection] races the peering: the connection is there, unwaited for
    return [net, peering_range, connection, database()], [net, peering_range, connection, database(connection)]


def cluster_case() -> Case:
    net = network()
    subnet = subnetwork(net)
    on_default = res(GKE_CLUSTER, "eks-main", {"name": "main", "location": REGION, "enableAutopilot": True,
                                               "network": "default"})
    on_stack = res(GKE_CLUSTER, "eks-main", {"name": "main", "location": REGION, "enableAutopilot": True,
                                             "network": "main-id", "subnetwork": "web-id"},
                   refs={"network": [net], "subnetwork": [subnet]})
    return [net, subnet, on_default], [net, subnet, on_stack]


# ---- AWS ----

ACM_CERTIFICATE = "aws:acm/certificate:Certificate"
CERTIFICATE_VALIDATION = "aws:acm/certificateValidation:CertificateValidation"
ZONE = "aws:route53/zone:Zone"
RECORD = "aws:route53/record:Record"
LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer"
TARGET_GROUP = "aws:lb/targetGroup:TargetGroup"
LISTENER = "aws:lb/listener:Listener"
DISTRIBUTION = "aws:cloudfront/distribution:Distribution"
ORIGIN_ACCESS_CONTROL = "aws:cloudfront/originAccessControl:OriginAccessControl"
RDS_INSTANCE = "aws:rds/instance:Instance"
RDS_CLUSTER = "aws:rds/cluster:Cluster"
RDS_SUBNET_GROUP = "aws:rds/subnetGroup:SubnetGroup"
SNS_TOPIC = "aws:sns/topic:Topic"
SNS_SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription"
SQS_QUEUE = "aws:sqs/queue:Queue"
SQS_QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy"
S3_BUCKET = "aws:s3/bucketV2:BucketV2"
S3_BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy"
VPC = "aws:ec2/vpc:Vpc"
SUBNET = "aws:ec2/subnet:Subnet"
NAT_GATEWAY = "aws:ec2/natGateway:NatGateway"
AUTOSCALING_GROUP = "aws:autoscaling/group:Group"

EAST, WEST = aws_provider("us-east-1"), aws_provider("us-west-2")


def policy(statement: Mapping[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def validated_certificate() -> list[TreeResource]:
    """An ACM certificate, its validation CNAME in the zone, and the wait for issuance (stacks/aws/cert.py)."""
    zone = res(ZONE, "zone-example", {"name": "example.com"}, provider=EAST)
    certificate = res(ACM_CERTIFICATE, "cert-www", {"domainName": "www.example.com", "validationMethod": "DNS"},
                      provider=EAST)
    record = res(RECORD, "cert-www-validation-1", {
        "zoneId": "Z0123456789", "name": "_3b8f.www.example.com.", "type": "CNAME", "ttl": 60,
        "records": ["_9c1d.acm-validations.aws."], "allowOverwrite": True},
        refs={"zoneId": [zone], "name": [certificate], "type": [certificate], "records": [certificate]}, provider=EAST)
    validation = res(CERTIFICATE_VALIDATION, "cert-www-validation", {
        "certificateArn": "cert-www-arn", "validationRecordFqdns": ["_3b8f.www.example.com"]},
        refs={"certificateArn": [certificate], "validationRecordFqdns": [record]}, provider=EAST)
    return [zone, certificate, record, validation]


def certificate_validated_case() -> Case:
    zone, certificate, record, validation = validated_certificate()
    return [zone, certificate], [zone, certificate, record, validation]


def listener(certificate_source: TreeResource, balancer: TreeResource, group: TreeResource) -> TreeResource:
    return res(LISTENER, "lst-web-443", {
        "loadBalancerArn": "lb-web-arn", "port": 443, "protocol": "HTTPS",
        "sslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06", "certificateArn": "cert-www-arn",
        "defaultActions": [{"type": "forward", "targetGroupArn": "tg-web-arn"}]},
        refs={"loadBalancerArn": [balancer], "certificateArn": [certificate_source], "defaultActions": [group]},
        provider=EAST)


def https_listener_case() -> Case:
    certified = validated_certificate()
    certificate, validation = certified[1], certified[3]
    balancer = res(LOAD_BALANCER, "lb-web", {"loadBalancerType": "application", "internal": False}, provider=EAST)
    group = res(TARGET_GROUP, "tg-web", {"port": 80, "protocol": "HTTP", "vpcId": "vpc-main-id"}, provider=EAST)
    return ([*certified, balancer, group, listener(certificate, balancer, group)],
            [*certified, balancer, group, listener(validation, balancer, group)])


def rds_instance(name: str, **inputs: Any) -> TreeResource:
    return res(RDS_INSTANCE, name, {"identifier": name.removeprefix("db-"), "engine": "postgres",
                                    "engineVersion": "16.4", "instanceClass": "db.m6g.large", **inputs},
               provider=EAST)


def database_case() -> Case:
    primary = rds_instance("db-app", allocatedStorage=100, storageEncrypted=True, kmsKeyId="key-arn")
    replica = res(RDS_INSTANCE, "db-app-replica-1", {"identifier": "app-replica-1", "instanceClass": "db.m6g.large",
                                                     "replicateSourceDb": "app"},
                  refs={"replicateSourceDb": [primary]}, provider=EAST)  # a replica inherits its source's encryption
    return [rds_instance("db-app", allocatedStorage=100)], [primary, replica]


def fanout(*policies: TreeResource) -> list[TreeResource]:
    return [*fanout_parts(), *policies]


def fanout_parts() -> tuple[TreeResource, TreeResource, TreeResource]:
    topic = res(SNS_TOPIC, "sns-orders", {"name": "orders"}, provider=EAST)
    queue = res(SQS_QUEUE, "sqs-billing", {"name": "billing", "visibilityTimeoutSeconds": 30}, provider=EAST)
    subscription = res(SNS_SUBSCRIPTION, "sns-orders-sub-0", {"topic": "orders-arn", "protocol": "sqs",
                                                              "endpoint": "billing-arn"},
                       refs={"topic": [topic], "endpoint": [queue]}, provider=EAST)
    return topic, queue, subscription


def queue_policy(queue: TreeResource, topic: TreeResource) -> TreeResource:
    grant = policy({"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage",
                    "Resource": "billing-arn", "Condition": {"ArnEquals": {"aws:SourceArn": f"{topic.name}-arn"}}})
    return res(SQS_QUEUE_POLICY, f"{queue.name}-policy", {"queueUrl": "billing-url", "policy": grant},
               refs={"queueUrl": [queue], "policy": [queue, topic]}, provider=EAST)


def queue_policy_case() -> Case:
    topic, queue, _ = fanout_parts()
    return fanout(), fanout(queue_policy(queue, topic))


def cdn_distribution() -> tuple[TreeResource, TreeResource, TreeResource]:
    bucket = res(S3_BUCKET, "media", {"bucket": "rebuild-media"}, provider=EAST)
    access = res(ORIGIN_ACCESS_CONTROL, "cdn-main-oac", {
        "name": "main", "originAccessControlOriginType": "s3", "signingBehavior": "always",
        "signingProtocol": "sigv4"}, provider=EAST)
    distribution = res(DISTRIBUTION, "cdn-main", {
        "enabled": True, "priceClass": "PriceClass_100",
        "origins": [{"originId": "media", "domainName": "rebuild-media.s3.us-east-1.amazonaws.com",
                     "originAccessControlId": "oac-id"}],
        "defaultCacheBehavior": {"targetOriginId": "media", "viewerProtocolPolicy": "redirect-to-https",
                                 "allowedMethods": ["GET", "HEAD"], "cachedMethods": ["GET", "HEAD"]},
        "restrictions": {"geoRestriction": {"restrictionType": "none"}},
        "viewerCertificate": {"cloudfrontDefaultCertificate": True}},
        refs={"origins": [bucket, access]}, provider=EAST)
    return bucket, access, distribution


def cdn_policy_case() -> Case:
    bucket, access, distribution = cdn_distribution()
    tls_only = res(S3_BUCKET_POLICY, "media-tls-only", {"bucket": "rebuild-media", "policy": policy({
        "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "rebuild-media-arn/*",
        "Condition": {"Bool": {"aws:SecureTransport": "false"}}})}, refs={"bucket": [bucket], "policy": [bucket]},
        provider=EAST)
    cdn_read = res(S3_BUCKET_POLICY, "media-cdn-read", {"bucket": "rebuild-media", "policy": policy({
        "Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"}, "Action": "s3:GetObject",
        "Resource": "rebuild-media-arn/*", "Condition": {"StringEquals": {"AWS:SourceArn": "cdn-main-arn"}}})},
        refs={"bucket": [bucket], "policy": [bucket, distribution]}, provider=EAST)
    return [bucket, access, distribution, tls_only], [bucket, access, distribution, cdn_read]


def sqs_queue(name: str, queue_name: str, **inputs: Any) -> TreeResource:
    return res(SQS_QUEUE, name, {"name": queue_name, **inputs}, provider=EAST)


def fifo_case() -> Case:
    mail = sqs_queue("sqs-mail", "mail")
    events = res(SNS_TOPIC, "sns-events", {"name": "events.fifo", "fifoTopic": True}, provider=EAST)
    return ([mail, events, sqs_queue("sqs-jobs", "jobs", fifoQueue=True, contentBasedDeduplication=True)],
            [mail, events, sqs_queue("sqs-jobs", "jobs.fifo", fifoQueue=True, contentBasedDeduplication=True)])


def subnet(name: str, provider: TreeResource, zone: str, cidr: str) -> TreeResource:
    vpc = res(VPC, f"vpc-{provider.inputs['region']}", {"cidrBlock": "10.0.0.0/16"}, provider=provider)
    return res(SUBNET, name, {"vpcId": "vpc-id", "cidrBlock": cidr, "availabilityZone": zone},
               refs={"vpcId": [vpc]}, provider=provider)


def regional_subnets() -> tuple[TreeResource, TreeResource, TreeResource]:
    return (subnet("subnet-app-a", EAST, "us-east-1a", "10.0.1.0/24"),
            subnet("subnet-app-b", EAST, "us-east-1b", "10.0.2.0/24"),
            subnet("subnet-dr-a", WEST, "us-west-2a", "10.1.1.0/24"))


def subnet_group(*subnets: TreeResource) -> TreeResource:
    return res(RDS_SUBNET_GROUP, "db-app-subnets", {"name": "app", "subnetIds": [f"{s.name}-id" for s in subnets]},
               refs={"subnetIds": list(subnets)}, provider=EAST)


def same_region_case() -> Case:
    app_a, app_b, dr_a = regional_subnets()
    dr_nat = res(NAT_GATEWAY, "nat-dr", {"subnetId": "subnet-dr-a-id", "connectivityType": "private"},
                 refs={"subnetId": [dr_a]}, provider=WEST)
    everything = [EAST, WEST, app_a, app_b, dr_a, dr_nat]
    return [*everything, subnet_group(app_a, dr_a)], [*everything, subnet_group(app_a, app_b)]


CASES: dict[str, Case] = {
    "gcp.https-proxy-certificate-map": https_proxy_case(),
    "gcp.certificate-dns-authorized": dns_authorization_case(),
    "gcp.backend-admits-health-checks": health_check_case(),
    "gcp.firewall-target-carried": firewall_target_case(),
    "gcp.dns-absolute-names": dns_names_case(),
    "gcp.api-enabled": api_case(),
    "gcp.function-source-uploaded": function_case(),
    "gcp.disk-fits-machine-series": disk_case(),
    "gcp.group-waits-for-instances": group_wait_case(),
    "gcp.cdn-bucket-readable": cdn_case(),
    "gcp.filestore-minimum-capacity": ([filestore("BASIC_HDD", 512)], [filestore("BASIC_HDD", 1024)]),
    "gcp.private-vms-egress": private_vm_case(),
    "gcp.address-used": address_case(),
    "gcp.topic-keeps-subscribers": topic_case(),
    "gcp.private-sql-peering": sql_case(),
    "gcp.cluster-on-stack-network": cluster_case(),
    "aws.certificate-validated": certificate_validated_case(),
    "aws.https-waits-for-validation": https_listener_case(),
    "aws.database-encrypted": database_case(),
    "aws.queue-policy-for-topic": queue_policy_case(),
    "aws.cdn-bucket-policy": cdn_policy_case(),
    "aws.fifo-name": fifo_case(),
    "aws.same-region-subnets": same_region_case(),
}

# rule id -> (the resource of the breaking tree it must name, a detail its message must give)
OFFENDERS: dict[str, tuple[str, str]] = {
    "gcp.https-proxy-certificate-map": ("lst-web-443-proxy", "certificateManagerCertificates is set"),
    "gcp.certificate-dns-authorized": ("cert-www-auth-0", "_acme-challenge record for www.example.com"),
    "gcp.backend-admits-health-checks": ("tg-web", "network net-main has no ingress rule from 35.191.0.0/16"),
    "gcp.firewall-target-carried": ("sg-web-http", "no VM carries sg-web"),
    "gcp.dns-absolute-names": ("rec-www", "CNAME value 'web.example.com' has no trailing dot"),
    "gcp.api-enabled": ("net-main", "compute.googleapis.com is not enabled"),
    "gcp.function-source-uploaded": ("fn-resize", "source object is not uploaded"),
    "gcp.disk-fits-machine-series": ("lt-api", "C4 attaches Hyperdisk only, not pd-balanced"),
    "gcp.group-waits-for-instances": ("asg-web", "waitForInstances is not true"),
    "gcp.cdn-bucket-readable": ("cdn-media-media", "bucket media grants read to neither allUsers"),
    "gcp.filestore-minimum-capacity": ("efs-shared", "512 GiB is below the BASIC_HDD minimum of 1024 GiB"),
    "gcp.private-vms-egress": ("lt-worker", f"no Cloud NAT in {REGION}"),
    "gcp.address-used": ("lb-web", "used by nothing"),
    "gcp.topic-keeps-subscribers": ("sns-orders", "1 subscription(s) for 2 subscriber(s)"),
    "gcp.private-sql-peering": ("db-app", "without a Private Service Access connection"),
    "gcp.cluster-on-stack-network": ("eks-main", "network is 'default'"),
    "aws.certificate-validated": ("cert-www", "DNS validation is never completed"),
    "aws.https-waits-for-validation": ("lst-web-443", "uses cert-www before its validation completes"),
    "aws.database-encrypted": ("db-app", "storage is not encrypted"),
    "aws.queue-policy-for-topic": ("sns-orders-sub-0", "queue sqs-billing has no policy"),
    "aws.cdn-bucket-policy": ("cdn-main", "bucket media has no policy granting this distribution"),
    "aws.fifo-name": ("sqs-jobs", "FIFO name 'jobs'"),
    "aws.same-region-subnets": ("db-app-subnets", "subnet subnet-dr-a is in us-west-2, the resource in us-east-1"),
}

CONTEXTS: dict[str, dict[str, Any]] = {"gcp.topic-keeps-subscribers": {"topic_subscribers": {"sns-orders": 2}}}


def test_every_rule_of_both_targets_has_a_case() -> None:
    ids = [rule.id for rule in (*GCP_RULES, *AWS_RULES)]
    assert len(ids) == len(set(ids)), "rule ids are unique"
    assert set(CASES) == set(ids)
    assert set(OFFENDERS) == set(ids)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_breaking_tree_names_the_offender(rule_id: str) -> None:
    breaking, _ = CASES[rule_id]
    name, detail = OFFENDERS[rule_id]
    violations = evaluate([RULES_BY_ID[rule_id]], Tree(breaking, CONTEXTS.get(rule_id)))
    assert [violation.resource for violation in violations] == [name]
    violation = violations[0]
    offender = next(resource for resource in breaking if resource.name == name)
    assert (violation.rule, violation.resource_type) == (rule_id, offender.type)
    assert violation.message.startswith(RULES_BY_ID[rule_id].message)
    assert detail in violation.message
    assert violation.fix == RULES_BY_ID[rule_id].fix


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_holding_tree_gives_no_violation(rule_id: str) -> None:
    _, holding = CASES[rule_id]
    assert evaluate([RULES_BY_ID[rule_id]], Tree(holding, CONTEXTS.get(rule_id))) == []


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_holding_tree_is_the_breaking_tree_mended(rule_id: str) -> None:
    """The holding tree keeps the offender (same name and type): the rule holds on it, not on its absence."""
    breaking, holding = CASES[rule_id]
    name, _ = OFFENDERS[rule_id]
    offender_type = next(resource.type for resource in breaking if resource.name == name)
    assert any(resource.name == name and resource.type == offender_type for resource in holding)


# ---- the other branches of the rules: (rule id, tree, context, the resources it must name) ----

def _proxy_without_certificates() -> list[TreeResource]:
    return [res(HTTPS_PROXY, "lst-web-443-proxy", {"name": "web-443-proxy", "urlMap": "urlmap-id"})]


def _proxy_with_ssl_certificates() -> list[TreeResource]:
    classic = res("gcp:compute/managedSslCertificate:ManagedSslCertificate", "cert-www",
                  {"managed": {"domains": ["www.example.com."]}})
    return [classic, res(HTTPS_PROXY, "lst-web-443-proxy", {"urlMap": "urlmap-id", "sslCertificates": ["cert-id"]},
                         refs={"sslCertificates": [classic]})]


def _untagged_health_check_rule() -> list[TreeResource]:
    web = load_balanced_web()
    rule = res(FIREWALL, "fw-health-checks", {"network": "main", "sourceRanges": HEALTH_CHECK_RANGES,
                                              "allows": [{"protocol": "tcp"}]}, refs={"network": [web[0]]})
    return [*web, rule]  # no target tags: the rule applies to every VM of the network


def _health_check_rule_for_other_tags() -> list[TreeResource]:
    web = load_balanced_web()
    rule = res(FIREWALL, "sg-api-health-checks", {**health_check_rule(web[0]).inputs, "targetTags": ["sg-api"]},
               refs={"network": [web[0]]})
    return [*web, rule]


def _open_to_everyone() -> list[TreeResource]:
    web = load_balanced_web()
    return [*web, health_check_rule(web[0], "sg-web-open", sourceRanges=["0.0.0.0/0"],
                                    allows=[{"protocol": "tcp", "ports": ["80"]}])]


def _health_checks_denied() -> list[TreeResource]:
    web = load_balanced_web()
    return [*web, health_check_rule(web[0], "sg-web-deny-probes", denies=[{"protocol": "all"}])]


def _internal_backend_without_rule() -> list[TreeResource]:
    web = load_balanced_web()
    service = res(BACKEND_SERVICE, "tg-web", {**web[-1].inputs, "loadBalancingScheme": "INTERNAL_SELF_MANAGED"},
                  refs={"healthChecks": [web[4]], "backends": [web[3]]})
    return [*web[:-1], service]  # Traffic Director (INTERNAL_SELF_MANAGED) is out of the rule's scope


def _enforced_public_bucket() -> list[TreeResource]:
    stored = cdn_bucket("enforced")
    return [*stored, bucket_reader(stored[0], "allUsers")]


def _enforced_bucket_for_fill_account() -> list[TreeResource]:
    stored = cdn_bucket("enforced")
    return [*stored, bucket_reader(stored[0], CDN_FILL_ACCOUNT)]


def _nat_in_another_region() -> list[TreeResource]:
    subnet_ = subnetwork(network())
    return [subnet_, template(subnet_, "lt-worker"), *nat("us-central1")]


def _vm_with_external_ip() -> list[TreeResource]:
    subnet_ = subnetwork(network())
    return [subnet_, template(subnet_, "lt-bastion", external_ip=True)]


def _distribution_with_unvalidated_certificate(source: int) -> list[TreeResource]:
    certified = validated_certificate()
    _, _, distribution = cdn_distribution()
    viewer = {"acmCertificateArn": "cert-www-arn", "sslSupportMethod": "sni-only",
              "minimumProtocolVersion": "TLSv1.2_2021"}
    uses = res(DISTRIBUTION, "cdn-main", {**distribution.inputs, "viewerCertificate": viewer},
               refs={"viewerCertificate": [certified[source]]}, provider=EAST)
    return [*certified, uses]


def _aurora_cluster_without_name() -> list[TreeResource]:
    return [res(RDS_CLUSTER, "db-orders", {"engine": "aurora-postgresql", "masterUsername": "app",
                                           "manageMasterUserPassword": True}, provider=EAST)]


BRANCHES: list[Any] = [
    pytest.param("gcp.https-proxy-certificate-map", _proxy_without_certificates(), None, {"lst-web-443-proxy"},
                 id="proxy-without-certificates"),
    pytest.param("gcp.https-proxy-certificate-map", _proxy_with_ssl_certificates(), None, set(),
                 id="proxy-with-ssl-certificates"),
    pytest.param("gcp.backend-admits-health-checks", _untagged_health_check_rule(), None, set(),
                 id="health-check-rule-for-the-whole-network"),
    pytest.param("gcp.backend-admits-health-checks", _health_check_rule_for_other_tags(), None, {"tg-web"},
                 id="health-check-rule-for-other-tags"),
    # The probes need an ingress ALLOW rule (Cloud Load Balancing "Firewall rules"): a deny rule admits nothing.
    pytest.param("gcp.backend-admits-health-checks", _health_checks_denied(), None, {"tg-web"},
                 id="deny-rule-admits-nothing"),
    pytest.param("gcp.backend-admits-health-checks", _open_to_everyone(), None, set(), id="open-rule-covers-the-probes"),
    pytest.param("gcp.backend-admits-health-checks", _internal_backend_without_rule(), None, set(),
                 id="self-managed-backend-out-of-scope"),
    pytest.param("gcp.cdn-bucket-readable", _enforced_public_bucket(), None, {"cdn-media-media"},
                 id="public-bucket-with-prevention-enforced"),
    pytest.param("gcp.cdn-bucket-readable", _enforced_bucket_for_fill_account(), None, set(),
                 id="fill-account-on-a-private-bucket"),
    pytest.param("gcp.filestore-minimum-capacity", [filestore("ZONAL", 100)], None, set(), id="zonal-100-gib"),
    pytest.param("gcp.filestore-minimum-capacity", [filestore("BASIC_SSD", 2048)], None, {"efs-shared"},
                 id="basic-ssd-below-2560"),
    pytest.param("gcp.private-vms-egress", _nat_in_another_region(), None, {"lt-worker"}, id="nat-in-another-region"),
    pytest.param("gcp.private-vms-egress", _vm_with_external_ip(), None, set(), id="vm-with-external-ip"),
    pytest.param("gcp.topic-keeps-subscribers", topic_case()[0], None, set(), id="no-context-no-expectation"),
    pytest.param("aws.certificate-validated", [res(ACM_CERTIFICATE, "cert-www", {
        "domainName": "www.example.com", "validationMethod": "EMAIL"}, provider=EAST)], None, set(),
                 id="email-validation-is-out-of-scope"),
    pytest.param("aws.https-waits-for-validation", _distribution_with_unvalidated_certificate(1), None, {"cdn-main"},
                 id="distribution-with-the-certificate"),
    pytest.param("aws.https-waits-for-validation", _distribution_with_unvalidated_certificate(3), None, set(),
                 id="distribution-with-the-validation"),
    pytest.param("aws.database-encrypted", _aurora_cluster_without_name(), None, {"db-orders"},
                 id="unnamed-cluster-unencrypted"),
    pytest.param("aws.fifo-name", [sqs_queue("sqs-jobs", "jobs.fifo.fifo", fifoQueue=True)], None, {"sqs-jobs"},
                 id="fifo-suffix-twice"),
    pytest.param("aws.fifo-name", [res(SNS_TOPIC, "sns-events", {"name": "events", "fifoTopic": True},
                                       provider=EAST)], None, {"sns-events"}, id="fifo-topic-without-suffix"),
    pytest.param("aws.same-region-subnets", [*regional_subnets(), subnet_group(*regional_subnets()[::2])], None,
                 set(), id="no-provider-resource-no-region-to-compare"),
]


@pytest.mark.parametrize(("rule_id", "tree", "context", "expected"), BRANCHES)
def test_rule_branches(rule_id: str, tree: list[TreeResource], context: dict[str, Any] | None,
                       expected: set[str]) -> None:
    assert offenders(rule_id, tree, context) == expected


# ---- trees rules once judged wrongly (found by review): the tree, and the resources each must name ----

def _cross_region_internal_proxy() -> list[TreeResource]:
    certificate = res(MANAGED_CERTIFICATE, "cert-api", {"name": "api", "scope": "ALL_REGIONS",
                                                        "managed": {"domains": ["api.internal.example.com"]}})
    proxy = res(HTTPS_PROXY, "ilb-api-443-proxy", {"urlMap": "urlmap-id", "certificateManagerCertificates": [
        "cert-api-id"]}, refs={"certificateManagerCertificates": [certificate]})
    rule = res(GLOBAL_FORWARDING_RULE, "ilb-api-443", {
        "target": "proxy-id", "portRange": "443", "loadBalancingScheme": "INTERNAL_MANAGED", "network": "main",
        "subnetwork": "web"}, refs={"target": [proxy]})
    return [certificate, proxy, rule]


def _api_enabled_in_parallel() -> list[TreeResource]:
    compute_api = res(API_SERVICE, "api-compute", {"service": "compute.googleapis.com", "disableOnDestroy": False})
    return [compute_api, network()]  # no depends_on: created while the API is still being enabled


def _function_without_build_apis() -> list[TreeResource]:
    functions_api = res(API_SERVICE, "api-cloudfunctions", {"service": "cloudfunctions.googleapis.com"})
    breaking, _ = function_case()
    function = breaking[-1]
    return [functions_api, res(FUNCTION, function.name, dict(function.inputs), after=[functions_api])]


def _dead_letter_counted_as_subscription() -> list[TreeResource]:
    orders = res(PUBSUB_TOPIC, "sns-orders", {"name": "orders"})
    work = res(PUBSUB_TOPIC, "sqs-work", {"name": "work"})
    work_subscription = res(PUBSUB_SUBSCRIPTION, "sqs-work-sub", {
        "topic": "work-id", "deadLetterPolicy": {"deadLetterTopic": "orders-id", "maxDeliveryAttempts": 5}},
        refs={"topic": [work], "deadLetterPolicy": [orders]})
    return [orders, work, work_subscription]


def _named_unencrypted_cluster() -> list[TreeResource]:
    return [res(RDS_CLUSTER, "db-orders", {"clusterIdentifier": "orders", "engine": "aurora-postgresql",
                                           "masterUsername": "app", "manageMasterUserPassword": True}, provider=EAST)]


def _queue_policy_for_another_topic() -> list[TreeResource]:
    _, queue, _ = fanout_parts()
    audit = res(SNS_TOPIC, "sns-audit", {"name": "audit"}, provider=EAST)
    return fanout(audit, queue_policy(queue, audit))


def _autoscaling_group_across_regions() -> list[TreeResource]:
    app_a, _, dr_a = regional_subnets()
    group = res(AUTOSCALING_GROUP, "asg-web", {"minSize": 2, "maxSize": 6, "vpcZoneIdentifiers": [
        "subnet-app-a-id", "subnet-dr-a-id"]}, refs={"vpcZoneIdentifiers": [app_a, dr_a]}, provider=EAST)
    return [EAST, WEST, app_a, dr_a, group]



# Rule bugs found by review and fixed: each case failed before its fix.
FIXED_GAPS: list[Any] = [
    pytest.param("gcp.https-proxy-certificate-map", _cross_region_internal_proxy(), None, set(), id="internal-managed-proxy"),
    pytest.param("gcp.api-enabled", _api_enabled_in_parallel(), None, {"net-main"}, id="resource-not-waiting-for-its-api"),
    pytest.param("gcp.api-enabled", _function_without_build_apis(), None, {"fn-resize"}, id="function-needs-build-apis"),
    pytest.param("gcp.topic-keeps-subscribers", _dead_letter_counted_as_subscription(),
                 {"topic_subscribers": {"sns-orders": 1}}, {"sns-orders"}, id="dead-letter-reference-counted"),
    pytest.param("aws.database-encrypted", _named_unencrypted_cluster(), None, {"db-orders"}, id="named-cluster-skipped"),
    pytest.param("aws.fifo-name", [sqs_queue("sqs-video", "video-fifo.fifo", fifoQueue=True)], None, set(),
                 id="fifo-inside-a-valid-name"),
    pytest.param("aws.fifo-name", [sqs_queue("sqs-video", "video.fifo.fifo", fifoQueue=True)], None, {"sqs-video"},
                 id="doubled-fifo-suffix"),
    pytest.param("aws.queue-policy-for-topic", _queue_policy_for_another_topic(), None, {"sns-orders-sub-0"},
                 id="queue-policy-for-another-topic"),
    pytest.param("aws.same-region-subnets", _autoscaling_group_across_regions(), None, {"asg-web"},
                 id="autoscaling-group-across-regions"),
    pytest.param("gcp.dns-absolute-names", [res(RECORD_SET, "rec-empty", {
        "managedZone": "example-com", "name": "www.example.com.", "type": "CNAME", "ttl": 300, "rrdatas": [""]})],
        None, {"rec-empty"}, id="empty-value-is-not-absolute"),
]


@pytest.mark.parametrize(("rule_id", "tree", "context", "expected"), FIXED_GAPS)
def test_fixed_rule_gaps(rule_id: str, tree: list[TreeResource], context: dict[str, Any] | None, expected: set[str]) -> None:
    assert offenders(rule_id, tree, context) == expected
