"""Event Hash IDs for many events in a row, re-using the pre-hash text of field values seen before.

Each top-level field contributes a fragment of the pre-hash string that depends only on its key, its value
and the @context's prefixes.  A chain holds the same read points, business steps, dispositions and
extension values again and again, so ``PrehashMemo`` keeps each fragment once computed and only builds the
fields it has not seen (the event time, usually).  The output is identical to ``event_prehash``.
"""

import re
from collections.abc import Mapping
from datetime import UTC, datetime

from .prehash import (
    _COMMENTS,
    _NOT_GENERIC,
    _QUANTITY,
    _TYPED_LIST_BUILDERS,
    EVENT_ORDER,
    Namespaces,
    _generic_children,
    _structure,
)
from .values import scalar_text

_DICT, _LIST, _BOOL = object(), object(), object()
_ORDER = {key: (index, build) for index, (key, build) in enumerate(EVENT_ORDER)}
_ALWAYS_NEW = frozenset(("eventTime",))  # unique per event: caching it would only fill the memory
_QUANTITY_LISTS = frozenset(("quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList"))
_QUANTITY_FIELDS = frozenset(key for key, _build in _QUANTITY)
# The common shape of a timestamp: milliseconds and an offset.  Anything else goes the general way.
_PLAIN_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(?:Z|[+-]\d\d:\d\d)")


def _event_time(value: object) -> str | None:
    """'eventTime=<UTC, 3 decimals, Z>' straight from datetime's C parser for the common shape, else None."""
    if type(value) is not str or not _PLAIN_TIME.fullmatch(value):
        return None
    try:
        moment = datetime.fromisoformat(value).astimezone(UTC)
    except ValueError:
        return None
    return f"eventTime={moment:%Y-%m-%dT%H:%M:%S}.{moment.microsecond // 1000:03d}Z"


def _freeze(value: object) -> object:
    """A hashable stand-in that is equal only for values with the same pre-hash text (booleans tagged, since
    True == 1 in Python but "true" != "1" in the pre-hash)."""
    kind = type(value)
    if kind is str:
        return value
    if kind is dict:
        if len(value) == 1:  # {"id": "..."}: the common case, without a generator
            (k, v), = value.items()
            return (_DICT, (k, v if type(v) is str else _freeze(v)))
        return (_DICT, *((k, _freeze(v)) for k, v in value.items()))
    if kind is list:
        return (_LIST, *(_freeze(v) for v in value))
    if kind is bool:
        return (_BOOL, value)
    if isinstance(value, Mapping):
        return (_DICT, *((k, _freeze(v)) for k, v in value.items()))
    return value


class PrehashMemo:
    """Pre-hash strings for a stream of events, memoising field fragments (bounded by ``limit`` entries)."""

    def __init__(self, limit: int = 100_000) -> None:
        self.limit = limit
        self._by_context: dict[object, tuple[Namespaces, dict]] = {}
        self._last: tuple[object, object, tuple[Namespaces, dict]] | None = None

    def _memo(self, event: Mapping, context: object) -> tuple[Namespaces, dict]:
        own = event.get("@context")
        last = self._last
        # Consecutive events nearly always share their context: comparing is cheaper than freezing it.
        if last is not None and last[1] == own and last[0] == context:
            return last[2]
        key = (_freeze(context), _freeze(own))
        found = self._by_context.get(key)
        if found is None:
            parts = [*(context if isinstance(context, list) else [context])]
            if own is not None:
                parts += own if isinstance(own, list) else [own]
            found = self._by_context[key] = (Namespaces(parts), {})
        self._last = (context, own, found)
        return found

    def prehash(self, event: Mapping, context: object = None) -> str:
        ns, memo = self._memo(event, context)
        if len(memo) > self.limit:
            memo.clear()
        ordered: list[tuple[int, str]] = []
        rest: list[str] = []
        # One pass over the event's own keys (a dozen), rather than over every key CBV defines.
        for key, value in event.items():
            place = _ORDER.get(key)
            if place is not None:
                index, build = place
                if key in _ALWAYS_NEW:
                    ordered.append((index, _event_time(value) or build(value, ns)))
                    continue
                if key in _QUANTITY_LISTS:  # rarely repeated whole (quantities vary): memoised by part instead
                    ordered.append((index, self._quantities(key, value, ns, memo)))
                    continue
                memo_key = (key, value if type(value) is str else _freeze(value))
                fragment = memo.get(memo_key)
                if fragment is None:
                    fragment = memo[memo_key] = build(value, ns)
                ordered.append((index, fragment))
            elif key in _TYPED_LIST_BUILDERS:
                fragment = _TYPED_LIST_BUILDERS[key](value, ns)
                if fragment:
                    rest.append(fragment)
            elif not (key in _NOT_GENERIC or key in _COMMENTS or key.startswith("@xmlns")):
                memo_key = ("~", key, value if type(value) is str else _freeze(value))
                fragments = memo.get(memo_key)
                if fragments is None:
                    fragments = memo[memo_key] = tuple(_generic_children({key: value}, ns))
                rest.extend(fragments)
        ordered.sort()
        return ("eventType=" + (scalar_text(event.get("type")) or "") + "".join([f for _i, f in ordered])
                + "".join(sorted(rest)))

    @staticmethod
    def _quantities(name: str, value: object, ns: Namespaces, memo: dict) -> str:
        """A quantity list, memoising each element's epcClass, quantity and uom text (the same as _list_of)."""
        entries = []
        for element in value if isinstance(value, list) else [value]:
            if not isinstance(element, Mapping) or not element.keys() <= _QUANTITY_FIELDS:
                fragment = _structure("quantityElement", _QUANTITY, element, ns)  # extensions: the general way
            else:
                body = []
                for key, build in _QUANTITY:
                    if key in element:
                        part = element[key]
                        part_key = ("q", key, part if type(part) is str else _freeze(part))
                        part = memo.get(part_key)
                        if part is None:
                            part = memo[part_key] = build(element[key], ns)
                        body.append(part)
                text = "".join(body)
                fragment = "quantityElement" + text if text else ""
            if fragment:
                entries.append(fragment)
        return name + "".join(sorted(entries)) if entries else ""
