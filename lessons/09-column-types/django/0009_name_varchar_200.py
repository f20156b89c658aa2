from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("demoapp", "0008_largeuser_visits"),
    ]

    operations = [
        migrations.RunSQL("SET LOCAL lock_timeout = '500ms'", migrations.RunSQL.noop),
        migrations.AlterField(
            model_name="largeuser",
            name="name",
            field=models.CharField(max_length=200),
        ),
    ]
