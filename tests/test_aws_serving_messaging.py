"""Topics that can deliver (queue policies, function permissions) and FIFO names with `.fifo` once."""

from __future__ import annotations

import json
from typing import Any

import pytest
from aws_serving_fixtures import ACCOUNT, built, item_of, plan_of, resource, run, urn_of

from providers.aws.kinds._messaging import fifo_name

QUEUE = f"arn:aws:sqs:us-east-1:{ACCOUNT}:jobs"
FIFO_QUEUE = f"arn:aws:sqs:us-east-1:{ACCOUNT}:moderation.fifo"
TOPIC = f"arn:aws:sns:us-east-1:{ACCOUNT}:events"
OTHER_TOPIC = f"arn:aws:sns:us-east-1:{ACCOUNT}:alerts"
FIFO_TOPIC = f"arn:aws:sns:us-east-1:{ACCOUNT}:orders.fifo"
FUNCTION = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:thumbnailer"


def queue(rid: str = QUEUE, **props: Any) -> dict[str, Any]:
    return resource("aws.sqs.queue", rid, rid.rsplit(":", 1)[-1], {"fifo": rid.endswith(".fifo"), **props})


def topic(rid: str, *endpoints: tuple[str, str], **props: Any) -> dict[str, Any]:
    subscriptions = [{"protocol": protocol, "endpoint": endpoint} for protocol, endpoint in endpoints]
    return resource("aws.sns.topic", rid, rid.rsplit(":", 1)[-1],
                    {"fifo": rid.endswith(".fifo"), "subscriptions": subscriptions, **props}, refs=[e for _, e in endpoints])


def function() -> dict[str, Any]:
    return resource("aws.lambda.function", FUNCTION, "thumbnailer", {"runtime": "python3.12", "handler": "app.handler",
                                                                    "package_type": "Zip"})


def test_a_queue_lets_every_topic_that_subscribes_it_send() -> None:
    plan = plan_of([queue(), topic(TOPIC, ("sqs", QUEUE)), topic(OTHER_TOPIC, ("sqs", QUEUE))])
    queue_item = item_of(plan, QUEUE).id
    result = run(plan)
    policies = result.of_type("aws:sqs/queuePolicy:QueuePolicy")
    assert [found.name for found in policies] == [f"{queue_item}-policy"]  # one document per queue
    policy = policies[0]
    assert policy.inputs["queueUrl"] == f"https://{queue_item}.mock.invalid"
    statements = json.loads(policy.inputs["policy"])["Statement"]
    assert {statement["Condition"]["ArnEquals"]["aws:SourceArn"] for statement in statements} == {
        f"arn:mock:topic:{item_of(plan, TOPIC).id}", f"arn:mock:topic:{item_of(plan, OTHER_TOPIC).id}"}
    assert all(statement["Principal"] == {"Service": "sns.amazonaws.com"} and statement["Action"] == "sqs:SendMessage"
               and statement["Resource"] == f"arn:mock:queue:{queue_item}" for statement in statements)
    assert urn_of(result, queue_item) in policy.dependencies
    subscription = built(result, f"{item_of(plan, TOPIC).id}-{queue_item}").inputs
    assert (subscription["protocol"], subscription["endpoint"]) == ("sqs", f"arn:mock:queue:{queue_item}")


def test_a_queue_no_topic_delivers_to_gets_no_policy() -> None:
    assert not run(plan_of([queue()])).of_type("aws:sqs/queuePolicy:QueuePolicy")


def test_a_subscribed_function_may_be_invoked_by_its_topic() -> None:
    plan = plan_of([function(), topic(TOPIC, ("lambda", FUNCTION))])
    topic_item, function_item = item_of(plan, TOPIC).id, item_of(plan, FUNCTION).id
    permission = built(run(plan), f"{topic_item}-{function_item}-invoke").inputs
    assert permission == {"action": "lambda:InvokeFunction", "function": f"arn:mock:function:{function_item}",
                          "principal": "sns.amazonaws.com", "sourceArn": f"arn:mock:topic:{topic_item}"}


@pytest.mark.parametrize(("plan_name", "fifo", "expected"), [
    ("moderation-fifo", True, "moderation.fifo"),
    ("moderation-fifo-3f2a1b", True, "moderation-3f2a1b.fifo"),  # a uniqueness suffix after it
    ("moderation.fifo", True, "moderation.fifo"),
    ("jobs", True, "jobs.fifo"),
    ("jobs-fifo", False, "jobs-fifo"),
])
def test_fifo_names_end_in_fifo_once(plan_name: str, fifo: bool, expected: str) -> None:
    assert fifo_name(plan_name, fifo) == expected


def test_the_soapbox_moderation_queue_keeps_its_name() -> None:
    plan = plan_of([queue(FIFO_QUEUE, content_based_deduplication=True), topic(FIFO_TOPIC, ("sqs", FIFO_QUEUE))])
    result = run(plan)
    fifo_queue = built(result, item_of(plan, FIFO_QUEUE).id).inputs
    assert (fifo_queue["name"], fifo_queue["fifoQueue"], fifo_queue["contentBasedDeduplication"]) == ("moderation.fifo", True, True)
    fifo_topic = built(result, item_of(plan, FIFO_TOPIC).id).inputs
    assert (fifo_topic["name"], fifo_topic["fifoTopic"]) == ("orders.fifo", True)
