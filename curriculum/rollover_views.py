"""The admin's roll-over (curriculum/rollover.py): plan first, then confirm.

Who may: the Program Director (people.add_cohort: the roll-over creates cohorts)
and superusers; anyone else is refused (PermissionDenied). The confirmation posts
the same years again and the plan is worked out afresh, so what is written is what
the plan shows at that moment.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from core.admin_tools import AdminToolView
from curriculum.rollover import RolloverError, apply_rollover, plan_rollover
from people.models import Cohort


class RolloverForm(forms.Form):
    from_year = forms.TypedChoiceField(label=_("Roll over the Class of"), coerce=int)
    to_year = forms.IntegerField(
        label=_("To the Class of"), min_value=2010, max_value=2100
    )
    starts_on = forms.DateField(
        label=_("New first day (optional)"),
        required=False,
        help_text=_(
            "On the same weekday as the old first day. Empty: the same weekday "
            "nearest the same date."
        ),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = Cohort.objects.order_by("-year").values_list("year", flat=True)
        self.fields["from_year"].choices = [(y, y) for y in dict.fromkeys(years)]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            self.plan = plan_rollover(
                data["from_year"], data["to_year"], data.get("starts_on")
            )
        except RolloverError as error:
            raise forms.ValidationError(str(error)) from error
        return data


class RolloverView(AdminToolView, WagtailAdminTemplateMixin, FormView):
    """Roll over to next year: the plan, then its confirmation (`RolloverViewSet`
    refuses anyone but those who may roll over)."""

    page_title = _("Roll over to next year")
    header_icon = "repeat"
    template_name = "curriculum/admin/rollover.html"
    form_class = RolloverForm

    def get_initial(self):
        latest = Cohort.objects.order_by("-year").values_list("year", flat=True)
        year = latest.first()
        return {"from_year": year, "to_year": year + 1} if year else {}

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        plan = form.plan
        if self.request.POST.get("step") != "confirm":
            return self.render_to_response(
                self.get_context_data(form=form, plan=plan, step="plan")
            )
        cohorts, sessions = apply_rollover(plan, user=self.request.user)
        messages.success(
            self.request,
            _(
                "Class of %(year)s: %(cohorts)d cohorts and %(sessions)d sessions "
                "created."
            )
            % {"year": plan.to_year, "cohorts": len(cohorts), "sessions": sessions},
        )
        return redirect("curriculum_rollover")
