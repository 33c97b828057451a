"""Traceability (追溯): GS1 keys a seller owns, lots and serials, EPCIS events, and their hash chain.

Events, chain records and anchors are append-only: nothing in the platform updates or deletes them (the
query sets and ``save`` refuse), and a correction is a new event carrying an ``errorDeclaration``.  The
hash chain lets ``verify_trace`` and the public scan page notice anything changed behind the platform's back.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chushan.core.querysets import SellerScopedQuerySet

# GS1 AI (10)/(21) values: 1-20 characters of GS1 character set 82, so never Chinese characters.
CSET82 = r'^[!"%-?A-Z_a-z]{1,20}$'
EVENT_HASH_ID = r"^ni:///sha-256;[0-9a-f]{64}\?ver=CBV2\.0$"
HEX64 = r"^[0-9a-f]{64}$"
EVENT_TYPES = ["ObjectEvent", "AggregationEvent", "TransformationEvent", "AssociationEvent", "TransactionEvent"]
EPC_ROLES = ["epc", "parent", "child", "input", "output", "class", "child_class", "input_class", "output_class"]


class AppendOnlyError(RuntimeError):
    """Raised on any attempt to change or remove a trace record through the ORM."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only; record a new event instead.")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only; record a new event instead.")


class AppendOnlyModel(models.Model):
    """Rows are inserted once (``save`` on a new row or ``bulk_create``) and never changed."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} rows are append-only.")


class CompanyPrefix(models.Model):
    """A GS1 company prefix (厂商识别代码) licensed to a seller; GTINs, GLNs and SSCCs under it are the seller's."""

    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="company_prefixes",
                               verbose_name=_("seller"))
    prefix = models.CharField(_("GS1 company prefix"), max_length=12, unique=True)
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    objects = SellerScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("GS1 company prefix")
        verbose_name_plural = _("GS1 company prefixes")
        ordering = ["prefix"]
        constraints = [
            models.CheckConstraint(condition=Q(prefix__regex=r"^[0-9]{6,12}$"), name="company_prefix_6_to_12_digits"),
        ]

    def __str__(self):
        return self.prefix


class Site(models.Model):
    """A place identified by a GLN where events happen: a tea garden, a workshop, a warehouse, a shop."""

    class Kind(models.TextChoices):
        FARM = "farm", _("farm, garden or pasture")
        WORKSHOP = "workshop", _("workshop or processing plant")
        WAREHOUSE = "warehouse", _("warehouse")
        SHOP = "shop", _("shop")
        LAB = "lab", _("inspection laboratory")
        OTHER = "other", _("other")

    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="trace_sites",
                               verbose_name=_("seller"))
    gln = models.CharField(_("GLN"), max_length=13, unique=True,
                           help_text=_("GS1 Global Location Number, 13 digits with its check digit."))
    name = models.CharField(_("name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="trace_sites", verbose_name=_("county"))
    address = models.CharField(_("address"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    objects = SellerScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("traceability site")
        verbose_name_plural = _("traceability sites")
        ordering = ["seller_id", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(gln__regex=r"^[0-9]{13}$"), name="site_gln_13_digits"),
            models.CheckConstraint(condition=~Q(name=""), name="site_name_not_empty"),
        ]

    def __str__(self):
        return f"{self.name} ({self.gln})"


class Lot(models.Model):
    """A batch (批次) of one product, GS1 AI (10), with its platform trace code (追溯码)."""

    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="lots",
                               verbose_name=_("seller"))
    gtin = models.CharField(_("GTIN"), max_length=14)
    sku = models.ForeignKey("catalog.Sku", on_delete=models.SET_NULL, null=True, blank=True, related_name="lots",
                            verbose_name=_("SKU"))
    code = models.CharField(_("lot number"), max_length=20,
                            help_text=_("Up to 20 letters, digits and - . / _ (GS1 AI 10); no Chinese characters."))
    trace_code = models.CharField(_("trace code (追溯码)"), max_length=20, unique=True)
    produced_on = models.DateField(_("harvested or made on"), null=True, blank=True)
    expires_on = models.DateField(_("best before"), null=True, blank=True)
    ilmd = models.JSONField(_("lot master data (ILMD)"), default=dict, blank=True)
    origin = models.ForeignKey(Site, on_delete=models.PROTECT, null=True, blank=True, related_name="lots",
                               verbose_name=_("origin"))
    created_at = models.DateTimeField(_("registered"), default=timezone.now)

    objects = SellerScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["gtin", "code"], name="lot_unique_per_gtin"),
            models.CheckConstraint(condition=Q(gtin__regex=r"^[0-9]{14}$"), name="lot_gtin_14_digits"),
            models.CheckConstraint(condition=Q(code__regex=CSET82), name="lot_code_gs1_cset82"),
            models.CheckConstraint(condition=Q(trace_code__regex=r"^[0-9A-Z]{8,20}$"), name="lot_trace_code_shape"),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(produced_on__isnull=True)
                | Q(expires_on__gte=F("produced_on")), name="lot_expires_after_produced"),
        ]
        indexes = [models.Index(fields=["seller", "-created_at"])]

    def __str__(self):
        return f"{self.gtin} / {self.code}"


