"""The data and edge types (tests/seeds/seed_data_edge.py), found in the coverage scan with their props and refs."""

from __future__ import annotations

import json

import test_inventory_coverage as coverage
from test_inventory_coverage import Seeded, find

from planner.core.model.inventory import Inventory
from planner.planning.facts import data_bytes

scanned = coverage.scanned  # the coverage module's one seeded scan, as a fixture of this module

GIB = 1024**3
OUR_TYPES = {
    "aws.opensearch.domain", "aws.cognito.user_pool", "aws.ses.identity", "aws.logs.log_group", "aws.ec2.snapshot",
    "aws.ec2.image", "aws.rds.snapshot", "aws.route53domains.domain", "aws.redshift.cluster", "aws.ec2.vpc_endpoint",
    "aws.ec2.vpc_peering_connection", "aws.elbv2.listener_rule",
}
OUR_SERVICES = {"opensearch", "cognito-idp", "ses", "sesv2", "logs", "route53domains", "redshift", "ec2", "rds", "elbv2"}


def test_every_type_is_found_without_errors_from_its_services(scanned: tuple[Seeded, Inventory]) -> None:
    _, inventory = scanned
    assert OUR_TYPES <= {resource.key for resource in inventory.resources}
    assert [error for error in inventory.errors if error.service in OUR_SERVICES] == []


def test_opensearch_domain_nodes_storage_and_placement(scanned: tuple[Seeded, Inventory]) -> None:
    seeded, inventory = scanned
    domain = find(inventory, "aws.opensearch.domain", seeded["search"])
    props = domain.props
    assert domain.name == "timeline-search" and domain.tags == {"team": "search"} and domain.region == "us-west-2"
    assert (props["engine_version"], props["instance_type"], props["instance_count"]) == ("OpenSearch_2.11", "r6g.large.search", 3)
    assert (props["volume_type"], props["volume_size_gib"], props["storage_upper_bound_gib"]) == ("gp3", 200, 600)
    assert props["zone_awareness"] is True and props["availability_zone_count"] == 3
    assert domain.refs == [seeded["subnet_a"], seeded["sg_app"]]
    assert data_bytes(domain) == 600 * GIB


def test_user_pool_users_triggers_and_clients_without_secrets(scanned: tuple[Seeded, Inventory]) -> None:
    seeded, inventory = scanned
    pool = find(inventory, "aws.cognito.user_pool", seeded["user_pool"])
    props = pool.props
    assert pool.name == "social-users" and pool.tags == {"team": "auth"}
    assert (props["estimated_users"], props["mfa_configuration"], props["password_min_length"]) == (2, "OPTIONAL", 12)
    assert props["username_attributes"] == ["email"] and props["client_names"] == ["web"]
    assert props["lambda_triggers"] == {"PreSignUp": seeded["function"]}
    assert pool.refs == [seeded["function"]]
    assert "ClientSecret" not in json.dumps(pool.model_dump()) and "ada@social.example" not in json.dumps(pool.model_dump())


def test_ses_identities_domain_and_address(scanned: tuple[Seeded, Inventory]) -> None:
    seeded, inventory = scanned
    domain = find(inventory, "aws.ses.identity", seeded["ses_domain"])
    assert domain.name == "social.example" and domain.props["identity_type"] == "DOMAIN"
    assert domain.props["verification_status"] == "SUCCESS"
    address = find(inventory, "aws.ses.identity", seeded["ses_address"])
    assert address.props["identity_type"] == "EMAIL_ADDRESS" and address.props["identity_name"] == "noreply@social.example"


def test_log_groups_retention_bytes_kms_and_tags(scanned: tuple[Seeded, Inventory]) -> None:
    seeded, inventory = scanned
    group = find(inventory, "aws.logs.log_group", seeded["log_group"])
    assert group.name == "/aws/lambda/thumbnailer" and group.tags == {"team": "media"}
    assert (group.props["retention_days"], group.props["log_group_class"]) == (30, "STANDARD")
    assert isinstance(group.props["stored_bytes"], int)  # moto reports 0
    assert group.props["kms_key_id"] == seeded["kms_key"] and group.refs == [seeded["kms_key"]]
    forever = find(inventory, "aws.logs.log_group", seeded["log_group_forever"])
    assert forever.props["retention_days"] is None and forever.refs == []


def test_snapshots_and_images_are_the_accounts_own(scanned: tuple[Seeded, Inventory]) -> None:
    seeded, inventory = scanned
    snapshot = find(inventory, "aws.ec2.snapshot", seeded["snapshot"])
    assert snapshot.name == "scratch-nightly" and snapshot.props["volume_size_gib"] == 500
    assert snapshot.props["size_source"] == "volume-size" and snapshot.refs[0] == seeded["volume"]
    assert data_bytes(snapshot) == 500 * GIB
    snapshots = [resource for resource in inventory.resources if resource.key == "aws.ec2.snapshot"]
    assert all("Auto-created snapshot for AMI" not in str(r.props["description"]) for r in snapshots)  # moto's public ones
    image = find(inventory, "aws.ec2.image", seeded["image"])
    assert image.name == "transcoder-golden" and image.props["source_instance_id"] == seeded["instance"]
    assert image.props["snapshot_ids"] and set(image.props["snapshot_ids"]) <= {r.id for r in snapshots}
    assert set(image.refs) == {*image.props["snapshot_ids"], seeded["instance"]}
    assert data_bytes(image) == 0  # counted on its snapshots
    assert [r.id for r in inventory.resources if r.key == "aws.ec2.image"] == [seeded["image"]]


