"""Every source type, seeded in moto over real HTTP in three regions, is found with its props and refs.

The account is seeded and scanned once for the module; each test reads the result.
"""

from __future__ import annotations

import importlib
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import boto3
import pytest
from conftest import reset_moto

from planner.core.kinds import source_types
from planner.core.model.inventory import Inventory, Resource
from providers.aws.inventory import ScanOptions, scan_account

REGIONS = ["us-west-2", "us-east-1", "eu-west-1"]
MEDIA_BUCKET_BYTES = 70 * 1024**4  # 70 TiB, reported the way AWS does: a daily CloudWatch metric
MEDIA_BUCKET_OBJECTS = 123_456_789
TRUST_LAMBDA = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
TRUST_EKS = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "eks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}


@dataclass
class Seeded:
    """Ids of what the seed created, by a readable name."""

    ids: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, name: str) -> str:
        return self.ids[name]

    def __setitem__(self, name: str, value: str) -> None:
        self.ids[name] = value


def lambda_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app.py", "def handler(event, context):\n    return 'ok'\n")
    return buffer.getvalue()


def seed_network(clients: Any, seeded: Seeded) -> None:
    ec2 = clients("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.10.0.0/16")["Vpc"]["VpcId"]
    ec2.create_tags(Resources=[vpc], Tags=[{"Key": "Name", "Value": "social-vpc"}])
    subnet_a = ec2.create_subnet(VpcId=vpc, CidrBlock="10.10.1.0/24", AvailabilityZone="us-west-2a")["Subnet"]["SubnetId"]
    subnet_b = ec2.create_subnet(VpcId=vpc, CidrBlock="10.10.2.0/24", AvailabilityZone="us-west-2b")["Subnet"]["SubnetId"]
    web = ec2.create_security_group(GroupName="web", Description="web tier", VpcId=vpc)["GroupId"]
    app = ec2.create_security_group(GroupName="app", Description="app tier", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=web, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]
    )
    ec2.authorize_security_group_ingress(
        GroupId=app, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "UserIdGroupPairs": [{"GroupId": web}]}]
    )
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    route_table = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=route_table, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    ec2.associate_route_table(RouteTableId=route_table, SubnetId=subnet_a)
    nat_eip = ec2.allocate_address(Domain="vpc")["AllocationId"]
    nat = ec2.create_nat_gateway(SubnetId=subnet_a, AllocationId=nat_eip)["NatGateway"]["NatGatewayId"]
    seeded.ids.update(vpc=vpc, subnet_a=subnet_a, subnet_b=subnet_b, sg_web=web, sg_app=app, igw=igw, rtb=route_table, nat=nat, nat_eip=nat_eip)


def seed_compute(clients: Any, seeded: Seeded) -> None:
    ec2 = clients("ec2")
    key = ec2.create_key_pair(KeyName="deploy")
    template = ec2.create_launch_template(
        LaunchTemplateName="transcoder",
        LaunchTemplateData={"ImageId": "ami-12c6146b", "InstanceType": "g4dn.xlarge", "SecurityGroupIds": [seeded["sg_app"]]},
    )["LaunchTemplate"]["LaunchTemplateId"]
    instance = ec2.run_instances(
        MinCount=1, MaxCount=1, KeyName="deploy", SubnetId=seeded["subnet_a"],
        LaunchTemplate={"LaunchTemplateId": template, "Version": "$Latest"},
        TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "transcoder-1"}]}],
    )["Instances"][0]["InstanceId"]
    volume = ec2.create_volume(AvailabilityZone="us-west-2a", Size=500, VolumeType="gp3", Iops=6000, Throughput=250)["VolumeId"]
    ec2.attach_volume(VolumeId=volume, InstanceId=instance, Device="/dev/sdf")
    eip = ec2.allocate_address(Domain="vpc")
    ec2.associate_address(AllocationId=eip["AllocationId"], InstanceId=instance)
    seeded.ids.update(key_pair=key["KeyPairId"], launch_template=template, instance=instance, volume=volume, eip=eip["AllocationId"], eip_ip=eip["PublicIp"])


def seed_load_balancing(clients: Any, seeded: Seeded) -> None:
    elbv2 = clients("elbv2")
    lb = elbv2.create_load_balancer(Name="web-alb", Subnets=[seeded["subnet_a"], seeded["subnet_b"]], SecurityGroups=[seeded["sg_web"]], Scheme="internet-facing")["LoadBalancers"][0]
    target_group = elbv2.create_target_group(Name="web-tg", Protocol="HTTP", Port=8080, VpcId=seeded["vpc"], TargetType="instance", HealthCheckPath="/healthz")["TargetGroups"][0]["TargetGroupArn"]
    elbv2.register_targets(TargetGroupArn=target_group, Targets=[{"Id": seeded["instance"]}])
    listener = elbv2.create_listener(
        LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=80, DefaultActions=[{"Type": "forward", "TargetGroupArn": target_group}]
    )["Listeners"][0]["ListenerArn"]
    elb = clients("elb")
    elb.create_load_balancer(
        LoadBalancerName="legacy-elb", Listeners=[{"Protocol": "HTTP", "LoadBalancerPort": 80, "InstancePort": 8080}],
        Subnets=[seeded["subnet_a"]], SecurityGroups=[seeded["sg_web"]],
    )
    elb.register_instances_with_load_balancer(LoadBalancerName="legacy-elb", Instances=[{"InstanceId": seeded["instance"]}])
    autoscaling = clients("autoscaling")
    autoscaling.create_auto_scaling_group(
        AutoScalingGroupName="workers", MinSize=1, MaxSize=4, DesiredCapacity=2,
        LaunchTemplate={"LaunchTemplateId": seeded["launch_template"], "Version": "$Latest"},
        VPCZoneIdentifier=seeded["subnet_b"], TargetGroupARNs=[target_group],
    )
    seeded.ids.update(alb=lb["LoadBalancerArn"], alb_dns=lb["DNSName"], target_group=target_group, listener=listener)


