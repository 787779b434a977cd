#!/usr/bin/env bash
# Writes digits.csv (or the file named as $1) for `deltagen train`: the 1797 images of
# generated-example's digits.csv.gz (see its NOTICE.md) under a header row p0 … p63, digit.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-digits.csv}"
{
  printf 'p%d,' $(seq 0 63)
  echo digit
  gzip -dc "$root/generated-example/src/main/resources/org/deltagen/example/deep/digits.csv.gz"
} >"$out"
