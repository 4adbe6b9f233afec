"""The files of a generated Pulumi project, rendered in memory from a plan.

Pure: the same plan document, stack name and installed versions always give
byte-identical files (sorted everything, no timestamps, no paths of this
machine). Writing them is `planner.stackgen.writer`'s job.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import metadata, resources
from typing import Any

import jinja2

from planner import DISTRIBUTION, __version__
from planner.core.errors import PlannerError
from planner.core.fileio import dump_json
from planner.core.model.plan import Plan, PlanItem
from planner.core.project import PLACEHOLDER_PREFIX
from planner.stackgen.policy import TEMPLATES as POLICY_TEMPLATES
from planner.stackgen.policy import policy_context, policy_sources
from planner.stackgen.safety import ReferenceReader, check_generated_files, redact_plan_document

MARKER_FILE = ".planner-generated"
PLAN_FILE = "plan.json"
WORKFLOW_FILE = ".github/workflows/pulumi-preview.yml"
DEFAULT_STACK = "dev"


@dataclass(frozen=True)
class WrittenProgram:
    """What a program writer returns: the program's files, and the plan they build (the plan it was given, or
    that plan with the items it could not build made manual, under --allow-invalid)."""

    files: dict[str, str]
    plan: Plan


ProgramWriter = Callable[[Plan, str], WrittenProgram]
PythonFormatter = Callable[[dict[str, str]], dict[str, str]]


@dataclass(frozen=True)
class ConfigEntry:
    key: str
    value: str
    help: str  # what to set and how, written as a comment above the entry


@dataclass(frozen=True)
class TargetProfile:
    """What differs between targets in a generated project."""

    title: str
    sdk_distribution: str  # the provider SDK on PyPI
    region_key: str
    extra_config: tuple[ConfigEntry, ...]
    credentials_help: str


TARGET_PROFILES: dict[str, TargetProfile] = {
    "gcp": TargetProfile(
        title="Google Cloud",
        sdk_distribution="pulumi-gcp",
        region_key="gcp:region",
        extra_config=(
            ConfigEntry(
                key="gcp:project",
                value=f"{PLACEHOLDER_PREFIX}with-your-gcp-project-id",
                help="The Google Cloud project that receives the resources: pulumi config set gcp:project <project-id>",
            ),
        ),
        credentials_help=(
            "`gcloud auth application-default login` locally; in CI, Workload Identity Federation "
            "with the repository variables `GCP_WORKLOAD_IDENTITY_PROVIDER` and `GCP_SERVICE_ACCOUNT`"
        ),
    ),
    "aws": TargetProfile(
        title="AWS (a fresh account or region)",
        sdk_distribution="pulumi-aws",
        region_key="aws:region",
        extra_config=(),
        credentials_help=(
            "a profile of the *new* account (`AWS_PROFILE=...`) locally; in CI, OpenID Connect "
            "with the repository variable `AWS_ROLE_TO_ASSUME` (the role to assume)"
        ),
    ),
}
STACK_SDK_DISTRIBUTIONS: tuple[str, ...] = ("pulumi", "pulumi-random", "pulumi-policy")


@dataclass(frozen=True)
class GeneratedProject:
    files: dict[str, bytes]  # relative path -> content; MARKER_FILE included
    plan_sha256: str
    stack: str
    project_name: str


def render_project(
    plan_document: dict[str, Any],
    program_writer: ProgramWriter,
    *,
    format_python: PythonFormatter = dict,
    stack: str = DEFAULT_STACK,
    settings: dict[str, str] | None = None,
    references: ReferenceReader | None = None,
) -> GeneratedProject:
    """Every file of the project for the plan `plan_document` (a valid plan's JSON).

    Everything is rendered from the redacted plan, so no source id reaches the README either.
    `settings`: config values the user already set in the stack file (`gcp:project`);
    they replace the matching placeholders, so regenerating does not undo them.
    `references`: the plan item ids a target spec refers to (see `redact_plan_document`).
    `program_writer`: the program's files (name -> text) for the redacted plan and a header to put in each
    (planner.codegen.program_files: it runs the target's builders, a layer above this one).
    `format_python`: name -> text of the policy pack's files, its Python modules formatted (the default leaves
    them as they are; planner.codegen.format_modules in `planner generate`).
    """
    plan_sha256 = hashlib.sha256(dump_json(plan_document).encode("utf-8")).hexdigest()
    redacted_document = redact_plan_document(plan_document, references)
    plan = Plan.model_validate(redacted_document)
    profile = TARGET_PROFILES[plan.target.provider]
    context = _context(plan, profile, stack=stack, plan_sha256=plan_sha256, settings=settings or {})
    written = program_writer(plan, _program_header(context))
    if written.plan is not plan:  # items left out of the program: the project's plan.json and README say so
        plan = written.plan
        redacted_document = _with_items_made_manual(redacted_document, plan)
        context = _context(plan, profile, stack=stack, plan_sha256=plan_sha256, settings=settings or {})
    program = written.files
    context["modules"] = sorted((name, text.count("\n")) for name, text in program.items())
    files: dict[str, str] = {
        "Pulumi.yaml": _render("Pulumi.yaml.j2", context),
        f"Pulumi.{stack}.yaml": _render("Pulumi.stack.yaml.j2", context),
        **program,
        PLAN_FILE: dump_json(redacted_document),
        "requirements.txt": _render("requirements.txt.j2", context),
        "README.md": _render("README.md.j2", context),
        WORKFLOW_FILE: _render("pulumi-preview.yml.j2", context),
        ".gitignore": _render("gitignore.j2", context),
        **format_python(_policy_files(plan, context)),
    }
    encoded = {name: text.encode("utf-8") for name, text in files.items()}
    encoded[MARKER_FILE] = dump_json(
        {
            "generator": "planner generate",
            "planner_version": __version__,
            "plan_sha256": plan_sha256,
            "plan_file": PLAN_FILE,
            "stack": stack,
            "target": plan.target.provider,
            "files": sorted(files),
            # What each file held when written (stack files excepted: `pulumi config set` edits them): --update
            # refuses to overwrite an edit made since.
            "sha256": {name: hashlib.sha256(content).hexdigest() for name, content in sorted(encoded.items())
                       if name != f"Pulumi.{stack}.yaml"},
        }
    ).encode("utf-8")
    check_generated_files(encoded)
    return GeneratedProject(files=encoded, plan_sha256=plan_sha256, stack=stack, project_name=context["project_name"])


def _with_items_made_manual(document: dict[str, Any], plan: Plan) -> dict[str, Any]:
    """The plan document with each item that `plan` made manual (and the document did not) manual there too."""
    made_manual = {item.id: item.manual for item in plan.items if item.status == "manual" and item.manual}
    items = [{**entry, "status": "manual", "manual": made_manual[entry["id"]].model_dump(mode="json")}
             if entry.get("id") in made_manual and entry.get("status") != "manual" else entry
             for entry in document["items"]]
    return {**document, "items": items}


def _policy_files(plan: Plan, context: dict[str, Any]) -> dict[str, str]:
    policy = {**context, **policy_context(plan)}
    rendered = {name: _render(template, policy) for name, template in POLICY_TEMPLATES.items()}
    return {**rendered, **policy_sources(plan)}


def main_region(plan: Plan) -> str | None:
    """The region most items are placed in (ties: alphabetical), else the region map's most common target."""
    regions = Counter(str(item.target["region"]) for item in _buildable(plan) if item.target and item.target.get("region"))
    if not regions:
        regions = Counter(plan.target.region_map.values())
    if not regions:
        return None
    return sorted(regions.items(), key=lambda pair: (-pair[1], pair[0]))[0][0]


def stack_config(plan: Plan, profile: TargetProfile, settings: dict[str, str] | None = None) -> list[ConfigEntry]:
    """The stack's config entries; placeholders filled from `settings` where the user set them."""
    entries = _default_stack_config(plan, profile)
    kept = {key: value for key, value in (settings or {}).items() if value and not value.startswith(PLACEHOLDER_PREFIX)}
    return [
        ConfigEntry(key=entry.key, value=kept[entry.key], help=entry.help)
        if entry.value.startswith(PLACEHOLDER_PREFIX) and entry.key in kept
        else entry
        for entry in entries
    ]


def _default_stack_config(plan: Plan, profile: TargetProfile) -> list[ConfigEntry]:
    region = main_region(plan)
    region_entry = ConfigEntry(
        key=profile.region_key,
        value=region or f"{PLACEHOLDER_PREFIX}with-a-region",
        help=(
            "Default region, where the plan puts most items; items that name a region keep theirs"
            if region
            else f"The target region: pulumi config set {profile.region_key} <region>"
        ),
    )
    return sorted([*profile.extra_config, region_entry], key=lambda entry: entry.key)


def pinned_requirements(provider_distribution: str) -> list[str]:
    """`name==version` of the public packages the program and its policy pack import, as installed with this
    planner (what it was tested with). planner itself is not among them: the program does not import it."""
    names = sorted({*STACK_SDK_DISTRIBUTIONS, provider_distribution})
    return [f"{name}=={_installed_version(name)}" for name in names]


def _program_header(context: dict[str, Any]) -> str:
    # The plan's sha256 is in README.md and the marker, not here: a new plan changes only the modules it changes.
    return (f"Written by `planner generate` ({DISTRIBUTION} {context['planner_version']}) from a migration plan.\n"
            "Yours to review and edit; `planner generate --update` rewrites it from a new plan (see README.md).")


def _context(
    plan: Plan, profile: TargetProfile, *, stack: str, plan_sha256: str, settings: dict[str, str]
) -> dict[str, Any]:
    provider = plan.target.provider
    status_counts = Counter(item.status for item in plan.items)
    return {
        "provider": provider,
        "profile": profile,
        "stack": stack,
        "project_name": f"planner-{provider}",
        "planner_version": __version__,
        "distribution": DISTRIBUTION,
        "plan_sha256": plan_sha256,
        "config": stack_config(plan, profile, settings),
        "placeholder_prefix": PLACEHOLDER_PREFIX,
        "requirements": pinned_requirements(profile.sdk_distribution),
        "status_counts": {status: status_counts.get(status, 0) for status in ("mapped", "partial", "manual", "skipped")},
        "item_count": len(plan.items),
        "counts_by_type": _counts_by_target_type(plan),
        "counts_by_group": sorted(Counter(item.group for item in _buildable(plan)).items()),
        "manual_items": [item for item in plan.items if item.status == "manual"],
        "partial_items": [item for item in plan.items if item.status == "partial"],
        "catalogs": plan.target.catalogs,
    }


def _counts_by_target_type(plan: Plan) -> list[tuple[str, str, int]]:
    """(target type, neutral kind, items) for every buildable item."""
    counts = Counter(
        (str((item.target or {}).get("type", "(no type in spec)")), item.kind) for item in _buildable(plan)
    )
    return [(target_type, kind, count) for (target_type, kind), count in sorted(counts.items())]


def _buildable(plan: Plan) -> list[PlanItem]:
    return [item for item in plan.items if item.status in {"mapped", "partial"}]


def _installed_version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        raise PlannerError(f"{distribution} is not installed; reinstall planner ({DISTRIBUTION} {__version__})") from None


def _render(template_name: str, context: dict[str, Any]) -> str:
    return _environment().get_template(template_name).render(**context)


@cache
def _environment() -> jinja2.Environment:
    """Jinja with [[ ]] / [% %] delimiters: the CI workflow is full of GitHub's own ${{ }}."""
    folder = resources.files("planner.stackgen").joinpath("templates")
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda name: folder.joinpath(name).read_text(encoding="utf-8")),
        variable_start_string="[[",
        variable_end_string="]]",
        block_start_string="[%",
        block_end_string="%]",
        comment_start_string="[#",
        comment_end_string="#]",
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
    )
