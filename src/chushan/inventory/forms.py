"""Console forms for stock. They parse input; the services decide, and their refusals become form errors."""

from decimal import Decimal

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from chushan.core.errors import ApplicationError
from chushan.inventory import rules, selectors, services
from chushan.inventory.models import Location
from chushan.sellers.forms import county_choices, prefecture_choices
from chushan.sellers.models import Seller
from chushan.sellers.selectors import provinces


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


def _blank(label) -> list[tuple[str, str]]:
    return [("", label)]


def sku_choices(seller) -> list[tuple[int, str]]:
    return [(sku.pk, f"{sku.product.name} · {sku.label}") for sku in selectors.sku_list_for_seller(seller=seller)]


def location_choices(seller, *, active_only: bool = True) -> list[tuple[int, str]]:
    locations = selectors.location_list_for_seller(seller=seller)
    if active_only:
        locations = locations.filter(is_active=True)
    return [(loc.pk, f"{loc.name} ({loc.get_kind_display()})") for loc in locations]


class LocationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Location.Kind.choices)
    name = forms.CharField(label=pgettext_lazy("location", "Name"), max_length=60)
    province = forms.ChoiceField(label=_("Province"))
    prefecture = forms.ChoiceField(label=_("Prefecture"))
    region = forms.ChoiceField(label=_("County"))
    address = forms.CharField(label=_("Address"), max_length=200)
    host_seller = forms.TypedChoiceField(label=_("Host shop (consignment only)"), coerce=int, required=False,
                                         empty_value=None)
    commission_percent = forms.DecimalField(label=_("Host's commission, %"), required=False, min_value=0,
                                            max_value=Decimal("99.99"), decimal_places=2,
                                            help_text=_("What the host keeps of each sale, e.g. 15."))
    gln = forms.CharField(label=_("GLN (optional)"), max_length=13, required=False,
                          widget=forms.TextInput(attrs={"inputmode": "numeric"}),
                          help_text=_("13-digit GS1 location number, for traceability."))
    channels = forms.MultipleChoiceField(label=_("Sells on"), required=False, widget=forms.CheckboxSelectMultiple,
                                         help_text=_("Leave all unticked for the usual channels of this kind."))
    is_active = forms.BooleanField(label=_("Open"), required=False, initial=True)

    def __init__(self, *args, seller: Seller, location: Location | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.seller, self.location = seller, location
        province, prefecture = self._value("province"), self._value("prefecture")
        self.fields["province"].choices = _blank(_("Choose…")) + [(r.code, r.display_name) for r in provinces()]
        self.fields["prefecture"].choices = _blank(_("Choose…")) + prefecture_choices(province)
        self.fields["region"].choices = _blank(_("Choose…")) + county_choices(prefecture)
        self.fields["province"].widget.attrs.update({
            "hx-get": reverse("sellers:region_options", args=["prefectures"]), "hx-target": "#id_prefecture"})
        self.fields["prefecture"].widget.attrs.update({
            "hx-get": reverse("sellers:region_options", args=["counties"]), "hx-target": "#id_region"})
        self.fields["host_seller"].choices = _blank(_("—")) + [
            (s.pk, s.name) for s in Seller.objects.admitted().exclude(pk=seller.pk).order_by("name")]
        self.fields["channels"].choices = [(c.code, c.display_name) for c in selectors.channel_list()]
        if location is not None:  # kind and host never change
            for name in ("kind", "host_seller"):
                self.fields[name].disabled = True

    def _value(self, name: str) -> str:
        value = self.data.get(name) if self.is_bound else self.initial.get(name)
        return (value or "")[:6]

    @staticmethod
    def initial_for(location: Location | None) -> dict:
        if location is None:
            return {"is_active": True}
        region = location.region
        return {"kind": location.kind, "name": location.name, "address": location.address,
                "province": region.province_code, "prefecture": region.parent_id or "", "region": region.code,
                "host_seller": location.host_seller_id, "gln": location.gln or "",
                "commission_percent": location.commission_rate * 100 if location.commission_rate is not None
                else None,
                "channels": [c.code for c in location.channels.all()], "is_active": location.is_active}

    def data_for_service(self) -> services.LocationData:
        data = self.cleaned_data
        percent = data.get("commission_percent")
        host_id = data.get("host_seller")
        return services.LocationData(
            kind=data["kind"], name=data["name"], region=selectors.region_get(code=data["region"]),
            address=data["address"], host_seller=selectors.host_seller_get(seller_id=host_id) if host_id else None,
            commission_rate=(percent / 100).quantize(Decimal("0.0001")) if percent is not None else None,
            gln=data.get("gln") or None, channels=data.get("channels") or None, is_active=data["is_active"])


class ReceiveForm(forms.Form):
    location = forms.TypedChoiceField(label=_("Location"), coerce=int)
    sku = forms.TypedChoiceField(label=_("SKU"), coerce=int)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=rules.MAX_QUANTITY,
                                  widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    reference = forms.CharField(label=_("Reference (delivery note, batch)"), max_length=80, required=False)
    lot = forms.CharField(label=_("Lot number (optional)"), max_length=20, required=False,
                          help_text=_("The batch printed on the goods, e.g. LS2024-05: up to 20 letters, digits or "
                                      "- . / _, no Chinese. Traced goods need it."),
                          widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false"}))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, seller: Seller, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].choices = _blank(_("Choose…")) + location_choices(seller)
        self.fields["sku"].choices = _blank(_("Choose…")) + sku_choices(seller)


class TransferForm(forms.Form):
    from_location = forms.TypedChoiceField(label=_("From"), coerce=int)
    to_location = forms.TypedChoiceField(label=_("To"), coerce=int)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, seller: Seller, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_location"].choices = _blank(_("Choose…")) + location_choices(seller, active_only=False)
        self.fields["to_location"].choices = _blank(_("Choose…")) + location_choices(seller)


class LineForm(forms.Form):
    """One SKU and a quantity; a blank line is skipped."""

    sku = forms.TypedChoiceField(label=_("SKU"), coerce=int, required=False, empty_value=None)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=rules.MAX_QUANTITY, required=False,
                                  widget=forms.NumberInput(attrs={"inputmode": "numeric"}))

    def __init__(self, *args, seller: Seller, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sku"].choices = _blank("—") + sku_choices(seller)

    def clean(self):
        data = super().clean()
        if data.get("sku") and not data.get("quantity"):
            self.add_error("quantity", _("Enter how many."))
        if data.get("quantity") and not data.get("sku"):
            self.add_error("sku", _("Choose the SKU."))
        return data


LineFormSet = forms.formset_factory(LineForm, extra=3, max_num=20, absolute_max=20)


class CountForm(forms.Form):
    """A blind count: one box per SKU kept at the location (books not shown), plus one SKU not yet there."""

    reason = forms.CharField(label=_("Reason"), max_length=200,
                             help_text=_("For example: month-end count, breakage found, sample taken."))
    extra_sku = forms.TypedChoiceField(label=_("Another SKU found here"), coerce=int, required=False,
                                       empty_value=None)
    extra_counted = forms.IntegerField(label=_("Counted"), min_value=0, max_value=rules.MAX_ON_HAND, required=False)

    def __init__(self, *args, seller: Seller, location: Location, **kwargs):
        super().__init__(*args, **kwargs)
        self.stocks = list(selectors.stock_list_for_seller(seller=seller, location=location))
        for stock in self.stocks:
            self.fields[f"sku_{stock.sku_id}"] = forms.IntegerField(
                label=f"{stock.sku.product.name} · {stock.sku.label}", min_value=0, max_value=rules.MAX_ON_HAND,
                required=False, widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
        self.fields["extra_sku"].choices = _blank("—") + sku_choices(seller)

    def count_fields(self):
        return [self[f"sku_{stock.sku_id}"] for stock in self.stocks]

    def items(self, skus: dict) -> list[services.CountItem]:
        """The SKUs counted (blank boxes were not counted), as service items."""
        data = self.cleaned_data
        counted = {stock.sku_id: data[f"sku_{stock.sku_id}"] for stock in self.stocks
                   if data.get(f"sku_{stock.sku_id}") is not None}
        if data.get("extra_sku") and data.get("extra_counted") is not None:
            counted[data["extra_sku"]] = data["extra_counted"]
        return [services.CountItem(sku=skus[sku_id], counted=n) for sku_id, n in counted.items() if sku_id in skus]
