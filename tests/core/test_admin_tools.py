"""core.admin_tools is the one admin-tool shape: every tool (graduation, roll-over,
roster import, cohort progress, the review rubric, attendance's sessions) is a
viewset built on it, refuses those its rule refuses before reading anything, and
shows its menu item, in its menu, only to those its rule admits. A new tool copied
by hand (its own MenuItem with `is_shown`) fails here."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem, SubmenuMenuItem, admin_menu
from wagtail.admin.viewsets import viewsets

from core.admin_tools import (
    AdminTool,
    AdminToolMenuItem,
    AdminToolView,
    AdminToolViewSet,
)
from tests.factories.core import UserFactory
from tests.two_factor import sign_in_verified

ROLES = ("participant", "faculty", "director")


@dataclass(frozen=True)
class Tool:
    name: str  # the viewset's name
    url_name: str  # its first screen
    menu_name: str
    menu: str | None  # the menu it sits in (None: the main menu)
    admits: tuple[str, ...]  # the roles its rule admits


TOOLS = [
    Tool("graduation", "graduation_index", "graduation", None, ("faculty", "director")),
    Tool("rollover", "curriculum_rollover", "rollover", "cohorts", ("director",)),
    Tool("rosters_import", "rosters_import", "import-roster", "cohorts", ("director",)),
    Tool(
        "attendance_progress",
        "attendance_progress",
        "cohort-progress",
        "attendance",
        ("faculty", "director"),
    ),
    Tool(
        "rubric_summary",
        "rubric_summary",
        "rubric-summary",
        "reports",
        ("faculty", "director"),
    ),
    Tool(
        "attendance_sessions",
        "attendance_sessions:index",
        "sessions",
        "attendance",
        ("faculty", "director"),
    ),
]
# The screens with a URL argument, each reached with one that exists nowhere: the
# tool's check refuses before the screen looks it up.
URL_KWARGS: dict[str, dict[str, Any]] = {
    "graduation_cohort": {"pk": 999999},
    "graduation_undo": {"pk": 999999},
    "rosters_preview": {"token": "no-such-token"},
    "attendance_progress_cohort": {"pk": 999999},
    "rubric_cohort": {"year": 1999},
    "attendance_sessions:record": {"pk": 999999},
}
INFRASTRUCTURE = ("outbox.", "caching.", "private_media.")
# Menus that are the portal's, hooks its apps register menu items with.
MENU_HOOKS = [
    "register_admin_menu_item",
    "register_settings_menu_item",
    "register_reports_menu_item",
    "register_cohorts_menu_item",
    "register_attendance_menu_item",
]


def registered_viewsets() -> dict[str, Any]:
    reverse("wagtailadmin_home")  # loads the admin's URLs, which register viewsets
    return {viewset.name: viewset for viewset in viewsets.viewsets}


def tool_cases() -> list[Any]:
    return [
        pytest.param(tool, role, role in tool.admits, id=f"{tool.name}-{role}")
        for tool in TOOLS
        for role in ROLES
    ]


@pytest.fixture
def users(groups):
    made = {}
    for role, group in [
        ("participant", "Participants"),
        ("faculty", "Faculty"),
        ("director", "Program Director"),
    ]:
        made[role] = UserFactory(username=f"tool-{role}")
        made[role].groups.add(groups[group])
    return made


def test_every_tool_is_an_admin_tool_viewset():
    registered = registered_viewsets()
    for tool in TOOLS:
        viewset = registered[tool.name]
        assert isinstance(viewset, AdminTool), viewset
        if tool.name != "attendance_sessions":  # a ModelViewSet with AdminTool
            assert isinstance(viewset, AdminToolViewSet), viewset
            assert reverse(tool.url_name) == viewset.menu_url


def shown_by(item_class: type) -> Any:
    """The `is_shown` a menu item class runs (its own or inherited)."""
    return next(
        vars(cls)["is_shown"] for cls in item_class.__mro__ if "is_shown" in vars(cls)
    )


def written_here(function: Any) -> bool:
    """Written in a portal app that may use core (the infrastructure apps sit below
    core in the layers and cannot; Wagtail makes its viewsets' items itself)."""
    return not function.__module__.startswith(("wagtail.", "django.", *INFRASTRUCTURE))


def test_no_portal_app_registers_a_menu_item_with_a_rule_of_its_own():
    """What the apps hand to the menus is a viewset's item (Wagtail's, or an
    AdminToolMenuItem, which asks the tool's rule): a MenuItem whose `is_shown` is
    written again is a copy."""
    registered_viewsets()
    for hook_name in MENU_HOOKS:
        for fn in hooks.get_hooks(hook_name):
            rule = shown_by(type(fn()))
            assert rule is AdminToolMenuItem.is_shown or not written_here(rule), (
                hook_name,
                fn,
            )


def subclasses(cls: type) -> set[type]:
    found: set[type] = set()
    sub: type
    for sub in type.__subclasses__(cls):
        found |= {sub, *subclasses(sub)}
    return found


def test_the_only_portal_menu_item_with_a_rule_is_the_admin_tools():
    registered_viewsets()
    written = {
        item
        for item in subclasses(MenuItem)
        if "is_shown" in vars(item) and written_here(vars(item)["is_shown"])
    }
    assert written == {AdminToolMenuItem}


@pytest.mark.django_db
@pytest.mark.parametrize(("tool", "role", "admitted"), tool_cases())
def test_the_tool_admits_or_refuses_by_its_rule(client, users, tool, role, admitted):
    sign_in_verified(client, users[role])
    # As an XHR, Wagtail's admin answers PermissionDenied with a 403 (a redirect
    # to the dashboard otherwise).
    response = client.get(
        reverse(tool.url_name), headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert response.status_code == (200 if admitted else 403)


@pytest.mark.django_db
@pytest.mark.parametrize(("tool", "role", "admitted"), tool_cases())
def test_every_screen_of_the_tool_refuses_first(users, tool, role, admitted):
    """Each screen's own dispatch, called without Wagtail's admin check around it:
    the tool's check comes before anything is looked up."""
    viewset = registered_viewsets()[tool.name]
    if admitted:
        assert viewset.permission_check(users[role])
        return
    assert not viewset.permission_check(users[role])
    if isinstance(viewset, AdminToolViewSet):
        screens = [
            (viewset.construct_view(view_class), url_name)
            for _route, view_class, url_name in viewset.views
        ]
    else:  # Attendance > Sessions: its record screen is the one with the rule
        screens = [(viewset.record_view, "attendance_sessions:record")]
    for view, url_name in screens:
        kwargs = URL_KWARGS.get(url_name, {})
        request = RequestFactory().get(reverse(url_name, kwargs=kwargs))
        request.user = users[role]
        with pytest.raises(PermissionDenied):
            view(request, **kwargs)


def visible_menu_items(request: Any) -> dict[str, str | None]:
    """Every menu item `request.user` sees: its name and the menu it is in."""
    seen: dict[str, str | None] = {}

    def walk(items: list[MenuItem], parent: str | None) -> None:
        for item in items:
            seen[item.name] = parent
            if isinstance(item, SubmenuMenuItem):
                walk(item.menu.menu_items_for_request(request), item.name)

    walk(admin_menu.menu_items_for_request(request), None)
    return seen


@pytest.mark.django_db
@pytest.mark.parametrize(("tool", "role", "admitted"), tool_cases())
def test_the_menu_item_is_shown_by_the_tools_rule(users, tool, role, admitted):
    registered_viewsets()
    request = RequestFactory().get("/admin/")
    request.user = users[role]
    seen = visible_menu_items(request)
    if admitted:
        assert tool.menu_name in seen
        assert seen[tool.menu_name] == tool.menu
    else:
        assert tool.menu_name not in seen


def test_a_view_built_without_a_check_refuses_everyone(admin_user):
    class Screen(AdminToolView):
        def get(self, request: Any) -> Any:
            raise AssertionError("reached")

    request = RequestFactory().get("/")
    request.user = admin_user
    with pytest.raises(PermissionDenied):
        Screen.as_view()(request)
