"""Pages for care packages and financial assessments, in the ``charging`` namespace (gathered by
:mod:`charging.urls`)."""

from django.urls import path

from charging.assessments import views

urlpatterns = [
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
]
