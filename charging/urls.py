"""Charging's pages in the ``charging`` namespace, each part's from its own ``urls.py``: care packages
and assessments (:mod:`charging.assessments.urls`), the April uplift (:mod:`charging.uplift.urls`), the
rate tables (:mod:`charging.rates.urls`), the council's charging policy
(:mod:`charging.policy.urls`). Casework has its own namespace, ``casework``
(:mod:`charging.casework.urls`, included beside this one from ``config/urls.py``)."""

from charging.assessments import urls as assessments
from charging.policy import urls as policy
from charging.rates import urls as rates
from charging.uplift import urls as uplift

app_name = "charging"
urlpatterns: list = [*assessments.urlpatterns, *uplift.urlpatterns, *rates.urlpatterns, *policy.urlpatterns]
