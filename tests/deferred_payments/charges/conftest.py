from tests.deferred_payments.case_fixtures import *  # noqa: F401,F403
