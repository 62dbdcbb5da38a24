"""The review rubric: four criteria, each scored 1 to 4."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Score(models.IntegerChoices):
    BEGINNING = 1, _("1 — Beginning")
    DEVELOPING = 2, _("2 — Developing")
    PROFICIENT = 3, _("3 — Proficient")
    EXEMPLARY = 4, _("4 — Exemplary")


# field name: (label, question asked of the reviewer)
CRITERIA = {
    "relevance": (_("Relevance"), _("Does it address a topic area of the curriculum?")),
    "evidence": (_("Evidence"), _("Is it supported by data, results or sources?")),
    "transferability": (
        _("Transferability"),
        _("Could another LEA adopt it with reasonable effort?"),
    ),
    "clarity": (_("Clarity"), _("Is it well organized and clearly written?")),
}
