"""The referrals part's pages, in the ``deputyship`` namespace."""

from django.urls import path

from deputyship.referrals import views

urlpatterns = [
    path("deputyship/referrals/", views.referral_list, name="referrals"),
    path("deputyship/thresholds/", views.thresholds, name="thresholds"),
    path("clients/<int:pk>/deputyship/referrals/new/", views.referral_add, name="referral-add"),
    path("deputyship/referrals/<int:pk>/", views.referral_detail, name="referral-detail"),
    path("deputyship/referrals/<int:pk>/documents/new/", views.referral_document_add, name="referral-document-add"),
    path("deputyship/referral-documents/<int:pk>/returned/", views.referral_document_returned,
         name="referral-document-returned"),
    path("deputyship/referrals/<int:pk>/parties/", views.referral_party_add, name="referral-party-add"),
    path("deputyship/referrals/<int:pk>/parties/notify/", views.referral_parties_notify,
         name="referral-parties-notify"),
    path("deputyship/referrals/<int:pk>/parties/none/", views.referral_no_parties, name="referral-no-parties"),
    path("deputyship/referrals/<int:pk>/assets/new/", views.referral_asset_add, name="referral-asset-add"),
    path("deputyship/referrals/<int:pk>/submit/", views.referral_submit, name="referral-submit"),
    path("deputyship/referrals/<int:pk>/issued/", views.referral_issued, name="referral-issued"),
    path("deputyship/referrals/<int:pk>/order/", views.referral_order, name="referral-order"),
    path("deputyship/referrals/<int:pk>/dwp/", views.referral_dwp, name="referral-dwp"),
    path("deputyship/referrals/<int:pk>/bf57/", views.referral_bf57, name="referral-bf57"),
    path("deputyship/referrals/<int:pk>/close/", views.referral_close, name="referral-close"),
    path("deputyship/authorities/<int:pk>/reviews/new/", views.appointee_review_add, name="appointee-review-add"),
    path("deputyship/dwp-reviews/<int:pk>/held/", views.appointee_review_held, name="appointee-review-held"),
]
