from tests.deputyship.authority.conftest import appointeeship, deputy_order  # noqa: F401
