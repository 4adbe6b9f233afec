"""Seed: the types that decide a migration's data and effort (search, identity, mail, logs, snapshots, images,
registered domains, a warehouse, VPC endpoints and peering, listener rules), in moto over real HTTP.

Runs after the coverage module's own seeds, so the social VPC, subnets, groups, instance, volume, listener,
database, function and KMS key exist (their ids are in `seeded`).
"""

from __future__ import annotations

from typing import Any

CONTACT = {
    "FirstName": "Ada", "LastName": "Ops", "ContactType": "PERSON", "AddressLine1": "1 Main St", "City": "Springfield",
    "State": "CA", "CountryCode": "US", "ZipCode": "94000", "PhoneNumber": "+1.5555550100", "Email": "ops@social-example.com",
}
DOMAIN = "social-example.com"
USERS = ("ada@social.example", "grace@social.example")


def seed(clients_in: Any, seeded: Any) -> None:
    west = clients_in("us-west-2")
    _search_and_warehouse(west, seeded)
    _identity_mail_logs(west, seeded)
    _snapshots_and_image(west, seeded)
    _endpoints_and_peering(clients_in, seeded)
    _listener_rule(west, seeded)
    clients_in("us-east-1")("route53domains").register_domain(
        DomainName=DOMAIN, DurationInYears=2, AutoRenew=True, AdminContact=CONTACT, RegistrantContact=CONTACT,
        TechContact=CONTACT,
    )
    seeded["domain"] = DOMAIN


def _search_and_warehouse(clients: Any, seeded: Any) -> None:
    domain = clients("opensearch").create_domain(
        DomainName="timeline-search", EngineVersion="OpenSearch_2.11",
        ClusterConfig={"InstanceType": "r6g.large.search", "InstanceCount": 3, "ZoneAwarenessEnabled": True,
                       "ZoneAwarenessConfig": {"AvailabilityZoneCount": 3}},
        EBSOptions={"EBSEnabled": True, "VolumeType": "gp3", "VolumeSize": 200},
        VPCOptions={"SubnetIds": [seeded["subnet_a"]], "SecurityGroupIds": [seeded["sg_app"]]},
        TagList=[{"Key": "team", "Value": "search"}],
    )["DomainStatus"]
    redshift = clients("redshift")
    redshift.create_cluster_subnet_group(ClusterSubnetGroupName="warehouse", Description="warehouse",
                                         SubnetIds=[seeded["subnet_a"], seeded["subnet_b"]])
    redshift.create_cluster(
        ClusterIdentifier="warehouse", NodeType="dc2.large", ClusterType="multi-node", NumberOfNodes=2,
        MasterUsername="admin", MasterUserPassword="Seed-password-3", DBName="analytics",
        ClusterSubnetGroupName="warehouse", VpcSecurityGroupIds=[seeded["sg_app"]], Tags=[{"Key": "team", "Value": "bi"}],
    )
    seeded.ids.update(search=domain["ARN"], warehouse="arn:aws:redshift:us-west-2:123456789012:cluster:warehouse")


def _identity_mail_logs(clients: Any, seeded: Any) -> None:
    cognito = clients("cognito-idp")
    pool = cognito.create_user_pool(
        PoolName="social-users", UsernameAttributes=["email"], AutoVerifiedAttributes=["email"], MfaConfiguration="OPTIONAL",
        LambdaConfig={"PreSignUp": seeded["function"]}, UserPoolTags={"team": "auth"},
        Policies={"PasswordPolicy": {"MinimumLength": 12}},
    )["UserPool"]
    for user in USERS:
        cognito.admin_create_user(UserPoolId=pool["Id"], Username=user)
    cognito.create_user_pool_client(UserPoolId=pool["Id"], ClientName="web", GenerateSecret=True)
    ses = clients("ses")
    ses.verify_domain_identity(Domain="social.example")
    ses.verify_email_identity(EmailAddress="noreply@social.example")
    logs = clients("logs")
    logs.create_log_group(logGroupName="/aws/lambda/thumbnailer", kmsKeyId=seeded["kms_key"], tags={"team": "media"})
    logs.put_retention_policy(logGroupName="/aws/lambda/thumbnailer", retentionInDays=30)
    logs.create_log_group(logGroupName="/social/api")
    seeded.ids.update(
        user_pool=pool["Arn"], user_pool_id=pool["Id"],
        ses_domain="arn:aws:ses:us-west-2:123456789012:identity/social.example",
        ses_address="arn:aws:ses:us-west-2:123456789012:identity/noreply@social.example",
        log_group="arn:aws:logs:us-west-2:123456789012:log-group:/aws/lambda/thumbnailer",
        log_group_forever="arn:aws:logs:us-west-2:123456789012:log-group:/social/api",
    )


