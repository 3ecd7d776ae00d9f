#!/usr/bin/env bash
# A throwaway PostgreSQL 15 + PostGIS 3 server for the PostGIS tests (CTest
# fixture "postgis"): a cluster in a temporary folder, run as a non-root
# user, listening on a Unix socket in that folder only (no TCP port).
#
#   server.sh start ENV_FILE   initdb, start, create the test role and
#                              database (with PostGIS), write ENV_FILE
#   server.sh stop ENV_FILE    stop the server and remove its folder
#
# ENV_FILE holds KEY=VALUE lines the tests export: PGHOST (the socket
# folder), PGPORT, PGDATABASE, PGUSER, PGPASSFILE (a .pgpass with the test
# role's password: libpq's usual place), TUOWEI_PG_PASSWORD (for the tests
# that check a password is never echoed) and TUOWEI_PG_ROOT (the folder).
set -euo pipefail

action=${1:?usage: server.sh start|stop ENV_FILE}
env_file=${2:?usage: server.sh start|stop ENV_FILE}
bin=${TUOWEI_PG_BIN:-/usr/lib/postgresql/15/bin}

# PostgreSQL refuses to run as root: as root, run it as the postgres user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
  [ -f "$env_file" ] || return 0
  local root
  root=$(sed -n 's/^TUOWEI_PG_ROOT=//p' "$env_file")
  if [ -n "$root" ] && [ -d "$root/data" ]; then
    as_owner "$bin/pg_ctl" -D "$root/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  [ -n "$root" ] && rm -rf "$root"
  rm -f "$env_file"
}

start() {
  stop  # a server left by an interrupted run
  [ -x "$bin/initdb" ] || { echo "no PostgreSQL 15 at $bin: run .ci/install-deps (postgresql-15, postgresql-15-postgis-3)" >&2; exit 1; }
  [ -f /usr/share/postgresql/15/extension/postgis.control ] ||
    { echo "PostGIS 3 for PostgreSQL 15 is not installed: apt-get install postgresql-15-postgis-3" >&2; exit 1; }
  local root owner port=5432 password
  root=$(mktemp -d /tmp/tuowei-pg.XXXXXX)
  chmod 755 "$root"
  owner=$(id -un)
  if [ "$(id -u)" = 0 ]; then owner=postgres; chown postgres: "$root"; fi
  password="t-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
  # The superuser logs in over the socket as the OS user it runs as (peer);
  # everyone else with a password (SCRAM), as on a team's server.
  as_owner "$bin/initdb" -D "$root/data" -U "$owner" --auth-local=peer --auth-host=reject -E UTF8 \
    --locale=C.UTF-8 >"$root/initdb.log" 2>&1 || { cat "$root/initdb.log" >&2; exit 1; }
  cat >"$root/data/pg_hba.conf" <<HBA
local all $owner peer
local all all scram-sha-256
HBA
  as_owner "$bin/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 60 \
    -o "-c listen_addresses='' -c unix_socket_directories='$root' -p $port -c fsync=off -c max_connections=40" \
    start >/dev/null || { cat "$root/server.log" >&2; exit 1; }
  as_owner "$bin/psql" -h "$root" -p "$port" -U "$owner" -d postgres -v ON_ERROR_STOP=1 -q >/dev/null <<SQL
CREATE ROLE tuowei LOGIN PASSWORD '$password';
CREATE DATABASE tuowei_test OWNER tuowei;
\c tuowei_test
CREATE EXTENSION postgis;
CREATE DATABASE tuowei_no_postgis OWNER tuowei;
SQL
  # libpq's password file: host:port:database:user:password, mode 0600.
  printf '%s:%s:*:tuowei:%s\n' "$root" "$port" "$password" >"$root/pgpass"
  chmod 600 "$root/pgpass"
  mkdir -p "$(dirname "$env_file")"
  cat >"$env_file" <<ENV
PGHOST=$root
PGPORT=$port
PGDATABASE=tuowei_test
PGUSER=tuowei
PGPASSFILE=$root/pgpass
TUOWEI_PG_PASSWORD=$password
TUOWEI_PG_NO_POSTGIS_DATABASE=tuowei_no_postgis
TUOWEI_PG_ROOT=$root
ENV
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') with PostGIS on $root/.s.PGSQL.$port"
}

case "$action" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: server.sh start|stop ENV_FILE" >&2; exit 2 ;;
esac
