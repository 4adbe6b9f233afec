"""Seed moto with a footprint of about N resources over 3 regions, fast.

The mix is one table (per 1,000 resources); each row is seeded by one small
function that batches where AWS (and moto) allow it: run_instances with
MinCount/MaxCount, change_resource_record_sets with many changes,
put_metric_data with many data points. moto's own defaults (a default VPC with
its subnets, security group, route table and gateway per region) come on top.
"""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

import boto3
from botocore.config import Config

REGIONS: tuple[str, ...] = ("us-east-1", "us-west-2", "eu-west-1")
GLOBAL_SEED_REGION = "us-east-1"
BENCH_CREDENTIALS = {"aws_access_key_id": "AKIABENCHBENCH000000", "aws_secret_access_key": "bench-not-a-secret"}
_CLIENT_CONFIG = Config(retries={"max_attempts": 3, "mode": "standard"}, read_timeout=300)
IMAGE_ID = "ami-12c6146b"  # one of moto's built-in Amazon Linux images
INSTANCE_TYPES = ("m5.large", "m5.xlarge", "c5.2xlarge", "t3.medium", "r5.large")
RUN_INSTANCES_BATCH = 25
RECORD_CHANGES_PER_CALL = 500
METRIC_DATA_PER_CALL = 20

# Resources per 1,000 of footprint. Instances each bring a root volume, and
# every third one a data volume too, so volumes are not a row of their own.
MIX_PER_1000: dict[str, int] = {
    "instances": 150,  # + ~200 volumes
    "security_groups": 50,
    "vpcs": 6,
    "subnets": 30,
    "elastic_ips": 15,
    "key_pairs": 10,
    "launch_templates": 10,
    "load_balancers": 5,  # each with a target group and a listener
    "db_instances": 6,
    "tables": 40,
    "queues": 60,
    "topics": 40,
    "functions": 40,
    "buckets": 50,
    "hosted_zones": 3,
    "records": 240,
}
# Every region needs a network to put the rest in, however small the footprint.
MINIMUM_PER_REGION: dict[str, int] = {"vpcs": 1, "subnets": 2, "security_groups": 1}
REGIONAL_ROWS = [name for name in MIX_PER_1000 if name not in {"buckets", "hosted_zones", "records"}]


@dataclass
class Footprint:
    size: int
    regions: tuple[str, ...] = REGIONS
    seeded: dict[str, int] = field(default_factory=dict)  # row -> count actually created


_SESSIONS = threading.local()  # boto3 sessions are not thread-safe; one per seeding thread


def client(service: str, region: str, endpoint_url: str) -> Any:
    if not hasattr(_SESSIONS, "session"):
        _SESSIONS.session = boto3.session.Session(**BENCH_CREDENTIALS)
    return _SESSIONS.session.client(service, region_name=region, endpoint_url=endpoint_url, config=_CLIENT_CONFIG)


def scaled_counts(size: int) -> dict[str, int]:
    """How many of each row a footprint of `size` resources holds (at least one of each)."""
    return {name: max(1, round(per_1000 * size / 1000)) for name, per_1000 in MIX_PER_1000.items()}


def split_over(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if index < extra else 0) for index in range(parts)]


def seed_footprint(endpoint_url: str, size: int, regions: tuple[str, ...] = REGIONS) -> Footprint:
    """Create about `size` resources over `regions` on the moto server at `endpoint_url`."""
    counts = scaled_counts(size)
    footprint = Footprint(size=size, regions=regions)
    role_arn = _seed_role(endpoint_url)
    jobs: list[Callable[[], dict[str, int]]] = [
        (lambda region=region, index=index: _seed_region(endpoint_url, region, index, counts, len(regions), role_arn))
        for index, region in enumerate(regions)
    ]
    jobs.append(lambda: _seed_global(endpoint_url, counts, regions))
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        for seeded in pool.map(lambda job: job(), jobs):
            for name, count in seeded.items():
                footprint.seeded[name] = footprint.seeded.get(name, 0) + count
    footprint.seeded["roles"] = 1
    return footprint


