"""The API, version 1 (``/api/v1/``). Its OpenAPI schema is at ``/api/schema/``, browsable docs at
``/api/docs/``."""

from rest_framework.routers import SimpleRouter

from people.api.views import ClientViewSet, ContactViewSet

app_name = "api"

router = SimpleRouter()
router.include_format_suffixes = False
router.register("clients", ClientViewSet, basename="client")
router.register("contacts", ContactViewSet, basename="contact")

urlpatterns = router.urls
