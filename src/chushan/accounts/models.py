"""People: shoppers, seller members, operators and reviewers all sign in by mobile number."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chushan.accounts.rules import OTP_MAX_ATTEMPTS

mobile_validator = RegexValidator(r"^1[3-9][0-9]{9}$", _("Enter an 11-digit mainland mobile number."))


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, mobile, password, **extra):
        if not mobile:
            raise ValueError("A user needs a mobile number.")
        user = self.model(mobile=mobile, **extra)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, mobile, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(mobile, password, **extra)

    def create_superuser(self, mobile, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(mobile, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    mobile = models.CharField(_("mobile number"), max_length=11, unique=True, validators=[mobile_validator])
    display_name = models.CharField(_("display name"), max_length=50, blank=True)
    is_staff = models.BooleanField(_("back-office access"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "mobile"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(condition=models.Q(mobile__regex=r"^1[3-9][0-9]{9}$"),
                                   name="user_mobile_mainland"),
        ]

    def __str__(self):
        return self.display_name or self.mobile[:3] + "****" + self.mobile[-4:]

    def get_full_name(self):
        return self.display_name or self.mobile

    def get_short_name(self):
        return self.display_name or self.mobile


class OneTimeCode(models.Model):
    """An SMS code; only its digest is stored, and it is spent once.

    ``consumed_at`` is set when the code is used or when a newer code for the same number and purpose
    replaces it, so at most one code per number and purpose is live (the database holds to that).
    """

    class Purpose(models.TextChoices):
        LOGIN = "login", _("sign in")
        SIGNUP = "signup", _("sign up")
        RESET = "reset", _("reset password")

    mobile = models.CharField(_("mobile number"), max_length=11, validators=[mobile_validator])
    purpose = models.CharField(_("purpose"), max_length=10, choices=Purpose.choices)
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    attempts = models.PositiveSmallIntegerField(_("wrong attempts"), default=0)
    consumed_at = models.DateTimeField(_("used or replaced"), null=True, blank=True)

    class Meta:
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")
        indexes = [models.Index(fields=["mobile", "purpose", "-created_at"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(expires_at__gt=models.F("created_at")),
                                   name="otp_expires_after_creation"),
            models.CheckConstraint(condition=models.Q(attempts__lte=OTP_MAX_ATTEMPTS), name="otp_attempts_capped"),
            models.UniqueConstraint(fields=["mobile", "purpose"], condition=models.Q(consumed_at__isnull=True),
                                    name="otp_one_live_code"),
        ]

    def __str__(self):
        return f"{self.mobile[:3]}****{self.mobile[-4:]} {self.purpose}"


class ApiToken(models.Model):
    """A bearer token for the API; only a digest is kept, the raw token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user"))
    name = models.CharField(_("name"), max_length=60)
    prefix = models.CharField(_("begins with"), max_length=8, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        indexes = [models.Index(fields=["user", "revoked_at"])]
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="apitoken_named"),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"
