"""Pure admission rules: the 统一社会信用代码 check (GB 32100), credit scoring (信用), certificate rules.

Values in, values out; nothing here touches the database.
"""

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from pypinyin import lazy_pinyin

# --- 统一社会信用代码 (GB 32100-2015) ---------------------------------------------------------------

# The code's alphabet: digits and capitals without I, O, S, V, Z (easily misread).
CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# Positions 9–17 are the organisation code of GB 11714, which has its own check character.
ORGANISATION_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_CREDIT_CODE_SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$")

# First character: the registering authority; second: the kinds of body it registers (GB 32100 table 1,
# with the later additions A for the military and N for rural collective economic organisations).
REGISTRATION_AUTHORITIES: dict[str, set[str]] = {
    "1": {"1", "2", "3", "9"},  # 机构编制: 机关, 事业单位, 群众团体, 其他
    "2": {"1", "9"},  # 外交
    "3": {"1", "2", "3", "4", "5", "9"},  # 司法行政: 律师事务所, 公证处, 基层法律服务所, 司法鉴定, 仲裁委员会
    "4": {"1", "9"},  # 文化
    "5": {"1", "2", "3", "9"},  # 民政: 社会团体, 民办非企业单位, 基金会
    "6": {"1", "2", "9"},  # 旅游
    "7": {"1", "2", "9"},  # 宗教
    "8": {"1", "9"},  # 工会
    "9": {"1", "2", "3"},  # 市场监管 (工商): 企业, 个体工商户, 农民专业合作社
    "A": {"1", "9"},  # 中央军委改革和编制办公室
    "N": {"1", "2", "3", "9"},  # 农业农村: 组级, 村级, 乡镇级集体经济组织
    "Y": {"1"},  # 其他
}

# Which registrations fit which kind of seller (first two characters of the code).
ENTITY_CREDIT_CODE_PREFIXES: dict[str, set[str]] = {
    "enterprise": {"91"},
    "cooperative": {"93"},
    # An inheritor who trades is usually registered as an individual business (个体工商户).
    "inheritor": {"92"},
    # A family farm (家庭农场) registers as an individual business or a sole proprietorship.
    "household": {"92", "91"},
}


