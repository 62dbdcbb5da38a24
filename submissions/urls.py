"""Writing best practices on the public site; included before Wagtail's page tree.

portal/urls.py serves them in the `submissions` namespace together with the
participant's dashboard: its name, `submissions:dashboard`, is where the forms lead."""

from django.urls import path

from submissions import views

app_name = "submissions"

urlpatterns = [
    path("best-practices/submit/", views.submit, name="submit"),
    path(
        "best-practices/submissions/<int:page_id>/edit/",
        views.edit,
        name="edit",
    ),
    path(
        "best-practices/submissions/<int:page_id>/",
        views.sent,
        name="sent",
    ),
    path(
        "best-practices/submissions/<int:page_id>/preview/",
        views.preview,
        name="preview",
    ),
    path(
        "best-practices/submissions/<int:page_id>/withdraw/",
        views.withdraw,
        name="withdraw",
    ),
]
