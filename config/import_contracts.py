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
        illegal = []
        for importer in domains:
            for imported in domains:
                if importer == imported:
                    continue
                for found in graph.find_matching_direct_imports(import_expression=f"{importer}.** -> {imported}.**"):
                    target = found["imported"]
                    allowed = any(target == f"{imported}.{entry}" or target.startswith(f"{imported}.{entry}.")
                                  for entry in entries)
                    if not allowed:
                        illegal.append(found)
                if graph.find_matching_direct_imports(import_expression=f"{importer}.** -> {imported}"):
                    illegal.extend(graph.find_matching_direct_imports(
                        import_expression=f"{importer}.** -> {imported}"))
        return ContractCheck(kept=not illegal, metadata={"illegal": illegal})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for found in check.metadata["illegal"]:
            output.print_error(f"{found['importer']} -> {found['imported']} (l. {found['line_number']}): "
                               "import its services or selectors instead", bold=False)
            output.new_line()
