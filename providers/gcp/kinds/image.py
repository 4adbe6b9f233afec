"""`compute.image` -> manual: an AMI cannot be launched on Google Cloud; import it or rebuild from a public image."""

from __future__ import annotations

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.index import index_of
from planner.core.model.inventory import Resource
from providers.gcp.spec import GcpSpec

LAUNCHERS = ("aws.ec2.instance", "aws.ec2.launch_template")


def _image_of(resource: Resource) -> list[str]:
    return [str(resource.props.get("image_id") or "")]


def launched_from(image: Resource, ctx: MappingContext) -> list[Resource]:
    """The instances and launch templates of the inventory that boot from this AMI."""
    index = index_of(ctx)
    return index.in_order(r for key in LAUNCHERS for r in index.lookup(_image_of, image.id, key))


def map_image(resource: Resource, ctx: MappingContext) -> MappedTarget:
    users = launched_from(resource, ctx)
    size = resource.props.get("total_size_gib")
    notes = [f"its {size} GiB are counted on its snapshot items (data to move)" if size else "size unknown"]
    if users:
        notes.append("the plan rebuilds " + ", ".join(u.name for u in users) + " from a public image (their items "
                     "say which): the AMI's contents (packages, configuration) must be reapplied or imported")
    return manual(
        "an AMI cannot be launched on Google Cloud: its disks must be imported as a Compute Engine image",
        "export it with VM Import/Export (`aws ec2 export-image` to S3), copy the file to Cloud Storage (Storage "
        "Transfer Service), `gcloud compute images import`; or rebuild it from a public image with the same "
        "configuration (the mapped VMs already boot from public images)",
        notes,
    )


MAP: dict[str, MapFunction] = {"compute.image": map_image}
SPECS: tuple[type[GcpSpec], ...] = ()
