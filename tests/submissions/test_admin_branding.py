"""The admin is the program's: CeCTO name and mark on the sign-in, menu and tab."""

import pytest
from django.urls import reverse

from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db


def test_staff_sign_in_page_names_the_cecto_portal_with_its_logo(client):
    html = client.get(reverse("wagtailadmin_login")).content.decode()

    assert "Sign in to the CeCTO Portal admin" in html
    assert "Sign in to Wagtail" not in html
    assert "img/logo.svg" in html
    assert "CeCTO Portal admin</title>" in html


def test_admin_menu_and_tab_carry_the_cecto_mark(client, admin_user, home_page):
    sign_in_verified(client, admin_user)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "img/logo-mark.svg" in html
    assert "CeCTO Portal admin</title>" in html
    assert "fonts.googleapis" not in html