class Serial(models.Model):
    """One serialised item (GS1 AI 21), such as a halal beef carcass part or an embroidered piece."""

    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="serials",
                               verbose_name=_("seller"))
    gtin = models.CharField(_("GTIN"), max_length=14)
    serial = models.CharField(_("serial number"), max_length=20)
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, null=True, blank=True, related_name="serials",
                            verbose_name=_("lot"))
    created_at = models.DateTimeField(_("registered"), default=timezone.now)

    objects = SellerScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("serial")
        verbose_name_plural = _("serials")
        ordering = ["gtin", "serial"]
        constraints = [
            models.UniqueConstraint(fields=["gtin", "serial"], name="serial_unique_per_gtin"),
            models.CheckConstraint(condition=Q(gtin__regex=r"^[0-9]{14}$"), name="serial_gtin_14_digits"),
            models.CheckConstraint(condition=Q(serial__regex=CSET82), name="serial_gs1_cset82"),
        ]

    def __str__(self):
        return f"{self.gtin} / {self.serial}"


class CaptureJob(models.Model):
    """One EPCIS capture request (POST /epcis/capture, the console or the platform itself)."""

    class State(models.TextChoices):
        SUCCEEDED = "succeeded", _("all events captured")
        PARTIAL = "partial", _("some events captured, some refused")
        FAILED = "failed", _("no event captured")

    class Behaviour(models.TextChoices):
        ROLLBACK = "rollback", _("all or nothing")
        PROCEED = "proceed", _("keep the good events")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="capture_jobs",
                               verbose_name=_("seller"))
    captured_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("captured by"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices)
    behaviour = models.CharField(_("on error"), max_length=10, choices=Behaviour.choices,
                                 default=Behaviour.ROLLBACK)
    event_count = models.PositiveIntegerField(_("events sent"), default=0)
    captured_count = models.PositiveIntegerField(_("events captured"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = SellerScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("capture job")
        verbose_name_plural = _("capture jobs")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(captured_count__lte=F("event_count")),
                                   name="capture_job_captured_within_sent"),
        ]

    def __str__(self):
        return str(self.id)


class TraceEventQuerySet(AppendOnlyQuerySet, SellerScopedQuerySet):
    pass


