"""/compendium/<year>.pdf: the class year's best-practice compendium."""

from django.urls import path

from case_studies import views

app_name = "case_studies"

urlpatterns = [
    path("compendium/<int:year>.pdf", views.compendium, name="compendium"),
]
