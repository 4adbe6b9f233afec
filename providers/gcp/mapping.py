"""Neutral kinds -> Google Cloud specs (providers/gcp/specs.py), right-sized and priced.

One small function per kind, `(resource, ctx) -> MappedTarget`, gathered in
`MAPPER`. Sizes come from the inventory props (docs/inventory-props.md),
machine types and prices from the dated GCP catalog, references to other
resources are plan item ids from `ctx.item_id`. What GCP cannot do the same way
is a `partial` with notes saying what differs, or `manual` with the work.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from planner.core.model.inventory import Resource
from planner.core.contract import MappedTarget, MappingContext
from planner.core.index import index_of
from planner.core.naming import sanitize_name
from providers.aws import catalog as aws_catalog
from providers.common.catalog import MachineChoice
from planner.core.contract import manual, skipped, target_mapper
from providers.gcp import catalog, naming, pricing
from providers.gcp import specs as s
from providers.gcp.pricing import Priced

PYPI_PULUMI_GCP = "pulumi-gcp 10.2.0 resource docs (PyPI, installed)"

# ---- data tables ------------------------------------------------------------

# Public image family per (platform, architecture). The AMI itself does not carry over.
BOOT_IMAGES: dict[tuple[str, str], str] = {
    ("linux", "x86_64"): "debian-cloud/debian-12",
    ("linux", "arm64"): "debian-cloud/debian-12-arm64",
    ("windows", "x86_64"): "windows-cloud/windows-2022",
}
# Boot disk sizes: a default above each public image's own size (Windows Server images are 50 GB).
BOOT_DISK_GB: dict[str, int] = {"linux": 20, "windows": 50}
BOOT_DISK_TYPE = "pd-balanced"

# EBS volume type -> Persistent Disk type of the same performance class.
DISK_TYPES: dict[str, str] = {
    "gp2": "pd-balanced",
    "gp3": "pd-balanced",
    "io1": "pd-ssd",
    "io2": "pd-ssd",
    "st1": "pd-standard",
    "sc1": "pd-standard",
    "standard": "pd-standard",
}
# io1/io2 volumes provisioned above this many IOPS (the io1 and non-Block-Express io2 ceiling in
# AWS's "Amazon EBS volume types" page) become Hyperdisk Extreme with the same provisioned IOPS.
HYPERDISK_ABOVE_IOPS = 64_000

# Cloud SQL database versions (pulumi-gcp 10.2.0 `database_version` docs).
CLOUD_SQL_VERSIONS: dict[str, tuple[str, ...]] = {
    "POSTGRES": ("9_6", "10", "11", "12", "13", "14", "15", "16", "17", "18"),
    "MYSQL": ("5_6", "5_7", "8_0", "8_4"),
    "SQLSERVER_2022": ("STANDARD", "ENTERPRISE", "EXPRESS", "WEB"),
}
# RDS engine -> (Cloud SQL family, what differs or None).
SQL_ENGINES: dict[str, tuple[str, str | None]] = {
    "postgres": ("POSTGRES", None),
    "mysql": ("MYSQL", None),
    "aurora-postgresql": ("POSTGRES", "Aurora PostgreSQL -> Cloud SQL for PostgreSQL: no shared cluster storage; "
                          "readers become asynchronous read replicas (AlloyDB is the closer match if Aurora features are used)"),
    "aurora-mysql": ("MYSQL", "Aurora MySQL -> Cloud SQL for MySQL: no shared cluster storage, backtrack or fast "
                     "clones; readers become asynchronous read replicas"),
    "mariadb": ("MYSQL", "MariaDB is not offered by Cloud SQL: MySQL 8.0 is the target; check MariaDB-only SQL and "
                "system-versioned tables"),
    "sqlserver-se": ("SQLSERVER_2022", "SQL Server Standard"),
    "sqlserver-ee": ("SQLSERVER_2022", "SQL Server Enterprise"),
    "sqlserver-ex": ("SQLSERVER_2022", "SQL Server Express"),
    "sqlserver-web": ("SQLSERVER_2022", "SQL Server Web"),
}
SQLSERVER_EDITIONS = {"sqlserver-se": "STANDARD", "sqlserver-ee": "ENTERPRISE", "sqlserver-ex": "EXPRESS",
                      "sqlserver-web": "WEB"}
# Cloud SQL custom machine shapes (Cloud SQL "instance settings": 1 or an even number of vCPUs up to
# 96; 0.9-6.5 GB per vCPU, a multiple of 256 MB, at least 3.75 GB). Retrieved copy, 2026-11-21.
SQL_MAX_VCPU = 96
SQL_MIN_MEMORY_MB = 3840
SQL_MEMORY_STEP_MB = 256
SQL_MAX_MB_PER_VCPU = 6.5 * 1024
SQL_MIN_MB_PER_VCPU = 0.9 * 1024
SQL_MIN_DISK_GB = 10

# Memorystore for Redis versions (docs "Supported versions": 3.2, 4.0, 5.0, 6.x, 7.0, 7.2; retrieved copy).
REDIS_VERSIONS: tuple[tuple[tuple[int, int], str], ...] = (
    ((3, 2), "REDIS_3_2"), ((4, 0), "REDIS_4_0"), ((5, 0), "REDIS_5_0"), ((6, 0), "REDIS_6_X"),
    ((7, 0), "REDIS_7_0"), ((7, 2), "REDIS_7_2"),
)
REDIS_MAX_GB = 300  # Memorystore for Redis Basic/Standard capacity ceiling (Memorystore docs, "Redis tiers")
REDIS_MAX_READ_REPLICAS = 5  # pulumi-gcp 10.2.0 redis.Instance `replica_count` docs: 1-5 with read replicas

# Lambda runtime -> Cloud Run functions runtime id (docs "Cloud Run functions runtimes", retrieved copy).
FUNCTION_RUNTIMES: dict[str, str] = {
    **{f"python3.{minor}": f"python3{minor}" for minor in range(8, 14)},
    **{f"nodejs{major}.x": f"nodejs{major}" for major in (18, 20, 22)},
    "java11": "java11", "java17": "java17", "java21": "java21",
    "ruby3.2": "ruby32", "ruby3.3": "ruby33",
    "dotnet6": "dotnet6", "dotnet8": "dotnet8",
}
CLOUD_RUN_PLACEHOLDER_IMAGE = "us-docker.pkg.dev/cloudrun/container/hello"

# Pub/Sub subscription limits (pulumi-gcp 10.2.0 pubsub.Subscription docs).
ACK_DEADLINE_RANGE = (10, 600)
RETENTION_RANGE_S = (600, 2_678_400)

# S3 storage class -> Cloud Storage class with the same minimum storage duration.
GCS_CLASS_FOR_S3: dict[str, str] = {
    "STANDARD": "standard", "INTELLIGENT_TIERING": "standard", "REDUCED_REDUNDANCY": "standard",
    "EXPRESS_ONEZONE": "standard", "OUTPOSTS": "standard", "STANDARD_IA": "nearline", "ONEZONE_IA": "nearline",
    "GLACIER_IR": "coldline", "GLACIER": "coldline", "DEEP_ARCHIVE": "archive",
}

# Filestore Regional tier: 100 GiB to 100 TiB (docs "Service tiers: Regional", retrieved copy). EFS is
# regional (multi-AZ), so the regional tier is the like-for-like target.
FILESTORE_TIER = "REGIONAL"
FILESTORE_RANGE_GIB = (100, 102_400)

# AWS KMS key spec/usage -> Cloud KMS purpose and algorithm.
KMS_KEYS: dict[tuple[str, str], tuple[str, str]] = {
    ("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT"): ("ENCRYPT_DECRYPT", "GOOGLE_SYMMETRIC_ENCRYPTION"),
    ("RSA_2048", "ENCRYPT_DECRYPT"): ("ASYMMETRIC_DECRYPT", "RSA_DECRYPT_OAEP_2048_SHA256"),
    ("RSA_3072", "ENCRYPT_DECRYPT"): ("ASYMMETRIC_DECRYPT", "RSA_DECRYPT_OAEP_3072_SHA256"),
    ("RSA_4096", "ENCRYPT_DECRYPT"): ("ASYMMETRIC_DECRYPT", "RSA_DECRYPT_OAEP_4096_SHA256"),
    ("RSA_2048", "SIGN_VERIFY"): ("ASYMMETRIC_SIGN", "RSA_SIGN_PSS_2048_SHA256"),
    ("RSA_3072", "SIGN_VERIFY"): ("ASYMMETRIC_SIGN", "RSA_SIGN_PSS_3072_SHA256"),
    ("RSA_4096", "SIGN_VERIFY"): ("ASYMMETRIC_SIGN", "RSA_SIGN_PSS_4096_SHA256"),
    ("ECC_NIST_P256", "SIGN_VERIFY"): ("ASYMMETRIC_SIGN", "EC_SIGN_P256_SHA256"),
    ("ECC_NIST_P384", "SIGN_VERIFY"): ("ASYMMETRIC_SIGN", "EC_SIGN_P384_SHA384"),
    ("HMAC_256", "GENERATE_VERIFY_MAC"): ("MAC", "HMAC_SHA256"),
}

# Route 53 record types Cloud DNS creates itself at the zone apex.
APEX_RECORDS_OWNED_BY_CLOUD_DNS = frozenset({"NS", "SOA"})
ALIAS_TTL_S = 300  # alias records have no TTL of their own; Route 53 serves the target's. A stated default.


# ---- helpers ----------------------------------------------------------------


def _child_name(base: str, suffix: str) -> str:
    return sanitize_name(f"{base}-{suffix}", naming.NAME_RULES)


def _refs(resource: Resource, ctx: MappingContext, *keys: str) -> list[Resource]:
    found = [ctx.resource(ref) for ref in resource.refs]
    return [r for r in found if r is not None and (not keys or r.key in keys)]


def _skipped_by_core(resource_id: str, ctx: MappingContext) -> bool:
    """Provider defaults the core skips (default VPC, its subnets...) are never referenced: they build nothing."""
    is_skipped = getattr(ctx, "is_skipped", None)
    return bool(is_skipped and is_skipped(resource_id))


def _item_of(resource_id: str | None, ctx: MappingContext) -> str | None:
    if not resource_id or _skipped_by_core(resource_id, ctx):
        return None
    return ctx.item_id(resource_id)


def _item_ids(resources: Iterable[Resource], ctx: MappingContext) -> list[str]:
    return [item for item in (_item_of(r.id, ctx) for r in resources) if item]


def _vpc_of(resource: Resource, ctx: MappingContext) -> Resource | None:
    for ref in _refs(resource, ctx):
        if ref.key == "aws.ec2.vpc":
            return ref
        if ref.key == "aws.ec2.subnet":
            return next(iter(_refs(ref, ctx, "aws.ec2.vpc")), None)
    vpc_id = resource.props.get("vpc_id")
    return ctx.resource(vpc_id) if vpc_id else None


def _placement(resource: Resource, ctx: MappingContext) -> tuple[str | None, str | None]:
    """(network item id, first subnetwork item id) of a resource's VPC and subnets."""
    subnets = _refs(resource, ctx, "aws.ec2.subnet")
    vpc = _vpc_of(resource, ctx)
    return _item_of(vpc.id if vpc else None, ctx), (_item_ids(subnets[:1], ctx) or [None])[0]