class TraceEvent(AppendOnlyModel):
    """An EPCIS 2.0 event as captured (JSON-LD text), with the server's eventID and recordTime in it.

    ``event_id`` is the CBV 2.0 Event Hash ID of ``body``; the other columns copy fields of ``body`` so that
    queries need no JSON parsing.  An error declaration repeats the declared event's ID (CBV hashes exclude
    ``errorDeclaration``), so the pair (event_id, declares_error) is what is unique.
    """

    class Type(models.TextChoices):
        OBJECT = "ObjectEvent", "ObjectEvent"
        AGGREGATION = "AggregationEvent", "AggregationEvent"
        TRANSFORMATION = "TransformationEvent", "TransformationEvent"
        ASSOCIATION = "AssociationEvent", "AssociationEvent"
        TRANSACTION = "TransactionEvent", "TransactionEvent"

    class Source(models.TextChoices):
        API = "api", _("EPCIS interface")
        CONSOLE = "console", _("seller console")
        PLATFORM = "platform", _("platform operations")
        INSPECTOR = "inspector", _("inspector's console")

    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="trace_events",
                               verbose_name=_("seller"))
    event_id = models.CharField(_("event ID"), max_length=100)
    declares_error = models.BooleanField(_("error declaration"), default=False)
    event_type = models.CharField(_("event type"), max_length=20, choices=Type.choices)
    event_time = models.DateTimeField(_("event time"))
    event_time_zone_offset = models.CharField(_("time zone offset"), max_length=6)
    record_time = models.DateTimeField(_("record time"))
    action = models.CharField(_("action"), max_length=8, blank=True)
    biz_step = models.CharField(_("business step"), max_length=200, blank=True)
    disposition = models.CharField(_("disposition"), max_length=200, blank=True)
    read_point = models.CharField(_("read point"), max_length=300, blank=True)
    biz_location = models.CharField(_("business location"), max_length=300, blank=True)
    body = models.TextField(_("event (JSON-LD)"))
    source = models.CharField(_("captured through"), max_length=10, choices=Source.choices, default=Source.API)
    capture_job = models.ForeignKey(CaptureJob, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="events", verbose_name=_("capture job"))

    objects = TraceEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("trace event")
        verbose_name_plural = _("trace events")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["event_id", "declares_error"], name="trace_event_unique_id"),
            models.CheckConstraint(condition=Q(event_id__regex=EVENT_HASH_ID), name="trace_event_id_is_hash_id"),
            models.CheckConstraint(condition=Q(action__in=["", "ADD", "OBSERVE", "DELETE"]),
                                   name="trace_event_action_known"),
            models.CheckConstraint(condition=Q(event_type__in=EVENT_TYPES),
                                   name="trace_event_type_known"),
            models.CheckConstraint(condition=~Q(body=""), name="trace_event_body_not_empty"),
        ]
        indexes = [
            models.Index(fields=["event_time"]),
            models.Index(fields=["record_time"]),
            models.Index(fields=["biz_step"]),
            models.Index(fields=["read_point"]),
            models.Index(fields=["biz_location"]),
            models.Index(fields=["seller", "record_time"]),
        ]

    def __str__(self):
        return self.event_id


class EventEpc(models.Model):
    """Query index: each identifier an event names, in its canonical Digital Link form, and its role."""

    class Role(models.TextChoices):
        EPC = "epc", "epcList"
        PARENT = "parent", "parentID"
        CHILD = "child", "childEPCs"
        INPUT = "input", "inputEPCList"
        OUTPUT = "output", "outputEPCList"
        CLASS = "class", "quantityList"
        CHILD_CLASS = "child_class", "childQuantityList"
        INPUT_CLASS = "input_class", "inputQuantityList"
        OUTPUT_CLASS = "output_class", "outputQuantityList"

    event = models.ForeignKey(TraceEvent, on_delete=models.PROTECT, related_name="epcs")
    role = models.CharField(max_length=12, choices=Role.choices)
    epc = models.CharField(max_length=300)
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, null=True, blank=True, related_name="event_epcs")

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("event identifier")
        verbose_name_plural = _("event identifiers")
        constraints = [
            models.CheckConstraint(condition=Q(role__in=EPC_ROLES), name="event_epc_role_known"),
        ]
        indexes = [models.Index(fields=["epc", "role"]), models.Index(fields=["lot", "role"])]

    def __str__(self):
        return f"{self.role}: {self.epc}"


class ChainHead(models.Model):
    """The latest record of a seller's chain; locking this row serialises appends to that chain."""

    seller = models.OneToOneField("sellers.Seller", on_delete=models.PROTECT, primary_key=True,
                                  related_name="chain_head")
    seq = models.PositiveBigIntegerField(default=0)
    digest = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("chain head")
        verbose_name_plural = _("chain heads")
        constraints = [models.CheckConstraint(condition=Q(digest__regex=HEX64), name="chain_head_digest_hex")]

    def __str__(self):
        return f"{self.seller_id}#{self.seq}"


