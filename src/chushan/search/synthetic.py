"""A large synthetic catalogue with believable Chinese titles, for benchmarks (bench/bench_search.py) and for
`chushan seed_demo --products N`, which may call ``synthetic_catalogue_create``.

Written in bulk (thousands of products per second), bypassing the catalogue services on purpose: claims are
only set where the generated seller holds the matching certificate, so the data obeys the same rules. All
rows it creates carry the slug prefix ``syn-``; running it again tops up to the requested count.
"""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from chushan.catalog.models import Category, Product, Sku
from chushan.heritage.models import EthnicGroup, HeritageItem, ListLevel, RegionalBrand
from chushan.sellers import rules as seller_rules
from chushan.sellers.models import Certificate, Seller

PREFIX = "syn-"

GUIZHOU_COUNTIES = ["522636", "522634", "522630", "522623", "522629", "522732", "522701", "522622", "522632",
                    "522633", "522631", "520402", "520521", "520328", "520623", "520327", "520123", "520221",
                    "520381", "522728", "520526", "520524", "522327", "520622", "522635"]
LINXIA_COUNTIES = ["622901", "622921", "622926", "622927", "622925", "622924", "622922", "622923"]


@dataclass(frozen=True)
class Line:
    """A kind of product: where it sits, what it may be called and what it costs."""

    root: tuple[str, str, str]  # slug, name, English name
    leaf: tuple[str, str, str]
    heads: tuple[str, ...]  # the thing itself, often a dictionary word
    items: tuple[str, ...]
    details: tuple[str, ...]
    price: tuple[int, int]
    linxia: bool = False
    heritage: tuple[str, ...] = ()  # heritage items it may belong to
    brand: tuple[str, ...] = ()  # regional brands it may carry
    ethnic: tuple[str, ...] = ("miao",)
    halal: bool = False
    kind: str = Product.Kind.FINISHED


CRAFTS = ("crafts", "非遗手作", "Heritage crafts")
TEA = ("tea", "茶叶", "Tea")
FARM = ("farm", "农特产", "Farm goods")
HALAL = ("halal", "清真食品", "Halal foods")
COURSES = ("courses", "体验课程", "Workshops and courses")