def _share(counts: dict[str, int], name: str, region_index: int, region_count: int) -> int:
    return max(MINIMUM_PER_REGION.get(name, 0), split_over(counts[name], region_count)[region_index])


def _seed_region(endpoint_url: str, region: str, index: int, counts: dict[str, int], region_count: int, role_arn: str) -> dict[str, int]:
    share = {name: _share(counts, name, index, region_count) for name in REGIONAL_ROWS}
    ec2 = client("ec2", region, endpoint_url)
    network = _seed_network(ec2, region, share["vpcs"], share["subnets"], share["security_groups"])
    seeded = {"vpcs": share["vpcs"], "subnets": len(network.subnet_ids), "security_groups": len(network.group_ids)}
    seeded.update(_seed_instances(ec2, network, share["instances"]))
    seeded["elastic_ips"] = _seed_elastic_ips(ec2, share["elastic_ips"])
    seeded["key_pairs"] = _seed_key_pairs(ec2, region, share["key_pairs"])
    seeded["launch_templates"] = _seed_launch_templates(ec2, region, network, share["launch_templates"])
    seeded.update(_seed_load_balancers(client("elbv2", region, endpoint_url), region, network, share["load_balancers"]))
    seeded["db_instances"] = _seed_db_instances(client("rds", region, endpoint_url), region, share["db_instances"])
    seeded["tables"] = _seed_tables(client("dynamodb", region, endpoint_url), region, share["tables"])
    seeded["queues"] = _seed_queues(client("sqs", region, endpoint_url), region, share["queues"])
    seeded["topics"] = _seed_topics(client("sns", region, endpoint_url), region, share["topics"])
    seeded["functions"] = _seed_functions(client("lambda", region, endpoint_url), region, share["functions"], role_arn)
    return seeded


@dataclass
class _Network:
    vpc_ids: list[str]
    subnet_ids: list[str]
    subnet_vpc: dict[str, str]
    subnet_az: dict[str, str]
    group_ids: list[str]
    group_vpc: dict[str, str]