def seed_databases(clients: Any, seeded: Seeded) -> None:
    rds = clients("rds")
    rds.create_db_subnet_group(DBSubnetGroupName="db", DBSubnetGroupDescription="db", SubnetIds=[seeded["subnet_a"], seeded["subnet_b"]])
    primary = rds.create_db_instance(
        DBInstanceIdentifier="pg-main", Engine="postgres", EngineVersion="16.3", DBInstanceClass="db.m5.large",
        AllocatedStorage=500, StorageType="gp3", MasterUsername="admin", MasterUserPassword="seed-password-1",
        DBSubnetGroupName="db", VpcSecurityGroupIds=[seeded["sg_app"]], MultiAZ=True, BackupRetentionPeriod=7,
    )["DBInstance"]["DBInstanceArn"]
    replica = rds.create_db_instance_read_replica(DBInstanceIdentifier="pg-replica", SourceDBInstanceIdentifier="pg-main")["DBInstance"]["DBInstanceArn"]
    cluster = rds.create_db_cluster(
        DBClusterIdentifier="aurora-main", Engine="aurora-postgresql", MasterUsername="admin", MasterUserPassword="seed-password-2",
        DBSubnetGroupName="db", VpcSecurityGroupIds=[seeded["sg_app"]],
    )["DBCluster"]["DBClusterArn"]
    member = rds.create_db_instance(
        DBInstanceIdentifier="aurora-main-1", DBClusterIdentifier="aurora-main", Engine="aurora-postgresql", DBInstanceClass="db.r6g.large"
    )["DBInstance"]["DBInstanceArn"]
    elasticache = clients("elasticache")
    group = elasticache.create_replication_group(
        ReplicationGroupId="sessions", ReplicationGroupDescription="sessions", Engine="redis", CacheNodeType="cache.r6g.large", NumCacheClusters=2,
    )["ReplicationGroup"]["ARN"]
    memcached = elasticache.create_cache_cluster(CacheClusterId="fragments", Engine="memcached", CacheNodeType="cache.m5.large", NumCacheNodes=2)["CacheCluster"]["ARN"]
    dynamodb = clients("dynamodb")
    table = dynamodb.create_table(
        TableName="timeline", BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "user", "AttributeType": "S"}, {"AttributeName": "ts", "AttributeType": "N"}],
        KeySchema=[{"AttributeName": "user", "KeyType": "HASH"}, {"AttributeName": "ts", "KeyType": "RANGE"}],
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"}, Tags=[{"Key": "team", "Value": "feed"}],
    )["TableDescription"]["TableArn"]
    for number in range(3):
        dynamodb.put_item(TableName="timeline", Item={"user": {"S": f"u{number}"}, "ts": {"N": str(number)}})
    efs = clients("efs")
    file_system = efs.create_file_system(CreationToken="media-scratch", PerformanceMode="generalPurpose", Encrypted=True, Tags=[{"Key": "Name", "Value": "scratch"}])["FileSystemId"]
    efs.create_mount_target(FileSystemId=file_system, SubnetId=seeded["subnet_a"])
    seeded.ids.update(rds_primary=primary, rds_replica=replica, aurora=cluster, aurora_member=member, redis=group, memcached=memcached, table=table, efs=file_system)


