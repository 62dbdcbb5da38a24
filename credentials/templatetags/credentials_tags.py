"""Credentials in other apps' templates, each list in one query.

`{% credentials_of person as credentials %}`: a person's credentials (dashboard).
`{% credential_links roster as links %}`, then
`{{ links|credential_url:group.cohort.pk|credential_url:person.pk }}`: the
verification page of each graduate on a 'Class of' roster who agreed to be named,
for valid credentials only. The people app never imports this one.
"""

from collections import defaultdict

from django import template

from credentials.models import Credential

register = template.Library()


@register.simple_tag
def credentials_of(person):
    if person is None or not getattr(person, "pk", None):
        return []
    return list(
        Credential.objects.filter(enrollment__person=person).order_by(
            "-issued_on", "-pk"
        )
    )


@register.simple_tag
def credential_links(roster):
    """{cohort pk: {person pk: verification page}} for the roster's cohorts."""
    cohorts = [group["cohort"].pk for group in getattr(roster, "groups", [])]
    links = defaultdict(dict)
    if not cohorts:
        return links
    rows = (
        Credential.objects.valid()
        .shown_publicly()
        .filter(enrollment__cohort__in=cohorts)
        .values_list("enrollment__cohort_id", "enrollment__person_id", "identifier")
    )
    for cohort_id, person_id, identifier in rows:
        links[cohort_id][person_id] = Credential(
            identifier=identifier
        ).get_absolute_url()
    return links


@register.filter
def credential_url(mapping, key):
    """mapping[key], or an empty dict/string when it has none."""
    if not mapping:
        return ""
    return mapping.get(key, "")
