"""Tuning sentences and feature phrases: the failures seen in example videos and fresh copy to tune on.

``python -m tests.art.score tuning`` scores them; tune the word lists against these, never against
``heldout.py``. Same row format as ``heldout.py``.
"""

from __future__ import annotations

Row = tuple[str, str, str]

EN: list[Row] = [
    (
        "Every morning, millions of people cross the city with everything they own on their shoulders.",
        "cityscape* sunrise* busts-in-silhouette backpack office-building",
        "building* buildings backpack sunrise users*",
    ),
    (
        "Its water-resistant shell shrugs off rain, and a hidden pocket keeps your passport safe.",
        "umbrella* closed-umbrella cloud-with-rain sun-behind-rain-cloud passport-control droplet",
        "umbrella* cloud-rain e-passport droplet*",
    ),
    (
        "Start your day with a protein smoothie from our juice bar.",
        "cup-with-straw beverage-box tropical-drink banana strawberry",
        "glass* cup* bottle",
    ),
    (
        "Our app reminds you to drink water and stand up every hour.",
        "mobile-phone* droplet potable-water bell alarm-clock glass-of-milk",
        "device-mobile* droplet* glass* bell* alarm* bottle",
    ),
    ("Fly business class to Tokyo and earn double miles.", "airplane* small-airplane", "plane*"),
    (
        "Download our app and order your coffee before you arrive.",
        "mobile-phone* hot-beverage",
        "device-mobile* coffee cup mug",
    ),
    (
        "Swim, lift, stretch: one membership covers all three clubs.",
        "person-swimming man-swimming woman-swimming "
        "person-lifting-weights man-lifting-weights woman-lifting-weights",
        "swimming barbell stretching*",
    ),
    (
        "Our mortgage advisors help you buy your first home.",
        "house* key money-bag",
        "home* key* building-bank",
    ),
    ("Compare prices from hundreds of hotels in seconds.", "hotel bed", "building* bed* hotel-service"),
    (
        "Moisturise your skin with our aloe vera gel.",
        "lotion-bottle potted-plant droplet herb",
        "droplet* leaf* plant* bottle*",
    ),
    ("Freshly ground beans make every cup taste better.", "hot-beverage", "coffee cup mug"),
    (
        "Students practise speaking with native tutors over video calls.",
        "video-camera laptop speech-balloon teacher* student* left-speech-bubble",
        "video* message* device-laptop school microphone* chalkboard*",
    ),
    (
        "Sign up in two minutes and start trading stocks commission-free.",
        "chart-increasing bar-chart",
        "chart* trending-up*",
    ),
    ("Our bikes fold in seconds and fit under your desk.", "bicycle", "bike*"),
    ("Bring the whole family to our pizza night every Friday.", "pizza", "pizza"),
    (
        "Sleep better with our memory-foam pillow.",
        "bed person-in-bed sleeping-face zzz",
        "bed* moon* zzz pillow",
    ),
    ("Clean your floors without lifting a finger.", "broom sponge soap robot", "wash* vacuum-cleaner spray"),
    (
        "A spacious loft in the heart of downtown, steps from the metro.",
        "cityscape* house* office-building metro",
        "building* home* train",
    ),
    (
        "Charge your phone wirelessly on any table.",
        "mobile-phone* battery electric-plug",
        "device-mobile* battery* plug* charging*",
    ),
    (
        "Feel lighter: our hiking pack weighs under a kilo.",
        "backpack hiking-boot mountain snow-capped-mountain feather",
        "backpack mountain feather trekking",
    ),
    (
        "Our bank gives you instant alerts for every transaction.",
        "bank bell mobile-phone*",
        "building-bank bell* credit-card* device-mobile*",
    ),
    (
        "Hand-picked tea leaves from the slopes of Darjeeling.",
        "leaf* teacup-without-handle mountain snow-capped-mountain herb",
        "leaf* cup teapot mountain",
    ),
    ("Our cats eat better since we switched to grain-free food.", "cat* black-cat", "cat paw bowl*"),
    (
        "Give your team one shared calendar for every project.",
        "calendar spiral-calendar tear-off-calendar",
        "calendar*",
    ),
]

