from django.urls import path

from people.administration import views

app_name = "administration"
urlpatterns = [
    path("users/", views.users, name="users"),
    path("users/add/", views.user_create, name="user-create"),
    path("users/<int:pk>/", views.user_detail, name="user-detail"),
    path("users/<int:pk>/edit/", views.user_edit, name="user-edit"),
    path("users/<int:pk>/role/", views.user_role, name="user-role"),
    path("users/<int:pk>/deactivate/", views.user_confirm, {"action": "deactivate"}, name="user-deactivate"),
    path("users/<int:pk>/reactivate/", views.user_confirm, {"action": "reactivate"}, name="user-reactivate"),
    path("users/<int:pk>/unlock/", views.user_confirm, {"action": "unlock"}, name="user-unlock"),
    path("users/<int:pk>/password-link/", views.user_confirm, {"action": "password-link"},
         name="user-password-link"),
    path("users/<int:pk>/teams/add/", views.membership_add, name="membership-add"),
    path("memberships/<int:pk>/change/", views.membership_change, name="membership-change"),
    path("memberships/<int:pk>/remove/", views.membership_remove, name="membership-remove"),
    path("teams/", views.teams, name="teams"),
    path("teams/add/", views.team_form, name="team-create"),
    path("teams/<int:pk>/edit/", views.team_form, name="team-edit"),
    path("set-password/<uidb64>/<token>/", views.choose_password, name="set-password"),
]