LINES = [
    Line(CRAFTS, ("batik", "蜡染", "Batik"), ("蜡染", "苗族蜡染", "枫香染", "古法蜡染", "手工蜡染"),
         ("桌旗", "围巾", "挂画", "抱枕", "手提包", "帆布包", "茶席", "团扇", "布料", "壁挂", "披肩", "零钱包"),
         ("靛蓝", "蓝白", "纯棉", "麻布", "冰纹", "蝴蝶纹", "鱼纹", "铜鼓纹", "礼盒装"), (38, 980),
         heritage=("苗族蜡染技艺", "枫香印染技艺"), ethnic=("miao", "bouyei")),
    Line(CRAFTS, ("embroidery", "刺绣", "Embroidery"), ("苗绣", "马尾绣", "破线绣", "锁绣", "辫绣", "打籽绣", "侗绣"),
         ("绣片", "背带", "荷包", "香包", "胸针", "鞋垫", "绣花鞋", "手机壳", "装饰画", "钱包", "耳环"),
         ("手工", "老绣片", "蝴蝶妈妈", "龙纹", "鸟纹", "彩色", "收藏级"), (45, 3600),
         heritage=("苗族刺绣", "水族马尾绣"), ethnic=("miao", "sui", "dong")),
    Line(CRAFTS, ("silver", "银饰", "Silver"), ("苗族银饰", "银饰", "足银", "纯银"),
         ("银手镯", "银项圈", "银耳环", "银簪", "银梳", "银角", "银壶", "银杯", "戒指", "吊坠", "银锁"),
         ("錾刻", "花丝", "蝴蝶", "龙纹", "鱼纹", "999", "手工锻打"), (128, 6800),
         heritage=("苗族银饰锻制技艺",)),
    Line(CRAFTS, ("lacquer", "漆器乐器", "Lacquer and instruments"), ("大方漆器", "玉屏箫笛", "芦笙", "牙舟陶",
         "赤水竹编", "傩面具", "地戏面具"),
         ("漆盒", "漆碗", "茶盘", "首饰盒", "洞箫", "笛子", "茶杯", "花瓶", "果盘", "竹篮", "摆件"),
         ("髹饰", "脱胎", "紫竹", "手工", "收藏"), (68, 4200),
         heritage=("大方漆器髹饰技艺", "玉屏箫笛制作技艺", "安顺地戏"), ethnic=("yi", "dong", "han")),
    Line(CRAFTS, ("paper", "古法造纸", "Handmade paper"), ("古法造纸", "丹寨皮纸", "构皮纸", "石桥皮纸"),
         ("信笺", "花草纸", "灯罩", "笔记本", "书签", "宣纸"), ("手工", "植物染", "花草", "原色"), (18, 420),
         heritage=("皮纸制作技艺",)),
    Line(CRAFTS, ("carving", "雕刻刀具", "Carving and knives"), ("临夏砖雕", "河州砖雕", "刻葫芦", "保安腰刀",
         "保安族腰刀", "东乡擀毡", "彩陶"), ("摆件", "挂件", "屏风", "腰刀", "折刀", "毡毯", "花瓶"),
         ("牡丹纹", "手工", "锻制", "镂空", "收藏级"), (58, 5600), linxia=True,
         heritage=("临夏砖雕", "保安族腰刀锻制技艺", "临夏刻葫芦"), ethnic=("hui", "bonan", "dongxiang")),
    Line(TEA, ("green-tea", "绿茶", "Green tea"), ("都匀毛尖", "湄潭翠芽", "石阡苔茶", "凤冈锌硒茶", "水城春",
         "贵州绿茶"),
         ("明前茶", "雨前茶", "特级", "一级", "高山云雾", "古树茶"),
         ("50g", "100g", "125g", "250g", "礼盒装", "罐装", "袋装"), (38, 1280), heritage=("都匀毛尖茶制作技艺",),
         brand=("都匀毛尖", "湄潭翠芽", "水城春", "石阡苔茶"), ethnic=("bouyei", "han", "miao")),
    Line(TEA, ("black-tea", "红茶", "Black tea"), ("遵义红", "古树红茶", "贵州红茶", "苦荞茶", "八宝茶"),
         ("红茶", "工夫红茶", "茶包", "茶饼"), ("特级", "一级", "250g", "礼盒装", "罐装"), (28, 880),
         brand=("遵义红",), ethnic=("han", "hui")),
    Line(FARM, ("fruit", "水果", "Fruit"), ("修文猕猴桃", "六盘水猕猴桃", "红心猕猴桃", "罗甸火龙果", "册亨糯米蕉",
         "金刺梨", "刺梨", "麻江蓝莓", "脆红李", "百香果"), ("新鲜", "现摘", "农家", "高山"),
         ("5斤装", "10斤装", "大果", "中果", "礼盒装", "整箱"), (29, 268),
         brand=("修文猕猴桃", "罗甸火龙果", "麻江蓝莓"), ethnic=("han", "bouyei", "miao"), kind=Product.Kind.PRODUCE),
    Line(FARM, ("seasoning", "调味酸汤", "Chilli and sour soup"), ("遵义辣椒", "虾子辣椒", "糟辣椒", "糍粑辣椒",
         "油辣椒", "辣椒面", "红酸汤", "白酸汤", "花椒"), ("贵州特产", "农家", "手工", "火锅底料", "凉拌"),
         ("250g", "500g", "瓶装", "袋装", "家庭装"), (12, 128), brand=("遵义辣椒",), ethnic=("miao", "dong", "han")),
    Line(FARM, ("forest", "山珍药材", "Mountain goods"), ("织金竹荪", "野生菌", "鸡枞", "牛肝菌", "笋干",
         "赫章核桃", "大方天麻", "赤水金钗石斛", "铁皮石斛", "施秉太子参", "当归", "黄芪", "党参", "枸杞"),
         ("干货", "野生", "特级", "农家"), ("100g", "250g", "500g", "礼盒装"), (26, 1680),
         brand=("织金竹荪", "大方天麻"), ethnic=("yi", "miao", "han", "hui")),
    Line(FARM, ("grain", "米面粮油", "Grain and oil"), ("兴仁薏仁米", "黑糯米", "香禾糯", "红米", "苦荞", "荞麦面",
         "菜籽油", "茶油", "胡麻油", "牡丹籽油"),
         ("农家", "石磨", "冷榨", "新米"), ("2.5kg", "5kg", "1L", "5L", "礼盒装"),
         (19, 358), ethnic=("dong", "bouyei", "han", "hui"), kind=Product.Kind.PRODUCE),
    Line(HALAL, ("beef-lamb", "牛羊肉", "Beef and lamb"), ("临夏牛肉干", "风干牛肉", "清真牛肉", "手抓羊肉",
         "东乡手抓羊肉", "牦牛肉", "东乡羊肉", "牛肉干"), ("五香", "麻辣", "原味", "孜然", "香辣", "清真"),
         ("200g", "500g", "1kg", "真空包装", "礼盒装"), (39, 498), linxia=True, halal=True,
         ethnic=("hui", "dongxiang", "salar", "bonan")),
    Line(HALAL, ("pastry", "面点茶饮", "Pastry and tea"), ("馓子", "油香", "甜醅", "酿皮", "八宝茶", "三泡台",
         "牛肉拉面"), ("清真", "手工", "传统", "家常"), ("500g", "礼盒装", "袋装", "6碗装"), (15, 168), linxia=True,
         halal=True, ethnic=("hui", "dongxiang")),
    Line(COURSES, ("workshops", "手作体验", "Workshops"), ("蜡染体验课", "银饰锻制体验", "苗绣入门课", "古法造纸体验",
         "砖雕体验", "刻葫芦体验"), ("半日", "一日", "亲子", "研学"), ("单人", "双人", "含材料"), (98, 880),
         heritage=("苗族蜡染技艺", "苗族银饰锻制技艺", "苗族刺绣", "临夏砖雕"), ethnic=("miao", "hui"),
         kind=Product.Kind.WORKSHOP),
]

