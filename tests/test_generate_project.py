"""`planner generate`: every file, byte-identical twice, no source ids or secrets, safe overwrites."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner, Result
from test_preview_target import SOURCE_IDS, small_plan_document

from planner import DISTRIBUTION, __version__
from planner.cli import app
from planner.core.fileio import write_json_atomic
from planner.core.model.plan import Plan
from planner.stackgen.safety import AWS_ID_PATTERN, SECRET_PATTERNS

EXPECTED_FILES: set[str] = {
    ".github/workflows/pulumi-preview.yml",
    ".gitignore",
    ".planner-generated",
    "Pulumi.dev.yaml",
    "Pulumi.yaml",
    "README.md",
    "__main__.py",
    # one module per group of the plan, the derivations they share, and the project's ruff settings
    "compute.py",
    "data.py",
    "derived.py",
    "network.py",
    "shared.py",
    "ruff.toml",
    "plan.json",
    "requirements.txt",
    # the serving rules as a Pulumi policy pack (`pulumi preview --policy-pack policy`)
    "policy/PulumiPolicy.yaml",
    "policy/__main__.py",
    "policy/requirements.txt",
    "policy/serving_core.py",
    "policy/serving_rules.py",
}


def valid_plan_document() -> dict[str, Any]:
    """The shared small GCP plan, with target specs the real GCP stack accepts (providers/gcp/kinds/)."""
    document = small_plan_document()
    items = {item["id"]: item for item in document["items"]}
    vm = items["vm-web-1"]["target"]
    vm.pop("source_security_groups")  # no such field in InstanceSpec: security groups become network tags
    vm.update({"vcpu": 2, "memory_gb": 2})  # e2-small
    items["db-app"]["target"].update({"zone": "us-east4-a", "vcpu": 2, "memory_mb": 7680, "disk_size_gb": 20})
    return document


def _plan_file(tmp_path: Path, document: dict[str, Any] | None = None) -> Path:
    path = tmp_path / "plan.json"
    write_json_atomic(path, document or valid_plan_document())
    return path


def _generate(plan: Path, out: Path, *extra: str) -> Result:
    return CliRunner().invoke(app, ["generate", str(plan), "--out", str(out), *extra])


def _files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_writes_every_file_of_a_pulumi_project(tmp_path: Path) -> None:
    result = _generate(_plan_file(tmp_path), tmp_path / "stack")
    assert result.exit_code == 0, result.output
    files = _files(tmp_path / "stack")
    assert set(files) == EXPECTED_FILES
    project = yaml.safe_load(files["Pulumi.yaml"])
    assert project["name"] == "planner-gcp" and "main" not in project  # default main: this folder's __main__.py
    assert project["runtime"] == {"name": "python", "options": {"toolchain": "pip", "virtualenv": "venv"}}
    config = yaml.safe_load(files["Pulumi.dev.yaml"])["config"]
    assert config == {"gcp:project": "REPLACE-with-your-gcp-project-id", "gcp:region": "us-east4"}
    main = files["__main__.py"].decode()
    assert "from compute import Compute, ComputeArgs" in main and "stacks" not in main and "plan.json" not in main
    requirements = [line for line in files["requirements.txt"].decode().splitlines() if line and not line.startswith("#")]
    assert {line.split("==")[0] for line in requirements} == {"pulumi", "pulumi-gcp", "pulumi-policy", "pulumi-random"}
    assert all("==" in line for line in requirements)  # pinned
    assert f"{DISTRIBUTION} {__version__}" in files["requirements.txt"].decode()  # who tested these pins
    workflow = yaml.safe_load(files[".github/workflows/pulumi-preview.yml"])
    commands = " ".join(step.get("run", "") for step in workflow["jobs"]["preview"]["steps"])
    assert "planner estimate plan.json --format markdown" in commands
    assert any(step.get("with", {}).get("command") == "preview" for step in workflow["jobs"]["preview"]["steps"])
    marker = json.loads(files[".planner-generated"])
    assert marker["files"] == sorted(EXPECTED_FILES - {".planner-generated"}) and len(marker["plan_sha256"]) == 64
    assert marker["plan_file"] == "plan.json" and set(marker["sha256"]) == set(marker["files"]) - {"Pulumi.dev.yaml"}
    assert Plan.model_validate_json(files["plan.json"]).by_id()["vm-web-1"].target["machine_type"] == "e2-small"


def test_readme_counts_types_and_lists_manual_items(tmp_path: Path) -> None:
    _generate(_plan_file(tmp_path), tmp_path / "stack")
    readme = (tmp_path / "stack" / "README.md").read_text()
    assert "| `gcp.compute.instance` | `compute.vm` | 1 |" in readme
    assert "| `kms-main` | `kms.key` | KMS keys cannot leave AWS |" in readme
    assert "5 plan items for Google Cloud: 3 mapped,\n1 partial" in readme
    assert "pulumi config set gcp:project <value>" in readme


def test_same_plan_gives_byte_identical_files(tmp_path: Path) -> None:
    plan = _plan_file(tmp_path)
    assert _generate(plan, tmp_path / "first").exit_code == 0
    assert _generate(plan, tmp_path / "second").exit_code == 0
    assert _files(tmp_path / "first") == _files(tmp_path / "second")
    before = _files(tmp_path / "first")
    assert _generate(plan, tmp_path / "first").exit_code == 0  # regenerate in place
    assert _files(tmp_path / "first") == before


def test_the_sample_plan_passes_the_real_gcp_spec_check() -> None:
    from stacks.gcp import check_plan

    check_plan(Plan.model_validate(valid_plan_document()))


def test_no_aws_id_and_no_secret_in_the_generated_folder(tmp_path: Path) -> None:
    document = valid_plan_document()
    result = _generate(_plan_file(tmp_path, document), tmp_path / "stack")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    for name, payload in _files(tmp_path / "stack").items():
        text = payload.decode()
        assert not AWS_ID_PATTERN.search(text), name
        assert not any(pattern.search(text) for pattern in SECRET_PATTERNS.values()), name
        for source_id in (*SOURCE_IDS, document["inventory"]["account_id"]):
            assert source_id not in text, (name, source_id)
    copied = json.loads((tmp_path / "stack" / "plan.json").read_text())
    vm = next(item for item in copied["items"] if item["id"] == "vm-web-1")
    assert vm["source"]["id"].startswith("redacted-") and vm["notes"][0].startswith("instance redacted-")


def test_source_fields_of_a_valid_target_spec_are_redacted(tmp_path: Path) -> None:
    document = valid_plan_document()
    document["target"]["provider"] = "aws"
    template = {
        "type": "aws.ec2.launch_template", "name": "web", "region": "us-east-1", "instance_type": "m5.large",
        "image": {"source_image_id": "ami-0123456789abcdef0",
                  "ssm_parameter": "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"},
    }
    document["items"] = [
        {**document["items"][2], "id": "template-web", "kind": "compute.template", "status": "partial",
         "depends_on": [], "target": template},
        *(item for item in document["items"] if item["status"] == "manual"),
    ]
    result = _generate(_plan_file(tmp_path, document), tmp_path / "stack")
    assert result.exit_code == 0 and "warning" not in result.output, result.output
    copied = json.loads((tmp_path / "stack" / "plan.json").read_text())
    image = copied["items"][0]["target"]["image"]
    assert image["source_image_id"].startswith("redacted-") and image["ssm_parameter"] == template["image"]["ssm_parameter"]


def test_a_target_spec_the_stack_would_refuse_is_an_error_and_nothing_is_written(tmp_path: Path) -> None:
    document = valid_plan_document()
    document["items"][2]["target"]["source_security_groups"] = ["web"]
    result = _generate(_plan_file(tmp_path, document), tmp_path / "stack")
    assert result.exit_code == 3, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert "plan item 'vm-web-1'" in lines[0] and "target.source_security_groups" in lines[0]
    assert "--allow-invalid" in lines[0]
    assert not (tmp_path / "stack").exists()


def test_a_missing_spec_field_is_named_too(tmp_path: Path) -> None:
    document = valid_plan_document()
    del document["items"][3]["target"]["tier"]
    result = _generate(_plan_file(tmp_path, document), tmp_path / "stack")
    assert result.exit_code == 3
    assert "plan item 'db-app'" in result.output and "target.tier: Field required" in result.output


def test_allow_invalid_writes_the_project_with_a_warning(tmp_path: Path) -> None:
    document = valid_plan_document()
    document["items"][2]["target"]["source_security_groups"] = ["web"]
    result = _generate(_plan_file(tmp_path, document), tmp_path / "stack", "--allow-invalid")
    assert result.exit_code == 0, result.output
    assert "warning: plan item 'vm-web-1'" in result.output and "target.source_security_groups" in result.output
    assert "not built" in result.output
    # the refused item was the compute group's only one: no empty component, its comment goes to __main__.py
    assert set(_files(tmp_path / "stack")) == EXPECTED_FILES - {"compute.py"}
    main = (tmp_path / "stack" / "__main__.py").read_text()
    assert "# manual: vm-web-1" in main and "not built: plan item 'vm-web-1'" in main
    assert "gcp.compute.Instance(" not in main and "import compute" not in main
    # the project's plan and README say what its code builds: the item left out is manual there too
    written = {item["id"]: item for item in json.loads((tmp_path / "stack" / "plan.json").read_text())["items"]}
    assert written["vm-web-1"]["status"] == "manual"
    assert written["vm-web-1"]["manual"]["reason"].startswith("not built: plan item 'vm-web-1'")
    assert written["db-app"]["status"] == "mapped"
    assert "vm-web-1" in (tmp_path / "stack" / "README.md").read_text().split("## Manual", 1)[-1]


def test_aws_id_in_a_target_spec_fails_loudly_and_writes_nothing(tmp_path: Path) -> None:
    document = valid_plan_document()
    document["items"][2]["target"]["subnetwork"] = "subnet-0123456789abcdef0"
    result = _generate(_plan_file(tmp_path, document), tmp_path / "stack")
    assert result.exit_code == 3  # a bad plan file
    assert "plan item 'vm-web-1': target.subnetwork holds a source AWS id" in result.output
    assert not (tmp_path / "stack").exists()


def test_literal_password_in_a_target_spec_is_refused(tmp_path: Path) -> None:
    document = valid_plan_document()
    document["items"][3]["target"]["master_password"] = "hunter2hunter2"
    result = _generate(_plan_file(tmp_path, document), tmp_path / "stack")
    assert result.exit_code == 3
    assert "plan item 'db-app': target.master_password holds a literal secret" in result.output


def test_refuses_a_folder_it_did_not_write_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "stack"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    refused = _generate(_plan_file(tmp_path), out)
    assert refused.exit_code == 2
    assert "not written by `planner generate`" in refused.output and "--force" in refused.output
    assert sorted(path.name for path in out.iterdir()) == ["notes.txt"]
    forced = _generate(_plan_file(tmp_path), out, "--force")
    assert forced.exit_code == 0, forced.output
    assert (out / "notes.txt").read_text() == "mine" and (out / "Pulumi.dev.yaml").is_file()


def test_empty_folder_is_fine_and_a_file_is_not(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert _generate(_plan_file(tmp_path), tmp_path / "empty").exit_code == 0
    (tmp_path / "a-file").write_text("x")
    assert _generate(_plan_file(tmp_path), tmp_path / "a-file").exit_code == 2


def test_regenerating_keeps_config_the_user_set(tmp_path: Path) -> None:
    plan, out = _plan_file(tmp_path), tmp_path / "stack"
    _generate(plan, out)
    stack_file = out / "Pulumi.dev.yaml"
    stack_file.write_text(stack_file.read_text().replace("REPLACE-with-your-gcp-project-id", "acme-prod"))
    assert _generate(plan, out).exit_code == 0
    assert yaml.safe_load(stack_file.read_text())["config"]["gcp:project"] == "acme-prod"


def test_other_stack_name_and_aws_target(tmp_path: Path) -> None:
    document = valid_plan_document()
    document["target"]["provider"] = "aws"
    document["items"] = [item for item in document["items"] if item["status"] == "manual"]
    result = _generate(_plan_file(tmp_path, document), tmp_path / "stack", "--stack", "prod")
    assert result.exit_code == 0, result.output
    config = yaml.safe_load((tmp_path / "stack" / "Pulumi.prod.yaml").read_text())["config"]
    assert config == {"aws:region": "us-east4"}
    assert "pulumi-aws==" in (tmp_path / "stack" / "requirements.txt").read_text()
    assert "aws-actions/configure-aws-credentials" in (tmp_path / "stack" / ".github/workflows/pulumi-preview.yml").read_text()


def test_bad_plan_and_bad_stack_name_are_one_line_errors(tmp_path: Path) -> None:
    document = valid_plan_document()
    document["items"][1]["depends_on"] = ["net-gone"]
    dangling = _generate(_plan_file(tmp_path, document), tmp_path / "stack")
    assert dangling.exit_code == 3
    assert dangling.output.strip().endswith("plan item 'subnet-web': depends_on 'net-gone', which is not an item of the plan")
    bad_name = _generate(_plan_file(tmp_path), tmp_path / "stack", "--stack", "a/b")
    assert bad_name.exit_code == 2 and "--stack" in bad_name.output
    missing = _generate(tmp_path / "nope.json", tmp_path / "stack")
    assert missing.exit_code == 3 and "no such file" in missing.output


def test_an_access_key_id_lowercased_into_a_label_is_refused(tmp_path: Path) -> None:
    """GCP labels are lowercase: a key id copied into one is still the key, and never reaches the project."""
    document = valid_plan_document()
    document["items"][2]["target"]["labels"] = {"app": "web", "note": "akiaiosfodnn7example"}
    result = _generate(_plan_file(tmp_path, document), tmp_path / "stack")
    assert result.exit_code == 3, result.output
    assert "AWS access key id" in result.output
    assert "akiaiosfodnn7example" not in result.output and not (tmp_path / "stack").exists()
