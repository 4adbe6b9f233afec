"""Seed: SNS subscriptions to webhooks whose secret is in the URL path (Slack, PagerDuty), and one endpoint with a
port no URL can have, in moto over real HTTP (tests/test_inventory_coverage.py checks neither reaches the inventory
and the scan goes on)."""

from __future__ import annotations

from typing import Any

SLACK_SECRET = "XXXXsecretXXXXwebhookXXXX"
PAGERDUTY_SECRET = "0123456789abcdef0123456789abcdef"
WEBHOOKS = (
    f"https://hooks.slack.com/services/T00000000/B00000000/{SLACK_SECRET}",
    f"https://events.pagerduty.com/integration/{PAGERDUTY_SECRET}/enqueue",
    "https://alerts.example.com:99999/notify",
)


def seed(clients_in: Any, seeded: Any) -> None:
    sns = clients_in("us-west-2")("sns")
    topic = sns.create_topic(Name="alerts")["TopicArn"]
    for endpoint in WEBHOOKS:
        sns.subscribe(TopicArn=topic, Protocol="https", Endpoint=endpoint)
    seeded.ids.update(alerts_topic=topic)
