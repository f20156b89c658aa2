# Unapply every later migration of the app, newest first: Django runs each
# one's backward SQL.
python manage.py migrate demoapp 0001_initial
