"""The category tree: (slug, name, English name, children)."""

CATEGORIES = [
    ("heritage-crafts", "非遗手作", "Heritage crafts", [
        ("batik", "蜡染", "Batik"),
        ("embroidery", "刺绣", "Embroidery"),
        ("silver", "银饰", "Silver jewellery"),
        ("lacquer", "漆器", "Lacquerware"),
        ("bamboo", "竹编", "Bamboo weaving"),
        ("handmade-paper", "古法纸", "Handmade paper"),
        ("brocade-felt", "织锦毡艺", "Brocade and felt"),
        ("instruments", "民族乐器", "Folk instruments"),
        ("pottery", "陶艺", "Pottery"),
        ("carving", "雕刻", "Carving"),
        ("knives", "刀具", "Knives"),
        ("stationery", "文房", "Scholar's desk"),
    ]),
    ("farm-goods", "农特产", "Farm goods", [
        ("tea", "茶叶", "Tea"),
        ("chili", "辣椒", "Chili"),
        ("fruit", "水果", "Fruit"),
        ("cili", "刺梨", "Cili (Rosa roxburghii)"),
        ("sour-soup", "酸汤", "Sour soup"),
        ("herbal", "草本药浴", "Herbal baths"),
    ]),
    ("halal-food", "清真食品", "Halal food", [
        ("beef-mutton", "牛羊肉", "Beef and mutton"),
        ("halal-snacks", "糕点零食", "Snacks and pastries"),
        ("halal-pantry", "调味茶饮", "Pantry and tea"),
    ]),
    ("diy-kits", "DIY材料包", "DIY kits", []),
    ("experiences", "体验课程", "Workshops and courses", []),
    ("study-tours", "研学", "Study tours", []),
]