PLACES_SHORT = {
    "522636": "丹寨", "522634": "雷山", "522630": "台江", "522623": "施秉", "522629": "剑河",
    "522732": "三都", "522701": "都匀", "522622": "黄平", "522632": "榕江", "522633": "从江",
    "522631": "黎平", "520402": "安顺", "520521": "大方", "520328": "湄潭", "520623": "石阡",
    "520327": "凤冈", "520123": "修文", "520221": "水城", "520381": "赤水", "522728": "罗甸",
    "520526": "威宁", "520524": "织金", "522327": "册亨", "520622": "玉屏", "522635": "麻江",
    "622901": "临夏", "622921": "临夏", "622926": "东乡", "622927": "积石山", "622925": "和政",
    "622924": "广河", "622922": "康乐", "622923": "永靖",
}
BOILERPLATE = ("", "", "", "贵州特产", "手工", "正宗", "原生态", "非遗")
STORIES = ("{place}{group}人家世代相传的{head}，{maker}坚持手工制作，每一件都不一样。",
           "选用{place}本地原料，{head}按老方法做成，{detail}，适合自用和送礼。",
           "{maker}位于{place}，{head}是这里的老手艺，也是乡亲们的生计。")
SUFFIXES = {"enterprise": "有限公司", "cooperative": "专业合作社", "inheritor": "工作室", "household": "家庭农场"}
CODE_PREFIXES = {"enterprise": "91", "cooperative": "93"}


def credit_code(rng: random.Random, region_code: str, entity_type: str) -> str:
    """A unified social credit code (GB 32100) that the sellers' rules accept: the entity's prefix, the
    division, an organisation code with its GB 11714 check character, and the final check character."""
    organisation = "".join(rng.choice("0123456789") for _ in range(8))
    body = (CODE_PREFIXES[entity_type] + region_code + organisation
            + seller_rules.organisation_code_check_character(organisation))
    return body + seller_rules.credit_code_check_character(body)


def _categories() -> dict[str, Category]:
    found = {}
    for position, line in enumerate(LINES):
        for slug, name, name_en, parent in ((line.root[0], line.root[1], line.root[2], None),
                                            (line.leaf[0], line.leaf[1], line.leaf[2], line.root[0])):
            if PREFIX + slug not in found:
                found[PREFIX + slug], _new = Category.objects.get_or_create(
                    slug=PREFIX + slug, defaults={"name": name, "name_en": name_en, "position": position,
                                                  "parent": found.get(PREFIX + parent) if parent else None})
    return found


