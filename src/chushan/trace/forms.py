"""Seller console forms: a lot, a site, and one form per kind of event recorded on a lot's page."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from chushan.trace.builders import SensorReading
from chushan.trace.models import Lot, Site

UNITS = [("KGM", _("kg")), ("GRM", _("g")), ("EA", _("pieces")), ("LTR", _("litres")), ("CT", _("cases"))]


def add_application_error(form: forms.Form, exc) -> None:
    """Show a refused use case on the form: field errors where they belong, the message on top."""
    placed = False
    for name, messages in (exc.errors or {}).items():
        if name in form.fields:
            for message in messages:
                form.add_error(name, message)
            placed = True
    if not placed:
        form.add_error(None, str(exc.message))


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"


class LotForm(forms.Form):
    gtin = forms.CharField(label=_("GTIN"), max_length=14,
                           help_text=_("The 14-digit GTIN on one of your SKUs."))
    code = forms.CharField(label=_("Lot number"), max_length=20,
                           help_text=_("Up to 20 letters, digits and - . / _ ; no Chinese characters."))
    produced_on = forms.DateField(label=_("Harvested or made on"), required=False, widget=DateInput)
    expires_on = forms.DateField(label=_("Best before"), required=False, widget=DateInput)
    origin = forms.ModelChoiceField(label=_("Origin (farm or workshop)"), queryset=Site.objects.none(),
                                    required=False)
    field_name = forms.CharField(label=_("Field, garden or pasture"), max_length=60, required=False)
    grade = forms.CharField(label=_("Grade"), max_length=30, required=False)
    variety = forms.CharField(label=_("Variety or breed"), max_length=60, required=False)

    def __init__(self, *args, seller=None, gtins=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["origin"].queryset = Site.objects.for_seller(seller)
        if gtins:
            self.fields["gtin"].widget = forms.Select(choices=list(gtins))

    def ilmd(self) -> dict:
        data = self.cleaned_data
        return {key: value for key, value in (("field", data["field_name"]), ("grade", data["grade"]),
                                              ("variety", data["variety"])) if value}


class SiteForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("trace", "Site name"), max_length=80)
    gln = forms.CharField(label=_("GLN"), max_length=13, help_text=_("13 digits, from your GS1 membership."))
    kind = forms.ChoiceField(label=_("Kind"), choices=Site.Kind.choices)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)


class LotEventForm(forms.Form):
    """What every event on a lot has: when, where (one of the seller's sites) and how much."""

    when = forms.DateTimeField(label=_("When"), widget=DateTimeLocalInput,
                               input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    site = forms.ModelChoiceField(label=pgettext_lazy("trace", "Where"), queryset=Site.objects.none(), required=False)
    quantity = forms.DecimalField(label=_("Quantity"), required=False, min_value=Decimal("0.001"),
                                  max_digits=12, decimal_places=3)
    uom = forms.ChoiceField(label=_("Unit"), choices=UNITS, required=False)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, seller=None, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("when", timezone.localtime().replace(second=0, microsecond=0))
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.for_seller(seller)
        self.seller = seller

    def event_data(self) -> dict:
        data = dict(self.cleaned_data)
        site = data.pop("site", None)
        data["site_gln"] = site.gln if site else None
        return data


class HarvestForm(LotEventForm):
    harvest_date = forms.DateField(label=_("Harvest date"), required=False, widget=DateInput)
    field_name = forms.CharField(label=_("Field, garden or pasture"), max_length=60, required=False)
    grade = forms.CharField(label=_("Grade"), max_length=30, required=False)
    variety = forms.CharField(label=_("Variety or breed"), max_length=60, required=False)


class InspectionForm(LotEventForm):
    result = forms.ChoiceField(label=_("Result"), choices=[("pass", pgettext_lazy("trace", "passed")),
                                                           ("fail", pgettext_lazy("trace", "failed"))])
    inspector = forms.CharField(label=_("Inspector or laboratory"), max_length=80, required=False)
    certificate_number = forms.CharField(label=_("Certificate or report number"), max_length=60, required=False)
    certificate_issuer = forms.CharField(label=_("Issued by"), max_length=120, required=False)
    certificate_url = forms.URLField(label=_("Link to the certificate or report"), required=False,
                                     assume_scheme="https")


class InspectorInspectionForm(InspectionForm):
    """What an inspector records: no site of the seller's, and the organisation is the one the seller granted."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["site"], self.fields["inspector"]


class InspectorAccessForm(forms.Form):
    mobile = forms.CharField(label=_("Inspector's mobile number"), max_length=20,
                             help_text=_("They sign in with this number; they need a Chushan account."))
    organisation = forms.CharField(label=_("Inspector or laboratory"), max_length=80,
                                   help_text=_("Shown on every inspection they record, e.g. 黔南州产品质量检验检测院."))


class PackingForm(LotEventForm):
    parent = forms.CharField(label=_("Case identifier"), max_length=200,
                             help_text=_("An SSCC Digital Link (https://id.gs1.org/00/...) or your own case URI."))


class ShippingForm(LotEventForm):
    destination_name = forms.CharField(label=_("Shipped to"), max_length=80, required=False)
    destination_gln = forms.CharField(label=_("Destination GLN"), max_length=13, required=False)


class ReceivingForm(LotEventForm):
    source_name = forms.CharField(label=_("Received from"), max_length=80, required=False)
    source_gln = forms.CharField(label=_("Source GLN"), max_length=13, required=False)


class TemperatureForm(LotEventForm):
    min_value = forms.FloatField(label=_("Lowest temperature (°C)"), min_value=-80, max_value=80)
    max_value = forms.FloatField(label=_("Highest temperature (°C)"), min_value=-80, max_value=80)
    mean_value = forms.FloatField(label=_("Average temperature (°C)"), min_value=-80, max_value=80)
    device = forms.CharField(label=_("Logger ID"), max_length=100, required=False,
                             help_text=_("A URI, e.g. urn:chushan:logger:ABC123"))

    def clean(self):
        data = super().clean()
        low, high, mean = data.get("min_value"), data.get("max_value"), data.get("mean_value")
        if None not in (low, high, mean) and not low <= mean <= high:
            raise forms.ValidationError(_("The average must lie between the lowest and the highest temperature."))
        if data.get("device") and ":" not in data["device"]:
            self.add_error("device", _("Enter a URI, such as urn:chushan:logger:ABC123."))
        return data

    def event_data(self) -> dict:
        data = super().event_data()
        data["readings"] = [SensorReading(value=data["mean_value"], min_value=data["min_value"],
                                          max_value=data["max_value"], mean_value=data["mean_value"],
                                          time=data["when"])]
        return data


class TransformationForm(LotEventForm):
    """This lot was made from other lots (by trace code, 追溯码), e.g. chillies and rapeseed oil → sauce."""

    inputs = forms.CharField(label=_("Made from (trace codes)"), widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("One trace code per line, optionally followed by a quantity in kg, "
                                         "e.g. CS0123456789ABCD 40"))

    def clean_inputs(self):
        rows = []
        for line in self.cleaned_data["inputs"].splitlines():
            parts = line.split()
            if not parts:
                continue
            lot = Lot.objects.filter(trace_code=parts[0].upper()).first()
            if lot is None:
                raise forms.ValidationError(_("No lot has trace code %(code)s.") % {"code": parts[0]})
            try:
                quantity = Decimal(parts[1]) if len(parts) > 1 else None
            except ArithmeticError:
                raise forms.ValidationError(_("%(value)s is not a quantity.") % {"value": parts[1]}) from None
            rows.append((lot, quantity, "KGM" if quantity else None))
        if not rows:
            raise forms.ValidationError(_("Give at least one trace code."))
        return rows


EVENT_FORMS = {"harvest": HarvestForm, "inspection": InspectionForm, "packing": PackingForm,
               "shipping": ShippingForm, "receiving": ReceivingForm, "temperature": TemperatureForm,
               "transformation": TransformationForm}
EVENT_TITLES = {
    "harvest": pgettext_lazy("trace", "Harvest or making"),
    "inspection": pgettext_lazy("trace", "Inspection"),
    "packing": pgettext_lazy("trace", "Packing into cases"),
    "shipping": pgettext_lazy("trace", "Shipping"),
    "receiving": pgettext_lazy("trace", "Receiving"),
    "temperature": pgettext_lazy("trace", "Cold-chain temperatures"),
    "transformation": pgettext_lazy("trace", "Made from other lots"),
}


class SerialsForm(forms.Form):
    serials = forms.CharField(label=_("Serial numbers"), widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("One per line: letters, digits and - . / _ (at most 20)."))


class RecallForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the recall"), max_length=300, widget=forms.Textarea(
        attrs={"rows": 3}))
