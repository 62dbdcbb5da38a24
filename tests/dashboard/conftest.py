"""The participant's side's fixtures (tests/submissions/conftest.py): a program with
a cohort, its best-practice section and participants who can sign in."""

from tests.submissions.conftest import (  # noqa: F401 - fixtures, found by name
    author,
    author_client,
    classmate,
    practices_index,
    program,
    reviewers,
)
