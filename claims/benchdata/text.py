"""Generated wording for benchmark data: claim texts, headlines, summaries,
explanations, titles and names, all drawn from one seeded random source.

Word choice follows a Zipf-like law (Zipf-Mandelbrot: the word of rank r is
drawn with weight 1/(r + 2.7)^1.1, Mandelbrot's fit for English), as in real
text: a few words occur in most claims and a long tail occurs once or twice,
which is what makes search and matching behave at size as they do on a real
desk. The vocabulary and its ranking are fixed; the seed only chooses which
words each claim gets.
"""

import random

from faker import Faker
from faker.providers.lorem.en_US import Provider as EnglishWords

from claims.lexical_matching import STOPWORDS

ZIPF_EXPONENT = 1.1
ZIPF_SHIFT = 2.7
# Fixed, so every data set has the same vocabulary with the same common words.
VOCABULARY_SEED = 8

TOPIC_NOUNS = """unemployment inflation housing crime vaccines hospital-beds police-officers
schools tax-revenue carbon-emissions electricity-prices rents wages pensions asylum-claims
wind-farms coal-plants bus-routes nurses teachers prisons debt exports imports fuel-prices
broadband water-bills homelessness drug-deaths road-deaths deportations refugees
military-spending foreign-aid university-places childcare food-banks libraries
apprenticeships waiting-lists murders burglaries knife-crime solar-panels electric-cars
flights rail-fares potholes council-tax benefits tariffs steel wheat gas oil forests
fish-stocks measles-cases obesity smoking strikes start-ups bankruptcies mortgages
house-prices voter-turnout ballots judges court-cases arrest-warrants sanctions troops
drones missiles""".split()
GROUPS = """families pensioners nurses teachers students farmers small-businesses migrants
veterans children workers households doctors drivers renters voters""".split()
SUPERLATIVES = ["largest", "fastest", "steepest", "biggest", "sharpest", "smallest", "slowest"]
DIRECTIONS = ["rose", "fell", "doubled", "halved", "stayed flat"]
OUTLET_WORDS = """Courier Herald Gazette Post Times Chronicle Observer Tribune Standard Record
Sentinel Journal Mirror Express Echo Review Dispatch Bulletin Ledger News Radio
Television""".split()
ROLES = [
    "Senator",
    "Mayor of {place}",
    "Minister of {noun}",
    "Member of Parliament for {place}",
    "Governor",
    "Party spokesperson",
    "Candidate for {place}",
    "Chief executive",
    "Union leader",
    "Columnist",
]
PARTIES = ["Progress Party", "Unity Alliance", "Green Future", "People's League", "Independent"]
COUNTRIES = "GB US IE AU CA NZ ZA IN NG KE UA FR DE PL BR".split()


def _words(names: list[str]) -> list[str]:
    return [name.replace("-", " ") for name in names]


class ZipfChoice:
    """Draws items so that the one of rank r comes up with weight 1/(r + shift)^exponent."""

    def __init__(self, items: list, exponent: float = ZIPF_EXPONENT, shift: float = ZIPF_SHIFT):
        self.items = list(items)
        total, self.cum_weights = 0.0, []
        for rank in range(1, len(self.items) + 1):
            total += 1 / (rank + shift) ** exponent
            self.cum_weights.append(total)

    def __call__(self, rng: random.Random, k: int = 1) -> list:
        return rng.choices(self.items, cum_weights=self.cum_weights, k=k)

    def one(self, rng: random.Random):
        return self(rng)[0]


def _ranked(items: list[str]) -> list[str]:
    items = sorted(set(items))
    random.Random(VOCABULARY_SEED).shuffle(items)
    return items


