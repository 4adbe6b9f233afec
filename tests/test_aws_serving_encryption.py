"""Encryption at rest kept as the source had it, and engines pinned to the source's major at AWS's current minor."""

from __future__ import annotations

from typing import Any

import pytest
from aws_serving_fixtures import ACCOUNT, built, item_of, plan_of, resource, run

from providers.aws.kinds.cache import cache_version
from providers.aws.kinds.sql import major_version

KEY = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/1111-aaaa"
WEST_KEY = f"arn:aws:kms:us-west-2:{ACCOUNT}:key/2222-bbbb"
PRIMARY = f"arn:aws:rds:us-east-1:{ACCOUNT}:db:orders"
STANDBY = f"arn:aws:rds:us-west-2:{ACCOUNT}:db:orders-standby"
CLUSTER = f"arn:aws:rds:us-east-1:{ACCOUNT}:cluster:analytics"
MEMBER = f"arn:aws:rds:us-east-1:{ACCOUNT}:db:analytics-1"
REDIS = f"arn:aws:elasticache:us-east-1:{ACCOUNT}:replicationgroup:sessions"


def kms_key(rid: str = KEY, alias: str = "alias/data", region: str = "us-east-1", manager: str = "CUSTOMER") -> dict[str, Any]:
    return resource("aws.kms.key", rid, alias.removeprefix("alias/"), {"key_manager": manager, "aliases": [alias],
                                                                     "key_spec": "SYMMETRIC_DEFAULT"}, region=region)


def database(rid: str = PRIMARY, **props: Any) -> dict[str, Any]:
    base = {"engine": "postgres", "engine_version": "15.4", "instance_class": "db.m5.large", "allocated_storage_gib": 100,
            "storage_type": "gp3", "storage_encrypted": True, "kms_key_id": KEY}
    return resource("aws.rds.instance", rid, rid.rsplit(":", 1)[-1], {**base, **props}, region=rid.split(":")[3])


# --- the plan ------------------------------------------------------------------------------------


def test_an_encrypted_database_keeps_its_encryption_and_its_rebuilt_key() -> None:
    plan = plan_of([kms_key(), database()])
    target = item_of(plan, PRIMARY).target or {}
    assert (target["storage_encrypted"], target["kms_key_item"]) == (True, item_of(plan, KEY).id)


@pytest.mark.parametrize(("key_id", "expected_key"), [
    ("alias/data", "kms"),  # named by alias: found by the key's alias
    ("1111-aaaa", "kms"),  # by key id
    ("arn:aws:kms:us-east-1:123456789012:alias/aws/rds", None),  # the AWS-managed key: RDS's own default serves
])
def test_a_key_named_any_way_kms_accepts_is_found(key_id: str, expected_key: str | None) -> None:
    plan = plan_of([kms_key(), database(kms_key_id=key_id)])
    key_item = (item_of(plan, PRIMARY).target or {})["kms_key_item"]
    assert key_item == (item_of(plan, KEY).id if expected_key else None)


def test_a_key_that_is_not_inventoried_leaves_the_store_encrypted_with_the_aws_managed_key() -> None:
    item = item_of(plan_of([database(kms_key_id="arn:aws:kms:us-east-1:123456789012:key/gone")]), PRIMARY)
    assert (item.target or {})["storage_encrypted"] is True and (item.target or {})["kms_key_item"] is None
    assert any("AWS-managed key instead" in note for note in item.notes)