def _seed_network(ec2: Any, region: str, vpcs: int, subnets: int, groups: int) -> _Network:
    zones = [zone["ZoneName"] for zone in ec2.describe_availability_zones()["AvailabilityZones"]][:3]
    network = _Network([], [], {}, {}, [], {})
    for vpc_index in range(vpcs):
        vpc_id = ec2.create_vpc(CidrBlock=f"10.{vpc_index}.0.0/16", TagSpecifications=_name_tag("vpc", f"{region}-vpc-{vpc_index}"))["Vpc"]["VpcId"]
        network.vpc_ids.append(vpc_id)
    for subnet_index in range(max(subnets, 2 * vpcs)):
        vpc_index = subnet_index % vpcs
        zone = zones[(subnet_index // vpcs) % len(zones)]
        subnet = ec2.create_subnet(
            VpcId=network.vpc_ids[vpc_index],
            CidrBlock=f"10.{vpc_index}.{subnet_index // vpcs}.0/24",
            AvailabilityZone=zone,
            TagSpecifications=_name_tag("subnet", f"{region}-subnet-{subnet_index}"),
        )["Subnet"]
        network.subnet_ids.append(subnet["SubnetId"])
        network.subnet_vpc[subnet["SubnetId"]] = network.vpc_ids[vpc_index]
        network.subnet_az[subnet["SubnetId"]] = zone
    for group_index in range(groups):
        vpc_id = network.vpc_ids[group_index % vpcs]
        group_id = ec2.create_security_group(GroupName=f"sg-{region}-{group_index}", Description="bench", VpcId=vpc_id)["GroupId"]
        ec2.authorize_security_group_ingress(
            GroupId=group_id, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]
        )
        network.group_ids.append(group_id)
        network.group_vpc[group_id] = vpc_id
    return network


def _seed_instances(ec2: Any, network: _Network, count: int) -> dict[str, int]:
    """Batches of run_instances; every third batch carries a second (data) volume per instance."""
    created = volumes = 0
    batch_index = 0
    while created < count:
        batch = min(RUN_INSTANCES_BATCH, count - created)
        subnet_id = network.subnet_ids[batch_index % len(network.subnet_ids)]
        groups = [group for group in network.group_ids if network.group_vpc[group] == network.subnet_vpc[subnet_id]][:2]
        mappings = [{"DeviceName": "/dev/sda1", "Ebs": {"VolumeSize": 20, "VolumeType": "gp3"}}]
        if batch_index % 3 == 0:
            mappings.append({"DeviceName": "/dev/sdf", "Ebs": {"VolumeSize": 200, "VolumeType": "gp3"}})
        ec2.run_instances(
            ImageId=IMAGE_ID,
            MinCount=batch,
            MaxCount=batch,
            InstanceType=INSTANCE_TYPES[batch_index % len(INSTANCE_TYPES)],
            SubnetId=subnet_id,
            SecurityGroupIds=groups,
            BlockDeviceMappings=mappings,
            TagSpecifications=_name_tag("instance", f"fleet-{batch_index}"),
        )
        created += batch
        volumes += batch * len(mappings)
        batch_index += 1
    return {"instances": created, "volumes": volumes}


def _seed_elastic_ips(ec2: Any, count: int) -> int:
    for _ in range(count):
        ec2.allocate_address(Domain="vpc")
    return count


def _seed_key_pairs(ec2: Any, region: str, count: int) -> int:
    for index in range(count):
        ec2.create_key_pair(KeyName=f"key-{region}-{index}")
    return count


def _seed_launch_templates(ec2: Any, region: str, network: _Network, count: int) -> int:
    for index in range(count):
        ec2.create_launch_template(
            LaunchTemplateName=f"lt-{region}-{index}",
            LaunchTemplateData={"ImageId": IMAGE_ID, "InstanceType": INSTANCE_TYPES[index % len(INSTANCE_TYPES)], "SecurityGroupIds": network.group_ids[:1]},
        )
    return count


def _seed_load_balancers(elbv2: Any, region: str, network: _Network, count: int) -> dict[str, int]:
    vpc_id = network.vpc_ids[0]
    subnets = [subnet for subnet in network.subnet_ids if network.subnet_vpc[subnet] == vpc_id]
    by_zone = {network.subnet_az[subnet]: subnet for subnet in subnets}
    for index in range(count):
        balancer = elbv2.create_load_balancer(Name=f"lb-{region}-{index}", Subnets=list(by_zone.values())[:2], Scheme="internet-facing", Type="application")
        group = elbv2.create_target_group(Name=f"tg-{region}-{index}", Protocol="HTTP", Port=80, VpcId=vpc_id, TargetType="instance")
        elbv2.create_listener(
            LoadBalancerArn=balancer["LoadBalancers"][0]["LoadBalancerArn"],
            Protocol="HTTP",
            Port=80,
            DefaultActions=[{"Type": "forward", "TargetGroupArn": group["TargetGroups"][0]["TargetGroupArn"]}],
        )
    return {"load_balancers": count, "target_groups": count, "listeners": count}


def _seed_db_instances(rds: Any, region: str, count: int) -> int:
    for index in range(count):
        rds.create_db_instance(
            DBInstanceIdentifier=f"db-{region}-{index}",
            DBInstanceClass="db.m5.large",
            Engine="postgres",
            EngineVersion="15.4",
            AllocatedStorage=100,
            MasterUsername="bench",
            MasterUserPassword="bench-password-not-real",
        )
    return count


def _seed_tables(dynamodb: Any, region: str, count: int) -> int:
    for index in range(count):
        dynamodb.create_table(
            TableName=f"table-{region}-{index}",
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
    return count


def _seed_queues(sqs: Any, region: str, count: int) -> int:
    for index in range(count):
        sqs.create_queue(QueueName=f"queue-{region}-{index}")
    return count


def _seed_topics(sns: Any, region: str, count: int) -> int:
    for index in range(count):
        sns.create_topic(Name=f"topic-{region}-{index}")
    return count


def _seed_functions(lambda_client: Any, region: str, count: int, role_arn: str) -> int:
    code = _tiny_zip()
    for index in range(count):
        lambda_client.create_function(
            FunctionName=f"fn-{region}-{index}",
            Runtime="python3.12",
            Role=role_arn,
            Handler="handler.main",
            Code={"ZipFile": code},
            MemorySize=256,
        )
    return count


def _seed_role(endpoint_url: str) -> str:
    iam = client("iam", GLOBAL_SEED_REGION, endpoint_url)
    policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
    return iam.create_role(RoleName="bench-lambda", AssumeRolePolicyDocument=policy)["Role"]["Arn"]


def _seed_global(endpoint_url: str, counts: dict[str, int], regions: tuple[str, ...]) -> dict[str, int]:
    buckets = _seed_buckets(endpoint_url, counts["buckets"], regions)
    zones, records = _seed_dns(client("route53", GLOBAL_SEED_REGION, endpoint_url), counts["hosted_zones"], counts["records"])
    return {"buckets": buckets, "hosted_zones": zones, "records": records}


def _seed_buckets(endpoint_url: str, count: int, regions: tuple[str, ...]) -> int:
    """Buckets spread over the regions, with the daily storage metrics AWS publishes for them."""
    yesterday = datetime.now(timezone.utc) - timedelta(days=1)
    per_region = split_over(count, len(regions))
    for region_index, region in enumerate(regions):
        s3 = client("s3", region, endpoint_url)
        names = [f"bench-bucket-{region}-{index}" for index in range(per_region[region_index])]
        for name in names:
            location = {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}
            s3.create_bucket(Bucket=name, **location)
        _seed_bucket_metrics(client("cloudwatch", region, endpoint_url), names, yesterday)
    return count


def _seed_bucket_metrics(cloudwatch: Any, bucket_names: list[str], when: datetime) -> None:
    data = []
    for index, name in enumerate(bucket_names):
        data.append(_bucket_datum("BucketSizeBytes", name, "StandardStorage", float((index + 1) * 10**9), "Bytes", when))
        data.append(_bucket_datum("NumberOfObjects", name, "AllStorageTypes", float((index + 1) * 1000), "Count", when))
    for start in range(0, len(data), METRIC_DATA_PER_CALL):
        cloudwatch.put_metric_data(Namespace="AWS/S3", MetricData=data[start : start + METRIC_DATA_PER_CALL])


def _bucket_datum(metric: str, bucket: str, storage_type: str, value: float, unit: str, when: datetime) -> dict[str, Any]:
    return {
        "MetricName": metric,
        "Dimensions": [{"Name": "BucketName", "Value": bucket}, {"Name": "StorageType", "Value": storage_type}],
        "Timestamp": when,
        "Value": value,
        "Unit": unit,
    }


def _seed_dns(route53: Any, zones: int, records: int) -> tuple[int, int]:
    per_zone = split_over(records, zones)
    for zone_index in range(zones):
        zone_name = f"bench{zone_index}.example.com"
        zone_id = route53.create_hosted_zone(Name=zone_name, CallerReference=f"bench-{zone_index}")["HostedZone"]["Id"]
        changes = [
            {
                "Action": "CREATE",
                "ResourceRecordSet": {"Name": f"host{index}.{zone_name}", "Type": "A", "TTL": 300, "ResourceRecords": [{"Value": f"10.1.{index // 250}.{index % 250 + 1}"}]},
            }
            for index in range(per_zone[zone_index])
        ]
        for start in range(0, len(changes), RECORD_CHANGES_PER_CALL):
            route53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={"Changes": changes[start : start + RECORD_CHANGES_PER_CALL]})
    return zones, records


def _name_tag(resource_type: str, name: str) -> list[dict[str, Any]]:
    return [{"ResourceType": resource_type, "Tags": [{"Key": "Name", "Value": name}, {"Key": "team", "Value": "bench"}]}]


def _tiny_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def main(event, context):\n    return 'ok'\n")
    return buffer.getvalue()
