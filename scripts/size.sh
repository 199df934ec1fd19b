#!/usr/bin/env bash
# Prints the built site's transfer size: the wasm, and everything, raw and gzipped.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d dist ] || { echo "dist/ is missing: run make dist first" >&2; exit 1; }
gz() { gzip -9c "$1" | wc -c; }
printf '%-40s %12s %12s\n' file raw gzip
total_raw=0; total_gz=0
while IFS= read -r f; do
  raw=$(wc -c < "$f"); z=$(gz "$f")
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + z))
  printf '%-40s %12d %12d\n' "${f#dist/}" "$raw" "$z"
done < <(find dist -type f ! -name '.trunk-lock' ! -name 'kinesis-sandbox.html' | sort)
printf '%-40s %12d %12d\n' TOTAL "$total_raw" "$total_gz"
# The single-file build is a separate download, not part of the site's transfer.
if [ -f dist/kinesis-sandbox.html ]; then
  printf '%-40s %12d %12d\n' 'kinesis-sandbox.html (single file)' "$(wc -c < dist/kinesis-sandbox.html)" "$(gz dist/kinesis-sandbox.html)"
fi
