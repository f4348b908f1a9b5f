"""Second HELD-OUT set, written after the first round of tuning and before the second.

Scored on the original matcher and on round one before any change for round two, then once at the
end (``python -m tests.art.score heldout2``). Never tuned on. Same format as ``heldout.py``.
"""

from __future__ import annotations

Row = tuple[str, str, str]

EN: list[Row] = [
    (
        "Our bakery opens early so you can grab warm bagels on the way to the office.",
        "bagel bread croissant",
        "bread baguette",
    ),
    (
        "Save up to 30% on hotel stays when you book with our app.",
        "hotel bed mobile-phone* money-bag",
        "building* bed* device-mobile* percentage* discount*",
    ),
    (
        "Our trainers build a plan around your goals, whether that is strength or endurance.",
        "person-lifting-weights* man-lifting-weights woman-lifting-weights flexed-biceps "
        "direct-hit person-running*",
        "barbell stretching* target* run*",
    ),
    (
        "Transfer money to family overseas with a single tap.",
        "money-with-wings dollar-banknote globe-* money-bag",
        "cash* transfer* world* coin* arrows-exchange*",
    ),
    (
        "Learn piano at your own pace with step-by-step video lessons.",
        "musical-keyboard musical-note* musical-score video-camera",
        "piano music* video*",
    ),
    (
        "This gentle shampoo keeps your hair soft and shiny.",
        "lotion-bottle sparkles droplet soap",
        "bottle* droplet* sparkles* wash*",
    ),
    (
        "Find your dream home with our smart property search.",
        "house* house-with-garden houses magnifying-glass-*",
        "home* building* search",
    ),
    (
        "Our winter jackets keep you warm on the coldest mountain hikes.",
        "coat snowflake mountain snow-capped-mountain",
        "shirt* snowflake mountain jacket*",
    ),
    ("Order sushi for two and get free miso soup.", "sushi", "fish* bowl* soup"),
    (
        "Your kids will love our weekend coding camp.",
        "laptop technologist* child* robot",
        "code* device-laptop robot mood-kid*",
    ),
    ("Get a free eye test with every pair of glasses.", "glasses eye", "eyeglass* eye*"),
    (
        "We plant a tree for every order you place.",
        "deciduous-tree evergreen-tree seedling",
        "tree* plant* seedling*",
    ),
    ("Enjoy a cold beer on our riverside terrace.", "beer-mug clinking-beer-mugs", "beer*"),
    (
        "Insure your car in five minutes, straight from your phone.",
        "automobile shield mobile-phone*",
        "car* shield* device-mobile*",
    ),
    ("Our dog walkers take your puppy out twice a day.", "dog* dog-face poodle guide-dog", "dog* paw"),
    ("Fresh pasta made in house every morning.", "spaghetti", "tools-kitchen* bowl*"),
]
ZH: list[Row] = [
    ("每天一杯豆浆，营养又健康", "glass-of-milk cup-with-straw", "glass* cup* milk* bottle*"),
    (
        "我们的健身房二十四小时开放",
        "person-lifting-weights* man-lifting-weights woman-lifting-weights",
        "barbell clock* stretching*",
    ),
    (
        "一部手机，管理你所有的银行卡",
        "mobile-phone* credit-card bank",
        "device-mobile* credit-card* building-bank",
    ),
    ("寒假带孩子去滑雪吧", "skier snowflake snow-capped-mountain", "ski* snowflake mountain"),
    ("这家面馆的牛肉面汤浓面劲道", "steaming-bowl", "bowl* soup"),
    (
        "新款蓝牙音箱，低音更震撼",
        "speaker-high-volume speaker*",
        "speakerphone device-speaker* volume* music*",
    ),
    ("专业摄影师为你拍摄婚纱照", "camera camera-with-flash bride-with-veil wedding", "camera* photo*"),
    (
        "用我们的记账软件，轻松管理每一笔开销",
        "ledger receipt money-bag notebook* chart-*",
        "receipt* wallet report-money notebook* calculator chart*",
    ),
]
FEATURES: list[tuple[str, str]] = [
    ("Eco friendly", "leaf* recycle plant*"),
    ("Organic", "leaf* plant* seedling"),
    ("Free Wi-Fi", "wifi*"),
    ("Comfortable", "armchair* sofa feather bed*"),
    ("Stylish", "sparkle* shirt* hanger*"),
    ("Great value", "coin* tag* discount* pig-money cash* moneybag*"),
    ("Quick checkout", "shopping-cart* credit-card* bolt"),
    ("Secure", "lock* shield*"),
    ("Smart home", "home* bulb*"),
    ("Gift wrapping", "gift"),
    ("正品保证", "shield* certificate* rosette*"),
    ("七天无理由退货", "arrow-back* truck-return receipt-refund package*"),
    ("营养丰富", "apple carrot leaf* salad heart*"),
    ("大容量", "battery* database* box* package*"),
    ("超长续航", "battery*"),
    ("专业团队", "users* user* briefcase"),
]
