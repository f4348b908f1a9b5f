"""Sentences from promo copy, with the art a person would accept for each (``*`` ends a prefix).

Each row: (sentence, acceptable illustrations, acceptable icons). An empty tuple means "nothing, or only
something in GENERIC_OK": a sentence with no concrete thing in it.
"""

from __future__ import annotations

F = "fluent-emoji:"
T = "tabler:"

EN: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    (
        "Urban Dreams keeps your laptop, your lunch and your headphones in their own padded places.",
        (F + "laptop", F + "headphone", F + "bento-box", F + "sandwich"),
        (T + "device-laptop", T + "headphones"),
    ),
    (
        "Its water-resistant shell shrugs off rain.",
        (F + "cloud-with-rain", F + "umbrella*", F + "closed-umbrella", F + "droplet", F + "sun-behind-rain-cloud"),
        (T + "cloud-rain", T + "umbrella*", T + "droplet*"),
    ),
    (
        "A built-in charging port powers your phone.",
        (F + "battery", F + "electric-plug", F + "mobile-phone*", F + "low-battery"),
        (T + "battery*", T + "plug*", T + "device-mobile*", T + "phone"),
    ),
    ("It is made from recycled bottles.", (F + "recycling-symbol",), (T + "recycle", T + "bottle")),
    (
        "Our bakery bakes fresh croissants every morning.",
        (F + "croissant", F + "bread", F + "baguette-bread"),
        (T + "bread*", T + "baguette"),
    ),
    ("Grab a hot coffee on your way to work.", (F + "hot-beverage",), (T + "coffee", T + "cup", T + "mug")),
    (
        "Book your dream beach holiday in minutes.",
        (F + "beach-with-umbrella", F + "palm-tree", F + "desert-island"),
        (T + "beach*", T + "plane*", T + "luggage"),
    ),
    (
        "Cheap flights to over 200 cities worldwide.",
        (F + "airplane*", F + "small-airplane", F + "globe-*"),
        (T + "plane*", T + "world*", T + "globe"),
    ),
    (
        "Train harder with our adjustable dumbbells.",
        (F + "person-lifting-weights", F + "man-lifting-weights", F + "woman-lifting-weights", F + "flexed-biceps"),
        (T + "barbell", T + "dumbbell"),
    ),
    (
        "Track every run with GPS and heart-rate data.",
        (F + "person-running*", F + "running-shoe", F + "anatomical-heart", F + "red-heart", F + "round-pushpin"),
        (T + "run*", T + "heart*", T + "activity*", T + "map-pin*", T + "gps", T + "device-heart-monitor",
         T + "device-watch-heart"),
    ),
    (
        "Save money automatically with every purchase.",
        (F + "money-bag", F + "coin", F + "dollar-banknote", F + "money-with-wings"),
        (T + "moneybag*", T + "coin*", T + "pig-money", T + "cash*", T + "wallet"),
    ),
    (
        "Pay securely with your credit card.",
        (F + "credit-card", F + "locked*"),
        (T + "credit-card*", T + "lock*", T + "shield*"),
    ),
    (
        "Watch your investments grow.",
        (F + "chart-increasing", F + "seedling", F + "money-bag"),
        (T + "chart-*", T + "trending-up*", T + "seedling*", T + "moneybag*"),
    ),
    (
        "Write better code with our AI pair programmer.",
        (F + "laptop", F + "robot", F + "technologist", F + "man-technologist", F + "woman-technologist"),
        (T + "code*", T + "robot*", T + "device-laptop", T + "sparkles*", T + "terminal*"),
    ),
    (
        "All your files are backed up to the cloud.",
        (F + "cloud", F + "file-folder", F + "page-facing-up", F + "card-file-box"),
        (T + "cloud*", T + "file*", T + "folder*"),
    ),
    (
        "Learn a new language with five-minute lessons.",
        (F + "open-book", F + "books", F + "graduation-cap", F + "school", F + "speech-balloon", F + "globe-*"),
        (T + "book*", T + "school", T + "language*"),
    ),
    (
        "Our tutors help students ace their exams.",
        (F + "teacher", F + "student", F + "man-student", F + "woman-student", F + "school", F + "graduation-cap", F + "memo", F + "pencil", F + "open-book", F + "books"),
        (T + "school", T + "chalkboard-teacher", T + "pencil*", T + "book*", T + "certificate*"),
    ),
    ("Hot pizza delivered to your door in 30 minutes.", (F + "pizza",), (T + "pizza", T + "truck*")),
    ("Free shipping on every order.", (F + "delivery-truck", F + "package"), (T + "truck*", T + "package*")),
    (
        "Give the perfect gift this Christmas.",
        (F + "wrapped-gift", F + "christmas-tree", F + "santa-claus"),
        (T + "gift*", T + "christmas-tree"),
    ),
    (
        "Sleep better on our memory-foam mattress.",
        (F + "bed", F + "person-in-bed", F + "sleeping-face", F + "zzz"),
        (T + "bed*", T + "moon*", T + "zzz"),
    ),
    (
        "Take your dog for a walk in the park.",
        (F + "dog*", F + "guide-dog", F + "service-dog", F + "poodle", F + "paw-prints", F + "national-park"),
        (T + "dog*", T + "paw"),
    ),
    (
        "We plant a tree for every order.",
        (F + "deciduous-tree", F + "evergreen-tree", F + "seedling", F + "potted-plant"),
        (T + "tree", T + "trees", T + "seedling*", T + "plant*"),
    ),
    (
        "Stream thousands of songs offline.",
        (F + "musical-note*", F + "headphone"),
        (T + "music*", T + "headphones", T + "playlist*"),
    ),
    ("Capture every moment with a 50 MP camera.", (F + "camera*",), (T + "camera*",)),
    (
        "Your data stays private with end-to-end encryption.",
        (F + "locked*", F + "key", F + "shield"),
        (T + "lock*", T + "shield*", T + "key*"),
    ),
]

