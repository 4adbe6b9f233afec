"""Compute: EC2 instances, launch templates, Auto Scaling groups, Lambda, ECS, EKS.

Built after the network, security, storage, data and edge groups; at the end it
attaches the instances to what refers to them from earlier groups (target
groups, classic load balancers, Elastic IPs).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws import specs as s
from stacks.aws.base import AwsBuilder, AwsGroup, AwsGroupArgs
from stacks.aws.security import PLANNER_CONFIG, trust_policy
from stacks.common.registry import BUILDABLE_STATUSES

AWS_POLICY = "arn:aws:iam::aws:policy/"
LAMBDA_BASIC_POLICY = AWS_POLICY + "service-role/AWSLambdaBasicExecutionRole"
LAMBDA_VPC_POLICY = AWS_POLICY + "service-role/AWSLambdaVPCAccessExecutionRole"
EKS_CLUSTER_POLICIES = (AWS_POLICY + "AmazonEKSClusterPolicy",)
EKS_NODE_POLICIES = (
    AWS_POLICY + "AmazonEKSWorkerNodePolicy",
    AWS_POLICY + "AmazonEKS_CNI_Policy",
    AWS_POLICY + "AmazonEC2ContainerRegistryReadOnly",
)
PLACEHOLDER_CODE = (
    "Placeholder deployed by planner: the source function's code was not copied.\n"
    "Upload the real package (aws lambda update-function-code) before sending traffic.\n"
)


@dataclass
class ComputeArgs(AwsGroupArgs):
    """Items of the `compute` group."""


def image_id(item: PlanItem, image: s.ImageChoice) -> str:
    """The operator's AMI (config `planner:ami-<item id>`, or the spec), else the SSM public parameter."""
    configured = pulumi.Config(PLANNER_CONFIG).get(f"ami-{item.id}")
    return configured or image.ami or f"resolve:ssm:{image.ssm_parameter}"


def _key_name(group: AwsGroup, item: PlanItem, key_pair_item: str | None) -> pulumi.Output[str] | None:
    if key_pair_item is None or not group.registry.built(key_pair_item):
        return None  # a key pair without its public key is listed as manual by the security group
    return group.ref(item, key_pair_item, "key_name")


def build_instance(group: AwsGroup, item: PlanItem, spec: s.InstanceSpec) -> pulumi.Resource:
    instance = aws.ec2.Instance(
        item.id,
        ami=image_id(item, spec.image),
        instance_type=spec.instance_type,
        availability_zone=spec.availability_zone,
        subnet_id=group.optional_ref(item, spec.subnet_item),
        vpc_security_group_ids=group.refs(item, spec.security_group_items) or None,
        key_name=_key_name(group, item, spec.key_pair_item),
        # The source's address only fits a subnet rebuilt with the source's range (not a looked-up default).
        private_ip=spec.private_ip if spec.subnet_item and group.registry.built(spec.subnet_item) else None,
        ebs_optimized=spec.ebs_optimized,
        tags=group.tags(spec),
        opts=group.opts(spec),
    )
    group.export(item, "private_ip", instance.private_ip)
    group.export(item, "public_ip", instance.public_ip)
    return instance


def build_launch_template(group: AwsGroup, item: PlanItem, spec: s.LaunchTemplateSpec) -> pulumi.Resource:
    return aws.ec2.LaunchTemplate(
        item.id,
        name=spec.name,
        image_id=image_id(item, spec.image),
        instance_type=spec.instance_type,
        vpc_security_group_ids=group.refs(item, spec.security_group_items) or None,
        key_name=_key_name(group, item, spec.key_pair_item),
        tag_specifications=[{"resource_type": "instance", "tags": group.tags(spec)}],
        tags=spec.tags,
        opts=group.opts(spec),
    )


def build_autoscaling_group(group: AwsGroup, item: PlanItem, spec: s.AutoScalingGroupSpec) -> pulumi.Resource | None:
    if spec.launch_template_item is None or not group.registry.built(spec.launch_template_item):
        group.manual(item, "the group has no launch template rebuilt by this plan", "create a launch template, then the group")
        return None
    return aws.autoscaling.Group(
        item.id,
        name=spec.name,
        min_size=spec.min_size,
        max_size=spec.max_size,
        desired_capacity=spec.desired_capacity,
        launch_template={"id": group.ref(item, spec.launch_template_item), "version": "$Latest"},
        vpc_zone_identifiers=group.refs(item, spec.subnet_items) or None,
        target_group_arns=group.refs(item, spec.target_group_items, "arn") or None,
        tags=[{"key": key, "value": value, "propagate_at_launch": True} for key, value in group.tags(spec).items()],
        opts=group.opts(spec),
    )


def _service_role(group: AwsGroup, item: PlanItem, spec: s.Spec, suffix: str, service: str, policies: tuple[str, ...]) -> aws.iam.Role:
    """A role for a service principal with AWS-managed policies (when the plan rebuilds none)."""
    role = aws.iam.Role(f"{item.id}-{suffix}", assume_role_policy=trust_policy([service]), tags=spec.tags, opts=group.opts(spec))
    for policy_arn in policies:
        aws.iam.RolePolicyAttachment(
            f"{item.id}-{suffix}-{policy_arn.rsplit('/', 1)[-1].lower()}", role=role.name, policy_arn=policy_arn, opts=group.opts(spec)
        )
    return role


