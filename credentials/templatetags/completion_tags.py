"""The completion checklist in the participant's dashboard.

`{% completion_of_ledger ledger as completion %}`: the completion of the ledger's
enrollment (credentials/completion.py), reusing the ledger the dashboard read, so
it costs two queries (the rules, the best practices).
"""

from django import template

from credentials.completion import completion_of

register = template.Library()


@register.simple_tag
def completion_of_ledger(ledger):
    if ledger is None:
        return None
    return completion_of(ledger.enrollment, ledger=ledger)
