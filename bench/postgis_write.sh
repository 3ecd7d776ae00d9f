#!/usr/bin/env bash
# Writing a run's results to PostGIS against writing them to a folder
# (tuowei.gpkg and the small CSV/JSON files beside it), on the Nanning demo.
#
#   bench/postgis_write.sh [-n RUNS] [--build DIR] [--demo DIR] [CONNECTION]
#
# Runs `tuowei propose` (5 sites, greedy: every layer, no GeoTIFFs) RUNS
# times (default 7) into each destination, alternating, and takes the write
# stage of each run from TUOWEI_TRACE (from "writing outputs" to "done"), so
# that loading and analysing, which are the same for both, are not timed.
# Prints each run, the medians and the median of the pairwise ratios
# (PostGIS / folder). CONNECTION defaults to a throwaway server started with
# tests/postgis/server.sh (PostgreSQL 15 + PostGIS 3 installed); results go to
# its schema tuowei_bench. The demo is generated into --demo (default
# /tmp/tuowei-bench-demo) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=7
build=build
demo=/tmp/tuowei-bench-demo
connection=
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --demo) demo=$2; shift 2 ;;
    -h | --help) sed -n '2,16p' "$0"; exit 0 ;;
    *) connection=$1; shift ;;
  esac
done
tuowei=$build/planner/tuowei
[ -x "$tuowei" ] || { echo "$tuowei not found: build tuowei first (or give --build DIR)" >&2; exit 1; }
if [ ! -f "$demo/nanning.toml" ]; then
  "$build/datasets/tuowei-demo-data" --out "$demo" >/dev/null
fi

work=$(mktemp -d)
cleanup() {
  [ -f "$work/server.env" ] && bash tests/postgis/server.sh stop "$work/server.env"
  rm -rf "$work"
}
trap cleanup EXIT
if [ -z "$connection" ]; then
  bash tests/postgis/server.sh start "$work/server.env" >/dev/null
  set -a
  # shellcheck disable=SC1091
  . "$work/server.env"
  set +a
  connection="postgresql:///$PGDATABASE"
fi

# Seconds from "writing outputs" to "done" in TUOWEI_TRACE's lines.
write_seconds() {
  TUOWEI_TRACE=1 "$tuowei" -q propose "$demo/nanning.toml" -n 5 --solver greedy "$@" 2>&1 >/dev/null |
    awk '/writing outputs/ {w = $1} / done$/ {d = $1} END {if (w == "" || d == "") exit 1; printf "%.3f\n", d - w}'
}

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

echo "run  folder_s  postgis_s  ratio"
: >"$work/folder" >"$work/postgis" >"$work/ratio"
for i in $(seq 1 "$runs"); do
  # Alternate which goes first, so that neither always runs on a warmer machine.
  if [ $((i % 2)) = 1 ]; then
    f=$(write_seconds --out "$work/out")
    p=$(write_seconds --out "$connection" --schema tuowei_bench)
  else
    p=$(write_seconds --out "$connection" --schema tuowei_bench)
    f=$(write_seconds --out "$work/out")
  fi
  r=$(awk -v p="$p" -v f="$f" 'BEGIN {printf "%.2f", p / f}')
  echo "$f" >>"$work/folder"
  echo "$p" >>"$work/postgis"
  echo "$r" >>"$work/ratio"
  printf '%3d  %8s  %9s  %5s\n' "$i" "$f" "$p" "$r"
done
echo "median: folder $(median <"$work/folder") s, PostGIS $(median <"$work/postgis") s, ratio (pairwise) $(median <"$work/ratio")"
