"""Google Cloud serving rules: what a GCP stack's resource tree needs so that `pulumi up` gives a working service.

Each rule names the types it reads, a one-line message, the fix, and the documentation it comes from
(pulumi-gcp 10.2.0's docstrings, installed with the package, and Google Cloud's pages by title).
Inputs are read by the engine's camelCase names, references through dependencies (planner/core/serving.py).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

from planner.core.serving import Offender, ServingRule, Tree, TreeResource

PULUMI_GCP = "pulumi-gcp 10.2.0 docstring of"
HTTPS_PROXY = "gcp:compute/targetHttpsProxy:TargetHttpsProxy"
FORWARDING_RULES = ("gcp:compute/globalForwardingRule:GlobalForwardingRule", "gcp:compute/forwardingRule:ForwardingRule")
DNS_AUTHORIZATION = "gcp:certificatemanager/dnsAuthorization:DnsAuthorization"
RECORD_SET = "gcp:dns/recordSet:RecordSet"
BACKEND_SERVICE = "gcp:compute/backendService:BackendService"
FIREWALL = "gcp:compute/firewall:Firewall"
NETWORK = "gcp:compute/network:Network"
SUBNETWORK = "gcp:compute/subnetwork:Subnetwork"
INSTANCE = "gcp:compute/instance:Instance"
TEMPLATE = "gcp:compute/instanceTemplate:InstanceTemplate"
GROUP_MANAGERS = ("gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager",
                  "gcp:compute/instanceGroupManager:InstanceGroupManager")
INSTANCE_GROUP = "gcp:compute/instanceGroup:InstanceGroup"
FUNCTION = "gcp:cloudfunctionsv2/function:Function"
BUCKET_OBJECT = "gcp:storage/bucketObject:BucketObject"
BUCKET = "gcp:storage/bucket:Bucket"
BACKEND_BUCKET = "gcp:compute/backendBucket:BackendBucket"
BUCKET_READERS = ("gcp:storage/bucketIAMMember:BucketIAMMember", "gcp:storage/bucketIAMBinding:BucketIAMBinding")
FILESTORE = "gcp:filestore/instance:Instance"
ROUTER = "gcp:compute/router:Router"
ROUTER_NAT = "gcp:compute/routerNat:RouterNat"
ADDRESSES = ("gcp:compute/address:Address", "gcp:compute/globalAddress:GlobalAddress")
TOPIC = "gcp:pubsub/topic:Topic"
SUBSCRIPTION = "gcp:pubsub/subscription:Subscription"
SQL_INSTANCE = "gcp:sql/databaseInstance:DatabaseInstance"
PSA_CONNECTION = "gcp:servicenetworking/connection:Connection"
GKE_CLUSTER = "gcp:container/cluster:Cluster"
SERVICE = "gcp:projects/service:Service"

# Google "Health checks overview", firewall rules: probes and Google Front End proxies come from these ranges.
HEALTH_CHECK_RANGES = frozenset({"35.191.0.0/16", "130.211.0.0/22"})
_PROBE_NETWORKS = tuple(ipaddress.IPv4Network(value) for value in sorted(HEALTH_CHECK_RANGES))
EXTERNAL_SCHEMES = frozenset({"EXTERNAL", "EXTERNAL_MANAGED"})
# Record types whose data ends in a domain name (Cloud DNS "Supported DNS record types": names are absolute).
NAME_VALUED_RECORDS = frozenset({"CNAME", "MX", "NS", "SRV", "PTR"})
# Machine series that attach Hyperdisk only (Compute Engine "Machine series comparison", disk support).
HYPERDISK_ONLY_SERIES = frozenset({"c4", "c4a", "c4d", "n4", "n4a", "n4d", "x4", "a4", "a4x", "h4d", "m4"})
# Filestore tiers' smallest share in GiB (pulumi-gcp filestore.Instance `file_shares.capacity_gb` docstring).
FILESTORE_MIN_GIB: dict[str, int] = {"BASIC_HDD": 1024, "BASIC_SSD": 2560, "HIGH_SCALE_SSD": 10240, "ZONAL": 100,
                                     "ENTERPRISE": 1024, "REGIONAL": 1024}
# Who may read a bucket that Cloud CDN serves (Cloud CDN "Set up a backend bucket": public, or the fill account).
CDN_READERS = ("allUsers", "cloud-cdn-fill.iam.gserviceaccount.com")
READER_ROLES = frozenset({"roles/storage.objectViewer", "roles/storage.legacyObjectReader"})
# GCP resource module -> the API that must be enabled on the project first ("Enabling an API in your project").
# pulumi-gcp module -> the API service names its resources need. The table the stack enables them from
# (stacks/gcp/_apis.py), so that the rule and the stack cannot drift. Each product's "Enable the API" step and the
# service endpoint <name>.googleapis.com of its REST reference; Cloud Run functions (2nd gen) build with Cloud
# Build into Artifact Registry and run on Cloud Run (Cloud Run functions "Deploy a function": enable the Cloud
# Functions, Cloud Build, Artifact Registry and Cloud Run APIs).
MODULE_APIS: dict[str, tuple[str, ...]] = {
    "alloydb": ("alloydb.googleapis.com",),
    "apigateway": ("apigateway.googleapis.com",),
    "artifactregistry": ("artifactregistry.googleapis.com",),
    "bigquery": ("bigquery.googleapis.com",),
    "bigtable": ("bigtableadmin.googleapis.com",),
    "certificatemanager": ("certificatemanager.googleapis.com",),
    "cloudbuild": ("cloudbuild.googleapis.com",),
    "clouddomains": ("domains.googleapis.com",),
    "cloudfunctions": ("cloudfunctions.googleapis.com", "cloudbuild.googleapis.com"),
    "cloudfunctionsv2": ("cloudfunctions.googleapis.com", "cloudbuild.googleapis.com",
                         "artifactregistry.googleapis.com", "run.googleapis.com"),
    "cloudrun": ("run.googleapis.com",),
    "cloudrunv2": ("run.googleapis.com",),
    "cloudscheduler": ("cloudscheduler.googleapis.com",),
    "cloudtasks": ("cloudtasks.googleapis.com",),
    "compute": ("compute.googleapis.com",),
    "container": ("container.googleapis.com",),
    "dataflow": ("dataflow.googleapis.com",),
    "datastream": ("datastream.googleapis.com",),
    "dns": ("dns.googleapis.com",),
    "eventarc": ("eventarc.googleapis.com",),
    "filestore": ("file.googleapis.com",),
    "firestore": ("firestore.googleapis.com",),
    "iam": ("iam.googleapis.com",),
    "identityplatform": ("identitytoolkit.googleapis.com",),
    "kms": ("cloudkms.googleapis.com",),
    "logging": ("logging.googleapis.com",),
    "memcache": ("memcache.googleapis.com",),
    "memorystore": ("memorystore.googleapis.com",),
    "monitoring": ("monitoring.googleapis.com",),
    "networkservices": ("networkservices.googleapis.com",),
    "oslogin": ("oslogin.googleapis.com",),
    "parametermanager": ("parametermanager.googleapis.com",),
    "projects": ("cloudresourcemanager.googleapis.com",),  # project IAM bindings
    "pubsub": ("pubsub.googleapis.com",),
    "redis": ("redis.googleapis.com",),
    "secretmanager": ("secretmanager.googleapis.com",),
    "serviceaccount": ("iam.googleapis.com",),
    "servicenetworking": ("servicenetworking.googleapis.com",),
    "spanner": ("spanner.googleapis.com",),
    "sql": ("sqladmin.googleapis.com",),
    "storage": ("storage.googleapis.com",),
    "vertex": ("aiplatform.googleapis.com",),
    "vpcaccess": ("vpcaccess.googleapis.com",),
    "workflows": ("workflows.googleapis.com",),
}


def _network_of(tree: Tree, resource: TreeResource) -> list[TreeResource]:
    """The networks a resource sits in: directly, through its subnetworks, or through its template."""
    found = tree.dependencies_of(resource, NETWORK)
    for middle in tree.dependencies_of(resource, SUBNETWORK, TEMPLATE, INSTANCE, *GROUP_MANAGERS, INSTANCE_GROUP):
        found.extend(_network_of(tree, middle))
    return list({network.urn: network for network in found}.values())


def _tags_of(tree: Tree, resource: TreeResource) -> set[str]:
    tags = set(resource.get("tags", default=[]) or [])
    for middle in tree.dependencies_of(resource, TEMPLATE, INSTANCE, *GROUP_MANAGERS):
        tags |= _tags_of(tree, middle)
    return tags


def https_proxies_use_certificate_maps(tree: Tree) -> Iterator[Offender]:
    """External proxies take a certificate map or SSL certificates; INTERNAL_MANAGED ones may take Certificate
    Manager certificates directly (pulumi-gcp TargetHttpsProxy `certificate_manager_certificates`)."""
    for proxy in tree.of_type(HTTPS_PROXY):
        internal = _scheme_of_proxy(tree, proxy) == "INTERNAL_MANAGED"
        if proxy.get("certificateManagerCertificates") and not internal:
            yield proxy, "certificateManagerCertificates is set on an external proxy"
        elif not (proxy.get("certificateMap") or proxy.get("sslCertificates")
                  or (internal and proxy.get("certificateManagerCertificates"))):
            yield proxy, "no certificateMap or sslCertificates"


def _scheme_of_proxy(tree: Tree, proxy: TreeResource) -> str | None:
    """The load-balancing scheme of the forwarding rules that send to the proxy (EXTERNAL_MANAGED...)."""
    rules = tree.dependents_of(proxy, *FORWARDING_RULES)
    return next((str(rule.get("loadBalancingScheme")) for rule in rules if rule.get("loadBalancingScheme")), None)


def dns_authorizations_have_records(tree: Tree) -> Iterator[Offender]:
    for authorization in tree.of_type(DNS_AUTHORIZATION):
        if not tree.dependents_of(authorization, RECORD_SET):
            yield authorization, f"no _acme-challenge record for {authorization.get('domain')}"


def backends_admit_health_checks(tree: Tree) -> Iterator[Offender]:
    for service in tree.of_type(BACKEND_SERVICE):
        if service.get("loadBalancingScheme") not in EXTERNAL_SCHEMES | {"INTERNAL_MANAGED"}:
            continue
        groups = tree.property_dependencies_of(service, "backends", *GROUP_MANAGERS, INSTANCE_GROUP)
        for network in {n.urn: n for group in groups for n in _network_of(tree, group)}.values():
            tags = {tag for group in groups for tag in _tags_of(tree, group)}
            if not any(_admits_health_checks(rule, tags) for rule in tree.dependents_of(network, FIREWALL)):
                yield service, f"network {network.name} has no ingress rule from 35.191.0.0/16 and 130.211.0.0/22"


def _admits_health_checks(rule: TreeResource, backend_tags: set[str]) -> bool:
    """An allowing ingress rule whose source ranges cover both probe ranges (0.0.0.0/0 does) and whose targets
    include the backends."""
    ranges = [_network(value) for value in rule.get("sourceRanges", default=[]) or []]
    targets = set(rule.get("targetTags", default=[]) or [])
    covered = all(any(source and probe.subnet_of(source) for source in ranges) for probe in _PROBE_NETWORKS)
    return (rule.get("direction", default="INGRESS") == "INGRESS" and not rule.get("denies") and covered
            and (not targets or bool(targets & backend_tags)))


def _network(value: object) -> ipaddress.IPv4Network | None:
    try:
        network = ipaddress.ip_network(str(value), strict=False)
    except ValueError:
        return None
    return network if isinstance(network, ipaddress.IPv4Network) else None


def firewall_targets_are_carried(tree: Tree) -> Iterator[Offender]:
    carried = {tag for vm in tree.of_type(INSTANCE, TEMPLATE) for tag in vm.get("tags", default=[]) or []}
    for rule in tree.of_type(FIREWALL):
        targets = set(rule.get("targetTags", default=[]) or [])
        if targets and not targets & carried:
            yield rule, f"no VM carries {', '.join(sorted(targets))}"


def dns_names_are_absolute(tree: Tree) -> Iterator[Offender]:
    for record in tree.of_type(RECORD_SET):
        if record.get("type") in NAME_VALUED_RECORDS:
            relative = [value for value in record.get("rrdatas", default=[]) or []
                        if isinstance(value, str) and not (value.split() or [""])[-1].endswith(".")]
            if relative:
                yield record, f"{record.get('type')} value {relative[0]!r} has no trailing dot"


def apis_of(resource_type: str) -> tuple[str, ...]:
    """The APIs a resource type needs (none for a projects.Service itself)."""
    return () if resource_type == SERVICE else MODULE_APIS.get(_module(resource_type), ())


def apis_are_enabled(tree: Tree) -> Iterator[Offender]:
    """Every API a resource needs is enabled by the stack, and the resource waits for it (created in parallel with
    its API's Service, it fails with SERVICE_DISABLED on a fresh project)."""
    enabled = {str(service.get("service")): service.urn for service in tree.of_type(SERVICE)}
    for resource in tree.resources:
        waits_for = {dependency.urn for dependency in tree.dependencies_of(resource, SERVICE)}
        for api in apis_of(resource.type):
            if api not in enabled:
                yield resource, f"{api} is not enabled by the stack"
                break
            if enabled[api] not in waits_for:
                yield resource, f"it does not depend on the Service enabling {api}"
                break


def _module(resource_type: str) -> str:
    return resource_type.split(":")[1].split("/")[0] if resource_type.startswith("gcp:") else ""


def function_sources_are_uploaded(tree: Tree) -> Iterator[Offender]:
    for function in tree.of_type(FUNCTION):
        if function.get("buildConfig", "source", "storageSource") and not tree.property_dependencies_of(
                function, "buildConfig", BUCKET_OBJECT):
            yield function, "its source object is not uploaded by the stack"


def disks_fit_the_machine_series(tree: Tree) -> Iterator[Offender]:
    for vm in tree.of_type(INSTANCE, TEMPLATE):
        series = str(vm.get("machineType", default="")).rsplit("/", 1)[-1].split("-")[0]
        if series in HYPERDISK_ONLY_SERIES:
            wrong = [kind for kind in _disk_types(vm) if not kind.startswith("hyperdisk")]
            if wrong:
                yield vm, f"{series.upper()} attaches Hyperdisk only, not {wrong[0]}"


def _disk_types(vm: TreeResource) -> list[str]:
    types = [str(disk.get("diskType")) for disk in vm.get("disks", default=[]) or [] if disk.get("diskType")]
    boot = vm.get("bootDisk", "initializeParams", "type")
    return types + ([str(boot)] if boot else [])


def group_managers_wait_for_instances(tree: Tree) -> Iterator[Offender]:
    for manager in tree.of_type(*GROUP_MANAGERS):
        if manager.get("waitForInstances") is not True:
            yield manager, "waitForInstances is not true"


def cdn_buckets_are_readable(tree: Tree) -> Iterator[Offender]:
    for backend in tree.of_type(BACKEND_BUCKET):
        if not backend.get("enableCdn"):
            continue
        for bucket in tree.property_dependencies_of(backend, "bucketName", BUCKET) or [backend]:
            readers = [member for grant in tree.dependents_of(bucket, *BUCKET_READERS) if grant.get("role") in READER_ROLES
                       for member in [grant.get("member"), *(grant.get("members", default=[]) or [])] if member]
            if not any(reader in str(member) for member in readers for reader in CDN_READERS):
                yield backend, f"bucket {bucket.name} grants read to neither allUsers nor the Cloud CDN fill account"
            elif "allUsers" in readers and bucket.get("publicAccessPrevention") == "enforced":
                yield backend, f"bucket {bucket.name} enforces public access prevention"


def filestore_capacity_fits_the_tier(tree: Tree) -> Iterator[Offender]:
    for share_host in tree.of_type(FILESTORE):
        tier = str(share_host.get("tier", default=""))
        shares = share_host.get("fileShares", default={}) or {}
        capacity = (shares[0] if isinstance(shares, list) and shares else shares).get("capacityGb", 0)
        if capacity < FILESTORE_MIN_GIB.get(tier, 0):
            yield share_host, f"{capacity:g} GiB is below the {tier} minimum of {FILESTORE_MIN_GIB[tier]} GiB"


def private_vms_have_a_way_out(tree: Tree) -> Iterator[Offender]:
    nat_regions = {str(nat.get("region")) for nat in tree.of_type(ROUTER_NAT)}
    for vm in tree.of_type(INSTANCE, TEMPLATE):
        interfaces = vm.get("networkInterfaces", default=[]) or []
        if interfaces and not any(interface.get("accessConfigs") for interface in interfaces):
            regions = {str(subnet.get("region")) for subnet in tree.dependencies_of(vm, SUBNETWORK)}
            missing = sorted(regions - nat_regions)
            if missing:
                yield vm, f"no Cloud NAT in {missing[0]} for a VM without an external IP"


def addresses_are_used(tree: Tree) -> Iterator[Offender]:
    for address in tree.of_type(*ADDRESSES):
        if address.get("addressType", default="EXTERNAL") == "EXTERNAL" and not tree.dependents_of(address):
            yield address, "reserved and billed but used by nothing"


def topics_keep_their_subscribers(tree: Tree) -> Iterator[Offender]:
    expected: dict[str, int] = tree.context.get("topic_subscribers", {})
    subscribed: dict[str, int] = {}
    for subscription in tree.of_type(SUBSCRIPTION):
        for topic in tree.property_dependencies_of(subscription, "topic", TOPIC):
            subscribed[topic.urn] = subscribed.get(topic.urn, 0) + 1
    for topic in tree.of_type(TOPIC):
        wanted = expected.get(topic.name, 0)
        have = subscribed.get(topic.urn, 0)
        if have < wanted:
            yield topic, f"{have} subscription(s) for {wanted} subscriber(s) of the source topic"


def private_databases_have_a_peering(tree: Tree) -> Iterator[Offender]:
    for database in tree.of_type(SQL_INSTANCE):
        if database.get("settings", "ipConfiguration", "privateNetwork") and not tree.dependencies_of(
                database, PSA_CONNECTION):
            yield database, "private IP without a Private Service Access connection"


def clusters_join_the_stack_network(tree: Tree) -> Iterator[Offender]:
    networks = tree.of_type(NETWORK)
    for cluster in tree.of_type(GKE_CLUSTER):
        if networks and not tree.property_dependencies_of(cluster, "network", NETWORK):
            yield cluster, f"network is {cluster.get('network', default='unset')!r}, not one of the stack's networks"


RULES: tuple[ServingRule, ...] = (
    ServingRule("gcp.https-proxy-certificate-map", (HTTPS_PROXY,),
                "a global external HTTPS proxy takes a certificate map or SSL certificates",
                "set certificate_map (CertificateMap + CertificateMapEntry) instead of certificate_manager_certificates",
                f"{PULUMI_GCP} compute.TargetHttpsProxy certificate_manager_certificates / certificate_map",
                https_proxies_use_certificate_maps),
    ServingRule("gcp.certificate-dns-authorized", (DNS_AUTHORIZATION, RECORD_SET),
                "a managed certificate stays PROVISIONING until its DNS authorization record exists",
                "create the _acme-challenge CNAME from dns_resource_records in the domain's managed zone",
                "Certificate Manager docs, 'Create a Google-managed certificate with DNS authorization'",
                dns_authorizations_have_records),
    ServingRule("gcp.backend-admits-health-checks", (BACKEND_SERVICE, FIREWALL, NETWORK, *GROUP_MANAGERS),
                "load-balancer backends are unhealthy unless the health-check and proxy ranges may reach them",
                "add an ingress firewall rule from 35.191.0.0/16 and 130.211.0.0/22 to the backends' tags and ports",
                "Cloud Load Balancing docs, 'Health checks overview: firewall rules'",
                backends_admit_health_checks),
    ServingRule("gcp.firewall-target-carried", (FIREWALL, INSTANCE, TEMPLATE),
                "a firewall rule whose target tags no VM carries applies to nothing",
                "tag the VMs it is for, or drop the rule (Cloud SQL, Memorystore, Filestore take no tags: "
                "their access is private IP / authorized networks)",
                "VPC docs, 'VPC firewall rules: target tags apply to VM instances'",
                firewall_targets_are_carried),
    ServingRule("gcp.dns-absolute-names", (RECORD_SET,),
                "Cloud DNS rejects CNAME, MX, NS, SRV and PTR data without a trailing dot",
                "end the domain name in each value with '.'",
                "Cloud DNS docs, 'Supported DNS record types'", dns_names_are_absolute),
    ServingRule("gcp.api-enabled", (SERVICE,),
                "on a fresh project a resource whose API is disabled fails with SERVICE_DISABLED",
                "add a gcp.projects.Service for the API (disable_on_destroy=False) and depend on it",
                "Service Usage docs, 'Enabling and disabling services'; pulumi-gcp projects.Service",
                apis_are_enabled),
    ServingRule("gcp.function-source-uploaded", (FUNCTION, BUCKET_OBJECT),
                "a Cloud Run function builds from a source object that must exist",
                "upload the source archive as a gcp.storage.BucketObject the function refers to",
                f"{PULUMI_GCP} cloudfunctionsv2.Function build_config.source.storage_source",
                function_sources_are_uploaded),
    ServingRule("gcp.disk-fits-machine-series", (INSTANCE, TEMPLATE),
                "C4, N4, X4 and other recent series attach Hyperdisk only",
                "use hyperdisk-balanced boot and data disks for these series",
                "Compute Engine docs, 'Machine series comparison' and 'Hyperdisk: machine series support'",
                disks_fit_the_machine_series),
    ServingRule("gcp.group-waits-for-instances", GROUP_MANAGERS,
                "a managed instance group that does not wait reports success while its instances fail",
                "set wait_for_instances=True",
                f"{PULUMI_GCP} compute.RegionInstanceGroupManager wait_for_instances",
                group_managers_wait_for_instances),
    ServingRule("gcp.cdn-bucket-readable", (BACKEND_BUCKET, BUCKET, *BUCKET_READERS),
                "Cloud CDN answers 403 unless the bucket may be read by the public or its fill account",
                "grant roles/storage.objectViewer to allUsers (public content, prevention 'inherited') or to the "
                "Cloud CDN fill service account (signed requests)",
                "Cloud CDN docs, 'Set up a backend bucket' and 'Use signed URLs'", cdn_buckets_are_readable),
    ServingRule("gcp.filestore-minimum-capacity", (FILESTORE,),
                "Filestore refuses a share below its tier's minimum",
                "raise file_shares.capacity_gb to the tier's minimum",
                f"{PULUMI_GCP} filestore.Instance file_shares.capacity_gb", filestore_capacity_fits_the_tier),
    ServingRule("gcp.private-vms-egress", (INSTANCE, TEMPLATE, ROUTER_NAT, SUBNETWORK),
                "VMs without an external IP reach the internet only through Cloud NAT in their region",
                "add a Cloud Router and Cloud NAT in the region", "Cloud NAT docs, 'Cloud NAT overview'",
                private_vms_have_a_way_out),
    ServingRule("gcp.address-used", ADDRESSES,
                "a reserved external address that nothing uses is billed and serves nothing",
                "attach it (a NAT with MANUAL_ONLY nat_ips, a forwarding rule) or drop it",
                "VPC docs, 'Reserve a static external IP address' (pricing of unused addresses)", addresses_are_used),
    ServingRule("gcp.topic-keeps-subscribers", (TOPIC, SUBSCRIPTION),
                "messages published to a topic without the source's subscribers are dropped",
                "create one subscription on the topic per subscriber of the source SNS topic",
                "Pub/Sub docs, 'Subscription overview' (messages reach only existing subscriptions)",
                topics_keep_their_subscribers),
    ServingRule("gcp.private-sql-peering", (SQL_INSTANCE, PSA_CONNECTION),
                "Cloud SQL on a private IP needs a Private Service Access connection on its network",
                "create the servicenetworking Connection first and depend on it",
                "Cloud SQL docs, 'Configure private IP'", private_databases_have_a_peering),
    ServingRule("gcp.cluster-on-stack-network", (GKE_CLUSTER, NETWORK),
                "a GKE cluster on the 'default' network cannot reach the stack's VMs and databases",
                "set the cluster's network and subnetwork to the stack's", f"{PULUMI_GCP} container.Cluster network",
                clusters_join_the_stack_network),
)
