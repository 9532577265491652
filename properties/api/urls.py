"""Clients' property's API, gathered from its parts for ``config.api_urls``."""

from properties.register import api as register_api
from properties.insurance import api as insurance_api
from properties.inspections import api as inspections_api
from properties.lettings import api as lettings_api
from properties.repairs import api as repairs_api
from properties.clearance import api as clearance_api
from properties.sale import api as sale_api

urlpatterns: list = []
for part in (register_api, insurance_api, inspections_api, lettings_api, repairs_api, clearance_api, sale_api):
    urlpatterns += part.urlpatterns
