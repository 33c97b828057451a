"""Demo sellers of Guizhou and Linxia, their certificates, credit history and product lines.

The people and businesses are invented; places, heritage items and brands are real. Owner mobile numbers are
1990000xxxx, a range no real subscriber holds. Certificate dates are days relative to the day of loading, so
the demo stays current; business licences run 长期 (long term).
"""

DEMO_PASSWORD = "chushan-demo-2026"

# (mobile, display name, role) — role is a group in accounts.roles, or "" for a shopper.
DEMO_USERS = [
    ("13900000001", "平台运营·周敏", "operators"),
    ("13900000002", "准入审核·龙海燕", "reviewers"),
    ("13900000003", "游客·陈晓", ""),
]

ICH_ISSUERS = {
    ("52", 4): "文化和旅游部", ("62", 4): "文化和旅游部",
    ("52", 3): "贵州省文化和旅游厅", ("62", 3): "甘肃省文化和旅游厅",
    ("5226", 2): "黔东南苗族侗族自治州文化广电旅游局", ("5227", 2): "黔南布依族苗族自治州文化广电旅游局",
    ("5203", 2): "遵义市文化广电旅游局", ("5205", 2): "毕节市文化广电旅游局", ("5206", 2): "铜仁市文化广电旅游局",
    ("6229", 2): "临夏回族自治州文化广电和旅游局",
}
GREEN_ISSUER = "中国绿色食品发展中心"
ORGANIC_ISSUER = "中绿华夏有机产品认证中心"
HALAL_ISSUER = "临夏回族自治州民族宗教事务委员会"
GI_ISSUER = "国家知识产权局"


def ich(item, level, holder, number, *, since=-1500, until=1000, status="approved", issuer=None):
    return {"kind": "ich_inheritor", "heritage_item": item, "ich_level": level, "holder_name": holder,
            "number": number, "issuer": issuer, "since": since, "until": until, "status": status}


def cert(kind, number, *, issuer=None, brand=None, since=-600, until=500, status="approved", reason=""):
    return {"kind": kind, "number": number, "issuer": issuer, "brand": brand, "since": since, "until": until,
            "status": status, "reason": reason}


def halal(number, **kw):
    return cert("halal", number, issuer=HALAL_ISSUER, **kw)


def green(number, **kw):
    return cert("green_food", number, issuer=GREEN_ISSUER, **kw)


def organic(number, **kw):
    return cert("organic", number, issuer=ORGANIC_ISSUER, **kw)


def brand(slug, number, **kw):
    """A regional public brand licence; the issuer is the brand's owner body."""
    return cert("brand_licence", number, brand=slug, **kw)


def gi(slug, number, **kw):
    return cert("geographic_indication", number, issuer=GI_ISSUER, brand=slug, **kw)


