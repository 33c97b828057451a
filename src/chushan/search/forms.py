"""The search page's query string, parsed; the selectors decide which filters name something real."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from chushan.heritage.models import ListLevel
from chushan.search import query, rules, selectors

KEY = r"^[A-Za-z0-9_-]{1,80}$"


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, strip=True)
    category = forms.RegexField(regex=KEY, required=False)
    region = forms.RegexField(regex=r"^[1-9][0-9]{5}$", required=False)
    ethnic_group = forms.RegexField(regex=KEY, required=False)
    heritage_level = forms.TypedChoiceField(choices=[(v, v) for v in ListLevel.values], coerce=int, required=False,
                                            empty_value=None)
    certified = forms.ChoiceField(choices=[(c, c) for c in rules.CERTIFICATIONS], required=False)
    price_min = forms.DecimalField(label=_("From ¥"), min_value=Decimal("0"), max_digits=10, decimal_places=2,
                                   required=False)
    price_max = forms.DecimalField(label=_("To ¥"), min_value=Decimal("0"), max_digits=10, decimal_places=2,
                                   required=False)
    sort = forms.ChoiceField(choices=list(selectors.SORTS.items()), required=False)
    page = forms.IntegerField(min_value=1, max_value=selectors.MAX_OFFSET // selectors.PAGE_SIZE + 1, required=False)

    def clean_q(self) -> str:
        # The box allows 100 characters; a longer pasted text is cut rather than refused.
        return self.cleaned_data["q"].replace("\x00", "")[:query.MAX_QUERY_CHARS]

    def filter_values(self) -> dict:
        """The filter fields that parsed, for selectors.search_filters_build."""
        data = getattr(self, "cleaned_data", {})
        names = ("category", "region", "ethnic_group", "heritage_level", "certified", "price_min", "price_max")
        return {name: data[name] for name in names if data.get(name) not in (None, "")}
