from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail_modeladmin.options import modeladmin_register

from people.modeladmin import LEAAdmin
from people.viewsets import CohortsViewSetGroup, PeopleViewSetGroup

register_snippet(PeopleViewSetGroup)


@hooks.register("register_admin_viewset")
def register_cohort_viewsets():
    return CohortsViewSetGroup()


modeladmin_register(LEAAdmin)
