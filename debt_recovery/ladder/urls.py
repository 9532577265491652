from django.urls import path

from debt_recovery.ladder import views

urlpatterns = [
    path("debts/ladder/", views.ladder, name="ladder"),
    path("debts/ladder/steps/add/", views.step_add, name="ladder-step-add"),
    path("debts/ladder/steps/<int:pk>/edit/", views.step_edit, name="ladder-step-edit"),
    path("debts/ladder/steps/<int:pk>/history/", views.step_history, name="ladder-step-history"),
    path("debts/overdue/", views.overdue, name="overdue"),
    path("debts/holds/", views.holds, name="holds"),
    path("debts/debtors/<int:pk>/ladder/", views.debtor_ladder, name="debtor-ladder"),
    path("debts/debtors/<int:pk>/holds/add/", views.hold_place, name="hold-place"),
    path("debts/holds/<int:pk>/release/", views.hold_release, name="hold-release"),
    path("debts/holds/<int:pk>/review/", views.hold_review, name="hold-review"),
]
