"""Settings, read from the environment.

Embedded by default: SQLite in ``var/`` and tasks run eagerly. ``DATABASE_URL`` switches to PostgreSQL,
``REDIS_URL`` to Redis for cache and Celery. docs/deploy.md lists every variable.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("CHUSHAN_DATA_DIR", Path.cwd() / "var")).resolve()


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    """SECRET_KEY from the environment, or one generated once and kept in the data folder."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    if env_flag("CHUSHAN_PRODUCTION"):
        raise ImproperlyConfigured("Set SECRET_KEY (50+ random characters) when CHUSHAN_PRODUCTION is on.")
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_flag("DEBUG")
PRODUCTION = env_flag("CHUSHAN_PRODUCTION")
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "chushan.core",
    "chushan.regions",
    "chushan.accounts",
    "chushan.heritage",
    "chushan.sellers",
    "chushan.catalog",
    "chushan.inventory",
    "chushan.payments",
    "chushan.pricing",
    "chushan.orders",
    "chushan.aftersales",
    "chushan.pos",
    "chushan.trace",
    "chushan.search",
    "chushan.storefront",
    "chushan.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "chushan.config.urls"
WSGI_APPLICATION = "chushan.config.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "storefront:home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "chushan.core.context_processors.site",
            ],
        },
    },
]

# Databases ------------------------------------------------------------------------------------------
SQLITE_PATH = DATA_DIR / "chushan.sqlite3"
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": {
                # WAL lets readers and one writer work at once across server workers; IMMEDIATE makes a
                # writing transaction take the write lock up front instead of failing on upgrade.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            "TEST": {"NAME": os.environ.get("CHUSHAN_TEST_SQLITE", "")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATABASE_IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")

# Cache, Celery --------------------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    # The database cache is shared by every server worker, so rate limits hold across processes.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                          "LOCATION": "chushan_cache",
                          # Past MAX_ENTRIES (300 by default) Django culls a third of the rows, live ones too:
                          # a flood of keys would erase rate-limit counts.
                          "OPTIONS": {"MAX_ENTRIES": 50_000}}}
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", REDIS_URL or None)
CELERY_TASK_ALWAYS_EAGER = not (REDIS_URL or os.environ.get("CELERY_BROKER_URL"))
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "Asia/Shanghai"
CELERY_BEAT_SCHEDULE = {
    "expire-certificates-daily": {
        "task": "chushan.sellers.tasks.certificates_expire",
        "schedule": 24 * 3600,
    },
    "purge-old-sms-codes-hourly": {
        "task": "chushan.accounts.tasks.otp_codes_purge",
        "schedule": 3600,
    },
    "expire-stock-reservations": {
        "task": "chushan.inventory.tasks.reservations_expire",
        "schedule": 60,
    },
    "refresh-lapsed-search-boosts-daily": {
        "task": "chushan.search.tasks.search_refresh_lapsed",
        "schedule": 24 * 3600,
    },
    "order-search-table-daily": {
        "task": "chushan.search.tasks.search_table_order",
        "schedule": 24 * 3600,
    },
}

# Auth -----------------------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
     "OPTIONS": {"user_attributes": ("mobile", "display_name")}},  # our users have no username or email
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
CHUSHAN_SMS_SENDER = os.environ.get("CHUSHAN_SMS_SENDER", "chushan.accounts.sms.LogSender")
CHUSHAN_OTP_TTL_SECONDS = 300
CHUSHAN_RATE_LIMITS = {
    # (attempts, window in seconds)
    "login:mobile": (5, 900),
    "login:address": (30, 900),
    "otp:mobile": (3, 600),
    "otp:address": (20, 3600),
    "signup:address": (20, 3600),
}
# Proxies (addresses or networks, comma-separated) whose X-Forwarded-For is believed for the client address.
CHUSHAN_TRUSTED_PROXIES = env_list("CHUSHAN_TRUSTED_PROXIES", "")

# API ------------------------------------------------------------------------------------------------
NINJA_PAGINATION_CLASS = "chushan.core.pagination.BoundedLimitOffsetPagination"
NINJA_PAGINATION_MAX_LIMIT = 100

# i18n -----------------------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

# Static and media -----------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("CHUSHAN_MEDIA_ROOT", DATA_DIR / "media"))
# The embedded server hands out uploaded media itself; behind a proxy, let the proxy do it.
CHUSHAN_SERVE_MEDIA = env_flag("CHUSHAN_SERVE_MEDIA", default=not PRODUCTION)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
CHUSHAN_MAX_IMAGE_BYTES = 5 * 1024 * 1024
CHUSHAN_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

# Security -------------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"jieba": {"level": "WARNING"}},
}

