from wagtail import hooks
from wagtail.snippets.models import register_snippet

from people.viewsets import CohortsViewSetGroup, LEAViewSet, PeopleViewSetGroup

register_snippet(PeopleViewSetGroup)


@hooks.register("register_admin_viewset")
def register_cohort_viewsets():
    return CohortsViewSetGroup()


@hooks.register("register_admin_viewset")
def register_lea_viewset():
    return LEAViewSet()
