"""AWS serving rules: what a rebuilt account's resource tree needs so that `pulumi up` gives a working service.

Each rule names the types it reads, a one-line message, the fix, and the documentation it comes from
(pulumi-aws docstrings, installed with the package, and AWS's pages by title). Inputs are read by the
engine's camelCase names, references through dependencies (planner/core/serving.py).
"""

from __future__ import annotations

from collections.abc import Iterator

from planner.core.serving import Offender, ServingRule, Tree

CERTIFICATE = "aws:acm/certificate:Certificate"
VALIDATION = "aws:acm/certificateValidation:CertificateValidation"
LISTENER = "aws:lb/listener:Listener"
DISTRIBUTION = "aws:cloudfront/distribution:Distribution"
RDS_INSTANCE = "aws:rds/instance:Instance"
RDS_CLUSTER = "aws:rds/cluster:Cluster"
SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription"
QUEUE = "aws:sqs/queue:Queue"
QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy"
OAC = "aws:cloudfront/originAccessControl:OriginAccessControl"
BUCKETS = ("aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2")
BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy"
TOPIC = "aws:sns/topic:Topic"
SUBNET = "aws:ec2/subnet:Subnet"
SUBNET_GROUPS = ("aws:rds/subnetGroup:SubnetGroup", "aws:elasticache/subnetGroup:SubnetGroup")
AUTOSCALING_GROUP = "aws:autoscaling/group:Group"
REGIONAL_WITH_SUBNETS = (*SUBNET_GROUPS, "aws:lb/loadBalancer:LoadBalancer", "aws:ec2/instance:Instance",
                         "aws:efs/mountTarget:MountTarget", "aws:ec2/natGateway:NatGateway", AUTOSCALING_GROUP)
SUBNET_INPUTS = ("subnetIds", "subnets", "subnetId", "vpcZoneIdentifiers")  # an auto scaling group's are the last
FIFO_SUFFIX = ".fifo"  # SQS and SNS: a FIFO queue's or topic's name must end with .fifo


def certificates_are_validated(tree: Tree) -> Iterator[Offender]:
    for certificate in tree.of_type(CERTIFICATE):
        if certificate.get("validationMethod") == "DNS" and not tree.dependents_of(certificate, VALIDATION):
            yield certificate, "DNS validation is never completed"


def https_users_wait_for_validation(tree: Tree) -> Iterator[Offender]:
    for user, prop in [(listener, "certificateArn") for listener in tree.of_type(LISTENER)] + [
            (distribution, "viewerCertificate") for distribution in tree.of_type(DISTRIBUTION)]:
        certificates = tree.property_dependencies_of(user, prop, CERTIFICATE)
        if certificates and not tree.property_dependencies_of(user, prop, VALIDATION):
            yield user, f"uses {certificates[0].name} before its validation completes"


# What makes a database take its encryption from another, by type: a read replica (replicate_source_db) or an
# Aurora cluster's member instance (cluster_identifier) for an instance; a cross-region replica cluster
# (replication_source_identifier) for a cluster, whose cluster_identifier is only its own name.
INHERITS_ENCRYPTION: dict[str, tuple[str, ...]] = {
    RDS_INSTANCE: ("replicateSourceDb", "clusterIdentifier"),
    RDS_CLUSTER: ("replicationSourceIdentifier",),
}


def databases_are_encrypted(tree: Tree) -> Iterator[Offender]:
    for database in tree.of_type(*INHERITS_ENCRYPTION):
        inherits = any(database.get(prop) for prop in INHERITS_ENCRYPTION[database.type])
        if not inherits and database.get("storageEncrypted") is not True:
            yield database, "storage is not encrypted"


def queues_let_their_topics_send(tree: Tree) -> Iterator[Offender]:
    for subscription in tree.of_type(SUBSCRIPTION):
        if subscription.get("protocol") != "sqs":
            continue
        topics = tree.property_dependencies_of(subscription, "topic", TOPIC)
        for queue in tree.property_dependencies_of(subscription, "endpoint", QUEUE):
            policies = tree.dependents_of(queue, QUEUE_POLICY)
            if not any(topic in tree.dependencies_of(policy) for policy in policies for topic in topics):
                yield subscription, f"queue {queue.name} has no policy letting this subscription's topic send"