def _heritage_items() -> dict[str, HeritageItem]:
    items = {}
    names = sorted({name for line in LINES for name in line.heritage})
    for i, name in enumerate(names):
        line = next(li for li in LINES if name in li.heritage)
        code = LINXIA_COUNTIES[0] if line.linxia else GUIZHOU_COUNTIES[i % len(GUIZHOU_COUNTIES)]
        items[name], _new = HeritageItem.objects.get_or_create(
            slug=f"{PREFIX}item-{i}", defaults={"name": name, "level": ListLevel.NATIONAL if i % 3 else
                                                 ListLevel.PROVINCIAL, "category": HeritageItem.Category.CRAFTSMANSHIP,
                                                 "region_id": code})
    return items


def _brands() -> dict[str, RegionalBrand]:
    brands = {}
    for i, name in enumerate(sorted({name for line in LINES for name in line.brand})):
        brands[name], _new = RegionalBrand.objects.get_or_create(
            slug=f"{PREFIX}brand-{i}", defaults={"name": name, "region_id": GUIZHOU_COUNTIES[i % len(GUIZHOU_COUNTIES)],
                                                  "owner": f"{name}产业发展中心", "product_type": "农产品"})
    return brands


def _sellers(rng: random.Random, count: int) -> list[Seller]:
    existing = list(Seller.objects.filter(slug__startswith=PREFIX).order_by("pk"))
    if len(existing) >= count:
        return existing[:count]
    new = []
    for i in range(len(existing), count):
        line = LINES[i % len(LINES)]
        code = rng.choice(LINXIA_COUNTIES if line.linxia else GUIZHOU_COUNTIES)
        entity = ("enterprise", "cooperative", "inheritor", "household")[i % 4]
        head = rng.choice(line.heads)
        new.append(Seller(
            name=f"{PLACES_SHORT[code]}{head}{SUFFIXES[entity]}{i}", slug=f"{PREFIX}seller-{i}", entity_type=entity,
            credit_code=credit_code(rng, code, entity) if entity in CODE_PREFIXES else None, region_id=code,
            address=f"{PLACES_SHORT[code]}县城关镇{i % 90 + 1}号", contact_name="王阿妹",
            contact_mobile=f"13{rng.randint(100000000, 999999999)}",
            credit_score=min(1000, int(rng.gammavariate(2, 120))),
            status=Seller.Status.SUSPENDED if i % 40 == 39 else Seller.Status.ADMITTED,
            admitted_at=timezone.now()))
    Seller.objects.bulk_create(new, batch_size=1000)
    return list(Seller.objects.filter(slug__startswith=PREFIX).order_by("pk"))


def _certificates(rng: random.Random, sellers: list[Seller], items, brands) -> dict[int, dict]:
    """About a third of sellers hold certificates; returns what each may claim."""
    today = timezone.localdate()
    held: dict[int, dict] = {}
    new = []
    for i, seller in enumerate(sellers):
        line = LINES[i % len(LINES)]
        if i % 3:
            continue
        claims: dict = {}
        until = today + datetime.timedelta(days=rng.randint(30, 900))
        since = today - datetime.timedelta(days=400)
        if line.heritage:
            item = items[rng.choice(line.heritage)]
            claims["heritage"] = item
            new.append(Certificate(seller=seller, kind=Certificate.Kind.ICH_INHERITOR, number=f"SYN-ICH-{i}",
                                   issuer="文化和旅游厅", valid_from=since, valid_until=until, heritage_item=item,
                                   ich_level=rng.choice(ListLevel.values), holder_name="王阿妹",
                                   status=Certificate.Status.APPROVED))
        if line.halal:
            claims["halal"] = True
            new.append(Certificate(seller=seller, kind=Certificate.Kind.HALAL, number=f"SYN-HALAL-{i}",
                                   issuer="临夏州伊斯兰教协会", valid_from=since, valid_until=until,
                                   status=Certificate.Status.APPROVED))
        if line.brand:
            brand = brands[rng.choice(line.brand)]
            claims["brand"] = brand
            new.append(Certificate(seller=seller, kind=Certificate.Kind.BRAND_LICENCE, number=f"SYN-BRAND-{i}",
                                   issuer=brand.owner, valid_from=since, valid_until=until, brand=brand,
                                   status=Certificate.Status.APPROVED))
        if line.root == FARM and i % 2 == 0:
            claims["green"] = True
            new.append(Certificate(seller=seller, kind=Certificate.Kind.GREEN_FOOD, number=f"SYN-GREEN-{i}",
                                   issuer="中国绿色食品发展中心", valid_from=since, valid_until=until,
                                   status=Certificate.Status.APPROVED))
        held[seller.pk] = claims
    Certificate.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    return held


