"""The machine image of an instance or a launch template: an AMI cannot leave its account and region."""

from __future__ import annotations

from typing import Any

from providers.aws.spec import _Part

# Public SSM parameters AWS maintains for its current images, by (platform, architecture).
# (AWS Systems Manager "Query for the latest Amazon Linux AMI IDs" / "... Windows AMI IDs".)
BASE_IMAGE_PARAMETERS: dict[tuple[str, str], str] = {
    ("linux", "x86_64"): "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
    ("linux", "arm64"): "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
    ("windows", "x86_64"): "/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base",
}
AMI_NOTE = (
    "image: the source AMI {image} belongs to the source account/region and cannot be launched here; "
    "the spec launches the public SSM parameter {parameter} (a base OS, not your image). Copy or share the "
    "AMI (`aws ec2 copy-image` / launch permissions) and set its id in config `planner:ami-{item_id}`"
)


class ImageChoice(_Part):
    """The machine image. A source AMI id belongs to the source account and region, so the
    spec names an SSM public parameter (`resolve:ssm:` at launch) unless the operator sets
    `ami` (or the stack config `planner:ami-<item id>`) to a copied or shared image."""

    source_image_id: str | None = None
    ssm_parameter: str
    ami: str | None = None


def image_choice(props: dict[str, Any], item_id: str) -> tuple[ImageChoice, str]:
    """The base image standing in for the source AMI, and the note saying how to use the real one."""
    platform = str(props.get("platform") or "linux")
    arch = str(props.get("architecture") or "x86_64")
    parameter = BASE_IMAGE_PARAMETERS.get((platform, arch), BASE_IMAGE_PARAMETERS[("linux", "x86_64")])
    image = ImageChoice(source_image_id=props.get("image_id"), ssm_parameter=parameter)
    return image, AMI_NOTE.format(image=props.get("image_id") or "(unknown)", parameter=parameter, item_id=item_id)
