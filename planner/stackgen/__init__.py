"""Generated Pulumi projects: the files (`project`), what must stay out of them (`safety`), writing them (`writer`).

The program itself is printed by planner.codegen, handed in as `render_project`'s `program_writer`.

Templates live in `planner/stackgen/templates/` (Jinja, `[[ ]]` / `[% %]` delimiters).
"""

from planner.stackgen.project import (
    DEFAULT_STACK,
    MARKER_FILE,
    PLAN_FILE,
    WORKFLOW_FILE,
    GeneratedProject,
    WrittenProgram,
    render_project,
)
from planner.stackgen.safety import GeneratedContentError
from planner.stackgen.writer import WrittenProject, write_project

__all__ = [
    "DEFAULT_STACK",
    "MARKER_FILE",
    "PLAN_FILE",
    "WORKFLOW_FILE",
    "GeneratedContentError",
    "GeneratedProject",
    "WrittenProgram",
    "WrittenProject",
    "render_project",
    "write_project",
]
