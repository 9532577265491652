"""The layers (docs/architecture.md), checked as part of the test suite: ``lint-imports`` (the pinned
import-linter, with the contracts in pyproject.toml) must find every contract kept. A wrong import, such as
``people`` reaching up into the ledger or one domain app into another's models, fails here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parent.parent


def test_the_import_contracts_are_kept():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


def test_the_contracts_cover_every_app_and_the_layers_the_design_names():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    from django.conf import settings

    ours = {app.split(".")[0] for app in settings.INSTALLED_APPS if (ROOT / app.split(".")[0]).is_dir()}
    assert ours <= set(config["root_packages"])
    contracts = {contract["id"]: contract for contract in config["contracts"]}
    layers = [set(layer.replace(" ", "").split(":")) for layer in contracts["layers"]["layers"]]
    assert layers == [{"config"}, {"charging", "deputyship", "deferred_payments", "debt_recovery", "properties"},
                      {"ledger", "documents", "audit"}, {"people"}, {"core"}]
    assert set(contracts["domain-boundaries"]["domains"]) == layers[1]
    assert contracts["domain-boundaries"]["entry_points"] == ["services", "selectors"]
