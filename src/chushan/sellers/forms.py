"""Console and back-office forms. They parse input; the services decide (their errors become form errors)."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chushan.core.errors import ApplicationError
from chushan.heritage.models import EthnicGroup, HeritageItem, ListLevel, RegionalBrand
from chushan.regions.models import Region
from chushan.sellers import rules, selectors, services
from chushan.sellers.models import Certificate, CreditEvent, Seller

DOCUMENT_ACCEPT = "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"


def add_application_error(form: forms.Form, exc: ApplicationError) -> None:
    """Show a refused use case on the form: field messages by their fields, the rest on top."""
    placed = False
    for field, messages in exc.errors.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message)
            placed = True
    if not placed or exc.status != 422:
        form.add_error(None, str(exc.message))


def prefecture_choices(province_code: str) -> list[tuple[str, str]]:
    """Prefectures of a province, plus the province itself when counties hang directly under it."""
    if not province_code:
        return []
    choices = [(r.code, r.display_name) for r in selectors.regions_under(parent_code=province_code, level=2)]
    if selectors.regions_under(parent_code=province_code, level=3).exists():
        choices.append((province_code, str(_("directly administered"))))
    return choices


def county_choices(prefecture_code: str) -> list[tuple[str, str]]:
    if not prefecture_code:
        return []
    return [(r.code, r.display_name) for r in selectors.regions_under(parent_code=prefecture_code, level=3)]


def _blank(label) -> list[tuple[str, str]]:
    return [("", label)]


class ApplicationForm(forms.Form):
    name = forms.CharField(label=_("Name of the seller"), max_length=100)
    entity_type = forms.ChoiceField(label=_("Entity type"), choices=Seller.EntityType.choices,
                                    widget=forms.RadioSelect)
    credit_code = forms.CharField(label=_("Unified social credit code"), max_length=40, required=False,
                                  help_text=_("18 characters, on the business licence. Required for enterprises "
                                              "and cooperatives."))
    province = forms.ChoiceField(label=_("Province"))
    prefecture = forms.ChoiceField(label=_("Prefecture"))
    region = forms.ChoiceField(label=_("County"))
    address = forms.CharField(label=_("Address"), max_length=200)
    contact_name = forms.CharField(label=_("Contact person"), max_length=50)
    contact_mobile = forms.CharField(label=_("Contact mobile"), max_length=11,
                                     widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "tel"}))
    ethnic_group = forms.ChoiceField(label=_("Ethnic group"), required=False)
    story = forms.CharField(label=_("Your story"), required=False, max_length=4000,
                            widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        province = self._value("province")
        prefecture = self._value("prefecture")
        self.fields["province"].choices = _blank(_("Choose…")) + [
            (r.code, r.display_name) for r in selectors.provinces()]
        self.fields["prefecture"].choices = _blank(_("Choose…")) + prefecture_choices(province)
        self.fields["region"].choices = _blank(_("Choose…")) + county_choices(prefecture)
        self.fields["ethnic_group"].choices = _blank(_("—")) + [
            (g.code, g.display_name) for g in EthnicGroup.objects.all()]
        # Choosing a province fills the prefectures, choosing a prefecture the counties (htmx).
        self.fields["province"].widget.attrs.update({
            "hx-get": reverse("sellers:region_options", args=["prefectures"]), "hx-target": "#id_prefecture",
            "hx-trigger": "change"})
        self.fields["prefecture"].widget.attrs.update({
            "hx-get": reverse("sellers:region_options", args=["counties"]), "hx-target": "#id_region",
            "hx-trigger": "change"})

    def _value(self, name: str) -> str:
        value = self.data.get(name) if self.is_bound else self.initial.get(name)
        return str(value or "")[:6]

    @staticmethod
    def initial_for(seller: Seller | None) -> dict:
        if seller is None:
            return {"entity_type": Seller.EntityType.INHERITOR}
        region = seller.region
        prefecture = region.parent_id or ""
        province = region.province_code if Region.objects.filter(code=region.province_code).exists() else ""
        return {"name": seller.name, "entity_type": seller.entity_type, "credit_code": seller.credit_code or "",
                "province": province, "prefecture": prefecture, "region": region.code, "address": seller.address,
                "contact_name": seller.contact_name, "contact_mobile": seller.contact_mobile,
                "ethnic_group": seller.ethnic_group.code if seller.ethnic_group_id else "", "story": seller.story}

    def application(self, seller: Seller | None = None) -> services.SellerApplication:
        data = self.cleaned_data
        return services.SellerApplication(
            name=data["name"], entity_type=data["entity_type"], region_code=data["region"], address=data["address"],
            contact_name=data["contact_name"], contact_mobile=data["contact_mobile"],
            credit_code=data["credit_code"], story=data["story"], story_en=seller.story_en if seller else "",
            ethnic_group_code=data["ethnic_group"])


class CertificateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of certificate"))
    number = forms.CharField(label=_("Certificate number"), max_length=60)
    issuer = forms.CharField(label=_("Issued by"), max_length=120)
    valid_from = forms.DateField(label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"}))
    valid_until = forms.DateField(label=_("Valid until"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))
    long_term = forms.BooleanField(label=_("No end date (长期)"), required=False)
    ich_level = forms.TypedChoiceField(label=_("Inheritor level"), required=False, coerce=int, empty_value=None,
                                       choices=_blank(_("—")) + list(ListLevel.choices))
    heritage_item = forms.ModelChoiceField(label=_("Heritage item"), required=False,
                                           queryset=HeritageItem.objects.all())
    holder_name = forms.CharField(label=_("Inheritor's name"), max_length=60, required=False)
    brand = forms.ModelChoiceField(label=_("Regional public brand"), required=False,
                                   queryset=RegionalBrand.objects.all())
    document = forms.FileField(label=_("Scan or photo of the certificate"),
                               help_text=_("PDF, JPEG or PNG, at most 10 MB."),
                               widget=forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT}))

    ICH_FIELDS = ("ich_level", "heritage_item", "holder_name")
    BRAND_FIELDS = ("brand",)

    def __init__(self, *args, seller: Seller, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = [(value, label) for value, label in Certificate.Kind.choices
                   if rules.kind_allowed(seller.entity_type, value)]
        self.fields["kind"].choices = _blank(_("Choose…")) + allowed

    def clean(self):
        data = super().clean()
        if data.get("long_term"):
            data["valid_until"] = rules.LONG_TERM_UNTIL
        elif not data.get("valid_until") and "valid_until" not in self.errors:
            self.add_error("valid_until", _("Give the last valid day, or tick “No end date”."))
        return data

    def draft(self) -> services.CertificateDraft:
        data = self.cleaned_data
        return services.CertificateDraft(
            kind=data["kind"], number=data["number"], issuer=data["issuer"], valid_from=data["valid_from"],
            valid_until=data["valid_until"], document=data["document"], ich_level=data["ich_level"],
            heritage_item_id=data["heritage_item"].pk if data["heritage_item"] else None,
            brand_id=data["brand"].pk if data["brand"] else None, holder_name=data["holder_name"])


class StaffForm(forms.Form):
    mobile = forms.CharField(label=_("Mobile number of the new staff member"), max_length=11,
                             widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
                             help_text=_("They must have signed up already."))


class ReasonForm(forms.Form):
    """The reason asked for on the admin's intermediate page."""

    reason = forms.CharField(label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("The seller sees this."))


class CreditEventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=lambda: [
        (value, f"{label} ({rules.CREDIT_POINTS[value]:+d})") for value, label in CreditEvent.Kind.choices
        if value not in rules.SYSTEM_CREDIT_KINDS])
    reference = forms.CharField(label=_("Reference"), max_length=80, required=False,
                                help_text=_("Ticket or order number; each reference counts once."))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