def _role_arn(group: AwsGroup, item: PlanItem, spec: Any, suffix: str, service: str, policies: tuple[str, ...]) -> pulumi.Output[str]:
    existing = group.optional_ref(item, spec.role_item, "arn")
    return existing if existing is not None else _service_role(group, item, spec, suffix, service, policies).arn


def build_function(group: AwsGroup, item: PlanItem, spec: s.LambdaFunctionSpec) -> pulumi.Resource | None:
    if spec.package_type == "Image":
        group.manual(item, "container-image function: the image must be pushed to the new ECR first", "create the function from the pushed image")
        return None
    in_vpc = bool(spec.subnet_items)
    policies = (LAMBDA_BASIC_POLICY, LAMBDA_VPC_POLICY) if in_vpc else (LAMBDA_BASIC_POLICY,)
    vpc_config = (
        {"subnet_ids": group.refs(item, spec.subnet_items), "security_group_ids": group.refs(item, spec.security_group_items)}
        if in_vpc
        else None
    )
    function = aws.lambda_.Function(
        item.id,
        name=spec.name,
        role=_role_arn(group, item, spec, "role", "lambda.amazonaws.com", policies),
        runtime=spec.runtime,
        handler=spec.handler,
        memory_size=spec.memory_mb,
        timeout=spec.timeout_s,
        architectures=spec.architectures,
        package_type=spec.package_type,
        code=pulumi.AssetArchive({"PLACEHOLDER.txt": pulumi.StringAsset(PLACEHOLDER_CODE)}),
        vpc_config=vpc_config,
        tags=spec.tags,
        opts=group.opts(spec),
    )
    group.export(item, "function_arn", function.arn)
    return function


def build_ecs_cluster(group: AwsGroup, item: PlanItem, spec: s.EcsClusterSpec) -> pulumi.Resource:
    cluster = aws.ecs.Cluster(item.id, name=spec.name, tags=spec.tags, opts=group.opts(spec))
    group.export(item, "cluster_arn", cluster.arn)
    return cluster


def _container_definition(group: AwsGroup, item: PlanItem, container: s.ContainerSpec) -> dict[str, Any]:
    image: Any = container.image
    if container.repository_item and group.registry.built(container.repository_item):
        tag = container.image_tag or "latest"
        image = group.ref(item, container.repository_item, "repository_url").apply(lambda url: f"{url}:{tag}")
    definition: dict[str, Any] = {"name": container.name, "image": image, "essential": True}
    if container.cpu is not None:
        definition["cpu"] = container.cpu
    if container.memory is not None:
        definition["memory"] = container.memory
    if container.port_mappings:
        definition["portMappings"] = [_port_mapping(mapping) for mapping in container.port_mappings]
    return definition


def _port_mapping(mapping: dict[str, Any]) -> dict[str, Any]:
    """Inventory port mappings (snake or camel case) as ECS container-definition JSON."""
    container_port = mapping.get("container_port", mapping.get("containerPort"))
    host_port = mapping.get("host_port", mapping.get("hostPort"))
    result: dict[str, Any] = {"containerPort": container_port, "protocol": mapping.get("protocol", "tcp")}
    if host_port is not None:
        result["hostPort"] = host_port
    return result


def build_task_definition(group: AwsGroup, item: PlanItem, spec: s.EcsTaskDefinitionSpec) -> pulumi.Resource:
    definitions = [_container_definition(group, item, container) for container in spec.containers]
    task = aws.ecs.TaskDefinition(
        item.id,
        family=spec.family,
        container_definitions=pulumi.Output.json_dumps(definitions),
        cpu=spec.cpu,
        memory=spec.memory,
        network_mode=spec.network_mode,
        requires_compatibilities=spec.requires_compatibilities or None,
        execution_role_arn=group.optional_ref(item, spec.role_item, "arn"),
        tags=spec.tags,
        opts=group.opts(spec),
    )
    group.export(item, "task_definition_arn", task.arn)
    return task


def _first_container_port(task_spec: s.EcsTaskDefinitionSpec) -> tuple[str | None, int | None]:
    for container in task_spec.containers:
        for mapping in container.port_mappings:
            port = mapping.get("container_port", mapping.get("containerPort"))
            if port is not None:
                return container.name, int(port)
    return None, None


