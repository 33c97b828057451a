"""The demo market's trade: where sellers keep and sell their goods, a shop clerk, promotions, a shopper's orders,
and two traceability stories (a lot of 都匀毛尖 from leaf to cup, and a cold chain of 清真 beef).

Scenic spots and towns are real; the shops, people, plates and certificate numbers in them are invented. Every
admitted seller also gets a warehouse (仓库) at its own address, unless WAREHOUSES names it otherwise.
"""

# Warehouse names that are not "<place>仓库": (name, address) by seller slug.
WAREHOUSES = {
    "duyun-yunwu-tea": ("毛尖镇成品茶库", "都匀市毛尖镇螺蛳壳茶园加工区2号库"),
    "guanghe-halal-meat": ("三甲集冷库", "广河县三甲集镇牛羊交易市场旁冷链物流园3号"),
    "linxia-bafang-halal-food": ("八坊食品厂成品库", "临夏市折桥镇清真食品产业园8号"),
    "zunyi-xiazi-chili": ("虾子辣椒城仓库", "遵义市播州区虾子镇中国辣椒城B区仓储中心"),
}

# Shops at scenic spots and workshops open to visitors: (kind, name, county code, address) by seller slug.
SITES = {
    "danzhai-yangwu-batik-coop": [("workshop", "排莫村蜡染工坊", "522636", "丹寨县扬武镇排莫村村委会旁")],
    "wang-ayu-batik": [("workshop", "卡拉村蜡染工作室", "522636", "丹寨县龙泉镇卡拉村二组")],
    "danzhai-indigo-house": [("shop", "丹寨万达小镇店", "522636", "丹寨县龙泉镇万达小镇尤公广场12号")],
    "shiqiao-paper-coop": [("workshop", "石桥古法造纸工坊", "522636", "丹寨县南皋乡石桥村大岩脚")],
    "leishan-kongbai-silver": [("shop", "西江千户苗寨店", "522634", "雷山县西江镇西江千户苗寨景区古街38号"),
                               ("workshop", "控拜村银匠工坊", "522634", "雷山县西江镇控拜村")],
    "wu-deyin-silver": [("workshop", "控拜村吴家银匠铺", "522634", "雷山县西江镇控拜村三组")],
    "pan-yuzhen-embroidery": [("workshop", "南猛村绣坊", "522634", "雷山县丹江镇南猛村芦笙场旁")],
    "taijiang-shidong-embroidery": [("workshop", "施洞绣坊", "522630", "台江县施洞镇偏寨村")],
    "sandu-horsetail-coop": [("workshop", "板告村马尾绣工坊", "522732", "三都水族自治县中和镇板告村")],
    "dafang-lacquer-house": [("shop", "大方漆器街门店", "520521", "大方县顺德街道漆器街18号")],
    "yuping-flute-co": [("shop", "镇远古镇箫笛坊", "522625", "镇远县舞阳镇和平街古巷口")],
    "long-qihua-lusheng": [("workshop", "排卡村芦笙坊", "522634", "雷山县丹江镇排卡村")],
    "majiang-brocade-coop": [("workshop", "河坝村织锦工坊", "522635", "麻江县龙山镇河坝村")],
    "meng-xiulan-fengxiang": [("workshop", "甲浪村枫香染坊", "522731", "惠水县鸭绒乡甲浪村")],
    "pingtang-yazhou-pottery": [("workshop", "牙舟陶坊", "522727", "平塘县牙舟镇陶瓷街")],
    "chishui-bamboo-coop": [("workshop", "大同镇竹编工坊", "520381", "赤水市大同镇民族村")],
    "zhang-shaowen-inkstone": [("workshop", "思州石砚工作室", "522626", "岑巩县思旸镇")],
    "liping-dong-embroidery-coop": [("shop", "肇兴侗寨店", "522631", "黎平县肇兴镇肇兴侗寨景区仁团鼓楼旁")],
    "congjiang-yao-bath-coop": [("workshop", "高华村瑶浴坊", "522633", "从江县翠里乡高华村")],
    "duyun-yunwu-tea": [("workshop", "螺蛳壳制茶工坊", "522701", "都匀市毛尖镇螺蛳壳茶园"),
                        ("shop", "荔波小七孔景区店", "522722", "荔波县小七孔景区游客中心商业街6号")],
    "meitan-chaxiang-coop": [("shop", "湄潭翠芽27°景区店", "520328", "湄潭县湄江街道翠芽27°景区茶文化街")],
    "he-family-tea-garden": [("workshop", "何家茶园制茶坊", "520221", "水城县杨梅乡茶园村")],
    "chen-family-chili": [("workshop", "陈家辣椒坊", "520323", "绥阳县蒲场镇")],
    "kaili-miaojia-sour-soup": [("shop", "西江千户苗寨酸汤体验店", "522634",
                                 "雷山县西江镇西江千户苗寨景区嘎歌古巷6号")],
    "kaili-haoke-souvenirs": [("shop", "镇远古镇店", "522625", "镇远县舞阳镇顺城街102号"),
                              ("shop", "凯里大十字店", "522601", "凯里市大十字步行街32号")],
    "guiyang-qianyun-crafts": [("shop", "青岩古镇店", "520111", "花溪区青岩镇青岩古镇北街21号")],
    "hezhou-brick-carving": [("shop", "八坊十三巷店", "622901", "临夏市八坊十三巷砖雕街15号")],
    "ma-jianguo-brick": [("workshop", "八坊砖雕工作室", "622901", "临夏市八坊街道王寺街")],
    "jishishan-bonan-knife-coop": [("workshop", "大墩村腰刀锻造坊", "622927", "积石山县大河家镇大墩村")],
    "ma-jinzhong-bonan-knife": [("workshop", "梅坡村腰刀铺", "622927", "积石山县大河家镇梅坡村")],
    "ma-family-shouzhua": [("shop", "锁南镇东塬路店", "622926", "东乡族自治县锁南镇东塬路")],
    "linxia-bafang-halal-food": [("shop", "八坊十三巷门店", "622901", "临夏市八坊街道新华街66号")],
    "ma-beef-jerky": [("workshop", "韩集牛肉干作坊", "622921", "临夏县韩集镇")],
    "guanghe-halal-meat": [("shop", "临夏八坊十三巷肉铺", "622901", "临夏市八坊十三巷大西关街22号")],
    "ma-chenglin-felt": [("workshop", "龙泉镇擀毡坊", "622926", "东乡族自治县龙泉镇")],
}

