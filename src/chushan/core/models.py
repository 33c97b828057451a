"""Platform-wide records that belong to no domain: the responses kept for Idempotency-Key replays."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IdempotencyRecord(models.Model):
    """A POST answered under an `Idempotency-Key`: the same key and request get this response again.

    The body is kept as the exact text first sent (jsonb would reorder its keys). A record exists only once
    its request succeeded: the claim, the use case and the stored response commit together.
    """

    key = models.CharField(_("idempotency key"), max_length=255)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="+")
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    fingerprint = models.CharField(_("request fingerprint"), max_length=64,
                                   help_text=_("SHA-256 of the canonical request body."))
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_content_type = models.CharField(max_length=100, blank=True)
    response_body = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("idempotency record")
        verbose_name_plural = _("idempotency records")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_user_key_unique"),
            # NULLs are distinct in a unique index, so anonymous callers need their own.
            models.UniqueConstraint(fields=["key"], condition=Q(user__isnull=True),
                                    name="idempotency_anonymous_key_unique"),
            models.CheckConstraint(condition=~Q(key=""), name="idempotency_key_not_empty"),
        ]

    def __str__(self):
        return f"{self.method} {self.path} [{self.key}]"
