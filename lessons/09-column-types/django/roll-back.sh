# Unapply the bigint migration: Django runs its backward SQL,
# ALTER COLUMN "visits" TYPE integer, another rewrite.
python manage.py migrate demoapp 0009_name_varchar_200
