"""The inventory records what a rebuild needs to keep a store's encryption and a FIFO queue's behaviour."""

from __future__ import annotations

from typing import Any

from test_inventory_coverage import find, scanned  # noqa: F401

from planner.core.model.inventory import Inventory

ACCOUNT = "123456789012"


def test_encrypted_stores_record_their_key(scanned: tuple[Any, Inventory]) -> None:  # noqa: F811
    seeded, inventory = scanned
    key = seeded["serving_key"]
    database = find(inventory, "aws.rds.instance", seeded["serving_db"]).props
    assert (database["storage_encrypted"], database["kms_key_id"]) == (True, key)
    file_system = find(inventory, "aws.efs.file_system", seeded["serving_fs"]).props
    assert (file_system["encrypted"], file_system["kms_key_id"]) == (True, key)
    bucket = find(inventory, "aws.s3.bucket", "arn:aws:s3:::serving-vault").props
    assert (bucket["encryption"], bucket["kms_key_id"]) == ("aws:kms", key)


def test_fifo_and_managed_encryption_settings_are_recorded(scanned: tuple[Any, Inventory]) -> None:  # noqa: F811
    seeded, inventory = scanned
    fifo = find(inventory, "aws.sqs.queue", f"arn:aws:sqs:eu-west-1:{ACCOUNT}:serving-jobs.fifo").props
    assert (fifo["fifo"], fifo["content_based_deduplication"]) == (True, True)
    managed = find(inventory, "aws.sqs.queue", f"arn:aws:sqs:eu-west-1:{ACCOUNT}:serving-managed").props
    assert managed["sqs_managed_sse"] is True
    topic = find(inventory, "aws.sns.topic", seeded["serving_topic"]).props
    assert (topic["fifo"], topic["content_based_deduplication"]) == (True, True)
