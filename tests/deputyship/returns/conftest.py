from tests.deputyship.fees.conftest import cap_percent, make_order, pay, rates, receive, today  # noqa: F401
