"""Terraform state written by the team for tests: the three-tier shape of tests/corpus/three-tier-aurora.yaml as
`terraform apply` of the AWS provider would record it (attribute names from the provider's resource docs), in
state format version 4 or as `terraform show -json` prints it."""

from __future__ import annotations

from typing import Any

ACCOUNT = "210987654321"
REGION = "us-east-1"
PROVIDER = 'provider["registry.terraform.io/hashicorp/aws"]'
PLANTED_PASSWORD = "tf-state-not-a-secret-7"  # marked sensitive: must never reach an output


def arn(service: str, resource: str, region: str = REGION) -> str:
    return f"arn:aws:{service}:{region}:{ACCOUNT}:{resource}"


def ec2_id(prefix: str, number: int) -> str:
    return f"{prefix}-{number:017x}"


VPC, IGW, RTB = ec2_id("vpc", 1), ec2_id("igw", 1), ec2_id("rtb", 1)
SUBNETS = {name: ec2_id("subnet", index) for index, name in enumerate(["WebA", "WebB", "AppA", "DataA", "DataB"], 1)}
ZONES = {"WebA": "us-east-1a", "WebB": "us-east-1b", "AppA": "us-east-1a", "DataA": "us-east-1a", "DataB": "us-east-1b"}
CIDRS = {"WebA": "10.50.0.0/24", "WebB": "10.50.1.0/24", "AppA": "10.50.10.0/24", "DataA": "10.50.20.0/24",
         "DataB": "10.50.21.0/24"}
GROUPS = {name: ec2_id("sg", index) for index, name in enumerate(["LbGroup", "WebGroup", "AppGroup", "DataGroup"], 1)}
INSTANCES = {name: ec2_id("i", index) for index, name in enumerate(["Web1", "Web2", "App1"], 1)}
LB = arn("elasticloadbalancing", "loadbalancer/app/three-tier/50dc6c495c0c9188")
TARGETS = arn("elasticloadbalancing", "targetgroup/web/73e2d6bc24d8a067")
LISTENER = arn("elasticloadbalancing", "listener/app/three-tier/50dc6c495c0c9188/f2f7dc8efc522ab2")


def _rule(port: int, *, cidr: str | None = None, group: str | None = None) -> dict[str, Any]:
    return {"from_port": port, "to_port": port, "protocol": "tcp", "cidr_blocks": [cidr] if cidr else [],
            "ipv6_cidr_blocks": [], "prefix_list_ids": [], "security_groups": [group] if group else [], "self": False,
            "description": ""}


def _group(name: str, description: str, ingress: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": GROUPS[name], "arn": arn("ec2", f"security-group/{GROUPS[name]}"), "name": name.lower(),
            "description": description, "vpc_id": VPC, "ingress": ingress,
            "egress": [{**_rule(0, cidr="0.0.0.0/0"), "protocol": "-1", "to_port": 0}], "tags": {"Name": name}}


def _instance(name: str, subnet: str, group: str, instance_type: str) -> dict[str, Any]:
    return {"id": INSTANCES[name], "arn": arn("ec2", f"instance/{INSTANCES[name]}"), "ami": "ami-12c6146b",
            "instance_type": instance_type, "subnet_id": SUBNETS[subnet], "vpc_security_group_ids": [GROUPS[group]],
            "availability_zone": ZONES[subnet], "private_ip": "10.50.0.10", "user_data": None,
            "tags": {"Name": name.replace("Web", "web-").replace("App", "app-")}}


