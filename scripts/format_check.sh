#!/usr/bin/env bash
# Checks that the tree's C++ follows .clang-format: lists every file clang-format would change and
# fails if there is one. `scripts/format_check.sh --fix` reformats those files in place instead.
# Needs clang-format (Debian: apt install clang-format); the style was settled with version 14.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
format=${CLANG_FORMAT:-clang-format}
if ! command -v "$format" >/dev/null; then
  echo "format_check: $format not found (apt install clang-format, or set CLANG_FORMAT)" >&2
  exit 2
fi
mapfile -t files < <(git ls-files -- '*.cpp' '*.hpp' '*.h' '*.cc')
if [[ "${1:-}" == "--fix" ]]; then
  "$format" -i --style=file "${files[@]}"
  exit 0
fi
unformatted=()
for f in "${files[@]}"; do
  "$format" --style=file --dry-run --Werror "$f" >/dev/null 2>&1 || unformatted+=("$f")
done
if ((${#unformatted[@]})); then
  printf 'format_check: not formatted as .clang-format says (scripts/format_check.sh --fix):\n' >&2
  printf '  %s\n' "${unformatted[@]}" >&2
  exit 1
fi
echo "format_check: ${#files[@]} files formatted"