# Consignment counters (寄售): (owner slug, host slug, host's shop, counter name, commission rate). The goods stay
# the owner's; the host's clerks sell them and keep the commission.
CONSIGNMENTS = [
    ("sandu-horsetail-coop", "duyun-yunwu-tea", "荔波小七孔景区店", "小七孔马尾绣寄售柜", "0.1500"),
    ("pan-yuzhen-embroidery", "leishan-kongbai-silver", "西江千户苗寨店", "西江苗绣寄售柜", "0.1800"),
    ("wang-ayu-batik", "danzhai-indigo-house", "丹寨万达小镇店", "万达小镇蜡染寄售柜", "0.1200"),
    ("ma-jinzhong-bonan-knife", "hezhou-brick-carving", "八坊十三巷店", "八坊保安腰刀寄售柜", "0.1500"),
]

# The shop clerk (店员) of the demo: staff of the seller whose shop and counters the counter page opens on.
CLERK = {"mobile": "13900000004", "name": "店员·韦小芳", "seller": "duyun-yunwu-tea", "shop": "荔波小七孔景区店"}

# The shopper's delivery address.
SHOPPER_ADDRESS = {"name": "陈晓", "mobile": "13900000003", "region": "310104",
                   "detail": "天钥桥路100弄5号1202室"}

