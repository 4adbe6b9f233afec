"""What every pipeline file's models share."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class FileModel(BaseModel):
    """Unknown fields are kept (files may carry more than this version knows); aliases or names both read."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


class ToolInfo(FileModel):
    name: str = "planner"
    version: str