def test_rds_manual_snapshot_refers_to_its_instance(scanned: tuple[Seeded, Inventory]) -> None:
    seeded, inventory = scanned
    snapshot = find(inventory, "aws.rds.snapshot", seeded["db_snapshot"])
    props = snapshot.props
    assert snapshot.name == "pg-main-before-move" and snapshot.tags == {"team": "db"}
    assert (props["engine"], props["allocated_storage_gib"], props["snapshot_type"]) == ("postgres", 500, "manual")
    assert snapshot.refs == [seeded["rds_primary"]] and data_bytes(snapshot) == 500 * GIB
    assert all(r.props["snapshot_type"] == "manual" for r in inventory.resources if r.key == "aws.rds.snapshot")


def test_registered_domain_is_global_without_contacts(scanned: tuple[Seeded, Inventory]) -> None:
    seeded, inventory = scanned
    domain = find(inventory, "aws.route53domains.domain", seeded["domain"])
    assert domain.region == "global" and domain.props["auto_renew"] is True and domain.props["transfer_lock"] is True
    assert domain.props["expiry"] and len(domain.props["name_servers"]) == 4
    assert "ops@social-example.com" not in json.dumps(domain.model_dump())


def test_redshift_cluster_nodes_placement_and_upper_bound(scanned: tuple[Seeded, Inventory]) -> None:
    seeded, inventory = scanned
    cluster = find(inventory, "aws.redshift.cluster", seeded["warehouse"])
    props = cluster.props
    assert cluster.name == "warehouse" and cluster.tags == {"team": "bi"}
    assert (props["node_type"], props["node_count"], props["db_name"]) == ("dc2.large", 2, "analytics")
    assert (props["storage_capacity_bytes"], props["size_source"]) == (2 * 160 * 10**9, "node-type-table")
    assert props["subnet_ids"] == [seeded["subnet_a"], seeded["subnet_b"]] and props["vpc_id"] == seeded["vpc"]
    assert {seeded["subnet_a"], seeded["subnet_b"], seeded["sg_app"]} <= set(cluster.refs)
    assert "Seed-password-3" not in json.dumps(cluster.model_dump())


def test_vpc_endpoints_gateway_and_interface(scanned: tuple[Seeded, Inventory]) -> None:
    seeded, inventory = scanned
    gateway = find(inventory, "aws.ec2.vpc_endpoint", seeded["gateway_endpoint"])
    assert (gateway.props["endpoint_type"], gateway.props["service"]) == ("Gateway", "s3")
    assert gateway.props["custom_policy"] is False and gateway.refs == [seeded["vpc"], seeded["rtb"]]
    interface = find(inventory, "aws.ec2.vpc_endpoint", seeded["interface_endpoint"])
    assert (interface.props["endpoint_type"], interface.props["service_name"]) == ("Interface", "com.amazonaws.us-west-2.sqs")
    assert interface.refs == [seeded["vpc"], seeded["subnet_a"], seeded["sg_app"]]


def test_cross_region_peering_is_listed_once_with_both_vpcs(scanned: tuple[Seeded, Inventory]) -> None:
    seeded, inventory = scanned
    peering = find(inventory, "aws.ec2.vpc_peering_connection", seeded["peering"])  # find() asserts it is there once
    props = peering.props
    assert peering.region == "us-west-2" and props["status"] == "active"
    assert (props["requester_region"], props["accepter_region"], props["cross_region"]) == ("us-west-2", "eu-west-1", True)
    assert peering.refs == [seeded["vpc"], seeded["analytics_vpc"]]


def test_listener_rule_conditions_and_forward(scanned: tuple[Seeded, Inventory]) -> None:
    seeded, inventory = scanned
    rule = find(inventory, "aws.elbv2.listener_rule", seeded["listener_rule"])
    props = rule.props
    assert rule.name == "web-alb:80:10" and rule.tags == {"team": "api"}
    assert (props["priority"], props["action_type"], props["target_group_arns"]) == (10, "forward", [seeded["api_target_group"]])
    assert props["conditions"] == [{"field": "path-pattern", "values": ["/api/*"]},
                                   {"field": "host-header", "values": ["api.social.example"]}]
    assert rule.refs == [seeded["listener"], seeded["api_target_group"]]
    assert not [r for r in inventory.resources if r.key == "aws.elbv2.listener_rule" and r.props["priority"] is None]
