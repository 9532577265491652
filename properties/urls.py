"""Clients' property's pages: each part keeps its own addresses."""

from properties.register import urls as register_urls
from properties.insurance import urls as insurance_urls
from properties.inspections import urls as inspections_urls
from properties.lettings import urls as lettings_urls
from properties.repairs import urls as repairs_urls
from properties.clearance import urls as clearance_urls
from properties.sale import urls as sale_urls

app_name = "properties"

urlpatterns: list = []
for part in (register_urls, insurance_urls, inspections_urls, lettings_urls, repairs_urls, clearance_urls, sale_urls):
    urlpatterns += part.urlpatterns
