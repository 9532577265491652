"""Pages for a client's charging casework (top-ups, appeals and complaints, deprivation decisions,
referrals), beside the charging pages' own: a client's under ``clients/<pk>/charging/``, a record's
under ``charging/``. Included from ``config/urls.py`` as ``path("", include("charging.casework.urls"))``."""

from django.urls import path

from charging.casework import views

app_name = "casework"
urlpatterns = [
    path("clients/<int:pk>/charging/top-ups/", views.topup_list, name="topup-list"),
    path("clients/<int:pk>/charging/top-ups/add/", views.topup_add, name="topup-add"),
    path("charging/top-ups/<int:pk>/", views.topup_detail, name="topup-detail"),
    path("charging/top-ups/<int:pk>/signed/", views.topup_sign, name="topup-sign"),
    path("charging/top-ups/<int:pk>/end/", views.topup_end, name="topup-end"),
    path("charging/top-up-invoices/<int:pk>/payment/", views.invoice_payment, name="invoice-payment"),
    path("charging/top-up-invoices/<int:pk>/missed/", views.invoice_missed, name="invoice-missed"),
    path("clients/<int:pk>/charging/appeals/", views.appeal_list, name="appeal-list"),
    path("clients/<int:pk>/charging/appeals/add/", views.appeal_add, name="appeal-add"),
    path("charging/appeals/<int:pk>/outcome/", views.appeal_outcome, name="appeal-outcome"),
    path("clients/<int:pk>/charging/deprivation-decisions/add/", views.deprivation_add, name="deprivation-add"),
    path("clients/<int:pk>/charging/referrals/add/", views.referral_add, name="referral-add"),
]
