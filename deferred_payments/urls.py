"""Deferred payment agreements's pages: each part keeps its own addresses."""

from deferred_payments.rates import urls as rates_urls
from deferred_payments.interest import urls as interest_urls
from deferred_payments.accrual import urls as accrual_urls
from deferred_payments.statements import urls as statements_urls
from deferred_payments.applications import urls as applications_urls
from deferred_payments.agreements import urls as agreements_urls
from deferred_payments.charges import urls as charges_urls
from deferred_payments.ending import urls as ending_urls

app_name = "deferred_payments"

urlpatterns: list = []
for part in (rates_urls, interest_urls, accrual_urls, statements_urls, applications_urls, agreements_urls, charges_urls, ending_urls):
    urlpatterns += part.urlpatterns
