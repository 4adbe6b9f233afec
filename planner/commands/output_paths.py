"""The click type of an output file option (`--out FILE`): a name ending in '/' names a directory, not a file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click


class OutputFile(click.Path):
    """`click.Path(dir_okay=False, path_type=Path)` that refuses 'newdir/': pathlib would drop the slash and write
    a file called newdir, which is not what was asked for."""

    def __init__(self, example: str) -> None:
        super().__init__(path_type=Path, dir_okay=False)
        self.example = example

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and value.endswith(("/", os.sep)):
            self.fail(f"{value!r} ends with '/', so it names a directory; give a file name, e.g. {value}{self.example}",
                      param, ctx)
        return super().convert(value, param, ctx)
