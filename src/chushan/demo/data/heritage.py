"""Real intangible cultural heritage items (非遗代表性项目) of Guizhou and Linxia, and regional public brands.

Levels: 4 national, 3 provincial (heritage.models.ListLevel). A list number is given only where it is known;
the region is the county (or city) that holds the listing, as a GB/T 2260 code of the bundled division table.
"""

NATIONAL, PROVINCIAL, CITY, COUNTY = 4, 3, 2, 1

# (slug, name, English name, level, category, list number, region code, ethnic group code or None,
#  description, English description)
HERITAGE_ITEMS = [
    # --- Guizhou: crafts that become products ------------------------------------------------------
    ("miao-batik", "苗族蜡染技艺", "Miao batik (wax-resist dyeing)", NATIONAL, "craftsmanship", "Ⅷ-25",
     "522636", "miao",
     "以铜蜡刀蘸熔化的蜂蜡，在自织土布上画出鸟纹、蝴蝶纹、漩涡纹，再入蓼蓝靛缸反复浸染、沸水脱蜡，布面留下自然冰纹。"
     "丹寨苗族妇女世代相传，2006年列入第一批国家级非物质文化遗产名录。",
     "Danzhai Miao women draw birds, butterflies and spirals in beeswax on home-woven cloth with a copper knife, "
     "dye it in indigo many times and boil the wax away, leaving a fine natural crackle. On the first national "
     "list (2006)."),
    ("miao-embroidery", "苗绣", "Miao embroidery", NATIONAL, "fine_arts", "", "522634", "miao",
     "苗族刺绣技法有平绣、破线绣、辫绣、锁绣、堆绣、锡绣等十余种，图案记录迁徙史诗与创世神话，被称为“穿在身上的史书”。"
     "雷山、贵阳花溪、剑河等地苗绣列入国家级名录。",
     "Miao embroidery uses more than ten stitches (flat, split-thread, braid, chain, appliqué, tin thread) to record "
     "migration epics and creation myths: 'history worn on the body'. Leishan, "
     "Huaxi and Jianhe are listed nationally."),
    ("sui-horsetail-embroidery", "水族马尾绣", "Sui horsetail embroidery", NATIONAL, "fine_arts", "", "522732", "sui",
     "以白丝线紧裹马尾鬃作芯线，盘绣出浮雕般的轮廓，再以彩色丝线填心，多用于背带、围腰与绣花鞋，经久不变形。"
     "三都水族自治县的水族马尾绣2006年列入国家级名录。",
     "Horse-tail hair wrapped tightly in white silk is couched into raised outlines, then filled with coloured silk; "
     "used on baby carriers, aprons and shoes. Sandu's Sui horsetail embroidery was listed nationally in 2006."),
    ("miao-silver", "苗族银饰锻制技艺", "Miao silver forging", NATIONAL, "craftsmanship", "Ⅷ-40", "522634", "miao",
     "经熔银、锻打、錾刻、拉丝、掐丝、编结、焊接等三十余道工序，打造银角、银冠、项圈、手镯与银衣片。"
     "雷山控拜、麻料等“银匠村”家家户户以此为业。",
     "More than thirty steps, from melting, hammering and chasing to wire-drawing, filigree and soldering, make "
     "the silver horns, crowns, torques and bracelets of Miao dress. Whole "
     "'silversmith villages' in Leishan live by it."),
    ("danzhai-bark-paper", "皮纸制作技艺（丹寨石桥古法造纸）", "Bark paper making (Shiqiao, Danzhai)", NATIONAL,
     "craftsmanship", "", "522636", "miao",
     "以构树皮为原料，经浸泡、蒸煮、漂洗、捶打、打槽、抄纸、压榨、晒纸等工序制成，纸质绵韧、久存不腐；"
     "石桥工匠还把鲜花、树叶抄入纸中，制成花草纸。",
     "Paper-mulberry bark is soaked, cooked, washed, beaten, formed on a screen, pressed and sun-dried into soft, "
     "durable paper; Shiqiao papermakers also lay fresh flowers and leaves into the sheet."),
    ("duyun-maojian-tea", "都匀毛尖茶制作技艺", "Duyun Maojian tea making", NATIONAL, "craftsmanship", "Ⅷ-148",
     "522701", None,
     "采清明前后一芽一叶初展的鲜叶，经摊青、杀青、揉捻、搓团提毫、烘干等工序手工制成，成茶卷曲似鱼钩、白毫显露，"
     "汤色黄绿明亮。作为绿茶制作技艺的扩展项目列入国家级名录。",
     "Buds with one opening leaf, picked around Qingming, are spread, fixed, rolled, balled to raise the down and "
     "dried by hand into hook-shaped, downy leaves that brew a bright yellow-green. Listed nationally under green "
     "tea making."),
    ("yuping-flute", "玉屏箫笛制作技艺", "Yuping flute making", NATIONAL, "craftsmanship", "", "520622", "dong",
     "选用当地水竹，经选料、烘烤校直、钻孔、校音、雕刻龙凤花纹等数十道工序制成“平箫玉笛”，音色清越，已有四百余年历史。",
     "Local water bamboo is chosen, straightened over fire, bored, tuned and carved with dragons and phoenixes into "
     "the clear-voiced vertical and transverse flutes of Yuping, made for more than four hundred years."),
    ("dafang-lacquer", "大方漆器髹饰技艺", "Dafang lacquerware", NATIONAL, "craftsmanship", "", "520521", "yi",
     "以本地生漆为料，皮胎、木胎、脱胎为骨，经数十道髹漆、打磨、推光、描金、彩绘工序制成，漆面光亮如镜、耐热耐酸。",
     "Raw lacquer from local trees is laid over leather, wood or a hollow cloth core in dozens of coats, polished "
     "and painted in gold and colour: mirror-bright, heat- and acid-proof."),
    ("miao-lusheng-making", "苗族芦笙制作技艺", "Miao lusheng making", NATIONAL, "craftsmanship", "", "522634", "miao",
     "以白苦竹为笙管、杉木为笙斗、响铜为簧片，调音全凭匠人耳力；雷山排卡村被誉为“芦笙之乡”。",
     "Bamboo pipes, a fir-wood wind chest and brass reeds, tuned by ear alone; Paika village in Leishan is known "
     "as the home of the lusheng."),
    ("dong-timber-architecture", "侗族木构建筑营造技艺", "Dong timber architecture", NATIONAL, "craftsmanship", "",
     "522631", "dong",
     "鼓楼、风雨桥与吊脚木楼以杉木榫卯相接、不用一钉，掌墨师以竹签“香杆”记尺寸、以墨斗定规矩。",
     "Drum towers, wind-and-rain bridges and stilt houses are joined in fir without a single nail; the master "
     "carpenter keeps every measure on bamboo rods."),
    ("miao-stilt-house", "苗寨吊脚楼营造技艺", "Miao stilt-house building", NATIONAL, "craftsmanship", "",
     "522634", "miao",
     "依山就势的穿斗式木结构：底层圈养牲畜、中层起居、顶层储粮，西江千户苗寨是其集中代表。",
     "Timber frames stepped into the hillside: animals below, family in the middle, grain under the roof. Xijiang's "
     "thousand-household village is the best-known example."),
    ("miao-brocade", "苗族织锦技艺", "Miao brocade weaving", NATIONAL, "craftsmanship", "", "522635", "miao",
     "在腰机或斜织机上以通经断纬挑织几何纹、鸟纹与花草纹，色彩浓烈，用于衣袖、背带与腰带。"
     "2008年列入第二批国家级名录。",
     "Geometric, bird and flower patterns are picked into the weft on a back-strap or slanted loom in strong "
     "colours, for sleeves, baby carriers and sashes. On the second national list (2008)."),
    ("fengxiang-dyeing", "枫香印染技艺", "Maple-resin resist dyeing", NATIONAL, "craftsmanship", "", "522731", "bouyei",
     "以枫香树脂混合牛油熬成防染剂，用毛笔在白布上勾画花鸟纹样，再入靛缸浸染，线条细如发丝。"
     "2008年列入第二批国家级名录。",
     "Sweetgum resin cooked with tallow is painted onto cloth with a brush, then dyed in indigo: lines as fine as "
     "hair. On the second national list (2008)."),
    ("yazhou-pottery", "牙舟陶器烧制技艺", "Yazhou pottery", NATIONAL, "craftsmanship", "", "522727", "bouyei",
     "以当地黏土手工拉坯、捏塑，施以独特的玻璃质釉，釉面自然开片、色泽斑斓，器形多为动物造型与日用器皿。",
     "Local clay is thrown and modelled by hand and covered in a glassy glaze that crazes into mottled colour; "
     "animal figures and everyday vessels."),
    ("chishui-bamboo-weaving", "竹编（赤水竹编）", "Chishui bamboo weaving", NATIONAL, "fine_arts", "", "520381", None,
     "取赤水慈竹、楠竹劈成细如发丝的竹丝，编成竹丝扇、瓷胎竹编茶具与竹编画，薄如蝉翼、纹理细密。",
     "Chishui bamboo is split into hair-thin strands and woven into fans, bamboo-covered porcelain tea sets and "
     "woven pictures, fine as a cicada's wing."),
    ("dong-embroidery", "侗族刺绣", "Dong embroidery", PROVINCIAL, "fine_arts", "", "522631", "dong",
     "侗族刺绣以平绣、锁绣、盘绣、贴布绣为主，纹样多太阳、蜘蛛（萨天巴）、龙与花鸟，用于背带、围兜与童帽。",
     "Dong embroidery (flat, chain, coiled and appliqué stitches) shows the sun, the spider goddess Sa Tianba, "
     "dragons, flowers and birds on baby carriers, bibs and children's hats."),
    ("miao-paper-cutting", "剪纸（苗族剪纸）", "Miao paper-cutting", NATIONAL, "fine_arts", "", "522629", "miao",
     "苗族剪纸原是刺绣的底样，剪出龙、鸟、蝴蝶、鱼与枫木，贴在布上再行绣制，也可独立装裱成画。",
     "Miao paper-cuts began as embroidery templates (dragons, birds, butterflies, fish and maple trees) and are "
     "also framed as pictures."),
    ("miao-hundred-bird-robe", "苗族百鸟衣", "Miao hundred-bird robe", PROVINCIAL, "fine_arts", "", "522636", "miao",
     "祭祀鼓藏节时穿着的盛装，以蜡染、刺绣与白鸡毛缀饰拼合而成，衣上百鸟纹寄托对锦鸡与祖先的崇敬。",
     "The ceremonial robe of the drum festival, pieced from batik and embroidery and hung with white feathers; "
     "its hundred birds honour the golden pheasant and the ancestors."),
    ("sizhou-inkstone", "思州石砚制作技艺", "Sizhou inkstone carving", PROVINCIAL, "craftsmanship", "", "522626", None,
     "采岑巩思州石，石质细腻、发墨不损毫，经选石、制璞、雕刻、打磨、上蜡而成，明清时曾为贡品。",
     "Fine-grained Sizhou stone from Cengong that grinds ink without wearing the brush is chosen, shaped, carved, "
     "polished and waxed; a tribute article under the Ming and Qing."),
    ("yao-medicinal-bath", "瑶族医药（药浴疗法）", "Yao medicinal bath", NATIONAL, "medicine", "", "522633", "yao",
     "从江瑶族采集山中数十种草药熬成药汤浸浴，用以驱寒除湿、解乏，配方口传心授。",
     "Congjiang's Yao boil dozens of mountain herbs into a bath against cold, damp and fatigue; the recipes pass "
     "by word of mouth."),
    # --- Guizhou: song, dance, drama, festivals (experiences and study tours) ----------------------
    ("dong-grand-song", "侗族大歌", "Grand song of the Dong", NATIONAL, "music", "", "522631", "dong",
     "无指挥、无伴奏的多声部合唱，模仿蝉鸣、流水与鸟叫，2006年列入国家级名录，2009年列入联合国教科文组织人类非遗代表作名录。",
     "Polyphonic choral singing without conductor or accompaniment that imitates cicadas, water and birds; listed "
     "nationally in 2006 and by UNESCO in 2009."),
    ("dong-pipa-song", "侗族琵琶歌", "Dong pipa songs", NATIONAL, "music", "", "522632", "dong",
     "侗族男女以琵琶自弹自唱，叙事、抒情与行歌坐月的情歌兼有，曲调婉转。",
     "Dong men and women sing to their own pipa: narrative songs, lyrical songs and courting songs."),
    ("dong-opera", "侗戏", "Dong opera", NATIONAL, "drama", "", "522631", "dong",
     "以侗语演唱、二胡与琵琶伴奏的民族戏剧，剧目多取材于侗族传说与汉族故事。",
     "Drama sung in Dong to erhu and pipa, drawn from Dong legends and Han stories."),
    ("miao-ancient-songs", "苗族古歌", "Miao ancient songs", NATIONAL, "folk_literature", "Ⅰ-1", "522630", "miao",
     "以盘歌对唱的形式传唱开天辟地、枫木生人、洪水滔天与跋山涉水的创世史诗，是苗族的百科全书。",
     "Antiphonal songs of creation, of people born from the maple tree, of the flood and the long migration: the "
     "encyclopaedia of the Miao."),
    ("jinji-lusheng-dance", "芦笙舞（锦鸡舞）", "Golden-pheasant lusheng dance", NATIONAL, "dance", "",
     "522636", "miao",
     "丹寨排调一带苗族女子头插银冠、身着百鸟衣，随芦笙曲模仿锦鸡踏步起舞。",
     "Miao women of Paidiao in Danzhai, in silver crowns and feathered robes, dance the golden pheasant's steps to "
     "the lusheng."),
    ("fanpai-wooden-drum-dance", "木鼓舞（反排苗族木鼓舞）", "Fanpai wooden-drum dance", NATIONAL, "dance", "",
     "522630",
     "miao",
     "台江反排村祭祀祖先时击木鼓而舞，动作粗犷奔放，被誉为“东方迪斯科”。",
     "Danced to the wooden drum when Fanpai village in Taijiang honours its ancestors; wild and exuberant, it is "
     "called the 'disco of the East'."),
    ("miao-sisters-festival", "苗族姊妹节", "Miao Sisters' Meal festival", NATIONAL, "folk_custom", "",
     "522630", "miao",
     "每年农历三月十五前后，施洞一带苗族姑娘盛装踩鼓、对歌，以五色姊妹饭赠予心上人。",
     "Around the fifteenth of the third lunar month the girls of Shidong dance, sing and give coloured 'sisters' "
     "rice' to their sweethearts."),
    ("miao-guzang-festival", "苗族鼓藏节", "Miao drum festival (Guzang)", NATIONAL, "folk_custom", "", "522634", "miao",
     "苗族以宗支为单位祭祀祖先的盛大节日，十三年一大祭，吹芦笙、跳铜鼓舞、杀牛祭祖。",
     "The great ancestral feast of a Miao clan, held in full every thirteen years with lusheng, bronze-drum dances "
     "and sacrifice."),
    ("miao-new-year", "苗年", "Miao New Year", NATIONAL, "folk_custom", "Ⅹ-83", "522634", "miao",
     "秋收之后以苗历岁首辞旧迎新，祭祖、打糯米粑、走寨吃酒、斗牛与芦笙会接连数日。",
     "After the harvest, the Miao calendar turns: ancestors are honoured, sticky-rice cakes pounded, villages visit "
     "each other for days of bullfights and lusheng."),
    ("dong-sama-festival", "侗族萨玛节", "Dong Sama festival", NATIONAL, "folk_custom", "", "522632", "dong",
     "侗族祭祀女性始祖萨玛的节日，全寨妇女盛装列队、唱耶踩歌堂，祈求村寨平安。",
     "The Dong honour their ancestral goddess Sama: women in festive dress sing and dance round the village to keep "
     "it safe."),
    ("sui-script-custom", "水书习俗", "Sui script customs", NATIONAL, "folk_custom", "", "522732", "sui",
     "水书以水族古文字记录天文历法、择吉与祭祀，由“水书先生”传承，用于婚丧、营造与节令。",
     "Sui manuscripts in the old Sui script record calendar, divination and rites; kept by Sui masters for "
     "weddings, funerals, building and festivals."),
    ("sui-duan-festival", "水族端节", "Sui Duan festival", NATIONAL, "folk_custom", "", "522732", "sui",
     "水族的年节，按水历分批过节，祭祖、赛马、吃鱼包韭菜，历时近两个月。",
     "The Sui new year, kept village by village over almost two months with ancestral offerings, horse races and "
     "fish stuffed with chives."),
    ("bouyei-bayin", "布依族八音坐唱", "Bouyei eight-tone ensemble", NATIONAL, "music", "", "522301", "bouyei",
     "以牛骨胡、竹筒琴、月琴、箫筒等八种乐器围坐弹唱，被誉为“声音的活化石”。",
     "Eight instruments (ox-bone fiddle, bamboo zither, moon lute, flutes) played and sung seated in a circle; "
     "'a living fossil of sound'."),
    ("anshun-dixi", "安顺地戏", "Anshun ground opera (Dixi)", NATIONAL, "drama", "", "520402", None,
     "屯堡人戴木雕面具、在平地上演出的征战戏，面具以丁木、白杨木雕刻彩绘，是重要的民间雕刻艺术。",
     "Masked battle plays of the Tunpu people performed on open ground; the carved and painted wooden masks are a "
     "folk art of their own."),
    ("dejiang-nuo-opera", "德江傩堂戏", "Dejiang Nuo opera", NATIONAL, "drama", "", "520626", "tujia",
     "土家族祈福驱邪的傩仪与戏剧相融，艺人戴傩面具演出，保留大量古老剧目与面具。",
     "Tujia rites for blessing and exorcism turned into drama, performed in carved Nuo masks with many old plays."),
    ("cuotaiji", "撮泰吉", "Cuotaiji (Yi masked drama)", NATIONAL, "drama", "", "520526", "yi",
     "威宁彝族正月演出的“变人戏”，演员以布缠身、戴木面具，再现祖先迁徙、农耕与繁衍。",
     "The Yi 'drama of becoming human' of Weining, played at New Year in wooden masks and cloth wrappings: the "
     "ancestors' migration, farming and life."),
    ("shiqian-shuochun", "石阡说春", "Shiqian spring-telling", NATIONAL, "folk_custom", "", "520623", None,
     "立春前后，春官手持春牛走村串户，唱说节令农事、分送春帖，是二十四节气的民俗实践。",
     "Around the start of spring, 'spring officials' carry a spring ox from house to house, singing the season's "
     "farm work and handing out spring almanacs."),
    ("gelao-maolong-festival", "仡佬毛龙节", "Gelao hairy-dragon festival", NATIONAL, "folk_custom", "", "520623",
     "gelao",
     "仡佬族春节期间舞以竹篾扎骨、彩纸剪成“毛”的毛龙，祈求风调雨顺。",
     "At New Year the Gelao dance a dragon of bamboo ribs and shaggy cut paper for rain in season."),
    # --- Linxia (Gansu) ------------------------------------------------------------------------------
    ("linxia-brick-carving", "临夏砖雕", "Linxia brick carving", NATIONAL, "fine_arts", "", "622901", None,
     "以青砖为材，捏活与刻活相结合，雕出牡丹、松鹤、博古与山水，装饰清真寺、拱北与民居照壁。"
     "临夏八坊一带匠人世代相传，2006年列入第一批国家级名录。",
     "Grey bricks are modelled before firing or carved after into peonies, pine and crane, antiques and landscapes "
     "for mosques, shrines and screen walls. Handed down in Linxia's Bafang "
     "quarter; on the first national list (2006)."),
    ("bonan-waist-knife", "保安族腰刀锻制技艺", "Bonan waist-knife forging", NATIONAL, "craftsmanship", "", "622927",
     "bonan",
     "以钢为刃、铜与牛角为柄，经锻打、淬火、磨刃、镶柄等数十道工序，刀身饰“一把手”“什样锦”等纹样，锋利耐用。"
     "积石山保安族世代相传，2006年列入第一批国家级名录。",
     "Steel blades with brass and horn handles, forged, quenched, ground and fitted in dozens of steps and decorated "
     "in 'one hand' and 'brocade' patterns. Handed down among the Bonan of "
     "Jishishan; on the first national list (2006)."),
    ("hezhou-xianxiao", "河州贤孝", "Hezhou Xianxiao ballads", NATIONAL, "quyi", "", "622901", None,
     "以三弦或二胡自弹自唱，说唱忠孝节义故事与地方风情，曲调苍凉，多由盲艺人传承。",
     "Ballads of loyalty and filial piety sung to the three-string lute or erhu, with a plaintive tune, long kept "
     "alive by blind singers."),
    ("songmingyan-huaer", "花儿（松鸣岩花儿会）", "Hua'er songs (Songmingyan festival)", NATIONAL, "music", "",
     "622925",
     None,
     "每年农历四月，和政松鸣岩花儿会上各族群众以河州令对唱花儿，2009年“中国花儿”列入联合国教科文组织人类非遗代表作名录。",
     "Each fourth lunar month people of every nationality sing Hua'er to the Hezhou tunes at Songmingyan in Hezheng; "
     "China's Hua'er was inscribed by UNESCO in 2009."),
    ("lianhuashan-huaer", "花儿（莲花山花儿会）", "Hua'er songs (Lianhuashan festival)", NATIONAL, "music", "",
     "622922", None,
     "农历六月莲花山花儿会，歌手以“串班”形式即兴编唱、此唱彼和，绵延数日。",
     "At the Lianhuashan festival in the sixth lunar month, groups of singers "
     "improvise and answer each other for days."),
    ("dongxiang-felt", "东乡族擀毡技艺", "Dongxiang felt making", PROVINCIAL, "craftsmanship", "",
     "622926", "dongxiang",
     "以羊毛经弹毛、铺毛、喷水、卷压、擀制、洗毡等工序制成毛毡，厚实保暖，常以彩色羊毛擀出吉祥纹样。",
     "Sheep's wool is bowed, laid, wetted, rolled and fulled into thick warm felt, "
     "often with patterns in coloured wool."),
]

