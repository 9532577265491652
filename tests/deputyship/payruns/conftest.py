from tests.deputyship.schedule.conftest import checker, fund, import_statement, order, pooled_details  # noqa: F401
