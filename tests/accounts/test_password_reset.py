"""The public password reset also reaches people enrolled without a password yet."""

from django.contrib.auth import get_user_model
from django.core import mail

User = get_user_model()


def _reset(client, email):
    mail.outbox.clear()
    response = client.post("/accounts/password-reset/", {"email": email})
    assert response.status_code == 302
    return mail.outbox


def test_someone_enrolled_without_a_password_can_ask_for_a_link(client, db):
    user = User.objects.create_user("new@district.example", "New@District.example")
    user.set_unusable_password()
    user.save()

    outbox = _reset(client, "new@district.example")

    assert [message.to for message in outbox] == [[user.email]]
    assert "/accounts/password-reset/" in outbox[0].body


def test_an_inactive_account_gets_no_link(client, db):
    user = User.objects.create_user("gone", "gone@district.example", "pw-long-enough")
    user.is_active = False
    user.save()

    assert _reset(client, "gone@district.example") == []


def test_an_unknown_address_gets_no_link(client, db):
    assert _reset(client, "nobody@district.example") == []