def seed_apps(clients: Any, seeded: Seeded) -> None:
    iam = clients("iam")
    role = iam.create_role(RoleName="api-lambda", AssumeRolePolicyDocument=json.dumps(TRUST_LAMBDA))["Role"]["Arn"]
    logs_policy = iam.create_policy(PolicyName="lambda-logs", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "logs:*", "Resource": "*"}]}))
    iam.attach_role_policy(RoleName="api-lambda", PolicyArn=logs_policy["Policy"]["Arn"])
    iam.put_role_policy(RoleName="api-lambda", PolicyName="read-media", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}))
    eks_role = iam.create_role(RoleName="eks-cluster", AssumeRolePolicyDocument=json.dumps(TRUST_EKS))["Role"]["Arn"]
    function = clients("lambda").create_function(
        FunctionName="thumbnailer", Runtime="python3.12", Role=role, Handler="app.handler", Code={"ZipFile": lambda_zip()},
        MemorySize=1024, Timeout=30, Environment={"Variables": {"MEDIA_BUCKET": "media"}},
        VpcConfig={"SubnetIds": [seeded["subnet_a"]], "SecurityGroupIds": [seeded["sg_app"]]}, Tags={"team": "media"},
    )["FunctionArn"]
    sqs = clients("sqs")
    dlq_url = sqs.create_queue(QueueName="jobs-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    jobs_url = sqs.create_queue(
        QueueName="jobs", Attributes={"VisibilityTimeout": "120", "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 5})},
        tags={"team": "jobs"},
    )["QueueUrl"]
    jobs_arn = sqs.get_queue_attributes(QueueUrl=jobs_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns = clients("sns")
    topic = sns.create_topic(Name="uploads", Tags=[{"Key": "team", "Value": "media"}])["TopicArn"]
    sns.subscribe(TopicArn=sns.create_topic(Name="other-topic")["TopicArn"], Protocol="sqs", Endpoint=dlq_arn)
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=jobs_arn)
    sns.subscribe(TopicArn=topic, Protocol="https", Endpoint="https://hooks.example.com/upload?token=abc123")
    seeded.ids.update(role=role, eks_role=eks_role, function=function, dlq=dlq_arn, jobs=jobs_arn, topic=topic)


def seed_containers(clients: Any, seeded: Seeded) -> None:
    ecs = clients("ecs")
    cluster = ecs.create_cluster(clusterName="api")["cluster"]["clusterArn"]
    task = ecs.register_task_definition(
        family="api", networkMode="awsvpc", cpu="512", memory="1024", requiresCompatibilities=["FARGATE"], taskRoleArn=seeded["role"],
        containerDefinitions=[{"name": "api", "image": "example/api:1.2", "cpu": 512, "memory": 1024, "portMappings": [{"containerPort": 8080}]}],
    )["taskDefinition"]["taskDefinitionArn"]
    service = ecs.create_service(
        cluster="api", serviceName="api", taskDefinition=task, desiredCount=3, launchType="FARGATE",
        loadBalancers=[{"targetGroupArn": seeded["target_group"], "containerName": "api", "containerPort": 8080}],
    )["service"]["serviceArn"]
    eks = clients("eks")
    eks_cluster = eks.create_cluster(
        name="media", version="1.30", roleArn=seeded["eks_role"], resourcesVpcConfig={"subnetIds": [seeded["subnet_a"], seeded["subnet_b"]], "securityGroupIds": [seeded["sg_app"]]}
    )["cluster"]["arn"]
    eks.create_nodegroup(
        clusterName="media", nodegroupName="gpu", nodeRole=seeded["eks_role"], subnets=[seeded["subnet_a"]],
        instanceTypes=["g4dn.xlarge"], scalingConfig={"minSize": 1, "maxSize": 5, "desiredSize": 2},
    )
    ecr = clients("ecr")
    repository = ecr.create_repository(repositoryName="api")["repository"]["repositoryArn"]
    manifest = {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json", "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 7023, "digest": "sha256:" + "a" * 64}, "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": 32654, "digest": "sha256:" + "b" * 64}]}
    ecr.put_image(repositoryName="api", imageManifest=json.dumps(manifest), imageTag="1.2")
    seeded.ids.update(ecs_cluster=cluster, task_definition=task, ecs_service=service, eks=eks_cluster, ecr=repository)


def seed_security(clients: Any, seeded: Seeded) -> None:
    kms = clients("kms")
    key = kms.create_key(Description="secrets key")["KeyMetadata"]
    kms.create_alias(AliasName="alias/secrets", TargetKeyId=key["KeyId"])
    secret = clients("secretsmanager").create_secret(Name="db/main", SecretString="seeded-secret-value", KmsKeyId=key["KeyId"])["ARN"]
    certificate = clients("acm").request_certificate(DomainName="api.social.example", SubjectAlternativeNames=["api.social.example", "www.social.example"])["CertificateArn"]
    seeded.ids.update(kms_key=key["Arn"], secret=secret, certificate=certificate)


def seed_global(clients_in: Any, seeded: Seeded) -> None:
    us_east = clients_in("us-east-1")
    eu_west = clients_in("eu-west-1")
    s3 = us_east("s3")
    s3.create_bucket(Bucket="social-media")
    s3.put_bucket_versioning(Bucket="social-media", VersioningConfiguration={"Status": "Enabled"})
    s3.put_bucket_tagging(Bucket="social-media", Tagging={"TagSet": [{"Key": "team", "Value": "media"}]})
    s3.put_object(Bucket="social-media", Key="a.jpg", Body=b"x" * 1000)
    midnight = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=1)
    us_east("cloudwatch").put_metric_data(
        Namespace="AWS/S3",
        MetricData=[
            {"MetricName": "BucketSizeBytes", "Dimensions": [{"Name": "BucketName", "Value": "social-media"}, {"Name": "StorageType", "Value": "StandardStorage"}], "Timestamp": midnight, "Value": MEDIA_BUCKET_BYTES, "Unit": "Bytes"},
            {"MetricName": "NumberOfObjects", "Dimensions": [{"Name": "BucketName", "Value": "social-media"}, {"Name": "StorageType", "Value": "AllStorageTypes"}], "Timestamp": midnight, "Value": MEDIA_BUCKET_OBJECTS, "Unit": "Count"},
        ],
    )
    eu_s3 = eu_west("s3")
    eu_s3.create_bucket(Bucket="social-web-eu", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    eu_s3.put_bucket_website(Bucket="social-web-eu", WebsiteConfiguration={"IndexDocument": {"Suffix": "index.html"}})
    route53 = us_east("route53")
    zone = route53.create_hosted_zone(Name="social.example", CallerReference="seed-1")["HostedZone"]["Id"].rsplit("/", 1)[-1]
    route53.change_resource_record_sets(
        HostedZoneId=zone,
        ChangeBatch={"Changes": [
            {"Action": "CREATE", "ResourceRecordSet": {"Name": "mail.social.example", "Type": "MX", "TTL": 3600, "ResourceRecords": [{"Value": "10 mx.social.example"}]}},
            {"Action": "CREATE", "ResourceRecordSet": {"Name": "api.social.example", "Type": "A", "AliasTarget": {"HostedZoneId": "Z1H1FL5HABSF5", "DNSName": seeded["alb_dns"], "EvaluateTargetHealth": False}}},
        ]},
    )
    certificate = us_east("acm").request_certificate(DomainName="cdn.social.example")["CertificateArn"]
    distribution = us_east("cloudfront").create_distribution(
        DistributionConfig={
            "CallerReference": "seed-cdn", "Comment": "media", "Enabled": True, "Aliases": {"Quantity": 1, "Items": ["cdn.social.example"]},
            "Origins": {"Quantity": 1, "Items": [{"Id": "media", "DomainName": "social-media.s3.amazonaws.com", "S3OriginConfig": {"OriginAccessIdentity": ""}}]},
            "DefaultCacheBehavior": {"TargetOriginId": "media", "ViewerProtocolPolicy": "redirect-to-https", "MinTTL": 0, "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}}, "TrustedSigners": {"Enabled": False, "Quantity": 0}},
            "ViewerCertificate": {"ACMCertificateArn": certificate, "SSLSupportMethod": "sni-only"},
            "PriceClass": "PriceClass_100",
        }
    )["Distribution"]
    private = route53.create_hosted_zone(
        Name="internal.social.example", CallerReference="seed-2", HostedZoneConfig={"PrivateZone": True},
        VPC={"VPCRegion": "us-west-2", "VPCId": seeded["vpc"]},
    )["HostedZone"]["Id"].rsplit("/", 1)[-1]
    eu_west("sqs").create_queue(QueueName="eu-events")
    eu_west("dynamodb").create_table(
        TableName="eu-sessions", AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}], ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 7},
    )
    seeded.ids.update(private_zone=private, zone=zone, distribution=distribution["Id"], distribution_domain=distribution["DomainName"], cdn_certificate=certificate)


