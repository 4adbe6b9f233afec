"""The demo footprint as seeded into moto's server, checked with plain boto3 list/describe calls."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from planner.core.model.inventory import GLOBAL_REGION, Resource
from planner.demo import footprint as fp
from planner.demo.emulator import Emulator, running_emulator
from planner.demo.seed import SeedSummary, seed_footprint

Seeded = tuple[Emulator, SeedSummary]


@pytest.fixture(scope="module")
def seeded() -> Iterator[Seeded]:
    with running_emulator() as emulator:
        yield emulator, seed_footprint(emulator)


def _soapbox_tagged(resources: list[dict[str, Any]], tags_field: str = "Tags") -> list[dict[str, Any]]:
    return [r for r in resources if {"Key": "app", "Value": "soapbox"} in r.get(tags_field, [])]


def _instances(emulator: Emulator, region: str) -> set[str]:
    pages = emulator.client("ec2", region).get_paginator("describe_instances").paginate(
        Filters=[{"Name": "tag:app", "Values": ["soapbox"]}])
    return {i["InstanceId"] for page in pages for r in page["Reservations"] for i in r["Instances"]}


def _buckets(emulator: Emulator, region: str) -> set[str]:
    s3 = emulator.client("s3", region)
    names = [bucket["Name"] for bucket in s3.list_buckets()["Buckets"]]
    return {f"arn:aws:s3:::{name}" for name in names
            if (s3.get_bucket_location(Bucket=name)["LocationConstraint"] or "us-east-1") == region}


def _queues(emulator: Emulator, region: str) -> set[str]:
    sqs = emulator.client("sqs", region)
    urls = sqs.list_queues(QueueNamePrefix="soapbox").get("QueueUrls", [])
    return {sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"] for url in urls}


def _record_sets(emulator: Emulator, region: str) -> set[str]:
    route53 = emulator.client("route53", region)
    zone_id = route53.list_hosted_zones()["HostedZones"][0]["Id"].removeprefix("/hostedzone/")
    records = route53.list_resource_record_sets(HostedZoneId=zone_id)["ResourceRecordSets"]
    return {f"{zone_id}/{r['Name']}/{r['Type']}" for r in records if r["Type"] not in {"SOA", "NS"}}


# source type -> (regional or global, the soapbox resources boto3 lists there, as inventory ids)
LISTERS: dict[str, tuple[bool, Callable[[Emulator, str], set[str]]]] = {
    "aws.ec2.instance": (True, _instances),
    "aws.ec2.vpc": (True, lambda e, r: {v["VpcId"] for v in _soapbox_tagged(e.client("ec2", r).describe_vpcs()["Vpcs"])}),
    "aws.ec2.subnet": (True, lambda e, r: {s["SubnetId"] for s in _soapbox_tagged(e.client("ec2", r).describe_subnets()["Subnets"])}),
    "aws.ec2.security_group": (True, lambda e, r: {g["GroupId"] for g in _soapbox_tagged(
        e.client("ec2", r).describe_security_groups()["SecurityGroups"])}),
    "aws.ec2.launch_template": (True, lambda e, r: {t["LaunchTemplateId"] for t in _soapbox_tagged(
        e.client("ec2", r).describe_launch_templates()["LaunchTemplates"])}),
    "aws.autoscaling.group": (True, lambda e, r: {g["AutoScalingGroupARN"] for g in
                                                  e.client("autoscaling", r).describe_auto_scaling_groups()["AutoScalingGroups"]}),
    "aws.elbv2.load_balancer": (True, lambda e, r: {b["LoadBalancerArn"] for b in
                                                    e.client("elbv2", r).describe_load_balancers()["LoadBalancers"]}),
    "aws.elbv2.target_group": (True, lambda e, r: {g["TargetGroupArn"] for g in
                                                   e.client("elbv2", r).describe_target_groups()["TargetGroups"]}),
    "aws.rds.instance": (True, lambda e, r: {d["DBInstanceArn"] for d in e.client("rds", r).describe_db_instances()["DBInstances"]}),
    "aws.elasticache.replication_group": (True, lambda e, r: {g["ARN"] for g in
                                                              e.client("elasticache", r).describe_replication_groups()["ReplicationGroups"]}),
    "aws.dynamodb.table": (True, lambda e, r: {e.client("dynamodb", r).describe_table(TableName=t)["Table"]["TableArn"]
                                               for t in e.client("dynamodb", r).list_tables()["TableNames"]}),
    "aws.s3.bucket": (True, _buckets),
    "aws.sqs.queue": (True, _queues),
    "aws.sns.topic": (True, lambda e, r: {t["TopicArn"] for t in e.client("sns", r).list_topics()["Topics"]}),
    "aws.lambda.function": (True, lambda e, r: {f["FunctionArn"] for f in e.client("lambda", r).list_functions()["Functions"]}),
    "aws.efs.file_system": (True, lambda e, r: {f["FileSystemId"] for f in e.client("efs", r).describe_file_systems()["FileSystems"]}),
    "aws.ecr.repository": (True, lambda e, r: {x["repositoryArn"] for x in e.client("ecr", r).describe_repositories()["repositories"]}),
    "aws.ecs.cluster": (True, lambda e, r: set(e.client("ecs", r).list_clusters()["clusterArns"])),
    "aws.eks.cluster": (True, lambda e, r: {e.client("eks", r).describe_cluster(name=n)["cluster"]["arn"]
                                            for n in e.client("eks", r).list_clusters()["clusters"]}),
    "aws.acm.certificate": (True, lambda e, r: {c["CertificateArn"] for c in
                                                e.client("acm", r).list_certificates()["CertificateSummaryList"]}),
    "aws.secretsmanager.secret": (True, lambda e, r: {s["ARN"] for s in e.client("secretsmanager", r).list_secrets()["SecretList"]}),
    "aws.kms.key": (True, lambda e, r: {k["KeyArn"] for k in e.client("kms", r).list_keys()["Keys"]}),
    "aws.iam.role": (False, lambda e, r: {x["Arn"] for x in e.client("iam", r).list_roles()["Roles"]
                                          if x["RoleName"].startswith("soapbox-")}),
    "aws.cloudfront.distribution": (False, lambda e, r: {d["Id"] for d in
                                                         e.client("cloudfront", r).list_distributions()["DistributionList"]["Items"]}),
    "aws.route53.record_set": (False, _record_sets),
}


def _seeded_ids(summary: SeedSummary, key: str, region: str) -> set[str]:
    return {resource.id for resource in summary.resources if resource.key == key and resource.region == region}


@pytest.mark.parametrize("key", sorted(LISTERS))
def test_boto3_lists_exactly_the_seeded_resources_per_region(seeded: Seeded, key: str) -> None:
    emulator, summary = seeded
    regional, list_ids = LISTERS[key]
    for region in fp.REGIONS if regional else (GLOBAL_REGION,):
        client_region = region if regional else fp.MAIN_REGION
        assert list_ids(emulator, client_region) == _seeded_ids(summary, key, region), (key, region)


def test_fleets_databases_and_messaging_match_the_footprint_tables(seeded: Seeded) -> None:
    emulator, summary = seeded
    counts = summary.counts_by_type_and_region()
    for region in fp.REGIONS:
        fleets = [fleet for fleet in fp.FLEETS if fleet.region == region]
        assert len(_instances(emulator, region)) == sum(fleet.desired for fleet in fleets)
        assert counts["aws.autoscaling.group"].get(region, 0) == len(fleets)
        databases = sum(1 for db in fp.DATABASES if db.region == region) + sum(
            1 for db in fp.DATABASES for replica in db.replicas if replica.region == region)
        assert counts["aws.rds.instance"].get(region, 0) == databases
        assert counts["aws.sqs.queue"].get(region, 0) == sum(1 for queue in fp.QUEUES if queue.region == region)
    assert counts["aws.route53.record_set"] == {GLOBAL_REGION: len(fp.RECORDS)}


def test_the_footprint_spans_three_regions_and_about_150_resources(seeded: Seeded) -> None:
    _, summary = seeded
    assert summary.regions == ("us-east-1", "us-west-2", "eu-west-1")
    assert set(summary.counts_by_region()) == {*summary.regions, GLOBAL_REGION}
    assert 140 <= summary.total <= 170
    assert len({resource.id for resource in summary.resources}) == summary.total
    assert sum(summary.counts_by_type().values()) == summary.total


def test_fleets_run_real_instance_types_including_gpu_transcoders(seeded: Seeded) -> None:
    emulator, _ = seeded
    ec2 = emulator.client("ec2", fp.MAIN_REGION)
    reservations = ec2.describe_instances(Filters=[{"Name": "tag:fleet", "Values": ["transcoder"]}])["Reservations"]
    types = {instance["InstanceType"] for r in reservations for instance in r["Instances"]}
    assert types == {"g4dn.xlarge"}
    gpus = ec2.describe_instance_types(InstanceTypes=["g4dn.xlarge"])["InstanceTypes"][0]["GpuInfo"]["Gpus"]
    assert gpus[0]["Count"] == 1


def test_postgres_has_two_local_replicas_and_one_in_the_standby_region(seeded: Seeded) -> None:
    emulator, _ = seeded
    primary = emulator.client("rds", fp.MAIN_REGION).describe_db_instances(
        DBInstanceIdentifier="soapbox-main")["DBInstances"][0]
    assert primary["Engine"] == "postgres" and primary["DBInstanceClass"] == "db.r5.2xlarge"
    assert len(primary["ReadReplicaDBInstanceIdentifiers"]) == 3
    standby = emulator.client("rds", fp.STANDBY_REGION).describe_db_instances()["DBInstances"][0]
    assert standby["ReadReplicaSourceDBInstanceIdentifier"] == primary["DBInstanceArn"]


def test_cloudwatch_reports_the_media_bucket_at_about_70_tb(seeded: Seeded) -> None:
    emulator, summary = seeded
    cloudwatch = emulator.client("cloudwatch", fp.MAIN_REGION)
    now = datetime.now(timezone.utc)

    def latest(metric: str, storage_type: str) -> float:
        datapoints = cloudwatch.get_metric_statistics(
            Namespace="AWS/S3", MetricName=metric, StartTime=now - timedelta(days=2), EndTime=now, Period=86400,
            Statistics=["Maximum"], Dimensions=[{"Name": "StorageType", "Value": storage_type},
                                                {"Name": "BucketName", "Value": summary.media_bucket}])["Datapoints"]
        return max(datapoints, key=lambda point: point["Timestamp"])["Maximum"]

    assert 69e12 <= latest("BucketSizeBytes", "StandardStorage") <= 71e12
    assert latest("NumberOfObjects", "AllStorageTypes") > 100_000_000
    assert summary.media_bucket_bytes == 70 * 1000**4


def test_small_buckets_hold_real_objects(seeded: Seeded) -> None:
    emulator, _ = seeded
    s3 = emulator.client("s3", fp.EDGE_REGION)
    listed = s3.list_objects_v2(Bucket="soapbox-eu-media-cache")["Contents"]
    assert {item["Key"] for item in listed} == {"hot/aa/aa01.jpg", "hot/ab/ab02.jpg"}
    assert all(item["Size"] > 1000 for item in listed)


def test_route53_records_carry_ttls_and_aliases(seeded: Seeded) -> None:
    emulator, _ = seeded
    route53 = emulator.client("route53", fp.MAIN_REGION)
    zone_id = route53.list_hosted_zones()["HostedZones"][0]["Id"]
    records = {(r["Name"], r["Type"]): r for r in route53.list_resource_record_sets(HostedZoneId=zone_id)["ResourceRecordSets"]}
    assert records[(f"legacy.{fp.DOMAIN}.", "A")]["TTL"] == 86400
    assert records[(f"www.{fp.DOMAIN}.", "CNAME")]["TTL"] == 300
    assert records[(f"media.{fp.DOMAIN}.", "A")]["AliasTarget"]["DNSName"].endswith("cloudfront.net")


def test_planted_secrets_are_really_in_the_emulator(seeded: Seeded) -> None:
    """The redaction check of the inventory is only meaningful if the secrets are there to leak."""
    emulator, summary = seeded
    region = fp.MAIN_REGION
    environment = emulator.client("lambda", region).get_function(
        FunctionName="soapbox-payments-webhook")["Configuration"]["Environment"]["Variables"]
    assert environment["PAYMENTS_API_KEY"] in summary.planted_secrets
    secret = emulator.client("secretsmanager", region).get_secret_value(SecretId="soapbox/prod/postgres-master")
    assert secret["SecretString"] in summary.planted_secrets
    ec2 = emulator.client("ec2", region)
    template_id = ec2.describe_launch_templates(LaunchTemplateNames=["soapbox-worker"])["LaunchTemplates"][0]["LaunchTemplateId"]
    version = ec2.describe_launch_template_versions(LaunchTemplateId=template_id)["LaunchTemplateVersions"][0]
    user_data = base64.b64decode(version["LaunchTemplateData"]["UserData"]).decode()
    assert fp.PLANTED_SECRETS["redis_auth_token"] in user_data


def test_not_found_in_names_what_an_inventory_lacks() -> None:
    summary = SeedSummary(
        resources=(), regions=fp.REGIONS, account_id="123456789012", planted_secrets=(), media_bucket="m",
        media_bucket_bytes=0)
    from planner.demo.seed import SeededResource

    queue = SeededResource("aws.sqs.queue", "arn:aws:sqs:us-east-1:123456789012:q", "us-east-1", "q")
    group = SeededResource("aws.autoscaling.group", "arn:aws:autoscaling:us-east-1:1:g", "us-east-1", "g", ("g",))
    summary = SeedSummary(**{**summary.__dict__, "resources": (queue, group)})
    by_name = Resource(key="aws.autoscaling.group", id="g", region="us-east-1", name="g")
    queue_elsewhere = Resource(key="aws.sqs.queue", id=queue.id, region="eu-west-1", name="q")
    assert summary.not_found_in([by_name, queue_elsewhere]) == [queue]
    assert summary.not_found_in([by_name, queue_elsewhere.model_copy(update={"region": "us-east-1"})]) == []