ZH: list[Row] = [
    (
        "山间茶园，云雾缭绕",
        "leaf* teacup-without-handle mountain snow-capped-mountain herb sunrise-over-mountains",
        "leaf* mountain cup teapot plant*",
    ),
    ("这款茶清香回甘，耐泡耐喝", "teacup-without-handle teapot leaf* herb", "cup teapot leaf* mug"),
    ("健康低卡的轻食沙拉，午餐首选", "green-salad leafy-green", "salad leaf* bowl*"),
    ("每天早上来一杯鲜榨橙汁", "tangerine cup-with-straw beverage-box tropical-drink", "lemon* glass* cup*"),
    (
        "专业健身教练，带你练出马甲线",
        "person-lifting-weights man-lifting-weights woman-lifting-weights flexed-biceps",
        "barbell stretching*",
    ),
    ("三步完成开户，资金安全有保障", "bank locked shield money-bag", "shield* lock* building-bank"),
    ("周末带孩子去农场摘草莓", "strawberry tractor", "tractor plant*"),
    ("一键预约上门保洁服务", "broom sponge soap house*", "wash* home* calendar* spray"),
    ("精选咖啡豆，每一杯都新鲜烘焙", "hot-beverage", "coffee cup mug"),
    ("这款口红颜色持久不脱妆", "lipstick", "brush* palette*"),
    (
        "学英语，从每天十分钟开始",
        "books open-book speech-balloon input-latin-letters",
        "book* language* school alphabet-latin",
    ),
    (
        "江景大平层，尽享城市夜景",
        "cityscape* night-with-stars house* office-building bridge-at-night",
        "building* buildings home* moon*",
    ),
    ("手机拍照，夜景也清晰", "camera* mobile-phone* night-with-stars", "camera* device-mobile* photo*"),
    ("机场接送，准时不误机", "airplane* automobile taxi oncoming-taxi", "plane* car* clock*"),
    ("新款跑鞋，轻盈又透气", "running-shoe", "shoe run*"),
    (
        "宠物医院24小时营业",
        "dog* cat* paw-prints hospital",
        "paw dog* cat stethoscope building-hospital clock*",
    ),
]

FEATURES: list[tuple[str, str]] = [
    ("Lunch", "salad soup tools-kitchen* bowl* bread"),
    ("Strong", "barbell stretching* shield*"),
    ("Beautiful", "sparkle* diamond* flower* star*"),
    ("Light", "feather"),
    ("Quick setup", "clock* bolt rocket settings* tool*"),
    ("Free returns", "arrow-back* truck-return package* receipt-refund"),
    ("Secure payments", "lock* shield* credit-card*"),
    ("Fresh daily", "leaf* sun* calendar* clock* plant*"),
    ("Easy to clean", "wash* spray droplet* sparkle*"),
    ("Family size", "users* home*"),
    ("Durable", "shield* tool* hammer"),
    ("Ocean view", "beach ripple* wave*"),
    ("Great coffee", "coffee cup mug"),
    ("清香", "leaf* flower* plant* cup"),
    ("回甘", "cup teapot leaf* mug"),
    ("耐泡", "cup teapot droplet* leaf* mug"),
    ("健康", "heart* leaf* apple salad"),
    ("快速发货", "truck* package* rocket"),
    ("安全支付", "lock* shield* credit-card*"),
    ("靠近地铁", "train*"),
    ("在线客服", "headset message* headphones"),
    ("包教包会", "school book* certificate*"),
    ("免费停车", "parking* car*"),
    ("低风险", "shield*"),
]

