#!/usr/bin/env bash
# Packs a real change of a repository into a small git bundle for the real-change benchmarks and
# the analysis-scope regression test (tests/PrReviewBot.Benchmarks/RealChanges/README.md).
#
#   scripts/real-change-bundle.sh REPO BASE..HEAD OUT.bundle [SOURCE]
#
# The bundle holds a synthetic repository of two commits: the first has the base versions (at the
# merge base of BASE and HEAD, as `prreviewbot review --git` reads them) of every file the range
# touches, the second their head versions. Files the review reads for context but the range leaves
# alone (.editorconfig, .gitattributes, *.csproj, Directory.Build.props in the changed files' folders
# and their parents) and the source's licence files are in both, unchanged. git stores each base version as a
# delta of its head version, so the pair costs little more than one compressed copy, and
#   git clone OUT.bundle DIR && prreviewbot review --root DIR --git HEAD~1..HEAD
# reviews exactly the change `prreviewbot review --root REPO --git BASE..HEAD` reviews: the script
# checks that the two `git diff -M -C --full-index` outputs are byte-identical before it writes.
# SOURCE (for example dotnet/efcore) names the origin in the commit messages.
# Nothing of REPO is checked out, built or run; REPO is only read.
set -euo pipefail
export LC_ALL=C

if [ $# -lt 3 ] || [ $# -gt 4 ]; then
  echo "usage: $0 REPO BASE..HEAD OUT.bundle [SOURCE]" >&2
  exit 2
fi
repo=$1
range=$2
out=$3
source_name=${4:-$(basename "$(cd "$repo" && pwd)")}

case "$range" in
  *...*) base_ref=${range%%...*}; head_ref=${range#*...} ;;
  *..*) base_ref=${range%%..*}; head_ref=${range#*..} ;;
  *) echo "range must be BASE..HEAD, not '$range'" >&2; exit 2 ;;
esac

# src reads the source repository; syn writes the synthetic one.
src() { git -C "$repo" --literal-pathspecs "$@"; }
syn() { git --git-dir="$work/change.git" --literal-pathspecs "$@"; }
head=$(src rev-parse --verify "$head_ref^{commit}")
merge_base=$(src merge-base "$(src rev-parse --verify "$base_ref^{commit}")" "$head")
objects=$(cd "$repo" && cd "$(git rev-parse --git-common-dir)" && pwd)/objects

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git init -q --bare "$work/change.git"
# Borrow the source's objects while the trees are built; the pack below copies the ones it needs.
echo "$objects" > "$work/change.git/objects/info/alternates"

# Every path the range touches, renames split into their two sides.
mapfile -d '' changed < <(src diff -z --name-only --no-renames "$merge_base" "$head" --)

# Context files the review reads, from every folder that holds a changed file or one of its parents.
declare -A folders=(["."]=1)
for path in "${changed[@]}"; do
  folder=$path
  while [[ $folder == */* ]]; do
    folder=${folder%/*}
    folders["$folder/"]=1
  done
done
mapfile -d '' unchanged < <(
  { src ls-tree -z --name-only "$head" -- "${!folders[@]}" | grep -zE '(^|/)(\.editorconfig|\.gitattributes|[^/]*\.[cC][sS][pP][rR][oO][jJ]|[dD]irectory\.[bB]uild\.[pP][rR][oO][pP][sS])$' || true
    src ls-tree -z --name-only "$head" | grep -izE '^(licen[cs]e|copying)(\.[a-z]+)?$' || true
  } | sort -zu | comm -z -23 - <(printf '%s\0' "${changed[@]}" | sort -zu))

# ls-tree prints "mode type id<TAB>path", which is what update-index --index-info reads.
tree_at() {
  local commit=$1 index="$work/index.$1"
  {
    src ls-tree -r -z "$commit" -- "${changed[@]}"
    if [ ${#unchanged[@]} -gt 0 ]; then src ls-tree -r -z "$head" -- "${unchanged[@]}"; fi
  } | GIT_INDEX_FILE=$index syn update-index -z --index-info
  GIT_INDEX_FILE=$index syn write-tree
}

# Fixed names and dates: the same range always gives the same commits.
export GIT_AUTHOR_NAME="PrReviewBot benchmarks" GIT_AUTHOR_EMAIL="benchmarks@prreviewbot.invalid"
export GIT_COMMITTER_NAME=$GIT_AUTHOR_NAME GIT_COMMITTER_EMAIL=$GIT_AUTHOR_EMAIL
export GIT_AUTHOR_DATE="2000-01-01T00:00:00Z" GIT_COMMITTER_DATE="2000-01-01T00:00:00Z"
first=$(syn commit-tree "$(tree_at "$merge_base")" \
  -m "Base: $source_name $merge_base (merge base of $base_ref and $head), the files $range changes")
second=$(syn commit-tree "$(tree_at "$head")" -p "$first" \
  -m "Head: $source_name $head, the files $range changes")
syn update-ref refs/heads/main "$second"
syn symbolic-ref HEAD refs/heads/main

# The synthetic change must be the real one, byte for byte. A bare repository reads attributes (which files
# are binary) only from info/attributes: the head's root .gitattributes stands in for a checkout's.
src show "$head:.gitattributes" > "$work/change.git/info/attributes" 2>/dev/null || true
if ! cmp -s <(src diff --no-color --no-ext-diff --no-textconv -M -C --full-index "$merge_base" "$head" --) \
            <(syn diff --no-color --no-ext-diff --no-textconv -M -C --full-index "$first" "$second" --); then
  echo "the synthetic change differs from $range; not written" >&2
  exit 1
fi

# Pack afresh (the source's deltas point at objects left out) with a wide window, so each base
# version becomes a delta of its head version or of a like file; then let go of the source.
echo main | syn -c core.compression=9 pack-objects -q --revs --no-reuse-delta --delta-base-offset \
  --window=250 --depth=250 "$work/change.git/objects/pack/pack" >/dev/null
rm "$work/change.git/objects/info/alternates"
syn bundle create -q "$work/out.bundle" HEAD main
if ! verify=$(syn bundle verify "$work/out.bundle" 2>&1); then
  echo "$verify" >&2
  exit 1
fi
mv "$work/out.bundle" "$out"

added=$(src diff --numstat -M -C "$merge_base" "$head" -- | awk '$1 ~ /^[0-9]+$/ { s += $1 } END { print s + 0 }')
files=$(syn diff -z --name-only -M -C "$first" "$second" | tr -cd '\0' | wc -c)
head_bytes=$(syn ls-tree -r -z --long "$second" -- "${changed[@]}" | tr '\0' '\n' | awk '$2 == "blob" { s += $4 } END { print s + 0 }')
printf '%s %s..%s: %d changed files, %.1f MB of head files, %d added lines; %s is %.1f MB\n' \
  "$source_name" "${merge_base:0:10}" "${head:0:10}" "$files" "$(echo "$head_bytes / 1000000" | bc -l)" "$added" \
  "$out" "$(echo "$(stat -c %s "$out") / 1000000" | bc -l)"
