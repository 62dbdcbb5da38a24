"""/credentials/: public verification, Open Badges, the graduate's certificate."""

from django.urls import path

from credentials import views

app_name = "credentials"

urlpatterns = [
    # Fixed names first; an identifier is 24 characters and never one of them.
    path("verify/", views.search, name="search"),
    path("issuer/", views.issuer, name="issuer"),
    path("issuer/jwks.json", views.jwks, name="jwks"),
    path("achievements/<slug:slug>/", views.achievement, name="achievement"),
    path("<str:identifier>/", views.verify, name="verify"),
    path("<str:identifier>/badge.json", views.badge_json, name="badge_json"),
    path("<str:identifier>/badge.jwt", views.badge_jwt, name="badge_jwt"),
    path("<str:identifier>/status.json", views.status, name="status"),
    path("<str:identifier>/certificate.pdf", views.certificate, name="certificate"),
    path("<str:identifier>/display/", views.public_display, name="display"),
]
