"""Generated ClaimReview from other fact-checkers, for timing `import_claimreview`.

A schema.org DataFeed shaped like what `export_claimreview` writes, but from
invented publishers on hosts of the reserved `.example` domain, so no review
URL is ever one of this site's claim pages or a seeded claim's. Deterministic
by seed, and written record by record so a large feed never sits in memory.
"""

import datetime as dt
import json
import random
from typing import TextIO

from django.utils.text import slugify

from claims.benchdata.text import Wording

# (label, value) from worst to best; value None is a rating outside the scale.
SCALES = [
    [("False", 1), ("Mostly False", 2), ("Half True", 3), ("Mostly True", 4), ("True", 5)],
    [
        ("Pants on Fire", 1),
        ("False", 2),
        ("Mostly False", 3),
        ("Half True", 4),
        ("Mostly True", 5),
        ("True", 6),
    ],
    [("Misleading", None), ("Missing context", None), ("Satire", None), ("Correct", None)],
]
PUBLISHERS = 12


def _publishers(wording: Wording) -> list[dict]:
    publishers, names = [], set()
    while len(publishers) < PUBLISHERS:
        name = f"{wording.places.one(wording.rng)} Fact Check"
        if name in names:
            continue
        names.add(name)
        domain = slugify(name).replace("-", "") + ".example"
        publishers.append(
            {"name": name, "domain": domain, "scale": SCALES[len(publishers) % len(SCALES)]}
        )
    return publishers


def _organisation(publisher: dict) -> dict:
    return {
        "@type": "Organization",
        "name": publisher["name"],
        "url": f"https://{publisher['domain']}/",
    }


def feed_item(wording: Wording, publisher: dict, number: int) -> dict:
    rng = wording.rng
    said = dt.date(2014, 1, 1) + dt.timedelta(days=rng.randint(0, 4200))
    published = dt.datetime(said.year, said.month, said.day, 9, tzinfo=dt.UTC) + dt.timedelta(
        days=rng.randint(1, 30), minutes=rng.randint(0, 600)
    )
    text = wording.claim_text()
    claimant = wording.person()
    label, value = rng.choice(publisher["scale"])
    rating = {"@type": "Rating", "name": label, "alternateName": label}
    if value is not None:
        rating |= {
            "ratingValue": value,
            "bestRating": publisher["scale"][-1][1],
            "worstRating": 1,
        }
    rating["ratingExplanation"] = wording.summary()
    appearance = {
        "@type": "CreativeWork",
        "headline": wording.title(),
        "url": f"https://news-{rng.randint(1, 200)}.example/articles/{number}",
        "datePublished": said.isoformat(),
    }
    headline = wording.headline(text, claimant, label)
    review = {
        "@type": "ClaimReview",
        "url": f"https://{publisher['domain']}/fact-check/{published:%Y/%m}/"
        f"{slugify(text)[:60]}-{number}/",
        "claimReviewed": text,
        "inLanguage": "en",
        "author": _organisation(publisher),
        "publisher": _organisation(publisher),
        "datePublished": published.isoformat(),
        "dateModified": published.isoformat(),
        "headline": headline,
        "name": headline,
        "reviewBody": wording.sentence(),
        "reviewRating": rating,
        "itemReviewed": {
            "@type": "Claim",
            "text": text,
            "inLanguage": "en",
            "author": {"@type": "Person", "name": claimant, "jobTitle": wording.role()},
            "datePublished": said.isoformat(),
            "appearance": [appearance],
            "firstAppearance": appearance,
        },
    }
    return {
        "@type": "DataFeedItem",
        "dateCreated": review["datePublished"],
        "dateModified": review["dateModified"],
        "item": [review],
    }


def write_claimreview_feed(out: TextIO, *, records: int, seed: int) -> None:
    rng = random.Random(seed)
    wording = Wording(rng, seed)
    publishers = _publishers(wording)
    head = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": "Generated fact checks for benchmarks",
        "url": "https://feeds.example/",
    }
    out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "dataFeedElement": [\n')
    for number in range(1, records + 1):
        item = feed_item(wording, rng.choice(publishers), number)
        out.write(json.dumps(item, ensure_ascii=False))
        out.write(",\n" if number < records else "\n")
    out.write("]}\n")
