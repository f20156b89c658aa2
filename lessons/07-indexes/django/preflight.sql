-- Who holds a transaction open in this database, oldest first.
SELECT pid, application_name, state, clock_timestamp() - xact_start AS open_for, left(query, 60) AS query
FROM pg_stat_activity
WHERE datname = current_database() AND xact_start IS NOT NULL AND pid <> pg_backend_pid()
ORDER BY xact_start;
