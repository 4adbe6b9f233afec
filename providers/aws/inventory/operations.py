"""Every AWS operation the inventory may send, per service: an allowlist, so that a call not listed here is refused
before it leaves the machine (providers/aws/inventory/session.py).

It is the exact set the specs call (tests/test_inventory_guard.py checks each spec's calls against it, and that no
operation here returns secret material). STS AssumeRole is not here: only the organization scan's own session may
call it (ENTER_ACCOUNT_OPERATIONS in session.py).
"""

from __future__ import annotations

ALLOWED_OPERATIONS: dict[str, frozenset[str]] = {
    "acm": frozenset({"DescribeCertificate", "ListCertificates", "ListTagsForCertificate"}),
    "apigateway": frozenset({"GetResources", "GetRestApis", "GetStages"}),
    "apigatewayv2": frozenset({"GetApis", "GetIntegrations", "GetRoutes", "GetStages"}),
    "application-autoscaling": frozenset({"DescribeScalableTargets"}),
    "autoscaling": frozenset({"DescribeAutoScalingGroups", "DescribeLaunchConfigurations"}),
    "cloudfront": frozenset({"ListDistributions", "ListTagsForResource"}),
    "cloudwatch": frozenset({"DescribeAlarms", "GetMetricData", "ListMetrics", "ListTagsForResource"}),
    "cognito-idp": frozenset({"DescribeUserPool", "ListUserPoolClients", "ListUserPools"}),
    "dynamodb": frozenset({"DescribeTable", "ListTables", "ListTagsOfResource"}),
    "ec2": frozenset({"DescribeAddresses", "DescribeImages", "DescribeInstanceTypes", "DescribeInstances", "DescribeInternetGateways", "DescribeKeyPairs", "DescribeLaunchTemplateVersions", "DescribeLaunchTemplates", "DescribeNatGateways", "DescribeRegions", "DescribeRouteTables", "DescribeSecurityGroups", "DescribeSnapshots", "DescribeSubnets", "DescribeVolumes", "DescribeVpcEndpoints", "DescribeVpcPeeringConnections", "DescribeVpcs"}),
    "ecr": frozenset({"DescribeImages", "DescribeRepositories", "ListTagsForResource"}),
    "ecs": frozenset({"DescribeClusters", "DescribeServices", "DescribeTaskDefinition", "ListClusters", "ListServices", "ListTaskDefinitions"}),
    "efs": frozenset({"DescribeFileSystems", "DescribeMountTargets"}),
    "eks": frozenset({"DescribeCluster", "DescribeNodegroup", "ListClusters", "ListNodegroups"}),
    "elasticache": frozenset({"DescribeCacheClusters", "DescribeCacheSubnetGroups", "DescribeReplicationGroups", "ListTagsForResource"}),
    "elb": frozenset({"DescribeLoadBalancers", "DescribeTags"}),
    "elbv2": frozenset({"DescribeListeners", "DescribeLoadBalancers", "DescribeRules", "DescribeTags", "DescribeTargetGroups", "DescribeTargetHealth"}),
    "events": frozenset({"ListEventBuses", "ListRules", "ListTagsForResource", "ListTargetsByRule"}),
    "iam": frozenset({"GetAccountAuthorizationDetails", "ListAttachedRolePolicies", "ListRolePolicies", "ListRoleTags", "ListRoles"}),
    "kinesis": frozenset({"DescribeStreamSummary", "ListStreams", "ListTagsForStream"}),
    "kms": frozenset({"DescribeKey", "ListAliases", "ListKeys", "ListResourceTags"}),
    "lambda": frozenset({"ListEventSourceMappings", "ListFunctions", "ListTags"}),
    "logs": frozenset({"DescribeLogGroups", "ListTagsForResource"}),
    "opensearch": frozenset({"DescribeDomains", "ListDomainNames", "ListTags"}),
    "organizations": frozenset({"ListAccounts"}),
    "rds": frozenset({"DescribeDBClusters", "DescribeDBInstances", "DescribeDBSnapshots"}),
    "redshift": frozenset({"DescribeClusterSubnetGroups", "DescribeClusters"}),
    "resourcegroupstaggingapi": frozenset({"GetResources"}),
    "route53": frozenset({"GetHostedZone", "ListHostedZones", "ListResourceRecordSets", "ListTagsForResources"}),
    "route53domains": frozenset({"GetDomainDetail", "ListDomains"}),
    "s3": frozenset({"GetBucketEncryption", "GetBucketLocation", "GetBucketTagging", "GetBucketVersioning", "GetBucketWebsite", "ListBuckets", "ListObjectsV2"}),
    "secretsmanager": frozenset({"ListSecrets"}),
    "ses": frozenset({"ListIdentities"}),
    "sesv2": frozenset({"GetEmailIdentity"}),
    "sns": frozenset({"GetTopicAttributes", "ListSubscriptions", "ListSubscriptionsByTopic", "ListTagsForResource", "ListTopics"}),
    "sqs": frozenset({"GetQueueAttributes", "ListQueueTags", "ListQueues"}),
    "ssm": frozenset({"DescribeParameters", "ListTagsForResource"}),
    "stepfunctions": frozenset({"DescribeStateMachine", "ListStateMachines", "ListTagsForResource"}),
    "sts": frozenset({"GetCallerIdentity"}),
}