def _region(resource: Resource, ctx: MappingContext) -> str:
    return ctx.target_region(resource.region)


def _zone(region: str, resource: Resource, ctx: MappingContext) -> str:
    # Seeding with the AWS availability zone keeps what shared an AZ together (a volume with its instance).
    return ctx.target_zone(region, str(resource.props.get("availability_zone") or resource.id))


def _done(status: str, spec: s.GcpSpec, notes: list[str], priced: Priced) -> MappedTarget:
    return MappedTarget(
        status=status,  # type: ignore[arg-type]
        target=spec.model_dump(),
        notes=notes + priced.notes,
        target_monthly_usd=priced.monthly_usd,
        cost_basis=priced.basis,
    )


def _free(what: str) -> Priced:
    return Priced(0.0, [f"{what}: no charge of its own on Google Cloud"])


def _number(value: Any, default: float = 0.0) -> float:
    try:
        return float(value) if value is not None else default
    except (TypeError, ValueError):
        return default


# ---- compute ----------------------------------------------------------------


def _machine_for(
    region: str, vcpu: float, memory_gib: float, *, gpu_count: int, gpu_model: str | None, arch: str, burstable: bool
) -> tuple[Any, list[str], bool]:
    """The right-sized machine, notes, and whether it differs in kind from the source (another GPU)."""
    choice, notes, differs = _machine_for_shape(region, vcpu, memory_gib, gpu_count, gpu_model, arch, burstable)
    return choice, list(notes), differs


@lru_cache(maxsize=4096)  # VMs share a few shapes; the catalog search is the costly part of mapping one
def _machine_for_shape(
    region: str, vcpu: float, memory_gib: float, gpu_count: int, gpu_model: str | None, arch: str, burstable: bool
) -> tuple[Any, tuple[str, ...], bool]:
    gpu_class, gpu_note = catalog.gpu_class_for_aws_model(gpu_model) if gpu_count else (None, "")
    choice = catalog.cheapest_machine_type(
        region, vcpu, memory_gib, gpu_count=gpu_count, gpu_class=gpu_class, arch=arch, burstable=burstable
    )
    notes = ([f"GPU: {gpu_note}"] if gpu_note else []) + list(choice.notes)
    return choice, tuple(notes), bool(gpu_note) and not gpu_note.startswith("same GPU")


def _shape_from_type(instance_type: str | None) -> dict[str, Any] | None:
    known = aws_catalog.instance_types().get(instance_type or "")
    if known is None:
        return None
    return {"vcpu": known.vcpu, "memory_gib": known.memory_gib, "gpu_count": known.gpu_count,
            "gpu_model": known.gpu_model, "arch": known.arch, "burstable": known.burstable}


def _shape_of_instance(props: dict[str, Any]) -> dict[str, Any] | None:
    if props.get("vcpu"):
        return {"vcpu": _number(props["vcpu"]), "memory_gib": _number(props.get("memory_mib")) / 1024,
                "gpu_count": int(_number(props.get("gpu_count"))), "gpu_model": props.get("gpu_model"),
                "arch": props.get("architecture") or "x86_64", "burstable": bool(props.get("burstable"))}
    return _shape_from_type(props.get("instance_type"))


def _machine_fields(
    choice: MachineChoice, image: str, boot_gb: int, network: str | None, subnetwork: str | None, tags: list[str]
) -> dict[str, Any]:
    """The fields an instance and an instance template share (`specs._MachineShape`)."""
    accelerator = (s.AcceleratorSpec(type=choice.accelerator_type, count=choice.accelerator_count)
                   if choice.accelerator_type else None)
    return {"machine_type": choice.machine_type, "vcpu": choice.vcpu, "memory_gb": choice.memory_gb,
            "boot_image": image, "boot_disk_gb": boot_gb, "boot_disk_type": BOOT_DISK_TYPE,
            "accelerator": accelerator, "network": network, "subnetwork": subnetwork, "network_tags": tags}


def _security_group_tags(resource: Resource, ctx: MappingContext) -> list[str]:
    """Firewall target tags of the resource's security groups."""
    return _network_tags(_refs(resource, ctx, "aws.ec2.security_group"), ctx)


def _boot(platform: str | None, arch: str) -> tuple[str, int, list[str]]:
    platform = "windows" if (platform or "").lower() == "windows" else "linux"
    image = BOOT_IMAGES.get((platform, arch), BOOT_IMAGES[("linux", "x86_64")])
    note = (f"boot disk from the public image family {image}: the AMI does not carry over; rebuild the "
            "server (configuration management) or import the image (Migrate to Virtual Machines)")
    return image, BOOT_DISK_GB[platform], [note]


def _network_tags(groups: Iterable[Resource], ctx: MappingContext) -> list[str]:
    return [ctx.target_name(group) for group in groups if not _skipped_by_core(group.id, ctx)]


def _instances_of_address(address: Resource) -> list[Any]:
    return [address.props.get("instance_id"), *address.refs]


def _elastic_ip_of(instance: Resource, ctx: MappingContext) -> Resource | None:
    return next(iter(index_of(ctx).lookup(_instances_of_address, instance.id, "aws.ec2.elastic_ip")), None)


def _id_and_name(resource: Resource) -> list[str]:
    return [resource.id, resource.name]


