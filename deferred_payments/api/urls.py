"""Deferred payment agreements's API, gathered from its parts for ``config.api_urls``."""

from deferred_payments.rates import api as rates_api
from deferred_payments.interest import api as interest_api
from deferred_payments.accrual import api as accrual_api
from deferred_payments.statements import api as statements_api
from deferred_payments.applications import api as applications_api
from deferred_payments.agreements import api as agreements_api
from deferred_payments.charges import api as charges_api
from deferred_payments.ending import api as ending_api

urlpatterns: list = []
for part in (rates_api, interest_api, accrual_api, statements_api, applications_api, agreements_api, charges_api, ending_api):
    urlpatterns += part.urlpatterns
