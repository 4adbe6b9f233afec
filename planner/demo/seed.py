"""Seed the emulator with the demo footprint (planner.demo.footprint), one small function per service.

Every resource created is written to a ledger under the id an inventory gives
it (docs/inventory-props.md), so the demo and its tests can check that the
inventory found everything that was seeded.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, TypeVar

from planner.core.model.inventory import GLOBAL_REGION, Resource
from planner.demo import footprint as fp
from planner.demo.emulator import Emulator

AMI_NAME_PATTERN = "amzn2-ami-hvm-*-x86_64-gp2"
CLOUDFRONT_HOSTED_ZONE_ID = "Z2FDTNDATAQYW2"  # the fixed zone id AWS documents for CloudFront alias targets


@dataclass(frozen=True)
class SeededResource:
    """One resource the seed created, as an inventory should report it."""

    key: str  # source type, e.g. aws.ec2.instance
    id: str  # the id an inventory uses (docs/inventory-props.md)
    region: str  # the AWS region, or "global"
    name: str
    other_ids: tuple[str, ...] = ()  # the ARN or name, where the contract leaves a choice

    @property
    def identifiers(self) -> frozenset[str]:
        return frozenset((self.id, *self.other_ids))


@dataclass(frozen=True)
class SeedSummary:
    """What the seed created, and the facts the demo's checks need (secrets, the media bucket)."""

    resources: tuple[SeededResource, ...]
    regions: tuple[str, ...]
    account_id: str
    planted_secrets: tuple[str, ...]
    media_bucket: str
    media_bucket_bytes: int

    @property
    def total(self) -> int:
        return len(self.resources)

    def counts_by_type(self) -> dict[str, int]:
        return dict(sorted(Counter(resource.key for resource in self.resources).items()))

    def counts_by_region(self) -> dict[str, int]:
        return dict(sorted(Counter(resource.region for resource in self.resources).items()))

    def not_found_in(self, resources: Iterable[Resource]) -> list[SeededResource]:
        """The seeded resources an inventory lacks: same type, same region, and its id or ARN among ours."""
        found = {(resource.key, resource.region, identifier)
                 for resource in resources for identifier in (resource.id, resource.arn) if identifier}
        return [seeded for seeded in self.resources
                if not any((seeded.key, seeded.region, identifier) in found for identifier in seeded.identifiers)]

    def counts_by_type_and_region(self) -> dict[str, dict[str, int]]:
        table: dict[str, Counter[str]] = {}
        for resource in self.resources:
            table.setdefault(resource.key, Counter())[resource.region] += 1
        return {key: dict(sorted(counter.items())) for key, counter in sorted(table.items())}


@dataclass
class SeedState:
    """What the seeding steps share: clients, the ledger, and ids by (region, kind, name)."""

    emulator: Emulator
    ledger: list[SeededResource] = field(default_factory=list)
    ids: dict[tuple[str, str, str], Any] = field(default_factory=dict)

    def client(self, service: str, region: str) -> Any:
        return self.emulator.client(service, region)

    def record(self, key: str, resource_id: str, region: str, name: str, *other_ids: str) -> None:
        self.ledger.append(SeededResource(key, resource_id, region, name, tuple(other_ids)))

    def remember(self, region: str, kind: str, name: str, value: Any) -> None:
        self.ids[(region, kind, name)] = value

    def lookup(self, region: str, kind: str, name: str) -> Any:
        return self.ids[(region, kind, name)]

    def subnet(self, region: str, network: str, name: str) -> str:
        """The id of the subnet `name` of the network named `network`."""
        return str(self.lookup(region, "subnet", in_network(network, name)))

    def security_group(self, region: str, network: str, name: str) -> str:
        """The id of the security group `name` of the network named `network`."""
        return str(self.lookup(region, "sg", in_network(network, name)))


def in_network(network: str, name: str) -> str:
    """How subnets and security groups are remembered: by network and their own name."""
    return f"{network}/{name}"


def _tags(name: str, **extra: str) -> list[dict[str, str]]:
    tags = {"Name": name, "app": "soapbox", "env": "prod", **extra}
    return [{"Key": key, "Value": value} for key, value in tags.items()]


def _tag_map(name: str) -> dict[str, str]:
    return {tag["Key"]: tag["Value"] for tag in _tags(name)}


# --- identity and keys ---------------------------------------------------------------------


def seed_kms_keys(state: SeedState) -> None:
    for region, alias in fp.KMS_KEYS:
        kms = state.client("kms", region)
        key = kms.create_key(Description=f"soapbox data key ({region})", Tags=[
            {"TagKey": "app", "TagValue": "soapbox"}])["KeyMetadata"]
        kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
        state.remember(region, "kms", alias, key["Arn"])
        state.record("aws.kms.key", key["Arn"], region, alias.removeprefix("alias/"), key["KeyId"])