# Second batch, written after the first round of changes (tuned on as well).
EN += [
    ("Our baristas pour latte art on every flat white.", "hot-beverage", "coffee cup mug"),
    ("Ride to work on a bike that folds into your backpack.", "bicycle backpack", "bike* backpack"),
    (
        "Get your groceries delivered in under an hour.",
        "shopping-cart shopping-bags delivery-truck basket",
        "shopping-* truck* basket* package*",
    ),
    (
        "Our yoga classes help you breathe, stretch and unwind.",
        "person-in-lotus-position* lotus",
        "yoga stretching*",
    ),
    (
        "Pay your rent, split utilities and track every bill in one app.",
        "receipt mobile-phone* credit-card money-bag dollar-banknote house*",
        "receipt* device-mobile* credit-card* cash* home*",
    ),
    (
        "Explore ancient temples and night markets in Bangkok.",
        "hindu-temple shinto-shrine night-with-stars classical-building pagoda",
        "building-* map* moon*",
    ),
    (
        "Our teachers turn tricky grammar into fun games.",
        "teacher* video-game books open-book game-die",
        "school chalkboard* book* device-gamepad*",
    ),
    (
        "Retire early: our pension plans grow with you.",
        "money-bag chart-increasing seedling",
        "pig-money chart* trending-up* moneybag* plant*",
    ),
    ("Our lipsticks stay on from morning coffee to midnight dancing.", "lipstick", "brush* palette*"),
    (
        "Move into a brand new townhouse with a private garden.",
        "house* house-with-garden key",
        "home* building* key plant*",
    ),
    (
        "Stream thousands of films on any screen.",
        "movie-camera clapper-board film-frames television popcorn",
        "movie device-tv* video* player-play*",
    ),
    ("Protect your eyes with our blue-light glasses.", "glasses", "eyeglass*"),
    (
        "Hike the coastal trail and camp under the stars.",
        "camping tent night-with-stars mountain",
        "tent mountain trekking campfire moon*",
    ),
    (
        "Book a table for two at our rooftop restaurant.",
        "fork-and-knife-with-plate fork-and-knife",
        "tools-kitchen* calendar*",
    ),
    (
        "Our smart thermostat cuts heating costs by a third.",
        "thermometer fire",
        "temperature* flame thermometer",
    ),
    (
        "Meet new friends at our weekly board game nights.",
        "game-die chess-pawn puzzle-piece joystick",
        "dice* chess* puzzle*",
    ),
]
ZH += [
    ("来一杯冰美式，清爽一整天", "hot-beverage ice cup-with-ice", "coffee cup mug ice*"),
    (
        "我们的课程由清华老师亲自授课",
        "teacher* books open-book school graduation-cap",
        "school chalkboard* book*",
    ),
    ("一键叫车，三分钟上车", "automobile taxi oncoming-taxi mobile-phone*", "car* device-mobile*"),
    (
        "买基金，就用我们的理财平台",
        "chart-increasing money-bag coin",
        "chart* trending-up* moneybag* coin* pig-money",
    ),
    (
        "周末去海边冲浪，感受阳光和海风",
        "person-surfing* water-wave beach-with-umbrella sun",
        "beach ripple sun surfing*",
    ),
    ("这款洗面奶温和清洁，泡沫细腻", "soap bubbles lotion-bottle", "droplet* bottle* wash*"),
    ("小区绿化率高，环境安静", "deciduous-tree evergreen-tree seedling potted-plant", "tree* plant* leaf*"),
    ("新手也能做出完美的蛋糕", "birthday-cake shortcake cupcake", "cake*"),
]
FEATURES += [
    ("Soft", "feather cloud*"),
    ("Quiet", "volume* ear*"),
    ("Warm", "flame sun* temperature*"),
    ("Secure login", "lock* shield* key* login*"),
    ("Same-day delivery", "truck* package*"),
    ("No contract", "file* writing* contract"),
    ("Breathable", "wind leaf* feather"),
    ("Vegan", "leaf* salad carrot"),
    ("省电", "battery* bolt plug*"),
    ("静音", "volume* ear*"),
    ("耐用", "shield* tool*"),
    ("美味", "tools-kitchen* chef-hat"),
    ("提神", "coffee cup mug bolt"),
    ("保湿", "droplet*"),
]

# Third batch, written after the second round of changes (tuned on as well).
EN += [
    ("Our dentists make every check-up painless.", "tooth", "dental*"),
    ("Order a birthday cake with your name on it.", "birthday-cake shortcake", "cake*"),
    (
        "Lock your front door from anywhere with your phone.",
        "locked* door mobile-phone* key",
        "lock* door* device-mobile* key*",
    ),
    ("Our backpacks survive storms, spills and airport security.", "backpack", "backpack"),
    (
        "Send money abroad in minutes with low exchange rates.",
        "money-with-wings currency-exchange globe-* dollar-banknote",
        "cash* arrows-exchange* exchange world* coin* transfer*",
    ),
    ("Try our new plant-based burger, grilled to perfection.", "hamburger", "burger"),
    (
        "Stay fit at home with live workouts on your TV.",
        "television person-lifting-weights* man-lifting-weights woman-lifting-weights",
        "device-tv* barbell stretching*",
    ),
    ("Rent a cabin by the lake for a quiet weekend.", "hut house* camping", "building-cottage home* tent"),
    (
        "Join thousands of learners preparing for their driving test.",
        "automobile oncoming-automobile",
        "car* steering-wheel*",
    ),
]
ZH += [
    ("全新升级的扫地机器人，自动回充", "robot broom", "robot vacuum-cleaner"),
    ("给您的爱犬订购天然狗粮", "dog* dog-face guide-dog service-dog poodle", "dog* paw bone"),
    ("每一件衬衫都经过手工熨烫", "t-shirt", "shirt*"),
    ("周五晚上，一起来酒吧喝啤酒", "beer-mug clinking-beer-mugs", "beer*"),
    (
        "线上问诊，医生十分钟回复",
        "stethoscope health-worker* doctor* mobile-phone*",
        "stethoscope message* device-mobile*",
    ),
]
FEATURES += [
    ("Sturdy", "shield* barbell tool*"),
    ("Free trial", "gift clock* calendar*"),
    ("Fresh ingredients", "leaf* carrot salad plant*"),
    ("Easy booking", "calendar*"),
    ("Fun", "mood-happy* confetti balloon* sparkles*"),
    ("安静", "volume* ear* moon*"),
    ("快充", "battery* bolt plug*"),
    ("新鲜食材", "leaf* carrot salad plant*"),
]