# Every seller: n (owner mobile 1990000nnnn), slug, code (SKU prefix), name, entity, region, ethnic group,
# address, contact (also the maker named in product stories unless maker/maker_en say otherwise), story,
# story_en, certificates, lines [(line, count)], price level, days since admission,
# extra credit events [(kind, count)], status (admitted unless given) and code_prefix: enterprises (91) and
# cooperatives (93) always have a 统一社会信用代码, households registered as 个体工商户 have one (92).
# Whoever has a code also has its business licence on file.
SELLERS = [
    # ===== Guizhou: heritage crafts ====================================================================
    dict(n=101, slug="danzhai-yangwu-batik-coop", code="DZYW", name="丹寨县扬武苗族蜡染农民专业合作社",
         entity="cooperative", region="522636", ethnic="miao", address="丹寨县扬武镇排莫村", contact="杨秀梅",
         story="合作社由排莫村四十多位苗族绣娘、画娘组成，理事长杨秀梅是省级蜡染传承人。大家农闲画蜡、农忙种地，"
               "订单让留守妇女在家门口有了收入。",
         story_en="Forty Miao women of Paimo village draw wax between farm seasons; chair Yang Xiumei is a "
                  "provincial batik inheritor. Orders bring an income to women who stayed home.",
         certs=[ich("miao-batik", 3, "杨秀梅", "黔非遗传字〔2018〕第0217号")],
         lines=[("batik", 11), ("batik_kit", 2), ("batik_workshop", 2)], price=1.0, days=980,
         extra=[("late_shipment", 1)]),
    dict(n=102, slug="wang-ayu-batik", code="WAY", name="王阿玉·丹寨苗族蜡染", entity="inheritor",
         region="522636", ethnic="miao", address="丹寨县龙泉镇卡拉村", contact="王阿玉",
         story="王阿玉七岁跟外婆学画蜡，五十年没放下蜡刀。她只用蓼蓝自种自制的靛蓝，一幅大挂毯要画一个多月。"
               "2019年被认定为国家级代表性传承人。",
         story_en="Wang Ayu learned wax drawing from her grandmother at seven and has not put the knife down "
                  "in fifty years; she dyes only with indigo she grows herself. National inheritor since 2019.",
         certs=[ich("miao-batik", 4, "王阿玉", "文旅非遗传〔2019〕05-0612", since=-2400, until=1500)],
         lines=[("batik", 8)], price=1.6, days=1200),
    dict(n=103, slug="danzhai-indigo-house", code="DZLD", name="丹寨县靛蓝坊民族文化有限公司", entity="enterprise",
         region="522636", ethnic="miao", address="丹寨县龙泉镇万达小镇尤公广场12号", contact="吴春兰",
         story="靛蓝坊在丹寨万达小镇开设线下体验店，与周边村寨的画娘签约合作，把蜡染做成年轻人喜欢的日用品。"
               "创始人吴春兰是州级蜡染传承人。",
         story_en="Indigo House runs a shop and workshop in Danzhai town and contracts village wax-painters to "
                  "make batik for everyday use; founder Wu Chunlan is a prefecture-level inheritor.",
         certs=[ich("miao-batik", 2, "吴春兰", "黔东南非遗传字〔2020〕第118号")],
         lines=[("batik", 9), ("batik_kit", 2), ("batik_workshop", 1)], price=1.1, days=700),
    dict(n=104, slug="shiqiao-paper-coop", code="SQZ", name="丹寨县石桥古法造纸农民专业合作社",
         entity="cooperative", region="522636", ethnic="miao", address="丹寨县南皋乡石桥村", contact="王德顺",
         story="石桥村沿南皋河而居，造纸已有一千多年。合作社把散在各家的纸坊联合起来，统一收构皮、统一品质，"
               "古法皮纸卖给书画家和古籍修复机构。",
         story_en="Shiqiao on the Nangao river has made paper for over a thousand years. The cooperative joins "
                  "the family mills, buys bark together and sells to painters and book restorers.",
         certs=[ich("danzhai-bark-paper", 3, "王德顺", "黔非遗传字〔2016〕第0088号", since=-2800, until=700)],
         lines=[("paper", 8), ("paper_workshop", 2)], price=1.0, days=1100, extra=[("complaint_upheld", 1)]),
    dict(n=105, slug="leishan-kongbai-silver", code="KBYS", name="雷山县控拜银匠民族工艺品有限公司",
         entity="enterprise", region="522634", ethnic="miao", address="雷山县西江镇控拜村", contact="吴德明",
         story="控拜村是远近闻名的银匠村，公司由村里十几户银匠合股创办，坚持足银手工锻打，每件作品附成色检测报告。",
         story_en="Kongbai is a famous silversmith village; a dozen families founded the company together and "
                  "forge fine silver by hand, each piece with an assay report.",
         certs=[ich("miao-silver", 3, "吴德明", "黔非遗传字〔2017〕第0154号")],
         lines=[("silver", 10), ("silver_workshop", 1)], price=1.1, days=1000),
    dict(n=106, slug="wu-deyin-silver", code="WDY", name="吴德银·控拜银饰", entity="inheritor",
         region="522634", ethnic="miao", address="雷山县西江镇控拜村三组", contact="吴德银",
         story="吴德银十四岁随父学艺，擅长花丝与錾刻，一套盛装银饰要打半年。他坚持把每道工序讲给来访的年轻人听。",
         story_en="Wu Deyin began at fourteen under his father; a master of filigree and chasing, he spends half "
                  "a year on a full festive set and teaches every step to young visitors.",
         certs=[ich("miao-silver", 2, "吴德银", "黔东南非遗传字〔2019〕第076号")],
         lines=[("silver", 6)], price=1.3, days=600),
    dict(n=107, slug="pan-yuzhen-embroidery", code="PYZ", name="潘玉珍·雷山苗绣", entity="inheritor",
         region="522634", ethnic="miao", address="雷山县丹江镇南猛村", contact="潘玉珍",
         story="潘玉珍擅长破线绣，一根丝线劈成十六股。她带出三十多个徒弟，作品曾在省博物馆展出。",
         story_en="Pan Yuzhen splits a silk thread into sixteen; she has trained over thirty apprentices and "
                  "shown her work at the provincial museum.",
         certs=[ich("miao-embroidery", 3, "潘玉珍", "黔非遗传字〔2018〕第0231号")],
         lines=[("embroidery", 10), ("embroidery_kit", 2)], price=1.4, days=900),
    dict(n=108, slug="taijiang-shidong-embroidery", code="SDX", name="台江县施洞苗绣农民专业合作社",
         entity="cooperative", region="522630", ethnic="miao", address="台江县施洞镇偏寨村", contact="张秀英",
         story="施洞苗绣以破线绣、辫绣见长，合作社组织绣娘统一接单、统一质检，农闲时全村一起绣。",
         story_en="Shidong is known for split-thread and braid embroidery; the cooperative takes orders and "
                  "checks quality for the whole village.",
         certs=[ich("miao-embroidery", 2, "张秀英", "黔东南非遗传字〔2021〕第203号")],
         lines=[("embroidery", 9)], price=1.0, days=500),
    dict(n=109, slug="sandu-horsetail-coop", code="SDMW", name="三都水族自治县板告马尾绣农民专业合作社",
         entity="cooperative", region="522732", ethnic="sui", address="三都水族自治县中和镇板告村", contact="韦桂英",
         story="板告村家家户户做马尾绣，合作社理事长韦桂英是省级传承人，她把背带上的纹样做成胸针、手包，"
               "让更多人认识水族马尾绣。",
         story_en="Every household in Bangao does horsetail embroidery; chair Wei Guiying, a provincial "
                  "inheritor, puts carrier patterns on brooches and bags.",
         certs=[ich("sui-horsetail-embroidery", 3, "韦桂英", "黔非遗传字〔2017〕第0176号")],
         lines=[("horsetail", 8), ("horsetail_kit", 1)], price=1.0, days=1050),
    dict(n=110, slug="dafang-lacquer-house", code="DFQ", name="大方县漆艺坊工艺品有限公司", entity="enterprise",
         region="520521", ethnic="yi", address="大方县顺德街道漆器街18号", contact="王光明",
         story="大方漆器有六百多年历史。漆艺坊坚持用本地生漆，一件茶盘从制胎到推光要两个多月。",
         story_en="Dafang lacquer goes back six centuries; the workshop uses only local raw lacquer, and a tea "
                  "tray takes two months from core to polish.",
         certs=[ich("dafang-lacquer", 3, "王光明", "黔非遗传字〔2016〕第0102号")],
         lines=[("lacquer", 9)], price=1.0, days=880),
    dict(n=111, slug="yuping-flute-co", code="YPXD", name="玉屏侗乡箫笛制作有限公司", entity="enterprise",
         region="520622", ethnic="dong", address="玉屏侗族自治县平溪街道箫笛街6号", contact="姚承志",
         story="玉屏箫笛已有四百多年历史。公司选用玉屏本地水竹，老师傅手工校音，学生笛到收藏级洞箫都做。",
         story_en="Yuping has made flutes for four hundred years; the company uses local water bamboo, tuned by "
                  "hand, from student flutes to collector's dongxiao.",
         certs=[ich("yuping-flute", 3, "姚承志", "黔非遗传字〔2015〕第0045号", since=-3200, until=300)],
         lines=[("flute", 7)], price=1.0, days=1300),
    dict(n=112, slug="long-qihua-lusheng", code="LQH", name="龙启华·排卡芦笙坊", entity="inheritor",
         region="522634", ethnic="miao", address="雷山县丹江镇排卡村", contact="龙启华",
         story="排卡村被称为“芦笙之乡”，龙启华做芦笙四十年，县里学校的芦笙队用的都是他做的笙。",
         story_en="Paika is the home of the lusheng; Long Qihua has made them for forty years, and the county's "
                  "school bands play his.",
         certs=[ich("miao-lusheng-making", 1, "龙启华", "雷山非遗传字〔2020〕第015号",
                    issuer="雷山县文体广电旅游局")],
         lines=[("lusheng", 4)], price=1.0, days=400),
    dict(n=113, slug="majiang-brocade-coop", code="MJZJ", name="麻江县苗族织锦农民专业合作社",
         entity="cooperative", region="522635", ethnic="miao", address="麻江县龙山镇河坝村", contact="石昌英",
         story="合作社的织娘在腰机上一寸寸挑织纹样，理事长石昌英把传统腰带纹样用到手包和围巾上。",
         story_en="The weavers pick patterns inch by inch on back-strap looms; chair Shi Changying brings sash "
                  "patterns to bags and scarves.",
         certs=[ich("miao-brocade", 2, "石昌英", "黔东南非遗传字〔2019〕第091号")],
         lines=[("brocade", 6)], price=1.0, days=650),
    dict(n=114, slug="meng-xiulan-fengxiang", code="MXL", name="蒙秀兰·惠水枫香染", entity="inheritor",
         region="522731", ethnic="bouyei", address="惠水县鸭绒乡甲浪村", contact="蒙秀兰",
         story="蒙秀兰从母亲手里接过枫香染的毛笔，她熬的枫香油防染均匀，线条细如发丝。",
         story_en="Meng Xiulan took up the brush from her mother; her resin resists evenly and her lines are "
                  "hair-fine.",
         certs=[ich("fengxiang-dyeing", 3, "蒙秀兰", "黔非遗传字〔2019〕第0288号")],
         lines=[("fengxiang", 6)], price=1.0, days=720),
    dict(n=115, slug="pingtang-yazhou-pottery", code="YZT", name="平塘县牙舟陶艺有限公司", entity="enterprise",
         region="522727", ethnic="bouyei", address="平塘县牙舟镇陶瓷街", contact="蒙文才",
         story="牙舟陶始于明代，公司恢复了柴窑烧制，釉色自然开片，每件都不一样。",
         story_en="Yazhou pottery dates from the Ming; the company revived the wood kiln, and every crackled "
                  "glaze comes out different.",
         certs=[ich("yazhou-pottery", 3, "蒙文才", "黔非遗传字〔2018〕第0245号")],
         lines=[("pottery", 8)], price=1.0, days=820),
    dict(n=116, slug="chishui-bamboo-coop", code="CSZB", name="赤水市竹编农民专业合作社", entity="cooperative",
         region="520381", ethnic=None, address="赤水市大同镇民族村", contact="罗应祥",
         story="赤水竹林连绵百里，合作社带动两百多户竹农编织，瓷胎竹编茶具远销海外。",
         story_en="Chishui's bamboo forests run for miles; the cooperative employs over two hundred households, "
                  "and its bamboo-covered tea sets sell abroad.",
         certs=[ich("chishui-bamboo-weaving", 2, "罗应祥", "遵义非遗传字〔2019〕第047号")],
         lines=[("bamboo", 7)], price=1.0, days=760),
    dict(n=117, slug="zhang-shaowen-inkstone", code="ZSW", name="张绍文·思州石砚", entity="inheritor",
         region="522626", ethnic=None, address="岑巩县思旸镇", contact="张绍文",
         story="张绍文上山选石从不将就，一方好砚要从几十块石料里挑出来。",
         story_en="Zhang Shaowen never settles when he chooses stone; one good inkstone comes from dozens of "
                  "blocks.",
         certs=[ich("sizhou-inkstone", 3, "张绍文", "黔非遗传字〔2016〕第0131号")],
         lines=[("inkstone", 4)], price=1.2, days=840),
    dict(n=118, slug="liping-dong-embroidery-coop", code="LPDX", name="黎平县侗绣农民专业合作社",
         entity="cooperative", region="522631", ethnic="dong", address="黎平县肇兴镇肇兴村", contact="吴银花",
         story="肇兴侗寨的绣娘们唱着大歌刺绣，合作社还组织研学团，让孩子们在鼓楼下听大歌、学侗绣。",
         story_en="The embroiderers of Zhaoxing sing as they stitch; the cooperative also runs study tours where "
                  "children hear the grand song under the drum tower.",
         certs=[ich("dong-embroidery", 1, "吴银花", "黎平非遗传字〔2021〕第022号", issuer="黎平县文体广电旅游局")],
         lines=[("dong_embroidery", 6), ("dong_song_tour", 1)], price=1.0, days=450),
    dict(n=119, slug="congjiang-yao-bath-coop", code="CJYY", name="从江县瑶浴农民专业合作社", entity="cooperative",
         region="522633", ethnic="yao", address="从江县翠里乡高华村", contact="赵有福",
         story="高华瑶寨家家会配瑶浴药方，合作社统一采药、晾晒、配伍，让瑶浴走出大山。",
         story_en="Every family in Gaohua knows a bath recipe; the cooperative gathers, dries and blends the "
                  "herbs together.",
         certs=[ich("yao-medicinal-bath", 1, "赵有福", "从江非遗传字〔2020〕第009号", issuer="从江县文体广电旅游局")],
         lines=[("yao_bath", 3)], price=1.0, days=380),
    # ===== Guizhou: farm goods ==========================================================================
    dict(n=120, slug="duyun-yunwu-tea", code="DYMJ", name="都匀市云雾毛尖茶业有限公司", entity="enterprise",
         region="522701", ethnic=None, address="都匀市毛尖镇螺蛳壳茶园", contact="罗国强",
         story="公司茶园在螺蛳壳山海拔1200米处，坚持手工搓团提毫，是都匀毛尖区域公用品牌授权企业。",
         story_en="The gardens lie at 1,200 m on Luosike mountain; the leaves are still balled by hand. Licensed "
                  "to use the Duyun Maojian brand.",
         certs=[brand("duyun-maojian", "DYMJ-SQ-2024-031"), gi("duyun-maojian", "GI-2023-0520-0147"),
                green("LB-15-24060512345A"), ich("duyun-maojian-tea", 3, "罗国强", "黔非遗传字〔2022〕第0305号"),
                organic("022OP2400999", since=-200, until=165, status="rejected",
                        reason="证书的认证范围不含本公司螺蛳壳茶园，请上传覆盖该基地的有机证书。")],
         lines=[("tea_duyun", 10), ("tea_workshop", 1)], price=1.0, days=1000),
    dict(n=121, slug="meitan-chaxiang-coop", code="MTCX", name="湄潭县茶香农民专业合作社", entity="cooperative",
         region="520328", ethnic=None, address="湄潭县永兴镇茶海村", contact="何志刚",
         story="合作社三百多户茶农共用一条清洁化生产线，茶园全部按有机标准管理。",
         story_en="Three hundred tea households share one clean processing line, and every garden is managed to "
                  "organic standards.",
         certs=[brand("meitan-cuiya", "MTCY-SQ-2023-112"), organic("022OP2400123"),
                green("LB-15-21050512011A", since=-1500, until=-60, status="expired")],
         lines=[("tea_meitan", 8)], price=1.0, days=900),
    dict(n=122, slug="he-family-tea-garden", code="HJCY", name="何家茶园（水城早春茶）", entity="household",
         region="520221", ethnic="yi", address="水城县杨梅乡茶园村", contact="何光荣",
         story="何家三代种茶，二十亩茶园在海拔1600米的山坡上，每年春茶比江南早一个月上市。",
         story_en="Three generations of the He family tend twenty mu of tea at 1,600 m; their spring tea comes a "
                  "month before the Yangtze's.",
         certs=[brand("shuichengchun", "SCC-SQ-2024-058"), green("LB-15-24030512678A")],
         lines=[("tea_shuicheng", 6)], price=1.0, days=540, code_prefix="92"),
    dict(n=123, slug="zunyi-xiazi-chili", code="XZLJ", name="遵义市播州区虾子辣椒食品有限公司",
         entity="enterprise", region="520304", ethnic=None, address="遵义市播州区虾子镇中国辣椒城B区", contact="陈建华",
         story="公司就在虾子镇“中国辣椒城”，从周边椒农手里收购朝天椒，糍粑辣椒按老手艺石臼舂制。",
         story_en="Based at the Xiazi chili market, the company buys chaotian chillies from nearby farmers and "
                  "pounds ciba chili in stone mortars.",
         certs=[brand("zunyi-chaotian-chili", "ZYLJ-SQ-2024-207"), green("LB-15-23110512890A")],
         lines=[("chili", 10)], price=1.0, days=960),
    dict(n=124, slug="chen-family-chili", code="CJLJ", name="陈家辣椒坊", entity="household", region="520323",
         ethnic=None, address="绥阳县蒲场镇", contact="陈德富",
         story="陈家种了十五亩朝天椒，自家晒椒、自家舂糍粑辣椒，老顾客一买就是十几年。",
         story_en="The Chens grow fifteen mu of chillies, sun-dry and pound them themselves; some customers have "
                  "bought for over a decade.",
         certs=[brand("zunyi-chaotian-chili", "ZYLJ-SQ-2024-388")],
         lines=[("chili", 5)], price=0.9, days=420),
    dict(n=125, slug="xiuwen-gubao-kiwi-coop", code="XWMH", name="修文县谷堡猕猴桃专业合作社", entity="cooperative",
         region="520123", ethnic=None, address="修文县谷堡镇平滩村", contact="李文华",
         story="合作社统一技术、统一采摘标准，贵长猕猴桃糖度达到15度以上才采摘。",
         story_en="Members share methods and picking rules: Guichang kiwis are picked only above 15° Brix.",
         certs=[brand("xiuwen-kiwifruit", "XWMHT-SQ-2024-076"), green("LB-15-24080512456A")],
         lines=[("kiwi", 6)], price=1.0, days=780),
    dict(n=126, slug="li-family-kiwi", code="LJMH", name="李家猕猴桃果园", entity="household", region="520123",
         ethnic=None, address="修文县六屯镇大木村", contact="李正国",
         story="李家果园三十亩，只用农家肥，正在申请有机认证。",
         story_en="Thirty mu of orchard fed only with farmyard manure; the organic certificate is under review.",
         certs=[brand("xiuwen-kiwifruit", "XWMHT-SQ-2024-190"), organic("022OP2500456", since=-20, until=345,
                                                                           status="pending")],
         lines=[("kiwi", 4)], price=0.95, days=300),
    dict(n=127, slug="longli-cili-biotech", code="LLCL", name="贵州龙里刺梨源生物科技有限公司", entity="enterprise",
         region="522730", ethnic=None, address="龙里县谷脚镇刺梨产业园", contact="杨光辉",
         story="公司在龙里建有万亩刺梨基地，鲜果当天压榨成NFC原汁，保留维生素C。",
         story_en="The company's cili plantation in Longli covers thousands of mu; fruit is pressed the same day "
                  "into NFC juice.",
         certs=[brand("guizhou-cili", "GZCL-SQ-2023-045"), green("LB-15-23090512555A"),
                organic("022OP2300789", since=-800, until=-30, status="expired")],
         lines=[("cili", 8)], price=1.0, days=1100),
    dict(n=128, slug="kaili-miaojia-sour-soup", code="KLSS", name="凯里市苗家红酸汤食品有限公司",
         entity="enterprise", region="522601", ethnic="miao", address="凯里市开怀街道经济开发区食品园",
         contact="杨再兴",
         story="公司用野生毛辣角坛装发酵三个月以上，是凯里红酸汤区域公用品牌首批授权企业。",
         story_en="Wild tomatoes ferment in crocks for three months or more; among the first licensees of the "
                  "Kaili red sour soup brand.",
         certs=[brand("kaili-red-sour-soup", "KLHST-SQ-2022-003", since=-1200, until=600),
                green("LB-15-20070512222A", since=-1900, until=-120, status="expired")],
         lines=[("sour_soup", 8)], price=1.0, days=1250),
    # ===== Guizhou: shops without a heritage certificate (lookalikes) =================================
    dict(n=129, slug="kaili-haoke-souvenirs", code="HKLY", name="凯里市好客旅游商品有限公司", entity="enterprise",
         region="522601", ethnic=None, address="凯里市大十字步行街32号", contact="刘志明",
         maker="好客旅游商品", maker_en="Haoke Souvenirs",
         story="景区门口的旅游商品店，卖民族风印花与机绣小物，也代销凯里红酸汤。",
         story_en="A souvenir shop by the scenic area selling ethnic-style prints and machine embroidery, and "
                  "Kaili red sour soup.",
         certs=[brand("kaili-red-sour-soup", "KLHST-SQ-2024-066")],
         lines=[("lookalike_batik", 4), ("lookalike_embroidery", 3), ("lookalike_silver", 3), ("sour_soup", 2)],
         price=1.0, days=360, extra=[("complaint_upheld", 1), ("late_shipment", 2)]),
    dict(n=130, slug="guiyang-qianyun-crafts", code="QYWC", name="贵阳黔韵文创有限公司", entity="enterprise",
         region="520102", ethnic=None, address="贵阳市南明区甲秀楼文创街8号", contact="赵婷",
         maker="黔韵文创", maker_en="Qianyun Crafts",
         story="做贵州元素文创的小公司，印花桌旗、帆布包和刺梨零食卖得最好。",
         story_en="A small company making Guizhou-themed goods; printed runners, canvas bags and cili snacks "
                  "sell best.",
         certs=[brand("guizhou-cili", "GZCL-SQ-2024-131")],
         lines=[("lookalike_batik", 4), ("lookalike_embroidery", 3), ("cili", 2)], price=1.0, days=260),
    # ===== Linxia ==================================================================================
    dict(n=131, slug="hezhou-brick-carving", code="HZZD", name="临夏州河州砖雕艺术有限公司", entity="enterprise",
         region="622901", ethnic="hui", address="临夏市八坊十三巷砖雕街15号", contact="穆永贵",
         story="公司设在八坊十三巷，穆永贵师傅带着二十多位徒弟做砖雕，从清真寺照壁到案头摆件都能做。",
         story_en="In the Bafang lanes master Mu Yonggui and twenty apprentices carve everything from mosque "
                  "screen walls to desk ornaments.",
         certs=[ich("linxia-brick-carving", 3, "穆永贵", "甘非遗传字〔2017〕第0456号")],
         lines=[("brick", 9), ("brick_tour", 2)], price=1.0, days=1150),
    dict(n=132, slug="ma-jianguo-brick", code="MJG", name="马建国·临夏砖雕", entity="inheritor", region="622901",
         ethnic="hui", address="临夏市八坊街道", contact="马建国",
         story="马建国从十六岁学捏活，擅长葡萄、牡丹题材，作品层次多达七层。",
         story_en="Ma Jianguo began modelling at sixteen; his grapes and peonies rise in up to seven layers.",
         certs=[ich("linxia-brick-carving", 2, "马建国", "临州非遗传字〔2021〕第032号")],
         lines=[("brick", 5)], price=1.2, days=480),
    dict(n=133, slug="jishishan-bonan-knife-coop", code="BAYD", name="积石山县保安族腰刀农民专业合作社",
         entity="cooperative", region="622927", ethnic="bonan", address="积石山县大河家镇大墩村", contact="马占福",
         story="大河家是保安腰刀的故乡，合作社联合二十多家刀匠，统一钢材、统一质检。",
         story_en="Dahejia is the home of the Bonan knife; the cooperative joins twenty smiths with shared steel "
                  "and quality checks.",
         certs=[ich("bonan-waist-knife", 2, "马占福", "临州非遗传字〔2019〕第018号")],
         lines=[("knife", 5)], price=1.0, days=900),
    dict(n=134, slug="ma-jinzhong-bonan-knife", code="MJZ", name="马进忠·保安腰刀", entity="inheritor",
         region="622927", ethnic="bonan", address="积石山县大河家镇梅坡村", contact="马进忠",
         story="马进忠家打刀已有五代，他的“什样锦”刀柄用十几种材料镶嵌，是省级代表性传承人。",
         story_en="Ma Jinzhong's family has forged knives for five generations; his 'brocade' handles inlay a "
                  "dozen materials. Provincial inheritor.",
         certs=[ich("bonan-waist-knife", 3, "马进忠", "甘非遗传字〔2014〕第0211号", since=-3600, until=800)],
         lines=[("knife", 5)], price=1.3, days=1000),
    dict(n=135, slug="dongxiang-daban-sheep-coop", code="DBYY", name="东乡族自治县达板羊业农民专业合作社",
         entity="cooperative", region="622926", ethnic="dongxiang", address="东乡族自治县达板镇", contact="马尕西木",
         story="合作社带动三百多户东乡族农户养羊，统一防疫、统一清真屠宰，是东乡手抓羊肉品牌授权单位。",
         story_en="Over three hundred Dongxiang households raise sheep with shared veterinary care and halal "
                  "slaughter; licensed for the Dongxiang mutton brand.",
         certs=[halal("临民宗清真字〔2024〕第0031号"), brand("dongxiang-mutton", "DXSZ-SQ-2023-017")],
         lines=[("mutton", 5)], price=1.0, days=860, extra=[("late_shipment", 1)]),
    dict(n=136, slug="ma-family-shouzhua", code="MJSZ", name="马家手抓羊肉铺", entity="household",
         region="622926", ethnic="dongxiang", address="东乡族自治县锁南镇东塬路", contact="马哈三",
         story="马家在锁南镇开了二十年手抓馆，现在把熟制手抓真空包装，寄给在外打工的老乡。",
         story_en="The Ma family has run a mutton house in Suonan for twenty years and now vacuum-packs it for "
                  "villagers working far away.",
         certs=[halal("临民宗清真字〔2023〕第0118号"), brand("dongxiang-mutton", "DXSZ-SQ-2024-052")],
         lines=[("mutton", 4)], price=0.95, days=500, code_prefix="92"),
    dict(n=137, slug="linxia-bafang-halal-food", code="BFQZ", name="临夏市八坊清真食品有限公司",
         entity="enterprise", region="622901", ethnic="hui", address="临夏市八坊街道新华街66号", contact="马秀兰",
         story="八坊老字号的点心铺，馓子、油香、花馍都按老方子手工做，八宝盖碗茶是招牌。",
         story_en="An old Bafang pastry shop: sanzi, youxiang and flower buns made by hand to old recipes; "
                  "eight-treasure bowl tea is the speciality.",
         certs=[halal("临民宗清真字〔2022〕第0007号", since=-1000, until=800), green("LB-15-24010512777A")],
         lines=[("halal_snacks", 7), ("halal_beef", 2)], price=1.0, days=1200),
    dict(n=138, slug="ma-beef-jerky", code="MJNR", name="马记牛肉干作坊", entity="household", region="622921",
         ethnic="hui", address="临夏县韩集镇", contact="马有才",
         story="马有才的牛肉干用本地黄牛后腿肉，卤煮后挂在院里风干，只做五香和麻辣两种。",
         story_en="Ma Youcai braises hind-leg beef from local cattle and air-dries it in the yard: five-spice "
                  "or spicy only.",
         certs=[halal("临民宗清真字〔2024〕第0203号"), halal("临民宗清真字〔2021〕第0456号", since=-1300, until=-200,
                                                       status="expired")],
         lines=[("halal_beef", 4)], price=0.95, days=700, code_prefix="92"),
    dict(n=139, slug="guanghe-halal-meat", code="GHQZ", name="广河县清真牛羊肉食品有限公司", entity="enterprise",
         region="622924", ethnic="hui", address="广河县三甲集镇牛羊交易市场旁", contact="马正义",
         story="三甲集是西北有名的牛羊集散地，公司按清真规范屠宰分割，冷链发往全国。",
         story_en="Sanjiaji is a famous livestock market of the northwest; the company slaughters and cuts to "
                  "halal rules and ships cold-chain nationwide.",
         certs=[halal("临民宗清真字〔2023〕第0088号")],
         lines=[("halal_beef", 4), ("halal_snacks", 2)], price=1.0, days=640),
    dict(n=140, slug="hezheng-pitguo-coop", code="HZPT", name="和政县啤特果种植农民专业合作社",
         entity="cooperative", region="622925", ethnic="hui", address="和政县松鸣镇", contact="马成龙",
         story="太子山下的啤特果老树有上百年树龄，合作社统一窖藏，冬天发冻果。",
         story_en="Some pite pear trees below Taizi Mountain are a century old; the cooperative cellars the "
                  "fruit together and ships frozen pears in winter.",
         certs=[brand("hezheng-pitguo", "HZPTG-SQ-2024-009"), green("LB-15-23120512333A")],
         lines=[("pear", 3)], price=1.0, days=600),
    dict(n=141, slug="ma-chenglin-felt", code="MCL", name="马成林·东乡擀毡", entity="inheritor", region="622926",
         ethnic="dongxiang", address="东乡族自治县龙泉镇", contact="马成林",
         story="马成林是村里最后几位会擀毡的老匠人之一，他收了三个徒弟，把毡做成坐垫、拖鞋和挂毯。",
         story_en="Ma Chenglin is one of the last felt makers of his village; with three apprentices he makes "
                  "cushions, slippers and wall hangings.",
         certs=[ich("dongxiang-felt", 2, "马成林", "临州非遗传字〔2020〕第011号")],
         lines=[("felt", 5)], price=1.0, days=560),
    dict(n=142, slug="linxia-hezhou-impression", code="HZYX", name="临夏市河州印象工艺品有限公司",
         entity="enterprise", region="622901", ethnic=None, address="临夏市红园路98号", contact="王海军",
         maker="河州印象", maker_en="Hezhou Impression",
         story="景区旁的旅游纪念品店，卖仿砖雕摆件、装饰刀和八宝茶。",
         story_en="A souvenir shop by the park selling brick-style ornaments, decorative knives and bowl tea.",
         certs=[halal("临民宗清真字〔2024〕第0145号")],
         lines=[("lookalike_brick", 2), ("lookalike_knife", 1), ("halal_snacks", 2)], price=1.0, days=300,
         extra=[("complaint_upheld", 1)]),
    # ===== applications awaiting review =========================================================
    dict(n=143, slug="rongjiang-leli-batik-coop", code="RJLL", name="榕江县乐里蜡染农民专业合作社",
         entity="cooperative", region="522632", ethnic="miao", address="榕江县乐里镇本里村", contact="杨老么",
         story="乐里镇的苗族蜡染以几何纹见长，合作社刚刚提交入驻申请。",
         story_en="Leli's Miao batik favours geometric patterns; the cooperative has just applied.",
         certs=[ich("miao-batik", 1, "杨老么", "榕江非遗传字〔2023〕第004号", issuer="榕江县文体广电旅游局",
                    status="pending", since=-400, until=1400)],
         lines=[], price=1.0, days=0, status="submitted"),
    dict(n=144, slug="yongjing-ma-family-farm", code="YJMJ", name="马家家庭农场（永靖）", entity="household",
         region="622923", ethnic="hui", address="永靖县三塬镇", contact="马永福",
         story="永靖黄河边的家庭农场，养牛种枸杞，申请清真认证后想在平台卖牛肉。",
         story_en="A family farm by the Yellow River in Yongjing raising cattle; it hopes to sell beef once its "
                  "halal certificate is reviewed.",
         certs=[halal("临民宗清真字〔2025〕第0311号", since=-10, until=1085, status="pending")],
         lines=[], price=1.0, days=0, status="submitted", code_prefix="92"),
]

