"""The 56 recognised ethnic groups, in the order of the national standard GB/T 3304."""

ETHNIC_GROUPS = [
    ("han", "汉族", "Han"), ("mongol", "蒙古族", "Mongol"), ("hui", "回族", "Hui"), ("tibetan", "藏族", "Tibetan"),
    ("uyghur", "维吾尔族", "Uyghur"), ("miao", "苗族", "Miao"), ("yi", "彝族", "Yi"), ("zhuang", "壮族", "Zhuang"),
    ("bouyei", "布依族", "Bouyei"), ("korean", "朝鲜族", "Korean"), ("manchu", "满族", "Manchu"),
    ("dong", "侗族", "Dong"), ("yao", "瑶族", "Yao"), ("bai", "白族", "Bai"), ("tujia", "土家族", "Tujia"),
    ("hani", "哈尼族", "Hani"), ("kazakh", "哈萨克族", "Kazakh"), ("dai", "傣族", "Dai"), ("li", "黎族", "Li"),
    ("lisu", "傈僳族", "Lisu"), ("va", "佤族", "Va"), ("she", "畲族", "She"), ("gaoshan", "高山族", "Gaoshan"),
    ("lahu", "拉祜族", "Lahu"), ("sui", "水族", "Sui"), ("dongxiang", "东乡族", "Dongxiang"), ("naxi", "纳西族", "Naxi"),
    ("jingpo", "景颇族", "Jingpo"), ("kyrgyz", "柯尔克孜族", "Kyrgyz"), ("tu", "土族", "Tu"), ("daur", "达斡尔族", "Daur"),
    ("mulao", "仫佬族", "Mulao"), ("qiang", "羌族", "Qiang"), ("blang", "布朗族", "Blang"), ("salar", "撒拉族", "Salar"),
    ("maonan", "毛南族", "Maonan"), ("gelao", "仡佬族", "Gelao"), ("xibe", "锡伯族", "Xibe"),
    ("achang", "阿昌族", "Achang"), ("pumi", "普米族", "Pumi"), ("tajik", "塔吉克族", "Tajik"), ("nu", "怒族", "Nu"),
    ("uzbek", "乌孜别克族", "Uzbek"), ("russian", "俄罗斯族", "Russian"), ("ewenki", "鄂温克族", "Ewenki"),
    ("deang", "德昂族", "De'ang"), ("bonan", "保安族", "Bonan"), ("yugur", "裕固族", "Yugur"), ("gin", "京族", "Gin"),
    ("tatar", "塔塔尔族", "Tatar"), ("derung", "独龙族", "Derung"), ("oroqen", "鄂伦春族", "Oroqen"),
    ("hezhen", "赫哲族", "Hezhen"), ("monba", "门巴族", "Monba"), ("lhoba", "珞巴族", "Lhoba"), ("jino", "基诺族", "Jino"),
]