def cdn_origins_may_read_their_buckets(tree: Tree) -> Iterator[Offender]:
    for distribution in tree.of_type(DISTRIBUTION):
        if not tree.property_dependencies_of(distribution, "origins", OAC):
            continue
        for bucket in tree.property_dependencies_of(distribution, "origins", *BUCKETS):
            policies = tree.dependents_of(bucket, BUCKET_POLICY)
            if not any(distribution in tree.dependencies_of(policy) for policy in policies):
                yield distribution, f"bucket {bucket.name} has no policy granting this distribution s3:GetObject"


def fifo_names_end_in_fifo(tree: Tree) -> Iterator[Offender]:
    for resource in tree.of_type(QUEUE, TOPIC):
        fifo = resource.get("fifoQueue") or resource.get("fifoTopic")
        name = str(resource.get("name", default=""))
        if fifo and (not name.endswith(FIFO_SUFFIX) or name.removesuffix(FIFO_SUFFIX).endswith(FIFO_SUFFIX)):
            yield resource, f"FIFO name {name!r}"


def subnets_are_in_the_resource_region(tree: Tree) -> Iterator[Offender]:
    for resource in tree.of_type(*REGIONAL_WITH_SUBNETS):
        region = tree.region_of(resource)
        for subnet in [found for prop in SUBNET_INPUTS for found in tree.property_dependencies_of(resource, prop, SUBNET)]:
            if region and tree.region_of(subnet) not in (None, region):
                yield resource, f"subnet {subnet.name} is in {tree.region_of(subnet)}, the resource in {region}"


RULES: tuple[ServingRule, ...] = (
    ServingRule("aws.certificate-validated", (CERTIFICATE, VALIDATION),
                "a DNS-validated ACM certificate stays PENDING_VALIDATION until its CNAME records exist",
                "create the domain_validation_options records in the zone and an acm.CertificateValidation",
                "pulumi-aws acm.CertificateValidation docstring; ACM docs, 'DNS validation'",
                certificates_are_validated),
    ServingRule("aws.https-waits-for-validation", (LISTENER, DISTRIBUTION, VALIDATION),
                "a listener or distribution given an unvalidated certificate fails to create",
                "use the CertificateValidation's certificate_arn, so it waits for issuance",
                "pulumi-aws acm.CertificateValidation docstring (certificate_arn output)",
                https_users_wait_for_validation),
    ServingRule("aws.database-encrypted", (RDS_INSTANCE, RDS_CLUSTER),
                "a rebuilt database must keep the source's encryption at rest (it cannot be enabled later in place)",
                "set storage_encrypted=True (and kms_key_id for a customer key)",
                "RDS docs, 'Encrypting Amazon RDS resources' (limitations)", databases_are_encrypted),
    ServingRule("aws.queue-policy-for-topic", (SUBSCRIPTION, QUEUE, QUEUE_POLICY),
                "SNS cannot deliver to an SQS queue whose policy does not let the topic send",
                "add an sqs.QueuePolicy allowing sns.amazonaws.com sqs:SendMessage with aws:SourceArn = the topic",
                "SNS docs, 'Fanout to Amazon SQS queues: give the topic permission to send'",
                queues_let_their_topics_send),
    ServingRule("aws.cdn-bucket-policy", (DISTRIBUTION, OAC, *BUCKETS, BUCKET_POLICY),
                "CloudFront with an origin access control answers 403 unless the bucket policy grants it",
                "add an s3.BucketPolicy granting cloudfront.amazonaws.com s3:GetObject with AWS:SourceArn = "
                "the distribution", "CloudFront docs, 'Restricting access to an Amazon S3 origin'",
                cdn_origins_may_read_their_buckets),
    ServingRule("aws.fifo-name", (QUEUE, TOPIC),
                "a FIFO queue or topic name must end with .fifo, once (clients address it by the source's name)",
                "keep the source name", "pulumi-aws sqs.Queue fifo_queue / sns.Topic fifo_topic docstrings",
                fifo_names_end_in_fifo),
    ServingRule("aws.same-region-subnets", (*REGIONAL_WITH_SUBNETS, SUBNET),
                "a regional resource can only use subnets of its own region",
                "build it from subnets of its region, or drop the cross-region link",
                "VPC docs, 'Subnets for your VPC' (a subnet lives in one Availability Zone of one Region)",
                subnets_are_in_the_resource_region),
)
