"""Applicants' models: the applicant records and the join form they come from."""

from applicants.models.applicant import Applicant, ApplicantQuerySet
from applicants.models.join_form import (
    DISTRICT_FIELD,
    DISTRICT_OTHER,
    InterestFormBuilder,
    InterestFormField,
    InterestFormPage,
)

__all__ = [
    "DISTRICT_FIELD",
    "DISTRICT_OTHER",
    "Applicant",
    "ApplicantQuerySet",
    "InterestFormBuilder",
    "InterestFormField",
    "InterestFormPage",
]
