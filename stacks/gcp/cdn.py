"""Builds `gcp.compute.cdn` (`cdn`): backend buckets with Cloud CDN behind a global address and frontend. Buckets
served to anyone are readable by allUsers (the bucket builder); for signed-URL distributions the Cloud CDN fill
service account reads the private bucket and a signed URL key is generated into Secret Manager."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp
import pulumi_random as random

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.cdn import CdnSpec
from stacks.common import derived
from stacks.common.derive import derive
from stacks.gcp._shared import frontend
from stacks.gcp.base import GcpBuilder, GcpGroup

SIGNED_URL_KEY_BYTES = 16  # a 128-bit key (compute.BackendBucketSignedUrlKey `key_value`)
OBJECT_VIEWER = "roles/storage.objectViewer"


def _signed_url_access(group: GcpGroup, item: PlanItem, spec: CdnSpec, backend: gcp.compute.BackendBucket,
                       bucket_id: str, logical: str, index: int) -> None:
    key = random.RandomBytes(f"{logical}-url-key", length=SIGNED_URL_KEY_BYTES, opts=group.opts())
    key_value = pulumi.Output.secret(derive(derived.url_safe_base64, key.base64))
    signed = gcp.compute.BackendBucketSignedUrlKey(
        f"{logical}-url-key", name=f"{spec.name[:50]}-key{index}", backend_bucket=backend.name, key_value=key_value,
        opts=group.opts())
    secret = gcp.secretmanager.Secret(f"{logical}-url-key", secret_id=f"{spec.name[:200]}-signed-url-key-{index}",
                                      replication={"auto": {}}, labels=spec.labels, opts=group.opts())
    gcp.secretmanager.SecretVersion(f"{logical}-url-key", secret=secret.id, secret_data=key_value,
                                    opts=group.opts())
    fill_account = gcp.organizations.get_project_output().number.apply(
        lambda number: f"serviceAccount:service-{number}@cloud-cdn-fill.iam.gserviceaccount.com")
    # The fill service account exists once the backend bucket has a signed URL key.
    gcp.storage.BucketIAMMember(f"{logical}-cdn-fill", bucket=group.ref(item, bucket_id, "name"),
                                role=OBJECT_VIEWER, member=fill_account, opts=group.opts(depends_on=[signed]))
    group.export(item, f"signed_url_key_secret_{index}", secret.id)


def build_cdn(group: GcpGroup, item: PlanItem, spec: CdnSpec) -> pulumi.Resource | None:
    backends = []
    for index, bucket in enumerate(spec.backend_buckets):
        logical = f"{item.id}-{bucket}"
        backend = gcp.compute.BackendBucket(logical, name=f"{spec.name}-{index}"[:63],
                                            bucket_name=group.ref(item, bucket, "name"), enable_cdn=True,
                                            opts=group.opts())
        if spec.bucket_access == "cdn_fill":
            _signed_url_access(group, item, spec, backend, bucket, logical, index)
        backends.append(backend)
    address = gcp.compute.GlobalAddress(f"{item.id}-address", name=f"{spec.name}-address"[:63], labels=spec.labels,
                                        opts=group.opts())
    certificates = group.buildable_refs(item, spec.certificates, "certificate")
    rule = frontend(
        group, item, logical=item.id, name=spec.name, lb_type="application", region="global",
        protocol="HTTPS" if certificates else "HTTP", port=443 if certificates else 80,
        address=address.address, backend=backends[0], certificates=certificates, https_redirect=False,
        labels=spec.labels)
    group.register_main_and_address(item, rule or address, address)
    return rule


BUILD: dict[str, GcpBuilder] = {"gcp.compute.cdn": build_cdn}