def area_seeds() -> list[Any]:
    """`seed` of every tests/seeds/seed_<area>.py, in file-name order."""
    folder = Path(__file__).parent / "seeds"
    return [importlib.import_module(f"seeds.{path.stem}").seed for path in sorted(folder.glob("seed_*.py"))]


@pytest.fixture(scope="module")
def scanned(moto_server_url: str) -> Iterator[tuple[Seeded, Inventory]]:
    reset_moto(moto_server_url)

    def clients_in(region: str) -> Any:
        return lambda service: boto3.client(service, region_name=region, endpoint_url=moto_server_url)

    seeded = Seeded()
    west = clients_in("us-west-2")
    for seed in (seed_network, seed_compute, seed_load_balancing, seed_databases, seed_apps, seed_containers, seed_security):
        seed(west, seeded)
    seed_global(clients_in, seeded)
    for seed in area_seeds():
        seed(clients_in, seeded)
    inventory = scan_account(ScanOptions(regions=REGIONS, endpoint_url=moto_server_url, concurrency=8))
    yield seeded, inventory


def find(inventory: Inventory, key: str, resource_id: str) -> Resource:
    matches = [resource for resource in inventory.resources if resource.key == key and resource.id == resource_id]
    assert matches, f"{key} {resource_id} not in inventory; found {[r.id for r in inventory.resources if r.key == key]}"
    assert len(matches) == 1
    return matches[0]


def test_scan_finds_every_source_type_without_errors(scanned: tuple[Seeded, Inventory]) -> None:
    _, inventory = scanned
    found = {resource.key for resource in inventory.resources}
    assert set(source_types()) - found == set()
    assert inventory.errors == []
    assert inventory.source.regions == REGIONS
    assert inventory.source.account_id == "123456789012"
    assert inventory.stats.api_requests > 50
    assert inventory.stats.duration_seconds > 0


def test_ids_are_unique_and_regions_are_real(scanned: tuple[Seeded, Inventory]) -> None:
    _, inventory = scanned
    ids = [resource.id for resource in inventory.resources]
    assert len(ids) == len(set(ids))
    assert {resource.region for resource in inventory.resources} <= {*REGIONS, "global"}


def test_ec2_instance_has_type_facts_and_refs(scanned: tuple[Seeded, Inventory]) -> None:
    seeded, inventory = scanned
    instance = find(inventory, "aws.ec2.instance", seeded["instance"])
    assert instance.name == "transcoder-1"
    props = instance.props
    assert (props["instance_type"], props["vcpu"], props["memory_mib"]) == ("g4dn.xlarge", 4, 16384)
    assert (props["gpu_count"], props["gpu_memory_mib"]) == (1, 16384)
    assert "T4" in props["gpu_model"]
    assert props["architecture"] == "x86_64" and props["burstable"] is False
    assert props["launch_template_id"] == seeded["launch_template"]
    assert props["availability_zone"] == "us-west-2a"
    assert props["public_ip"] == seeded["eip_ip"]
    for ref in ("subnet_a", "sg_app", "volume", "launch_template", "key_pair"):
        assert seeded[ref] in instance.refs, ref


def test_instance_types_are_described_in_batches_not_per_instance(scanned: tuple[Seeded, Inventory]) -> None:
    _, inventory = scanned
    instances = [resource for resource in inventory.resources if resource.key == "aws.ec2.instance"]
    assert len(instances) >= 3  # the seeded one and the auto scaling group's two
    assert all(resource.props["vcpu"] == 4 for resource in instances)
    calls = inventory.stats.model_dump()["calls_by_operation"]
    assert calls["ec2:DescribeInstanceTypes"] == 1  # one region has instances, all of one type
    assert calls["ec2:DescribeInstances"] == len(REGIONS)