class Wording:
    """Every generated string, from the random source `rng`."""

    def __init__(self, rng: random.Random, seed: int):
        self.rng = rng
        self.fake = Faker("en_US")
        self.fake.seed_instance(seed)
        vocabulary = Faker("en_US")
        vocabulary.seed_instance(VOCABULARY_SEED)
        general = [w for w in EnglishWords.word_list if len(w) > 2 and w not in STOPWORDS]
        # Surnames and invented place names are the long tail: rare words.
        self.places = ZipfChoice(_ranked([vocabulary.city() for _ in range(600)]))
        self.words = ZipfChoice(
            _ranked(general) + _ranked([vocabulary.last_name() for _ in range(3000)])
        )
        self.nouns = ZipfChoice(_ranked(_words(TOPIC_NOUNS)))
        self.groups = ZipfChoice(_ranked(_words(GROUPS)))
        self.templates = [
            "{place} has {count} {noun}, more than any other city in {year}.",
            "Since {year}, {noun} in {place} {direction}, the {superlative} change on record.",
            "{count} {group} lost access to {noun} after the {word} {word2} law passed in {year}.",
            "The government spent {money} on {noun} last year, {times} times what it spent "
            "on {noun2}.",
            "{percent} of {group} in {place} say they cannot afford {noun}.",
            "Our {noun} plan created {count} jobs in {place} within {months} months.",
            "The {word} programme cut {noun} in {place} by half between {year} and {year2}.",
            "There are now {count} {noun} on the {word} register, up from {count2} in {year}.",
            "{place} imports {percent} of its {noun} from {place2}, according to the {word} "
            "report.",
            "{noun_cap} fell {percent} in {place} while {noun2} rose {percent2}.",
            "Every year {count} {group} leave {place} because of {noun}.",
            "{place} has the {superlative} {noun} of any region, at {money} a year.",
        ]

    # --- numbers and dates ------------------------------------------------------

    def count(self) -> str:
        magnitude = self.rng.choice([10, 100, 1_000, 10_000, 100_000, 1_000_000])
        return f"{self.rng.randint(magnitude, magnitude * 10 - 1):,}"

    def percent(self) -> str:
        if self.rng.random() < 0.3:
            return f"{self.rng.randint(1, 99)}.{self.rng.randint(0, 9)}%"
        return f"{self.rng.randint(1, 99)}%"

    def money(self) -> str:
        unit = self.rng.choice(["million", "billion"])
        return f"${self.rng.randint(1, 900)}.{self.rng.randint(0, 9)} {unit}"

    # --- texts ------------------------------------------------------------------

    def claim_text(self) -> str:
        rng = self.rng
        noun, noun2 = self.nouns(rng, 2)
        year = rng.randint(1990, 2024)
        text = rng.choice(self.templates).format(
            place=self.places.one(rng),
            place2=self.places.one(rng),
            count=self.count(),
            count2=self.count(),
            noun=noun,
            noun_cap=noun.capitalize(),
            noun2=noun2,
            group=self.groups.one(rng),
            year=year,
            year2=min(year + rng.randint(1, 10), 2025),
            direction=rng.choice(DIRECTIONS),
            superlative=rng.choice(SUPERLATIVES),
            word=self.words.one(rng),
            word2=self.words.one(rng),
            money=self.money(),
            times=rng.randint(2, 12),
            percent=self.percent(),
            percent2=self.percent(),
            months=rng.randint(2, 36),
        )
        if rng.random() < 0.6:
            first, second, third = self.words(rng, 3)
            text += f" That covers {first}, {second} and {third} {self.nouns.one(rng)}."
        return text[0].upper() + text[1:]

    def sentence(self, least: int = 6, most: int = 14) -> str:
        words = self.words(self.rng, self.rng.randint(least, most))
        return " ".join(words).capitalize() + "."

    def headline(self, claim_text: str, who: str, rating_label: str) -> str:
        gist = " ".join(claim_text.split()[:9]).rstrip(",.")
        return f"{who} claimed “{gist}…”: {rating_label.lower()}"[:300]

    def summary(self) -> str:
        noun = self.nouns.one(self.rng)
        return (
            f"Official figures show {noun} in {self.places.one(self.rng)} "
            f"{self.rng.choice(DIRECTIONS)} by {self.percent()}, not as claimed."
        )[:500]

    def explanation(self, link_title: str, link_url: str) -> str:
        paragraphs = [
            " ".join(self.sentence() for _ in range(self.rng.randint(2, 4)))
            for _ in range(self.rng.randint(1, 3))
        ]
        paragraphs.append(f"The figures come from [{link_title}]({link_url}).")
        return "\n\n".join(paragraphs)

    def title(self) -> str:
        noun = self.nouns.one(self.rng)
        place = self.places.one(self.rng)
        return f"{noun.capitalize()} in {place}: {self.sentence(3, 6).rstrip('.').lower()}"[:500]

    # --- names ------------------------------------------------------------------

    def person(self) -> str:
        return self.fake.name()

    def organisation(self) -> str:
        if self.rng.random() < 0.5:
            return self.fake.company()
        return f"Ministry of {self.nouns.one(self.rng).title()}"

    def outlet_name(self) -> str:
        return f"The {self.places.one(self.rng)} {self.rng.choice(OUTLET_WORDS)}"

    def role(self) -> str:
        return self.rng.choice(ROLES).format(
            place=self.places.one(self.rng), noun=self.nouns.one(self.rng).title()
        )

    def party(self) -> str:
        return self.rng.choice(PARTIES)

    def country(self) -> str:
        return self.rng.choice(COUNTRIES)
