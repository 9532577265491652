from django.urls import path

from people import views

app_name = "people"
urlpatterns: list = [
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/<int:pk>/read/", views.notification_read, name="notification-read"),
    path("clients/", views.client_search, name="client-search"),
    path("clients/add/", views.client_create, name="client-create"),
    path("clients/<int:pk>/", views.client_detail, name="client-detail"),
    path("clients/<int:pk>/contacts/", views.client_section, {"key": "contacts"}, name="client-contacts"),
    path("clients/<int:pk>/tasks/", views.client_section, {"key": "tasks"}, name="client-tasks"),
    path("clients/<int:pk>/notes/", views.client_section, {"key": "notes"}, name="client-notes"),
    path("clients/<int:pk>/edit/", views.client_edit, name="client-edit"),
    path("clients/<int:pk>/addresses/add/", views.address_add, name="address-add"),
    path("clients/<int:pk>/correspondence/", views.correspondence_rule, name="correspondence-rule"),
    path("clients/<int:pk>/contacts/add/", views.client_contact_add, name="client-contact-add"),
    path("clients/<int:pk>/notes/add/", views.note_add, name="note-add"),
    path("clients/<int:pk>/tasks/add/", views.client_task_add, name="client-task-add"),
    path("contacts/", views.contact_list, name="contact-list"),
    path("contacts/<int:pk>/", views.contact_detail, name="contact-detail"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="contact-edit"),
    path("tasks/add/", views.task_add, name="task-add"),
    path("caseloads/", views.caseloads, name="caseloads"),
    path("caseloads/<int:pk>/", views.team_caseload, name="team-caseload"),
    path("caseloads/cases/<int:pk>/reassign/", views.allocation_reassign, name="allocation-reassign"),
    path("tasks/<int:pk>/complete/", views.task_complete, name="task-complete"),
]
