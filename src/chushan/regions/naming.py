"""English names for divisions: pinyin of the proper name plus the translated administrative suffix."""

from pypinyin import lazy_pinyin, load_phrases_dict

# pypinyin's default readings are wrong for these place names (polyphonic characters).
PLACE_READINGS = {
    "都匀": "du yun", "三都": "san du", "都江堰": "du jiang yan", "都安": "du an", "都昌": "du chang", "都兰": "du lan",
    "六安": "lu an", "六合": "lu he", "蚌埠": "beng bu", "乐亭": "lao ting", "番禺": "pan yu",
    "丽水": "li shui", "莘县": "shen xian", "洪洞": "hong tong", "单县": "shan xian", "大埔": "da bu",
    "铅山": "yan shan", "长汀": "chang ting", "尉犁": "yu li", "荥阳": "xing yang", "亳州": "bo zhou",
    "枞阳": "zong yang", "涡阳": "guo yang", "黔东南": "qian dong nan", "台江": "tai jiang",
    "沁阳": "qin yang", "厦门": "xia men", "济南": "ji nan", "曲靖": "qu jing", "屏边": "ping bian",
}
load_phrases_dict({word: [[syllable] for syllable in reading.split()] for word, reading in PLACE_READINGS.items()})

# Longest first, so 自治县 wins over 县.
SUFFIXES = [
    ("特别行政区", "SAR"), ("维吾尔自治区", "Uygur Autonomous Region"), ("壮族自治区", "Zhuang Autonomous Region"),
    ("回族自治区", "Hui Autonomous Region"), ("自治区", "Autonomous Region"), ("自治州", "Autonomous Prefecture"),
    ("自治县", "Autonomous County"), ("自治旗", "Autonomous Banner"), ("林区", "Forestry District"),
    ("特区", "Special District"), ("地区", "Prefecture"), ("新区", "New Area"), ("省", "Province"),
    ("市", "City"), ("县", "County"), ("区", "District"), ("旗", "Banner"), ("盟", "League"),
]
MUNICIPALITIES = {"北京市": "Beijing", "天津市": "Tianjin", "上海市": "Shanghai", "重庆市": "Chongqing"}
SPECIAL = {"内蒙古自治区": "Inner Mongolia Autonomous Region", "西藏自治区": "Tibet Autonomous Region",
           "陕西省": "Shaanxi Province", "香港特别行政区": "Hong Kong SAR", "澳门特别行政区": "Macao SAR"}


def _strip_ethnic(stem: str) -> tuple[str, list[str]]:
    """Split '临夏回族' into ('临夏', ['Hui']); several groups may follow each other."""
    groups = []
    while "族" in stem:
        head, _sep, tail = stem.rpartition("族")
        if tail:
            break
        # An ethnic name is one to three characters before 族 (苗, 布依, 土家, 哈萨克).
        for size in (3, 2, 1):
            if len(head) >= size and _is_ethnic(head[-size:]):
                groups.insert(0, _title(head[-size:]))
                stem = head[:-size]
                break
        else:
            break
    return stem, groups


ETHNIC_NAMES = set(
    ["苗", "回", "侗", "布依", "土家", "彝", "水", "仡佬", "壮", "瑶", "白", "哈尼", "傣", "傈僳", "佤", "拉祜", "纳西", "景颇", "布朗", "阿昌", "普米", "怒", "德昂", "独龙", "基诺", "蒙古", "藏", "维吾尔", "朝鲜", "满", "黎", "畲", "高山", "东乡", "土", "撒拉", "保安", "裕固", "哈萨克", "柯尔克孜", "锡伯", "达斡尔", "羌", "仫佬", "毛南", "京", "鄂温克", "鄂伦春", "赫哲", "门巴", "珞巴", "塔吉克", "乌孜别克", "俄罗斯", "塔塔尔"]
)


def _is_ethnic(word: str) -> bool:
    return word in ETHNIC_NAMES


def _title(text: str) -> str:
    return "".join(lazy_pinyin(text)).capitalize()


def english_name(name: str) -> str:
    if name in MUNICIPALITIES:
        return MUNICIPALITIES[name]
    if name in SPECIAL:
        return SPECIAL[name]
    for suffix, english in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem, groups = _strip_ethnic(name[: -len(suffix)])
            if not stem:
                stem, groups = name[: -len(suffix)].removesuffix("族"), []
            return " ".join([_title(stem), *groups, english])
    return _title(name)