def _product(rng: random.Random, n: int, seller: Seller, line: Line, *, categories, items, brands, groups,
             claims: dict) -> tuple[Product, list[Decimal]]:
    head, item, detail = rng.choice(line.heads), rng.choice(line.items), rng.choice(line.details)
    place = PLACES_SHORT.get(seller.region_id, "")
    group = groups.get(rng.choice(line.ethnic))
    parts = [rng.choice(BOILERPLATE), place if rng.random() < 0.5 else "",
             group.name if group and rng.random() < 0.3 else "", head, item, detail]
    name = "".join(p for p in parts if p)[:110]
    heritage = claims.get("heritage") or (items[rng.choice(line.heritage)] if line.heritage and rng.random() < .3
                                          else None)
    brand = claims.get("brand") or (brands[rng.choice(line.brand)] if line.brand and rng.random() < .3 else None)
    product = Product(
        seller=seller, category=categories[PREFIX + line.leaf[0]], kind=line.kind, name=name,
        story=rng.choice(STORIES).format(place=place, group=group.name if group else "", head=head,
                                         maker=seller.name, detail=detail),
        heritage_item=heritage, brand=brand, ethnic_group=group, region_id=seller.region_id,
        claim_heritage="heritage" in claims and heritage == claims["heritage"], claim_halal="halal" in claims,
        claim_brand="brand" in claims and brand == claims["brand"], claim_green="green" in claims,
        status=Product.Status.DRAFT if n % 50 == 49 else Product.Status.PUBLISHED, published_at=timezone.now())
    low, high = line.price
    base = Decimal(int(low * (high / low) ** rng.random())) + Decimal(rng.choice(("0.00", "0.80", "0.90", "0.00")))
    prices = [base] + [base + Decimal(rng.randint(10, 200)) for _ in range(rng.choice((0, 0, 1, 2)))]
    return product, prices


def synthetic_catalogue_create(*, products: int, sellers: int | None = None, seed: int = 2024,
                               batch_size: int = 2000) -> int:
    """Top up the synthetic catalogue to ``products`` products; returns how many were added.

    Does not index them: call ``search.services.search_reindex_all`` afterwards.
    """
    rng = random.Random(seed)
    existing = Product.objects.filter(seller__slug__startswith=PREFIX).count()
    if existing >= products:
        return 0
    categories, items, brands = _categories(), _heritage_items(), _brands()
    groups = {g.code: g for g in EthnicGroup.objects.all()}
    seller_rows = _sellers(rng, sellers or max(40, products // 250))
    held = _certificates(rng, seller_rows, items, brands) if existing == 0 else _held(seller_rows)
    rng.seed(seed + existing)
    added = 0
    while existing + added < products:
        count = min(batch_size, products - existing - added)
        batch, prices = [], []
        for k in range(count):
            n = existing + added + k
            index = rng.randrange(len(seller_rows))
            seller, line = seller_rows[index], LINES[index % len(LINES)]
            product, sku_prices = _product(rng, n, seller, line, categories=categories, items=items, brands=brands,
                                           groups=groups, claims=held.get(seller.pk, {}))
            batch.append(product)
            prices.append(sku_prices)
        with transaction.atomic():
            Product.objects.bulk_create(batch, batch_size=batch_size)
            Sku.objects.bulk_create([Sku(product=p, code=f"SKU-{j + 1}", price=price, position=j)
                                     for p, sku_prices in zip(batch, prices, strict=True)
                                     for j, price in enumerate(sku_prices)], batch_size=batch_size)
        added += count
    return added


def _held(sellers: list[Seller]) -> dict[int, dict]:
    """What each synthetic seller may claim, read back from its certificates (for a top-up run)."""
    held: dict[int, dict] = {}
    for cert in Certificate.objects.filter(seller__in=sellers).select_related("heritage_item", "brand"):
        claims = held.setdefault(cert.seller_id, {})
        if cert.kind == Certificate.Kind.ICH_INHERITOR:
            claims["heritage"] = cert.heritage_item
        elif cert.kind == Certificate.Kind.HALAL:
            claims["halal"] = True
        elif cert.kind == Certificate.Kind.BRAND_LICENCE:
            claims["brand"] = cert.brand
        elif cert.kind == Certificate.Kind.GREEN_FOOD:
            claims["green"] = True
    return held