# Platform -------------------------------------------------------------------------------------------
CHUSHAN_SITE_NAME = _("Chushan")
CHUSHAN_PUBLIC_BASE_URL = os.environ.get("CHUSHAN_PUBLIC_BASE_URL", "http://127.0.0.1:8000")
# How long a checkout holds stock while the shopper pays; the sweep and every stock read release it after.
CHUSHAN_RESERVATION_TTL_SECONDS = int(os.environ.get("CHUSHAN_RESERVATION_TTL_SECONDS", 900))

# Idempotency-Key (core/idempotency.py): how long a key's response is kept, and how long a duplicate waits for
# its twin still running before it gets 409.
CHUSHAN_IDEMPOTENCY_RETENTION_SECONDS = int(os.environ.get("CHUSHAN_IDEMPOTENCY_RETENTION_SECONDS", 24 * 3600))
CHUSHAN_IDEMPOTENCY_WAIT_SECONDS = float(os.environ.get("CHUSHAN_IDEMPOTENCY_WAIT_SECONDS", 10))
CELERY_BEAT_SCHEDULE["purge-idempotency-records-hourly"] = {
    "task": "chushan.core.tasks.idempotency_records_purge", "schedule": 3600}

# Payments -------------------------------------------------------------------------------------------
# An unpaid payment is closed at the provider after this long (keep it within the reservation TTL).
CHUSHAN_PAYMENT_TTL_SECONDS = int(os.environ.get("CHUSHAN_PAYMENT_TTL_SECONDS", 900))
_NOTIFY_BASE = CHUSHAN_PUBLIC_BASE_URL.rstrip("/") + "/api/v1/payments/notify/"
CHUSHAN_PAYMENT_PROVIDERS = {
    # The sandbox behaves like a real provider (pay page, signed asynchronous notifications). It is on unless
    # CHUSHAN_PRODUCTION is set, where it takes an explicit CHUSHAN_PAYMENT_SANDBOX=1.
    "sandbox": {
        "enabled": env_flag("CHUSHAN_PAYMENT_SANDBOX", default=not PRODUCTION),
        "secret": os.environ.get("CHUSHAN_PAYMENT_SANDBOX_SECRET", "") or SECRET_KEY + ":payments-sandbox",
        # Empty: notifications are handed to the notify service in-process; a URL: POSTed over HTTP.
        "notify_url": os.environ.get("CHUSHAN_PAYMENT_SANDBOX_NOTIFY_URL", ""),
        "duplicates": int(os.environ.get("CHUSHAN_PAYMENT_SANDBOX_DUPLICATES", 1)),
        "delay_seconds": int(os.environ.get("CHUSHAN_PAYMENT_SANDBOX_DELAY_SECONDS", 0)),
    },
    "alipay": {
        "enabled": bool(os.environ.get("CHUSHAN_ALIPAY_APP_ID")),
        "app_id": os.environ.get("CHUSHAN_ALIPAY_APP_ID", ""),
        "app_private_key_path": os.environ.get("CHUSHAN_ALIPAY_APP_PRIVATE_KEY_PATH", ""),
        "alipay_public_key_path": os.environ.get("CHUSHAN_ALIPAY_PUBLIC_KEY_PATH", ""),
        # Public-key-certificate mode (公钥证书模式) when these three are set instead of the public key.
        "app_cert_path": os.environ.get("CHUSHAN_ALIPAY_APP_CERT_PATH", ""),
        "alipay_cert_path": os.environ.get("CHUSHAN_ALIPAY_CERT_PATH", ""),
        "alipay_root_cert_path": os.environ.get("CHUSHAN_ALIPAY_ROOT_CERT_PATH", ""),
        "notify_url": os.environ.get("CHUSHAN_ALIPAY_NOTIFY_URL", _NOTIFY_BASE + "alipay"),
        "product": os.environ.get("CHUSHAN_ALIPAY_PRODUCT", "page"),  # page (redirect) or qr (precreate)
        "debug": env_flag("CHUSHAN_ALIPAY_DEBUG"),  # Alipay's own sandbox gateway
    },
    "wechat": {
        "enabled": bool(os.environ.get("CHUSHAN_WECHATPAY_MCHID")),
        "mchid": os.environ.get("CHUSHAN_WECHATPAY_MCHID", ""),
        "appid": os.environ.get("CHUSHAN_WECHATPAY_APPID", ""),
        "private_key_path": os.environ.get("CHUSHAN_WECHATPAY_PRIVATE_KEY_PATH", ""),
        "cert_serial_no": os.environ.get("CHUSHAN_WECHATPAY_CERT_SERIAL_NO", ""),
        "apiv3_key": os.environ.get("CHUSHAN_WECHATPAY_APIV3_KEY", ""),
        # WeChat Pay public key mode (微信支付公钥); without it, platform certificates are kept in cert_dir.
        "public_key_path": os.environ.get("CHUSHAN_WECHATPAY_PUBLIC_KEY_PATH", ""),
        "public_key_id": os.environ.get("CHUSHAN_WECHATPAY_PUBLIC_KEY_ID", ""),
        "cert_dir": os.environ.get("CHUSHAN_WECHATPAY_CERT_DIR", str(DATA_DIR / "wechatpay-certs")),
        "notify_url": os.environ.get("CHUSHAN_WECHATPAY_NOTIFY_URL", _NOTIFY_BASE + "wechat"),
    },
}
CELERY_BEAT_SCHEDULE["expire-unpaid-payments"] = {"task": "chushan.payments.tasks.payments_expire", "schedule": 60}
CELERY_BEAT_SCHEDULE["sync-pending-refunds"] = {"task": "chushan.payments.tasks.refunds_sync", "schedule": 300}
CELERY_BEAT_SCHEDULE["deliver-sandbox-notifications"] = {
    "task": "chushan.payments.tasks.sandbox_notifications_deliver", "schedule": 30}
