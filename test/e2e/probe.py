"""Reads, publishes to and drains a local AWS for the end-to-end tests, in one process.

Input (stdin, JSON): endpoint, region, account, queues (URLs), topics (ARNs) and events
({topicArn, attributes: {name: {DataType, StringValue}}, body, groupId?}). Output (stdout,
JSON): the queues' attributes, the topics' subscriptions with their attributes, the events whose
publish failed (by index, with the error), and the bodies every queue received after all events
were published.
"""

import json
import sys
import time

import boto3
from botocore.config import Config


def main() -> None:
    spec = json.load(sys.stdin)
    session = boto3.session.Session(
        aws_access_key_id=spec["account"],
        aws_secret_access_key="test",
        region_name=spec["region"],
    )
    config = Config(retries={"max_attempts": 2})
    sqs = session.client("sqs", endpoint_url=spec["endpoint"], config=config)
    sns = session.client("sns", endpoint_url=spec["endpoint"], config=config)

    queues = {
        url: sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        for url in spec["queues"]
    }
    subscriptions = []
    for topic in spec["topics"]:
        listed = sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]
        for subscription in listed:
            attributes = sns.get_subscription_attributes(
                SubscriptionArn=subscription["SubscriptionArn"]
            )["Attributes"]
            subscriptions.append({"topicArn": topic, "attributes": attributes})

    failed = {}
    for index, event in enumerate(spec["events"]):
        request = {
            "TopicArn": event["topicArn"],
            "Message": event["body"],
            "MessageAttributes": event.get("attributes", {}),
        }
        if "groupId" in event:
            request["MessageGroupId"] = event["groupId"]
            request["MessageDeduplicationId"] = f"probe-{index}"
        try:
            sns.publish(**request)
        except Exception as error:  # moto's server may answer a 500 page botocore cannot parse
            failed[str(index)] = str(error)

    received = {url: [] for url in spec["queues"]}
    deadline = time.time() + 20
    for url in spec["queues"]:
        empty = 0
        while empty < 2 and time.time() < deadline:
            answer = sqs.receive_message(
                QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1
            )
            messages = answer.get("Messages", [])
            if not messages:
                empty += 1
                continue
            for message in messages:
                received[url].append(message["Body"])
                sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])

    json.dump(
        {"queues": queues, "subscriptions": subscriptions, "received": received, "failed": failed},
        sys.stdout,
    )


if __name__ == "__main__":
    main()
