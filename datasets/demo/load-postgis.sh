#!/usr/bin/env bash
# Loads the Nanning demo's inputs into PostGIS and writes a project that
# reads them from there and writes its results there (docs/postgis.md):
#
#   datasets/demo/load-postgis.sh DEMO_DIR CONNECTION [SCHEMA]
#   tuowei run DEMO_DIR/nanning-postgis.toml
#
# DEMO_DIR is what tuowei-demo-data --out wrote. CONNECTION is a PostGIS
# database ("postgresql://user@host/db" or "PG:service=tuowei"), without a
# password: libpq takes it from ~/.pgpass, PGPASSFILE or pg_service.conf.
# The boundaries, the facility register and the population register go to
# SCHEMA (default tuowei_demo) as tables townships, facilities and register
# (replaced if there); the results go to schema tuowei. The population
# rasters stay files. Needs ogr2ogr (gdal-bin) and iconv.
set -euo pipefail

dir=${1:?usage: load-postgis.sh DEMO_DIR CONNECTION [SCHEMA]}
connection=${2:?usage: load-postgis.sh DEMO_DIR CONNECTION [SCHEMA]}
schema=${3:-tuowei_demo}
[ -f "$dir/nanning.toml" ] || { echo "$dir/nanning.toml not found: run tuowei-demo-data --out $dir first" >&2; exit 1; }
case "$connection" in
  PG:* | postgresql://* | postgres://*) ;;
  *) echo "CONNECTION must be a postgresql:// URL or a PG: string, not '$connection'" >&2; exit 1 ;;
esac
case "$schema" in
  *[!a-z0-9_]* | [0-9]* | "") echo "SCHEMA must be a lower-case SQL name (letters, digits, _)" >&2; exit 1 ;;
esac
pg=$connection
case "$pg" in PG:*) ;; *) pg="PG:$pg" ;; esac

# Column names kept as they are (Chinese, 0-3岁人口), all values as text:
# tuowei parses them itself and names the record when one is wrong.
load() {  # SOURCE TABLE [ogr2ogr options...]
  local source=$1 table=$2
  shift 2
  ogr2ogr -f PostgreSQL "$pg" "$source" -nln "$schema.$table" -overwrite -lco LAUNDER=NO -lco GEOMETRY_NAME=geom \
    -lco FID=fid "$@"
}
ogrinfo "$pg" -q -sql "CREATE SCHEMA IF NOT EXISTS $schema" >/dev/null
# The demo's shapefile and CSV are GBK, as they often come; the database holds UTF-8.
load "$dir/townships.shp" townships -oo ENCODING=GB18030 -nlt MULTIPOLYGON
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
iconv -f GB18030 -t UTF-8 "$dir/facilities.csv" >"$tmp/facilities.csv"
load "$tmp/facilities.csv" facilities
OGR_XLSX_HEADERS=FORCE OGR_XLSX_FIELD_TYPES=STRING load "$dir/register.xlsx" register

# The same project with the three inputs and the results in the database.
quoted=${connection//\\/\\\\}  # a TOML string
quoted=${quoted//\"/\\\"}
replacement=$(printf '%s' "$quoted" | sed -e 's/[&|\\]/\\&/g')  # a sed replacement
sed -e "s|^path = \"townships.shp\"|path = \"$replacement\"\nlayer = \"$schema.townships\"|" \
    -e "s|^path = \"facilities.csv\"|path = \"$replacement\"\nlayer = \"$schema.facilities\"|" \
    -e "s|^path = \"register.xlsx\"|path = \"$replacement\"\nlayer = \"$schema.register\"|" \
    "$dir/nanning.toml" >"$dir/nanning-postgis.toml"
cat >>"$dir/nanning-postgis.toml" <<TOML

# Results go to the database: one row per run in tuowei.runs, the tables
# tuowei.townships, counties, facilities, ... with the run's run_id.
[output]
postgis = "$quoted"
schema = "tuowei"
TOML
echo "loaded $schema.townships, $schema.facilities, $schema.register; project: $dir/nanning-postgis.toml"
