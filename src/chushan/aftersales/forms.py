"""After-sales forms. They parse what was typed and uploaded; the services decide, and a refusal is shown as the
same message the API answers."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from chushan.aftersales import rules
from chushan.aftersales.models import ReturnRequest, Ticket
from chushan.core.errors import ApplicationError


def add_service_error(form: forms.Form, exc: ApplicationError) -> None:
    """Field messages by their fields (lines.N.quantity → that line's field), the rest on top."""
    placed = False
    for field, messages in exc.errors.items():
        target = field if field in form.fields else None
        if target is None and field.startswith("lines.") and hasattr(form, "line_field_name"):
            target = form.line_field_name(field)
        for message in messages:
            form.add_error(target, message)
            placed = True
    if not placed or exc.status != 422:
        form.add_error(None, str(exc.message))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name; each is checked by the service (decoded in full), not trusted by type."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class ReturnRequestForm(forms.Form):
    """One units field per line of the order that may still come back, then kind, reason, words and photos."""

    kind = forms.ChoiceField(label=_("What would you like?"), choices=ReturnRequest.Kind.choices,
                             widget=forms.RadioSelect, initial=rules.RETURN)
    reason = forms.ChoiceField(label=_("Why?"), choices=ReturnRequest.Reason.choices)
    description = forms.CharField(label=pgettext_lazy("problem", "What happened"), max_length=1000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    photos = MultipleFileField(label=_("Photos of the problem (needed for damage, faults or a wrong item)"),
                               required=False)

    def __init__(self, *args, lines: list[tuple], **kwargs):
        super().__init__(*args, **kwargs)
        self.order_lines = [(line, left) for line, left in lines if left > 0]
        for index, (line, left) in enumerate(self.order_lines):
            self.fields[f"line_{line.pk}"] = forms.IntegerField(
                label=f"{line.product_name} {line.sku_label}", min_value=0, max_value=left, initial=0,
                required=False)
            self.fields[f"line_{line.pk}"].index = index

    def line_fields(self):
        return [(line, left, self[f"line_{line.pk}"]) for line, left in self.order_lines]

    def line_field_name(self, error_key: str) -> str | None:
        try:
            index = int(error_key.split(".")[1])
            return f"line_{self.order_lines[index][0].pk}"
        except (IndexError, ValueError):
            return None

    def lines(self) -> list[tuple[int, int]]:
        return [(line.pk, self.cleaned_data[f"line_{line.pk}"]) for line, _left in self.order_lines
                if self.cleaned_data.get(f"line_{line.pk}")]


class TicketForm(forms.Form):
    category = forms.ChoiceField(label=_("About"), choices=Ticket.Category.choices)
    subject = forms.CharField(label=_("Subject"), max_length=120)
    body = forms.CharField(label=pgettext_lazy("problem", "What happened"), max_length=rules.MAX_MESSAGE,
                           widget=forms.Textarea(attrs={"rows": 4}))


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), max_length=rules.MAX_MESSAGE, widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Why"), max_length=300)


class ReassignForm(forms.Form):
    to = forms.ChoiceField(label=_("Give it to"), choices=Ticket.OwnerKind.choices)
    location = forms.TypedChoiceField(label=_("Shop"), coerce=int, required=False, empty_value=None)
    reason = forms.CharField(label=_("Why"), max_length=300)

    def __init__(self, *args, locations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].choices = [("", "—"), *[(loc.pk, loc.name) for loc in locations]]


class ResolveForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=())
    note = forms.CharField(label=_("How it was resolved"), max_length=rules.MAX_MESSAGE,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, outcomes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [(o, Ticket.Outcome(o).label) for o in outcomes]


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(label=_("Decision"), coerce=lambda v: v == "yes",
                                     choices=[("yes", _("approve")), ("no", _("reject"))], widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note (required to reject)"), max_length=500, required=False)
    restock_location = forms.TypedChoiceField(label=_("Goods go back to"), coerce=int, required=False,
                                              empty_value=None)

    def __init__(self, *args, locations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["restock_location"].choices = [("", "—"), *[(loc.pk, loc.name) for loc in locations]]


class ConfirmForm(forms.Form):
    """A button with nothing to fill in (refund)."""


class LocationForm(forms.Form):
    location = forms.TypedChoiceField(label=_("Location"), coerce=int)
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=60, required=False)

    def __init__(self, *args, locations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].choices = [(loc.pk, loc.name) for loc in locations]
