"""The kinds table walked whole (as Cloud Custodian's PolicyMetaLint walks its resource map).

Every neutral kind has a module of the same name on both sides of every target:
`providers/<target>/kinds/<module>.py` (MAP, SPECS) and `stacks/<target>/<module>.py` (BUILD).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from planner import registry
from planner.core.kinds import KIND_MODULES, kind_module_names, source_types
from providers.common.kinds import spec_types
from stacks.common.kinds import builders

ROOT = Path(__file__).resolve().parent.parent
TARGETS = registry.target_names()
CASES = [(target, module) for target in TARGETS for module in kind_module_names()]


def _kinds_of(module: str) -> set[str]:
    return {kind for kind, name in KIND_MODULES.items() if name == module}


def test_every_neutral_kind_of_the_source_types_has_a_kind_module() -> None:
    assert {row.kind for row in source_types().values()} <= set(KIND_MODULES)


@pytest.mark.parametrize(("target", "module"), CASES)
def test_kind_module_maps_exactly_its_kinds(target: str, module: str) -> None:
    kind_module = importlib.import_module(f"providers.{target}.kinds.{module}")
    assert set(kind_module.MAP) == _kinds_of(module)
    assert all(callable(function) for function in kind_module.MAP.values())
    # Empty for a kind the target only describes (its items are manual: the notes say the work).
    assert isinstance(kind_module.SPECS, tuple)


@pytest.mark.parametrize(("target", "module"), CASES)
def test_stack_module_of_the_same_name_builds_every_spec_the_kind_module_declares(target: str, module: str) -> None:
    kind_module = importlib.import_module(f"providers.{target}.kinds.{module}")
    stack_module = importlib.import_module(f"stacks.{target}.{module}")
    declared = {spec.model_fields["type"].default for spec in kind_module.SPECS}
    assert set(stack_module.BUILD) == declared
    assert (ROOT / "stacks" / target / f"{module}.py").is_file()


@pytest.mark.parametrize("target", TARGETS)
def test_every_spec_type_has_exactly_one_builder(target: str) -> None:
    assert set(builders(f"stacks.{target}")) == set(spec_types(f"providers.{target}.kinds"))


@pytest.mark.parametrize("target", TARGETS)
def test_the_mapper_of_every_target_knows_every_kind(target: str) -> None:
    mapper = registry.target_mapper(target)
    assert set(mapper.functions) == set(KIND_MODULES)
    assert mapper.functions["db.sql"] is importlib.import_module(f"providers.{target}.kinds.sql").MAP["db.sql"]


def test_a_kind_without_a_module_is_no_function_of_the_mapper() -> None:
    from providers.common.kinds import KindFunctions

    functions = KindFunctions("providers.gcp.kinds")
    assert "no.such.kind" not in functions
    with pytest.raises(KeyError):
        functions["no.such.kind"]
