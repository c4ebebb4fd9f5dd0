"""Inserting many new rows, with their django-simple-history rows, fast.

On PostgreSQL the rows go through COPY (psycopg's `Cursor.copy`): Django's
bulk_create compiles every value into one large INSERT, which at 100,000
imported reviews (about a million rows with their history) took more than
half of the import. The ids come from each table's own sequence first, so
the objects know their primary keys afterwards, as with bulk_create. Other
databases use bulk_create. Either way no `save()` runs and no signal is
sent; row-level database triggers do fire.
"""

import operator

from django.db import connection
from django.utils import timezone

# Field types whose Python value psycopg adapts as it is: no per-value
# get_db_prep_save(), which was a quarter of the import's time.
PLAIN = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "DateField",
    "DateTimeField",
    "FloatField",
    "ForeignKey",
    "IntegerField",
    "OneToOneField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
    "URLField",
}


def bulk_insert(model, objs: list) -> None:
    if not objs:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objs)
        return
    for obj, pk in zip(objs, _new_ids(model, len(objs)), strict=True):
        obj.pk = pk
        # Foreign keys to rows inserted just before take their new ids.
        obj._prepare_related_fields_for_save(operation_name="bulk_insert")
        obj._state.adding, obj._state.db = False, connection.alias
    fields = model._meta.concrete_fields
    readers = [_reader(f) for f in fields]
    _copy(model, fields, ([read(obj) for read in readers] for obj in objs))


def bulk_insert_with_history(model, objs: list) -> None:
    """The rows and a "created" history row for each, as each `save()` would
    have left (what simple-history's bulk_history_create writes)."""
    bulk_insert(model, objs)
    history = model.history.model
    made = {
        "history_date": timezone.now(),
        "history_type": "+",
        "history_user_id": None,
        "history_change_reason": None,
    }
    if connection.vendor != "postgresql":
        history.objects.bulk_create([_historical(history, obj, made) for obj in objs])
        return
    # Plain rows: a model instance per history row cost more than writing it.
    fields = history._meta.concrete_fields
    tracked = {f.attname for f in history.tracked_fields}
    ids = iter(_new_ids(history, len(objs)))
    readers = [
        (lambda obj: next(ids))
        if f.primary_key
        else operator.attrgetter(f.attname)
        if f.attname in tracked
        else (lambda obj, value=made[f.attname]: value)
        for f in fields
    ]
    _copy(history, fields, ([read(obj) for read in readers] for obj in objs))


def _historical(history, obj, made: dict):
    tracked = {f.attname: getattr(obj, f.attname) for f in history.tracked_fields}
    return history(**made, **tracked)


def _new_ids(model, count: int) -> list[int]:
    meta = model._meta
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, count],
        )
        return [pk for (pk,) in cursor.fetchall()]


def _copy(model, fields, rows):
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    with connection.cursor() as cursor:
        copying = cursor.copy(f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN")
        # Django's own exceptions (IntegrityError...), as for every other query.
        with connection.wrap_database_errors, copying as copy:
            for row in rows:
                copy.write_row(row)


def _reader(field):
    """How to read a field's value for the database off an object."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return lambda obj: field.pre_save(obj, True)
    if field.get_internal_type() in PLAIN:
        return operator.attrgetter(field.attname)
    return lambda obj: field.get_db_prep_save(field.pre_save(obj, True), connection)
