import statistics
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from claims import indexing
from claims.claimreview_saving import import_records
from claims.evaluation import (
    Unreadable,
    average_precision,
    fit_logistic,
    fit_ranking,
    read_qrels,
    read_queries,
    read_verified_claims,
    review_url,
    verified_claim_reviews,
)
from claims.lexical_matching import refresh_word_frequencies
from claims.matching import match_claims
from claims.models import Claim

CUTOFF = 5


class Command(BaseCommand):
    help = (
        "Measure claim matching on CLEF CheckThat! 2020 Task 2 (or data of the same shape): "
        "the verified claims are imported as ClaimReview and embedded unless already here "
        "(by text), every query goes through the matching the API uses, and MAP@5, "
        "recall@5 and latency are printed. Without --keep, claims added are rolled back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--claims", required=True, type=Path, help="verified_claims.tsv")
        parser.add_argument("--queries", required=True, type=Path, help="e.g. dev.queries.tsv")
        parser.add_argument("--qrels", required=True, type=Path, help="e.g. dev.qrels")
        parser.add_argument(
            "--keep", action="store_true", help="Keep the claims imported for the evaluation."
        )
        parser.add_argument(
            "--calibrate",
            action="store_true",
            help="Also fit the score's logistic weights on these queries and print them "
            "(use training queries only).",
        )

    def handle(self, *args, claims, queries, qrels, keep, calibrate, **options):
        try:
            verified = read_verified_claims(claims)
            asked = read_queries(queries)
            relevant = read_qrels(qrels)
        except Unreadable as error:
            raise CommandError(str(error)) from None
        unknown = {v for wanted in relevant.values() for v in wanted} - verified.keys()
        if unknown:
            raise CommandError(
                f"{qrels}: {len(unknown)} judged claim ids are not in {claims}, "
                f"e.g. {sorted(unknown)[0]!r}."
            )
        asked = {qid: text for qid, text in asked.items() if qid in relevant}
        if not asked:
            raise CommandError(f"{queries}: no query has a judgement in {qrels}.")
        with transaction.atomic():
            results = self.evaluate(verified, asked, relevant, calibrate)
            transaction.set_rollback(not keep)
        self.report(results, len(verified), calibrate)

    def evaluate(self, verified, asked, relevant, calibrate):
        claim_of = self.load(verified)
        vclaim_of = {}
        for vid, pks in claim_of.items():
            for pk in pks:
                vclaim_of.setdefault(pk, set()).add(vid)
        self.stderr.write("Embedding the claims not embedded yet...")
        indexing.index(Claim.objects.filter(pk__in=vclaim_of.keys()))
        published = Claim.objects.published()
        precisions, recalls, latencies, rows = [], [], [], []
        for qid, text in asked.items():
            started = time.perf_counter()
            # Calibrating reads every candidate, not the best five only.
            found = match_claims(text, published, limit=100 if calibrate else CUTOFF, threshold=0)
            latencies.append(time.perf_counter() - started)
            ranked = [vclaim_of.get(m.claim.pk, set()) for m in found]
            wanted = relevant[qid]
            precisions.append(average_precision(ranked[:CUTOFF], wanted))
            recalls.append(len(wanted & set().union(*ranked[:CUTOFF])) / len(wanted))
            rows.append(
                (
                    len(wanted),
                    [
                        (m.features, bool(ids & wanted))
                        for m, ids in zip(found, ranked, strict=True)
                    ],
                )
            )
        return precisions, recalls, latencies, rows

    def load(self, verified) -> dict[str, list[int]]:
        """{vclaim id: [claim ids]}: the claims an earlier run (or an import of
        the same records) left, found by review URL, and the rest imported."""
        urls = {review_url(vid): vid for vid in verified}
        missing = {vid: verified[vid] for vid in verified.keys() - self.claims_of(urls).keys()}
        if missing:
            self.stderr.write(f"Importing {len(missing)} claims as ClaimReview...")
            for record, outcome in import_records(verified_claim_reviews(missing)):
                if outcome.status != "imported":
                    raise CommandError(f"{record.location}: {outcome.message}")
            # As import_claimreview does: lexical matching narrows by these statistics.
            refresh_word_frequencies()
        return self.claims_of(urls)

    def claims_of(self, urls: dict[str, str]) -> dict[str, list[int]]:
        found = {}
        rows = Claim.objects.published().filter(verdict__review_url__in=urls.keys())
        for pk, url in rows.values_list("pk", "verdict__review_url"):
            found.setdefault(urls[url], []).append(pk)
        return found

    def report(self, results, claims, calibrate):
        precisions, recalls, latencies, rows = results
        latencies = sorted(latencies)
        p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]
        self.stdout.write(
            f"{len(precisions)} queries against {claims} claims\n"
            f"MAP@{CUTOFF}     {statistics.fmean(precisions):.4f}\n"
            f"recall@{CUTOFF}  {statistics.fmean(recalls):.4f}\n"
            f"latency  p50 {statistics.median(latencies) * 1000:.0f} ms, "
            f"p95 {p95 * 1000:.0f} ms"
        )
        if calibrate:
            semantic = fit_ranking(rows)
            candidates = [row for _, found in rows for row in found]
            standing_out = fit_logistic(
                [f[1:2] for f, _ in candidates if f[0] is not None],
                [y for f, y in candidates if f[0] is not None],
            )
            lexical = fit_logistic([f[2:] for f, _ in candidates], [y for _, y in candidates])
            for name, weights in (
                ("SEMANTIC_WEIGHTS", semantic),
                ("LEXICAL_WEIGHTS", lexical),
                ("CROSS_LINGUAL_WEIGHTS", standing_out),
            ):
                self.stdout.write(f"{name} = {tuple(round(w, 3) for w in weights)}")
