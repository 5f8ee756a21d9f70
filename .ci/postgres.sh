#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests (installing Debian's postgresql when it is missing) and
# prints the connection string on stdout. The cluster lives in a temporary folder owned by the postgres
# user, listens on 127.0.0.1:${A2Q_PG_PORT:-55432}, and is stopped by `.ci/postgres.sh stop DIR`.
set -euo pipefail

if [ "${1:-}" = "stop" ]; then
  dir="$2"
  bin="$(dirname "$(ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1)")"
  su postgres -s /bin/sh -c "$bin/pg_ctl -D '$dir/data' -m fast stop" >/dev/null 2>&1 || true
  rm -rf "$dir"
  exit 0
fi

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "installing postgresql (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
bin="$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")"
port="${A2Q_PG_PORT:-55432}"

dir="$(mktemp -d /tmp/a2q-pg.XXXXXX)"
chown postgres:postgres "$dir"
# PostgreSQL refuses to run as root: the cluster belongs to the postgres user the package creates.
su postgres -s /bin/sh -c "$bin/initdb -D '$dir/data' -U postgres --auth=trust -E UTF8 >/dev/null"
su postgres -s /bin/sh -c "$bin/pg_ctl -D '$dir/data' -l '$dir/log' -o \"-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off\" -w start >/dev/null"
su postgres -s /bin/sh -c "psql -h 127.0.0.1 -p $port -U postgres -q -c \"CREATE ROLE a2q LOGIN PASSWORD 'a2q' CREATEDB\" -c \"CREATE DATABASE a2q_test OWNER a2q\"" >&2
echo "$dir"
echo "Host=127.0.0.1;Port=$port;Username=a2q;Password=a2q;Database=a2q_test"
