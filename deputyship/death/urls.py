"""The death part's pages, in the ``deputyship`` namespace."""

from django.urls import path

from deputyship.death import views

urlpatterns = [
    path("clients/<int:pk>/deputyship/death/", views.death_detail, name="death-detail"),
    path("clients/<int:pk>/deputyship/death/new/", views.death_record, name="death-record"),
    path("deputyship/deaths/<int:pk>/letters/", views.death_letters, name="death-letters"),
    path("deputyship/deaths/<int:pk>/funeral-consents/new/", views.funeral_consent_add, name="funeral-consent-add"),
    path("deputyship/funeral-consents/<int:pk>/pay/", views.funeral_cost_pay, name="funeral-cost-pay"),
    path("deputyship/deaths/<int:pk>/final-account/", views.final_account, name="final-account"),
    path("deputyship/deaths/<int:pk>/grant/", views.grant_record, name="grant-record"),
    path("deputyship/deaths/<int:pk>/release/", views.estate_release, name="estate-release"),
    path("deputyship/deaths/<int:pk>/bona-vacantia/", views.bona_vacantia, name="bona-vacantia"),
]