def three_tier_resources() -> list[tuple[str, str, dict[str, Any], list[str]]]:
    """(type, name, attributes, sensitive attribute names) of each resource instance."""
    resources: list[tuple[str, str, dict[str, Any], list[str]]] = [
        ("aws_vpc", "main", {"id": VPC, "arn": arn("ec2", f"vpc/{VPC}"), "cidr_block": "10.50.0.0/16",
                             "tags": {"Name": "Vpc"}}, []),
        ("aws_internet_gateway", "gateway", {"id": IGW, "arn": arn("ec2", f"internet-gateway/{IGW}"), "vpc_id": VPC,
                                             "tags": {"Name": "Gateway"}}, []),
        ("aws_route_table", "public", {"id": RTB, "arn": arn("ec2", f"route-table/{RTB}"), "vpc_id": VPC,
                                       "route": [{"cidr_block": "0.0.0.0/0", "gateway_id": IGW, "nat_gateway_id": ""}],
                                       "tags": {"Name": "PublicRoutes"}}, []),
    ]
    for name, subnet in SUBNETS.items():
        resources.append(("aws_subnet", name.lower(), {
            "id": subnet, "arn": arn("ec2", f"subnet/{subnet}"), "vpc_id": VPC, "cidr_block": CIDRS[name],
            "availability_zone": ZONES[name], "map_public_ip_on_launch": name.startswith("Web"), "tags": {"Name": name}}, []))
    resources += [
        ("aws_security_group", "lb", _group("LbGroup", "public HTTP", [_rule(80, cidr="0.0.0.0/0")]), []),
        ("aws_security_group", "web", _group("WebGroup", "web tier", [_rule(80, group=GROUPS["LbGroup"])]), []),
        ("aws_security_group", "app", _group("AppGroup", "app tier", [_rule(8080, group=GROUPS["WebGroup"])]), []),
        ("aws_security_group", "data", _group("DataGroup", "data tier", [_rule(5432, group=GROUPS["AppGroup"]),
                                                                          _rule(6379, group=GROUPS["AppGroup"])]), []),
        ("aws_instance", "web1", _instance("Web1", "WebA", "WebGroup", "t3.large"), []),
        ("aws_instance", "web2", _instance("Web2", "WebB", "WebGroup", "t3.large"), []),
        ("aws_instance", "app1", _instance("App1", "AppA", "AppGroup", "c5.xlarge"), []),
        ("aws_lb_target_group", "web", {"id": TARGETS, "arn": TARGETS, "name": "web", "port": 80, "protocol": "HTTP",
                                        "target_type": "instance", "vpc_id": VPC,
                                        "health_check": [{"path": "/", "port": "traffic-port"}]}, []),
        ("aws_lb", "main", {"id": LB, "arn": LB, "name": "three-tier", "load_balancer_type": "application",
                            "internal": False, "subnets": [SUBNETS["WebA"], SUBNETS["WebB"]],
                            "security_groups": [GROUPS["LbGroup"]], "ip_address_type": "ipv4",
                            "dns_name": "three-tier-1234567890.us-east-1.elb.amazonaws.com", "vpc_id": VPC}, []),
        ("aws_lb_listener", "http", {"id": LISTENER, "arn": LISTENER, "load_balancer_arn": LB, "port": 80,
                                     "protocol": "HTTP", "default_action": [{"type": "forward", "target_group_arn": TARGETS,
                                                                             "forward": []}]}, []),
        ("aws_db_subnet_group", "data", {"id": "orders-data", "arn": arn("rds", "subgrp:orders-data"),
                                         "name": "orders-data", "subnet_ids": [SUBNETS["DataA"], SUBNETS["DataB"]]}, []),
        ("aws_rds_cluster", "orders", {"id": "orders", "arn": arn("rds", "cluster:orders"), "cluster_identifier": "orders",
                                       "engine": "aurora-postgresql", "engine_version": "15.4",
                                       "master_password": PLANTED_PASSWORD, "db_subnet_group_name": "orders-data",
                                       "vpc_security_group_ids": [GROUPS["DataGroup"]], "storage_encrypted": True},
         ["master_password"]),
        ("aws_elasticache_subnet_group", "sessions", {"id": "sessions", "arn": arn("elasticache", "subnetgroup:sessions"),
                                                      "name": "sessions",
                                                      "subnet_ids": [SUBNETS["DataA"], SUBNETS["DataB"]]}, []),
        ("aws_elasticache_replication_group", "sessions", {
            "id": "sessions", "arn": arn("elasticache", "replicationgroup:sessions"), "replication_group_id": "sessions",
            "engine": "redis", "node_type": "cache.r6g.large", "num_cache_clusters": 2, "automatic_failover_enabled": True,
            "subnet_group_name": "sessions", "security_group_ids": [GROUPS["DataGroup"]], "auth_token": PLANTED_PASSWORD},
         ["auth_token"]),
    ]
    for index, name in enumerate(["Web1", "Web2"]):
        resources.append(("aws_lb_target_group_attachment", f"web{index}", {
            "id": f"{TARGETS}-{index}", "target_group_arn": TARGETS, "target_id": INSTANCES[name], "port": 80}, []))
    for index in (1, 2):
        resources.append(("aws_rds_cluster_instance", f"orders{index}", {
            "id": f"orders-{index}", "arn": arn("rds", f"db:orders-{index}"), "identifier": f"orders-{index}",
            "cluster_identifier": "orders", "instance_class": "db.r6g.large", "engine": "aurora-postgresql",
            "db_subnet_group_name": "orders-data"}, []))
    resources.append(("aws_cloudwatch_metric_alarm", "cpu", {
        "id": "cpu-high", "arn": arn("cloudwatch", "alarm:cpu-high"), "alarm_name": "cpu-high", "namespace": "AWS/EC2",
        "metric_name": "CPUUtilization", "dimensions": {"InstanceId": INSTANCES["App1"]}, "threshold": 90}, []))
    resources.append(("aws_wafv2_web_acl", "edge", {"id": "acl-1", "name": "edge", "scope": "REGIONAL"}, []))
    return resources


def state_v4(resources: list[tuple[str, str, dict[str, Any], list[str]]]) -> dict[str, Any]:
    return {"version": 4, "terraform_version": "1.7.5", "serial": 12, "lineage": "0d5c3c4a-planner-test", "outputs": {},
            "resources": [
                {"mode": "managed", "type": resource_type, "name": name, "provider": PROVIDER,
                 "instances": [{"schema_version": 1, "attributes": attributes,
                                "sensitive_attributes": [[{"type": "get_attr", "value": field}] for field in sensitive],
                                "dependencies": []}]}
                for resource_type, name, attributes, sensitive in resources
            ]}


def show_json(resources: list[tuple[str, str, dict[str, Any], list[str]]]) -> dict[str, Any]:
    """The same resources as `terraform show -json` prints them: the network in the root module, the rest in one."""
    def entry(resource_type: str, name: str, attributes: dict[str, Any], sensitive: list[str], module: str) -> dict[str, Any]:
        address = f"{module}.{resource_type}.{name}" if module else f"{resource_type}.{name}"
        return {"address": address, "mode": "managed", "type": resource_type, "name": name,
                "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 1, "values": attributes,
                "sensitive_values": {field: True for field in sensitive}}

    root = [entry(*resource, "") for resource in resources if resource[0] in {"aws_vpc", "aws_subnet", "aws_internet_gateway"}]
    data = [entry(*resource, "module.data") for resource in resources
            if resource[0] not in {"aws_vpc", "aws_subnet", "aws_internet_gateway"}]
    return {"format_version": "1.0", "terraform_version": "1.7.5",
            "values": {"root_module": {"resources": root, "child_modules": [{"address": "module.data", "resources": data}]}}}