def map_vm(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    asg = props.get("autoscaling_group")
    if asg:
        group = next(iter(index_of(ctx).lookup(_id_and_name, asg, "aws.autoscaling.group")), None)
        owner = _item_of(group.id, ctx) if group else None
        return skipped(f"launched by auto scaling group {asg}: the managed instance group "
                        f"{owner or '(not inventoried)'} creates its instances")
    shape = _shape_of_instance(props)
    if shape is None:
        return manual(f"no vCPU/memory known for instance type {props.get('instance_type')!r}",
                       "pick a Compute Engine machine type by hand")
    region = _region(resource, ctx)
    choice, notes, gpu_differs = _machine_for(region, **shape)
    if not choice.found:
        return manual("no Compute Engine machine type matches: " + "; ".join(notes),
                       "choose a machine type (or another region) by hand and add the instance to the stack")
    image, boot_gb, boot_notes = _boot(props.get("platform"), choice.arch)
    network, subnetwork = _placement(resource, ctx)
    eip = _elastic_ip_of(resource, ctx)
    ephemeral_ip = bool(props.get("public_ip")) and eip is None
    spec = s.InstanceSpec(
        name=ctx.target_name(resource), labels=ctx.labels(resource), region=region, zone=_zone(region, resource, ctx),
        **_machine_fields(choice, image, boot_gb, network, subnetwork, _security_group_tags(resource, ctx)),
        disks=_item_ids(_refs(resource, ctx, "aws.ec2.volume"), ctx),
        external_address=_item_of(eip.id if eip else None, ctx), ephemeral_public_ip=ephemeral_ip,
    )
    notes = [f"{props.get('instance_type')} ({shape['vcpu']:g} vCPU, {shape['memory_gib']:g} GiB) -> "
             f"{choice.machine_type} ({choice.vcpu:g} vCPU, {choice.memory_gb:g} GB)", *notes, *boot_notes]
    if spec.disks:
        notes.append("the EBS volumes (root volume included) are copied to the attached Persistent Disks")
    if props.get("state") == "stopped":
        notes.append("the source instance is stopped: the price assumes it runs around the clock")
    priced = pricing.machine(choice).add(pricing.disk(BOOT_DISK_TYPE, boot_gb, region))
    if ephemeral_ip:
        priced.add(pricing.hourly(catalog.external_ip_rate(region), "external IPv4 in use",
                                  f"no external IPv4 rate for {region} in the catalog snapshot"))
    return _done("partial" if gpu_differs else "mapped", spec, notes, priced)


def _template_resource_of_group(group: Resource, ctx: MappingContext) -> Resource | None:
    template_id = group.props.get("launch_template_id")
    found = ctx.resource(template_id) if template_id else None
    return found or next(iter(_refs(group, ctx, "aws.ec2.launch_template")), None)


def _launch_template_of_group(group: Resource) -> list[Any]:
    return [group.props.get("launch_template_id")]


def _template_spec(resource: Resource, ctx: MappingContext) -> tuple[s.InstanceTemplateSpec | None, Any, list[str]]:
    shape = _shape_from_type(resource.props.get("instance_type"))
    if shape is None:
        return None, None, [f"no vCPU/memory known for instance type {resource.props.get('instance_type')!r}"]
    region = _region(resource, ctx)
    choice, notes, _ = _machine_for(region, **shape)
    if not choice.found:
        return None, choice, notes
    image, boot_gb, boot_notes = _boot(None, choice.arch)
    groups = index_of(ctx).lookup(_launch_template_of_group, resource.id, "aws.autoscaling.group")
    network, subnetwork = _placement(groups[0], ctx) if groups else (None, None)
    if network is None:
        network, _ = _placement(next(iter(_refs(resource, ctx, "aws.ec2.security_group")), resource), ctx)
    spec = s.InstanceTemplateSpec(
        name=ctx.target_name(resource), labels=ctx.labels(resource), region=region,
        **_machine_fields(choice, image, boot_gb, network, subnetwork, _security_group_tags(resource, ctx)),
    )
    notes = [f"{resource.props.get('instance_type')} -> {choice.machine_type}", *notes, *boot_notes,
             "user data is not inventoried: add the startup script (metadata startup-script) by hand"]
    return spec, choice, notes


def map_template(resource: Resource, ctx: MappingContext) -> MappedTarget:
    spec, _, notes = _template_spec(resource, ctx)
    if spec is None:
        return manual("no Compute Engine machine type matches: " + "; ".join(notes),
                       "choose a machine type by hand and write the instance template")
    return _done("mapped", spec, notes, _free("instance template (its instances are priced on the group item)"))


def _port_name(port: int) -> str:
    return f"p{port}"


def map_group(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    template = _template_resource_of_group(resource, ctx)
    if template is None:
        return manual("the group has no inventoried launch template (a launch configuration?)",
                       f"write an instance template for {props.get('instance_type') or 'its instance type'} "
                       "and a regional managed instance group")
    template_spec, choice, template_notes = _template_spec(template, ctx)
    target_groups = _refs(resource, ctx, "aws.elbv2.target_group")
    ports = sorted({int(_number(tg.props.get("port"))) for tg in target_groups if tg.props.get("port")})
    desired = int(_number(props.get("desired_capacity"), 1))
    spec = s.InstanceGroupSpec(
        name=ctx.target_name(resource), labels=ctx.labels(resource), region=_region(resource, ctx),
        instance_template=ctx.item_id(template.id), base_instance_name=ctx.target_name(resource)[:54],
        target_size=desired, min_replicas=int(_number(props.get("min_size"), desired)),
        max_replicas=max(1, int(_number(props.get("max_size"), desired))),
        named_ports=[s.NamedPortSpec(name=_port_name(port), port=port) for port in ports],
    )
    notes = ["regional managed instance group spread over the region's zones; autoscaler on CPU utilisation "
             "(AWS scaling policies are not inventoried: re-create targets by hand)"]
    priced = (pricing.machine(choice, desired) if choice is not None and choice.found
              else pricing.unpriced("the template's machine type is unknown: group not priced"))
    if template_spec is not None and priced.monthly_usd is not None:
        # each instance of the group boots from its own disk, as a standalone VM does (map_vm)
        priced.add(pricing.disk(template_spec.boot_disk_type, template_spec.boot_disk_gb * desired, spec.region))
    if template_spec is None:
        notes.extend(template_notes)
    return _done("mapped" if template_spec else "partial", spec, notes, priced)


def map_keypair(resource: Resource, ctx: MappingContext) -> MappedTarget:
    spec = s.OsLoginSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), key_name=resource.name,
                         key_type=str(resource.props.get("key_type") or "rsa"),
                         fingerprint=str(resource.props.get("fingerprint") or ""))
    notes = ["OS Login is enabled for the project; the public key is not in the inventory (AWS keeps no copy "
             "of it in a readable form here): each user adds it with `gcloud compute os-login ssh-keys add`"]
    return _done("partial", spec, notes, _free("OS Login"))


def map_function(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    runtime = str(props.get("runtime") or "")
    region = _region(resource, ctx)
    memory = int(_number(props.get("memory_mb"), 128))
    timeout = int(_number(props.get("timeout_s"), 3))
    notes = ["the code must be adapted from the Lambda handler(event, context) signature to the Functions "
             "Framework (HTTP or CloudEvent) and its triggers re-created (event sources are not inventoried)"]
    if props.get("env_var_names"):
        notes.append("set environment variables " + ", ".join(props["env_var_names"]) + " (values not inventoried)")
    if props.get("vpc_subnet_ids"):
        notes.append("the function runs in a VPC: add Direct VPC egress or a Serverless VPC Access connector")
    notes.append("execution role -> a service account with the equivalent IAM roles (manual)")
    target_runtime = FUNCTION_RUNTIMES.get(runtime)
    if props.get("package_type") == "Image" or target_runtime is None:
        why = ("container image package" if props.get("package_type") == "Image"
               else f"runtime {runtime or 'unknown'} has no Cloud Run functions equivalent")
        spec: s.GcpSpec = s.CloudRunServiceSpec(
            name=ctx.target_name(resource), labels=ctx.labels(resource), region=region,
            image=CLOUD_RUN_PLACEHOLDER_IMAGE, memory_mb=max(memory, 512), timeout_s=timeout)
        notes.insert(0, f"{why}: Cloud Run service with a placeholder image; build the code into a container "
                        "(listening on $PORT) and push it to Artifact Registry")
    else:
        entry = re.split(r"::|\.", str(props.get("handler") or "main"))[-1] or "main"
        spec = s.CloudFunctionSpec(
            name=ctx.target_name(resource), labels=ctx.labels(resource), region=region, runtime=target_runtime,
            entry_point=entry, memory_mb=memory, timeout_s=timeout, source_object=f"{ctx.target_name(resource)}.zip")
        notes.insert(0, f"{runtime} -> Cloud Run functions (2nd gen) {target_runtime}; upload the source zip "
                        f"{spec.source_object} to the stack's function-source bucket")
    return _done("partial", spec, notes,
                 pricing.unpriced("no Cloud Run / Cloud Functions rate in the catalog snapshot (pay per use): not priced"))


def map_container_cluster(resource: Resource, ctx: MappingContext) -> MappedTarget:
    network, subnetwork = _placement(resource, ctx)
    spec = s.GkeClusterSpec(name=ctx.target_name(resource), labels=ctx.labels(resource),
                            region=_region(resource, ctx), network=network, subnetwork=subnetwork)
    if resource.key == "aws.ecs.cluster":
        notes = [f"ECS cluster -> GKE Autopilot: task definitions must be rewritten as Kubernetes manifests "
                 f"(Deployments, Services); {resource.props.get('active_services_count', 0)} services and "
                 f"{resource.props.get('running_tasks_count', 0)} running tasks to move"]
    else:
        groups = ", ".join(f"{g.get('name')} ({'/'.join(g.get('instance_types') or [])} x {g.get('desired_size')})"
                           for g in resource.props.get("node_groups") or []) or "none inventoried"
        notes = [f"EKS {resource.props.get('version', '')} -> GKE Autopilot; node groups ({groups}) become "
                 "Autopilot-managed capacity; manifests carry over but IRSA, AWS load-balancer annotations and "
                 "EBS/EFS storage classes must be replaced"]
    return _done("partial", spec, notes,
                 pricing.unpriced("no GKE cluster fee or Autopilot pod rate in the catalog snapshot: not priced"))


def map_container_service(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    cluster = next(iter(_item_ids(_refs(resource, ctx, "aws.ecs.cluster"), ctx)), "the GKE cluster")
    return manual(
        "ECS services have no Google Cloud resource of their own: they become Kubernetes workloads",
        f"write a Deployment ({props.get('desired_count', '?')} replicas, {props.get('launch_type', '')}) and a "
        f"Service for it in {cluster}; wire the load balancer through a Gateway or Ingress",
    )


def map_container_task(resource: Resource, ctx: MappingContext) -> MappedTarget:
    containers = resource.props.get("containers") or []
    listed = "; ".join(f"{c.get('name')}: {c.get('image')} cpu {c.get('cpu')} memory {c.get('memory')}"
                       for c in containers) or "containers not inventoried"
    return manual(
        "an ECS task definition is a container spec with no managed equivalent: it becomes a Kubernetes pod template",
        f"rewrite task definition {resource.props.get('family')}:{resource.props.get('revision')} as a pod "
        f"template ({listed}); move images to Artifact Registry; environment values were not inventoried",
    )


# ---- storage ----------------------------------------------------------------


def _launched_by_group(instance_id: str, ctx: MappingContext) -> bool:
    instance = ctx.resource(instance_id)
    return instance is not None and bool(instance.props.get("autoscaling_group"))


def map_disk(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    attached = list(props.get("attached_instance_ids") or [])
    if attached and all(_launched_by_group(i, ctx) for i in attached):
        return skipped("volume of an instance launched by an auto scaling group: the managed instance group's "
                        "template creates its disks")
    volume_type = str(props.get("volume_type") or "gp3")
    iops = int(_number(props.get("iops"))) or None
    disk_type = DISK_TYPES.get(volume_type, "pd-balanced")
    notes = [f"EBS {volume_type} -> {disk_type}"]
    if volume_type in ("io1", "io2") and iops and iops > HYPERDISK_ABOVE_IOPS:
        disk_type = "hyperdisk-extreme"
        notes = [f"EBS {volume_type} with {iops} IOPS -> hyperdisk-extreme with the same provisioned IOPS "
                 "(attach only to machine series that support Hyperdisk Extreme)"]
    region = _region(resource, ctx)
    size = max(1, int(math.ceil(_number(props.get("size_gib"), 10))))
    spec = s.DiskSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), zone=_zone(region, resource, ctx),
                      size_gb=size, disk_type=disk_type,
                      provisioned_iops=iops if disk_type == "hyperdisk-extreme" else None)
    if not props.get("attached_instance_ids"):
        notes.append("the volume is not attached: the disk is created unattached")
    if props.get("encrypted"):
        notes.append("encrypted with KMS at the source: Google encrypts every disk by default (CMEK is optional)")
    priced = pricing.disk(disk_type, size, region)
    if disk_type == "hyperdisk-extreme":
        priced.notes.append("provisioned IOPS are not in the catalog snapshot: capacity priced only")
    return _done("mapped", spec, notes, priced)


def _bucket_priced(props: dict[str, Any], location: str) -> Priced:
    by_class = props.get("storage_class_bytes") or {"STANDARD": props.get("size_bytes") or 0}
    total = Priced()
    for s3_class, size in sorted(by_class.items()):
        gcs_class = GCS_CLASS_FOR_S3.get(s3_class, "standard")
        gb = pricing.bytes_to_gb(_number(size))
        total.add(pricing.per_unit(catalog.gcs_rate(gcs_class, location), gb, f"{s3_class} -> GCS {gcs_class}",
                                   f"no GCS {gcs_class} rate for {location} in the catalog snapshot"))
    if props.get("size_source") in (None, "unknown", "listing-truncated"):
        total.notes.append(f"bucket size source is {props.get('size_source') or 'unknown'}: the storage price may be low")
    total.notes.append("operations and egress are usage-based and not priced")
    return total


def map_bucket(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    region = _region(resource, ctx)
    website = bool(props.get("website"))
    spec = s.BucketSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), location=region.upper(),
                        versioning=props.get("versioning") == "Enabled",
                        website=s.WebsiteSpec() if website else None)
    notes = ["bucket names are global: if the name is taken, choose another",
             "objects copy with Storage Transfer Service (S3 source); bucket policies and ACLs become IAM bindings (manual)"]
    classes = sorted({GCS_CLASS_FOR_S3.get(c, "standard") for c in (props.get("storage_class_bytes") or {})} - {"standard"})
    if classes:
        notes.append(f"objects in colder S3 classes map to GCS {', '.join(classes)}: set per object or with lifecycle rules")
    if props.get("versioning") == "Suspended":
        notes.append("versioning was suspended at the source: left off")
    if website:
        notes.append("static website: index/error documents default to index.html/404.html (the S3 website "
                     "configuration is not inventoried); HTTPS and a custom domain need a load balancer with a backend bucket")
    return _done("partial" if website else "mapped", spec, notes, _bucket_priced(props, region))


