"""Public lists in index order: deep pages read ids from an index instead of
sorting every public claim (claims.paging).

- The API's lists, newest claim first: a partial index on created_at.
- The readers' lists, the home page, feeds and claims:search, newest verdict
  first: claims keep a copy of their verdict's published_at, written by
  database triggers whatever writes the rows (the workflow's update(), the
  importer's COPY, a plain UPDATE), and indexed with the claim's id. A claim
  row written from a stale Python object gets the copy recomputed.

SQLite cannot say NULLS LAST in an index (its NULLs sort last when
descending anyway) nor change a row in a BEFORE trigger, hence two dialects.
"""

from django.db import migrations, models

POSTGRESQL = [
    """
    CREATE FUNCTION claims_claim_verdict_published_at() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.verdict_published_at := (
        SELECT v.published_at FROM claims_verdict v WHERE v.claim_id = NEW.id
      );
      RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER claims_claim_verdict_published_at BEFORE INSERT OR UPDATE ON claims_claim
    FOR EACH ROW EXECUTE FUNCTION claims_claim_verdict_published_at()
    """,
    """
    CREATE FUNCTION claims_verdict_published_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        UPDATE claims_claim c SET verdict_published_at = n.published_at
          FROM new_rows n WHERE c.id = n.claim_id;
      ELSIF TG_OP = 'DELETE' THEN
        UPDATE claims_claim c SET verdict_published_at = NULL
          FROM old_rows o WHERE c.id = o.claim_id;
      ELSE
        UPDATE claims_claim c SET verdict_published_at = NULL
          FROM new_rows n JOIN old_rows o ON o.id = n.id
          WHERE c.id IN (n.claim_id, o.claim_id)
            AND (n.published_at, n.claim_id) IS DISTINCT FROM (o.published_at, o.claim_id);
      END IF;
      RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER claims_verdict_published_inserted AFTER INSERT ON claims_verdict
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_verdict_published_changed()
    """,
    """
    CREATE TRIGGER claims_verdict_published_updated AFTER UPDATE ON claims_verdict
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_verdict_published_changed()
    """,
    """
    CREATE TRIGGER claims_verdict_published_deleted AFTER DELETE ON claims_verdict
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_verdict_published_changed()
    """,
    "UPDATE claims_claim SET verdict_published_at = NULL",
    # INCLUDE (state): the feed's published-only filter is read from the index too.
    "CREATE INDEX claim_latest_verdict_idx ON claims_claim "
    "(verdict_published_at DESC NULLS LAST, id DESC) INCLUDE (state) "
    "WHERE state IN ('published', 'retracted')",
]
POSTGRESQL_UNDO = [
    "DROP INDEX IF EXISTS claim_latest_verdict_idx",
    "DROP TRIGGER IF EXISTS claims_verdict_published_inserted ON claims_verdict",
    "DROP TRIGGER IF EXISTS claims_verdict_published_updated ON claims_verdict",
    "DROP TRIGGER IF EXISTS claims_verdict_published_deleted ON claims_verdict",
    "DROP FUNCTION IF EXISTS claims_verdict_published_changed()",
    "DROP TRIGGER IF EXISTS claims_claim_verdict_published_at ON claims_claim",
    "DROP FUNCTION IF EXISTS claims_claim_verdict_published_at()",
]

VERDICT_OF_NEW_CLAIM = "(SELECT v.published_at FROM claims_verdict v WHERE v.claim_id = NEW.id)"
SQLITE = [
    """
    CREATE TRIGGER claims_verdict_published_inserted AFTER INSERT ON claims_verdict
    BEGIN
      UPDATE claims_claim SET verdict_published_at = NEW.published_at WHERE id = NEW.claim_id;
    END
    """,
    """
    CREATE TRIGGER claims_verdict_published_updated
    AFTER UPDATE OF published_at, claim_id ON claims_verdict
    BEGIN
      UPDATE claims_claim SET verdict_published_at = NULL WHERE id = OLD.claim_id;
      UPDATE claims_claim SET verdict_published_at = NEW.published_at WHERE id = NEW.claim_id;
    END
    """,
    """
    CREATE TRIGGER claims_verdict_published_deleted AFTER DELETE ON claims_verdict
    BEGIN
      UPDATE claims_claim SET verdict_published_at = NULL WHERE id = OLD.claim_id;
    END
    """,
    # Recursive triggers are off in SQLite: the UPDATE below fires nothing.
    f"""
    CREATE TRIGGER claims_claim_verdict_published_at
    AFTER UPDATE OF verdict_published_at ON claims_claim
    WHEN NEW.verdict_published_at IS NOT {VERDICT_OF_NEW_CLAIM}
    BEGIN
      UPDATE claims_claim SET verdict_published_at = {VERDICT_OF_NEW_CLAIM} WHERE id = NEW.id;
    END
    """,
    "UPDATE claims_claim SET verdict_published_at = "
    "(SELECT v.published_at FROM claims_verdict v WHERE v.claim_id = claims_claim.id)",
    "CREATE INDEX claim_latest_verdict_idx ON claims_claim "
    "(verdict_published_at DESC, id DESC) WHERE state IN ('published', 'retracted')",
]
SQLITE_UNDO = [
    "DROP INDEX IF EXISTS claim_latest_verdict_idx",
    "DROP TRIGGER IF EXISTS claims_verdict_published_inserted",
    "DROP TRIGGER IF EXISTS claims_verdict_published_updated",
    "DROP TRIGGER IF EXISTS claims_verdict_published_deleted",
    "DROP TRIGGER IF EXISTS claims_claim_verdict_published_at",
]


def run(by_vendor):
    def apply(apps, schema_editor):
        for sql in by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("claims", "0009_claim_search_vector")]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="verdict_published_at",
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.RunPython(
            run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            run({"postgresql": POSTGRESQL_UNDO, "sqlite": SQLITE_UNDO}),
            elidable=False,
        ),
        # Replaced by the index above: lists sort by the claim's copy.
        migrations.RemoveIndex(model_name="verdict", name="verdict_published_idx"),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                models.OrderBy(models.F("created_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("state__in", ("published", "retracted"))),
                name="claim_public_latest_idx",
            ),
        ),
    ]
