from tests.deferred_payments.money import *  # noqa: F403
