-- A migration that only UnchangedMigrationsIT adds to the shipped ones: a new migration must still run.
CREATE TABLE unchanged_migrations_probe (id INT PRIMARY KEY);