class ChainRecord(AppendOnlyModel):
    """One link of a seller's hash chain: commits to the previous digest, the Event Hash ID, the record time
    and the event's body seal (SHA-256 of its stored JSON text; empty on records written before the seal)."""

    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="chain_records")
    seq = models.PositiveBigIntegerField(_("sequence number"))
    prev_digest = models.CharField(_("previous digest"), max_length=64)
    event = models.OneToOneField(TraceEvent, on_delete=models.PROTECT, related_name="chain_record")
    event_hash_id = models.CharField(_("committed event ID"), max_length=200)
    record_time = models.DateTimeField(_("record time"))
    digest = models.CharField(_("digest"), max_length=64)
    body_seal = models.CharField(_("seal of the stored event"), max_length=64, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("chain record")
        verbose_name_plural = _("chain records")
        ordering = ["seller_id", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["seller", "seq"], name="chain_record_unique_seq"),
            models.CheckConstraint(condition=Q(seq__gte=1), name="chain_record_seq_from_one"),
            models.CheckConstraint(condition=Q(digest__regex=HEX64), name="chain_record_digest_hex"),
            models.CheckConstraint(condition=Q(prev_digest__regex=HEX64), name="chain_record_prev_digest_hex"),
            models.CheckConstraint(condition=Q(body_seal="") | Q(body_seal__regex=HEX64),
                                   name="chain_record_body_seal_hex"),
        ]

    def __str__(self):
        return f"{self.seller_id}#{self.seq}"


class ChainAnchor(AppendOnlyModel):
    """The Merkle root (RFC 6962) of one seller's chain records of one day, published on the anchors page."""

    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="chain_anchors",
                               verbose_name=_("seller"))
    day = models.DateField(_("day"))
    root = models.CharField(_("Merkle root"), max_length=64)
    first_seq = models.PositiveBigIntegerField(_("first record"))
    last_seq = models.PositiveBigIntegerField(_("last record"))
    head_digest = models.CharField(_("digest of the last record"), max_length=64)
    published_at = models.DateTimeField(_("published"), default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("chain anchor")
        verbose_name_plural = _("chain anchors")
        ordering = ["-day", "seller_id"]
        constraints = [
            models.UniqueConstraint(fields=["seller", "day"], name="chain_anchor_one_per_day"),
            models.CheckConstraint(condition=Q(last_seq__gte=F("first_seq")), name="chain_anchor_range"),
            models.CheckConstraint(condition=Q(root__regex=HEX64), name="chain_anchor_root_hex"),
        ]

    def __str__(self):
        return f"{self.seller_id} {self.day}: {self.root}"

    @property
    def record_count(self) -> int:
        return self.last_seq - self.first_seq + 1


class ChainCheck(models.Model):
    """The latest full verification (``verify_trace``) of one seller's chain, shown on the public anchors page.

    Not evidence itself: it says when the platform last re-hashed the chain and, if it failed, the first broken
    record. ``reason`` keeps the English message, translated when shown.
    """

    seller = models.OneToOneField("sellers.Seller", on_delete=models.CASCADE, primary_key=True,
                                  related_name="chain_check", verbose_name=_("seller"))
    checked_at = models.DateTimeField(_("checked at"))
    records = models.PositiveBigIntegerField(_("records checked"), default=0)
    intact = models.BooleanField(_("intact"))
    broken_seq = models.PositiveBigIntegerField(_("first broken record"), null=True, blank=True)
    broken_event_id = models.CharField(_("event of the first broken record"), max_length=200, blank=True)
    reason = models.CharField(_("why it is broken"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("chain check")
        verbose_name_plural = _("chain checks")
        constraints = [
            models.CheckConstraint(condition=Q(intact=True, reason="", broken_seq__isnull=True)
                                   | Q(intact=False) & ~Q(reason=""), name="chain_check_broken_has_reason"),
        ]

    def __str__(self):
        return f"{self.seller_id}: {'intact' if self.intact else self.reason}"


class LotSale(AppendOnlyModel):
    """Goods of a lot handed to a shopper (shipped, picked up, sold over the counter): who to tell in a recall.

    Kept apart from the public events, which never name a shopper.
    """

    class Kind(models.TextChoices):
        SHIPPED = "shipped", _("shipped in an order")
        PICKED_UP = "picked_up", _("picked up")
        SOLD = "sold", _("sold in a shop")

    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="sales")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    reference = models.CharField(_("order or sale reference"), max_length=64)
    shopper = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("shopper"))
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3, null=True, blank=True)
    location_gln = models.CharField(_("location GLN"), max_length=13, blank=True)
    event = models.ForeignKey(TraceEvent, on_delete=models.PROTECT, related_name="sales")
    occurred_at = models.DateTimeField(_("when"))

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("lot sale")
        verbose_name_plural = _("lot sales")
        ordering = ["occurred_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["lot", "event", "reference"], name="lot_sale_once_per_event"),
            models.CheckConstraint(condition=Q(quantity__isnull=True) | Q(quantity__gt=0),
                                   name="lot_sale_quantity_positive"),
        ]
        # The platform looks an operation up by its reference before attributing it (services/platform.py).
        indexes = [models.Index(fields=["reference"], name="lot_sale_by_reference")]

    def __str__(self):
        return f"{self.lot_id} → {self.reference}"


