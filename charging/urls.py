from django.urls import path

from charging import views, views_rates, views_uplift

app_name = "charging"
urlpatterns: list = [
    path("clients/<int:pk>/charging/", views.client_charging, name="client-charging"),
    path("clients/<int:pk>/charging/care-packages/add/", views.care_package_add, name="care-package-add"),
    path("charging/care-packages/<int:pk>/end/", views.care_package_end, name="care-package-end"),
    path("charging/care-packages/<int:pk>/assessments/add/", views.assessment_create, name="assessment-create"),
    path("charging/assessments/<int:pk>/", views.assessment_detail, name="assessment-detail"),
    path("charging/assessments/<int:pk>/edit/", views.assessment_edit, name="assessment-edit"),
    path("charging/assessments/<int:pk>/submit/", views.assessment_submit, name="assessment-submit"),
    path("charging/assessments/<int:pk>/approve/", views.assessment_approve, name="assessment-approve"),
    path("charging/assessments/<int:pk>/return-to-draft/", views.assessment_return_to_draft,
         name="assessment-return"),
    path("charging/assessments/<int:pk>/evidence/add/", views.evidence_add, name="evidence-add"),
    path("charging/assessments/<int:pk>/evidence/<int:evidence_pk>/verify/", views.evidence_verify,
         name="evidence-verify"),
    path("charging/assessments/", views.assessments, name="assessments"),
    path("charging/approvals/", views.approvals, name="approvals"),
    path("charging/uplifts/", views_uplift.uplift_list, name="uplifts"),
    path("charging/uplifts/<int:pk>/", views_uplift.uplift_detail, name="uplift-detail"),
    path("charging/uplifts/<int:pk>/people/<int:item_pk>/", views_uplift.uplift_item, name="uplift-item"),
    path("charging/uplifts/<int:pk>/commit/", views_uplift.uplift_commit, name="uplift-commit"),
    path("charging/rates/", views_rates.rate_list, name="rates"),
    path("charging/rates/add/", views_rates.rate_add, name="rate-add"),
    path("charging/rates/<str:code>/", views_rates.rate_detail, name="rate-detail"),
]
