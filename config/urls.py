from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from csp.decorators import csp_update
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from core.auth_forms import SignInForm
from people.views import my_work

urlpatterns = [
    path(
        "sign-in/",
        login_not_required(auth_views.LoginView.as_view(authentication_form=SignInForm, redirect_authenticated_user=True)),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("", my_work, name="my-work"),
    path("", include("people.urls")),
    path("", include("ledger.urls")),
    path("", include("charging.urls")),
    path("", include("charging.casework.urls")),
    path("", include("debt_recovery.urls")),
    path("", include("deputyship.urls")),
    path("", include("properties.urls")),
    path("", include("deferred_payments.urls")),
    path("", include("documents.urls")),
    path("", include("audit.urls")),
    path("administration/", include("people.administration.urls")),
    path("api/v1/", include("config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI with its start-up script served as a file of its own (the split view), so the page has no
    # inline script; both docs pages inject inline styles, the only loosening of the policy.
    path("api/docs/", csp_update({"style-src": ["'unsafe-inline'"]})(
        SpectacularSwaggerSplitView.as_view(url_name="api-schema")), name="api-docs"),
    path("api/redoc/", csp_update({"style-src": ["'unsafe-inline'"]})(
        SpectacularRedocView.as_view(url_name="api-schema")), name="api-redoc"),
]

handler400 = "core.views.bad_request"
handler500 = "core.views.server_error"

handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
