#!/usr/bin/env bash
# Starts a local PostgreSQL for the permalink store tests and prints the variables they read:
#   eval "$(.ci/start-postgres.sh)"
#   ./mvnw -B test -Dtest=PostgresPermalinkStoreTest
# Installs Debian's postgresql when missing (needs root), starts the newest cluster on
# 127.0.0.1 (port 5432 unless that cluster says otherwise), and creates the user and database
# "shadowstep" (password $SHADOWSTEP_TEST_PG_PASSWORD, default "shadowstep"). Idempotent.
# Progress goes to stderr; stdout carries only the export lines.
set -euo pipefail
# runuser and the PostgreSQL cluster tools live in the sbin folders, which a minimal PATH lacks.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

PASSWORD="${SHADOWSTEP_TEST_PG_PASSWORD:-shadowstep}"
say() { printf '%s\n' "$*" >&2; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -n -u postgres "$@"; fi; }

if ! command -v pg_lsclusters >/dev/null || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
        say "PostgreSQL is not installed and this is not root: install the Debian package postgresql first."
        exit 1
    fi
    say "Installing Debian's postgresql..."
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

version=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf "%f\n" | sort -n | tail -1)
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
    say "Creating cluster $version/main..."
    pg_createcluster "$version" main --port 5432 >&2
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $3 }')
status=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $4 }')
if [ "$status" != "online" ]; then
    say "Starting cluster $version/main on port $port..."
    pg_ctlcluster "$version" main start >&2
fi

for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 0.5
done
pg_isready -h 127.0.0.1 -p "$port" >&2

sql() { as_postgres psql -X -q -p "$port" -v ON_ERROR_STOP=1 -tA "$@"; }
if [ "$(sql -c "SELECT 1 FROM pg_roles WHERE rolname = 'shadowstep'")" != "1" ]; then
    say "Creating user shadowstep..."
    sql -c "CREATE ROLE shadowstep LOGIN PASSWORD '${PASSWORD//\'/\'\'}'"
else
    sql -c "ALTER ROLE shadowstep LOGIN PASSWORD '${PASSWORD//\'/\'\'}'"
fi
if [ "$(sql -c "SELECT 1 FROM pg_database WHERE datname = 'shadowstep'")" != "1" ]; then
    say "Creating database shadowstep..."
    sql -c "CREATE DATABASE shadowstep OWNER shadowstep"
fi

# Prove that a password login over TCP on the loopback works, as the tests will log in.
PGPASSWORD="$PASSWORD" psql -X -q -h 127.0.0.1 -p "$port" -U shadowstep -d shadowstep -tAc "SELECT 1" >/dev/null

echo "export SHADOWSTEP_TEST_PG_URL=jdbc:postgresql://127.0.0.1:$port/shadowstep"
echo "export SHADOWSTEP_TEST_PG_USER=shadowstep"
echo "export SHADOWSTEP_TEST_PG_PASSWORD=$PASSWORD"
