"""Public views of the home app that are not pages in the tree."""

urlpatterns = []
