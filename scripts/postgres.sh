#!/usr/bin/env bash
# Starts the machine's PostgreSQL cluster (Debian's postgresql package) and makes sure a role and a
# database for Verification exist. Sets PG_CONNECTION_STRING. Sourced by test.sh and bench scripts.
PG_USER="${PG_USER:-verification}"
PG_PASSWORD="${PG_PASSWORD:-verification}"
PG_DATABASE="${PG_DATABASE:-verification}"
PG_PORT="${PG_PORT:-5432}"

start_postgres() {
  local version
  version=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$version" ]; then
    echo "PostgreSQL is not installed (apt-get install postgresql)." >&2
    return 1
  fi
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$version main$"; then
    pg_createcluster "$version" main >/dev/null
  fi
  if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
    pg_ctlcluster "$version" main start
  fi
  local i
  for i in $(seq 1 30); do
    if su postgres -c "psql -p $PG_PORT -tAc 'select 1'" >/dev/null 2>&1; then break; fi
    sleep 1
  done
  su postgres -c "psql -p $PG_PORT -v ON_ERROR_STOP=1 -q" <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD' CREATEDB;
  END IF;
END
\$\$;
-- The tests drop their own databases WITH (FORCE), which ends every other session on them. Once, a class clean-up's
-- drop failed with 42501 ("must be a member of the role whose process is being terminated"): a session of no role
-- the test role belongs to, most likely an autovacuum worker vacuuming that database at the moment. The test role may
-- signal other roles' sessions (never a superuser's); NOTICEs hidden, the grant is repeated at every start.
SET client_min_messages = warning;
GRANT pg_signal_backend TO $PG_USER;
SQL
  if ! su postgres -c "psql -p $PG_PORT -tAc \"select 1 from pg_database where datname='$PG_DATABASE'\"" | grep -q 1; then
    su postgres -c "createdb -p $PG_PORT -O $PG_USER $PG_DATABASE"
  fi
  # GSS session encryption off: Npgsql 10 tries it first by default and, without Kerberos, its fall-back can spend the
  # whole connect timeout (npgsql/npgsql#6416); the tests' own contexts open with this string as it is.
  PG_CONNECTION_STRING="Host=127.0.0.1;Port=$PG_PORT;Username=$PG_USER;Password=$PG_PASSWORD;Database=$PG_DATABASE;GSS Encryption Mode=Disable"
  export PG_CONNECTION_STRING
}
