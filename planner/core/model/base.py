"""What every pipeline file's models share."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Self

from pydantic import BaseModel, ConfigDict

from planner.core.fileio import load_document


class FileModel(BaseModel):
    """Unknown fields are kept (files may carry more than this version knows); aliases or names both read."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


class ToolInfo(FileModel):
    name: str = "planner"
    version: str


class VersionedFile(FileModel):
    """A pipeline file with a schema version (`SCHEMA`), read and validated by `load`."""

    SCHEMA: ClassVar[str]

    @classmethod
    def load(cls, path: Path) -> Self:
        return load_document(path, cls, expected_schema=cls.SCHEMA)
