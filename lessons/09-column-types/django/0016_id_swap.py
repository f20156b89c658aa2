from django.db import migrations, models

FK = '"user_order_user_id_fk_large_user_id"'


class Migration(migrations.Migration):

    dependencies = [
        ("demoapp", "0015_id_new_index_check"),
    ]

    operations = [
        migrations.RunSQL("SET LOCAL lock_timeout = '500ms'", migrations.RunSQL.noop),
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    [
                        'ALTER TABLE "user_order" DROP CONSTRAINT ' + FK,
                        "ALTER TABLE large_user DROP CONSTRAINT large_user_pkey",
                        "ALTER TABLE large_user ALTER COLUMN id DROP DEFAULT",
                        "ALTER TABLE large_user ALTER COLUMN id DROP NOT NULL",
                        "DROP TRIGGER large_user_id_sync ON large_user",
                        "DROP FUNCTION large_user_id_sync()",
                        "ALTER TABLE large_user RENAME COLUMN id TO id_old",
                        "ALTER TABLE large_user RENAME COLUMN id_new TO id",
                        "ALTER SEQUENCE large_user_id_seq AS bigint OWNED BY large_user.id",
                        "ALTER TABLE large_user ALTER COLUMN id SET DEFAULT nextval('large_user_id_seq'::regclass)",
                        "ALTER TABLE large_user ADD CONSTRAINT large_user_pkey PRIMARY KEY USING INDEX "
                        "large_user_id_new_key",
                        "ALTER TABLE large_user DROP CONSTRAINT large_user_id_new_not_null",
                        'ALTER TABLE "user_order" ADD CONSTRAINT ' + FK + ' FOREIGN KEY ("user_id") '
                        'REFERENCES "large_user" ("id") DEFERRABLE INITIALLY DEFERRED NOT VALID',
                    ],
                ),
            ],
            # What Django believes: the key is now a BigAutoField.
            state_operations=[
                migrations.AlterField(
                    model_name="largeuser",
                    name="id",
                    field=models.BigAutoField(primary_key=True, serialize=False),
                ),
            ],
        ),
    ]
