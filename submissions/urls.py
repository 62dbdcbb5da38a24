"""The participant's pages on the public site; included before Wagtail's page tree."""

from django.urls import path

from submissions import views

app_name = "submissions"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
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
