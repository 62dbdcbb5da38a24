"""Completion rules: which of its track's rules each enrollment meets.

The rules are data (`CompletionRules`, one per track, edited by the Program
Director under Graduation > Completion rules); a track without a row is read with
the defaults `default_rules` gives (the track's required hours, every joint
meeting of the cohort, a published best practice for the certifying track).

- Hours: the hours the ledger counts (attendance and adjustments,
  `attendance/ledger.py`) reach the rule's required hours (the track's when empty).
- Joint meetings: the joint meetings attended reach the rule's number, or every
  joint meeting of the cohort when it is empty (past and to come, as the ledger
  counts them).
- Best practice (when the rule asks for it): the person is an author of at least
  one live best practice of the enrollment's cohort (or of one with no cohort).

`completion_for(enrollments)` reads all of that in three queries whatever the
number of enrollments (the ledgers' one, the rules, the best practices), two when
the ledgers are passed in.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from attendance.ledger import ledgers_for
from case_studies.models import BestPracticeAuthor
from credentials.models import CompletionRules
from curriculum.models import Track
from curriculum.templatetags.hours_tags import hours

if TYPE_CHECKING:
    from attendance.ledger import Ledger
    from people.models import Enrollment

HOURS, JOINT, BEST_PRACTICE = "hours", "joint", "best_practice"


@dataclass(frozen=True)
class RuleResult:
    """One rule for one enrollment: met or not, with the numbers in words."""

    key: str
    label: str
    met: bool
    text: str


@dataclass
class Completion:
    """One enrollment's rules, each met or not."""

    enrollment: Enrollment
    ledger: Ledger
    rules: CompletionRules
    results: list[RuleResult] = field(default_factory=list)

    @property
    def met(self) -> bool:
        return all(result.met for result in self.results)

    @property
    def unmet(self) -> list[RuleResult]:
        return [result for result in self.results if not result.met]


def default_rules(track: Track) -> CompletionRules:
    """The rules of a track that has none saved (unsaved, not written)."""
    return CompletionRules(track=track, requires_best_practice=track.certifies)


def ensure_completion_rules(tracks: Iterable[Track] | None = None) -> int:
    """Save the default rules of every track that has none; return how many were
    created (idempotent: a track with rules keeps them as the director left them)."""
    tracks = Track.objects.all() if tracks is None else tracks
    created = 0
    for track in tracks:
        _rules, was_created = CompletionRules.objects.get_or_create(
            track=track, defaults={"requires_best_practice": track.certifies}
        )
        created += was_created
    return created


def required_hours(rules: CompletionRules) -> Decimal:
    return Decimal(rules.required_hours or rules.track.required_hours)


def rules_for_tracks(tracks: Iterable[Track]) -> dict[int, CompletionRules]:
    """{track pk: CompletionRules} for `tracks`, saved or default: one query."""
    by_pk = {track.pk: track for track in tracks}
    saved = {
        rules.track_id: rules
        for rules in CompletionRules.objects.filter(track_id__in=list(by_pk))
    }
    result = {}
    for pk, track in by_pk.items():
        rules = saved.get(pk) or default_rules(track)
        rules.track = track  # the track already loaded: no query per row
        result[pk] = rules
    return result


def published_best_practices(enrollments: Collection[Enrollment]) -> dict[int, int]:
    """{enrollment pk: number of live best practices its person wrote for its cohort
    (or with no cohort)}: one query."""
    people = {e.person_id for e in enrollments}
    pages: dict[int, set[tuple[int | None, int]]] = {}
    rows = BestPracticeAuthor.objects.filter(
        person_id__in=people, page__live=True
    ).values_list("person_id", "page__cohort_id", "page_id")
    for person_id, cohort_id, page_id in rows:
        pages.setdefault(person_id, set()).add((cohort_id, page_id))
    return {
        e.pk: len(
            {
                page_id
                for cohort_id, page_id in pages.get(e.person_id, ())
                if cohort_id in (None, e.cohort_id)
            }
        )
        for e in enrollments
    }


def completion_for(
    enrollments: Iterable[Enrollment],
    today: datetime.date | None = None,
    ledgers: dict[int, Ledger] | None = None,
    rules: dict[int, CompletionRules] | None = None,
) -> dict[int, Completion]:
    """{enrollment pk: Completion} for `enrollments` (with `cohort__track`
    selected): three queries for any number, none for none. Pass `ledgers`
    ({pk: Ledger}) or `rules` ({track pk: CompletionRules}) read already."""
    enrollments = list(enrollments)
    if not enrollments:
        return {}
    if ledgers is None:
        ledgers = ledgers_for(enrollments, today=today)
    if rules is None:
        rules = rules_for_tracks({e.cohort.track for e in enrollments})
    needs_practice = [
        e for e in enrollments if rules[e.cohort.track_id].requires_best_practice
    ]
    practices = published_best_practices(needs_practice) if needs_practice else {}
    completions = {}
    for enrollment in enrollments:
        track_rules = rules[enrollment.cohort.track_id]
        ledger = ledgers[enrollment.pk]
        completion = Completion(enrollment, ledger, track_rules)
        completion.results.append(_hours(ledger, track_rules))
        completion.results.append(_joint(ledger, track_rules))
        if track_rules.requires_best_practice:
            completion.results.append(_best_practice(practices.get(enrollment.pk, 0)))
        completions[enrollment.pk] = completion
    return completions


def completion_of(
    enrollment: Enrollment,
    today: datetime.date | None = None,
    ledger: Ledger | None = None,
    rules: CompletionRules | None = None,
) -> Completion:
    """The completion of one enrollment (see `completion_for`); `rules`: its
    track's, when read already."""
    ledgers = {enrollment.pk: ledger} if ledger is not None else None
    track_rules = {enrollment.cohort.track_id: rules} if rules is not None else None
    return completion_for(
        [enrollment], today=today, ledgers=ledgers, rules=track_rules
    )[enrollment.pk]


def _hours(ledger: Ledger, rules: CompletionRules) -> RuleResult:
    required = required_hours(rules)
    return RuleResult(
        HOURS,
        _("Hours"),
        ledger.earned >= required,
        _("%(earned)s of %(required)s hours")
        % {"earned": hours(ledger.earned), "required": hours(required)},
    )


def _joint(ledger: Ledger, rules: CompletionRules) -> RuleResult:
    attended = len(ledger.joint_attended)
    if rules.required_joint_meetings is None:
        required = ledger.joint_total
        if not required:
            return RuleResult(
                JOINT, _("Joint meetings"), True, _("No joint meetings scheduled")
            )
    else:
        required = rules.required_joint_meetings
    return RuleResult(
        JOINT,
        _("Joint meetings"),
        attended >= required,
        ngettext(
            "%(attended)s of %(required)s joint meeting",
            "%(attended)s of %(required)s joint meetings",
            required,
        )
        % {"attended": attended, "required": required},
    )


def _best_practice(count: int) -> RuleResult:
    if count:
        text = ngettext(
            "%(count)s best practice published",
            "%(count)s best practices published",
            count,
        ) % {"count": count}
    else:
        text = _("No best practice published yet")
    return RuleResult(BEST_PRACTICE, _("Best practice"), bool(count), text)


def track_saved(
    sender: type[Track],
    instance: Track,
    created: bool,
    raw: bool = False,
    **kwargs: object,
) -> None:
    """`post_save` of a track: a new track gets its default rules to edit."""
    if created and not raw:
        ensure_completion_rules([instance])
