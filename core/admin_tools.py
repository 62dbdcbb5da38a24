"""The portal's admin tools (graduation, roll-over, roster import, cohort progress,
the review rubric): screens that are not a model's listing, each one a Wagtail
``ViewSet`` built on ``AdminToolViewSet``.

A tool declares its name, URL prefix, icon, menu label, order and place (Wagtail's
``add_to_admin_menu`` or a group's ``menu_hook``, such as the Cohorts menu's
``register_cohorts_menu_item``), its ``permission_check`` (the rule in its app's
``permissions.py``) and its ``views``. The base gives the rest, once:

- the menu item, shown only to those the check admits (``AdminToolMenuItem``);
- the URLs, registered by Wagtail's ``register_admin_viewset`` under
  ``url_prefix`` with the tools' own URL names (not namespaced: templates, tests and
  other apps reverse them, such as ``graduation_index``);
- the refusal: every view is an ``AdminToolView`` whose ``dispatch`` raises
  ``PermissionDenied`` when the check fails, before the view reads anything.

Exports come from ``core.exports`` (``SpreadsheetReportMixin``), as for every report.
See wagtail/admin/viewsets/base.py (``ViewSet``) and wagtail/admin/menu.py
(``WagtailMenuRegisterable``) for what this overrides.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.urls import URLPattern, path, reverse
from django.views import View
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django.http import HttpRequest, HttpResponseBase

    PermissionCheck = Callable[[User | AnonymousUser], bool]
    # AdminTool sits in front of a Wagtail viewset and calls its methods.
    from wagtail.admin.viewsets.base import ViewSet as _ViewSet
else:
    _ViewSet = object


class AdminToolMenuItem(MenuItem):
    """A tool's menu item: shown to those its tool's permission check admits."""

    def __init__(
        self, *args: Any, permission_check: PermissionCheck, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.permission_check = permission_check

    def is_shown(self, request: HttpRequest) -> bool:
        return self.permission_check(request.user)


class AdminToolView(View):
    """The first base of every tool's view: refuses (PermissionDenied) anyone the
    tool's check does not admit, before the bases listed after it. A screen that
    looks an object up does so in a mixin listed after this one, not in a
    ``dispatch`` of its own (which would run first).

    The check is given by the viewset (``AdminToolViewSet.construct_view``); a view
    built without one refuses everyone.
    """

    permission_check: PermissionCheck | None = None

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        check = self.permission_check
        if check is None or not check(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AdminTool(_ViewSet):
    """The tool's part of a viewset: its ``permission_check``, the menu item shown
    only to those it admits, and the check given to every ``AdminToolView`` the
    viewset builds. ``AdminToolViewSet`` is the whole tool; a model listing whose
    screens share one rule (Attendance > Sessions) lists this before its
    ``ModelViewSet``."""

    def permission_check(self, user: User | AnonymousUser) -> bool:
        """Whether ``user`` may open the tool (the app's ``permissions.py`` rule)."""
        raise NotImplementedError

    def get_common_view_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        # Only views with a `permission_check` attribute take it (ViewSet.construct_view).
        return super().get_common_view_kwargs(
            permission_check=self.permission_check, **kwargs
        )

    def get_menu_item(self, order: int | None = None) -> AdminToolMenuItem:
        return AdminToolMenuItem(
            label=self.menu_label,
            url=self.menu_url,
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=self.get_menu_item_order(order),
            permission_check=self.permission_check,
        )


class AdminToolViewSet(AdminTool, ViewSet):
    """One admin tool (see the module's docstring). Subclasses set ``name``,
    ``url_prefix``, ``icon``, ``menu_label``, ``menu_name``, ``menu_order``, the
    menu's place (``add_to_admin_menu`` or ``menu_hook``), ``views`` and
    ``permission_check``."""

    #: The tool's screens: (route under ``url_prefix``, view class, URL name). The
    #: first one is the menu item's destination.
    views: Sequence[tuple[str, type[AdminToolView], str]] = ()

    #: No namespace: the URL names are the tools' own (``graduation_index``).
    url_namespace = None

    def get_urlpatterns(self) -> list[URLPattern]:
        for _route, view_class, _name in self.views:
            if not issubclass(view_class, AdminToolView):
                raise TypeError(f"{view_class!r} is not an AdminToolView.")
        return [
            path(route, self.construct_view(view_class), name=name)
            for route, view_class, name in self.views
        ]

    def get_url_name(self, view_name: str) -> str:
        return view_name

    @property
    def menu_url(self) -> str:
        return reverse(self.views[0][2])
