#!/usr/bin/env bash
# How many times a command reads the bytes of a set of files: the bytes its
# read/pread calls return for those files (strace -y names each call's
# file), over the files' total size. 1.0 = every byte once.
#
#   bench/raster_reads.sh 'demo-data/population/*.tif' build/planner/tuowei -q propose demo-data/nanning.toml -n 10 --out /tmp/p
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 'GLOB' COMMAND [ARG...]   (needs strace)" >&2
  exit 2
fi
glob=$1
shift
command -v strace >/dev/null || { echo "$0: strace not found (apt-get install strace)" >&2; exit 2; }
trace=$(mktemp)
trap 'rm -f "$trace"' EXIT
strace -f -y -e trace=read,pread64 -o "$trace" "$@" >/dev/null
# shellcheck disable=SC2086
files=$(ls -d $glob)
total=$(du -cb $files | tail -n 1 | cut -f 1)
pattern=$(printf '%s\n' $files | sed 's/[.[\*^$]/\\&/g' | paste -sd'|')
read_bytes=$(grep -E "<(${pattern//\//\\/})>" "$trace" | grep -oE '= [0-9]+$' | awk '{s += $2} END {print s + 0}')
awk -v r="$read_bytes" -v t="$total" 'BEGIN { printf "read %d bytes of files holding %d: %.3f times\n", r, t, r / t }'
