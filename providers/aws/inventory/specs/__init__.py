"""One module per AWS service; importing this package registers every spec.

Within a service, registration order is dependency order (parents first,
and types whose raw items later specs read, such as key pairs before instances).
"""

from providers.aws.inventory.specs import (  # noqa: F401 - imported for registration
    acm,
    autoscaling,
    cloudfront,
    dynamodb,
    ec2,
    ecr,
    ecs,
    efs,
    eks,
    elasticache,
    elb,
    elbv2,
    iam,
    kms,
    lambda_,
    rds,
    route53,
    s3,
    secretsmanager,
    sns,
    sqs,
)
