"""The participant's dashboard, /dashboard/.

Its name is `submissions:dashboard`, as before the dashboard had an app of its own:
sign-in, the calendar's reset, credentials, e-mails and the best-practice pages
reverse it. portal/urls.py serves these patterns in the `submissions` namespace,
beside submissions' own."""

from django.urls import path

from dashboard import views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
]
