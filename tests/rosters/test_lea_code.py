"""LEA.code: the state's code for a district, which the roster import reads."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from demo.people import LEA_CODES, LEAS, seed_leas_and_partners
from people.models import LEA
from tests.factories.people import LEAFactory

pytestmark = pytest.mark.django_db


def test_two_districts_cannot_share_a_code():
    LEAFactory(code="920")
    with pytest.raises(IntegrityError), transaction.atomic():
        LEAFactory(code="920")


def test_any_number_of_districts_may_have_no_code():
    LEAFactory(code="")
    LEAFactory(code="")
    assert LEA.objects.filter(code="").count() == 2


def test_the_form_explains_a_taken_or_malformed_code():
    LEAFactory(code="920")
    taken = LEAFactory.build(code="920")
    with pytest.raises(ValidationError, match="Another district already has this"):
        taken.full_clean()
    malformed = LEAFactory.build(code="92-0")
    with pytest.raises(ValidationError, match="digits and capital letters"):
        malformed.full_clean()


def test_demo_districts_get_their_codes_also_when_seeded_before(root_page):
    LEAFactory(name=LEAS[0][0], slug="alder-creek-county-schools", code="")

    seed_leas_and_partners()

    codes = dict(LEA.objects.values_list("name", "code"))
    assert codes == {name: LEA_CODES[name] for name, _region in LEAS}
    assert len(set(codes.values())) == len(LEAS)
    assert seed_leas_and_partners() == 0  # a second run adds and changes nothing
    assert dict(LEA.objects.values_list("name", "code")) == codes
