"""First held-out set: written before any change and not looked at during the first round of tuning.

Scored once before and once after round one (the figures are in docs/art.md). Its misses were then
read and informed round two, so it is no longer held out: ``heldout2.py`` is. Do not add rows here.
Rows are (sentence, acceptable Fluent Emoji names, acceptable Tabler names) and (feature phrase,
acceptable Tabler names); a trailing ``*`` makes a prefix, as in ``table.py``.
"""

from __future__ import annotations

Row = tuple[str, str, str]

EN: list[Row] = [
    (
        "Our new espresso bar opens at 7 am with freshly baked muffins.",
        "hot-beverage cupcake bread croissant alarm-clock *-oclock",
        "coffee cup mug clock* alarm* bread cake*",
    ),
    (
        "Join our gym this month and get your first personal training session free.",
        "person-lifting-weights man-lifting-weights woman-lifting-weights flexed-biceps",
        "barbell stretching* weight",
    ),
    (
        "Split the bill with friends in one tap.",
        "receipt money-bag dollar-banknote coin credit-card mobile-phone*",
        "receipt* cash* coin* moneybag* credit-card* device-mobile* users* arrows-split*",
    ),
    (
        "Discover hidden beaches and quiet villages on the Amalfi coast.",
        "beach-with-umbrella desert-island houses house* water-wave world-map",
        "beach* map* ripple home*",
    ),
    (
        "Our three-bedroom apartments come with a private balcony and underground parking.",
        "house* houses office-building bed key cityscape*",
        "building* home* bed* parking* car* key",
    ),
    (
        "Learn to code from home with live online classes.",
        "laptop technologist man-technologist woman-technologist desktop-computer house* open-book books",
        "code* device-laptop device-desktop* home* school book* terminal*",
    ),
    (
        "Track your spending and set a monthly budget that works.",
        "chart-increasing chart-decreasing bar-chart money-bag coin dollar-banknote receipt ledger",
        "wallet chart* report-money pig-money moneybag* coin* cash* receipt* calculator",
    ),
    (
        "This vitamin C serum brightens dull skin overnight.",
        "lotion-bottle sparkles droplet test-tube crescent-moon",
        "droplet* sparkles* bottle* moon*",
    ),
    (
        "Rent an electric scooter and skip the traffic jam.",
        "kick-scooter motor-scooter high-voltage",
        "scooter*",
    ),
    (
        "Get fresh flowers delivered to her door for Mother's Day.",
        "bouquet tulip rose blossom cherry-blossom hibiscus sunflower white-flower "
        "wrapped-gift delivery-truck",
        "flower* plant* gift truck*",
    ),
    (
        "Our running shoes cushion every step, mile after mile.",
        "running-shoe person-running* man-running* woman-running*",
        "shoe run*",
    ),
    (
        "Sip a matcha latte in our sunny garden terrace.",
        "teacup-without-handle hot-beverage leafy-green herb potted-plant sun",
        "cup coffee mug leaf* plant* sun",
    ),
    (
        "Protect your family with life insurance from just ten dollars a month.",
        "shield umbrella* family* house* people-hugging",
        "shield* umbrella* home-shield heart-handshake users* home*",
    ),
    ("Our noise-cancelling headphones let you focus on the train.", "headphone", "headphones headset"),
    ("Bring your laptop and work from our cozy coworking space.", "laptop", "device-laptop"),
    (
        "Earn 4% interest on your savings, with no hidden fees.",
        "money-bag coin chart-increasing bank dollar-banknote",
        "pig-money coin* percentage* moneybag* building-bank cash* trending-up* chart*",
    ),
    (
        "Book a relaxing facial and massage at our day spa.",
        "person-getting-massage woman-getting-massage man-getting-massage lotus lotion-bottle",
        "massage spa",
    ),
    (
        "Our chefs cook with seasonal vegetables from local farms.",
        "cook man-cook woman-cook carrot broccoli leafy-green tractor farmer* cooking",
        "chef-hat carrot salad tools-kitchen* plant* tractor leaf*",
    ),
    (
        "Pick up your online order in store within two hours.",
        "shopping-bags shopping-cart package convenience-store department-store",
        "shopping-* building-store package* basket* clock*",
    ),
    (
        "The camera captures sharp photos even at night.",
        "camera camera-with-flash night-with-stars crescent-moon",
        "camera* photo* moon*",
    ),
    (
        "Students can borrow thousands of e-books from the digital library.",
        "books open-book closed-book blue-book green-book orange-book mobile-phone laptop",
        "books book* library* device-tablet",
    ),
    (
        "Wake up to ocean views in our seaside villas.",
        "water-wave beach-with-umbrella house* sunrise desert-island",
        "beach ripple home* sunrise building-cottage",
    ),
    (
        "Kids learn math through playful puzzles and games.",
        "puzzle-piece abacus video-game input-numbers joystick",
        "puzzle* math* abacus device-gamepad*",
    ),
    (
        "Our solar panels cut your electricity bill in half.",
        "sun high-voltage electric-plug",
        "solar-* sun* bolt plug*",
    ),
]

