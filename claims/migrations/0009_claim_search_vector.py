"""A stored, weighted, language-aware search vector on every claim.

On PostgreSQL, triggers keep `claims_claim.search_vector` current whatever
writes the rows: a claim's text, language or speaker, its verdict's headline
and summary, or its speaker's name, through the ORM, `bulk_create`, an
`update()` or plain SQL. One GIN index serves the readers' search, the API's
`search` and `claims:search`, and narrows claim matching. Each field is
indexed twice, stemmed in the claim's own language and unstemmed (`simple`),
so a search finds "deported" from "deportations" in English and an exact word
in any language. Statistics on 1,000 lexemes let claim matching tell rare
words from common ones (`pg_stats.most_common_elems`).

SQLite leaves the column empty; claims/search.py has a portable path there.
The expression indexes of 0008 are replaced by this one.
"""

import django.contrib.postgres.search
from django.db import migrations

# BCP 47 primary language subtags and PostgreSQL's text search configurations
# for them; any other language is indexed unstemmed.
LANGUAGE_CONFIGS = {
    "ar": "arabic", "ca": "catalan", "da": "danish", "de": "german", "el": "greek",
    "en": "english", "es": "spanish", "eu": "basque", "fi": "finnish", "fr": "french",
    "ga": "irish", "hi": "hindi", "hu": "hungarian", "hy": "armenian", "id": "indonesian",
    "it": "italian", "lt": "lithuanian", "nb": "norwegian", "ne": "nepali", "nl": "dutch",
    "nn": "norwegian", "no": "norwegian", "pt": "portuguese", "ro": "romanian",
    "ru": "russian", "sr": "serbian", "sv": "swedish", "ta": "tamil", "tr": "turkish",
    "yi": "yiddish",
}  # fmt: skip
CONFIG_CASES = "\n".join(
    f"        WHEN '{code}' THEN '{config}'::regconfig" for code, config in LANGUAGE_CONFIGS.items()
)

CREATE = [
    f"""
    CREATE FUNCTION claims_search_config(language text) RETURNS regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT CASE lower(split_part(language, '-', 1))
{CONFIG_CASES}
        ELSE 'simple'::regconfig
      END
    $$
    """,
    """
    CREATE FUNCTION claims_search_field(config regconfig, body text, weight "char")
    RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT setweight(to_tsvector(config, coalesce(body, '')), weight)
          || setweight(to_tsvector('simple', coalesce(body, '')), weight)
    $$
    """,
    """
    CREATE FUNCTION claims_claim_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      config regconfig := claims_search_config(NEW.language);
      verdict_headline text;
      verdict_summary text;
      speaker_name text;
    BEGIN
      SELECT v.headline, v.summary INTO verdict_headline, verdict_summary
        FROM claims_verdict v WHERE v.claim_id = NEW.id;
      SELECT s.name INTO speaker_name FROM claims_speaker s WHERE s.id = NEW.speaker_id;
      NEW.search_vector := claims_search_field(config, NEW.text, 'A')
        || claims_search_field(config, speaker_name, 'B')
        || claims_search_field(config, verdict_headline, 'B')
        || claims_search_field(config, verdict_summary, 'C');
      RETURN NEW;
    END
    $$
    """,
    # Setting search_vector (to anything) asks for it to be recomputed: the
    # triggers below use that, and so does the back-fill at the end.
    """
    CREATE TRIGGER claims_claim_search_vector
    BEFORE INSERT OR UPDATE OF text, language, speaker_id, search_vector ON claims_claim
    FOR EACH ROW EXECUTE FUNCTION claims_claim_search_vector()
    """,
    # Statement-level, so that a bulk insert of verdicts recomputes its claims
    # in one UPDATE.
    """
    CREATE FUNCTION claims_verdict_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        UPDATE claims_claim c SET search_vector = NULL
          FROM new_rows n WHERE c.id = n.claim_id;
      ELSIF TG_OP = 'DELETE' THEN
        UPDATE claims_claim c SET search_vector = NULL
          FROM old_rows o WHERE c.id = o.claim_id;
      ELSE
        UPDATE claims_claim c SET search_vector = NULL
          FROM new_rows n JOIN old_rows o ON o.id = n.id
          WHERE c.id IN (n.claim_id, o.claim_id)
            AND (n.headline, n.summary, n.claim_id)
                IS DISTINCT FROM (o.headline, o.summary, o.claim_id);
      END IF;
      RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER claims_verdict_search_inserted AFTER INSERT ON claims_verdict
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_verdict_search_changed()
    """,
    """
    CREATE TRIGGER claims_verdict_search_updated AFTER UPDATE ON claims_verdict
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_verdict_search_changed()
    """,
    """
    CREATE TRIGGER claims_verdict_search_deleted AFTER DELETE ON claims_verdict
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_verdict_search_changed()
    """,
    """
    CREATE FUNCTION claims_speaker_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE claims_claim c SET search_vector = NULL
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE c.speaker_id = n.id AND n.name IS DISTINCT FROM o.name;
      RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER claims_speaker_search_updated AFTER UPDATE ON claims_speaker
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_speaker_search_changed()
    """,
    "CREATE INDEX claim_search_vector_idx ON claims_claim USING gin (search_vector)",
    "ALTER TABLE claims_claim ALTER COLUMN search_vector SET STATISTICS 1000",
    "UPDATE claims_claim SET search_vector = NULL",
    "DROP INDEX IF EXISTS claim_text_fts_idx",
    "DROP INDEX IF EXISTS claim_text_trgm_idx",
]

DROP = [
    "DROP TRIGGER IF EXISTS claims_speaker_search_updated ON claims_speaker",
    "DROP FUNCTION IF EXISTS claims_speaker_search_changed()",
    "DROP TRIGGER IF EXISTS claims_verdict_search_inserted ON claims_verdict",
    "DROP TRIGGER IF EXISTS claims_verdict_search_updated ON claims_verdict",
    "DROP TRIGGER IF EXISTS claims_verdict_search_deleted ON claims_verdict",
    "DROP FUNCTION IF EXISTS claims_verdict_search_changed()",
    "DROP TRIGGER IF EXISTS claims_claim_search_vector ON claims_claim",
    "DROP FUNCTION IF EXISTS claims_claim_search_vector()",
    'DROP FUNCTION IF EXISTS claims_search_field(regconfig, text, "char")',
    "DROP FUNCTION IF EXISTS claims_search_config(text)",
    "DROP INDEX IF EXISTS claim_search_vector_idx",
    # 0008's indexes, as it made them.
    "CREATE INDEX IF NOT EXISTS claim_text_fts_idx ON claims_claim "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE(text, '')))",
    "CREATE INDEX IF NOT EXISTS claim_text_trgm_idx ON claims_claim USING gin (text gin_trgm_ops)",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("claims", "0008_claim_text_search_indexes")]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(run(CREATE), run(DROP), elidable=False),
    ]
