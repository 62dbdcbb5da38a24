"""Public views of the home app that are not pages in the tree."""

from django.urls import path

from search import views

urlpatterns = [
    path("search/", views.search, name="search"),
]
