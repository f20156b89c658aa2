DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "app",
        "OPTIONS": {
            # The server ends any session of this connection that stays
            # idle inside a transaction for a minute (PostgreSQL 9.6+).
            "options": "-c idle_in_transaction_session_timeout=60s",
        },
    }
}
