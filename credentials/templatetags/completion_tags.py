"""The completion checklist in the participant's dashboard.

`{% completion_of_ledger ledger as completion %}`: the completion of the ledger's
enrollment (credentials/completion.py), reusing the ledger the dashboard read, so
it costs two queries (the rules, the best practices), one when the track was
read with its rules (`select_related("cohort__track__completion_rules")`, as the
dashboard does).
"""

from django import template

from credentials.completion import completion_of, default_rules
from curriculum.models import Track

register = template.Library()


@register.simple_tag
def completion_of_ledger(ledger):
    if ledger is None:
        return None
    enrollment = ledger.enrollment
    track = enrollment.cohort.track
    rules = None
    if Track.completion_rules.is_cached(track):
        rules = getattr(track, "completion_rules", None) or default_rules(track)
        rules.track = track
    return completion_of(enrollment, ledger=ledger, rules=rules)