def map_filestore(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    used_gib = math.ceil(_number(props.get("size_bytes")) / 1024**3)
    low, high = FILESTORE_RANGE_GIB
    network, _ = _placement(resource, ctx)
    spec = s.FilestoreSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), location=_region(resource, ctx),
                           tier=FILESTORE_TIER, capacity_gb=min(max(used_gib, low), high), network=network)
    notes = [f"EFS ({props.get('performance_mode')}, {props.get('throughput_mode')}) -> Filestore {FILESTORE_TIER} "
             f"{spec.capacity_gb} GiB: Filestore capacity is provisioned (minimum {low} GiB), not elastic",
             "copy the data with rsync or Storage Transfer Service; mount with NFS from the clients"]
    status = "mapped"
    if used_gib > high:
        status = "partial"
        notes.append(f"{used_gib} GiB exceeds the tier's {high} GiB: split the data over several instances")
    return _done(status, spec, notes, pricing.unpriced("no Filestore rate in the catalog snapshot: not priced"))


def map_registry(resource: Resource, ctx: MappingContext) -> MappedTarget:
    spec = s.ArtifactRepositorySpec(name=ctx.target_name(resource), labels=ctx.labels(resource),
                                    region=_region(resource, ctx))
    notes = [f"copy the {resource.props.get('image_count', '?')} images (e.g. `gcrane cp`) and repoint image "
             "references to REGION-docker.pkg.dev/PROJECT/REPOSITORY"]
    return _done("mapped", spec, notes, pricing.unpriced("no Artifact Registry storage rate in the catalog snapshot: not priced"))


# ---- network ----------------------------------------------------------------

def map_vpc(resource: Resource, ctx: MappingContext) -> MappedTarget:
    cidrs = list(resource.props.get("cidr_blocks") or [resource.props.get("cidr_block")])
    spec = s.NetworkSpec(name=ctx.target_name(resource), labels=ctx.labels(resource),
                         source_cidrs=[c for c in cidrs if c])
    notes = ["custom-mode VPC network: VPC networks are global, its subnetworks regional"]
    return _done("mapped", spec, notes, _free("VPC network"))


def map_subnet(resource: Resource, ctx: MappingContext) -> MappedTarget:
    vpc = _vpc_of(resource, ctx)
    network = _item_of(vpc.id if vpc else None, ctx)
    if network is None or not resource.props.get("cidr_block"):
        return manual("the subnet's VPC or range is not inventoried", "create the subnetwork by hand")
    spec = s.SubnetworkSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), region=_region(resource, ctx),
                            network=network, ip_cidr_range=resource.props["cidr_block"])
    notes = [f"GCP subnets are regional: the {resource.props.get('availability_zone')} subnet becomes a "
             "subnetwork spanning the whole region"]
    if resource.props.get("map_public_ip_on_launch"):
        notes.append("public IPs on launch: GCP sets external IPs per instance (the instance items say which)")
    return _done("mapped", spec, notes, _free("subnetwork"))


def _ports(rule: dict[str, Any]) -> list[str]:
    low, high = rule.get("from_port"), rule.get("to_port")
    if low in (None, -1) or str(rule.get("protocol")) in ("-1", "icmp", "icmpv6", "58", "1"):
        return []
    if (low, high) == (0, 65535):
        return []
    return [str(low)] if low == high or high is None else [f"{low}-{high}"]


PROTOCOLS = {"-1": "all", "tcp": "tcp", "udp": "udp", "icmp": "icmp", "6": "tcp", "17": "udp", "1": "icmp",
             "icmpv6": "58", "58": "58"}


def _is_allow_all_egress(rule: dict[str, Any]) -> bool:
    return str(rule.get("protocol")) == "-1" and "0.0.0.0/0" in (rule.get("cidrs") or [])


def _firewall_rules(name: str, direction: str, rules: list[dict[str, Any]], ctx: MappingContext,
                    notes: list[str]) -> list[s.FirewallRuleSpec]:
    out: list[s.FirewallRuleSpec] = []
    short = "in" if direction == "INGRESS" else "out"
    for index, rule in enumerate(rules):
        protocol = PROTOCOLS.get(str(rule.get("protocol")), str(rule.get("protocol")))
        groups = [ctx.resource(g) for g in rule.get("source_group_ids") or []]
        tags = [ctx.target_name(g) for g in groups if g is not None]
        if len(tags) < len(groups):
            notes.append(f"rule {index}: a referenced security group is not inventoried: dropped")
        for family, ranges in (("4", rule.get("cidrs") or []), ("6", rule.get("ipv6_cidrs") or [])):
            if ranges:  # a GCP rule takes IPv4 or IPv6 ranges, not both
                out.append(s.FirewallRuleSpec(name=_child_name(name, f"{short}{index}-v{family}"), direction=direction,
                                              protocol=protocol, ports=_ports(rule), ranges=list(ranges)))
        if tags and direction == "INGRESS":
            out.append(s.FirewallRuleSpec(name=_child_name(name, f"{short}{index}-tags"), direction=direction,
                                          protocol=protocol, ports=_ports(rule), source_tags=tags))
        elif tags:
            notes.append(f"egress rule {index} to security groups: GCP egress rules take ranges only: dropped")
    return out


