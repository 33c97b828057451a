"""The platform's own words, stored as a code with parameters and translated when shown, so every reader sees
them in their own language (what a person typed is stored as typed). Each app keeps its catalogue, a dict of
code -> gettext_lazy message with %(name)s placeholders; these helpers render and check against it."""

from collections.abc import Mapping


def render(catalogue: Mapping, code: str, params: dict | None, fallback: str = "") -> str:
    """The message for ``code`` in the active language; ``fallback`` (the stored text) for an unknown or empty
    code, which is what rows written before codes existed carry. A parameter given as ``{"code": ..., "params":
    ...}`` is itself a message of the same catalogue, translated too."""
    message = catalogue.get(code or "")
    if message is None:
        return fallback
    try:
        return str(message) % {name: _param(catalogue, value) for name, value in (params or {}).items()}
    except (AttributeError, KeyError, TypeError, ValueError):
        # A catalogue entry and its stored parameters no longer fit: show what we have rather than fail a page.
        return fallback or str(message)


def _param(catalogue: Mapping, value):
    if isinstance(value, dict) and "code" in value:
        return render(catalogue, value["code"], value.get("params"), fallback=str(value.get("text", "")))
    return value


def check(catalogue: Mapping, code: str, *, what: str = "message") -> str:
    """``code`` if the catalogue knows it (or it is empty); a programming error otherwise, raised before
    anything is written."""
    if code and code not in catalogue:
        raise ValueError(f"unknown {what} code {code!r}")
    return code


# Catalogues other apps' records may name: a record in one app (a stock ledger line) can give a reason in
# another app's words (why an order was cancelled) as "namespace:code", without importing that app.
_CATALOGUES: dict[str, Mapping] = {}


def register(namespace: str, catalogue: Mapping) -> None:
    """Let records anywhere name this catalogue's messages as "namespace:code" (called from an app's ready())."""
    _CATALOGUES[namespace] = catalogue


def named(namespace: str, code: str) -> str:
    """The name another app stores for ``code`` of the catalogue registered as ``namespace`` ("" for no code)."""
    return check_named(f"{namespace}:{code}") if code else ""


def check_named(name: str) -> str:
    """``name`` ("namespace:code") if a registered catalogue knows it (or it is empty); a programming error
    otherwise, raised before anything is written."""
    namespace, _sep, code = name.partition(":")
    if name and code not in _CATALOGUES.get(namespace, {}):
        raise ValueError(f"unknown message {name!r}")
    return name


def render_named(name: str, params: dict | None, fallback: str = "") -> str:
    """The message ``name`` names, in the active language; ``fallback`` (the stored text) when it names none."""
    namespace, _sep, code = (name or "").partition(":")
    catalogue = _CATALOGUES.get(namespace)
    return render(catalogue, code, params, fallback) if catalogue is not None else fallback
