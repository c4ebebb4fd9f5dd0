"""Indexes behind claim search and matching, on PostgreSQL only.

SQLite has no GIN indexes or pg_trgm; there the search and matching
modules take their portable paths and these operations do nothing.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# The expressions must stay exactly those that claims/search.py and
# claims/lexical_matching.py put in their WHERE clauses, or the planner ignores them.
CREATE = [
    # ?search= and claims:search: to_tsvector('simple', text) @@ a tsquery.
    "CREATE INDEX IF NOT EXISTS claim_text_fts_idx ON claims_claim "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE(text, '')))",
    # Matching: text %> 'query' (pg_trgm word similarity).
    "CREATE INDEX IF NOT EXISTS claim_text_trgm_idx ON claims_claim USING gin (text gin_trgm_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS claim_text_fts_idx",
    "DROP INDEX IF EXISTS claim_text_trgm_idx",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("claims", "0007_imported_reviews")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(run(CREATE), run(DROP), elidable=False),
    ]
