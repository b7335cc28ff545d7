#!/usr/bin/env bash
# Adds one merged change of a public repository to the real-world evaluation, read with git
# plumbing only (nothing is checked out, built or run).
#
#   add-case.sh GIT_DIR OWNER/NAME LICENCE COMMIT [PARENT]
#
# GIT_DIR is a clone (bare is fine) holding COMMIT; PARENT defaults to COMMIT's first parent,
# which for a PR's merge or squash commit is the base the PR was merged into. The case goes into
# Cases/OWNER+NAME.zip (created with the repository's licence file on first use) and a line is
# appended to Cases/manifest.tsv. Run it from any folder; re-running replaces the case.
set -euo pipefail

if [[ $# -lt 4 ]]; then
  sed -n '5,10p' "$0" >&2
  exit 2
fi

git_dir=$1 repo=$2 licence=$3
here=$(cd "$(dirname "$0")" && pwd)
g() { git --git-dir="$git_dir" -c core.quotepath=true "$@"; }

commit=$(g rev-parse --verify "$4^{commit}")
parent=$(g rev-parse --verify "${5:-$commit^1}^{commit}")
short=${commit:0:10}
zip_path="$here/Cases/${repo/\//+}.zip"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
case_dir="$work/$short"
mkdir -p "$case_dir"

# The same diff the CLI's --git reads, from the merge base to the merged commit.
g diff --no-color --no-ext-diff --no-textconv -M -C --full-index "$parent" "$commit" -- > "$case_dir/change.diff"

save() { # REV PATH TARGET_FOLDER: one blob, skipped when binary
  local target="$case_dir/$3/$2"
  mkdir -p "$(dirname "$target")"
  g cat-file blob "$1:$2" > "$target"
  if grep -qP '\x00' "$target"; then rm "$target"; fi
}

declare -A folders=([.]=1)
while IFS=$'\t' read -r status first second; do
  case $status in
    A) save "$commit" "$first" head; path=$first ;;
    D) save "$parent" "$first" base; path=$first ;;
    R*|C*) save "$commit" "$second" head; save "$parent" "$first" base; path=$second ;;
    *) save "$commit" "$first" head; save "$parent" "$first" base; path=$first ;;
  esac
  folder=$(dirname "$path")
  while [[ $folder != . ]]; do folders[$folder]=1; folder=$(dirname "$folder"); done
done < <(g diff --name-status -M -C "$parent" "$commit" --)

# Project files the CLI passes as context: .editorconfig, *.csproj, Directory.Build.props in every
# folder above a changed file, as of the merged commit.
for folder in "${!folders[@]}"; do
  spec=$([[ $folder == . ]] && echo . || echo "$folder/")
  g ls-tree --name-only "$commit" -- "$spec" | while read -r path; do
    name=${path##*/}
    if [[ $name == .editorconfig || $name == *.csproj || $name == *.[cC][sS][pP][rR][oO][jJ] || ${name,,} == directory.build.props ]]; then
      save "$commit" "$path" context
    fi
  done
done

if g cat-file -e "$commit:.github/prreviewbot.yml" 2>/dev/null; then
  save "$commit" .github/prreviewbot.yml config
fi

subject=$(g log -1 --format=%s "$commit" | tr '\t' ' ')
printf 'repo\t%s\nlicence\t%s\ncommit\t%s\nparent\t%s\nsubject\t%s\n' "$repo" "$licence" "$commit" "$parent" "$subject" > "$case_dir/manifest.tsv"

if [[ ! -f $zip_path ]]; then
  licence_file=$(g ls-tree --name-only "$commit" | grep -i -m1 -E '^(licen[cs]e|copying)' || true)
  if [[ -n $licence_file ]]; then
    g cat-file blob "$commit:$licence_file" > "$work/$licence_file"
    (cd "$work" && zip -q -X "$zip_path" "$licence_file")
  fi
fi
zip -q -d "$zip_path" "$short/*" >/dev/null 2>&1 || true
(cd "$work" && zip -q -r -D -X -9 "$zip_path" "$short")

manifest="$here/Cases/manifest.tsv"
[[ -f $manifest ]] || printf 'repo\tlicence\tcommit\tparent\tsubject\n' > "$manifest"
awk -F'\t' -v commit="$commit" '$3 != commit' "$manifest" > "$work/manifest"
printf '%s\t%s\t%s\t%s\t%s\n' "$repo" "$licence" "$commit" "$parent" "$subject" >> "$work/manifest"
cp "$work/manifest" "$manifest"
echo "added $repo $short: $(grep -c '^diff --git' "$case_dir/change.diff") files"
