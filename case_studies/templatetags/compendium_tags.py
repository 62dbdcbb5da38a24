"""The compendium link in other apps' templates (the people app never imports this).

`{% compendium_url year as url %}`: the download address of the Class of `year`'s
compendium when the signed-in user may download it, else "" (one or two queries
for a signed-in user, none for an anonymous visitor).
"""

from django import template
from django.urls import reverse

from case_studies.permissions import may_download_compendium

register = template.Library()


@register.simple_tag(takes_context=True)
def compendium_url(context, year):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not year or not may_download_compendium(user, year):
        return ""
    return reverse("case_studies:compendium", args=(year,))
