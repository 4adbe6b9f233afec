"""An AWS Organization of three accounts in moto's server: the management account and two members made through
Organizations, each member with the same small shape (a VPC, a subnet, an instance named web, a bucket of its own).

Optionally one member cannot be entered: the scanning user is an IAM user of the management account whose policy
denies sts:AssumeRole into it, with moto's IAM enforcement on (its credentials are returned).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import boto3
import requests

REGION = "us-east-1"
MEMBER_NAMES = ("prod", "staging")
ALLOW_ALL = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}


@dataclass(frozen=True)
class Organization:
    management: str
    members: dict[str, str]  # name -> account id
    access_key: str | None = None  # the scanning user's, when IAM enforcement is on
    secret_key: str | None = None


def _member_session(endpoint: str, account: str) -> boto3.Session:
    sts = boto3.client("sts", endpoint_url=endpoint, region_name=REGION)
    credentials = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/OrganizationAccountAccessRole",
                                  RoleSessionName="setup")["Credentials"]
    return boto3.Session(aws_access_key_id=credentials["AccessKeyId"], aws_secret_access_key=credentials["SecretAccessKey"],
                         aws_session_token=credentials["SessionToken"], region_name=REGION)


def _shape(session: boto3.Session, endpoint: str, bucket: str) -> None:
    ec2 = session.client("ec2", endpoint_url=endpoint, region_name=REGION)
    vpc = ec2.create_vpc(CidrBlock="10.40.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.40.1.0/24")["Subnet"]["SubnetId"]
    ec2.run_instances(ImageId="ami-12c6146b", InstanceType="t3.medium", MinCount=1, MaxCount=1, SubnetId=subnet,
                      TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "web"}]}])
    session.client("s3", endpoint_url=endpoint, region_name=REGION).create_bucket(Bucket=bucket)


def create_organization(endpoint: str, *, deny_member: str | None = None) -> Organization:
    organizations = boto3.client("organizations", endpoint_url=endpoint, region_name=REGION)
    organizations.create_organization(FeatureSet="ALL")
    management = boto3.client("sts", endpoint_url=endpoint, region_name=REGION).get_caller_identity()["Account"]
    members = {}
    for name in MEMBER_NAMES:
        status = organizations.create_account(AccountName=name, Email=f"{name}@example.com")["CreateAccountStatus"]
        members[name] = status["AccountId"]
    _shape(boto3.Session(region_name=REGION), endpoint, "management-assets")
    for name, account in members.items():
        session = _member_session(endpoint, account)
        session.client("iam", endpoint_url=endpoint).put_role_policy(
            RoleName="OrganizationAccountAccessRole", PolicyName="all", PolicyDocument=json.dumps(ALLOW_ALL))
        _shape(session, endpoint, f"{name}-assets")
    if deny_member is None:
        return Organization(management, members)
    return _with_denied_member(endpoint, management, members, deny_member)


def _with_denied_member(endpoint: str, management: str, members: dict[str, str], denied: str) -> Organization:
    iam = boto3.client("iam", endpoint_url=endpoint, region_name=REGION)
    iam.create_user(UserName="planner")
    policy = {"Version": "2012-10-17", "Statement": [
        *ALLOW_ALL["Statement"],
        {"Effect": "Deny", "Action": "sts:AssumeRole", "Resource": f"arn:aws:iam::{members[denied]}:role/*"}]}
    iam.put_user_policy(UserName="planner", PolicyName="scan", PolicyDocument=json.dumps(policy))
    key = iam.create_access_key(UserName="planner")["AccessKey"]
    requests.post(f"{endpoint}/moto-api/reset-auth", data=b"0", timeout=30).raise_for_status()  # enforce IAM from now
    return Organization(management, members, key["AccessKeyId"], key["SecretAccessKey"])
