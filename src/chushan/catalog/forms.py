"""Console forms: they only parse what a seller typed; the services decide what is acceptable."""

from django import forms
from django.utils.translation import gettext_lazy as _

from chushan.catalog import rules, selectors
from chushan.catalog.models import Product
from chushan.core.errors import ApplicationError
from chushan.heritage.models import HeritageItem, RegionalBrand

NO_CHOICE = _("— none —")


def _choices(queryset):
    return [("", NO_CHOICE)] + [(obj.pk, obj.display_name) for obj in queryset]


class ProductBasicsForm(forms.Form):
    """Screen 1 of listing a product, and the basics section of the edit page."""

    name = forms.CharField(label=_("Product name"), max_length=120)
    category = forms.TypedChoiceField(label=_("Category"), coerce=int)
    kind = forms.ChoiceField(label=_("Kind"), choices=Product.Kind.choices, initial=Product.Kind.FINISHED,
                             widget=forms.RadioSelect)
    unit = forms.CharField(label=_("Unit"), max_length=10, initial="件",
                           help_text=_("What one item is: 件, 盒, 斤, 位 …"))
    subtitle = forms.CharField(label=_("One-line description"), max_length=200, required=False)
    heritage_item = forms.TypedChoiceField(label=_("Heritage item"), coerce=int, required=False, empty_value=None)
    brand = forms.TypedChoiceField(label=_("Regional public brand"), coerce=int, required=False, empty_value=None)
    story = forms.CharField(label=_("Story"), widget=forms.Textarea(attrs={"rows": 5}), required=False,
                            max_length=10000, help_text=_("Who made it, how, and from what."))
    name_en = forms.CharField(label=_("English name"), max_length=160, required=False)
    story_en = forms.CharField(label=_("English story"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                               max_length=10000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Choose a category"))] + selectors.category_choices()
        self.fields["heritage_item"].choices = _choices(HeritageItem.objects.order_by("name"))
        self.fields["brand"].choices = _choices(RegionalBrand.objects.order_by("name"))

    @classmethod
    def initial_for(cls, product: Product) -> dict:
        return {"name": product.name, "category": product.category_id, "kind": product.kind, "unit": product.unit,
                "subtitle": product.subtitle, "heritage_item": product.heritage_item_id, "brand": product.brand_id,
                "story": product.story, "name_en": product.name_en, "story_en": product.story_en}

    def product_fields(self) -> dict:
        """The cleaned values under the service's field names (ProductData)."""
        data = self.cleaned_data
        return {"name": data["name"], "category_id": data["category"], "kind": data["kind"], "unit": data["unit"],
                "subtitle": data["subtitle"], "heritage_item_id": data["heritage_item"],
                "brand_id": data["brand"], "story": data["story"], "name_en": data["name_en"],
                "story_en": data["story_en"]}


class SkuRowForm(forms.Form):
    """One SKU row, typed on a phone: the options as text ("250g", or "颜色: 靛蓝; 尺寸: 大")."""

    options = forms.CharField(label=_("Option"), max_length=200, required=False,
                              help_text=_('Such as 250g, or 颜色: 靛蓝; 尺寸: 大'))
    price = forms.CharField(label=_("Price (¥)"), max_length=20)
    code = forms.CharField(label=_("SKU code"), max_length=40, required=False,
                           help_text=_("Leave empty to number it automatically."))
    is_active = forms.BooleanField(label=_("On sale"), required=False, initial=True)

    def clean_options(self):
        try:
            return rules.sku_options_from_text(self.cleaned_data["options"])
        except rules.InvalidValue as exc:
            raise forms.ValidationError(exc.message) from None

    def clean_price(self):
        try:
            return rules.price_parse(self.cleaned_data["price"])
        except rules.InvalidValue as exc:
            raise forms.ValidationError(exc.message) from None


class ClaimsForm(forms.Form):
    claims = forms.MultipleChoiceField(label=_("Claims"), required=False, widget=forms.CheckboxSelectMultiple,
                                       choices=[(c.value, rules.CLAIM_LABELS[c]) for c in rules.Claim])


class ImageUploadForm(forms.Form):
    image = forms.FileField(label=_("Picture"), help_text=_("JPEG, PNG, WebP or GIF."))
    alt = forms.CharField(label=_("What it shows"), max_length=120, required=False)


class DelistForm(forms.Form):
    reason = forms.CharField(label=_("Reason for delisting"), max_length=300,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("The seller sees this reason."))


def add_application_error(form: forms.Form, exc: ApplicationError, *, rename: dict | None = None) -> None:
    """Show a refused use case on a form: field errors on their fields, the message on top."""
    placed = False
    for field, messages in exc.errors.items():
        name = (rename or {}).get(field, field)
        for message in messages:
            if name in form.fields:
                form.add_error(name, message)
                placed = True
    if not placed:
        form.add_error(None, str(exc.message))