def test_aurora_ebs_efs_s3_queues_topics_and_caches_keep_their_encryption() -> None:
    plan = plan_of([
        kms_key(),
        resource("aws.rds.cluster", CLUSTER, "analytics", {"engine": "aurora-postgresql", "engine_version": "15.4",
                                                            "storage_encrypted": True, "kms_key_id": KEY}),
        resource("aws.ec2.volume", "vol-1", "data", {"size_gib": 100, "volume_type": "gp3", "encrypted": True,
                                                      "kms_key_id": KEY, "availability_zone": "us-east-1a"}),
        resource("aws.efs.file_system", "fs-1", "shared", {"encrypted": True, "kms_key_id": KEY, "throughput_mode": "provisioned",
                                                            "provisioned_throughput_mibps": 64}),
        resource("aws.s3.bucket", "arn:aws:s3:::vault", "vault", {"encryption": "aws:kms", "kms_key_id": KEY}),
        resource("aws.sqs.queue", f"arn:aws:sqs:us-east-1:{ACCOUNT}:jobs", "jobs", {"kms_key_id": "alias/data"}),
        resource("aws.sns.topic", f"arn:aws:sns:us-east-1:{ACCOUNT}:events", "events", {"kms_key_id": "alias/aws/sns"}),
        resource("aws.elasticache.replication_group", REDIS, "sessions", {
            "engine": "redis", "engine_version": "7.1.0", "node_type": "cache.r6g.large", "num_nodes": 2,
            "at_rest_encryption": True, "transit_encryption": True, "kms_key_id": KEY}),
    ])
    key = item_of(plan, KEY).id

    def target(source_id: str) -> dict[str, Any]:
        return item_of(plan, source_id).target or {}

    assert (target(CLUSTER)["storage_encrypted"], target(CLUSTER)["kms_key_item"]) == (True, key)
    assert (target("vol-1")["encrypted"], target("vol-1")["kms_key_item"]) == (True, key)
    assert (target("fs-1")["kms_key_item"], target("fs-1")["provisioned_throughput_mibps"]) == (key, 64)
    assert (target("arn:aws:s3:::vault")["sse_algorithm"], target("arn:aws:s3:::vault")["kms_key_item"]) == ("aws:kms", key)
    assert target(f"arn:aws:sqs:us-east-1:{ACCOUNT}:jobs")["encryption"] == "kms"
    assert target(f"arn:aws:sns:us-east-1:{ACCOUNT}:events")["encryption"] == "kms"
    assert target(f"arn:aws:sns:us-east-1:{ACCOUNT}:events")["kms_key_item"] is None  # aws/sns: SNS's own key
    redis = target(REDIS)
    assert (redis["at_rest_encryption"], redis["transit_encryption"], redis["kms_key_item"]) == (True, True, key)


# --- the stack -----------------------------------------------------------------------------------


def test_the_stack_sends_the_encryption_to_aws() -> None:
    bucket = resource("aws.s3.bucket", "arn:aws:s3:::vault", "vault", {"encryption": "aws:kms", "kms_key_id": KEY})
    redis = resource("aws.elasticache.replication_group", REDIS, "sessions", {
        "engine": "redis", "engine_version": "7.1.0", "node_type": "cache.r6g.large", "num_nodes": 2,
        "at_rest_encryption": True, "transit_encryption": True, "kms_key_id": KEY})
    volume = resource("aws.ec2.volume", "vol-1", "data", {"size_gib": 100, "volume_type": "gp3", "encrypted": True,
                                                           "kms_key_id": KEY, "availability_zone": "us-east-1a"})
    plan = plan_of([kms_key(), database(), bucket, redis, volume])
    result = run(plan)
    key_arn = f"arn:mock:key:{item_of(plan, KEY).id}"
    db = built(result, item_of(plan, PRIMARY).id).inputs
    assert (db["storageEncrypted"], db["kmsKeyId"], db["autoMinorVersionUpgrade"]) == (True, key_arn, True)
    rule = built(result, f"{item_of(plan, 'arn:aws:s3:::vault').id}-encryption").inputs["rules"][0]
    assert rule["applyServerSideEncryptionByDefault"] == {"sseAlgorithm": "aws:kms", "kmsMasterKeyId": key_arn}
    cache = built(result, item_of(plan, REDIS).id).inputs
    assert (cache["atRestEncryptionEnabled"], cache["transitEncryptionEnabled"], cache["kmsKeyId"]) == (True, True, key_arn)
    assert built(result, item_of(plan, "vol-1").id).inputs["kmsKeyId"] == key_arn