CELERY_BEAT_SCHEDULE["purge-notification-nonces-daily"] = {
    "task": "chushan.payments.tasks.notification_nonces_purge", "schedule": 24 * 3600}

# Traceability ---------------------------------------------------------------------------------------
# Capture limits announced in GS1-EPCIS-Capture-Limit / GS1-EPCIS-Capture-File-Size-Limit (413 above them).
CHUSHAN_EPCIS_CAPTURE_LIMIT = int(os.environ.get("CHUSHAN_EPCIS_CAPTURE_LIMIT", 10_000))
CHUSHAN_EPCIS_CAPTURE_FILE_SIZE_LIMIT = int(os.environ.get("CHUSHAN_EPCIS_CAPTURE_FILE_SIZE_LIMIT", 20 * 1024 * 1024))
CHUSHAN_RECALL_NOTIFIER = os.environ.get("CHUSHAN_RECALL_NOTIFIER", "chushan.trace.notifiers.SmsNotifier")
CELERY_BEAT_SCHEDULE["anchor-trace-chains-daily"] = {"task": "chushan.trace.tasks.chain_anchors_publish",
                                                     "schedule": 24 * 3600}
CELERY_BEAT_SCHEDULE["verify-trace-chains-daily"] = {"task": "chushan.trace.tasks.chains_verify",
                                                     "schedule": 24 * 3600}

# Orders ---------------------------------------------------------------------------------------------
# An order ready for pick-up waits this many days at the shop; then it is released, restocked and refunded.
CHUSHAN_PICKUP_HOLD_DAYS = int(os.environ.get("CHUSHAN_PICKUP_HOLD_DAYS", 7))
# Who tells a shopper their order is ready for pick-up (orders/notifiers.py): the log, or an SMS adapter.
CHUSHAN_PICKUP_NOTIFIER = os.environ.get("CHUSHAN_PICKUP_NOTIFIER", "chushan.orders.notifiers.LogNotifier")
CELERY_BEAT_SCHEDULE["expire-unpaid-checkouts"] = {"task": "chushan.orders.tasks.checkouts_expire", "schedule": 60}
CELERY_BEAT_SCHEDULE["reconcile-paid-checkouts"] = {"task": "chushan.orders.tasks.checkouts_reconcile",
                                                    "schedule": 300}
CELERY_BEAT_SCHEDULE["release-uncollected-pickups"] = {"task": "chushan.orders.tasks.pickups_release_uncollected",
                                                       "schedule": 3600}

# After-sales and the counter ------------------------------------------------------------------------
# A seller decides a return request within this many hours; then the platform approves it ("approve") or takes it
# over with a ticket ("escalate"), and the seller's credit record notes the missed deadline.
CHUSHAN_RETURN_DECISION_HOURS = float(os.environ.get("CHUSHAN_RETURN_DECISION_HOURS", 48))
CHUSHAN_RETURN_MISSED_DECISION = os.environ.get("CHUSHAN_RETURN_MISSED_DECISION", "approve")
if CHUSHAN_RETURN_MISSED_DECISION not in ("approve", "escalate"):
    raise ImproperlyConfigured("Set CHUSHAN_RETURN_MISSED_DECISION to approve or escalate.")
# The owner of a customer-service ticket answers within this many hours of the shopper's last message.
CHUSHAN_TICKET_RESPONSE_HOURS = float(os.environ.get("CHUSHAN_TICKET_RESPONSE_HOURS", 24))
CELERY_BEAT_SCHEDULE["return-decisions-overdue"] = {"task": "chushan.aftersales.tasks.return_decisions_overdue",
                                                    "schedule": 300}
CELERY_BEAT_SCHEDULE["ticket-deadlines-check"] = {"task": "chushan.aftersales.tasks.ticket_deadlines_check",
                                                  "schedule": 300}
CELERY_BEAT_SCHEDULE["reconcile-counter-qr-sales"] = {"task": "chushan.pos.tasks.pos_sales_reconcile",
                                                      "schedule": 120}