# Promotions: every difference from the list price is one of these. ``window`` is (start, end) in days from
# the day of loading, or a weekday evening (weekday 0 = Monday, hour, minutes, hours long) for a live stream.
PROMOTIONS = [
    {"seller": "duyun-yunwu-tea", "name": "冬茶季·明前礼盒网店特惠", "kind": "price", "value": "858.00",
     "products": ["都匀毛尖明前礼盒"], "channels": ["web"], "limit": 1, "days": (-1, 30)},
    {"seller": "guanghe-halal-meat", "name": "周六直播间专享·清真酱牛肉85折", "kind": "percent", "value": "15.00",
     "products": ["清真酱牛肉（原味）", "河州风干牛肉（麻辣）"], "channels": ["live_stream"], "limit": 3,
     "evening": (5, 19, 30, 3)},
]

# The shopper's orders: one delivered to the address, one waiting at the clerk's shop with its pick-up code.
ORDERS = [
    {"key": "delivered", "seller": "wang-ayu-batik", "product": "蜡染铜鼓纹方巾", "sku": 0, "quantity": 1,
     "fulfilment": "deliver", "tracking": "SF1402883655210"},
    {"key": "pickup", "seller": "duyun-yunwu-tea", "product": "都匀毛尖明前礼盒", "sku": 0, "quantity": 1,
     "fulfilment": "pickup", "shop": "荔波小七孔景区店"},
]

# Farm to table: one spring lot of 都匀毛尖, leaves → tea, inspected, packed, shipped to the shop and sold there.
TEA_STORY = {
    "seller": "duyun-yunwu-tea", "product": "都匀毛尖特级绿茶", "sku": 1, "lot_prefix": "DY", "lot_suffix": "A17",
    "garden": {"ref": "00901", "name": "螺蛳壳茶园3号地块", "address": "都匀市毛尖镇螺蛳壳茶园"},
    "leaves": {"item": "90001", "lot_prefix": "LSK", "kg": 360, "field": "螺蛳壳茶园3号地块",
               "grade": "一芽一叶初展", "variety": "都匀毛尖（苔茶）群体种"},
    "workshop": "螺蛳壳制茶工坊", "shop": "荔波小七孔景区店", "tea_kg": 80, "boxes": 240, "shipped": 60,
    "harvest_day": (3, 28), "shelf_days": 540,
    "inspection": {"inspector": "黔南州产品质量检验检测院", "number": "QNJ-2026-CY0412",
                   "issuer": "黔南州产品质量检验检测院",
                   "note": "农药残留（GB 2763）、重金属等42项指标全部合格；绿色食品证书 LB-15-24060512345A。"},
}

# A cold chain: a lot of 清真酱牛肉 made at the plant, inspected, packed in a cold box and driven to the shop in
# Linxia by refrigerated truck, its logger reporting every half hour.
BEEF_STORY = {
    "seller": "guanghe-halal-meat", "product": "清真酱牛肉（原味）", "sku": 0, "lot_prefix": "GH",
    "plant": {"ref": "00902", "name": "三甲集清真肉制品加工厂", "address": "广河县三甲集镇工业园区清真食品加工区"},
    "shop": "临夏八坊十三巷肉铺", "made": 96, "shipped": 48, "shelf_days": 30, "days_ago": 2,
    "truck": "甘N·3J218 冷藏车", "logger": "urn:chushan:logger:GHQZ-CC-07",
    # (minutes after leaving, min, max, mean) in °C
    "readings": [(30, 1.8, 3.4, 2.6), (60, 2.0, 3.9, 2.9), (90, 2.3, 4.4, 3.2), (120, 2.1, 3.7, 2.8)],
    "inspection": {"inspector": "广河县动物卫生监督所", "number": "A6229240260112",
                   "issuer": "广河县动物卫生监督所",
                   "note": "动物检疫合格证明（产品A）；清真食品认证 临民宗清真字〔2023〕第0088号，清真监制。"},
}