# (slug, name, English name, region code, owner body, product type, geographic indication,
#  description, English description)
BRANDS = [
    ("duyun-maojian", "都匀毛尖", "Duyun Maojian tea", "522701", "都匀市茶产业发展中心", "茶叶", True,
     "中国十大名茶之一，产于黔南都匀海拔千米以上的云雾山区，外形卷曲似鱼钩、满披白毫，香高持久。",
     "One of China's ten famous teas, grown above 1,000 m in the misty hills of Duyun: hook-shaped, downy leaves "
     "with a lasting fragrance."),
    ("meitan-cuiya", "湄潭翠芽", "Meitan Cuiya tea", "520328", "湄潭县茶产业发展中心", "茶叶", True,
     "湄潭是贵州茶产业第一县，翠芽扁平光滑、形似葵花籽，栗香浓郁、汤色嫩绿。",
     "Meitan is Guizhou's leading tea county; its flat, smooth Cuiya looks like a sunflower seed and brews a tender "
     "green with a chestnut aroma."),
    ("shuichengchun", "水城春", "Shuichengchun early-spring tea", "520221", "水城县茶叶产业发展中心", "茶叶", False,
     "乌蒙山区低纬度高海拔的早春茶，比江南茶区早发一个月，芽叶肥壮、鲜爽回甘。",
     "Early-spring tea from the low-latitude highlands of the Wumeng Mountains, budding a month before the lower "
     "Yangtze: plump buds, fresh and sweet."),
    ("zunyi-chaotian-chili", "遵义朝天椒", "Zunyi chaotian chili", "520300", "遵义市辣椒产业发展中心", "辣椒", True,
     "椒果朝天生长、色泽红亮、香辣适中，遵义是全国重要的辣椒产区与集散地，虾子镇“中国辣椒城”辐射全国。",
     "Upward-pointing chillies, glossy red with balanced heat; Zunyi is one of China's main chili regions, traded "
     "through the Xiazi chili market."),
    ("xiuwen-kiwifruit", "修文猕猴桃", "Xiuwen kiwifruit", "520123", "修文县猕猴桃产业发展中心", "猕猴桃", True,
     "修文地处黔中喀斯特高原，昼夜温差大，主栽“贵长”品种，果形长圆、果肉翠绿、酸甜适口。",
     "Grown on the karst plateau of central Guizhou with cool nights; the main variety Guichang is long, emerald "
     "and sweet-sour."),
    ("guizhou-cili", "贵州刺梨", "Guizhou cili (Rosa roxburghii)", "520000", "贵州省刺梨产业协会", "刺梨", False,
     "刺梨维生素C含量居水果前列，贵州是全国最大的刺梨产区，龙里、盘州、贵定等地连片种植。",
     "Among the richest fruits in vitamin C; Guizhou is China's largest cili region, with orchards in Longli, "
     "Panzhou and Guiding."),
    ("kaili-red-sour-soup", "凯里红酸汤", "Kaili red sour soup", "522601", "凯里市红酸汤产业协会", "酸汤", True,
     "以野生毛辣角（小番茄）和辣椒经自然发酵而成，酸香醇厚，是苗家酸汤鱼的灵魂。",
     "Wild small tomatoes and chillies naturally fermented into a rich, sour base: the soul of Miao sour-soup fish."),
    ("dongxiang-mutton", "东乡手抓羊肉", "Dongxiang hand-held mutton", "622926", "东乡族自治县羊产业协会", "羊肉", True,
     "东乡贡羊放养于黄土高原山区，肉质细嫩、不膻不腻，清水煮制、手抓而食。",
     "Dongxiang sheep graze the loess hills; their tender, mild meat is simply boiled and eaten by hand."),
    ("hezheng-pitguo", "和政啤特果", "Hezheng pite pear", "622925", "和政县啤特果产业协会", "水果", True,
     "生长于太子山下的冬果梨，采摘后经冬季存放软化，果肉多汁、酸甜如酒，可冻食、可熬汁。",
     "A winter pear from below Taizi Mountain that softens in store: juicy, sweet-sour and wine-like, eaten frozen "
     "or cooked into syrup."),
]
