# Show the SQL of the rollback before running it:
python manage.py sqlmigrate --backwards demoapp 0003
python manage.py sqlmigrate --backwards demoapp 0002

# Roll back to 0001_initial (backward of 0003, then of 0002):
python manage.py migrate demoapp 0001