def seed_roles(state: SeedState) -> None:
    iam = state.client("iam", fp.MAIN_REGION)
    for policy in fp.POLICIES:
        document = {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": list(policy.actions), "Resource": list(policy.resources)}]}
        created = iam.create_policy(PolicyName=policy.name, PolicyDocument=json.dumps(document))["Policy"]
        state.remember(GLOBAL_REGION, "policy", policy.name, created["Arn"])
    for spec in fp.ROLES:
        trust = {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"Service": spec.trusted_service}, "Action": "sts:AssumeRole"}]}
        role = iam.create_role(RoleName=spec.name, AssumeRolePolicyDocument=json.dumps(trust), Tags=_tags(spec.name))["Role"]
        for policy in spec.policies:
            iam.attach_role_policy(RoleName=spec.name, PolicyArn=state.lookup(GLOBAL_REGION, "policy", policy))
        if spec.instance_profile:
            profile = iam.create_instance_profile(InstanceProfileName=spec.name)["InstanceProfile"]
            iam.add_role_to_instance_profile(InstanceProfileName=spec.name, RoleName=spec.name)
            state.remember(GLOBAL_REGION, "instance_profile", spec.name, profile["Arn"])
        state.remember(GLOBAL_REGION, "role", spec.name, role["Arn"])
        state.record("aws.iam.role", role["Arn"], GLOBAL_REGION, spec.name, spec.name)


def seed_secrets(state: SeedState) -> None:
    for spec in fp.SECRETS:
        kms_args = {"KmsKeyId": state.lookup(spec.region, "kms", spec.kms_alias)} if spec.kms_alias else {}
        secret = state.client("secretsmanager", spec.region).create_secret(
            Name=spec.name, SecretString=spec.value, Tags=_tags(spec.name), **kms_args)
        state.record("aws.secretsmanager.secret", secret["ARN"], spec.region, spec.name)


# --- network -------------------------------------------------------------------------------


