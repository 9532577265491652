"""Client affairs casework's pages: each part keeps its own addresses."""

from deputyship.referrals import urls as referrals_urls
from deputyship.authority import urls as authority_urls
from deputyship.appointment import urls as appointment_urls
from deputyship.safeguarding import urls as safeguarding_urls
from deputyship.schedule import urls as schedule_urls
from deputyship.payruns import urls as payruns_urls
from deputyship.cards import urls as cards_urls
from deputyship.lifeevents import urls as lifeevents_urls
from deputyship.death import urls as death_urls
from deputyship.fees import urls as fees_urls
from deputyship.returns import urls as returns_urls

app_name = "deputyship"

urlpatterns: list = []
for part in (referrals_urls, authority_urls, appointment_urls, safeguarding_urls, schedule_urls, payruns_urls, cards_urls, lifeevents_urls, death_urls, fees_urls, returns_urls):
    urlpatterns += part.urlpatterns
