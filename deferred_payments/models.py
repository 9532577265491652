"""Deferred payment agreements's tables, gathered for Django from the parts that own them."""

from deferred_payments.rates.models import *  # noqa: F403
from deferred_payments.interest.models import *  # noqa: F403
from deferred_payments.accrual.models import *  # noqa: F403
from deferred_payments.statements.models import *  # noqa: F403
from deferred_payments.applications.models import *  # noqa: F403
from deferred_payments.agreements.models import *  # noqa: F403
from deferred_payments.charges.models import *  # noqa: F403
from deferred_payments.ending.models import *  # noqa: F403
