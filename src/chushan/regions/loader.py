"""Loads the bundled division table (data/adcodes.csv) into Region rows."""

import csv
from decimal import Decimal
from pathlib import Path

from chushan.regions.naming import english_name

DATA_FILE = Path(__file__).resolve().parent / "data" / "adcodes.csv"
PLACEHOLDER_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def read_divisions(path: Path = DATA_FILE) -> list[dict]:
    """Rows as dicts with code, name, level, parent_code, ordered so parents come first."""
    rows = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = row["adcode"][:6]
            if row["name"] in PLACEHOLDER_NAMES or code in rows:
                continue
            rows[code] = {
                "code": code,
                "name": row["name"],
                "longitude": Decimal(row["longitude"]) if row["longitude"] else None,
                "latitude": Decimal(row["latitude"]) if row["latitude"] else None,
            }
    for code, row in rows.items():
        row["level"], row["parent_code"] = _level_and_parent(code, rows)
        row["name_en"] = english_name(row["name"])
    return sorted(rows.values(), key=lambda r: (r["level"], r["code"]))


def _level_and_parent(code: str, rows: dict) -> tuple[int, str | None]:
    if code.endswith("0000"):
        return 1, None
    province = code[:2] + "0000"
    if code.endswith("00"):
        return 2, province
    prefecture = code[:4] + "00"
    # Counties directly under a municipality or a province (省直辖) have no prefecture row.
    return 3, prefecture if prefecture in rows else province


def load_regions(region_model, using: str = "default") -> int:
    """Insert every division that is not there yet; returns how many were added."""
    existing = set(region_model.objects.using(using).values_list("code", flat=True))
    missing = [
        region_model(code=row["code"], name=row["name"], name_en=row["name_en"], level=row["level"],
                     parent_id=row["parent_code"], longitude=row["longitude"], latitude=row["latitude"])
        for row in read_divisions() if row["code"] not in existing
    ]
    # Parents come first in read_divisions(), so one ordered bulk insert keeps the foreign keys valid.
    region_model.objects.using(using).bulk_create(missing, batch_size=500)
    return len(missing)