def test_volume_address_key_pair_launch_template(scanned: tuple[Seeded, Inventory]) -> None:
    seeded, inventory = scanned
    volume = find(inventory, "aws.ec2.volume", seeded["volume"]).props
    assert (volume["size_gib"], volume["volume_type"], volume["iops"], volume["throughput_mibps"]) == (500, "gp3", 6000, 250)
    assert volume["attached_instance_ids"] == [seeded["instance"]]
    address = find(inventory, "aws.ec2.elastic_ip", seeded["eip"])
    assert address.props["instance_id"] == seeded["instance"] and address.refs == [seeded["instance"]]
    key_pair = find(inventory, "aws.ec2.key_pair", seeded["key_pair"])
    assert key_pair.name == "deploy" and key_pair.props["fingerprint"]
    template = find(inventory, "aws.ec2.launch_template", seeded["launch_template"])
    assert template.props["instance_type"] == "g4dn.xlarge"
    assert template.props["security_group_ids"] == [seeded["sg_app"]] and template.refs == [seeded["sg_app"]]


def test_network(scanned: tuple[Seeded, Inventory]) -> None:
    seeded, inventory = scanned
    vpc = find(inventory, "aws.ec2.vpc", seeded["vpc"])
    assert vpc.name == "social-vpc" and vpc.props["cidr_block"] == "10.10.0.0/16" and vpc.props["is_default"] is False
    subnet = find(inventory, "aws.ec2.subnet", seeded["subnet_b"])
    assert subnet.props["availability_zone"] == "us-west-2b" and subnet.refs == [seeded["vpc"]]
    app = find(inventory, "aws.ec2.security_group", seeded["sg_app"])
    assert app.props["ingress"][0]["source_group_ids"] == [seeded["sg_web"]]
    assert seeded["sg_web"] in app.refs and seeded["vpc"] in app.refs
    web = find(inventory, "aws.ec2.security_group", seeded["sg_web"]).props
    assert web["ingress"][0] == {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidrs": ["0.0.0.0/0"], "ipv6_cidrs": [], "source_group_ids": [], "prefix_list_ids": []}
    route_table = find(inventory, "aws.ec2.route_table", seeded["rtb"])
    assert {"destination": "0.0.0.0/0", "target": seeded["igw"], "state": "active"} in route_table.props["routes"]
    assert route_table.props["subnet_ids"] == [seeded["subnet_a"]]
    assert {seeded["vpc"], seeded["subnet_a"], seeded["igw"]} <= set(route_table.refs)
    assert find(inventory, "aws.ec2.internet_gateway", seeded["igw"]).refs == [seeded["vpc"]]
    nat = find(inventory, "aws.ec2.nat_gateway", seeded["nat"])
    assert nat.props["connectivity_type"] == "public" and nat.props["public_ip"]
    assert seeded["subnet_a"] in nat.refs and seeded["vpc"] in nat.refs
    default_vpcs = [resource for resource in inventory.resources if resource.key == "aws.ec2.vpc" and resource.props["is_default"]]
    assert {resource.region for resource in default_vpcs} == set(REGIONS)


def test_load_balancers_listeners_target_groups(scanned: tuple[Seeded, Inventory]) -> None:
    seeded, inventory = scanned
    lb = find(inventory, "aws.elbv2.load_balancer", seeded["alb"])
    assert (lb.name, lb.props["type"], lb.props["scheme"], lb.props["dns_name"]) == ("web-alb", "application", "internet-facing", seeded["alb_dns"])
    assert {seeded["subnet_a"], seeded["subnet_b"], seeded["sg_web"]} <= set(lb.refs)
    listener = find(inventory, "aws.elbv2.listener", seeded["listener"])
    assert (listener.props["protocol"], listener.props["port"], listener.props["default_action_type"]) == ("HTTP", 80, "forward")
    assert {seeded["alb"], seeded["target_group"]} <= set(listener.refs)
    target_group = find(inventory, "aws.elbv2.target_group", seeded["target_group"])
    assert target_group.props["health_check_path"] == "/healthz" and target_group.props["port"] == 8080
    assert seeded["instance"] in target_group.props["target_ids"]
    assert {seeded["alb"], seeded["vpc"], seeded["instance"]} <= set(target_group.refs)
    classic = [resource for resource in inventory.resources if resource.key == "aws.elb.load_balancer"]
    assert [resource.name for resource in classic] == ["legacy-elb"]
    assert classic[0].id == "arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/legacy-elb"
    assert classic[0].props["listeners"][0]["instance_port"] == 8080
    assert seeded["instance"] in classic[0].refs and seeded["sg_web"] in classic[0].refs


def test_autoscaling_group(scanned: tuple[Seeded, Inventory]) -> None:
    seeded, inventory = scanned
    groups = {resource.name: resource for resource in inventory.resources if resource.key == "aws.autoscaling.group"}
    assert set(groups) == {"workers", "legacy-workers"}
    props = groups["workers"].props
    assert (props["min_size"], props["max_size"], props["desired_capacity"]) == (1, 4, 2)
    assert props["launch_template_id"] == seeded["launch_template"] and props["instance_type"] == "g4dn.xlarge"
    assert len(props["instance_ids"]) == 2
    assert {seeded["launch_template"], seeded["subnet_b"], seeded["target_group"], *props["instance_ids"]} <= set(groups["workers"].refs)
    members = [resource for resource in inventory.resources if resource.props.get("autoscaling_group") == "workers"]
    assert {member.id for member in members} == set(props["instance_ids"])



def test_launch_configuration_is_kept_without_its_user_data(scanned: tuple[Seeded, Inventory]) -> None:
    from seeds.seed_launch_configuration import USER_DATA_SECRET

    seeded, inventory = scanned
    configuration = find(inventory, "aws.autoscaling.launch_configuration", seeded["launch_configuration"])
    props = configuration.props
    assert (props["instance_type"], props["image_id"], props["has_user_data"]) == ("c5.large", "ami-12c6146b", True)
    assert props["security_group_ids"] == [seeded["sg_app"]] and props["detailed_monitoring"] is True
    assert props["block_devices"][0]["volume_size_gib"] == 30
    legacy = next(r for r in inventory.resources if r.key == "aws.autoscaling.group" and r.name == "legacy-workers")
    assert legacy.props["launch_configuration_arn"] == seeded["launch_configuration"]
    assert seeded["launch_configuration"] in legacy.refs
    assert USER_DATA_SECRET not in inventory.model_dump_json()
    assert "UserData" not in inventory.model_dump_json()

def test_rds_instances_replicas_and_clusters(scanned: tuple[Seeded, Inventory]) -> None:
    seeded, inventory = scanned
    primary = find(inventory, "aws.rds.instance", seeded["rds_primary"])
    props = primary.props
    assert (props["engine"], props["engine_version"], props["instance_class"]) == ("postgres", "16.3", "db.m5.large")
    assert (props["allocated_storage_gib"], props["storage_type"], props["multi_az"], props["backup_retention_days"]) == (500, "gp3", True, 7)
    assert props["read_replica_ids"] == [seeded["rds_replica"]] and props["read_replica_source"] is None
    assert {seeded["subnet_a"], seeded["subnet_b"], seeded["sg_app"]} <= set(primary.refs)
    replica = find(inventory, "aws.rds.instance", seeded["rds_replica"])
    assert replica.props["read_replica_source"] == seeded["rds_primary"] and seeded["rds_primary"] in replica.refs
    cluster = find(inventory, "aws.rds.cluster", seeded["aurora"])
    assert cluster.props["engine"] == "aurora-postgresql" and cluster.props["member_ids"] == [seeded["aurora_member"]]
    assert seeded["aurora_member"] in cluster.refs
    member = find(inventory, "aws.rds.instance", seeded["aurora_member"])
    assert member.props["cluster_id"] == seeded["aurora"] and seeded["aurora"] in member.refs


def test_tags_come_in_bulk_from_the_tagging_api(scanned: tuple[Seeded, Inventory]) -> None:
    seeded, inventory = scanned
    assert find(inventory, "aws.sqs.queue", seeded["jobs"]).tags == {"team": "jobs"}
    assert find(inventory, "aws.sqs.queue", seeded["dlq"]).tags == {}
    assert find(inventory, "aws.sns.topic", seeded["topic"]).tags == {"team": "media"}
    assert find(inventory, "aws.dynamodb.table", seeded["table"]).tags == {"team": "feed"}
    assert find(inventory, "aws.lambda.function", seeded["function"]).tags == {"team": "media"}
    calls = inventory.stats.calls_by_operation
    one_per_resource = ["sqs:ListQueueTags", "sns:ListTagsForResource", "dynamodb:ListTagsOfResource", "lambda:ListTags", "s3:GetBucketTagging"]
    assert [operation for operation in one_per_resource if operation in calls] == []
    assert calls["resourcegroupstaggingapi:GetResources"] == len(REGIONS)  # one page per region for this footprint


def test_subscriptions_and_bucket_regions_are_listed_not_asked_per_item(scanned: tuple[Seeded, Inventory]) -> None:
    _, inventory = scanned
    calls = inventory.stats.calls_by_operation
    assert "sns:ListSubscriptionsByTopic" not in calls and calls["sns:ListSubscriptions"] == 1  # us-west-2 has topics
    # moto 5.2.5 leaves BucketRegion out of ListBuckets but honours its BucketRegion filter
    assert "s3:GetBucketLocation" not in calls and calls["s3:ListBuckets"] == 1 + len(REGIONS)
    other = next(resource for resource in inventory.resources if resource.key == "aws.sns.topic" and resource.name == "other-topic")
    assert other.props["subscription_count"] == 1 and other.props["subscriptions"][0]["protocol"] == "sqs"


def test_caches_and_tables(scanned: tuple[Seeded, Inventory]) -> None:
    seeded, inventory = scanned
    redis = find(inventory, "aws.elasticache.replication_group", seeded["redis"])
    # moto 5.2.5 creates one member whatever NumCacheClusters says, and no member cache clusters
    assert (redis.props["engine"], redis.props["node_type"], redis.props["num_nodes"]) == ("redis", "cache.r6g.large", 1)
    memcached = find(inventory, "aws.elasticache.cluster", seeded["memcached"])
    assert (memcached.props["engine"], memcached.props["num_nodes"]) == ("memcached", 2)
    clusters = [resource for resource in inventory.resources if resource.key == "aws.elasticache.cluster"]
    assert len(clusters) == 1  # the redis group's member nodes are not listed twice
    table = find(inventory, "aws.dynamodb.table", seeded["table"]).props
    assert (table["billing_mode"], table["item_count"], table["stream_enabled"], table["gsi_count"]) == ("PAY_PER_REQUEST", 3, True, 0)
    assert table["key_schema"] == [{"name": "user", "type": "HASH"}, {"name": "ts", "type": "RANGE"}]
    assert isinstance(table["size_bytes"], int)  # moto reports 0; AWS refreshes it about every six hours
    eu_table = next(resource for resource in inventory.resources if resource.key == "aws.dynamodb.table" and resource.name == "eu-sessions")
    assert eu_table.region == "eu-west-1"
    assert (eu_table.props["billing_mode"], eu_table.props["read_capacity"], eu_table.props["write_capacity"]) == ("PROVISIONED", 5, 7)


def test_s3_buckets_region_versioning_website_and_size(scanned: tuple[Seeded, Inventory]) -> None:
    _, inventory = scanned
    media = find(inventory, "aws.s3.bucket", "arn:aws:s3:::social-media")
    assert media.region == "us-east-1" and media.tags == {"team": "media"}
    assert (media.props["versioning"], media.props["website"]) == ("Enabled", False)
    assert media.props["size_source"] == "cloudwatch"
    assert media.props["size_bytes"] == MEDIA_BUCKET_BYTES
    assert media.props["object_count"] == MEDIA_BUCKET_OBJECTS
    assert media.props["storage_class_bytes"] == {"STANDARD": MEDIA_BUCKET_BYTES}
    web = find(inventory, "aws.s3.bucket", "arn:aws:s3:::social-web-eu")
    assert web.region == "eu-west-1"
    assert (web.props["versioning"], web.props["website"]) == ("Disabled", True)


def test_efs_lambda_sqs_sns(scanned: tuple[Seeded, Inventory]) -> None:
    seeded, inventory = scanned
    efs = find(inventory, "aws.efs.file_system", seeded["efs"])
    assert efs.name == "scratch" and efs.props["encrypted"] is True and efs.props["mount_target_subnet_ids"] == [seeded["subnet_a"]]
    assert efs.refs == [seeded["subnet_a"]]
    function = find(inventory, "aws.lambda.function", seeded["function"])
    props = function.props
    assert (props["runtime"], props["memory_mb"], props["timeout_s"], props["handler"]) == ("python3.12", 1024, 30, "app.handler")
    assert props["code_size_bytes"] > 0 and props["env_var_names"] == ["MEDIA_BUCKET"]
    assert {seeded["role"], seeded["subnet_a"], seeded["sg_app"]} <= set(function.refs)
    jobs = find(inventory, "aws.sqs.queue", seeded["jobs"])
    assert (jobs.name, jobs.props["visibility_timeout_s"], jobs.props["dlq_arn"], jobs.props["fifo"]) == ("jobs", 120, seeded["dlq"], False)
    assert jobs.refs == [seeded["dlq"]]
    topic = find(inventory, "aws.sns.topic", seeded["topic"])
    assert topic.props["subscription_count"] == 2
    assert {"protocol": "https", "endpoint": "https://hooks.example.com"} in topic.props["subscriptions"]
    assert topic.refs == [seeded["jobs"]]
    assert "abc123" not in json.dumps(topic.props)
    eu_queue = next(resource for resource in inventory.resources if resource.key == "aws.sqs.queue" and resource.name == "eu-events")
    assert eu_queue.region == "eu-west-1"


def test_dns_cdn_and_certificates(scanned: tuple[Seeded, Inventory]) -> None:
    seeded, inventory = scanned
    zone = find(inventory, "aws.route53.zone", seeded["zone"])
    assert zone.region == "global" and zone.props["zone_name"] == "social.example." and zone.props["private_zone"] is False
    assert zone.props["record_count"] == 4  # SOA, NS and the two seeded
    private = find(inventory, "aws.route53.zone", seeded["private_zone"])
    assert private.props["private_zone"] is True and private.props["vpc_ids"] == [seeded["vpc"]]
    mx = find(inventory, "aws.route53.record_set", f"{seeded['zone']}/mail.social.example./MX")
    assert (mx.props["ttl"], mx.props["values"], mx.refs) == (3600, ["10 mx.social.example"], [seeded["zone"]])
    alias = find(inventory, "aws.route53.record_set", f"{seeded['zone']}/api.social.example./A")
    assert alias.props["ttl"] is None and alias.props["alias_target"] == seeded["alb_dns"]
    assert alias.refs == [seeded["zone"], seeded["alb"]]
    distribution = find(inventory, "aws.cloudfront.distribution", seeded["distribution"])
    assert distribution.region == "global"
    assert distribution.props["aliases"] == ["cdn.social.example"] and distribution.props["price_class"] == "PriceClass_100"
    assert distribution.props["origins"][0]["domain_name"] == "social-media.s3.amazonaws.com"
    assert distribution.props["certificate_arn"] == seeded["cdn_certificate"]
    assert distribution.refs == ["arn:aws:s3:::social-media", seeded["cdn_certificate"]]
    certificate = find(inventory, "aws.acm.certificate", seeded["certificate"])
    assert certificate.region == "us-west-2" and certificate.props["domain_name"] == "api.social.example"
    assert sorted(certificate.props["subject_alternative_names"]) == ["api.social.example", "www.social.example"]
    assert certificate.props["type"] == "AMAZON_ISSUED"
    assert find(inventory, "aws.acm.certificate", seeded["cdn_certificate"]).region == "us-east-1"


def test_containers(scanned: tuple[Seeded, Inventory]) -> None:
    seeded, inventory = scanned
    cluster = find(inventory, "aws.ecs.cluster", seeded["ecs_cluster"])
    assert cluster.name == "api" and cluster.props["status"] == "ACTIVE"
    service = find(inventory, "aws.ecs.service", seeded["ecs_service"])
    assert (service.props["launch_type"], service.props["desired_count"]) == ("FARGATE", 3)
    assert service.props["load_balancer_target_groups"] == [seeded["target_group"]]
    assert {seeded["ecs_cluster"], seeded["task_definition"], seeded["target_group"]} <= set(service.refs)
    task = find(inventory, "aws.ecs.task_definition", seeded["task_definition"])
    assert (task.props["family"], task.props["revision"], task.props["cpu"], task.props["memory"]) == ("api", 1, "512", "1024")
    assert task.props["containers"][0]["image"] == "example/api:1.2"
    assert task.props["containers"][0]["port_mappings"][0]["container_port"] == 8080
    assert task.refs == [seeded["role"]]
    eks = find(inventory, "aws.eks.cluster", seeded["eks"])
    assert eks.name == "media" and eks.props["version"] == "1.30"
    assert eks.props["node_groups"][0]["name"] == "gpu" and eks.props["node_groups"][0]["instance_types"] == ["g4dn.xlarge"]
    assert eks.props["node_groups"][0]["desired_size"] == 2
    assert {seeded["subnet_a"], seeded["subnet_b"], seeded["sg_app"], seeded["eks_role"]} <= set(eks.refs)
    repository = find(inventory, "aws.ecr.repository", seeded["ecr"])
    assert repository.props["image_count"] == 1 and repository.props["size_bytes"] > 0
    assert repository.props["repository_uri"].endswith("/api")


def test_identity_and_secrets(scanned: tuple[Seeded, Inventory]) -> None:
    seeded, inventory = scanned
    role = find(inventory, "aws.iam.role", seeded["role"])
    assert role.region == "global" and role.name == "api-lambda"
    assert role.props["attached_policy_names"] == ["lambda-logs"]
    assert role.props["inline_policy_names"] == ["read-media"]
    assert role.props["trusted_services"] == ["lambda.amazonaws.com"]
    calls = inventory.stats.calls_by_operation  # one paged call for every role, none per role
    assert calls["iam:GetAccountAuthorizationDetails"] == 1 and "iam:ListRolePolicies" not in calls
    secret = find(inventory, "aws.secretsmanager.secret", seeded["secret"])
    assert secret.name == "db/main" and secret.refs == [seeded["kms_key"]]
    key = find(inventory, "aws.kms.key", seeded["kms_key"])
    assert key.props["aliases"] == ["alias/secrets"] and key.props["key_manager"] == "CUSTOMER"
    assert (key.props["key_spec"], key.props["key_state"], key.props["origin"]) == ("SYMMETRIC_DEFAULT", "Enabled", "AWS_KMS")


def test_written_inventory_round_trips(scanned: tuple[Seeded, Inventory], tmp_path: Any) -> None:
    from planner.core.fileio import write_model_atomic

    _, inventory = scanned
    path = tmp_path / "inventory.json"
    write_model_atomic(path, inventory)
    assert Inventory.load(path).resources == inventory.resources
    assert json.loads(path.read_text())["schema"] == "planner.inventory/1"


@pytest.mark.parametrize(
    ("storage_type", "storage_class"),
    [
        ("StandardStorage", "STANDARD"),
        ("StandardIASizeOverhead", "STANDARD_IA"),
        ("IntelligentTieringAIAStorage", "INTELLIGENT_TIERING"),
        ("GlacierInstantRetrievalStorage", "GLACIER_IR"),
        ("GlacierS3ObjectOverhead", "GLACIER"),
        ("DeepArchiveStorage", "DEEP_ARCHIVE"),
        ("SomethingNew", "SomethingNew"),
    ],
)
def test_cloudwatch_storage_types_become_storage_classes(storage_type: str, storage_class: str) -> None:
    from providers.aws.inventory.specs.s3 import storage_class_of

    assert storage_class_of(storage_type) == storage_class


def test_webhook_endpoints_keep_only_scheme_and_host(scanned: tuple[Seeded, Inventory]) -> None:
    from seeds.seed_webhooks import PAGERDUTY_SECRET, SLACK_SECRET

    seeded, inventory = scanned
    alerts = find(inventory, "aws.sns.topic", seeded["alerts_topic"])
    endpoints = sorted(subscription["endpoint"] for subscription in alerts.props["subscriptions"])
    assert endpoints == ["https://alerts.example.com", "https://events.pagerduty.com", "https://hooks.slack.com"]
    text = inventory.model_dump_json()
    assert SLACK_SECRET not in text and PAGERDUTY_SECRET not in text and "/services/T00000000" not in text


def test_tags_that_look_like_secrets_keep_their_key_and_lose_their_value(scanned: tuple[Seeded, Inventory]) -> None:
    from seeds.seed_secret_tags import ACCESS_KEY_ID, PASSWORD, URL_PASSWORD

    from planner.core.secret_tags import SECRET_TAG_MARKER

    _, inventory = scanned
    queue = next(r for r in inventory.resources if r.key == "aws.sqs.queue" and r.tags.get("team") == "payments")
    assert queue.tags == {"db_password": SECRET_TAG_MARKER, "Name": SECRET_TAG_MARKER, "dsn": SECRET_TAG_MARKER,
                          "team": "payments"}
    assert queue.name == SECRET_TAG_MARKER or ACCESS_KEY_ID not in queue.name
    text = inventory.model_dump_json()
    assert PASSWORD not in text and ACCESS_KEY_ID not in text and URL_PASSWORD not in text
    warned = {w.message.split("'")[1] for w in inventory.warnings if w.code == "secret_tag_redacted" and w.id == queue.id}
    assert warned == {"db_password", "Name", "dsn"}
