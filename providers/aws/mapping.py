"""Neutral kinds -> a fresh AWS footprint (the same services, another account or region).

One small function per kind returns a `MappedTarget` whose `target` is a spec
from `providers.aws.specs`. What cannot move between accounts is said in the
item's notes and makes it `partial` (AMIs, Lambda code, secret values, public
keys, inline IAM policies) or `manual` (imported certificates).

Prices: the AWS catalog (providers/aws/catalog.py, data/SOURCES.md) holds
us-east-1 list prices only; other regions use the us-east-1 figure as a stated
proxy (the catalog returns the note). Kinds the snapshot does not price at all
(Lambda, SQS, SNS, DynamoDB, ElastiCache, EFS, Route 53, CloudFront, ECR, KMS,
Secrets Manager, EKS, most RDS classes) get no target cost and a note saying so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from planner.core.model.inventory import Resource
from planner.core.contract import MappedTarget, MappingContext
from planner.core.index import index_of
from planner.core.members import attached_instances, launching_group_indexed, member_volumes
from providers.aws import catalog, naming
from providers.aws import specs as s
from providers.common.catalog import GIB, HOURS_PER_MONTH, Rate
from planner.core.contract import manual, skipped, target_mapper

GLOBAL = "global"
# CloudFront and the certificates it serves live in us-east-1 whatever the home region.
CLOUDFRONT_REGION = "us-east-1"
# Public SSM parameters AWS maintains for its current images, by (platform, architecture).
# (AWS Systems Manager "Query for the latest Amazon Linux AMI IDs" / "... Windows AMI IDs".)
BASE_IMAGE_PARAMETERS: dict[tuple[str, str], str] = {
    ("linux", "x86_64"): "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
    ("linux", "arm64"): "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
    ("windows", "x86_64"): "/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base",
}
AMI_NOTE = (
    "image: the source AMI {image} belongs to the source account/region and cannot be launched here; "
    "the spec launches the public SSM parameter {parameter} (a base OS, not your image). Copy or share the "
    "AMI (`aws ec2 copy-image` / launch permissions) and set its id in config `planner:ami-{item_id}`"
)
UNPRICED_NOTE = "no {what} price in the AWS catalog snapshot (data/SOURCES.md): target cost not priced"


@dataclass
class Priced:
    """A target monthly cost built from catalog figures, with its basis and notes."""

    monthly_usd: float | None = 0.0
    basis: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add_rate(self, found: Rate | None, notes: list[str], quantity: float, what: str) -> None:
        """Add `quantity` units of `found`; a missing rate makes the whole cost unknown."""
        self.notes.extend(notes)
        if found is None:
            self.monthly_usd = None
            return
        if self.monthly_usd is not None:
            self.monthly_usd = round(self.monthly_usd + found.unit_price_usd * quantity, 2)
        self.basis.append(f"{what}: {quantity:g} {found.unit} x {found.basis}")

    def hourly(self, found: Rate | None, notes: list[str], what: str, count: float = 1) -> None:
        self.add_rate(found, notes, HOURS_PER_MONTH * count, what)


def free(what: str) -> Priced:
    """A resource AWS does not charge for by itself (what it serves is priced on its own item)."""
    return Priced(monthly_usd=0.0, basis=[f"{what}: no AWS charge of its own (AWS pricing pages)"])


def unpriced(what: str) -> Priced:
    return Priced(monthly_usd=None, notes=[UNPRICED_NOTE.format(what=what)])


def _result(
    status: str,
    spec: s.Spec,
    priced: Priced | None = None,
    notes: Iterable[str] = (),
) -> MappedTarget:
    priced = priced or free(spec.type)
    return MappedTarget(
        status=status,  # type: ignore[arg-type]
        target=spec.model_dump(),
        notes=[*notes, *priced.notes],
        target_monthly_usd=priced.monthly_usd,
        cost_basis=priced.basis,
    )


# --- helpers: regions, names, references -------------------------------------------------------


def _region(resource: Resource, ctx: MappingContext) -> str:
    return GLOBAL if resource.region == GLOBAL else ctx.target_region(resource.region)


def _zone(resource: Resource, ctx: MappingContext, source_zone: str | None) -> str:
    """The target AZ: seeded by the SOURCE zone, so an instance, its subnet and its volumes
    that shared a zone share one again (AZ names are mapped per account by AWS anyway)."""
    region = ctx.target_region(resource.region)
    if source_zone and region == resource.region:
        return source_zone
    return ctx.target_zone(region, source_zone or resource.id)


def _common(resource: Resource, ctx: MappingContext) -> dict[str, Any]:
    return {"name": ctx.target_name(resource), "region": _region(resource, ctx), "tags": ctx.labels(resource)}


def _item(ctx: MappingContext, source_id: str | None) -> str | None:
    return ctx.item_id(source_id) if source_id else None


def _items(ctx: MappingContext, source_ids: Iterable[str | None] | None) -> list[str]:
    found = (ctx.item_id(source_id) for source_id in source_ids or [] if source_id)
    return list(dict.fromkeys(item_id for item_id in found if item_id))


def _refs_of(resource: Resource, ctx: MappingContext, *keys: str) -> list[str]:
    """Source ids among `resource.refs` whose inventory type is one of `keys`."""
    wanted = []
    for ref in resource.refs:
        other = ctx.resource(ref)
        if other is not None and other.key in keys:
            wanted.append(ref)
    return wanted


def _linked(resource: Resource, ctx: MappingContext, prop: str, *keys: str) -> list[str]:
    """Plan item ids of the ids in `props[prop]` (a list or one id), else of the refs of type `keys`."""
    value = resource.props.get(prop)
    from_props = _items(ctx, value if isinstance(value, list) else [value]) if value else []
    return from_props or _items(ctx, _refs_of(resource, ctx, *keys))


def _one(items: list[str]) -> str | None:
    return items[0] if items else None


def _int(value: Any) -> int | None:
    return int(value) if value not in (None, "") else None


SUBNET = "aws.ec2.subnet"
SECURITY_GROUP = "aws.ec2.security_group"
VPC = "aws.ec2.vpc"


# --- compute -------------------------------------------------------------------------------------


def _image(props: dict[str, Any], item_id: str) -> tuple[s.ImageChoice, str]:
    platform = str(props.get("platform") or "linux")
    arch = str(props.get("architecture") or "x86_64")
    parameter = BASE_IMAGE_PARAMETERS.get((platform, arch), BASE_IMAGE_PARAMETERS[("linux", "x86_64")])
    image = s.ImageChoice(source_image_id=props.get("image_id"), ssm_parameter=parameter)
    return image, AMI_NOTE.format(image=props.get("image_id") or "(unknown)", parameter=parameter, item_id=item_id)


def _instance_type(props: dict[str, Any], region: str) -> tuple[str, list[str]]:
    """The source type when the target region offers it, else the cheapest equivalent."""
    source_type = str(props.get("instance_type") or "")
    offered = catalog.offers(region, source_type)
    if source_type and offered:
        return source_type, []
    choice = catalog.cheapest_instance_type(
        region,
        float(props.get("vcpu") or 1),
        float(props.get("memory_mib") or 1024) / 1024,
        gpu_count=int(props.get("gpu_count") or 0),
        gpu_model=props.get("gpu_model"),
        arch=str(props.get("architecture") or "x86_64"),
        burstable=bool(props.get("burstable")),
    )
    if not choice.found:
        return source_type, [f"{source_type} is not offered in {region} and no equivalent was found", *choice.notes]
    return choice.machine_type, [
        f"{source_type} is not offered in {region}: {choice.machine_type} "
        f"({choice.vcpu:g} vCPU / {choice.memory_gb:g} GiB) is the cheapest equivalent",
        *choice.notes,
    ]


def _price_instances(instance_type: str, region: str, count: float = 1, platform: str = "linux") -> Priced:
    price, note = catalog.instance_price(instance_type, region)
    priced = Priced(notes=[note] if note else [])
    if price is None:
        priced.monthly_usd = None
        return priced
    ec2 = catalog.CATALOGS[0]
    priced.monthly_usd = round(price * HOURS_PER_MONTH * count, 2)
    priced.basis.append(
        f"EC2 {instance_type} x {count:g}: ${price:g}/h Linux on-demand us-east-1 x {HOURS_PER_MONTH} h "
        f"({ec2.source}, {ec2.price_date})"
    )
    if platform == "windows":
        priced.notes.append("Windows licence not included: the catalog prices Linux on-demand only")
    return priced


def map_vm(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    if props.get("autoscaling_group"):
        return skipped(
            f"launched by Auto Scaling group {props['autoscaling_group']!r}: its rebuilt group launches the "
            "replacement (priced on the group's item)"
        )
    item_id = ctx.item_id(resource.id) or resource.id
    region = ctx.target_region(resource.region)
    instance_type, type_notes = _instance_type(props, region)
    image, image_note = _image(props, item_id)
    spec = s.InstanceSpec(
        **_common(resource, ctx),
        availability_zone=_zone(resource, ctx, props.get("availability_zone")),
        instance_type=instance_type,
        source_instance_type=str(props.get("instance_type") or instance_type),
        architecture=str(props.get("architecture") or "x86_64"),
        platform=str(props.get("platform") or "linux"),
        image=image,
        subnet_item=_one(_linked(resource, ctx, "subnet_id", SUBNET)),
        security_group_items=_linked(resource, ctx, "security_group_ids", SECURITY_GROUP),
        key_pair_item=_one(_linked(resource, ctx, "key_pair_id", "aws.ec2.key_pair")),
        launch_template_item=_one(_linked(resource, ctx, "launch_template_id", "aws.ec2.launch_template")),
        private_ip=props.get("private_ip"),
        ebs_optimized=props.get("ebs_optimized"),
    )
    notes = [image_note, *type_notes]
    if props.get("volume_ids"):
        notes.append(
            "data volumes are separate items (storage.block); their device names are not inventoried, "
            "so attach them after restoring the data"
        )
    if props.get("state") == "stopped":
        notes.append("the source instance was stopped at inventory time")
    return _result("partial", spec, _price_instances(instance_type, region, platform=spec.platform), notes)


def map_template(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    item_id = ctx.item_id(resource.id) or resource.id
    image, image_note = _image(props, item_id)
    spec = s.LaunchTemplateSpec(
        **_common(resource, ctx),
        instance_type=props.get("instance_type"),
        image=image,
        security_group_items=_linked(resource, ctx, "security_group_ids", SECURITY_GROUP),
    )
    return _result("partial", spec, None, [image_note, "user data is not inventoried: add it to the template"])


def map_group(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    region = ctx.target_region(resource.region)
    desired = _int(props.get("desired_capacity"))
    spec = s.AutoScalingGroupSpec(
        **_common(resource, ctx),
        min_size=_int(props.get("min_size")) or 0,
        max_size=_int(props.get("max_size")) or max(desired or 1, 1),
        desired_capacity=desired,
        launch_template_item=_one(_linked(resource, ctx, "launch_template_id", "aws.ec2.launch_template")),
        subnet_items=_linked(resource, ctx, "subnet_ids", SUBNET),
        target_group_items=_linked(resource, ctx, "target_group_arns", "aws.elbv2.target_group"),
    )
    notes = []
    if spec.launch_template_item is None:
        notes.append("the group has no inventoried launch template: give it one before applying")
    instance_type = props.get("instance_type")
    priced = (
        _price_instances(str(instance_type), region, count=desired or 0)
        if instance_type
        else unpriced("instance type for this group")
    )
    _price_member_volumes(priced, resource, ctx, region)
    return _result("mapped" if spec.launch_template_item else "partial", spec, priced, notes)


def _member_volumes(group: Resource, ctx: MappingContext) -> list[Resource]:
    return member_volumes(group, index_of(ctx), ctx.resource)


def _price_member_volumes(priced: Priced, group: Resource, ctx: MappingContext, region: str) -> None:
    """The volumes the group's instances launch with, priced like its members' volumes (skipped items of their own)."""
    volumes = _member_volumes(group, ctx)
    by_size = Counter(_volume_size(volume.props) for volume in volumes)
    ordered = sorted(by_size.items(), key=lambda pair: (pair[0].volume_type, pair[0].size_gib, pair[0].iops or 0,
                                                         pair[0].throughput_mibps or 0))
    for size, count in ordered:
        _price_volume(priced, size, region, what=f"member volumes {count} x {size.size_gib} GiB EBS", count=count)
    if volumes:
        priced.notes.append(
            f"the group's {len(volumes)} member volume(s) are priced here as they are today; the image and "
            "launch template of the rebuilt group decide their real size"
        )


def map_function(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    spec = s.LambdaFunctionSpec(
        **_common(resource, ctx),
        runtime=props.get("runtime"),
        handler=props.get("handler"),
        memory_mb=_int(props.get("memory_mb")) or 128,
        timeout_s=_int(props.get("timeout_s")) or 3,
        architectures=list(props.get("architectures") or ["x86_64"]),
        package_type=str(props.get("package_type") or "Zip"),
        role_item=_one(_linked(resource, ctx, "role_arn", "aws.iam.role")),
        subnet_items=_linked(resource, ctx, "vpc_subnet_ids", SUBNET),
        security_group_items=_linked(resource, ctx, "vpc_security_group_ids", SECURITY_GROUP),
        env_var_names=list(props.get("env_var_names") or []),
        code_size_bytes=_int(props.get("code_size_bytes")) or 0,
    )
    notes = [
        "code: the deployment package is not copied by the inventory; the stack deploys a placeholder "
        "package: re-upload the code (`aws lambda get-function` gives a download link while the source account lives)"
    ]
    if spec.env_var_names:
        notes.append(f"environment values are never inventoried: set {', '.join(spec.env_var_names)}")
    return _result("partial", spec, unpriced("Lambda"), notes)


def map_container_cluster(resource: Resource, ctx: MappingContext) -> MappedTarget:
    if resource.key == "aws.eks.cluster":
        return _map_eks(resource, ctx)
    return _result("mapped", s.EcsClusterSpec(**_common(resource, ctx)), None, [
        "ECS clusters have no charge of their own; tasks are priced by their launch type (not in the catalog)"
    ])


def _map_eks(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    node_groups = [
        s.EksNodeGroupSpec(
            name=str(group.get("name")),
            instance_types=list(group.get("instance_types") or []),
            desired_size=_int(group.get("desired_size")) or 1,
            min_size=_int(group.get("min_size")) or _int(group.get("desired_size")) or 1,
            max_size=_int(group.get("max_size")) or _int(group.get("desired_size")) or 1,
        )
        for group in props.get("node_groups") or []
    ]
    spec = s.EksClusterSpec(
        **_common(resource, ctx),
        version=props.get("version"),
        subnet_items=_linked(resource, ctx, "subnet_ids", SUBNET),
        security_group_items=_linked(resource, ctx, "security_group_ids", SECURITY_GROUP),
        role_item=_one(_linked(resource, ctx, "role_arn", "aws.iam.role")),
        node_groups=node_groups,
    )
    priced = unpriced("EKS control plane")
    priced.notes.append("workloads (manifests, Helm releases) are not inventoried: redeploy them")
    return _result("partial", spec, priced)


def _repository_uri(repository: Resource) -> list[str]:
    uri = repository.props.get("repository_uri")
    return [str(uri)] if uri else []


def _ecr_repository_by_uri(ctx: MappingContext) -> dict[str, str]:
    """{repository URI: repository id}; the last repository listed wins a URI two of them claim."""
    by_uri = index_of(ctx).group_by(_repository_uri, "aws.ecr.repository")
    return {uri: repositories[-1].id for uri, repositories in by_uri.items()}


def _container(raw: dict[str, Any], repositories: dict[str, str], ctx: MappingContext) -> s.ContainerSpec:
    image = str(raw.get("image") or "")
    repository, _, tag = image.partition(":") if "@" not in image else (image.split("@")[0], "", "")
    repository_item = _item(ctx, repositories.get(repository))
    return s.ContainerSpec(
        name=str(raw.get("name")),
        image=image,
        repository_item=repository_item,
        image_tag=(tag or "latest") if repository_item else None,
        cpu=_int(raw.get("cpu")),
        memory=_int(raw.get("memory")),
        port_mappings=[_port_mapping(mapping) for mapping in raw.get("port_mappings") or []],
    )


def _port_mapping(mapping: Any) -> dict[str, Any]:
    """A container port mapping as a dict: inventories record a bare port or a dict."""
    return dict(mapping) if isinstance(mapping, dict) else {"container_port": int(mapping)}


def map_task(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    repositories = _ecr_repository_by_uri(ctx)
    containers = [_container(raw, repositories, ctx) for raw in props.get("containers") or []]
    network_mode = props.get("network_mode")
    spec = s.EcsTaskDefinitionSpec(
        **_common(resource, ctx),
        family=str(props.get("family") or resource.name),
        cpu=str(props["cpu"]) if props.get("cpu") else None,
        memory=str(props["memory"]) if props.get("memory") else None,
        network_mode=network_mode,
        requires_compatibilities=list(props.get("requires_compatibilities") or _launch_types_of_services(resource, ctx)),
        containers=containers,
        role_item=_one(_linked(resource, ctx, "execution_role_arn", "aws.iam.role")),
    )
    notes = ["environment values are never inventoried: set them in the container definitions"]
    outside = [container.image for container in containers if container.repository_item is None]
    if outside:
        notes.append(f"images not from an inventoried ECR repository are used as they are: {', '.join(outside)}")
    if any(container.repository_item for container in containers):
        notes.append("ECR images point at the new repositories: push the images there first")
    return _result("partial", spec, None, notes)


def _launch_types_of_services(task: Resource, ctx: MappingContext) -> list[str]:
    """The launch types of the services running this task definition (FARGATE needs it declared)."""
    return sorted(
        {
            str(service.props["launch_type"])
            for service in index_of(ctx).lookup(_task_definition_of_service, task.id, "aws.ecs.service")
            if service.props.get("launch_type") in ("FARGATE", "EC2")
        }
    )


def _task_definition_of_service(service: Resource) -> list[Any]:
    return [service.props.get("task_definition_arn")]


def map_service(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    cluster = _one(_linked(resource, ctx, "cluster_arn", "aws.ecs.cluster"))
    task = _one(_linked(resource, ctx, "task_definition_arn", "aws.ecs.task_definition"))
    if cluster is None or task is None:
        return manual(
            "the service's cluster or task definition is not in the inventory",
            "recreate the service by hand once its cluster and task definition exist",
        )
    balancers = []
    for entry in props.get("load_balancer_target_groups") or []:
        target_arn = entry.get("target_group_arn") if isinstance(entry, dict) else entry
        target_item = _item(ctx, target_arn)
        if target_item:
            balancers.append(
                s.ServiceTargetGroup(
                    target_group_item=target_item,
                    container_name=entry.get("container_name") if isinstance(entry, dict) else None,
                    container_port=_int(entry.get("container_port")) if isinstance(entry, dict) else None,
                )
            )
    spec = s.EcsServiceSpec(
        **_common(resource, ctx),
        cluster_item=cluster,
        task_definition_item=task,
        desired_count=_int(props.get("desired_count")) or 0,
        launch_type=props.get("launch_type"),
        load_balancers=balancers,
        subnet_items=_linked(resource, ctx, "subnet_ids", SUBNET),
        security_group_items=_linked(resource, ctx, "security_group_ids", SECURITY_GROUP),
    )
    notes = []
    if spec.launch_type == "FARGATE" and not spec.subnet_items:
        notes.append("a Fargate service needs subnets and security groups; none are inventoried: add its network configuration")
    return _result("partial" if notes else "mapped", spec, unpriced(f"ECS {spec.launch_type or ''} task".replace("  ", " ")), notes)


# --- network -------------------------------------------------------------------------------------


def map_vpc(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    cidr = str(props.get("cidr_block"))
    extra = [block for block in props.get("cidr_blocks") or [] if block and block != cidr]
    spec = s.VpcSpec(**_common(resource, ctx), cidr_block=cidr, additional_cidr_blocks=extra)
    return _result("mapped", spec, None, [])


def map_subnet(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    vpc = _one(_linked(resource, ctx, "vpc_id", VPC))
    if vpc is None:
        return manual("the subnet's VPC is not in the inventory", "create the subnet in a VPC of your choice")
    spec = s.SubnetSpec(
        **_common(resource, ctx),
        vpc_item=vpc,
        cidr_block=str(props.get("cidr_block")),
        availability_zone=_zone(resource, ctx, props.get("availability_zone")),
        map_public_ip_on_launch=bool(props.get("map_public_ip_on_launch")),
    )
    return _result("mapped", spec)


def _rule(raw: dict[str, Any], ctx: MappingContext, own_id: str) -> tuple[s.SecurityGroupRule, list[str]]:
    sources = [group for group in raw.get("source_group_ids") or [] if group != own_id]
    source_items = _items(ctx, sources)
    notes = []
    missing = [group for group in sources if ctx.item_id(group) is None]
    if missing:
        notes.append(f"rule source groups outside the inventory are dropped: {', '.join(missing)}")
    if raw.get("prefix_list_ids"):
        notes.append(f"prefix-list sources are dropped (account-specific): {', '.join(raw['prefix_list_ids'])}")
    protocol = str(raw.get("protocol") if raw.get("protocol") is not None else "-1")
    rule = s.SecurityGroupRule(
        protocol=protocol,
        from_port=_int(raw.get("from_port")),
        to_port=_int(raw.get("to_port")),
        cidr_ipv4=list(raw.get("cidrs") or []),
        cidr_ipv6=list(raw.get("ipv6_cidrs") or []),
        source_group_items=source_items,
        self_reference=own_id in (raw.get("source_group_ids") or []),
    )
    return rule, notes


def map_firewall(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    notes: list[str] = []
    rules: dict[str, list[s.SecurityGroupRule]] = {"ingress": [], "egress": []}
    for direction in rules:
        for raw in props.get(direction) or []:
            rule, rule_notes = _rule(raw, ctx, resource.id)
            rules[direction].append(rule)
            notes.extend(rule_notes)
    is_default = bool(props.get("is_default") or props.get("group_name") == "default")
    spec = s.SecurityGroupSpec(
        **_common(resource, ctx),
        vpc_item=_one(_linked(resource, ctx, "vpc_id", VPC)),
        group_name=str(props.get("group_name") or resource.name),
        description=str(props.get("description") or ""),
        default=is_default,
        ingress=rules["ingress"],
        egress=rules["egress"],
    )
    status = "partial" if notes else "mapped"  # only dropped rule sources add notes above
    if is_default:
        notes.append("the default group of the new VPC is adopted and given the source's rules")
    return _result(status, spec, None, notes)


def map_route_table(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    vpc = _one(_linked(resource, ctx, "vpc_id", VPC))
    if vpc is None:
        return manual("the route table's VPC is not in the inventory", "recreate its routes by hand")
    routes, dropped = [], []
    for raw in props.get("routes") or []:
        target = str(raw.get("target") or "")
        destination = raw.get("destination")
        if target == "local" or not destination:
            continue
        target_item = _item(ctx, target)
        if target.startswith("igw-") and target_item:
            routes.append(s.RouteSpec(destination_cidr=destination, gateway_item=target_item))
        elif target.startswith("nat-") and target_item:
            routes.append(s.RouteSpec(destination_cidr=destination, nat_gateway_item=target_item))
        else:
            dropped.append(f"{destination} -> {target}")
    spec = s.RouteTableSpec(
        **_common(resource, ctx),
        vpc_item=vpc,
        main=bool(props.get("is_main")),
        routes=routes,
        subnet_items=_linked(resource, ctx, "subnet_ids", SUBNET),
    )
    notes = [f"routes to targets not rebuilt here (peering, transit gateway, ENI, endpoints) are dropped: {'; '.join(dropped)}"] if dropped else []
    return _result("partial" if dropped else "mapped", spec, None, notes)


def map_gateway(resource: Resource, ctx: MappingContext) -> MappedTarget:
    spec = s.InternetGatewaySpec(**_common(resource, ctx), vpc_item=_one(_linked(resource, ctx, "attached_vpc_ids", VPC)))
    return _result("mapped", spec)


def map_nat(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    subnet = _one(_linked(resource, ctx, "subnet_id", SUBNET))
    if subnet is None:
        return manual("the NAT gateway's subnet is not in the inventory", "create the NAT gateway by hand")
    connectivity = "private" if props.get("connectivity_type") == "private" else "public"
    spec = s.NatGatewaySpec(**_common(resource, ctx), subnet_item=subnet, connectivity_type=connectivity)
    region = ctx.target_region(resource.region)
    priced = Priced()
    priced.hourly(*catalog.nat_gateway_rate(region), what="NAT gateway")
    priced.notes.append("NAT data processing ($/GB) is not priced: traffic volume is not inventoried")
    notes = ["the gateway gets a new Elastic IP: partners that allow-list the old address must be told"] if connectivity == "public" else []
    return _result("mapped", spec, priced, notes)


def map_ip(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    spec = s.ElasticIpSpec(
        **_common(resource, ctx),
        instance_item=_one(_linked(resource, ctx, "instance_id", "aws.ec2.instance")),
        source_public_ip=props.get("public_ip"),
    )
    priced = Priced()
    priced.hourly(*catalog.rate_or_proxy("VPC", "Public IPv4 address / Elastic IP (if unused)", ctx.target_region(resource.region)), what="public IPv4")
    return _result("partial", spec, priced, [
        f"Elastic IP {props.get('public_ip')} cannot move to another account: the new address differs; update DNS and allow-lists"
    ])


# --- edge ----------------------------------------------------------------------------------------


def map_lb(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    region = ctx.target_region(resource.region)
    internal = props.get("scheme") == "internal"
    subnets = _linked(resource, ctx, "subnet_ids", SUBNET)
    groups = _linked(resource, ctx, "security_group_ids", SECURITY_GROUP)
    priced = Priced()
    if resource.key == "aws.elb.load_balancer":
        listeners = [
            s.ClassicListenerSpec(
                lb_protocol=str(raw.get("protocol") or "HTTP"),
                lb_port=int(raw.get("port") or 80),
                instance_protocol=str(raw.get("instance_protocol") or raw.get("protocol") or "HTTP"),
                instance_port=int(raw.get("instance_port") or raw.get("port") or 80),
            )
            for raw in props.get("listeners") or []
        ]
        spec: s.Spec = s.ClassicLoadBalancerSpec(
            **_common(resource, ctx),
            internal=internal,
            listeners=listeners,
            subnet_items=subnets,
            security_group_items=groups,
            instance_items=_linked(resource, ctx, "instance_ids", "aws.ec2.instance"),
        )
        priced.hourly(*catalog.lb_hourly_rate("classic", region), what="Classic Load Balancer")
        notes = ["rebuilt as a Classic Load Balancer like the source; consider an ALB/NLB", "HTTPS listener certificates must be re-attached"]
        if any(listener.lb_protocol.upper() in {"HTTPS", "SSL"} for listener in listeners):
            return _result("partial", spec, priced, notes)
        return _result("mapped", spec, priced, notes[:1])
    lb_type = str(props.get("type") or "application")
    spec = s.LoadBalancerSpec(
        **_common(resource, ctx), load_balancer_type=lb_type, internal=internal, subnet_items=subnets, security_group_items=groups
    )
    priced.hourly(*catalog.lb_hourly_rate(lb_type, region), what=f"{lb_type} load balancer")
    priced.notes.append("LCU charges are not priced: traffic is not inventoried")
    return _result("mapped", spec, priced, [f"new DNS name: repoint records that named {props.get('dns_name')}"])


def map_listener(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    balancer = _one(_linked(resource, ctx, "load_balancer_arn", "aws.elbv2.load_balancer"))
    if balancer is None:
        return manual("the listener's load balancer is not in the inventory", "recreate the listener by hand")
    target_group = _one(_linked(resource, ctx, "target_group_arns", "aws.elbv2.target_group"))
    certificate = _one(_linked(resource, ctx, "certificate_arns", "aws.acm.certificate"))
    forwards = props.get("default_action_type") in (None, "forward") and target_group is not None
    spec = s.ListenerSpec(
        **_common(resource, ctx),
        load_balancer_item=balancer,
        port=int(props.get("port") or 80),
        protocol=str(props.get("protocol") or "HTTP"),
        default_action="forward" if forwards else "fixed-response",
        target_group_item=target_group if forwards else None,
        certificate_item=certificate,
    )
    notes = []
    if not forwards:
        notes.append(
            f"default action {props.get('default_action_type')!r} is not inventoried in detail: the stack answers "
            "with a fixed 503 until you set it"
        )
    if props.get("certificate_arns") and certificate is None:
        notes.append("the listener's certificate is not rebuilt here: attach one before applying")
    return _result("partial" if notes else "mapped", spec, None, notes)


def map_backend(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    spec = s.TargetGroupSpec(
        **_common(resource, ctx),
        vpc_item=_one(_linked(resource, ctx, "vpc_id", VPC)),
        port=_int(props.get("port")),
        protocol=props.get("protocol"),
        target_type=str(props.get("target_type") or "instance"),
        health_check_path=props.get("health_check_path"),
        health_check_port=str(props["health_check_port"]) if props.get("health_check_port") else None,
        target_items=_items(ctx, props.get("target_ids") if props.get("target_type") in (None, "instance") else []),
    )
    notes = []
    if props.get("target_type") == "ip" and props.get("target_ids"):
        notes.append("IP targets are not re-registered: the new addresses differ")
    return _result("partial" if notes else "mapped", spec, None, notes)


def map_zone(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    spec = s.HostedZoneSpec(
        **_common(resource, ctx),
        zone_name=str(props.get("zone_name") or resource.name),
        private=bool(props.get("private_zone")),
        vpc_items=_linked(resource, ctx, "vpc_ids", VPC),
    )
    notes = [] if spec.private else ["new name servers: update the delegation at the registrar (outputs list them)"]
    return _result("mapped", spec, unpriced("Route 53"), notes)


def _alias_target(alias_dns: str, ctx: MappingContext) -> s.AliasSpec | None:
    name = alias_dns.lower().rstrip(".").removeprefix("dualstack.")
    for resource in index_of(ctx).lookup(_dns_name, name):
        item_id = ctx.item_id(resource.id)
        if item_id and resource.key in ("aws.elbv2.load_balancer", "aws.elb.load_balancer"):
            return s.AliasSpec(target_item=item_id, target_type="lb")
        if item_id and resource.key == "aws.cloudfront.distribution":
            return s.AliasSpec(target_item=item_id, target_type="cdn")
    return None


def _dns_name(resource: Resource) -> list[str]:
    """The DNS name a resource answers to (load balancers, distributions), as aliases are compared."""
    dns = str(resource.props.get("dns_name") or resource.props.get("domain_name") or "").lower().rstrip(".")
    return [dns] if dns else []


def map_record(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    zone = _one(_linked(resource, ctx, "zone_id", "aws.route53.zone"))
    record_type = str(props.get("record_type") or "A")
    if zone is None:
        return manual("the record's hosted zone is not in the inventory", "recreate the record in its zone")
    if record_type in ("NS", "SOA"):
        return skipped(f"{record_type} records are created by Route 53 with each new zone")
    alias = None
    values = list(props.get("values") or [])
    cname_target = _alias_target(values[0], ctx) if record_type == "CNAME" and len(values) == 1 else None
    if props.get("alias_target"):
        alias = _alias_target(str(props["alias_target"]), ctx)
        if alias is None:
            return manual(
                f"alias to {props['alias_target']}, which this plan does not rebuild",
                "recreate the alias once its target exists on the new side",
            )
    spec = s.DnsRecordSpec(
        **_common(resource, ctx),
        zone_item=zone,
        record_name=str(props.get("record_name") or resource.name),
        record_type=record_type,
        ttl=_int(props.get("ttl")),
        values=values,
        alias=alias,
        cname_target=cname_target,
        set_identifier=props.get("set_identifier"),
    )
    notes = []
    if alias is None and record_type in ("A", "AAAA"):
        notes.append("literal addresses are copied: point them at the new IPs after cutover")
    if props.get("set_identifier"):
        notes.append("routing policy (weighted/latency/failover) is not inventoried: set it again")
    return _result("partial" if notes else "mapped", spec, None, notes)


def map_cdn(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    origins = []
    for raw in props.get("origins") or []:
        domain = str(raw.get("domain_name") or "")
        bucket_item = _item(ctx, _bucket_id_of_origin(domain, ctx))
        lb_item = _alias_target(domain, ctx)
        origins.append(
            s.OriginSpec(
                origin_id=str(raw.get("id") or domain),
                domain_name=domain,
                bucket_item=bucket_item,
                load_balancer_item=lb_item.target_item if lb_item and lb_item.target_type == "lb" else None,
            )
        )
    certificate = _one(_linked(resource, ctx, "certificate_arn", "aws.acm.certificate"))
    spec = s.DistributionSpec(
        **{**_common(resource, ctx), "region": CLOUDFRONT_REGION},
        enabled=bool(props.get("enabled", True)),
        aliases=list(props.get("aliases") or []) if certificate else [],
        origins=origins,
        price_class=str(props.get("price_class") or "PriceClass_All"),
        certificate_item=certificate,
    )
    notes = ["cache behaviours beyond the default, functions and WAF are not inventoried: the default behaviour is rebuilt"]
    if props.get("aliases") and certificate is None:
        notes.append("aliases dropped: CloudFront needs a us-east-1 certificate for them, none is rebuilt here")
    return _result("partial", spec, unpriced("CloudFront"), notes)


def _bucket_id_of_origin(domain: str, ctx: MappingContext) -> str | None:
    bucket = domain.split(".s3", 1)[0] if ".s3" in domain else None
    if not bucket:
        return None
    source_id = f"arn:aws:s3:::{bucket}"
    return source_id if ctx.resource(source_id) is not None else None


def map_cert(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    if props.get("type") == "IMPORTED":
        return manual(
            "imported certificate: its private key is not in AWS's hands and cannot be exported",
            "import the certificate and key into ACM in the new account (or issue a new one)",
        )
    used_by_cloudfront = any(":cloudfront:" in str(user) for user in props.get("in_use_by") or [])
    region = CLOUDFRONT_REGION if used_by_cloudfront else _region(resource, ctx)
    spec = s.CertificateSpec(
        **{**_common(resource, ctx), "region": region},
        domain_name=str(props.get("domain_name") or resource.name),
        subject_alternative_names=[
            name for name in props.get("subject_alternative_names") or [] if name != props.get("domain_name")
        ],
    )
    notes = ["DNS validation: create the CNAME records the stack outputs (validation_records) before it can be issued"]
    if used_by_cloudfront:
        notes.append("served by CloudFront, so issued in us-east-1")
    return _result("mapped", spec, None, notes)


# --- data ----------------------------------------------------------------------------------------


def map_sql(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    region = ctx.target_region(resource.region)
    cluster = _one(_linked(resource, ctx, "cluster_id", "aws.rds.cluster"))
    engine = str(props.get("engine") or "")
    instance_class = str(props.get("instance_class") or "")
    if cluster is not None:
        spec: s.Spec = s.DbClusterInstanceSpec(
            **_common(resource, ctx),
            cluster_item=cluster,
            engine=engine,
            engine_version=props.get("engine_version"),
            instance_class=instance_class,
        )
        return _result("mapped", spec, unpriced(f"Aurora {instance_class}"), ["a member of an Aurora cluster: data moves with the cluster"])
    replica_of = _one(_linked(resource, ctx, "read_replica_source", "aws.rds.instance"))
    multi_az = bool(props.get("multi_az"))
    spec = s.DbInstanceSpec(
        **_common(resource, ctx),
        engine=engine,
        engine_version=props.get("engine_version"),
        instance_class=instance_class,
        allocated_storage_gib=_int(props.get("allocated_storage_gib")),
        storage_type=props.get("storage_type"),
        iops=_int(props.get("iops")),
        multi_az=multi_az,
        port=_int(props.get("port")),
        backup_retention_days=_int(props.get("backup_retention_days")),
        replica_source_item=replica_of,
        subnet_items=_linked(resource, ctx, "subnet_ids", SUBNET),
        security_group_items=_linked(resource, ctx, "security_group_ids", SECURITY_GROUP),
    )
    priced = Priced()
    priced.hourly(*catalog.rds_instance_rate(instance_class, engine, multi_az, region), what=f"RDS {instance_class}")
    if spec.allocated_storage_gib and spec.storage_type:
        priced.add_rate(
            *catalog.rds_storage_rate(spec.storage_type, multi_az, region),
            quantity=spec.allocated_storage_gib,
            what=f"RDS {spec.storage_type} storage",
        )
    notes = ["a new master password is generated (stack secret); data moves by dump/restore or a snapshot shared with the new account"]
    if props.get("read_replica_source") and replica_of is None:
        notes.append("its source instance is not rebuilt here: created as a stand-alone instance")
    return _result("mapped", spec, priced, notes)


def map_sql_cluster(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    member_ids = props.get("member_ids") or []
    member_subnets = [
        subnet
        for member in member_ids
        if (other := ctx.resource(member)) is not None
        for subnet in _refs_of(other, ctx, SUBNET)
    ]
    spec = s.DbClusterSpec(
        **_common(resource, ctx),
        engine=str(props.get("engine") or "aurora-postgresql"),
        engine_version=props.get("engine_version"),
        engine_mode=props.get("engine_mode"),
        port=_int(props.get("port")),
        allocated_storage_gib=_int(props.get("allocated_storage_gib")),
        subnet_items=_items(ctx, props.get("subnet_ids") or member_subnets),
        security_group_items=_linked(resource, ctx, "security_group_ids", SECURITY_GROUP),
    )
    return _result("mapped", spec, unpriced("Aurora"), [
        "a new master password is generated (stack secret); members are their own items"
    ])


def map_cache(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    engine = str(props.get("engine") or "redis")
    common = {
        **_common(resource, ctx),
        "engine_version": props.get("engine_version"),
        "node_type": str(props.get("node_type") or ""),
        "num_nodes": _int(props.get("num_nodes")) or 1,
        "subnet_items": _linked(resource, ctx, "subnet_ids", SUBNET),
        "security_group_items": _linked(resource, ctx, "security_group_ids", SECURITY_GROUP),
    }
    if engine == "memcached":
        return _result("mapped", s.CacheClusterSpec(**common), unpriced("ElastiCache"), ["a cache: starts empty"])
    spec = s.CacheReplicationGroupSpec(
        **common,
        engine=engine,
        cluster_mode=bool(props.get("cluster_mode")),
        num_node_groups=_int(props.get("num_node_groups")) if props.get("cluster_mode") else None,
        multi_az=bool(props.get("multi_az")),
    )
    notes = ["data is not copied: export an RDB snapshot and seed the new group, or let it warm up"]
    return _result("mapped", spec, unpriced("ElastiCache"), notes)


def _key_attributes(props: dict[str, Any]) -> tuple[list[s.KeyAttribute], list[str]]:
    types = {str(entry.get("name")): str(entry.get("type")) for entry in props.get("attribute_definitions") or []}
    keys, assumed = [], []
    for entry in props.get("key_schema") or []:
        name = str(entry.get("name"))
        attribute_type = types.get(name)
        if attribute_type not in ("S", "N", "B"):
            attribute_type = "S"
            assumed.append(name)
        keys.append(s.KeyAttribute(name=name, attribute_type=attribute_type, key_type=entry.get("type", "HASH")))
    notes = [f"key attribute types are not inventoried; assumed string (S) for {', '.join(assumed)}: check them"] if assumed else []
    return keys, notes


def map_kv(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    keys, notes = _key_attributes(props)
    if not keys:
        return manual("the table's key schema is not in the inventory", "recreate the table with its keys by hand")
    billing = "PROVISIONED" if props.get("billing_mode") == "PROVISIONED" else "PAY_PER_REQUEST"
    stream_view = props.get("stream_view_type")
    spec = s.DynamoTableSpec(
        **_common(resource, ctx),
        billing_mode=billing,
        keys=keys,
        read_capacity=_int(props.get("read_capacity")) if billing == "PROVISIONED" else None,
        write_capacity=_int(props.get("write_capacity")) if billing == "PROVISIONED" else None,
        stream_view_type=stream_view if props.get("stream_enabled") else None,
    )
    if props.get("stream_enabled") and not stream_view:
        notes.append("the source has a stream but its view type is not inventoried: enable it again")
    if props.get("gsi_count") or props.get("lsi_count"):
        notes.append("secondary indexes are not inventoried in detail: recreate them")
    if props.get("global_table"):
        notes.append("a global table: replicas in other regions are not rebuilt")
    return _result("partial" if notes else "mapped", spec, unpriced("DynamoDB"), notes)


# --- storage -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VolumeSize:
    """What an EBS volume is billed on: size, type, provisioned IOPS and throughput."""

    size_gib: int
    volume_type: str
    iops: int | None
    throughput_mibps: int | None


def _volume_size(props: dict[str, Any]) -> VolumeSize:
    volume_type = str(props.get("volume_type") or "gp3")
    return VolumeSize(
        size_gib=_int(props.get("size_gib")) or 1,
        volume_type=volume_type,
        iops=_int(props.get("iops")) if volume_type in ("io1", "io2", "gp3") else None,
        throughput_mibps=_int(props.get("throughput_mibps")) if volume_type == "gp3" else None,
    )


def _price_volume(priced: Priced, size: VolumeSize, region: str, what: str = "EBS", count: int = 1) -> None:
    priced.add_rate(*catalog.ebs_rate(size.volume_type, region), quantity=size.size_gib * count,
                    what=f"{what} {size.volume_type}")
    _price_provisioned(priced, size, region, count)


def _launched_by_group(volume: Resource, ctx: MappingContext) -> bool:
    attached = attached_instances(volume, ctx.resource)
    return bool(attached) and all(i is not None and i.props.get("autoscaling_group") for i in attached)


def map_block(resource: Resource, ctx: MappingContext) -> MappedTarget:
    if _launched_by_group(resource, ctx):
        # Like its instances (map_vm), the volume is launched again by the rebuilt group's template.
        group = launching_group_indexed(resource, index_of(ctx), ctx.resource)
        owner = f"item {ctx.item_id(group.id)}" if group is not None else "(not inventoried)"
        return skipped(
            f"volume of an instance launched by an Auto Scaling group: the rebuilt group {owner} launches "
            "its instances with their volumes from its launch template"
        )
    region = ctx.target_region(resource.region)
    size = _volume_size(resource.props)
    spec = s.VolumeSpec(
        **_common(resource, ctx),
        availability_zone=_zone(resource, ctx, resource.props.get("availability_zone")),
        **asdict(size),
        encrypted=bool(resource.props.get("encrypted")),
    )
    priced = Priced()
    _price_volume(priced, size, region)
    return _result("mapped", spec, priced, ["a new empty volume: restore the data from a snapshot shared with the new account"])


# gp3 includes 3,000 IOPS and 125 MiB/s; only the excess is billed (AWS EBS pricing page).
GP3_FREE_IOPS = 3000
GP3_FREE_THROUGHPUT_MIBPS = 125
PROVISIONED_IOPS_ITEMS = {
    "io1": "EBS io1 provisioned IOPS",
    "io2": "EBS io2 provisioned IOPS (first tier)",
    "gp3": "EBS gp3 provisioned IOPS (above free baseline)",
}


def _price_provisioned(priced: Priced, spec: VolumeSize, region: str, count: int = 1) -> None:
    """Provisioned IOPS and throughput above the free baseline, for `count` volumes of this size."""
    item = PROVISIONED_IOPS_ITEMS.get(spec.volume_type)
    free = GP3_FREE_IOPS if spec.volume_type == "gp3" else 0
    if item and spec.iops and spec.iops > free:
        priced.add_rate(*catalog.rate_or_proxy("EBS", item, region), quantity=(spec.iops - free) * count,
                        what="provisioned IOPS")
    if spec.volume_type == "gp3" and spec.throughput_mibps and spec.throughput_mibps > GP3_FREE_THROUGHPUT_MIBPS:
        priced.add_rate(
            *catalog.rate_or_proxy("EBS", "EBS gp3 provisioned throughput (above free baseline)", region),
            quantity=(spec.throughput_mibps - GP3_FREE_THROUGHPUT_MIBPS) * count,
            what="provisioned throughput",
        )


def map_object(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    region = ctx.target_region(resource.region)
    versioning = str(props.get("versioning") or "Disabled")
    spec = s.BucketSpec(
        **_common(resource, ctx),
        bucket=ctx.target_name(resource),
        versioning=versioning if versioning in ("Enabled", "Suspended") else "Disabled",
        website=bool(props.get("website")),
    )
    priced = Priced()
    by_class = props.get("storage_class_bytes") or {"STANDARD": props.get("size_bytes") or 0}
    for storage_class, size in sorted(by_class.items()):
        gb = round(float(size or 0) / GIB, 3)
        priced.add_rate(*catalog.s3_rate(storage_class, region), quantity=gb, what=f"S3 {storage_class}")
    priced.notes.append("S3 requests are not priced: request counts are not inventoried")
    notes = ["bucket names are global: the source name stays taken until the old bucket is deleted"]
    if spec.website:
        notes.append("website index/error documents are not inventoried: index.html assumed")
    return _result("partial" if spec.website else "mapped", spec, priced, notes)


def map_file(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    spec = s.FileSystemSpec(
        **_common(resource, ctx),
        performance_mode=str(props.get("performance_mode") or "generalPurpose"),
        throughput_mode=str(props.get("throughput_mode") or "bursting"),
        encrypted=bool(props.get("encrypted", True)),
        mount_subnet_items=_linked(resource, ctx, "mount_target_subnet_ids", SUBNET),
    )
    return _result("mapped", spec, unpriced("EFS"), ["files are copied separately (DataSync or rsync)"])


def map_registry(resource: Resource, ctx: MappingContext) -> MappedTarget:
    name = str(resource.props.get("repository_name") or resource.name)
    spec = s.RepositorySpec(**_common(resource, ctx), repository_name=name)
    return _result("mapped", spec, unpriced("ECR"), ["images are copied separately (pull from the old, push to the new repository)"])


# --- messaging -----------------------------------------------------------------------------------


def map_queue(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    spec = s.QueueSpec(
        **_common(resource, ctx),
        fifo=bool(props.get("fifo")),
        visibility_timeout_s=_int(props.get("visibility_timeout_s")),
        retention_s=_int(props.get("retention_s")),
        dead_letter_queue_item=_item(ctx, props.get("dlq_arn")),
        max_receive_count=_int(props.get("max_receive_count")) or 5,
    )
    notes = ["in-flight messages are not moved: drain the old queue"]
    if spec.dead_letter_queue_item and not props.get("max_receive_count"):
        notes.append("the redrive maxReceiveCount is not inventoried: 5 is used, check it")
    return _result("mapped", spec, unpriced("SQS"), notes)


def map_topic(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    subscriptions, others = [], []
    for raw in props.get("subscriptions") or []:
        protocol = str(raw.get("protocol"))
        endpoint_item = _item(ctx, raw.get("endpoint"))
        if protocol in ("sqs", "lambda") and endpoint_item:
            subscriptions.append(s.SubscriptionSpec(protocol=protocol, endpoint_item=endpoint_item))
        else:
            others.append(f"{protocol}:{raw.get('endpoint')}")
    spec = s.TopicSpec(**_common(resource, ctx), fifo=bool(props.get("fifo")), subscriptions=subscriptions)
    notes = [f"subscriptions to endpoints outside the plan must be recreated (and confirmed): {', '.join(others)}"] if others else []
    return _result("partial" if others else "mapped", spec, unpriced("SNS"), notes)


# --- security ------------------------------------------------------------------------------------


def _policy_split(props: dict[str, Any]) -> tuple[list[str], list[str]]:
    """AWS-managed policy ARNs (the same in every account) and the names to recreate."""
    arns = [str(arn) for arn in props.get("attached_policy_arns") or []]
    aws_managed = [arn for arn in arns if ":iam::aws:policy/" in arn]
    managed_names = {arn.rsplit("/", 1)[-1] for arn in aws_managed}
    to_recreate = [name for name in props.get("attached_policy_names") or [] if name not in managed_names]
    return aws_managed, to_recreate


def map_role(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    aws_managed, to_recreate = _policy_split(props)
    spec = s.RoleSpec(
        **_common(resource, ctx),
        role_name=str(props.get("role_name") or resource.name),
        path=str(props.get("path") or "/"),
        trusted_services=list(props.get("trusted_services") or []),
        aws_managed_policy_arns=aws_managed,
        policy_names_to_recreate=to_recreate,
        inline_policy_names=list(props.get("inline_policy_names") or []),
    )
    notes = []
    if to_recreate:
        notes.append(f"policies to recreate and attach (customer-managed, or not known to be AWS-managed): {', '.join(to_recreate)}")
    if spec.inline_policy_names:
        notes.append(f"inline policies are not inventoried: recreate {', '.join(spec.inline_policy_names)}")
    if not spec.trusted_services:
        notes.append("trust by accounts or identity providers is not inventoried: the trust policy is empty of principals")
    return _result("partial" if notes else "mapped", spec, None, notes)


def map_secret(resource: Resource, ctx: MappingContext) -> MappedTarget:
    spec = s.SecretSpec(
        **_common(resource, ctx),
        secret_name=resource.name,
        kms_key_item=_one(_linked(resource, ctx, "kms_key_id", "aws.kms.key")),
    )
    notes = ["the value is never inventoried: copy it (`aws secretsmanager get-secret-value` / `put-secret-value`)"]
    if resource.props.get("rotation_enabled"):
        notes.append("rotation was enabled: set up its rotation function again")
    return _result("partial", spec, unpriced("Secrets Manager"), notes)


def map_kms_key(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    spec = s.KmsKeySpec(
        **_common(resource, ctx),
        key_spec=str(props.get("key_spec") or "SYMMETRIC_DEFAULT"),
        key_usage=str(props.get("key_usage") or "ENCRYPT_DECRYPT"),
        aliases=[alias for alias in props.get("aliases") or [] if not str(alias).startswith("alias/aws/")],
    )
    return _result("mapped", spec, unpriced("KMS"), [
        "a new key with new material: data encrypted under the old key must be decrypted and re-encrypted during the copy"
    ])


def map_keypair(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    item_id = ctx.item_id(resource.id) or resource.id
    spec = s.KeyPairSpec(
        **_common(resource, ctx),
        key_name=resource.name,
        key_type=str(props.get("key_type") or "rsa"),
        source_fingerprint=props.get("fingerprint"),
    )
    return _result("partial", spec, None, [
        f"the public key is not inventoried: set config `planner:publicKey-{item_id}` to import it "
        "(without it the key pair is listed as manual and instances launch without a key)"
    ])


MAP_FUNCTIONS: dict[str, Callable[[Resource, MappingContext], MappedTarget]] = {
    "compute.vm": map_vm,
    "compute.template": map_template,
    "compute.group": map_group,
    "compute.keypair": map_keypair,
    "function": map_function,
    "container.cluster": map_container_cluster,
    "container.service": map_service,
    "container.task": map_task,
    "container.registry": map_registry,
    "network.vpc": map_vpc,
    "network.subnet": map_subnet,
    "network.firewall": map_firewall,
    "network.route_table": map_route_table,
    "network.gateway": map_gateway,
    "network.nat": map_nat,
    "network.ip": map_ip,
    "lb": map_lb,
    "lb.listener": map_listener,
    "lb.backend": map_backend,
    "dns.zone": map_zone,
    "dns.record": map_record,
    "cdn": map_cdn,
    "cert": map_cert,
    "db.sql": map_sql,
    "db.sql.cluster": map_sql_cluster,
    "cache": map_cache,
    "db.kv": map_kv,
    "storage.block": map_block,
    "storage.object": map_object,
    "storage.file": map_file,
    "queue": map_queue,
    "topic": map_topic,
    "identity.role": map_role,
    "secret": map_secret,
    "kms.key": map_kms_key,
}

MAPPER = target_mapper("aws", MAP_FUNCTIONS, catalog, naming)