def _snapshots_and_image(clients: Any, seeded: Any) -> None:
    ec2 = clients("ec2")
    snapshot = ec2.create_snapshot(
        VolumeId=seeded["volume"], Description="nightly media scratch",
        TagSpecifications=[{"ResourceType": "snapshot", "Tags": [{"Key": "Name", "Value": "scratch-nightly"}]}],
    )["SnapshotId"]
    image = ec2.create_image(InstanceId=seeded["instance"], Name="transcoder-golden", Description="golden transcoder")["ImageId"]
    rds = clients("rds")
    db_snapshot = rds.create_db_snapshot(
        DBSnapshotIdentifier="pg-main-before-move", DBInstanceIdentifier="pg-main", Tags=[{"Key": "team", "Value": "db"}],
    )["DBSnapshot"]["DBSnapshotArn"]
    seeded.ids.update(snapshot=snapshot, image=image, db_snapshot=db_snapshot)


def _endpoints_and_peering(clients_in: Any, seeded: Any) -> None:
    ec2 = clients_in("us-west-2")("ec2")
    gateway = ec2.create_vpc_endpoint(VpcId=seeded["vpc"], ServiceName="com.amazonaws.us-west-2.s3",
                                      RouteTableIds=[seeded["rtb"]])["VpcEndpoint"]["VpcEndpointId"]
    interface = ec2.create_vpc_endpoint(
        VpcId=seeded["vpc"], ServiceName="com.amazonaws.us-west-2.sqs", VpcEndpointType="Interface",
        SubnetIds=[seeded["subnet_a"]], SecurityGroupIds=[seeded["sg_app"]], PrivateDnsEnabled=True,
    )["VpcEndpoint"]["VpcEndpointId"]
    eu = clients_in("eu-west-1")("ec2")
    analytics_vpc = eu.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    eu.create_tags(Resources=[analytics_vpc], Tags=[{"Key": "Name", "Value": "analytics-vpc"}])
    peering = ec2.create_vpc_peering_connection(VpcId=seeded["vpc"], PeerVpcId=analytics_vpc, PeerRegion="eu-west-1")[
        "VpcPeeringConnection"]["VpcPeeringConnectionId"]
    eu.accept_vpc_peering_connection(VpcPeeringConnectionId=peering)
    seeded.ids.update(gateway_endpoint=gateway, interface_endpoint=interface, analytics_vpc=analytics_vpc, peering=peering)


def _listener_rule(clients: Any, seeded: Any) -> None:
    elbv2 = clients("elbv2")
    api_group = elbv2.create_target_group(Name="api-tg", Protocol="HTTP", Port=8081, VpcId=seeded["vpc"],
                                          TargetType="instance")["TargetGroups"][0]["TargetGroupArn"]
    rule = elbv2.create_rule(
        ListenerArn=seeded["listener"], Priority=10,
        Conditions=[{"Field": "path-pattern", "PathPatternConfig": {"Values": ["/api/*"]}},
                    {"Field": "host-header", "HostHeaderConfig": {"Values": ["api.social.example"]}}],
        Actions=[{"Type": "forward", "TargetGroupArn": api_group}], Tags=[{"Key": "team", "Value": "api"}],
    )["Rules"][0]["RuleArn"]
    seeded.ids.update(api_target_group=api_group, listener_rule=rule)
