from tests.debt_recovery.writeoffs.conftest import owing  # noqa: F401  (a debtor owing £6,200.00)