ZH: list[Row] = [
    (
        "周末来我们的咖啡馆，品尝手冲咖啡和自制甜点",
        "hot-beverage shortcake cupcake birthday-cake custard",
        "coffee cup mug cake*",
    ),
    (
        "私人教练一对一指导，帮你科学减脂增肌",
        "person-lifting-weights man-lifting-weights woman-lifting-weights flexed-biceps",
        "barbell stretching* weight",
    ),
    (
        "手机银行转账秒到账，零手续费",
        "mobile-phone* bank money-with-wings dollar-banknote",
        "device-mobile* building-bank cash* transfer* arrows-exchange* exchange coin*",
    ),
    (
        "带上行李箱，说走就走去海岛度假",
        "luggage desert-island beach-with-umbrella airplane*",
        "luggage beach* plane*",
    ),
    ("地铁口精装两居室，拎包入住", "house* metro key bed cityscape*", "home* building* train key bed*"),
    (
        "名师在线直播授课，随时随地学习",
        "teacher man-teacher woman-teacher laptop books open-book video-camera school graduation-cap",
        "school book* device-laptop video* chalkboard* broadcast live*",
    ),
    ("这款面霜温和滋润，适合敏感肌", "lotion-bottle sparkles droplet", "droplet* bottle* sparkles*"),
    (
        "新鲜水果每天从果园直送到家",
        "red-apple green-apple grapes tangerine peach pear cherries strawberry delivery-truck",
        "apple lemon* cherry grape truck*",
    ),
    (
        "这家火锅店的牛肉新鲜又嫩",
        "pot-of-food cut-of-meat meat-on-bone cow* shallow-pan-of-food",
        "meat soup bowl* tools-kitchen*",
    ),
    ("给宝宝选择安全无毒的玩具", "baby teddy-bear kite yo-yo", "baby* horse-toy mood-kid* teddy*"),
    (
        "登山鞋防滑耐磨，陪你征服每一座山",
        "hiking-boot mountain snow-capped-mountain sunrise-over-mountains",
        "mountain shoe trekking",
    ),
    (
        "每月定投，让你的钱慢慢增长",
        "chart-increasing money-bag coin dollar-banknote seedling",
        "chart* trending-up* coin* moneybag* pig-money cash*",
    ),
    ("雨天出门也不怕，这把伞又轻又结实", "umbrella* closed-umbrella cloud-with-rain", "umbrella* cloud-rain"),
    ("我们的猫砂除臭无尘，主子更喜欢", "cat* black-cat", "cat paw"),
    (
        "全新电动汽车，一次充电续航六百公里",
        "automobile electric-plug battery racing-car",
        "car* battery* charging-pile plug*",
    ),
    (
        "手工制作的陶瓷茶杯，送礼自用两相宜",
        "teacup-without-handle teapot wrapped-gift amphora hot-beverage",
        "cup mug teapot gift",
    ),
]

FEATURES: list[tuple[str, str]] = [
    ("Lightweight", "feather weight scale*"),
    ("Next-day delivery", "truck* package*"),
    ("Live chat support", "message* headset headphones lifebuoy help*"),
    ("Free parking", "parking* car*"),
    ("Waterproof", "droplet* umbrella*"),
    ("Low fees", "coin* percentage* cash* receipt* moneybag* discount*"),
    ("Gluten free", "wheat bread* leaf*"),
    ("Kid friendly", "mood-kid* baby* horse-toy"),
    ("Pet friendly", "paw dog* cat"),
    ("Long battery life", "battery*"),
    ("Easy returns", "arrow-back* receipt-refund package* truck-return"),
    ("Cozy", "sofa armchair* home* flame fireplace mug cup bed*"),
    ("Affordable", "coin* cash* pig-money tag* discount* moneybag* percentage*"),
    ("Handmade", "hand-* needle* scissors tools brush palette heart-handshake"),
    ("防水", "droplet* umbrella*"),
    ("轻便", "feather weight"),
    ("送货上门", "truck* package* home*"),
    ("低脂", "leaf* salad heart* apple scale*"),
    ("免费试听", "headphones ear* volume* music* school book* gift"),
    ("智能提醒", "bell* alarm* clock*"),
    ("无糖", "leaf* heart* apple droplet*"),
    ("地铁沿线", "train* map* route*"),
    ("学区房", "school home* building*"),
    ("高回报", "chart* trending-up* coin* moneybag* cash*"),
]
