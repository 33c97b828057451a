"""The providers we can take money through, built from settings.CHUSHAN_PAYMENT_PROVIDERS."""

import json

from django.conf import settings
from django.utils.module_loading import import_string

from chushan.payments.providers.base import PaymentProvider

ADAPTERS = {
    "sandbox": "chushan.payments.providers.sandbox.SandboxProvider",
    "alipay": "chushan.payments.providers.alipay.AlipayProvider",
    "wechat": "chushan.payments.providers.wechat.WechatPayProvider",
}
_built: dict[tuple[str, str], PaymentProvider] = {}


def available() -> list[str]:
    configured = getattr(settings, "CHUSHAN_PAYMENT_PROVIDERS", {})
    return [code for code in ADAPTERS if configured.get(code, {}).get("enabled")]


def get_provider(code: str) -> PaymentProvider | None:
    """The configured provider `code`, or None when it is unknown or switched off."""
    config = getattr(settings, "CHUSHAN_PAYMENT_PROVIDERS", {}).get(code)
    if code not in ADAPTERS or not config or not config.get("enabled"):
        return None
    # Adapters load keys and build SDK clients once per configuration (tests change settings).
    cache_key = (code, json.dumps(config, sort_keys=True, default=str))
    if cache_key not in _built:
        _built[cache_key] = import_string(ADAPTERS[code])(config)
    return _built[cache_key]
