"""Indexes in the order the lists sort, so that deep pages read ids from an
index instead of sorting every public claim (claims.paging)."""

from django.db import migrations, models

# Latest verdicts first, as the readers' lists, the home page and the feeds sort
# (claims.views.pages). SQLite cannot say NULLS LAST in an index; there NULLs
# sort last when descending anyway.
CREATE_VERDICT_INDEX = {
    "postgresql": "CREATE INDEX verdict_latest_idx ON claims_verdict "
    "(published_at DESC NULLS LAST, claim_id DESC)",
    "sqlite": "CREATE INDEX verdict_latest_idx ON claims_verdict (published_at DESC, claim_id DESC)",
}
DROP_VERDICT_INDEX = dict.fromkeys(CREATE_VERDICT_INDEX, "DROP INDEX IF EXISTS verdict_latest_idx")


def run(statements):
    def apply(apps, schema_editor):
        sql = statements.get(schema_editor.connection.vendor)
        if sql:
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("claims", "0009_claim_search_vector")]

    operations = [
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
        migrations.RunPython(run(CREATE_VERDICT_INDEX), run(DROP_VERDICT_INDEX), elidable=False),
    ]
