"""Scripts the agent tests share."""

URBAN_DREAMS = (
    "Urban Dreams: the smart commuter backpack. Every morning, millions of people carry their lives "
    "on their backs through crowded trains, sudden rain and long walks between meetings. Most bags "
    "were never designed for that. Urban Dreams was. Its shell is woven from recycled ocean plastic "
    "and sealed against the weather, so your laptop stays dry when the sky opens. A padded sleeve "
    "holds screens up to sixteen inches, and a hidden pocket keeps your passport and wallet close to "
    "your spine, away from curious hands. The straps spread the weight across your shoulders, so the "
    "end of the day feels like the start. A built-in charging port lets you power your phone without "
    "opening the bag. Reflective trim keeps you visible on dark evening rides. Inside, twelve pockets "
    "give every cable, pen and snack a home, and a quick-access top pocket holds your keys and "
    "headphones. The whole bag weighs less than a kilogram and folds flat into a suitcase when you "
    "travel. It comes in four city colours: graphite, harbour blue, moss and sand. Every bag is "
    "backed by a ten-year warranty, because a good backpack should outlast many commutes. Urban "
    "Dreams is designed in Lisbon and tested in six of the busiest cities on earth. Carry less worry. "
    "Carry Urban Dreams. Order yours today."
)