ZH: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    (
        "每天清晨采摘新鲜的茶叶",
        (F + "teacup-without-handle", F + "leaf-fluttering-in-wind", F + "herb", F + "hot-beverage", F + "teapot",
         F + "leafy-green", F + "seedling", F + "fallen-leaf"),
        (T + "leaf", T + "leaf-2", T + "teapot", T + "cup", T + "mug"),
    ),
    (
        "我们的耳机让你随时随地享受音乐",
        (F + "headphone", F + "musical-note*"),
        (T + "headphones", T + "music*"),
    ),
    ("新款笔记本电脑轻薄便携", (F + "laptop",), (T + "device-laptop",)),
    (
        "下雨天也不怕，防水面料",
        (F + "cloud-with-rain", F + "umbrella*", F + "closed-umbrella", F + "droplet"),
        (T + "cloud-rain", T + "umbrella*", T + "droplet*"),
    ),
    ("用回收的塑料瓶制成", (F + "recycling-symbol",), (T + "recycle", T + "bottle")),
    (
        "手机充电只需三十分钟",
        (F + "mobile-phone*", F + "battery", F + "electric-plug"),
        (T + "device-mobile*", T + "phone*", T + "battery*", T + "plug*"),
    ),
    ("一杯热咖啡开启美好的一天", (F + "hot-beverage",), (T + "coffee", T + "cup", T + "mug")),
    (
        "周末去海边度假",
        (F + "beach-with-umbrella", F + "water-wave", F + "palm-tree", F + "desert-island"),
        (T + "beach*", T + "sailboat*", T + "ripple", T + "sun*", T + "plane*", T + "luggage"),
    ),
    (
        "坚持健身，遇见更好的自己",
        (F + "person-lifting-weights", F + "man-lifting-weights", F + "woman-lifting-weights", F + "flexed-biceps"),
        (T + "barbell", T + "dumbbell", T + "stretching*", T + "run"),
    ),
    (
        "理财从储蓄开始",
        (F + "money-bag", F + "coin", F + "chart-increasing", F + "dollar-banknote", F + "bank"),
        (T + "pig-money", T + "moneybag*", T + "coin*", T + "chart-*", T + "wallet"),
    ),
    (
        "在线课程帮助孩子学习编程",
        (F + "laptop", F + "open-book", F + "books", F + "child", F + "technologist", F + "school",
         F + "graduation-cap"),
        (T + "code*", T + "book*", T + "school", T + "device-laptop"),
    ),
    ("新鲜出炉的面包", (F + "bread", F + "baguette-bread", F + "croissant"), (T + "bread*",)),
    (
        "送她一束鲜花",
        (F + "bouquet", F + "white-flower", F + "tulip", F + "rose", F + "hibiscus", F + "cherry-blossom",
         F + "sunflower", F + "blossom"),
        (T + "flower*", T + "plant*"),
    ),
    ("快递次日送达", (F + "delivery-truck", F + "package"), (T + "truck*", T + "package*")),
    (
        "支持信用卡和手机支付",
        (F + "credit-card", F + "mobile-phone*"),
        (T + "credit-card*", T + "device-mobile*", T + "wallet"),
    ),
    ("让你的数据更安全", (F + "locked*", F + "shield", F + "key"), (T + "lock*", T + "shield*")),
]

# Sentences with nothing concrete: nothing, or at most one of GENERIC_OK.
NOTHING: list[tuple[str, str]] = [
    ("We believe in you.", "en"),
    ("Together we can do more every day.", "en"),
    ("It's simple, fast and made for people like you.", "en"),
    ("Quality you can trust.", "en"),
    ("我们相信你", "zh"),
    ("每天都是新的开始", "zh"),
    ("一起创造更美好的未来", "zh"),
]
GENERIC_OK = (
    F + "sparkles", F + "red-heart", F + "handshake", F + "star", F + "glowing-star", F + "folded-hands",
    T + "sparkles*", T + "heart*", T + "star*", T + "thumb-up*", T + "rosette*",
)

# Short feature phrases for feature cards: icon_for's answer must be one of these.
FEATURES: list[tuple[str, tuple[str, ...]]] = [
    ("Baked at 4 am", (T + "clock*", T + "alarm*")),
    ("Local flour", (T + "wheat",)),
    ("Free shipping", (T + "truck*", T + "package*")),
    ("24/7 support", (T + "headset", T + "lifebuoy", T + "message*", T + "phone*", T + "help*")),
    ("Secure checkout", (T + "lock*", T + "shield*", T + "credit-card*")),
    ("Fast delivery", (T + "truck*", T + "package*")),
    ("Money-back guarantee", (T + "cash*", T + "moneybag*", T + "coin*", T + "receipt-refund", T + "shield*")),
    ("Eco-friendly packaging", (T + "recycle", T + "leaf*", T + "package*", T + "box*", T + "plant*")),
    ("Free wifi", (T + "wifi*",)),
    ("Dog friendly", (T + "dog*", T + "paw")),
    ("现烤面包", (T + "bread*",)),
    ("全国包邮", (T + "truck*", T + "package*")),
]


def acceptable(ref: str, accepted: tuple[str, ...]) -> bool:
    return any(ref.startswith(a[:-1]) if a.endswith("*") else ref == a for a in accepted)