def _seed_network(state: SeedState, network: fp.NetworkSpec) -> None:
    region = network.region
    ec2 = state.client("ec2", region)
    vpc_id = ec2.create_vpc(CidrBlock=network.cidr, TagSpecifications=[
        {"ResourceType": "vpc", "Tags": _tags(network.name)}])["Vpc"]["VpcId"]
    state.record("aws.ec2.vpc", vpc_id, region, network.name)
    state.remember(region, "vpc", network.name, vpc_id)

    for subnet in network.subnets:
        name = f"{network.name}-{subnet.name}"
        subnet_id = ec2.create_subnet(
            VpcId=vpc_id, CidrBlock=subnet.cidr, AvailabilityZone=f"{region}{subnet.zone_suffix}",
            TagSpecifications=[{"ResourceType": "subnet", "Tags": _tags(name)}])["Subnet"]["SubnetId"]
        if subnet.public:
            ec2.modify_subnet_attribute(SubnetId=subnet_id, MapPublicIpOnLaunch={"Value": True})
        state.record("aws.ec2.subnet", subnet_id, region, name)
        state.remember(region, "subnet", in_network(network.name, subnet.name), subnet_id)

    gateway_id = ec2.create_internet_gateway(TagSpecifications=[
        {"ResourceType": "internet-gateway", "Tags": _tags(f"{network.name}-igw")}])["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=gateway_id, VpcId=vpc_id)
    state.record("aws.ec2.internet_gateway", gateway_id, region, f"{network.name}-igw")

    public_ids = [state.subnet(region, network.name, s.name) for s in network.subnets if s.public]
    private_ids = [state.subnet(region, network.name, s.name) for s in network.subnets if not s.public]
    _seed_route_table(state, ec2, network, "public", vpc_id, public_ids, {"GatewayId": gateway_id})
    if network.nat_gateway:
        nat_id = _seed_nat_gateway(state, ec2, network, public_ids[0])
        _seed_route_table(state, ec2, network, "private", vpc_id, private_ids, {"NatGatewayId": nat_id})
    _seed_security_groups(state, ec2, network, vpc_id)


def _seed_route_table(state: SeedState, ec2: Any, network: fp.NetworkSpec, tier: str, vpc_id: str,
                      subnet_ids: list[str], default_route: dict[str, str]) -> None:
    name = f"{network.name}-{tier}"
    table_id = ec2.create_route_table(VpcId=vpc_id, TagSpecifications=[
        {"ResourceType": "route-table", "Tags": _tags(name)}])["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=table_id, DestinationCidrBlock="0.0.0.0/0", **default_route)
    for subnet_id in subnet_ids:
        ec2.associate_route_table(RouteTableId=table_id, SubnetId=subnet_id)
    state.record("aws.ec2.route_table", table_id, network.region, name)


def _seed_nat_gateway(state: SeedState, ec2: Any, network: fp.NetworkSpec, subnet_id: str) -> str:
    name = f"{network.name}-nat"
    allocation_id = ec2.allocate_address(Domain="vpc", TagSpecifications=[
        {"ResourceType": "elastic-ip", "Tags": _tags(name)}])["AllocationId"]
    state.record("aws.ec2.elastic_ip", allocation_id, network.region, name)
    nat_id = ec2.create_nat_gateway(SubnetId=subnet_id, AllocationId=allocation_id, TagSpecifications=[
        {"ResourceType": "natgateway", "Tags": _tags(name)}])["NatGateway"]["NatGatewayId"]
    state.record("aws.ec2.nat_gateway", nat_id, network.region, name)
    return nat_id


def _seed_security_groups(state: SeedState, ec2: Any, network: fp.NetworkSpec, vpc_id: str) -> None:
    region = network.region
    for group in network.security_groups:  # all groups first: rules may name each other
        name = f"{network.name}-{group.name}"
        group_id = ec2.create_security_group(GroupName=name, Description=group.description, VpcId=vpc_id,
                                             TagSpecifications=[{"ResourceType": "security-group", "Tags": _tags(name)}])["GroupId"]
        state.remember(region, "sg", in_network(network.name, group.name), group_id)
        state.record("aws.ec2.security_group", group_id, region, name)
    for group in network.security_groups:
        if group.ingress:
            ec2.authorize_security_group_ingress(
                GroupId=state.security_group(region, network.name, group.name),
                IpPermissions=[_ip_permission(state, network, rule) for rule in group.ingress])


def _ip_permission(state: SeedState, network: fp.NetworkSpec, rule: fp.IngressRule) -> dict[str, Any]:
    permission: dict[str, Any] = {"IpProtocol": "tcp", "FromPort": rule.port, "ToPort": rule.port}
    if "/" in rule.source:
        permission["IpRanges"] = [{"CidrIp": rule.source}]
    else:
        permission["UserIdGroupPairs"] = [{"GroupId": state.security_group(network.region, network.name, rule.source)}]
    return permission


def seed_key_pairs(state: SeedState) -> None:
    for region, name in fp.KEY_PAIRS:
        key = state.client("ec2", region).create_key_pair(KeyName=name, TagSpecifications=[
            {"ResourceType": "key-pair", "Tags": _tags(name)}])
        state.remember(region, "key_pair", name, name)
        state.record("aws.ec2.key_pair", key["KeyPairId"], region, name, name)


# --- edge: certificates, load balancers, CDN, DNS ------------------------------------------


def seed_certificates(state: SeedState) -> None:
    for region, domain, alternative_names in fp.CERTIFICATES:
        arn = state.client("acm", region).request_certificate(
            DomainName=domain, SubjectAlternativeNames=[domain, *alternative_names], ValidationMethod="DNS",
            Tags=_tags(domain))["CertificateArn"]
        state.remember(region, "cert", domain, arn)
        state.record("aws.acm.certificate", arn, region, domain)


def _seed_load_balancer(state: SeedState, spec: fp.LoadBalancerSpec) -> None:
    region = spec.region
    elbv2 = state.client("elbv2", region)
    vpc_id = state.lookup(region, "vpc", spec.network)
    balancer = elbv2.create_load_balancer(
        Name=spec.name, Type="application", Scheme="internet-facing",
        Subnets=[state.subnet(region, spec.network, name) for name in spec.subnet_names],
        SecurityGroups=[state.security_group(region, spec.network, spec.security_group)],
        Tags=_tags(spec.name))["LoadBalancers"][0]
    state.remember(region, "lb", spec.name, balancer)
    state.record("aws.elbv2.load_balancer", balancer["LoadBalancerArn"], region, spec.name)

    for group in spec.target_groups:
        name = f"{spec.name}-{group.name}"
        group_arn = elbv2.create_target_group(
            Name=name, Protocol="HTTP", Port=group.port, VpcId=vpc_id, TargetType="instance",
            HealthCheckPath=group.health_check_path, Tags=_tags(name))["TargetGroups"][0]["TargetGroupArn"]
        state.remember(region, "tg", f"{spec.name}/{group.name}", group_arn)
        state.record("aws.elbv2.target_group", group_arn, region, name)

    for listener in spec.listeners:
        certificates = ([{"CertificateArn": state.lookup(region, "cert", listener.certificate_domain)}]
                        if listener.certificate_domain else [])
        listener_arn = elbv2.create_listener(
            LoadBalancerArn=balancer["LoadBalancerArn"], Protocol=listener.protocol, Port=listener.port,
            Certificates=certificates,
            DefaultActions=[{"Type": "forward",
                             "TargetGroupArn": state.lookup(region, "tg", f"{spec.name}/{listener.target_group}")}],
        )["Listeners"][0]["ListenerArn"]
        state.record("aws.elbv2.listener", listener_arn, region, f"{spec.name}:{listener.port}")


def seed_distributions(state: SeedState) -> None:
    cloudfront = state.client("cloudfront", fp.MAIN_REGION)
    for spec in fp.DISTRIBUTIONS:
        origin_id = f"s3-{spec.origin_bucket}"
        config = {
            "CallerReference": spec.name,
            "Comment": spec.name,
            "Enabled": True,
            "PriceClass": spec.price_class,
            "Aliases": {"Quantity": len(spec.aliases), "Items": list(spec.aliases)},
            "Origins": {"Quantity": 1, "Items": [{
                "Id": origin_id, "DomainName": f"{spec.origin_bucket}.s3.amazonaws.com",
                "S3OriginConfig": {"OriginAccessIdentity": ""}}]},
            "DefaultCacheBehavior": {
                "TargetOriginId": origin_id, "ViewerProtocolPolicy": "redirect-to-https",
                "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6",  # AWS managed policy "CachingOptimized"
            },
            "ViewerCertificate": {
                "ACMCertificateArn": state.lookup(fp.MAIN_REGION, "cert", spec.certificate_domain),
                "SSLSupportMethod": "sni-only", "MinimumProtocolVersion": "TLSv1.2_2021"},
        }
        distribution = cloudfront.create_distribution_with_tags(DistributionConfigWithTags={
            "DistributionConfig": config, "Tags": {"Items": _tags(spec.name)}})["Distribution"]
        state.remember(GLOBAL_REGION, "cdn", spec.name, distribution["DomainName"])
        state.record("aws.cloudfront.distribution", distribution["Id"], GLOBAL_REGION, spec.name, distribution["ARN"])


def seed_dns(state: SeedState) -> None:
    route53 = state.client("route53", fp.MAIN_REGION)
    zone = route53.create_hosted_zone(Name=fp.DOMAIN, CallerReference="soapbox-public-zone")["HostedZone"]
    zone_id = zone["Id"].removeprefix("/hostedzone/")
    state.record("aws.route53.zone", zone_id, GLOBAL_REGION, fp.DOMAIN)
    changes = [{"Action": "CREATE", "ResourceRecordSet": _record_set(state, record)} for record in fp.RECORDS]
    route53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={"Changes": changes})
    for record in fp.RECORDS:
        name = record.name.rstrip(".")
        state.record("aws.route53.record_set", f"{zone_id}/{name}./{record.type}", GLOBAL_REGION,
                     f"{name} {record.type}", f"{zone_id}/{name}/{record.type}")


def _record_set(state: SeedState, record: fp.RecordSpec) -> dict[str, Any]:
    record_set: dict[str, Any] = {"Name": record.name, "Type": record.type}
    if record.alias is None:
        record_set["TTL"] = record.ttl
        record_set["ResourceRecords"] = [{"Value": value} for value in record.values]
        return record_set
    target_kind, target_name = record.alias.split(":", 1)
    if target_kind == "lb":
        region = next(spec.region for spec in fp.LOAD_BALANCERS if spec.name == target_name)
        balancer = state.lookup(region, "lb", target_name)
        record_set["AliasTarget"] = {"HostedZoneId": balancer["CanonicalHostedZoneId"],
                                     "DNSName": balancer["DNSName"], "EvaluateTargetHealth": True}
    else:
        record_set["AliasTarget"] = {"HostedZoneId": CLOUDFRONT_HOSTED_ZONE_ID,
                                     "DNSName": state.lookup(GLOBAL_REGION, "cdn", target_name),
                                     "EvaluateTargetHealth": False}
    return record_set


# --- compute -------------------------------------------------------------------------------


def _network_of(region: str) -> str:
    return next(network.name for network in fp.NETWORKS if network.region == region)


def _linux_image(state: SeedState, region: str) -> str:
    images = state.client("ec2", region).describe_images(
        Owners=["amazon"], Filters=[{"Name": "name", "Values": [AMI_NAME_PATTERN]}])["Images"]
    return max(images, key=lambda image: image["Name"])["ImageId"]


def _seed_fleet(state: SeedState, fleet: fp.FleetSpec) -> None:
    region = fleet.region
    network = _network_of(region)
    ec2 = state.client("ec2", region)
    name = f"soapbox-{fleet.name}"
    key_names = [key for key_region, key in fp.KEY_PAIRS if key_region == region]
    template_data: dict[str, Any] = {
        "ImageId": _linux_image(state, region),
        "InstanceType": fleet.instance_type,
        "SecurityGroupIds": [state.security_group(region, network, fleet.security_group)],
        "IamInstanceProfile": {"Arn": state.lookup(GLOBAL_REGION, "instance_profile", fleet.role)},
        "UserData": _base64(fleet.user_data),
        "TagSpecifications": [{"ResourceType": "instance", "Tags": _tags(name, fleet=fleet.name)}],
        **({"KeyName": key_names[0]} if key_names else {}),
    }
    template_id = ec2.create_launch_template(
        LaunchTemplateName=name, LaunchTemplateData=template_data,
        TagSpecifications=[{"ResourceType": "launch-template", "Tags": _tags(name)}],
    )["LaunchTemplate"]["LaunchTemplateId"]
    state.record("aws.ec2.launch_template", template_id, region, name)

    autoscaling = state.client("autoscaling", region)
    target_groups = [state.lookup(region, "tg", fleet.target_group)] if fleet.target_group else []
    autoscaling.create_auto_scaling_group(
        AutoScalingGroupName=name, LaunchTemplate={"LaunchTemplateId": template_id, "Version": "$Latest"},
        MinSize=fleet.desired, MaxSize=fleet.max_size, DesiredCapacity=fleet.desired,
        VPCZoneIdentifier=",".join(state.subnet(region, network, subnet) for subnet in fleet.subnet_names),
        TargetGroupARNs=target_groups, Tags=[{**tag, "PropagateAtLaunch": True} for tag in _tags(name)],
    )
    group = autoscaling.describe_auto_scaling_groups(AutoScalingGroupNames=[name])["AutoScalingGroups"][0]
    state.record("aws.autoscaling.group", group["AutoScalingGroupARN"], region, name, name)
    _record_fleet_instances(state, region, name, [instance["InstanceId"] for instance in group["Instances"]])


def _record_fleet_instances(state: SeedState, region: str, fleet_name: str, instance_ids: list[str]) -> None:
    reservations = state.client("ec2", region).describe_instances(InstanceIds=instance_ids)["Reservations"]
    for instance in (instance for reservation in reservations for instance in reservation["Instances"]):
        state.record("aws.ec2.instance", instance["InstanceId"], region, fleet_name)
        for mapping in instance.get("BlockDeviceMappings", []):
            state.record("aws.ec2.volume", mapping["Ebs"]["VolumeId"], region, mapping["Ebs"]["VolumeId"])


def _base64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def seed_functions(state: SeedState) -> None:
    role_arn = state.lookup(GLOBAL_REGION, "role", "soapbox-lambda")
    for spec in fp.FUNCTIONS:
        function = state.client("lambda", spec.region).create_function(
            FunctionName=spec.name, Runtime=spec.runtime, Role=role_arn, Handler=spec.handler,
            Code={"ZipFile": _function_package(spec)}, MemorySize=spec.memory_mb, Timeout=spec.timeout_s,
            Environment={"Variables": spec.environment}, Tags=_tag_map(spec.name))
        state.record("aws.lambda.function", function["FunctionArn"], spec.region, spec.name)


def _function_package(spec: fp.FunctionSpec) -> bytes:
    module, function = spec.handler.split(".", 1)
    is_node = spec.runtime.startswith("nodejs")
    source = (f"exports.{function} = async (event) => ({{ ok: true }});\n" if is_node
              else f"def {function}(event, context):\n    return {{'ok': True}}\n")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{module}.{'js' if is_node else 'py'}", source)
    return buffer.getvalue()


def seed_repositories(state: SeedState) -> None:
    for region, name, tags in fp.ECR_REPOSITORIES:
        ecr = state.client("ecr", region)
        repository = ecr.create_repository(repositoryName=name, tags=_tags(name))["repository"]
        for tag in tags:
            ecr.put_image(repositoryName=name, imageTag=tag, imageManifest=_image_manifest(name, tag))
        state.remember(region, "ecr", name, repository["repositoryUri"])
        state.record("aws.ecr.repository", repository["repositoryArn"], region, name, name)


def _image_manifest(repository: str, tag: str) -> str:
    def digest(part: str) -> str:
        return "sha256:" + hashlib.sha256(f"{repository}:{tag}:{part}".encode()).hexdigest()

    return json.dumps({
        "schemaVersion": 2,
        "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 7023, "digest": digest("config")},
        "layers": [
            {"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": 31_457_280, "digest": digest("base")},
            {"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": 52_428_800, "digest": digest("app")},
        ],
    })


def _seed_ecs_cluster(state: SeedState, cluster: fp.EcsClusterSpec) -> None:
    region = cluster.region
    network = _network_of(region)
    ecs = state.client("ecs", region)
    cluster_arn = ecs.create_cluster(clusterName=cluster.name, tags=_lower_tags(cluster.name))["cluster"]["clusterArn"]
    state.record("aws.ecs.cluster", cluster_arn, region, cluster.name, cluster.name)
    role_arn = state.lookup(GLOBAL_REGION, "role", "soapbox-ecs-task")
    for service in cluster.services:
        task_definition = ecs.register_task_definition(
            family=f"soapbox-{service.name}", taskRoleArn=role_arn, executionRoleArn=role_arn,
            networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu=str(service.cpu), memory=str(service.memory_mib),
            containerDefinitions=[{
                "name": service.name, "image": f"{state.lookup(region, 'ecr', service.image_repository)}:latest",
                "cpu": service.cpu, "memory": service.memory_mib, "essential": True,
                "portMappings": [{"containerPort": service.port, "protocol": "tcp"}],
                "environment": [{"name": "DATABASE_URL", "value": fp.DATABASE_URL}],
            }],
        )["taskDefinition"]
        state.record("aws.ecs.task_definition", task_definition["taskDefinitionArn"], region,
                     f"soapbox-{service.name}:{task_definition['revision']}")
        created = ecs.create_service(
            cluster=cluster.name, serviceName=service.name, taskDefinition=task_definition["taskDefinitionArn"],
            desiredCount=service.desired, launchType="FARGATE",
            networkConfiguration={"awsvpcConfiguration": {
                "subnets": [state.subnet(region, network, "private-a")],
                "securityGroups": [state.security_group(region, network, "worker")]}},
        )["service"]
        state.record("aws.ecs.service", created["serviceArn"], region, service.name)


def _lower_tags(name: str) -> list[dict[str, str]]:
    return [{"key": tag["Key"], "value": tag["Value"]} for tag in _tags(name)]


def seed_eks(state: SeedState) -> None:
    for spec in fp.EKS_CLUSTERS:
        region = spec.region
        network = _network_of(region)
        eks = state.client("eks", region)
        subnets = [state.subnet(region, network, name) for name in spec.subnet_names]
        cluster = eks.create_cluster(
            name=spec.name, version=spec.version, roleArn=state.lookup(GLOBAL_REGION, "role", "soapbox-eks"),
            resourcesVpcConfig={"subnetIds": subnets}, tags=_tag_map(spec.name))["cluster"]
        eks.create_nodegroup(
            clusterName=spec.name, nodegroupName=f"{spec.name}-nodes", subnets=subnets,
            nodeRole=state.lookup(GLOBAL_REGION, "role", "soapbox-eks-node"),
            instanceTypes=[spec.nodegroup_instance_type],
            scalingConfig={"minSize": spec.nodegroup_size, "maxSize": spec.nodegroup_size * 2,
                           "desiredSize": spec.nodegroup_size})
        state.record("aws.eks.cluster", cluster["arn"], region, spec.name, spec.name)


# --- data ----------------------------------------------------------------------------------


def _db_subnet_group(state: SeedState, region: str) -> str:
    network = next(network for network in fp.NETWORKS if network.region == region)
    name = f"{network.name}-db"
    if (region, "db_subnets", name) not in state.ids:
        state.client("rds", region).create_db_subnet_group(
            DBSubnetGroupName=name, DBSubnetGroupDescription=f"{network.name} databases",
            SubnetIds=[state.subnet(region, network.name, subnet.name) for subnet in network.subnets])
        state.remember(region, "db_subnets", name, name)
    return name


def _db_security_group(state: SeedState, region: str) -> str:
    return state.security_group(region, _network_of(region), "postgres")


def _seed_database(state: SeedState, spec: fp.DatabaseSpec) -> None:
    rds = state.client("rds", spec.region)
    primary = rds.create_db_instance(
        DBInstanceIdentifier=spec.name, Engine=spec.engine, EngineVersion=spec.engine_version,
        DBInstanceClass=spec.instance_class, AllocatedStorage=spec.storage_gib, StorageType="io1", Iops=spec.iops,
        MultiAZ=spec.multi_az, MasterUsername="soapbox", MasterUserPassword=fp.PLANTED_SECRETS["db_master_password"],
        DBSubnetGroupName=_db_subnet_group(state, spec.region),
        VpcSecurityGroupIds=[_db_security_group(state, spec.region)], BackupRetentionPeriod=7,
        StorageEncrypted=True, KmsKeyId=state.lookup(spec.region, "kms", fp.KMS_KEYS[0][1]),
        Tags=_tags(spec.name))["DBInstance"]
    state.record("aws.rds.instance", primary["DBInstanceArn"], spec.region, spec.name, spec.name)
    for replica in spec.replicas:
        # A replica in another region names its source by ARN, as AWS requires.
        same_region = replica.region == spec.region
        source = spec.name if same_region else primary["DBInstanceArn"]
        # moto 5.2 resolves a cross-region replica's subnet group in the source region; there it keeps the default.
        placement = {"DBSubnetGroupName": _db_subnet_group(state, replica.region)} if same_region else {}
        created = state.client("rds", replica.region).create_db_instance_read_replica(
            DBInstanceIdentifier=replica.name, SourceDBInstanceIdentifier=source,
            DBInstanceClass=replica.instance_class, VpcSecurityGroupIds=[_db_security_group(state, replica.region)],
            Tags=_tags(replica.name), **placement)["DBInstance"]
        state.record("aws.rds.instance", created["DBInstanceArn"], replica.region, replica.name, replica.name)


def _seed_cache(state: SeedState, spec: fp.CacheSpec) -> None:
    region = spec.region
    network = next(network for network in fp.NETWORKS if network.region == region)
    elasticache = state.client("elasticache", region)
    subnet_group = f"{network.name}-cache"
    elasticache.create_cache_subnet_group(
        CacheSubnetGroupName=subnet_group, CacheSubnetGroupDescription=f"{network.name} caches",
        SubnetIds=[state.subnet(region, network.name, subnet.name) for subnet in network.subnets])
    security_group = state.security_group(region, network.name, "redis" if spec.nodes > 1 else "web")
    if spec.nodes > 1:
        group = elasticache.create_replication_group(
            ReplicationGroupId=spec.name, ReplicationGroupDescription="Sessions and timelines",
            Engine="redis", EngineVersion=spec.engine_version, CacheNodeType=spec.node_type,
            NumCacheClusters=spec.nodes, AutomaticFailoverEnabled=True, MultiAZEnabled=True,
            CacheSubnetGroupName=subnet_group, SecurityGroupIds=[security_group], Tags=_tags(spec.name),
        )["ReplicationGroup"]
        state.record("aws.elasticache.replication_group", group["ARN"], region, spec.name, spec.name)
        return
    cluster = elasticache.create_cache_cluster(
        CacheClusterId=spec.name, Engine="redis", EngineVersion=spec.engine_version, CacheNodeType=spec.node_type,
        NumCacheNodes=1, CacheSubnetGroupName=subnet_group, SecurityGroupIds=[security_group], Tags=_tags(spec.name),
    )["CacheCluster"]
    state.record("aws.elasticache.cluster", cluster["ARN"], region, spec.name, spec.name)


def seed_tables(state: SeedState) -> None:
    for spec in fp.TABLES:
        dynamodb = state.client("dynamodb", spec.region)
        keys = [(spec.hash_key, "HASH"), *([(spec.range_key, "RANGE")] if spec.range_key else [])]
        capacity = ({"BillingMode": "PAY_PER_REQUEST"} if spec.on_demand else
                    {"BillingMode": "PROVISIONED", "ProvisionedThroughput": {"ReadCapacityUnits": 400, "WriteCapacityUnits": 200}})
        table = dynamodb.create_table(
            TableName=spec.name, KeySchema=[{"AttributeName": name, "KeyType": role} for name, role in keys],
            AttributeDefinitions=[{"AttributeName": name, "AttributeType": "S"} for name, _ in keys],
            Tags=_tags(spec.name), **capacity)["TableDescription"]
        for index in range(spec.sample_items):
            item = {name: {"S": f"{name}-{index:04d}"} for name, _ in keys}
            dynamodb.put_item(TableName=spec.name, Item={**item, "payload": {"S": "x" * 200}})
        state.record("aws.dynamodb.table", table["TableArn"], spec.region, spec.name, spec.name)


def _seed_bucket(state: SeedState, spec: fp.BucketSpec) -> None:
    s3 = state.client("s3", spec.region)
    location = {} if spec.region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": spec.region}}
    s3.create_bucket(Bucket=spec.name, **location)
    s3.put_bucket_tagging(Bucket=spec.name, Tagging={"TagSet": _tags(spec.name)})
    if spec.versioning:
        s3.put_bucket_versioning(Bucket=spec.name, VersioningConfiguration={"Status": "Enabled"})
    if spec.website:
        s3.put_bucket_website(Bucket=spec.name, WebsiteConfiguration={"IndexDocument": {"Suffix": "index.html"}})
    stored_bytes = 0
    for key in spec.sample_objects:
        body = sample_object_body(key)
        s3.put_object(Bucket=spec.name, Key=key, Body=body)
        stored_bytes += len(body)
    if spec.reported_bytes is not None:
        _report_bucket_storage(state, spec, spec.reported_bytes, spec.reported_objects or 0)
    else:
        _report_bucket_storage(state, spec, stored_bytes, len(spec.sample_objects))
    state.record("aws.s3.bucket", f"arn:aws:s3:::{spec.name}", spec.region, spec.name, spec.name)


def sample_object_body(key: str) -> bytes:
    """A few kilobytes that differ per key, so that sizes add up to something checkable."""
    return f"sample object {key}\n".encode() * (64 + len(key) * 8)


def _report_bucket_storage(state: SeedState, spec: fp.BucketSpec, size_bytes: int, object_count: int) -> None:
    """Publish the daily S3 storage metrics the way AWS does: one datapoint a day, at midnight UTC.

    BucketSizeBytes is per storage class (StandardStorage here); NumberOfObjects
    uses the AllStorageTypes dimension. Yesterday's figures are 0.3% lower.
    moto publishes its own datapoint per bucket at today's midnight (sized by
    Python object size, not bytes) and matches dimensions in order: ours use its
    order (StorageType first), so a Maximum over the day sees both and ours wins.
    """
    midnight = datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    days = ((midnight - timedelta(days=1), 0.997), (midnight, 1.0))
    metrics = []
    for timestamp, share in days:
        metrics.append({"MetricName": "BucketSizeBytes", "Timestamp": timestamp, "Unit": "Bytes",
                        "Value": float(round(size_bytes * share)),
                        "Dimensions": [{"Name": "StorageType", "Value": "StandardStorage"},
                                       {"Name": "BucketName", "Value": spec.name}]})
        metrics.append({"MetricName": "NumberOfObjects", "Timestamp": timestamp, "Unit": "Count",
                        "Value": float(round(object_count * share)),
                        "Dimensions": [{"Name": "StorageType", "Value": "AllStorageTypes"},
                                       {"Name": "BucketName", "Value": spec.name}]})
    state.client("cloudwatch", spec.region).put_metric_data(Namespace="AWS/S3", MetricData=metrics)


def seed_file_systems(state: SeedState) -> None:
    for spec in fp.FILE_SYSTEMS:
        region = spec.region
        network = _network_of(region)
        efs = state.client("efs", region)
        file_system = efs.create_file_system(
            CreationToken=spec.name, PerformanceMode="generalPurpose", ThroughputMode="elastic",
            Encrypted=True, Tags=_tags(spec.name))
        for subnet in spec.subnet_names:
            efs.create_mount_target(
                FileSystemId=file_system["FileSystemId"], SubnetId=state.subnet(region, network, subnet),
                SecurityGroups=[state.security_group(region, network, spec.security_group)])
        state.record("aws.efs.file_system", file_system["FileSystemId"], region, spec.name,
                     *([file_system["FileSystemArn"]] if file_system.get("FileSystemArn") else []))


# --- messaging -----------------------------------------------------------------------------


def seed_queues(state: SeedState) -> None:
    for spec in fp.QUEUES:  # dead-letter queues come first in the table
        sqs = state.client("sqs", spec.region)
        attributes = {"VisibilityTimeout": str(spec.visibility_timeout_s), "MessageRetentionPeriod": str(spec.retention_s)}
        if spec.fifo:
            attributes["FifoQueue"] = "true"
        if spec.dead_letter_queue:
            attributes["RedrivePolicy"] = json.dumps({
                "deadLetterTargetArn": state.lookup(spec.region, "queue", spec.dead_letter_queue), "maxReceiveCount": 5})
        url = sqs.create_queue(QueueName=spec.name, Attributes=attributes, tags=_tag_map(spec.name))["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        state.remember(spec.region, "queue", spec.name, arn)
        state.record("aws.sqs.queue", arn, spec.region, spec.name, url)


def seed_topics(state: SeedState) -> None:
    for spec in fp.TOPICS:
        sns = state.client("sns", spec.region)
        topic_arn = sns.create_topic(Name=spec.name, Tags=_tags(spec.name))["TopicArn"]
        for queue in spec.queue_subscriptions:
            sns.subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=state.lookup(spec.region, "queue", queue))
        state.record("aws.sns.topic", topic_arn, spec.region, spec.name)


# --- the whole footprint -------------------------------------------------------------------

SeedStep = Callable[[SeedState], None]
SpecT = TypeVar("SpecT")


def for_each(specs: Sequence[SpecT], seed_one: Callable[[SeedState, SpecT], None]) -> SeedStep:
    """A step that seeds every entry of a footprint table with `seed_one`."""

    def step(state: SeedState) -> None:
        for spec in specs:
            seed_one(state, spec)

    return step


# In dependency order: keys and roles, then the network, then what lives in it, DNS last.
SEED_STEPS: tuple[tuple[str, SeedStep], ...] = (
    ("kms", seed_kms_keys),
    ("iam", seed_roles),
    ("network", for_each(fp.NETWORKS, _seed_network)),
    ("key pairs", seed_key_pairs),
    ("acm", seed_certificates),
    ("s3", for_each(fp.BUCKETS, _seed_bucket)),
    ("elbv2", for_each(fp.LOAD_BALANCERS, _seed_load_balancer)),
    ("fleets", for_each(fp.FLEETS, _seed_fleet)),
    ("rds", for_each(fp.DATABASES, _seed_database)),
    ("elasticache", for_each(fp.CACHES, _seed_cache)),
    ("dynamodb", seed_tables),
    ("sqs", seed_queues),
    ("sns", seed_topics),
    ("lambda", seed_functions),
    ("efs", seed_file_systems),
    ("ecr", seed_repositories),
    ("ecs", for_each(fp.ECS_CLUSTERS, _seed_ecs_cluster)),
    ("eks", seed_eks),
    ("secretsmanager", seed_secrets),
    ("cloudfront", seed_distributions),
    ("route53", seed_dns),
)


def seed_footprint(emulator: Emulator, *, on_step: Callable[[str], None] | None = None) -> SeedSummary:
    """Create the whole demo footprint in the emulator and say what was created.

    `on_step` hears the name of each step before it runs (for a progress display).
    """
    state = SeedState(emulator)
    for name, step in SEED_STEPS:
        if on_step:
            on_step(name)
        step(state)
    media = fp.BUCKETS[0]
    return SeedSummary(
        resources=tuple(state.ledger),
        regions=fp.REGIONS,
        account_id=emulator.account_id,
        planted_secrets=tuple(fp.PLANTED_SECRETS.values()),
        media_bucket=media.name,
        media_bucket_bytes=media.reported_bytes or 0,
    )
