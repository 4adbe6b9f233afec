"""Seed: tags that hold secrets (a password tag, an access key id pasted into a Name, a URL with a password), in
moto over real HTTP (tests/test_inventory_coverage.py checks that no value reaches the inventory)."""

from __future__ import annotations

from typing import Any

PASSWORD = "hunter2-seeded"
ACCESS_KEY_ID = "AKIAIOSFODNN7SEEDED1"
URL_PASSWORD = "seeded-url-password"
TAGS = {"db_password": PASSWORD, "Name": f"copy of {ACCESS_KEY_ID}", "dsn": f"postgres://app:{URL_PASSWORD}@db:5432/app",
        "team": "payments"}


def seed(clients_in: Any, seeded: Any) -> None:
    sqs = clients_in("us-west-2")("sqs")
    queue = sqs.create_queue(QueueName="payments-jobs", tags=TAGS)["QueueUrl"]
    seeded.ids.update(secret_tagged_queue=queue)
