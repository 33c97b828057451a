"""Shopper and console forms. They parse input; the services decide (their errors become form errors)."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chushan.core.errors import ApplicationError
from chushan.orders import rules
from chushan.orders.models import Fulfilment
from chushan.regions.models import Region
from chushan.sellers import selectors as seller_selectors
from chushan.sellers.forms import county_choices, prefecture_choices

NEW = "new"


def add_service_error(form: forms.Form, exc: ApplicationError) -> None:
    """Show a refused use case on the form: field messages by their fields, the rest on top."""
    placed = False
    for field, messages in exc.errors.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message)
            placed = True
    if not placed or exc.status != 422:
        form.add_error(None, str(exc.message))


def _blank() -> list[tuple[str, str]]:
    return [("", _("Choose…"))]


class AddToCartForm(forms.Form):
    sku = forms.IntegerField(min_value=1, max_value=2**63 - 1)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=rules.MAX_LINE_QUANTITY, initial=1)
    pickup_location = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)


class CartLineForm(forms.Form):
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=rules.MAX_LINE_QUANTITY)


class AddressForm(forms.Form):
    """A delivery address; choosing a province fills the prefectures, a prefecture the counties (htmx)."""

    name = forms.CharField(label=_("Recipient"), max_length=40)
    mobile = forms.CharField(label=_("Mobile number"), max_length=11,
                             widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "tel"}))
    province = forms.ChoiceField(label=_("Province"))
    prefecture = forms.ChoiceField(label=_("City"))
    region = forms.ChoiceField(label=_("County"))
    detail = forms.CharField(label=_("Street address"), max_length=200)

    def __init__(self, *args, required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        province, prefecture = self._value("province"), self._value("prefecture")
        self.fields["province"].choices = _blank() + [(r.code, r.display_name) for r in seller_selectors.provinces()]
        self.fields["prefecture"].choices = _blank() + prefecture_choices(province)
        self.fields["region"].choices = _blank() + county_choices(prefecture)
        self.fields["province"].widget.attrs.update({
            "hx-get": reverse("sellers:region_options", args=["prefectures"]), "hx-target": "#id_prefecture",
            "hx-trigger": "change"})
        self.fields["prefecture"].widget.attrs.update({
            "hx-get": reverse("sellers:region_options", args=["counties"]), "hx-target": "#id_region",
            "hx-trigger": "change"})
        for field in self.fields.values():
            field.required = required

    def _value(self, name: str) -> str:
        value = self.data.get(name) if self.is_bound else self.initial.get(name)
        return str(value or "")[:6]

    def region_obj(self) -> Region | None:
        return Region.objects.filter(code=self.cleaned_data.get("region") or "").first()


class CheckoutForm(forms.Form):
    """Where each line goes and how to pay. Each cart line adds a fulfilment and a pick-up shop field."""

    address = forms.ChoiceField(label=_("Deliver to"), required=False, widget=forms.RadioSelect)
    provider = forms.ChoiceField(label=_("Pay with"), widget=forms.RadioSelect)

    def __init__(self, *args, entries, addresses, providers, pickup_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = entries
        self.fields["address"].choices = [(str(a.pk), f"{a.name} · {a.region.display_name} {a.detail}")
                                          for a in addresses] + [(NEW, _("A new address"))]
        self.fields["provider"].choices = providers
        for entry in entries:
            line = entry.line
            self.fields[f"fulfilment_{line.pk}"] = forms.ChoiceField(
                label=_("How it reaches you"), choices=Fulfilment.choices, initial=line.fulfilment,
                widget=forms.RadioSelect)
            shops = pickup_choices.get(line.pk, [])
            self.fields[f"pickup_{line.pk}"] = forms.ChoiceField(
                label=_("Pick-up shop"), required=False, initial=line.pickup_location_id,
                choices=_blank() + [(str(c.location.pk), _("%(shop)s (%(n)d available)") % {
                    "shop": c.location.name, "n": c.available}) for c in shops])

    def line_fields(self):
        """(entry, fulfilment field, pick-up field) for the template."""
        return [(e, self[f"fulfilment_{e.line.pk}"], self[f"pickup_{e.line.pk}"]) for e in self.entries]

    def choice_for(self, line_pk: int) -> tuple[str, int | None]:
        fulfilment = self.cleaned_data[f"fulfilment_{line_pk}"]
        pickup = self.cleaned_data.get(f"pickup_{line_pk}") or ""
        return fulfilment, int(pickup) if pickup.isdigit() else None

    def needs_address(self) -> bool:
        return any(self.cleaned_data.get(f"fulfilment_{e.line.pk}") != rules.PICKUP for e in self.entries)


class ShipForm(forms.Form):
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=60, required=False)


class PickupCodeForm(forms.Form):
    location = forms.ChoiceField(label=_("Shop"))
    code = forms.CharField(label=_("Pick-up code"), max_length=8, min_length=8, widget=forms.TextInput(attrs={
        "inputmode": "numeric", "autocomplete": "off", "autofocus": True, "pattern": "[0-9]{8}",
        "data-scan": "pickup"}))

    def __init__(self, *args, locations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].choices = [(str(loc.pk), loc.name) for loc in locations]
