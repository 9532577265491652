"""Client affairs casework's API, gathered from its parts for ``config.api_urls``."""

from deputyship.referrals import api as referrals_api
from deputyship.authority import api as authority_api
from deputyship.appointment import api as appointment_api
from deputyship.safeguarding import api as safeguarding_api
from deputyship.schedule import api as schedule_api
from deputyship.payruns import api as payruns_api
from deputyship.cards import api as cards_api
from deputyship.lifeevents import api as lifeevents_api
from deputyship.death import api as death_api
from deputyship.fees import api as fees_api
from deputyship.returns import api as returns_api

urlpatterns: list = []
for part in (referrals_api, authority_api, appointment_api, safeguarding_api, schedule_api, payruns_api, cards_api, lifeevents_api, death_api, fees_api, returns_api):
    urlpatterns += part.urlpatterns
