"""An import-linter contract of our own (see ``[tool.importlinter]`` in pyproject.toml).

``DomainBoundariesContract``: a domain app (charging, deputyship...) may import another domain app only
through that app's entry points, its ``services`` and ``selectors`` (modules or packages), never its
models, views, forms or tasks: so one domain never writes another's tables except through its services,
and can be rebuilt inside without breaking its neighbours. import-linter's own contract types say what
may not be imported, or who may import something; none says "only these parts of it", hence this one.
"""

from __future__ import annotations

from importlinter import Contract, ContractCheck, fields, output


class DomainBoundariesContract(Contract):
    type_name = "domain_boundaries"

    domains = fields.ListField(subfield=fields.StringField())
    entry_points = fields.ListField(subfield=fields.StringField())

    def check(self, graph, verbose: bool) -> ContractCheck:
        domains = [str(domain) for domain in self.domains]  # type: ignore[attr-defined]
        entries = [str(entry) for entry in self.entry_points]  # type: ignore[attr-defined]
        illegal = [
            {**found, "line_numbers": _line_numbers(graph, found)}
            for importer in domains for imported in domains if importer != imported
            for found in _direct_imports(graph, importer, imported)
            if not is_entry_point(found["imported"], domain=imported, entry_points=entries)
        ]
        illegal.sort(key=lambda found: (found["importer"], found["imported"]))
        return ContractCheck(kept=not illegal, metadata={"illegal": illegal})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for found in check.metadata["illegal"]:
            lines = ", ".join(str(n) for n in found["line_numbers"]) or "?"
            output.print_error(f"{found['importer']} -> {found['imported']} (l. {lines}): "
                               "import its services or selectors instead", bold=False)
            output.new_line()


def is_entry_point(module: str, *, domain: str, entry_points: list[str]) -> bool:
    """Is ``module`` one of ``domain``'s entry points (``charging.services``) or inside one
    (``charging.services.assessments``)? The package itself (``charging``) is not."""
    return any(module == f"{domain}.{entry}" or module.startswith(f"{domain}.{entry}.") for entry in entry_points)


def _direct_imports(graph, importer: str, imported: str) -> list[dict]:
    """Every direct import from the package ``importer`` (itself or any module in it) of the package
    ``imported`` (itself or any module in it)."""
    found = []
    for source in (importer, f"{importer}.**"):
        for target in (imported, f"{imported}.**"):
            found += graph.find_matching_direct_imports(import_expression=f"{source} -> {target}")
    return found


def _line_numbers(graph, found: dict) -> list[int]:
    details = graph.get_import_details(importer=found["importer"], imported=found["imported"])
    return sorted(detail["line_number"] for detail in details)
