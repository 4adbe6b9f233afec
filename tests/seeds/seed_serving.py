"""Seed: encrypted stores and FIFO messaging, for the props the fresh-AWS rebuild keeps (tests/test_aws_serving_inventory.py).

In eu-west-1 (the topic in us-west-2, where the other seeds' topics are), apart from the other seeds: a customer KMS key, and under it an RDS instance, an EFS file
system, an S3 bucket's default encryption and an ElastiCache group; a FIFO queue and topic with
content-based deduplication and an SQS-managed-encryption queue.
"""

from __future__ import annotations

from typing import Any

REGION = "eu-west-1"


def seed(clients_in: Any, seeded: Any) -> None:
    clients = clients_in(REGION)
    key = clients("kms").create_key(Description="serving data key")["KeyMetadata"]["Arn"]
    database = clients("rds").create_db_instance(
        DBInstanceIdentifier="serving-db", Engine="postgres", EngineVersion="16.3", DBInstanceClass="db.t3.micro",
        AllocatedStorage=20, MasterUsername="admin", MasterUserPassword="seed-password-3", StorageEncrypted=True, KmsKeyId=key,
    )["DBInstance"]["DBInstanceArn"]
    file_system = clients("efs").create_file_system(CreationToken="serving-fs", Encrypted=True, KmsKeyId=key)["FileSystemId"]
    s3 = clients("s3")
    s3.create_bucket(Bucket="serving-vault", CreateBucketConfiguration={"LocationConstraint": REGION})
    s3.put_bucket_encryption(Bucket="serving-vault", ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key}}]})
    sqs = clients("sqs")
    fifo = sqs.create_queue(QueueName="serving-jobs.fifo", Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"})
    managed = sqs.create_queue(QueueName="serving-managed", Attributes={"SqsManagedSseEnabled": "true"})
    topic = clients_in("us-west-2")("sns").create_topic(  # the region the other seeds hold topics in
        Name="serving-events.fifo", Attributes={"FifoTopic": "true", "ContentBasedDeduplication": "true"})
    seeded.ids.update(serving_key=key, serving_db=database, serving_fs=file_system, serving_fifo_queue=fifo["QueueUrl"],
                      serving_managed_queue=managed["QueueUrl"], serving_topic=topic["TopicArn"])