def test_an_encrypted_cross_region_replica_gets_a_key_of_its_own_region() -> None:
    standby = database(STANDBY, read_replica_source=PRIMARY, kms_key_id=WEST_KEY)
    plan = plan_of([kms_key(), kms_key(WEST_KEY, "alias/west", "us-west-2"), database(), standby])
    inputs = built(run(plan), item_of(plan, STANDBY).id).inputs
    assert inputs["kmsKeyId"] == f"arn:mock:key:{item_of(plan, WEST_KEY).id}"
    assert inputs["replicateSourceDb"] == f"arn:mock:instance:{item_of(plan, PRIMARY).id}"
    assert "engineVersion" not in inputs  # a replica runs its source's version


def test_without_a_rebuilt_key_in_its_region_the_replica_uses_that_regions_aws_managed_key() -> None:
    plan = plan_of([kms_key(), database(), database(STANDBY, read_replica_source=PRIMARY, kms_key_id=KEY)])
    standby = item_of(plan, STANDBY)
    assert (standby.target or {})["kms_key_item"] is None  # the us-east-1 key cannot serve us-west-2
    assert built(run(plan), standby.id).inputs["kmsKeyId"] == "arn:mock:kms:alias/aws/rds"


# --- engine versions -----------------------------------------------------------------------------


@pytest.mark.parametrize(("engine", "source", "pinned"), [
    ("postgres", "13.7", "13"),
    ("postgres", "9.6.24", "9.6"),
    ("aurora-postgresql", "15.4", "15"),
    ("mysql", "8.0.35", "8.0"),
    ("mariadb", "10.11.6", "10.11"),
    ("aurora-mysql", "8.0.mysql_aurora.3.05.2", "8.0.mysql_aurora.3"),
    ("oracle-ee", "19.0.0.0.ru-2024-01.rur-2024-01.r1", "19.0.0.0.ru-2024-01.rur-2024-01.r1"),  # exact: no sourced major form
])
def test_database_versions_keep_the_major(engine: str, source: str, pinned: str) -> None:
    assert major_version(engine, source) == pinned


@pytest.mark.parametrize(("engine", "source", "pinned"), [
    ("redis", "7.1.0", "7.1"), ("redis", "6.2.6", "6.x"), ("redis", "5.0.6", "5.0.6"), ("valkey", "8.0.1", "8.0"),
    ("memcached", "1.6.22", "1.6.22"),
])
def test_cache_versions_keep_the_major(engine: str, source: str, pinned: str) -> None:
    assert cache_version(engine, source) == pinned


def test_the_stack_gives_the_major_and_turns_on_minor_upgrades() -> None:
    redis = resource("aws.elasticache.replication_group", REDIS, "sessions", {
        "engine": "redis", "engine_version": "6.2.6", "node_type": "cache.r6g.large", "num_nodes": 1})
    member = resource("aws.rds.instance", MEMBER, "analytics-1", {"engine": "aurora-postgresql", "engine_version": "15.4",
                                                                   "instance_class": "db.r6g.large", "cluster_id": CLUSTER})
    cluster = resource("aws.rds.cluster", CLUSTER, "analytics", {"engine": "aurora-postgresql", "engine_version": "15.4"})
    plan = plan_of([database(engine_version="13.7"), redis, cluster, member])
    result = run(plan)
    assert built(result, item_of(plan, PRIMARY).id).inputs["engineVersion"] == "13"
    assert any("13.7 -> 13" in note for note in item_of(plan, PRIMARY).notes)
    cache = built(result, item_of(plan, REDIS).id).inputs
    assert (cache["engineVersion"], cache["autoMinorVersionUpgrade"]) == ("6.x", True)
    assert built(result, item_of(plan, CLUSTER).id).inputs["engineVersion"] == "15"
    member_inputs = built(result, item_of(plan, MEMBER).id).inputs
    assert "engineVersion" not in member_inputs and member_inputs["autoMinorVersionUpgrade"] is True


def test_an_unencrypted_source_database_is_rebuilt_encrypted_and_says_so() -> None:
    item = item_of(plan_of([database(storage_encrypted=False, kms_key_id=None)]), PRIMARY)
    assert ((item.target or {})["storage_encrypted"], (item.target or {})["kms_key_item"]) == (True, None)
    assert any("copy-db-snapshot" in note for note in item.notes)
