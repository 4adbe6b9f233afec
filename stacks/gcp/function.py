"""Builds `gcp.cloudfunctions2.function` and `gcp.cloudrun.service` (`function`): a Cloud Run function with
its region's source bucket and a placeholder source object that builds ("replace me"), or a Cloud Run service."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.function import CloudFunctionSpec, CloudRunServiceSpec
from stacks.gcp._function_source import placeholder_archive
from stacks.gcp.base import GcpBuilder, GcpGroup


def _source_bucket(group: GcpGroup, region: str) -> gcp.storage.Bucket:
    return group.shared(("function-sources", region), lambda: gcp.storage.Bucket(
        f"function-sources-{region}", location=region.upper(), uniform_bucket_level_access=True,
        public_access_prevention="enforced", opts=group.opts()))  # type: ignore[return-value]


def build_function(group: GcpGroup, item: PlanItem, spec: CloudFunctionSpec) -> pulumi.Resource:
    bucket = _source_bucket(group, spec.region)
    # Nothing else uploads the code: a placeholder that deploys keeps `pulumi up` whole until the port lands.
    source = gcp.storage.BucketObject(f"{item.id}-source", bucket=bucket.name, name=spec.source_object,
                                      source=placeholder_archive(spec.runtime, spec.entry_point), opts=group.opts())
    function = gcp.cloudfunctionsv2.Function(
        item.id, name=spec.name, location=spec.region, labels=spec.labels,
        build_config={"runtime": spec.runtime, "entry_point": spec.entry_point,
                      "source": {"storage_source": {"bucket": bucket.name, "object": source.name}}},
        service_config={"available_memory": f"{spec.memory_mb}M", "timeout_seconds": spec.timeout_s},
        opts=group.opts())
    group.export(item, "url", function.url)
    group.export(item, "source_bucket", bucket.url)
    return function


def build_cloud_run(group: GcpGroup, item: PlanItem, spec: CloudRunServiceSpec) -> pulumi.Resource:
    service = gcp.cloudrunv2.Service(
        item.id, name=spec.name, location=spec.region, labels=spec.labels, deletion_protection=False,
        template={"containers": [{"image": spec.image, "resources": {"limits": {"memory": f"{spec.memory_mb}Mi"}}}],
                  "timeout": f"{spec.timeout_s}s"},
        opts=group.opts())
    group.export(item, "url", service.uri)
    return service


BUILD: dict[str, GcpBuilder] = {
    "gcp.cloudfunctions2.function": build_function,
    "gcp.cloudrun.service": build_cloud_run,
}