def build_ecs_service(group: AwsGroup, item: PlanItem, spec: s.EcsServiceSpec) -> pulumi.Resource | None:
    if not (group.registry.built(spec.cluster_item) and group.registry.built(spec.task_definition_item)):
        group.manual(item, "its cluster or task definition creates no resource", "create the service once both exist")
        return None
    task_spec: s.EcsTaskDefinitionSpec = group.spec_of_id(spec.task_definition_item)
    default_name, default_port = _first_container_port(task_spec)
    load_balancers = [
        {
            "target_group_arn": arn,
            "container_name": balancer.container_name or default_name,
            "container_port": balancer.container_port or default_port,
        }
        for balancer in spec.load_balancers
        for arn in group.refs(item, [balancer.target_group_item], "arn")
    ]
    subnets = group.refs(item, spec.subnet_items)
    network = {"subnets": subnets, "security_groups": group.refs(item, spec.security_group_items)} if subnets else None
    service = aws.ecs.Service(
        item.id,
        name=spec.name,
        cluster=group.ref(item, spec.cluster_item, "arn"),
        task_definition=group.ref(item, spec.task_definition_item, "arn"),
        desired_count=spec.desired_count,
        launch_type=spec.launch_type,
        load_balancers=load_balancers or None,
        network_configuration=network,
        tags=spec.tags,
        opts=group.opts(spec),
    )
    return service


def build_eks_cluster(group: AwsGroup, item: PlanItem, spec: s.EksClusterSpec) -> pulumi.Resource:
    subnet_ids = group.refs(item, spec.subnet_items)
    cluster = aws.eks.Cluster(
        item.id,
        name=spec.name,
        version=spec.version,
        role_arn=_role_arn(group, item, spec, "cluster-role", "eks.amazonaws.com", EKS_CLUSTER_POLICIES),
        vpc_config={"subnet_ids": subnet_ids, "security_group_ids": group.refs(item, spec.security_group_items) or None},
        tags=spec.tags,
        opts=group.opts(spec),
    )
    if spec.node_groups:
        node_role = _service_role(group, item, spec, "node-role", "ec2.amazonaws.com", EKS_NODE_POLICIES)
        for node_group in spec.node_groups:
            aws.eks.NodeGroup(
                f"{item.id}-{node_group.name}",
                cluster_name=cluster.name,
                node_group_name=node_group.name,
                node_role_arn=node_role.arn,
                subnet_ids=subnet_ids,
                instance_types=node_group.instance_types or None,
                scaling_config={
                    "desired_size": node_group.desired_size,
                    "min_size": node_group.min_size,
                    "max_size": node_group.max_size,
                },
                tags=spec.tags,
                opts=group.opts(spec),
            )
    group.export(item, "endpoint", cluster.endpoint)
    return cluster


# --- links from earlier groups to instances -------------------------------------------------------


def attach_instances(group: AwsGroup) -> None:
    """Target-group attachments, classic-ELB attachments and Elastic IP associations."""
    for other in group.args.plan.items:
        if other.status not in BUILDABLE_STATUSES or not other.target or not group.registry.built(other.id):
            continue
        linker = INSTANCE_LINKERS.get(str(other.target.get("type")))
        if linker is not None:
            linker(group, other, group.spec_of(other))


def _built_instances(group: AwsGroup, item: PlanItem, item_ids: list[str]) -> list[str]:
    """The instances among `item_ids` the stack built; manual ones are listed to attach by hand."""
    return [item_id for item_id in group.buildable_refs(item, item_ids, "instance") if group.registry.built(item_id)]


def _link_target_group(group: AwsGroup, item: PlanItem, spec: s.TargetGroupSpec) -> None:
    for instance_item in _built_instances(group, item, spec.target_items):
        aws.lb.TargetGroupAttachment(
            f"{item.id}-{instance_item}",
            target_group_arn=group.ref(item, item.id, "arn"),
            target_id=group.ref(item, instance_item),
            opts=group.opts(spec),
        )


def _link_classic(group: AwsGroup, item: PlanItem, spec: s.ClassicLoadBalancerSpec) -> None:
    for instance_item in _built_instances(group, item, spec.instance_items):
        aws.elb.Attachment(
            f"{item.id}-{instance_item}", elb=group.ref(item, item.id), instance=group.ref(item, instance_item), opts=group.opts(spec)
        )


def _link_eip(group: AwsGroup, item: PlanItem, spec: s.ElasticIpSpec) -> None:
    for instance_item in _built_instances(group, item, [spec.instance_item] if spec.instance_item else []):
        aws.ec2.EipAssociation(
            f"{item.id}-association",
            allocation_id=group.ref(item, item.id, "allocation_id"),
            instance_id=group.ref(item, instance_item),
            opts=group.opts(spec),
        )


INSTANCE_LINKERS: dict[str, Any] = {
    "aws.lb.target_group": _link_target_group,
    "aws.elb.load_balancer": _link_classic,
    "aws.ec2.eip": _link_eip,
}


class Compute(AwsGroup):
    group = "compute"
    spec_builders: ClassVar[dict[str, AwsBuilder]] = {
        "aws.ec2.instance": build_instance,
        "aws.ec2.launch_template": build_launch_template,
        "aws.autoscaling.group": build_autoscaling_group,
        "aws.lambda.function": build_function,
        "aws.ecs.cluster": build_ecs_cluster,
        "aws.ecs.task_definition": build_task_definition,
        "aws.ecs.service": build_ecs_service,
        "aws.eks.cluster": build_eks_cluster,
    }

    def finish(self) -> None:
        attach_instances(self)
        super().finish()
