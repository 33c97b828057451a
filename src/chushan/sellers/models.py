"""Sellers, their admission (准入), certificates, audit trail and credit record (信用)."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from chushan.core.querysets import SellerScopedQuerySet
from chushan.heritage.models import ListLevel


class SellerQuerySet(models.QuerySet):
    def admitted(self):
        return self.filter(status=Seller.Status.ADMITTED)

    def for_member(self, user):
        """The seller a user belongs to, as a queryset (empty for shoppers)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(memberships__user=user)


class Seller(models.Model):
    class EntityType(models.TextChoices):
        ENTERPRISE = "enterprise", _("enterprise")
        COOPERATIVE = "cooperative", _("farmers' cooperative")
        INHERITOR = "inheritor", _("individual heritage inheritor")
        HOUSEHOLD = "household", _("farming household")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("awaiting review")
        ADMITTED = "admitted", _("admitted")
        REJECTED = "rejected", _("rejected")
        SUSPENDED = "suspended", _("suspended")

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    entity_type = models.CharField(_("entity type"), max_length=20, choices=EntityType.choices)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, null=True, blank=True,
                                   unique=True, help_text=_("统一社会信用代码, 18 characters (GB 32100)."))
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="sellers",
                               verbose_name=_("county"))
    address = models.CharField(_("address"), max_length=200)
    contact_name = models.CharField(_("contact person"), max_length=50)
    contact_mobile = models.CharField(_("contact mobile"), max_length=11)
    story = models.TextField(_("story"), blank=True)
    story_en = models.TextField(_("English story"), blank=True)
    ethnic_group = models.ForeignKey("heritage.EthnicGroup", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="sellers", verbose_name=_("ethnic group"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    credit_score = models.IntegerField(_("credit score"), default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    admitted_at = models.DateTimeField(_("admitted"), null=True, blank=True)

    objects = SellerQuerySet.as_manager()

    class Meta:
        verbose_name = _("seller")
        verbose_name_plural = _("sellers")
        ordering = ["name"]
        permissions = [
            ("review_seller", _("Can review seller admission and certificates")),
            ("suspend_seller", _("Can suspend and reinstate sellers")),
            ("record_credit_event", _("Can record credit events")),
        ]
        constraints = [
            # Enterprises and cooperatives are registered bodies and always have a credit code.
            models.CheckConstraint(
                condition=Q(entity_type__in=["inheritor", "household"]) | Q(credit_code__isnull=False),
                name="seller_registered_body_has_credit_code"),
            models.CheckConstraint(condition=Q(credit_score__gte=0) & Q(credit_score__lte=1000),
                                   name="seller_credit_score_range"),
            models.CheckConstraint(condition=Q(contact_mobile__regex=r"^1[3-9][0-9]{9}$"),
                                   name="seller_contact_mobile_mainland"),
            models.CheckConstraint(condition=Q(credit_code__isnull=True)
                                   | Q(credit_code__regex=r"^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$"),
                                   name="seller_credit_code_shape"),
            models.CheckConstraint(condition=~Q(status__in=["admitted", "suspended"]) | Q(admitted_at__isnull=False),
                                   name="seller_admitted_has_date"),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("storefront:seller", args=[self.slug])

    @property
    def is_admitted(self) -> bool:
        return self.status == self.Status.ADMITTED


class Membership(models.Model):
    """A user works for exactly one seller, as its owner or as staff."""

    class Role(models.TextChoices):
        OWNER = "owner", _("owner")
        STAFF = "staff", _("staff")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["seller"], condition=Q(role="owner"), name="one_owner_per_seller"),
        ]

    def __str__(self):
        return f"{self.user} @ {self.seller} ({self.role})"


class PrivateDocumentStorage(FileSystemStorage):
    """Certificate scans carry personal data, so they live outside MEDIA_ROOT and have no public URL.

    ``CHUSHAN_PRIVATE_MEDIA_ROOT`` sets the folder; by default it sits next to MEDIA_ROOT. Files are
    served only by the permission-checked console view.
    """

    @cached_property
    def base_location(self):
        configured = getattr(settings, "CHUSHAN_PRIVATE_MEDIA_ROOT", None)
        return str(configured or Path(settings.MEDIA_ROOT).parent / "private-documents")

    @cached_property
    def base_url(self):
        return None

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "CHUSHAN_PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


def private_document_storage():
    return _private_documents


_private_documents = PrivateDocumentStorage()


def certificate_upload_to(instance, filename):
    # Never keep the uploader's file name: it may be anything, and it names a person.
    suffix = Path(filename).suffix.lower()[:5]
    return f"certificates/{instance.seller_id}/{timezone.now():%Y%m}/{uuid.uuid4().hex}{suffix}"


class CertificateQuerySet(SellerScopedQuerySet):
    def live(self, on=None):
        """Pending or approved and not past their validity: what an application can count on."""
        day = on or timezone.localdate()
        return self.filter(status__in=[Certificate.Status.PENDING, Certificate.Status.APPROVED],
                           valid_until__gte=day)


class Certificate(models.Model):
    class Kind(models.TextChoices):
        ICH_INHERITOR = "ich_inheritor", _("ICH inheritor certificate")
        HALAL = "halal", _("halal certificate")
        GREEN_FOOD = "green_food", _("green food certificate")
        ORGANIC = "organic", _("organic certificate")
        GEOGRAPHIC_INDICATION = "geographic_indication", _("geographic indication licence")
        BRAND_LICENCE = "brand_licence", _("regional public brand licence")
        BUSINESS_LICENCE = "business_licence", _("business licence")

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting review")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        EXPIRED = "expired", _("expired")
        REVOKED = "revoked", _("revoked")

    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="certificates")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    number = models.CharField(_("certificate number"), max_length=60)
    issuer = models.CharField(_("issued by"), max_length=120)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    document = models.FileField(_("scan of the certificate"), upload_to=certificate_upload_to, blank=True,
                                storage=private_document_storage)
    ich_level = models.PositiveSmallIntegerField(_("inheritor level"), choices=ListLevel.choices,
                                                 null=True, blank=True)
    heritage_item = models.ForeignKey("heritage.HeritageItem", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="certificates", verbose_name=_("heritage item"))
    brand = models.ForeignKey("heritage.RegionalBrand", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="certificates", verbose_name=_("regional brand"))
    holder_name = models.CharField(_("holder"), max_length=60, blank=True,
                                   help_text=_("The inheritor's name on an ICH certificate."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    review_reason = models.CharField(_("review note"), max_length=300, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(valid_until__gte=models.F("valid_from")),
                                   name="certificate_valid_until_after_from"),
            models.CheckConstraint(
                condition=~Q(kind="ich_inheritor") | (Q(ich_level__isnull=False) & Q(heritage_item__isnull=False)),
                name="certificate_ich_names_level_and_item"),
            models.CheckConstraint(condition=~Q(kind="brand_licence") | Q(brand__isnull=False),
                                   name="certificate_brand_licence_names_brand"),
            models.UniqueConstraint(fields=["kind", "number", "issuer"], name="certificate_unique_number"),
        ]
        indexes = [models.Index(fields=["status", "valid_until"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"

    def is_in_force(self, on=None) -> bool:
        day = on or timezone.localdate()
        return self.status == self.Status.APPROVED and self.valid_from <= day <= self.valid_until


class AdmissionDecision(models.Model):
    """The audit trail: every submission and decision on a seller or certificate. Never edited."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("application submitted")
        APPROVED = "approved", _("seller admitted")
        REJECTED = "rejected", _("application rejected")
        SUSPENDED = "suspended", _("seller suspended")
        REINSTATED = "reinstated", _("seller reinstated")
        CERTIFICATE_SUBMITTED = "certificate_submitted", _("certificate submitted")
        CERTIFICATE_APPROVED = "certificate_approved", _("certificate approved")
        CERTIFICATE_REJECTED = "certificate_rejected", _("certificate rejected")
        CERTIFICATE_REVOKED = "certificate_revoked", _("certificate revoked")
        CERTIFICATE_EXPIRED = "certificate_expired", _("certificate expired")

    seller = models.ForeignKey(Seller, on_delete=models.PROTECT, related_name="decisions")
    certificate = models.ForeignKey(Certificate, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="decisions")
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", help_text=_("Empty when the platform acted on its own."))
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("admission decision")
        verbose_name_plural = _("admission audit trail")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # A refusal or a sanction is always explained to the seller.
            models.CheckConstraint(
                condition=~Q(action__in=["rejected", "suspended", "reinstated", "certificate_rejected",
                                         "certificate_revoked"]) | ~Q(reason=""),
                name="decision_refusal_has_reason"),
            models.CheckConstraint(condition=Q(certificate__isnull=False) | ~Q(action__startswith="certificate_"),
                                   name="decision_certificate_action_names_certificate"),
        ]

    def __str__(self):
        return f"{self.seller} · {self.get_action_display()}"


class CreditEvent(models.Model):
    """One entry in a seller's credit record; the score is the rules' sum over these."""

    class Kind(models.TextChoices):
        ADMISSION = "admission", _("admitted to the platform")
        CERTIFICATE = "certificate", _("certificate verified")
        COMPLAINT_UPHELD = "complaint_upheld", _("complaint upheld")
        LATE_SHIPMENT = "late_shipment", _("late shipment")
        INSPECTION_FAILED = "inspection_failed", _("failed inspection")
        VIOLATION = "violation", _("rule violation")
        MISSED_DEADLINE = "missed_deadline", _("missed a service deadline")
        GOOD_STANDING = "good_standing", _("a quarter in good standing")

    seller = models.ForeignKey(Seller, on_delete=models.PROTECT, related_name="credit_events")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    points = models.IntegerField(_("points"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    reference = models.CharField(_("reference"), max_length=80, blank=True,
                                 help_text=_("What caused it, e.g. an order or ticket number."))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+")
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("credit event")
        verbose_name_plural = _("credit events")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One event per cause, so a retried task cannot count a complaint twice.
            models.UniqueConstraint(fields=["seller", "kind", "reference"], condition=~Q(reference=""),
                                    name="credit_event_once_per_reference"),
        ]

    def __str__(self):
        return f"{self.seller} {self.points:+d} {self.get_kind_display()}"
