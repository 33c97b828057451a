"""The search index: one narrow row per product on sale, plus the full-text index beside it.

The text index itself is not a Django field: on PostgreSQL it is the ``vector`` tsvector column of
``search_searchdocument`` with a GIN index, on SQLite the FTS5 table ``search_fts`` whose rowid is the
document's ``rank`` (see migrations/0002). Only ``services.py`` writes either.

``rank`` is a static order (higher boost first, then newer products). Both databases read matches in that
order and stop after the first thousand, so even a word found in half the catalogue costs a bounded amount.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ProductKey(models.OneToOneField):
    """The product as primary key; declared INTEGER on SQLite so that it is the table's rowid (one b-tree
    lookup per row instead of two)."""

    def db_type(self, connection):
        return "integer" if connection.vendor == "sqlite" else super().db_type(connection)


class SearchDocument(models.Model):
    """What search needs of a product on sale by an admitted seller: facet values and ranking signals.

    Kept narrow (no text) so that counting facets over many matches reads few pages. Products that are
    not on sale have no row at all.
    """

    product = ProductKey("catalog.Product", on_delete=models.CASCADE, primary_key=True,
                         related_name="search_document", verbose_name=_("product"))
    rank = models.BigIntegerField(_("static rank"), unique=True,
                                  help_text=_("Boost first, then newest: the order matches are read in."))
    category_id = models.BigIntegerField(_("category"))
    category_root_id = models.BigIntegerField(_("top category"))
    province_code = models.CharField(_("province"), max_length=6, blank=True)
    prefecture_code = models.CharField(_("prefecture"), max_length=6, blank=True)
    county_code = models.CharField(_("county"), max_length=6, blank=True)
    ethnic_group_id = models.BigIntegerField(_("ethnic group"), null=True, blank=True)
    heritage_level = models.PositiveSmallIntegerField(
        _("heritage list level"), default=0, help_text=_("Of the item a backed heritage claim names; 0 for none."))
    cert_heritage = models.BooleanField(_("backed heritage claim"), default=False)
    cert_halal = models.BooleanField(_("backed halal claim"), default=False)
    cert_brand = models.BooleanField(_("backed regional brand claim"), default=False)
    cert_green = models.BooleanField(_("backed green food claim"), default=False)
    cert_organic = models.BooleanField(_("backed organic claim"), default=False)
    min_price = models.DecimalField(_("lowest price (CNY)"), max_digits=10, decimal_places=2)
    authenticity = models.FloatField(_("authenticity signal"), default=0.0)
    credit = models.FloatField(_("credit signal"), default=0.0)
    quality = models.FloatField(_("quality signal"), default=0.0)
    boost = models.FloatField(_("ranking boost"), default=1.0)
    boost_until = models.DateField(_("boost valid until"), null=True, blank=True,
                                   help_text=_("The first day a certificate behind the boost lapses."))
    digest = models.BigIntegerField(_("digest"), default=0,
                                    help_text=_("Of everything indexed, so a rebuild skips what has not changed."))

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        # Filters are index terms too (query.facet_token), so the facet columns need no indexes of their own.
        indexes = [
            models.Index(fields=["boost_until"], name="search_doc_boost_until", condition=Q(boost_until__isnull=False)),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(heritage_level__gte=0) & Q(heritage_level__lte=4),
                                   name="search_doc_heritage_level_range"),
            models.CheckConstraint(condition=Q(min_price__gt=0), name="search_doc_price_positive"),
            models.CheckConstraint(condition=Q(authenticity__gte=0) & Q(authenticity__lte=1) & Q(credit__gte=0)
                                   & Q(credit__lte=1) & Q(quality__gte=0) & Q(quality__lte=1),
                                   name="search_doc_signals_unit_range"),
            models.CheckConstraint(condition=Q(boost__gte=1), name="search_doc_boost_at_least_one"),
        ]

    def __str__(self):
        return f"search document {self.product_id}"


class SearchTerm(models.Model):
    """The vocabulary of indexed words with their pinyin, for "did you mean" when a query finds nothing."""

    term = models.CharField(_("word"), max_length=60, unique=True)
    pinyin = models.CharField(_("pinyin"), max_length=200, db_index=True)
    documents = models.PositiveIntegerField(_("products with this word"), default=1)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self):
        return self.term