class Recall(models.Model):
    """A seller's or operator's recall of a lot; the shoppers it reached are told through the notifier."""

    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="recalls", verbose_name=_("lot"))
    reason = models.CharField(_("reason"), max_length=300)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("started by"))
    lots_reached = models.PositiveIntegerField(_("lots reached"), default=0)
    shoppers_notified = models.PositiveIntegerField(_("shoppers notified"), default=0)
    created_at = models.DateTimeField(_("started"), default=timezone.now)

    class Meta:
        verbose_name = _("recall")
        verbose_name_plural = _("recalls")
        ordering = ["-created_at"]
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="recall_has_reason")]

    def __str__(self):
        return f"{self.lot} ({self.created_at:%Y-%m-%d})"


class LotBalance(models.Model):
    """Units of one lot received at one location (stock receipts) and how many of them the platform has since
    attributed to shipments, pick-ups and counter sales there, oldest receipt first (先进先出).

    A working table, not evidence: the receiving and selling events themselves are in the chain. Only the
    platform's event recorder writes it, under the seller's chain-head lock, so one seller's rows change one
    operation at a time.
    """

    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("seller"))
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="balances", verbose_name=_("lot"))
    location_gln = models.CharField(_("location GLN"), max_length=13)
    uom = models.CharField(_("unit"), max_length=10, default="EA")
    received = models.DecimalField(_("received"), max_digits=14, decimal_places=3)
    attributed = models.DecimalField(_("attributed to sales"), max_digits=14, decimal_places=3, default=0)
    first_received_at = models.DateTimeField(_("first received"))

    class Meta:
        verbose_name = _("lot balance")
        verbose_name_plural = _("lot balances")
        ordering = ["first_received_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["lot", "location_gln", "uom"], name="lot_balance_one_per_place"),
            models.CheckConstraint(condition=Q(location_gln__regex=r"^[0-9]{13}$"), name="lot_balance_gln_13_digits"),
            models.CheckConstraint(condition=Q(received__gt=0), name="lot_balance_received_positive"),
            models.CheckConstraint(condition=Q(attributed__gte=0) & Q(attributed__lte=F("received")),
                                   name="lot_balance_attributed_within_received"),
        ]
        indexes = [models.Index(fields=["seller", "location_gln", "first_received_at"],
                                name="lot_balance_fifo")]

    def __str__(self):
        return f"{self.lot_id} @ {self.location_gln}: {self.attributed}/{self.received} {self.uom}"

    @property
    def rest(self):
        return self.received - self.attributed


class InspectorAccess(models.Model):
    """A seller lets an inspector or laboratory (an account that is not the seller's) record inspections of its
    lots from the phone console; the events go into the seller's chain under the organisation's name."""

    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="inspector_accesses",
                               verbose_name=_("seller"))
    inspector = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inspections_for",
                                  verbose_name=_("inspector"))
    organisation = models.CharField(_("inspector or laboratory"), max_length=80)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("granted by"))
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = SellerScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspector access")
        verbose_name_plural = _("inspector accesses")
        ordering = ["-granted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["seller", "inspector"], condition=Q(revoked_at__isnull=True),
                                    name="inspector_access_one_active"),
            models.CheckConstraint(condition=~Q(organisation=""), name="inspector_access_has_organisation"),
        ]

    def __str__(self):
        return f"{self.organisation} → {self.seller_id}"
