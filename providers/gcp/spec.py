"""Google Cloud target specs: a plan item's `target` is `Spec.model_dump()`, naming its GCP type
(`gcp.compute.instance`...), the resource name, region or zone, labels and sizes; references to other resources
are plan item ids (`network: "net-main"`), never AWS ids, and the stack resolves them to Pulumi outputs. The spec
models live with their kind (providers/gcp/kinds/<module>.py `SPECS`); this module holds their base and the parser.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from providers.common.kinds import spec_types

KINDS_PACKAGE = "providers.gcp.kinds"


class GcpSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: str
    name: str
    labels: dict[str, str] = Field(default_factory=dict)

    # Fields holding plan item ids (a string, a list of strings, or None).
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ()

    def referenced_ids(self) -> list[str]:
        """Plan item ids this spec refers to, in field order."""
        found: list[str] = []
        for field_name in self.REFERENCE_FIELDS:
            value = getattr(self, field_name)
            found.extend([value] if isinstance(value, str) else list(value or []))
        return found


def parse_spec(target: dict[str, Any]) -> GcpSpec:
    """The typed spec of a plan item's `target` dict (KeyError on an unknown type)."""
    return spec_types(KINDS_PACKAGE)[target["type"]].model_validate(target)


def __getattr__(name: str) -> dict[str, type[GcpSpec]]:
    """`SPEC_TYPES`, spec type -> model over every kind module: gathered on first use (they import this module)."""
    if name == "SPEC_TYPES":
        return spec_types(KINDS_PACKAGE)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