def map_firewall(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    vpc = _vpc_of(resource, ctx)
    network = _item_of(vpc.id if vpc else None, ctx)
    if network is None:
        return manual("the security group's VPC is not inventoried", "write the firewall rules by hand")
    name = ctx.target_name(resource)
    notes: list[str] = [f"rules apply to instances with the network tag {name!r}"]
    rules = _firewall_rules(name, "INGRESS", list(props.get("ingress") or []), ctx, notes)
    egress = list(props.get("egress") or [])
    if egress and not any(_is_allow_all_egress(rule) for rule in egress):
        rules.extend(_firewall_rules(name, "EGRESS", egress, ctx, notes))
        rules.append(s.FirewallRuleSpec(name=_child_name(name, "out-deny"), direction="EGRESS", protocol="all",
                                        ranges=["0.0.0.0/0"], deny=True, priority=65000))
        notes.append("restricted egress: allow rules plus a low-priority deny-all (GCP allows egress by default)")
    spec = s.FirewallSpec(name=name, labels=ctx.labels(resource), network=network, target_tag=name, rules=rules)
    dropped = any("dropped" in note for note in notes)
    partial = dropped or any(rule.source_tags for rule in rules)
    if any(rule.source_tags for rule in rules):
        notes.append("rules naming other security groups become source network tags (service accounts are "
                     "the stronger alternative)")
    return _done("partial" if partial else "mapped", spec, notes, _free("firewall rules"))


def map_route_table(resource: Resource, ctx: MappingContext) -> MappedTarget:
    vpc = _vpc_of(resource, ctx)
    implicit: list[str] = []
    unsupported: list[str] = []
    routes: list[s.RouteSpec] = []
    for index, route in enumerate(resource.props.get("routes") or []):
        destination, target = str(route.get("destination") or ""), str(route.get("target") or "")
        if target == "local" or target.startswith(("igw-", "nat-", "eigw-")):
            implicit.append(f"{destination} -> {target}")
        elif target.startswith(("i-", "eni-")) and ctx.item_id(target):
            routes.append(s.RouteSpec(name=_child_name(ctx.target_name(resource), f"r{index}"), dest_range=destination,
                                      next_hop_instance=ctx.item_id(target)))
        else:
            unsupported.append(f"{destination} -> {target}")
    notes = []
    if implicit:
        notes.append("implicit on GCP (subnet routes, the default internet gateway route, Cloud NAT): "
                     + ", ".join(implicit))
    if unsupported:
        notes.append("needs peering, Cloud VPN/Interconnect or Private Service Connect: " + ", ".join(unsupported))
    network = _item_of(vpc.id if vpc else None, ctx)
    if routes and network:
        notes.append("GCP routes apply to the whole VPC network (or tagged instances), not per subnet")
        spec = s.RoutesSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), network=network, routes=routes)
        return _done("partial", spec, notes, _free("routes"))
    if unsupported:
        return manual("routes to peering, transit or VPN targets have no direct equivalent",
                       "set up VPC peering / Cloud VPN / Interconnect for: " + ", ".join(unsupported), notes)
    return skipped("every route is implicit on GCP" + (": " + ", ".join(implicit) if implicit else ""))


def map_gateway(resource: Resource, ctx: MappingContext) -> MappedTarget:
    return skipped("internet gateway: every GCP VPC network has a default route (0.0.0.0/0) to the "
                    "default internet gateway; nothing to create")


def map_nat(resource: Resource, ctx: MappingContext) -> MappedTarget:
    vpc = _vpc_of(resource, ctx)
    network = _item_of(vpc.id if vpc else None, ctx)
    if network is None:
        return manual("the NAT gateway's VPC is not inventoried", "create a Cloud Router and Cloud NAT by hand")
    region = _region(resource, ctx)
    peers = sorted(r.id for r in index_of(ctx).of_key(resource.key)
                   if _vpc_of(r, ctx) is vpc and _region(r, ctx) == region)
    if peers and peers[0] != resource.id:
        return skipped(f"one Cloud NAT serves every subnetwork of the region: item {ctx.item_id(peers[0])} covers it")
    name = ctx.target_name(resource)
    spec = s.CloudNatSpec(name=name, labels=ctx.labels(resource), region=region, network=network,
                          router_name=_child_name(name, "router"))
    notes = ["Cloud Router + Cloud NAT for all subnetworks of the region, with auto-allocated addresses: "
             "allow-lists that name the old NAT IP must be updated"]
    priced = pricing.hourly(catalog.cloud_nat_rate(region), "Cloud NAT gateway", f"no Cloud NAT rate for {region}")
    priced.notes.append("Cloud NAT data processing and per-VM charges are usage-based and not priced")
    return _done("mapped", spec, notes, priced)


def map_address(resource: Resource, ctx: MappingContext) -> MappedTarget:
    region = _region(resource, ctx)
    instance = _item_of(resource.props.get("instance_id"), ctx) or next(
        iter(_item_ids(_refs(resource, ctx, "aws.ec2.instance"), ctx)), None)
    spec = s.AddressSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), region=region, instance=instance)
    in_use = instance is not None
    priced = pricing.hourly(catalog.external_ip_rate(region, in_use=in_use),
                            "static external IPv4 " + ("in use" if in_use else "reserved, unused"),
                            f"no external IPv4 rate for {region}")
    notes = [f"the address changes ({resource.props.get('public_ip')} stays with AWS): update DNS and allow-lists"]
    return _done("mapped", spec, notes, priced)


# ---- edge -------------------------------------------------------------------


def _lb_kind(lb: Resource) -> str | None:
    """'application' | 'network' for load balancers GCP builds here; None otherwise."""
    if lb.key == "aws.elb.load_balancer":
        protocols = {str(listener.get("protocol", "")).upper() for listener in lb.props.get("listeners") or []}
        return "application" if protocols & {"HTTP", "HTTPS"} else "network"
    return {"application": "application", "network": "network"}.get(str(lb.props.get("type")))


def _lb_unsupported(lb: Resource) -> str | None:
    if _lb_kind(lb) is None:
        return f"{lb.props.get('type')} load balancers have no Cloud Load Balancing equivalent"
    if lb.props.get("scheme") == "internal":
        return "internal load balancer: not generated (an internal Application/passthrough LB needs a proxy-only subnet)"
    return None


def map_lb(resource: Resource, ctx: MappingContext) -> MappedTarget:
    reason = _lb_unsupported(resource)
    if reason:
        return manual(reason, "design the internal or appliance load balancing by hand (internal Application LB "
                               "with a proxy-only subnet, internal passthrough NLB, or a partner appliance)")
    lb_type = _lb_kind(resource)
    region = _region(resource, ctx)
    spec = s.LoadBalancerSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), lb_type=lb_type, region=region)
    notes = ["global external Application Load Balancer" if lb_type == "application"
             else "regional external passthrough Network Load Balancer",
             f"the address changes from {resource.props.get('dns_name')}: DNS records follow (see dns items)"]
    if resource.key != "aws.elb.load_balancer":
        return _done("mapped", spec, notes, pricing.unpriced(
            "the address is priced with the forwarding rules on the listener items"))
    listeners, skipped = [], []
    for listener in resource.props.get("listeners") or []:
        protocol = str(listener.get("protocol", "")).upper()
        if protocol in ("HTTPS", "SSL"):
            skipped.append(f"{protocol}:{listener.get('port')}")
            continue
        listeners.append(s.ClassicListenerSpec(protocol=protocol, port=int(listener["port"]),
                                               instance_port=int(listener.get("instance_port") or listener["port"])))
    spec.classic_listeners = listeners
    spec.classic_instances = _item_ids(_refs(resource, ctx, "aws.ec2.instance"), ctx)
    spec.health_check_port = listeners[0].instance_port if listeners else None
    notes.append("Classic ELB: listeners and instances built inline (unmanaged instance groups per zone)")
    if skipped:
        notes.append(f"{', '.join(skipped)} listeners need their certificate (not inventoried for Classic ELBs): "
                     "add a Certificate Manager certificate and an HTTPS proxy")
    if not listeners:
        return manual("no plain listener to rebuild", "rebuild the TLS listeners with their certificates", notes)
    return _done("partial", spec, notes, pricing.forwarding_rules(region, len(listeners)))


