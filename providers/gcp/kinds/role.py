"""`identity.role` -> a service account with project-level bindings of predefined roles.

One service account per IAM role. Its roles come from two data tables below: AWS-managed policies the role has
attached, and the AWS services trusted to assume it (what their workloads need on Google Cloud, such as writing
logs). What cannot be translated (customer-managed and inline policies, whose documents are not inventoried;
unknown managed policies; conditions) is a note on a `partial` item. Service-linked roles are skipped by the core
(planner/planning/defaults.py): AWS creates them, and Google Cloud has service agents for the same work.

Sources of the tables: the pairings follow what each AWS managed policy allows (AWS "AWS managed policies"
reference) and the role descriptions of Google Cloud's "IAM roles and permissions index" pages (Cloud Storage,
Firestore, Pub/Sub, Cloud Logging, Artifact Registry, Secret Manager, Compute Engine, Memorystore for Redis, Cloud
Trace), "Predefined Cloud SQL IAM roles" and GKE "Configure GKE node service accounts"
(roles/container.defaultNodeServiceAccount), in the spirit of Google's "Compare AWS and Google Cloud IAM". Every
role name was checked in those pages or in the pulumi-gcp 10.2.0 docstrings; roles/monitoring.admin and
roles/compute.loadBalancerAdmin could not be checked and are left out (their AWS policies become notes).
A pairing is a starting point, not an audit: review it for a role that matters.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from planner.core.naming import lowercase_hyphenated, sanitize_name, short_hash
from providers.gcp.kinds._shared import done, free
from providers.gcp.spec import GcpSpec

AWS_MANAGED_POLICY = ":iam::aws:policy/"  # in the ARN of every AWS-managed policy

# Service account ids: 6-30 characters, a lowercase letter first, then lowercase letters, digits and hyphens,
# not ending with a hyphen (IAM "Create service accounts": account ID).
ACCOUNT_ID_RULES = lowercase_hyphenated(
    "gcp-service-account", max_length=30, min_length=6, pattern=r"[a-z][-a-z0-9]{4,28}[a-z0-9]",
    description="service account ids: 6-30 lowercase letters, digits, hyphens; a letter first",
)
SUFFIX_LENGTH = 6

# AWS-managed policy -> the predefined roles granting the same on Google Cloud, project-wide.
MANAGED_POLICY_ROLES: dict[str, tuple[str, ...]] = {
    "AmazonS3ReadOnlyAccess": ("roles/storage.objectViewer",),
    "AmazonS3FullAccess": ("roles/storage.admin",),
    "AmazonDynamoDBReadOnlyAccess": ("roles/datastore.viewer",),
    "AmazonDynamoDBFullAccess": ("roles/datastore.user",),
    "AmazonSQSReadOnlyAccess": ("roles/pubsub.viewer",),
    "AmazonSQSFullAccess": ("roles/pubsub.editor",),
    "AmazonSNSReadOnlyAccess": ("roles/pubsub.viewer",),
    "AmazonSNSFullAccess": ("roles/pubsub.editor",),
    "CloudWatchLogsFullAccess": ("roles/logging.admin",),
    "CloudWatchAgentServerPolicy": ("roles/logging.logWriter", "roles/monitoring.metricWriter"),
    "AmazonEC2ContainerRegistryReadOnly": ("roles/artifactregistry.reader",),
    "AmazonEC2ContainerRegistryPowerUser": ("roles/artifactregistry.writer",),
    "AWSLambdaBasicExecutionRole": ("roles/logging.logWriter",),
    "AWSLambdaVPCAccessExecutionRole": ("roles/logging.logWriter",),
    "AmazonECSTaskExecutionRolePolicy": ("roles/artifactregistry.reader", "roles/logging.logWriter"),
    "AmazonRDSReadOnlyAccess": ("roles/cloudsql.viewer",),
    "AmazonRDSFullAccess": ("roles/cloudsql.admin",),
    "SecretsManagerReadWrite": ("roles/secretmanager.admin",),
    "AmazonSSMReadOnlyAccess": ("roles/secretmanager.secretAccessor",),  # parameters become secrets
    "AmazonEC2ReadOnlyAccess": ("roles/compute.viewer",),
    "AmazonEC2FullAccess": ("roles/compute.admin",),
    "AmazonElastiCacheFullAccess": ("roles/redis.admin",),
    "AWSXRayDaemonWriteAccess": ("roles/cloudtrace.agent",),
    "AWSXrayWriteOnlyAccess": ("roles/cloudtrace.agent",),
    "AmazonEKSWorkerNodePolicy": ("roles/container.defaultNodeServiceAccount",),
    "ReadOnlyAccess": ("roles/viewer",),
}
# AWS-managed policies whose work Google-managed service agents do on Google Cloud: nothing to grant.
GRANTED_BY_GOOGLE: dict[str, str] = {
    "AmazonEKSClusterPolicy": "GKE's control plane runs as Google's Kubernetes Engine service agent",
    "AmazonEKSServicePolicy": "GKE's control plane runs as Google's Kubernetes Engine service agent",
    "AmazonEKS_CNI_Policy": "GKE manages Pod networking itself",
    "AmazonSSMManagedInstanceCore": "OS Login and IAP TCP forwarding replace Session Manager (no grant on the VM)",
}
# AWS service principal -> what its workloads need on Google Cloud whatever their policies say.
# EC2 instances (and EKS nodes) write logs and metrics through the Ops Agent; functions and tasks write logs.
PRINCIPAL_ROLES: dict[str, tuple[str, ...]] = {
    "ec2.amazonaws.com": ("roles/logging.logWriter", "roles/monitoring.metricWriter"),
    "lambda.amazonaws.com": ("roles/logging.logWriter",),
    "ecs-tasks.amazonaws.com": ("roles/logging.logWriter",),
    "eks.amazonaws.com": (),  # the GKE service agent; see GRANTED_BY_GOOGLE
}
# What each trusted service's workload becomes here, for the notes.
PRINCIPAL_WORKLOADS: dict[str, str] = {
    "ec2.amazonaws.com": "Compute Engine instances (set it as their service account)",
    "lambda.amazonaws.com": "Cloud Run functions and services",
    "ecs-tasks.amazonaws.com": "Cloud Run services and jobs (set by the plan for ECS services)",
    "eks.amazonaws.com": "GKE (its control plane needs no service account of yours)",
}


class ServiceAccountSpec(GcpSpec):
    type: Literal["gcp.serviceaccount.account"] = "gcp.serviceaccount.account"
    account_id: str  # 6-30 characters: the email is <account_id>@<project>.iam.gserviceaccount.com
    display_name: str
    description: str = ""
    project_roles: list[str] = Field(default_factory=list)  # predefined roles bound on the project


def service_account_email(account_id: str, project: str) -> str:
    """The email Google gives a user-managed service account (IAM "Service accounts": account ID and project)."""
    return f"{account_id}@{project}.iam.gserviceaccount.com"


def account_id(name: str, resource_id: str) -> str:
    """A valid service account id for the target name; a short hash of the source id when it had to be cut."""
    fitted = sanitize_name(name, ACCOUNT_ID_RULES, fallback="sa")
    if fitted == name:
        return fitted
    stem = sanitize_name(name, ACCOUNT_ID_RULES, fallback="sa", reserve=SUFFIX_LENGTH + 1)
    return f"{stem}-{short_hash(resource_id, SUFFIX_LENGTH)}"


def _managed_policy_names(props: dict[str, object]) -> tuple[list[str], list[str]]:
    """(AWS-managed policy names, other attached policy names): by ARN, or (an inventory without ARNs) by the
    names the tables here know."""
    names = [str(name) for name in props.get("attached_policy_names") or []]  # type: ignore[union-attr]
    arns = [str(arn) for arn in props.get("attached_policy_arns") or []]  # type: ignore[union-attr]
    if arns:
        managed = {arn.rsplit("/", 1)[-1] for arn in arns if AWS_MANAGED_POLICY in arn}
    else:
        managed = set(MANAGED_POLICY_ROLES) | set(GRANTED_BY_GOOGLE)
    return [name for name in names if name in managed], [name for name in names if name not in managed]


def _roles_and_notes(props: dict[str, object]) -> tuple[list[str], list[str], bool]:
    """Predefined roles, notes, and whether everything the role allowed was translated."""
    managed, customer = _managed_policy_names(props)
    services = [str(service) for service in props.get("trusted_services") or []]  # type: ignore[union-attr]
    roles = [role for service in services for role in PRINCIPAL_ROLES.get(service, ())]
    notes: list[str] = []
    for policy in managed:
        if policy in MANAGED_POLICY_ROLES:
            roles.extend(MANAGED_POLICY_ROLES[policy])
            notes.append(f"{policy} -> {', '.join(MANAGED_POLICY_ROLES[policy])}")
        elif policy in GRANTED_BY_GOOGLE:
            notes.append(f"{policy}: nothing to grant ({GRANTED_BY_GOOGLE[policy]})")
    untranslated = [policy for policy in managed if policy not in MANAGED_POLICY_ROLES and policy not in GRANTED_BY_GOOGLE]
    gaps = _gap_notes(untranslated, customer, props, services)
    return sorted(set(roles)), notes + gaps, not gaps


def _gap_notes(untranslated: list[str], customer: list[str], props: dict[str, object], services: list[str]) -> list[str]:
    inline = [str(name) for name in props.get("inline_policy_names") or []]  # type: ignore[union-attr]
    unknown = [service for service in services if service not in PRINCIPAL_ROLES]
    gaps = [
        (untranslated, "AWS-managed policies with no predefined role in the table here: {}: grant the matching "
                       "roles by hand"),
        (customer, "customer-managed (or unknown) policies {}: their documents are not inventoried; translate their "
                   "permissions into predefined or custom roles (conditions and resource scopes included)"),
        (inline, "inline policies {}: not inventoried; translate them by hand"),
        (unknown, "trusted services {} have no entry here: grant what their workloads need"),
    ]
    notes = [template.format(", ".join(values)) for values, template in gaps if values]
    if props.get("trusted_accounts") or not services:
        notes.append("assumed by accounts or federated users, not only services: grant them "
                     "roles/iam.serviceAccountTokenCreator on this service account, or the roles directly")
    return notes


def map_role(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    name = ctx.target_name(resource)
    roles, notes, complete = _roles_and_notes(props)
    services = [str(service) for service in props.get("trusted_services") or []]
    spec = ServiceAccountSpec(
        name=name, account_id=account_id(name, resource.id), display_name=str(props.get("role_name") or resource.name)[:100],
        description=f"from IAM role {props.get('role_name') or resource.name}"[:256], project_roles=roles)
    workloads = "; ".join(PRINCIPAL_WORKLOADS.get(service, service) for service in services) or "its callers"
    head = [f"IAM role -> service account {spec.account_id} for {workloads}; "
            f"{len(roles)} predefined role(s) bound on the project" + (f": {', '.join(roles)}" if roles else ""),
            "project-wide bindings: AWS policies often name resources (ARNs); narrow them to resource-level IAM "
            "(a bucket, a topic) where it matters"]
    return done("mapped" if complete else "partial", spec, head + notes, free("service account"))


MAP: dict[str, MapFunction] = {"identity.role": map_role}
SPECS: tuple[type[GcpSpec], ...] = (ServiceAccountSpec,)