def credit_code_check_character(body: str) -> str:
    """The 18th character for the first 17 (each must be in the code's alphabet)."""
    total = sum(CREDIT_CODE_CHARSET.index(ch) * w for ch, w in zip(body, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def organisation_code_check_character(body: str) -> str:
    """GB 11714 check character for the 8-character organisation code body."""
    total = sum(_org_value(ch) * w for ch, w in zip(body, ORGANISATION_CODE_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def _org_value(ch: str) -> int:
    return int(ch) if ch.isdigit() else ord(ch) - ord("A") + 10


def normalise_credit_code(raw: str) -> str:
    """Upper case, without spaces or dashes people type between the groups."""
    return re.sub(r"[\s\-]", "", raw or "").upper()


def division_candidates(division_code: str) -> list[str]:
    """Division codes that would make the code's area part real, most precise first.

    Counties are re-coded when they are reorganised but the registration keeps the old code, so the
    prefecture may stand in; municipal districts and 省直辖 counties may be registered at province level.
    """
    candidates = [division_code, division_code[:4] + "00"]
    if division_code[2:4] in ("01", "90", "00"):
        candidates.append(division_code[:2] + "0000")
    return list(dict.fromkeys(candidates))


def credit_code_problems(code: str, *, division_known: Callable[[str], bool] | None = None) -> list[str]:
    """Why ``code`` is not a valid 统一社会信用代码 (an empty list when it is).

    ``division_known(code6)`` tells whether an administrative division exists; without it the area
    part is only checked for shape.
    """
    if len(code) != 18:
        return [str(_("A unified social credit code has exactly 18 characters."))]
    if not _CREDIT_CODE_SHAPE.match(code):
        return [str(_("Use digits and capital letters only (no I, O, S, V or Z); characters 3–8 are digits."))]
    problems = []
    types = REGISTRATION_AUTHORITIES.get(code[0])
    if types is None or code[1] not in types:
        problems.append(str(_("The first two characters (%(prefix)s) are not a registering authority and type.")
                            % {"prefix": code[:2]}))
    if division_known is not None and not any(division_known(c) for c in division_candidates(code[2:8])):
        problems.append(str(_("Characters 3–8 (%(area)s) are not an administrative division code.")
                            % {"area": code[2:8]}))
    if code[16] != organisation_code_check_character(code[8:16]):
        problems.append(str(_("The organisation code inside (characters 9–17) has a wrong check character.")))
    if code[17] != credit_code_check_character(code[:17]):
        problems.append(str(_("The check character (the last one) is wrong; please compare with the licence.")))
    return problems


def credit_code_is_valid(code: str) -> bool:
    return not credit_code_problems(code)


def credit_code_fits_entity(code: str, entity_type: str) -> bool:
    return code[:2] in ENTITY_CREDIT_CODE_PREFIXES.get(entity_type, set())


def entity_needs_credit_code(entity_type: str) -> bool:
    """Enterprises and cooperatives are registered bodies; inheritors and households may not be."""
    return entity_type in ("enterprise", "cooperative")


# --- credit record (信用) --------------------------------------------------------------------------

CREDIT_MIN, CREDIT_MAX = 0, 1000
CREDIT_START = 0  # an applicant has no record yet

# Points per event kind. Admission puts a new seller in the middle of 良好, so good conduct and
# verified certificates lift them and complaints or violations drop them from there.
CREDIT_POINTS: dict[str, int] = {
    "admission": 600,
    "certificate": 20,  # each verified certificate that backs a product claim
    "good_standing": 15,  # a quarter without upheld complaints or violations
    "late_shipment": -10,
    "missed_deadline": -20,
    "complaint_upheld": -50,
    "inspection_failed": -100,
    "violation": -150,
}
# Only the admission services award these; operators record the rest.
SYSTEM_CREDIT_KINDS = {"admission", "certificate"}


@dataclass(frozen=True)
class CreditBand:
    code: str
    label: str
    floor: int


CREDIT_BANDS = (
    CreditBand("excellent", _("excellent"), 800),  # 优秀
    CreditBand("good", _("good"), 600),  # 良好
    CreditBand("fair", _("fair"), 400),  # 一般
    CreditBand("poor", _("poor"), CREDIT_MIN),  # 较差
)


def credit_points(kind: str) -> int:
    return CREDIT_POINTS[kind]


def clamp_credit(score: int) -> int:
    return max(CREDIT_MIN, min(CREDIT_MAX, score))


def credit_score_after(score: int, points: int) -> int:
    """The score after one event: added, then kept within 0..1000."""
    return clamp_credit(score + points)


def credit_score(points: Iterable[int], *, start: int = CREDIT_START) -> int:
    """A score replayed from events in the order they happened."""
    score = start
    for p in points:
        score = credit_score_after(score, p)
    return score


def credit_band(score: int) -> CreditBand:
    for band in CREDIT_BANDS:
        if score >= band.floor:
            return band
    return CREDIT_BANDS[-1]


# --- certificates ------------------------------------------------------------------------------------

ICH, HALAL, GREEN, ORGANIC = "ich_inheritor", "halal", "green_food", "organic"
GI, BRAND, LICENCE = "geographic_indication", "brand_licence", "business_licence"
ALL_KINDS = frozenset({ICH, HALAL, GREEN, ORGANIC, GI, BRAND, LICENCE})

# Who may hold what. Inheritors are craftspeople, so no food certificates but halal (Linxia's Hui makers);
# households farm, so no ICH certificate (an inheritor applies as an inheritor).
KINDS_FOR_ENTITY: dict[str, frozenset[str]] = {
    "enterprise": ALL_KINDS,
    "cooperative": ALL_KINDS,
    "inheritor": frozenset({ICH, HALAL, GI, BRAND, LICENCE}),
    "household": frozenset({HALAL, GREEN, ORGANIC, GI, BRAND, LICENCE}),
}

# Product claims (catalog's claim_* fields) and the certificates that back them.
CLAIM_KINDS: dict[str, frozenset[str]] = {
    "heritage": frozenset({ICH}),
    "halal": frozenset({HALAL}),
    "green": frozenset({GREEN}),
    "organic": frozenset({ORGANIC}),
    "brand": frozenset({BRAND, GI}),
}
# A "certified" seller holds at least one of these; a business licence alone proves no claim.
CLAIM_BACKING_KINDS = frozenset().union(*CLAIM_KINDS.values())

# Certificates issued without an end date (长期) are stored with this one.
LONG_TERM_UNTIL = datetime.date(2099, 12, 31)


def claim_backing(kind: str) -> frozenset[str]:
    """The product claims a certificate of ``kind`` backs (heritage, halal, green, organic, brand)."""
    return frozenset(claim for claim, kinds in CLAIM_KINDS.items() if kind in kinds)


def kinds_backing(claim: str) -> frozenset[str]:
    """The certificate kinds that may back a product ``claim``."""
    return CLAIM_KINDS.get(claim, frozenset())


def kind_allowed(entity_type: str, kind: str) -> bool:
    return kind in KINDS_FOR_ENTITY.get(entity_type, frozenset())


def validity_problems(valid_from: datetime.date, valid_until: datetime.date, *, today: datetime.date) -> dict:
    """Field errors for a certificate's validity window; expired certificates are refused."""
    if valid_until < valid_from:
        return {"valid_until": [str(_("The end of validity must not be before its start."))]}
    if valid_until < today:
        return {"valid_until": [str(_("This certificate expired on %(day)s; upload the renewed one.")
                                    % {"day": valid_until.isoformat()})]}
    return {}


def in_force(*, status: str, valid_from: datetime.date, valid_until: datetime.date, today: datetime.date) -> bool:
    return status == "approved" and valid_from <= today <= valid_until


def submission_missing(*, entity_type: str, credit_code: str | None, kinds: set[str]) -> list[str]:
    """What an application still lacks, given the certificate kinds it holds (pending or approved).

    Enterprises and cooperatives: a credit code and a business licence. Inheritors: an ICH inheritor
    certificate. Everyone: at least one certificate that backs a product claim (the platform admits
    certified sellers only).
    """
    missing = []
    if entity_needs_credit_code(entity_type):
        if not credit_code:
            missing.append(str(_("the unified social credit code")))
        if LICENCE not in kinds:
            missing.append(str(_("a business licence")))
    if entity_type == "inheritor" and ICH not in kinds:
        missing.append(str(_("an ICH inheritor certificate")))
    elif not kinds & CLAIM_BACKING_KINDS:
        missing.append(str(_("a certificate for what you sell: ICH inheritor, halal, green food, organic, "
                             "geographic indication or regional brand licence")))
    return missing


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control_characters(text: str) -> bool:
    """NUL and other control characters have no place in names or numbers (PostgreSQL refuses NUL)."""
    return bool(_CONTROL.search(text or ""))


MOBILE_PATTERN = re.compile(r"^1[3-9][0-9]{9}$")


def mobile_is_valid(mobile: str) -> bool:
    return bool(MOBILE_PATTERN.match(mobile or ""))


def seller_slug_base(name: str) -> str:
    """A readable URL name from the seller's name, in pinyin: 丹寨蜡染合作社 → dan-zhai-la-ran-he-zuo-she."""
    slug = slugify("-".join(lazy_pinyin(name)))[:60].strip("-")
    return slug or "seller"