def map_listener(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    lb = next(iter(_refs(resource, ctx, "aws.elbv2.load_balancer")), None)
    if lb is None or _lb_unsupported(lb):
        return manual(f"its load balancer is not built on GCP ({_lb_unsupported(lb) if lb else 'not inventoried'})",
                       "rebuild the listener with the load balancer")
    region = _region(lb, ctx)
    backends = _item_ids(_refs(resource, ctx, "aws.elbv2.target_group"), ctx)
    action = str(props.get("default_action_type") or "forward")
    protocol = str(props.get("protocol") or "HTTP").upper()
    notes = ["listener rules (host/path conditions) are not inventoried: add URL-map path matchers by hand"]
    redirect = action == "redirect" and protocol == "HTTP"
    if action not in ("forward", "redirect") or (action == "redirect" and not redirect) or (
            action == "forward" and not backends):
        return manual(f"default action {action!r} has no direct equivalent here",
                       "write the URL map default route (fixed response or redirect) by hand", notes)
    spec = s.LbFrontendSpec(
        name=ctx.target_name(resource), labels=ctx.labels(resource), load_balancer=ctx.item_id(lb.id),
        lb_type=_lb_kind(lb), region=region, protocol=protocol, port=int(_number(props.get("port"), 80)),
        certificates=_item_ids(_refs(resource, ctx, "aws.acm.certificate"), ctx),
        default_backend=None if redirect else backends[0], https_redirect=redirect)
    status = "mapped"
    if len(backends) > 1:
        status = "partial"
        notes.append("weighted forwarding to several target groups: the first is the default service")
    if protocol == "HTTPS" and not spec.certificates:
        status = "partial"
        notes.append("HTTPS listener without an inventoried certificate: attach one before applying")
    return _done(status, spec, notes, pricing.forwarding_rules(region, 1))


def _target_groups_of_group(group: Resource) -> list[Any]:
    return [*(group.props.get("target_group_arns") or []), *group.refs]


def map_backend(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    lbs = [lb for lb in _refs(resource, ctx, "aws.elbv2.load_balancer") if not _lb_unsupported(lb)]
    if not lbs:
        return skipped("target group not attached to a load balancer built on GCP")
    lb_type = _lb_kind(lbs[0])
    groups = index_of(ctx).lookup(_target_groups_of_group, resource.id, "aws.autoscaling.group")
    group_members = {i for g in groups for i in g.props.get("instance_ids") or []}
    instances = [ctx.resource(t) for t in props.get("target_ids") or [] if t not in group_members]
    port = int(_number(props.get("port"), 80))
    protocol = str(props.get("protocol") or ("HTTP" if lb_type == "application" else "TCP")).upper()
    spec = s.BackendServiceSpec(
        name=ctx.target_name(resource), labels=ctx.labels(resource), lb_type=lb_type, region=_region(resource, ctx),
        protocol=protocol if protocol in ("HTTP", "HTTPS", "TCP", "UDP") else "TCP", port=port,
        port_name=_port_name(port), health_check_path=props.get("health_check_path"),
        health_check_port=int(_number(props.get("health_check_port"), port)) if str(
            props.get("health_check_port") or "").isdigit() else port,
        instance_groups=_item_ids(groups, ctx), instances=_item_ids([i for i in instances if i], ctx))
    notes = ["backend service + health check; instance targets join unmanaged instance groups per zone"]
    status = "mapped"
    if props.get("target_type") in ("ip", "lambda", "alb"):
        status = "partial"
        notes.append(f"{props.get('target_type')} targets: add a network endpoint group (zonal/serverless NEG) by hand")
    return _done(status, spec, notes, _free("backend service and health check (traffic priced on the forwarding rules)"))


def _strip_host(name: str) -> str:
    name = name.lower().rstrip(".")
    return name.removeprefix("dualstack.")


def _resolve_alias(target: str, ctx: MappingContext) -> Resource | None:
    """The inventoried LB, distribution or elastic IP a DNS alias/CNAME/value points at."""
    index = index_of(ctx)
    found = [*index.lookup(_alias_keys, ("host", _strip_host(target))), *index.lookup(_alias_keys, ("ip", target))]
    return index.in_order(found)[0] if found else None


def _alias_keys(candidate: Resource) -> list[tuple[str, Any]]:
    """What a DNS alias/CNAME/value may name to point at `candidate`: a host name, or an elastic IP's address."""
    keys: list[tuple[str, Any]] = []
    if candidate.key in ("aws.elbv2.load_balancer", "aws.elb.load_balancer") and candidate.props.get("dns_name"):
        keys.append(("host", _strip_host(candidate.props["dns_name"])))
    if candidate.key == "aws.cloudfront.distribution":
        keys.append(("host", _strip_host(str(candidate.props.get("domain_name")))))
    if candidate.key == "aws.ec2.elastic_ip":
        keys.append(("ip", candidate.props.get("public_ip")))
    return keys


def map_dns_zone(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    private = bool(props.get("private_zone"))
    networks = [ctx.item_id(v) for v in props.get("vpc_ids") or []]
    spec = s.DnsZoneSpec(name=ctx.target_name(resource), labels=ctx.labels(resource),
                         dns_name=str(props.get("zone_name") or resource.name).rstrip(".") + ".",
                         visibility="private" if private else "public", networks=[n for n in networks if n])
    notes = ["private zone bound to the mapped VPC networks" if private else
             "delegate the domain to the new name servers (stack output) at the registrar at cutover; "
             "lower the TTLs beforehand"]
    return _done("mapped", spec, notes, pricing.unpriced("no Cloud DNS rate in the catalog snapshot: not priced"))


def _set_identifier_sibling_first(resource: Resource, ctx: MappingContext) -> str | None:
    """For weighted/latency/failover sets, the id of the set member that carries the record."""
    parts = resource.id.split("/")
    if len(parts) < 4:
        return None
    return min(r.id for r in index_of(ctx).lookup(_routing_set_of_record, "/".join(parts[:3]), resource.key))


def _routing_set_of_record(record: Resource) -> list[str]:
    """The first three `/` parts of a record id of four or more parts: what the members of one set share."""
    parts = record.id.split("/")
    return ["/".join(parts[:3])] if len(parts) >= 4 else []


def map_dns_record(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    zone = ctx.resource(str(props.get("zone_id"))) or next(iter(_refs(resource, ctx, "aws.route53.zone")), None)
    record_type = str(props.get("record_type") or "A")
    record_name = str(props.get("record_name") or "").replace("\\052", "*").rstrip(".") + "."
    if zone is None or ctx.item_id(zone.id) is None:
        return manual("the record's hosted zone is not inventoried", "re-create the record in its Cloud DNS zone")
    zone_name = str(zone.props.get("zone_name") or zone.name).rstrip(".") + "."
    if record_type in APEX_RECORDS_OWNED_BY_CLOUD_DNS and record_name == zone_name:
        return skipped(f"{record_type} at the zone apex: Cloud DNS creates its own")
    first = _set_identifier_sibling_first(resource, ctx)
    if first and first != resource.id:
        return skipped(f"routing-policy set member: the record is carried by item {ctx.item_id(first)}")
    notes: list[str] = []
    status = "mapped"
    values = [str(v) for v in props.get("values") or []]
    ttl = props.get("ttl")
    address_from = None
    alias = props.get("alias_target") or (values[0] if record_type in ("CNAME", "A") and len(values) == 1 else None)
    resolved = _resolve_alias(str(alias), ctx) if alias else None
    if resolved is not None and ctx.item_id(resolved.id):
        address_from, record_type, values = ctx.item_id(resolved.id), "A", []
        status = "partial"
        notes.append(f"{'alias' if props.get('alias_target') else record_type} to {alias} -> A record on the new "
                     f"address of item {address_from}")
    elif props.get("alias_target"):
        return manual(f"alias to {alias}, which is not built on GCP",
                       "point the record at the new endpoint by hand (a CNAME or A record)")
    if ttl is None:
        ttl = ALIAS_TTL_S
        notes.append(f"alias records have no TTL at the source: {ALIAS_TTL_S} s used")
    if first:
        status = "partial"
        notes.append("weighted/latency/failover routing is not carried: configure a Cloud DNS routing policy")
    spec = s.DnsRecordSpec(name=ctx.target_name(resource), labels={}, managed_zone=ctx.item_id(zone.id),
                           record_name=record_name, record_type=record_type, ttl=int(ttl), rrdatas=values,
                           address_from=address_from)
    return _done(status, spec, notes, pricing.unpriced("no Cloud DNS query rate in the catalog snapshot: not priced"))


def _bucket_of_origin(domain: str, ctx: MappingContext) -> Resource | None:
    match = re.match(r"^([a-z0-9.\-_]+?)\.s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com\.?$", domain.lower())
    if not match:
        return None
    return ctx.resource(f"arn:aws:s3:::{match.group(1)}")


def map_cdn(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    buckets, others = [], []
    for origin in props.get("origins") or []:
        bucket = _bucket_of_origin(str(origin.get("domain_name", "")), ctx)
        if bucket is not None and ctx.item_id(bucket.id):
            buckets.append(ctx.item_id(bucket.id))
        else:
            target = _resolve_alias(str(origin.get("domain_name", "")), ctx)
            others.append(f"{origin.get('domain_name')}" + (f" (enable Cloud CDN on item {ctx.item_id(target.id)}'s "
                                                            "backend service)" if target else " (internet NEG)"))
    notes = ["cache behaviours and policies are not inventoried: set Cloud CDN cache modes by hand",
             f"price class {props.get('price_class')}: Cloud CDN serves from every edge location"]
    if others:
        notes.append("origins not built as backend buckets: " + ", ".join(others))
    if not buckets:
        return manual("no S3 origin to serve from a backend bucket",
                       "enable Cloud CDN on the load balancer backend services or add an internet NEG", notes)
    certificate = _item_of(props.get("certificate_arn"), ctx)
    spec = s.CdnSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), backend_buckets=sorted(set(buckets)),
                     certificates=[certificate] if certificate else [], domains=list(props.get("aliases") or []))
    priced = pricing.forwarding_rules("us-central1", 1)
    priced.notes.append("Cloud CDN cache egress and lookups are not in the catalog snapshot: not priced")
    return _done("partial", spec, notes, priced)


def map_cert(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    if props.get("type") == "IMPORTED":
        return manual("imported certificate: its private key never left the issuer and cannot be exported from ACM",
                       f"reissue {props.get('domain_name')} (a Google-managed certificate) or upload the original "
                       "key and chain as a self-managed Certificate Manager certificate")
    if props.get("status") in ("EXPIRED", "REVOKED", "FAILED", "VALIDATION_TIMED_OUT"):
        return skipped(f"certificate is {props.get('status')}: nothing to move")
    domains = list(dict.fromkeys([props.get("domain_name"), *(props.get("subject_alternative_names") or [])]))
    spec = s.CertificateSpec(name=ctx.target_name(resource), labels=ctx.labels(resource),
                             domains=[d for d in domains if d])
    notes = ["Google-managed certificate with DNS authorization: add the authorization CNAME records "
             "(stack output) to the zone before it can be issued"]
    return _done("mapped", spec, notes, pricing.unpriced("no Certificate Manager rate in the catalog snapshot: not priced"))


# ---- data -------------------------------------------------------------------


def _sql_shape(vcpu: float, memory_gib: float) -> tuple[int, int]:
    """Smallest Cloud SQL custom shape (vCPU, memory MB) with at least this vCPU and memory."""
    cpus = 1 if vcpu <= 1 else min(SQL_MAX_VCPU, int(math.ceil(vcpu / 2) * 2))
    memory_mb = max(SQL_MIN_MEMORY_MB, int(math.ceil(memory_gib * 1024 / SQL_MEMORY_STEP_MB) * SQL_MEMORY_STEP_MB))
    while memory_mb > cpus * SQL_MAX_MB_PER_VCPU and cpus < SQL_MAX_VCPU:
        cpus = 2 if cpus == 1 else cpus + 2
    floor = int(math.ceil(cpus * SQL_MIN_MB_PER_VCPU / SQL_MEMORY_STEP_MB) * SQL_MEMORY_STEP_MB)
    return cpus, max(memory_mb, floor)


def _sql_version(engine: str, version: str) -> tuple[str | None, list[str]]:
    family, differs = SQL_ENGINES.get(engine, (None, None))
    if family is None:
        return None, [f"engine {engine} is not offered by Cloud SQL"]
    notes = [differs] if differs and not engine.startswith("sqlserver") else []
    if family == "SQLSERVER_2022":
        notes.append(f"{differs} {version} -> SQL Server 2022 ({SQLSERVER_EDITIONS[engine]}): check compatibility level; "
                     "the licence is billed by Google and not priced here")
        return f"SQLSERVER_2022_{SQLSERVER_EDITIONS[engine]}", notes
    if engine == "mariadb":
        return "MYSQL_8_0", notes
    numbers = re.findall(r"\d+", version)
    major = numbers[0] if numbers else ""
    # MySQL and PostgreSQL before 10 name versions by major.minor (MYSQL_8_0, POSTGRES_9_6), later PostgreSQL by major.
    by_minor = family == "MYSQL" or (major.isdigit() and int(major) < 10)
    wanted = f"{major}_{numbers[1]}" if by_minor and len(numbers) > 1 else major
    supported = CLOUD_SQL_VERSIONS[family]
    if wanted in supported:
        return f"{family}_{wanted}", notes
    newer = [v for v in supported if _version_key(v) > _version_key(wanted)]
    if not newer:
        return None, notes + [f"{engine} {version} is newer than any Cloud SQL version known here ({PYPI_PULUMI_GCP})"]
    notes.append(f"{engine} {version} is not offered by Cloud SQL: {family}_{newer[0]} (a major-version upgrade)")
    return f"{family}_{newer[0]}", notes


def _version_key(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)) or (0,)


def _sql_spec(resource: Resource, ctx: MappingContext, *, instance_class: str, engine: str, version: str,
              multi_az: bool, storage_gib: float, master: str | None) -> tuple[s.SqlInstanceSpec | None, Priced, list[str]]:
    database_version, notes = _sql_version(engine, version)
    rds = aws_catalog.rds_class(instance_class)
    if database_version is None:
        return None, Priced(None), notes
    if rds is None or rds.vcpu is None or rds.memory_gib is None:
        return None, Priced(None), notes + [f"no vCPU/memory known for {instance_class}"]
    vcpu, memory_mb = _sql_shape(rds.vcpu, rds.memory_gib)
    region = _region(resource, ctx)
    network, _ = _placement(resource, ctx)
    disk_gb = max(SQL_MIN_DISK_GB, int(math.ceil(storage_gib)))
    spec = s.SqlInstanceSpec(
        name=ctx.target_name(resource), labels=ctx.labels(resource), region=region, zone=_zone(region, resource, ctx),
        database_version=database_version, tier=f"db-custom-{vcpu}-{memory_mb}", vcpu=vcpu, memory_mb=memory_mb,
        availability_type="REGIONAL" if multi_az and master is None else "ZONAL", disk_size_gb=disk_gb,
        disk_type="PD_HDD" if resource.props.get("storage_type") == "standard" else "PD_SSD",
        backup_retention_days=max(1, int(_number(resource.props.get("backup_retention_days"), 7))),
        master=master, network=network)
    notes.insert(0, f"{instance_class} ({rds.vcpu} vCPU, {rds.memory_gib:g} GiB; specs of the same-named EC2 type) "
                    f"-> {spec.tier}" + (", regional HA (Multi-AZ)" if spec.availability_type == "REGIONAL" else ""))
    notes.append("data moves with Database Migration Service or dump/restore; the admin password is a new "
                 "generated secret (Secret Manager), applications need the new connection details")
    price, basis = catalog.cloud_sql_price(vcpu, memory_mb / 1024, regional=spec.availability_type == "REGIONAL",
                                           storage_gb=disk_gb, region=region, engine=engine)
    priced = Priced(price, [b for b in basis if "$" in b], [b for b in basis if "$" not in b])
    return spec, priced, notes


def map_sql(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    engine = str(props.get("engine") or "")
    cluster_id = props.get("cluster_id")
    master = _item_of(props.get("read_replica_source"), ctx)
    if cluster_id:
        cluster = ctx.resource(cluster_id) or next(iter(_refs(resource, ctx, "aws.rds.cluster")), None)
        members = list((cluster.props.get("member_ids") if cluster else None) or [])
        if cluster is not None and members and members[0] == resource.id:
            return skipped(f"first member of cluster {cluster.name}: the Cloud SQL primary is item {ctx.item_id(cluster.id)}")
        master = _item_of(cluster.id if cluster else None, ctx)
    if engine.startswith("oracle") or engine.startswith("db2") or engine not in SQL_ENGINES:
        return manual(f"engine {engine} is not offered by Cloud SQL",
                       "move to Oracle Database@Google Cloud / Bare Metal Solution, or port the schema to PostgreSQL")
    spec, priced, notes = _sql_spec(
        resource, ctx, instance_class=str(props.get("instance_class")), engine=engine,
        version=str(props.get("engine_version") or ""), multi_az=bool(props.get("multi_az")),
        storage_gib=_number(props.get("allocated_storage_gib"), SQL_MIN_DISK_GB), master=master)
    if spec is None:
        return manual("; ".join(notes), "size and version the Cloud SQL instance by hand")
    if master:
        notes.append(f"read replica of item {master} (asynchronous replication)")
    status = "partial" if len(notes) > 2 or engine not in ("postgres", "mysql") else "mapped"
    return _done(status, spec, notes, priced)


def map_sql_cluster(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    engine = str(props.get("engine") or "")
    members = [m for m in (ctx.resource(i) for i in props.get("member_ids") or []) if m is not None]
    if engine not in SQL_ENGINES:
        return manual(f"engine {engine} is not offered by Cloud SQL", "choose a target database by hand")
    if not members:
        return manual("the cluster has no inventoried member instance (serverless?): its size is unknown",
                       "size the Cloud SQL instance from the cluster's ACU usage")
    writer = members[0]
    storage = _number(props.get("allocated_storage_gib")) or _number(writer.props.get("allocated_storage_gib"))
    spec, priced, notes = _sql_spec(
        resource, ctx, instance_class=str(writer.props.get("instance_class")), engine=engine,
        version=str(props.get("engine_version") or ""), multi_az=bool(props.get("multi_az")) or len(members) > 1,
        storage_gib=storage or SQL_MIN_DISK_GB, master=None)
    if spec is None:
        return manual("; ".join(notes), "size and version the Cloud SQL instance by hand")
    notes.append(f"primary sized from member {writer.name}; the other {len(members) - 1} member(s) become read replicas")
    if not storage:
        notes.append(f"cluster storage size is not in the inventory: {SQL_MIN_DISK_GB} GB with automatic growth")
    return _done("partial", spec, notes, priced)


def _redis_version(engine: str, version: str) -> tuple[str, list[str]]:
    numbers = tuple(int(n) for n in re.findall(r"\d+", version)[:2]) or (7, 2)
    wanted = numbers if len(numbers) == 2 else (numbers[0], 0)
    for known, name in REDIS_VERSIONS:
        if known >= wanted or (known[0] == wanted[0] == 6):
            notes = [] if known[:1] == wanted[:1] and engine == "redis" else [
                f"{engine} {version} -> {name}: check commands and modules used"]
            return name, notes
    return REDIS_VERSIONS[-1][1], [f"{engine} {version} is newer than Memorystore for Redis offers: {REDIS_VERSIONS[-1][1]}"]


def map_cache(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    engine = str(props.get("engine") or "redis")
    memory_mib = _number(props.get("memory_mib"))
    nodes = max(1, int(_number(props.get("num_nodes"), 1)))
    region = _region(resource, ctx)
    network, _ = _placement(resource, ctx)
    if not memory_mib:
        return manual(f"node memory of {props.get('node_type')} is unknown", "size the Memorystore instance by hand")
    unpriced = pricing.unpriced("no Memorystore rate in the catalog snapshot: not priced")
    if engine == "memcached":
        shape = _shape_from_type(str(props.get("node_type") or "").removeprefix("cache."))
        spec: s.GcpSpec = s.MemcacheSpec(
            name=ctx.target_name(resource), labels=ctx.labels(resource), region=region, node_count=nodes,
            cpu_count=int(shape["vcpu"]) if shape else 1, memory_size_mb=int(memory_mib), network=network)
        notes = [f"Memcached {props.get('node_type')} x {nodes} -> Memorystore for Memcached; node vCPUs from the "
                 "same-named EC2 type; check the node memory/vCPU limits", "the cache starts empty (warm it up)"]
        return _done("partial", spec, notes, unpriced)
    version, notes = _redis_version(engine, str(props.get("engine_version") or ""))
    size_gb = max(1, math.ceil(memory_mib / 1024))
    ha = nodes > 1 or bool(props.get("multi_az"))
    replicas = min(nodes - 1, REDIS_MAX_READ_REPLICAS) if ha else 0
    spec = s.RedisSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), region=region,
                       tier="STANDARD_HA" if ha else "BASIC", memory_size_gb=min(size_gb, REDIS_MAX_GB),
                       redis_version=version, replica_count=max(replicas, 1) if ha else 0, network=network)
    notes.insert(0, f"{props.get('node_type')} ({memory_mib:g} MiB) x {nodes} -> Memorystore for Redis "
                    f"{spec.tier} {spec.memory_size_gb} GB")
    notes.append("the cache starts empty unless an RDB export is imported")
    status = "mapped" if len(notes) == 2 else "partial"
    if props.get("cluster_mode"):
        status = "partial"
        notes.append("cluster mode: Memorystore for Redis Cluster is the sharded equivalent; a single "
                     "primary is generated (memory per shard x shards may exceed it)")
    if size_gb > REDIS_MAX_GB:
        status = "partial"
        notes.append(f"{size_gb} GB exceeds Memorystore for Redis's {REDIS_MAX_GB} GB: use Redis Cluster")
    return _done(status, spec, notes, unpriced)


def map_kv(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    name = ctx.target_name(resource)
    spec = s.FirestoreSpec(name=name if len(name) >= 4 else _child_name(name, "db"), labels={},
                           location_id=_region(resource, ctx), point_in_time_recovery=True)
    keys = ", ".join(f"{k.get('AttributeName', k)}" if isinstance(k, dict) else str(k)
                     for k in props.get("key_schema") or [])
    notes = [f"DynamoDB -> Firestore (Native mode): items become documents in a collection; the key schema "
             f"({keys or 'not inventoried'}) becomes the document id or fields; queries must be rewritten",
             f"{props.get('gsi_count', 0)} global secondary indexes -> composite indexes",
             "no provisioned capacity on Firestore (reads/writes are billed per operation)"]
    if props.get("stream_enabled"):
        notes.append("DynamoDB Streams -> Firestore triggers through Eventarc (consumers rewritten)")
    if props.get("global_table"):
        notes.append("global table: use a Firestore multi-region location (nam5/eur3) instead of the regional one")
    notes.append("Bigtable is the alternative for wide-column, high-throughput tables")
    return _done("partial", spec, notes, pricing.unpriced("no Firestore rate in the catalog snapshot: not priced"))


# ---- messaging --------------------------------------------------------------


def _clamp(value: float, bounds: tuple[int, int]) -> int:
    return int(min(max(value, bounds[0]), bounds[1]))


def map_queue(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    name = ctx.target_name(resource)
    fifo = bool(props.get("fifo"))
    visibility = _number(props.get("visibility_timeout_s"), 30)
    retention = _number(props.get("retention_s"), 345_600)
    spec = s.PubSubQueueSpec(
        name=name, labels=ctx.labels(resource), subscription_name=_child_name(name, "sub"),
        ack_deadline_seconds=_clamp(visibility, ACK_DEADLINE_RANGE),
        message_retention_seconds=_clamp(retention, RETENTION_RANGE_S),
        message_ordering=fifo, exactly_once_delivery=fifo,
        dead_letter_queue=_item_of(props.get("dlq_arn"), ctx))
    notes = ["SQS queue -> Pub/Sub topic + pull subscription: producers publish to the topic, consumers pull and "
             "ack; visibility timeout -> ack deadline" + (f" (clamped to {spec.ack_deadline_seconds} s)"
                                                          if spec.ack_deadline_seconds != int(visibility) else "")]
    if fifo:
        notes.append("FIFO: ordering needs an ordering key per message (MessageGroupId); deduplication ids have no "
                     "equivalent (exactly-once delivery is per subscription)")
    if spec.dead_letter_queue:
        notes.append("dead-lettering needs the Pub/Sub service agent to publish to the dead-letter topic (IAM binding)")
    if props.get("approx_messages"):
        notes.append(f"{props['approx_messages']} messages in flight at the source are not copied: drain before cutover")
    return _done("partial", spec, notes, pricing.unpriced("no Pub/Sub rate in the catalog snapshot: not priced"))


def map_topic(resource: Resource, ctx: MappingContext) -> MappedTarget:
    subscriptions = list(resource.props.get("subscriptions") or [])
    push = [str(sub.get("endpoint")) for sub in subscriptions if str(sub.get("protocol")) == "https"]
    spec = s.PubSubTopicSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), push_endpoints=push)
    notes = [f"https subscribers -> push subscriptions ({len(push)})"] if push else []
    others = [f"{sub.get('protocol')}:{sub.get('endpoint')}" for sub in subscriptions if str(sub.get("protocol")) != "https"]
    if others:
        notes.append("other subscribers need their own wiring (SQS -> a subscription on this topic, Lambda -> "
                     "an Eventarc trigger, email/SMS -> no Pub/Sub equivalent): " + ", ".join(others))
    if resource.props.get("fifo"):
        notes.append("FIFO topic: publishers set ordering keys; subscriptions enable message ordering")
    status = "partial" if others or resource.props.get("fifo") else "mapped"
    return _done(status, spec, notes, pricing.unpriced("no Pub/Sub rate in the catalog snapshot: not priced"))


# ---- security ---------------------------------------------------------------


def map_secret(resource: Resource, ctx: MappingContext) -> MappedTarget:
    spec = s.SecretSpec(name=ctx.target_name(resource), labels=ctx.labels(resource),
                        rotation_enabled_at_source=bool(resource.props.get("rotation_enabled")))
    notes = ["the secret is created empty: an operator copies the value (never inventoried) into a new version"]
    if spec.rotation_enabled_at_source:
        notes.append("rotation Lambda -> Secret Manager rotation schedule notifying a Pub/Sub topic and a rotation function")
    return _done("partial", spec, notes, pricing.unpriced("no Secret Manager rate in the catalog snapshot: not priced"))


def map_kms_key(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    if props.get("key_manager") != "CUSTOMER":
        return skipped("AWS-managed key: Google encrypts data at rest by default with Google-managed keys")
    if props.get("key_state") in ("PendingDeletion", "Disabled"):
        return skipped(f"key is {props.get('key_state')}: not recreated")
    purpose_algorithm = KMS_KEYS.get((str(props.get("key_spec")), str(props.get("key_usage"))))
    if purpose_algorithm is None:
        return manual(f"key spec {props.get('key_spec')}/{props.get('key_usage')} has no Cloud KMS mapping here",
                       "create the Cloud KMS key by hand")
    region = _region(resource, ctx)
    spec = s.KmsKeySpec(name=ctx.target_name(resource), labels=ctx.labels(resource), location=region,
                        key_ring=_child_name(region, "keys"), purpose=purpose_algorithm[0],
                        algorithm=purpose_algorithm[1])
    notes = ["key material cannot leave AWS KMS: data encrypted under it must be decrypted at the source and "
             "re-encrypted (or re-written) under the new key"]
    return _done("partial", spec, notes, pricing.unpriced("no Cloud KMS rate in the catalog snapshot: not priced"))


def map_role(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    policies = ", ".join([*(props.get("attached_policy_names") or []), *(props.get("inline_policy_names") or [])])
    trusted = ", ".join(props.get("trusted_services") or []) or "no service"
    return manual(
        "IAM roles have no one-to-one equivalent: Google Cloud grants roles to service accounts and principals "
        "on resources, with different permission names",
        f"create a service account for what assumed {props.get('role_name') or resource.name} ({trusted}); "
        f"translate its policies ({policies or 'none inventoried'}) into predefined or custom roles and bind them "
        "on the project or the resources",
    )


FUNCTIONS: dict[str, Callable[[Resource, MappingContext], MappedTarget]] = {
    "compute.vm": map_vm,
    "compute.template": map_template,
    "compute.group": map_group,
    "compute.keypair": map_keypair,
    "storage.block": map_disk,
    "storage.object": map_bucket,
    "storage.file": map_filestore,
    "network.vpc": map_vpc,
    "network.subnet": map_subnet,
    "network.firewall": map_firewall,
    "network.route_table": map_route_table,
    "network.gateway": map_gateway,
    "network.nat": map_nat,
    "network.ip": map_address,
    "lb": map_lb,
    "lb.listener": map_listener,
    "lb.backend": map_backend,
    "db.sql": map_sql,
    "db.sql.cluster": map_sql_cluster,
    "cache": map_cache,
    "db.kv": map_kv,
    "function": map_function,
    "queue": map_queue,
    "topic": map_topic,
    "dns.zone": map_dns_zone,
    "dns.record": map_dns_record,
    "cdn": map_cdn,
    "cert": map_cert,
    "container.cluster": map_container_cluster,
    "container.service": map_container_service,
    "container.task": map_container_task,
    "container.registry": map_registry,
    "secret": map_secret,
    "kms.key": map_kms_key,
    "identity.role": map_role,
}

MAPPER = target_mapper("gcp", FUNCTIONS, catalog, naming)


def kinds_without_mapping() -> list[str]:
    """Neutral kinds of planner/data/source_types.csv this mapper has no function for (should be none)."""
    from planner.core.kinds import source_types

    return sorted({t.kind for t in source_types().values()} - set(FUNCTIONS))


__all__ = ["FUNCTIONS", "MAPPER", "kinds_without_mapping"]
