import pytest

from chushan.regions.loader import read_divisions
from chushan.regions.models import Region
from chushan.regions.naming import english_name


@pytest.mark.django_db
def test_real_divisions_are_loaded_with_their_hierarchy():
    linxia = Region.objects.get(code="622900")
    assert linxia.name == "临夏回族自治州"
    assert linxia.parent_id == "620000"
    dongxiang = Region.objects.get(code="622926")
    assert [r.code for r in dongxiang.path()] == ["620000", "622900", "622926"]
    assert Region.objects.filter(level=Region.Level.PROVINCE).count() >= 31


def test_every_division_has_a_parent_of_the_level_above():
    rows = {r["code"]: r for r in read_divisions()}
    for row in rows.values():
        if row["level"] == 1:
            assert row["parent_code"] is None
        else:
            assert rows[row["parent_code"]]["level"] < row["level"]


@pytest.mark.parametrize("name, english", [
    ("临夏回族自治州", "Linxia Hui Autonomous Prefecture"),
    ("都匀市", "Duyun City"),
    ("东乡族自治县", "Dongxiang Autonomous County"),
    ("贵州省", "Guizhou Province"),
])
def test_english_names_read_polyphonic_place_names_right(name, english):
    assert english_name(name) == english
