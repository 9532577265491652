"""The import-linter contract of our own (config/import_contracts.py): a domain app reaches another only
through its services and selectors. Checked here on small import graphs built by hand."""

from __future__ import annotations

import grimp
import pytest

from config.import_contracts import DomainBoundariesContract, is_entry_point

DOMAINS = ["charging", "properties"]


def check(*imports: tuple[str, str]):
    graph = grimp.ImportGraph()
    for line, (importer, imported) in enumerate(imports, start=1):
        for module in (importer, imported):
            parts = module.split(".")
            for n in range(1, len(parts) + 1):
                graph.add_module(".".join(parts[:n]))
        graph.add_import(importer=importer, imported=imported, line_number=line, line_contents=f"import {imported}")
    contract = DomainBoundariesContract(name="domains", session_options={"root_packages": DOMAINS},
                                        contract_options={"domains": DOMAINS,
                                                          "entry_points": ["services", "selectors"]})
    return contract.check(graph, verbose=False)


def test_services_and_selectors_may_be_imported_modules_or_packages():
    result = check(("charging.views", "properties.services"), ("charging.run.tasks", "properties.selectors.sales"),
                   ("charging", "properties.services"), ("charging.models", "charging.services"))
    assert result.kept and result.metadata["illegal"] == []


@pytest.mark.parametrize("importer, imported", [
    ("charging.views", "properties.models"),  # another domain's models
    ("charging.run.views", "properties.forms.sale"),  # deep on both sides
    ("charging", "properties.tasks"),  # from the package's own __init__
    ("charging.views", "properties"),  # the package itself, which can re-export anything
    ("properties.services", "charging.servicesx"),  # a name that only starts like an entry point
])
def test_anything_else_in_another_domain_breaks_the_contract(importer, imported):
    result = check(("charging.views", "properties.services"), (importer, imported))
    assert not result.kept
    assert [(found["importer"], found["imported"]) for found in result.metadata["illegal"]] == [(importer, imported)]
    assert result.metadata["illegal"][0]["line_numbers"] == [2]


def test_imports_within_one_domain_are_its_own_business():
    assert check(("charging.views", "charging.models"), ("properties.views", "properties.forms")).kept


def test_entry_points():
    assert is_entry_point("charging.services", domain="charging", entry_points=["services"])
    assert is_entry_point("charging.services.run", domain="charging", entry_points=["services"])
    assert not is_entry_point("charging.servicesx", domain="charging", entry_points=["services"])
    assert not is_entry_point("charging", domain="charging", entry_points=["services"])