# Short place names used in product names ("丹寨苗族蜡染半日体验"), in Chinese and English.
SHORT_PLACES = {
    "522636": "丹寨", "522634": "雷山", "522630": "台江", "522732": "三都", "520521": "大方", "520622": "玉屏",
    "522635": "麻江", "522731": "惠水", "522727": "平塘", "520381": "赤水", "522626": "岑巩", "522631": "黎平",
    "522633": "从江", "522701": "都匀", "520328": "湄潭", "520221": "水城", "520304": "播州", "520323": "绥阳",
    "520123": "修文", "522730": "龙里", "522601": "凯里", "520102": "贵阳", "622901": "临夏", "622927": "积石山",
    "622926": "东乡", "622921": "临夏县", "622924": "广河", "622925": "和政", "622923": "永靖", "522632": "榕江",
}
SHORT_PLACES_EN = {
    "522636": "Danzhai", "522634": "Leishan", "522630": "Taijiang", "522732": "Sandu", "520521": "Dafang",
    "520622": "Yuping", "522635": "Majiang", "522731": "Huishui", "522727": "Pingtang", "520381": "Chishui",
    "522626": "Cengong", "522631": "Liping", "522633": "Congjiang", "522701": "Duyun", "520328": "Meitan",
    "520221": "Shuicheng", "520304": "Bozhou", "520323": "Suiyang", "520123": "Xiuwen", "522730": "Longli",
    "522601": "Kaili", "520102": "Guiyang", "622901": "Linxia", "622927": "Jishishan", "622926": "Dongxiang",
    "622921": "Linxia County", "622924": "Guanghe", "622925": "Hezheng", "622923": "Yongjing", "522632": "Rongjiang",
}
