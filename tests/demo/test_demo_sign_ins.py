"""`make run` prints the demo sign-ins, and tells staff about the authenticator app."""

from io import StringIO

from django.core.management import call_command


def test_demo_sign_ins_tell_staff_to_set_up_an_authenticator_app():
    out = StringIO()
    call_command("demo_sign_ins", "--port", "8123", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8123/" in text
    assert "director" in text and "faculty" in text
    assert "first sign-in asks you to set up an\nauthenticator app" in text
