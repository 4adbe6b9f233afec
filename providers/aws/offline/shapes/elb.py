"""Load balancers (classic and v2), their listeners, rules and target groups, and Auto Scaling in templates."""

from __future__ import annotations

from typing import Any

from providers.aws.offline.declared import (
    PART_ONLY,
    Attributes,
    CfnPart,
    CfnShape,
    Declared,
    Item,
    Neighbours,
    Props,
    TfShape,
    arn_attribute,
    arn_of,
    block,
    flag,
    listed,
    number,
    related_prop,
    renamed,
)

LB_PATH = {"application": "app", "network": "net", "gateway": "gwy"}


def _subnets_of(props: dict[str, Any]) -> list[Any]:
    return [*listed(props.get("Subnets")), *(entry.get("SubnetId") for entry in listed(props.get("SubnetMappings")))]


def _classic(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    subnets = _subnets_of(props)
    listeners = [{"Listener": {"Protocol": entry.get("Protocol"), "LoadBalancerPort": number(entry.get("LoadBalancerPort")),
                               "InstanceProtocol": entry.get("InstanceProtocol") or entry.get("Protocol"),
                               "InstancePort": number(entry.get("InstancePort")),
                               "SSLCertificateId": entry.get("SSLCertificateId")}}
                 for entry in listed(props.get("Listeners"))]
    return {
        "LoadBalancerName": declared.physical_name,
        "Scheme": props.get("Scheme", "internet-facing"),
        "ListenerDescriptions": listeners,
        "Instances": [{"InstanceId": instance} for instance in listed(props.get("Instances"))],
        "AvailabilityZones": listed(props.get("AvailabilityZones")),
        "Subnets": subnets,
        "SecurityGroups": listed(props.get("SecurityGroups")),
        "VPCId": related_prop(neighbours, subnets[0], "VpcId") if subnets else None,
    }


def _load_balancer(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    subnets = _subnets_of(props)
    return {
        "Type": props.get("Type", "application"),
        "Scheme": props.get("Scheme", "internet-facing"),
        "AvailabilityZones": [{"SubnetId": subnet, "ZoneName": related_prop(neighbours, subnet, "AvailabilityZone")}
                              for subnet in subnets],
        "SecurityGroups": listed(props.get("SecurityGroups")),
        "VpcId": related_prop(neighbours, subnets[0], "VpcId") if subnets else None,
        "IpAddressType": props.get("IpAddressType", "ipv4"),
    }


def _load_balancer_id(declared: Declared) -> str:
    kind = LB_PATH.get(str(declared.props.get("Type", "application")), "app")
    return declared.arn("elasticloadbalancing", f"loadbalancer/{kind}/{declared.physical_name}/template")


def _listener(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    balancer = neighbours.find(props.get("LoadBalancerArn"))
    return {
        "Protocol": props.get("Protocol"),
        "Port": number(props.get("Port")),
        "Certificates": listed(props.get("Certificates")),
        "DefaultActions": listed(props.get("DefaultActions")),
        "LoadBalancerArn": props.get("LoadBalancerArn"),
        "_parent": {"LoadBalancerName": balancer.name if balancer else None},
    }


def _listener_id(declared: Declared) -> str:
    return declared.arn("elasticloadbalancing", f"listener/app/{declared.physical_name}/template")


def _listener_rule(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    listener = neighbours.find(props.get("ListenerArn"))
    balancer = neighbours.find(listener.props.get("LoadBalancerArn")) if listener else None
    return {
        "Priority": props.get("Priority"),
        "Actions": listed(props.get("Actions")),
        "Conditions": listed(props.get("Conditions")),
        "_parent": {"ListenerArn": props.get("ListenerArn"), "Port": listener.props.get("Port") if listener else None,
                    "_parent": {"LoadBalancerName": balancer.name if balancer else None}},
    }


def _target_group_balancers(declared: Declared, neighbours: Neighbours) -> list[Any]:
    """The load balancers whose listeners (or their rules) forward to the group: the API lists them on the group."""
    balancers: list[Any] = []
    for listener in neighbours.referrers(declared.id, "AWS::ElasticLoadBalancingV2::Listener"):
        balancers.append(listener.props.get("LoadBalancerArn"))
    for rule in neighbours.referrers(declared.id, "AWS::ElasticLoadBalancingV2::ListenerRule"):
        listener = neighbours.find(rule.props.get("ListenerArn"))
        if listener:
            balancers.append(listener.props.get("LoadBalancerArn"))
    return list(dict.fromkeys(balancer for balancer in balancers if balancer))


def _target_group(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    return {
        "Protocol": props.get("Protocol"),
        "Port": number(props.get("Port")),
        "TargetType": props.get("TargetType", "instance"),
        "HealthCheckPath": props.get("HealthCheckPath"),
        "HealthCheckPort": props.get("HealthCheckPort"),
        "_targets": [*(target.get("Id") for target in listed(props.get("Targets"))),
                     *(part.props.get("Id") for part in neighbours.parts(declared.id, "targets"))],
        "LoadBalancerArns": _target_group_balancers(declared, neighbours),
        "VpcId": props.get("VpcId"),
    }


def _launch_configuration(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    return {
        "LaunchConfigurationName": declared.physical_name,
        "ImageId": props.get("ImageId"),
        "InstanceType": props.get("InstanceType"),
        "KeyName": props.get("KeyName"),
        "SecurityGroups": listed(props.get("SecurityGroups")),
        "_has_user_data": "UserData" in props,
        "IamInstanceProfile": props.get("IamInstanceProfile"),
        "AssociatePublicIpAddress": flag(props.get("AssociatePublicIpAddress")),
        "EbsOptimized": flag(props.get("EbsOptimized")),
        "InstanceMonitoring": {"Enabled": flag(props.get("InstanceMonitoring", True))},
        "SpotPrice": props.get("SpotPrice"),
        "PlacementTenancy": props.get("PlacementTenancy"),
        "BlockDeviceMappings": listed(props.get("BlockDeviceMappings")),
    }


def _group_instance_type(neighbours: Neighbours, props: dict[str, Any]) -> Any:
    template = props.get("LaunchTemplate") or {}
    found = neighbours.find(template.get("LaunchTemplateId") or template.get("LaunchTemplateName"))
    if found:
        return found.props.get("LaunchTemplateData", {}).get("InstanceType")
    return related_prop(neighbours, props.get("LaunchConfigurationName"), "InstanceType")


def _auto_scaling_group(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    configuration = neighbours.find(props.get("LaunchConfigurationName"))
    return {
        "MinSize": number(props.get("MinSize")),
        "MaxSize": number(props.get("MaxSize")),
        "DesiredCapacity": number(props.get("DesiredCapacity", props.get("MinSize"))),
        "LaunchTemplate": props.get("LaunchTemplate") or {},
        "MixedInstancesPolicy": props.get("MixedInstancesPolicy") or {},
        "LaunchConfigurationName": configuration.physical_name if configuration else props.get("LaunchConfigurationName"),
        "_launch_configuration_arn": configuration.id if configuration else None,
        "_instance_type": _group_instance_type(neighbours, props),
        "VPCZoneIdentifier": ",".join(str(subnet) for subnet in listed(props.get("VPCZoneIdentifier"))),
        "TargetGroupARNs": listed(props.get("TargetGroupARNs")),
        "LoadBalancerNames": [_name_of(neighbours, balancer) for balancer in listed(props.get("LoadBalancerNames"))],
    }


def _name_of(neighbours: Neighbours, value: Any) -> Any:
    found = neighbours.find(value)
    return found.physical_name if found else value


# Terraform registers targets as resources of their own (aws_lb_target_group_attachment).
CLOUDFORMATION_PARTS: dict[str, tuple[CfnPart, ...]] = {
    "Planner::TargetGroup::Target": (CfnPart("targets", "TargetGroupArn"),),
}

CLOUDFORMATION: dict[str, CfnShape] = {
    "AWS::ElasticLoadBalancing::LoadBalancer": CfnShape(
        "aws.elb.load_balancer", _classic, arn_of("elasticloadbalancing", "loadbalancer/{name}"),
        name_property="LoadBalancerName", unknown=("dns_name",)),
    "AWS::ElasticLoadBalancingV2::LoadBalancer": CfnShape(
        "aws.elbv2.load_balancer", _load_balancer, _load_balancer_id, name_property="Name", unknown=("dns_name",)),
    "AWS::ElasticLoadBalancingV2::Listener": CfnShape("aws.elbv2.listener", _listener, _listener_id),
    "AWS::ElasticLoadBalancingV2::ListenerRule": CfnShape(
        "aws.elbv2.listener_rule", _listener_rule, arn_of("elasticloadbalancing", "listener-rule/app/{name}/template")),
    "AWS::ElasticLoadBalancingV2::TargetGroup": CfnShape(
        "aws.elbv2.target_group", _target_group, arn_of("elasticloadbalancing", "targetgroup/{name}/template"),
        name_property="Name"),
    "AWS::AutoScaling::LaunchConfiguration": CfnShape(
        "aws.autoscaling.launch_configuration", _launch_configuration,
        arn_of("autoscaling", "launchConfiguration:template:launchConfigurationName/{name}"),
        name_property="LaunchConfigurationName"),
    "AWS::AutoScaling::AutoScalingGroup": CfnShape(
        "aws.autoscaling.group", _auto_scaling_group,
        arn_of("autoscaling", "autoScalingGroup:template:autoScalingGroupName/{name}"),
        name_property="AutoScalingGroupName", unknown=("instance_ids",)),
}


# --- Terraform ------------------------------------------------------------------------------------------------------


def _tf_actions(actions: Any) -> list[dict[str, Any]]:
    found = []
    for action in listed(actions):
        forward = block(action, "forward")
        groups = [{"TargetGroupArn": group.get("arn")} for group in listed(forward.get("target_group"))]
        found.append({"Type": action.get("type"), "TargetGroupArn": action.get("target_group_arn") or None,
                      **({"ForwardConfig": {"TargetGroups": groups}} if groups else {})})
    return found


TF_CONDITIONS = {"path_pattern": "path-pattern", "host_header": "host-header", "http_request_method": "http-request-method",
                 "source_ip": "source-ip"}


def _tf_conditions(conditions: Any) -> list[dict[str, Any]]:
    return [{"Field": field, "Values": listed(block(condition, name).get("values"))}
            for condition in listed(conditions) for name, field in TF_CONDITIONS.items() if block(condition, name)]


def _tf_listeners(listeners: Any) -> list[dict[str, Any]]:
    return [{"Protocol": str(listener.get("lb_protocol", "")).upper(), "LoadBalancerPort": listener.get("lb_port"),
             "InstanceProtocol": str(listener.get("instance_protocol", "")).upper(),
             "InstancePort": listener.get("instance_port"), "SSLCertificateId": listener.get("ssl_certificate_id") or None}
            for listener in listed(listeners)]


def _scheme(attributes: Attributes) -> str:
    return "internal" if attributes.get("internal") else "internet-facing"


def _tf_target_attachment(attributes: Attributes) -> list[tuple[str, Props]]:
    return [("Planner::TargetGroup::Target", {"TargetGroupArn": attributes.get("target_group_arn"),
                                              "Id": attributes.get("target_id"), "Port": attributes.get("port")})]


LOAD_BALANCER = TfShape("AWS::ElasticLoadBalancingV2::LoadBalancer", renamed({
    "Name": "name", "Type": "load_balancer_type", "Scheme": _scheme, "Subnets": "subnets",
    "SecurityGroups": "security_groups", "IpAddressType": "ip_address_type",
    "SubnetMappings": lambda a: [{"SubnetId": mapping.get("subnet_id")} for mapping in listed(a.get("subnet_mapping"))
                                 if mapping.get("subnet_id") not in listed(a.get("subnets"))]}), resource_id=arn_attribute)
LISTENER = TfShape("AWS::ElasticLoadBalancingV2::Listener", renamed({
    "LoadBalancerArn": "load_balancer_arn", "Port": "port", "Protocol": "protocol",
    "Certificates": lambda a: [{"CertificateArn": a["certificate_arn"]}] if a.get("certificate_arn") else [],
    "DefaultActions": lambda a: _tf_actions(a.get("default_action"))}), resource_id=arn_attribute)
LISTENER_RULE = TfShape("AWS::ElasticLoadBalancingV2::ListenerRule", renamed({
    "ListenerArn": "listener_arn", "Priority": "priority", "Actions": lambda a: _tf_actions(a.get("action")),
    "Conditions": lambda a: _tf_conditions(a.get("condition"))}), resource_id=arn_attribute)
TARGET_GROUP = TfShape("AWS::ElasticLoadBalancingV2::TargetGroup", renamed({
    "Name": "name", "Port": "port", "Protocol": "protocol", "TargetType": "target_type", "VpcId": "vpc_id",
    "HealthCheckPath": lambda a: block(a, "health_check").get("path"),
    "HealthCheckPort": lambda a: block(a, "health_check").get("port")}), resource_id=arn_attribute)

TERRAFORM: dict[str, TfShape] = {
    "aws_lb": LOAD_BALANCER,
    "aws_alb": LOAD_BALANCER,
    "aws_lb_listener": LISTENER,
    "aws_alb_listener": LISTENER,
    "aws_lb_listener_rule": LISTENER_RULE,
    "aws_alb_listener_rule": LISTENER_RULE,
    "aws_lb_target_group": TARGET_GROUP,
    "aws_alb_target_group": TARGET_GROUP,
    "aws_lb_target_group_attachment": TfShape(PART_ONLY, lambda a: {}, parts=_tf_target_attachment),
    "aws_elb": TfShape("AWS::ElasticLoadBalancing::LoadBalancer", renamed({
        "LoadBalancerName": "name", "Scheme": _scheme, "Subnets": "subnets", "SecurityGroups": "security_groups",
        "Instances": "instances", "AvailabilityZones": "availability_zones",
        "Listeners": lambda a: _tf_listeners(a.get("listener"))}), resource_id=arn_attribute),
    "aws_autoscaling_group": TfShape("AWS::AutoScaling::AutoScalingGroup", renamed({
        "AutoScalingGroupName": "name", "MinSize": "min_size", "MaxSize": "max_size", "DesiredCapacity": "desired_capacity",
        "LaunchConfigurationName": "launch_configuration", "VPCZoneIdentifier": "vpc_zone_identifier",
        "TargetGroupARNs": "target_group_arns", "LoadBalancerNames": "load_balancers",
        "LaunchTemplate": lambda a: {"LaunchTemplateId": block(a, "launch_template").get("id")}
        if block(a, "launch_template") else None}), resource_id=arn_attribute),
    "aws_launch_configuration": TfShape("AWS::AutoScaling::LaunchConfiguration", renamed({
        "LaunchConfigurationName": "name", "ImageId": "image_id", "InstanceType": "instance_type", "KeyName": "key_name",
        "SecurityGroups": "security_groups", "AssociatePublicIpAddress": "associate_public_ip_address",
        "EbsOptimized": "ebs_optimized", "InstanceMonitoring": "enable_monitoring", "SpotPrice": "spot_price",
        "PlacementTenancy": "placement_tenancy", "IamInstanceProfile": "iam_instance_profile"}), resource_id=arn_attribute),
}
