#!/usr/bin/env bash
# .ci/bench.sh: consort against Hugo and against the floor, on the same
# synthetic bilingual site (internal/corpus), on this machine, in one run.
#
# For each size it writes the corpus (consort's layout, and the same files
# as a Hugo site in hugo/), then times, alternating the three in rotating
# order, a cold `consort build`, `hugo --minify` and `consort-floor` (read,
# front matter, goldmark, one template, write; in parallel): a fresh
# process, an empty output folder and no cache, each run (earlier outputs
# are moved aside and deleted once all runs are done: about 25 times the
# corpus in disk space). It prints the medians of wall time, CPU time
# (user + sys) and peak RSS (/usr/bin/time), pages per second, the ratios
# consort/Hugo and consort/floor and those within each round, then which
# outputs each generator made. Beside them it times `consort build` of
# the same number of pages in four languages (en, fr, de, pl: corpus
# -langs), and reports the cost per page in two and in four languages.
#
# Usage: .ci/bench.sh [--sizes "1000 10000"] [--big] [--runs N] [--rev REV] [--work DIR] [--keep]
#   --sizes  corpus sizes, in content files (both languages); default "1000 10000"
#   --big    add the 50,000-page size (about half an hour on 2 cores)
#   --runs   runs of each generator per size (default 5 at 1,000 pages or
#            fewer, 3 up to 20,000, 1 above)
#   --rev    measure the commit REV (e.g. HEAD) instead of the working tree,
#            so that uncommitted work in progress does not count
#   --work   folder for the corpora, outputs and logs (default: a temporary
#            folder, removed at the end unless --keep); corpora already
#            there from the same generator are reused
#   --keep   keep the work folder
# Needs: go, Debian's hugo (apt-get install -y hugo) and GNU time
# (apt-get install -y time).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

sizes="1000 10000"
big=0
runs=""
rev=""
work=""
keep=0
while (($#)); do
	case $1 in
	--sizes) sizes=$2; shift 2 ;;
	--big) big=1; shift ;;
	--runs) runs=$2; shift 2 ;;
	--rev) rev=$2; shift 2 ;;
	--work) work=$2; keep=1; shift 2 ;;
	--keep) keep=1; shift ;;
	-h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "bench: unknown argument $1; see --help" >&2; exit 2 ;;
	esac
done
((big)) && sizes="$sizes 50000"

missing=()
command -v hugo >/dev/null || missing+=(hugo)
[[ -x /usr/bin/time ]] || missing+=(time)
if ((${#missing[@]})); then
	echo "bench: missing ${missing[*]}; install with: apt-get install -y ${missing[*]}" >&2
	exit 1
fi

if [[ -z $work ]]; then
	work=$(mktemp -d "${TMPDIR:-/tmp}/consort-bench.XXXXXX")
fi
mkdir -p "$work/bin"
work=$(cd "$work" && pwd)
# Outputs of earlier runs are moved to $trash and deleted only at the end:
# on ext4, creating files seconds after 11,000 others were deleted makes
# the inode allocator skip the recently deleted ones (recently_deleted in
# the kernel's profile), which added 2 to 6 s of kernel time to whichever
# program ran next.
trash=$work/trash
cleanup() {
	rm -rf "$trash"
	((keep)) || rm -rf "$work"
}
trap cleanup EXIT

bin=$work/bin
src=$root
version="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . 2>/dev/null || echo ' with uncommitted changes')"
if [[ -n $rev ]]; then
	src=$work/src
	rm -rf "$src"
	mkdir -p "$src"
	git archive "$rev" | tar -x -C "$src"
	version="$(git rev-parse --short "$rev") ($rev)"
fi
(cd "$src" && go build -o "$bin/" ./cmd/consort ./cmd/consort-corpus ./cmd/consort-floor)
# The corpus depends only on the generator's source: reuse a corpus made by
# the same source.
stamp=$(cd "$src" && cat internal/corpus/*.go $(find internal/corpus/testdata -type f | sort) | sha256sum | cut -c1-16)

results=$work/results.txt
: >"$results"

runs_for() {
	if [[ -n $runs ]]; then echo "$runs"
	elif (($1 <= 1000)); then echo 5
	elif (($1 <= 20000)); then echo 3
	else echo 1
	fi
}

# timed N TOOL ROUND: one cold run; appends "N TOOL wall cpu rssKB ROUND" to
# results.
timed() {
	local n=$1 tool=$2 round=$3 corpus=$work/corpus-$1 out=$work/out-$2 tf=$work/time.txt log=$work/log-$2-$1.txt
	[[ $tool == consort4 ]] && corpus=$work/corpus-$1-4l
	mkdir -p "$trash"
	local d
	for d in "$out" "$work/hugo-cache"; do
		if [[ -e $d ]]; then mv "$d" "$(mktemp -u "$trash/run.XXXXXXXX")"; fi
	done
	rm -f "$out.lock"
	sync
	local cmd
	case $tool in
	consort | consort4) cmd=("$bin/consort" build --source "$corpus" --out "$out" --quiet --clock 2026-01-01) ;;
	hugo) cmd=(hugo --minify --quiet -s "$corpus/hugo" -d "$out" --cacheDir "$work/hugo-cache") ;;
	floor) cmd=("$bin/consort-floor" -source "$corpus" -out "$out") ;;
	esac
	if ! /usr/bin/time -f '%e %U %S %M' -o "$tf" "${cmd[@]}" >"$log" 2>&1; then
		echo "bench: $tool failed on $n pages:" >&2
		tail -20 "$log" >&2
		exit 1
	fi
	read -r wall user sys rss <"$tf"
	awk -v n="$n" -v t="$tool" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v i="$round" \
		'BEGIN { printf "%d %s %.2f %.2f %d %d\n", n, t, w, u + s, r, i }' >>"$results"
	printf '  %-7s %6.2f s wall  %6.2f s cpu  %5d MiB\n' "$tool" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN{print u+s}')" $((rss / 1024))
}

# outputs DIR: what a generator wrote, by kind of file.
outputs() {
	local dir=$1
	local total html xml json ics other
	total=$(find "$dir" -type f | wc -l)
	html=$(find "$dir" -type f -name '*.html' | wc -l)
	xml=$(find "$dir" -type f \( -name '*.xml' -o -name '*.rss' -o -name '*.atom' \) | wc -l)
	json=$(find "$dir" -type f -name '*.json' | wc -l)
	ics=$(find "$dir" -type f -name '*.ics' | wc -l)
	other=$((total - html - xml - json - ics))
	local on=()
	[[ -n $(find "$dir" -maxdepth 3 -path '*/catalogue/*' -print -quit) ]] && on+=(catalogue)
	[[ -n $(find "$dir" -type f \( -name 'atom.xml' -o -name 'index.xml' -o -name '*.rss' \) -print -quit) ]] && on+=(feeds)
	[[ -n $(find "$dir" -type f -name '*.ics' -print -quit) ]] && on+=(calendars)
	[[ -f $dir/sitemap.xml ]] && on+=(sitemap)
	[[ -n $(find "$dir" -type f -name '*.json' -print -quit) ]] && on+=(json)
	echo "$total files (html $html, xml $xml, json $json, ics $ics, other $other); outputs: ${on[*]:-pages only}"
}

echo "# consort benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "consort $version, $(go version | cut -d' ' -f3), $(hugo version | cut -d' ' -f1-2), work folder $work ($(df -T "$work" | awk 'NR==2 {print $2}'))"

for n in $sizes; do
	corpus=$work/corpus-$n
	if [[ ! -f $corpus/.stamp || $(<"$corpus/.stamp") != "$stamp" ]]; then
		rm -rf "$corpus"
		"$bin/consort-corpus" -pages "$n" -seed 1 -hugo "$corpus" >/dev/null
		echo "$stamp" >"$corpus/.stamp"
	fi
	if [[ ! -f $corpus-4l/.stamp || $(<"$corpus-4l/.stamp") != "$stamp" ]]; then
		rm -rf "$corpus-4l"
		"$bin/consort-corpus" -pages "$n" -seed 1 -langs en,fr,de,pl "$corpus-4l" >/dev/null
		echo "$stamp" >"$corpus-4l/.stamp"
	fi
	r=$(runs_for "$n")
	echo
	echo "## $n pages, $r run(s) each, alternating"
	tools=(consort hugo floor consort4)
	for ((i = 0; i < r; i++)); do
		for ((k = 0; k < 4; k++)); do
			timed "$n" "${tools[(i + k) % 4]}" "$i"
		done
	done
	echo "consort: $(outputs "$work/out-consort")"
	echo "hugo:    $(outputs "$work/out-hugo")"
	echo "floor:   $(outputs "$work/out-floor")"
	echo "consort in 4 languages: $(outputs "$work/out-consort4")"
done

echo
echo "## Medians"
echo
awk '
function median(key,   n, i, j, t, a) {
	n = split(vals[key], a, " ")
	for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j] + 0 < a[j-1] + 0; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
{
	if (!($1 in seen)) { seen[$1] = 1; sizes[++ns] = $1 }
	vals[$1 " " $2 " wall"] = vals[$1 " " $2 " wall"] " " $3
	vals[$1 " " $2 " cpu"] = vals[$1 " " $2 " cpu"] " " $4
	vals[$1 " " $2 " rss"] = vals[$1 " " $2 " rss"] " " $5
	wall[$1 " " $6 " " $2] = $3
	if (!(($1 " " $6) in seenRound)) { seenRound[$1 " " $6] = 1; rounds[$1] = rounds[$1] " " $6 }
}
END {
	print "| pages | consort | Hugo | floor | consort pages/s | consort/Hugo | consort/floor | consort ms/page | RSS consort | RSS Hugo | RSS floor | RSS consort/Hugo |"
	print "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
	for (i = 1; i <= ns; i++) {
		n = sizes[i]
		c = median(n " consort wall"); h = median(n " hugo wall"); f = median(n " floor wall")
		rc = median(n " consort rss") / 1024; rh = median(n " hugo rss") / 1024; rf = median(n " floor rss") / 1024
		printf "| %d | %.2f s | %.2f s | %.2f s | %.0f | %.2f | %.2f | %.3f | %.0f MiB | %.0f MiB | %.0f MiB | %.2f |\n", n, c, h, f, n / c, c / h, c / f, 1000 * c / n, rc, rh, rf, rc / rh
	}
	print ""
	print "CPU time (user + sys), medians:"
	print ""
	print "| pages | consort | Hugo | floor | consort/Hugo | consort/floor |"
	print "|--:|--:|--:|--:|--:|--:|"
	for (i = 1; i <= ns; i++) {
		n = sizes[i]
		c = median(n " consort cpu"); h = median(n " hugo cpu"); f = median(n " floor cpu")
		printf "| %d | %.2f s | %.2f s | %.2f s | %.2f | %.2f |\n", n, c, h, f, c / h, c / f
	}
	print ""
	print "Ratios of wall time within each round (the three programs run one after"
	print "the other, so a machine that slows down during the run moves all three):"
	print ""
	print "| pages | consort/Hugo per round | median | consort/floor per round | median |"
	print "|--:|:--|--:|:--|--:|"
	for (i = 1; i <= ns; i++) {
		n = sizes[i]
		m = split(rounds[n], rs, " ")
		hs = ""; fs = ""; vals["h"] = ""; vals["f"] = ""
		for (j = 1; j <= m; j++) {
			k = n " " rs[j]
			rh = wall[k " consort"] / wall[k " hugo"]; rf = wall[k " consort"] / wall[k " floor"]
			hs = hs sprintf("%s%.2f", j > 1 ? ", " : "", rh); fs = fs sprintf("%s%.2f", j > 1 ? ", " : "", rf)
			vals["h"] = vals["h"] " " rh; vals["f"] = vals["f"] " " rf
		}
		printf "| %d | %s | %.2f | %s | %.2f |\n", n, hs, median("h"), fs, median("f")
	}
	print ""
	print "Languages: consort build of the same number of pages in 2 languages (en, fr)"
	print "and in 4 (en, fr, de, pl), cost per page, medians; the ratio per round"
	print "compares the two builds of one round:"
	print ""
	print "| pages | 2 languages ms/page | 4 languages ms/page | 4/2 | 4/2 per round | RSS 2 | RSS 4 |"
	print "|--:|--:|--:|--:|:--|--:|--:|"
	for (i = 1; i <= ns; i++) {
		n = sizes[i]
		c = median(n " consort wall"); c4 = median(n " consort4 wall")
		m = split(rounds[n], rs, " "); ls = ""
		for (j = 1; j <= m; j++) {
			k = n " " rs[j]
			ls = ls sprintf("%s%.2f", j > 1 ? ", " : "", wall[k " consort4"] / wall[k " consort"])
		}
		printf "| %d | %.3f | %.3f | %.2f | %s | %.0f MiB | %.0f MiB |\n", n, 1000 * c / n, 1000 * c4 / n, c4 / c, ls, median(n " consort rss") / 1024, median(n " consort4 rss") / 1024
	}
}' "$results"
echo
echo "All runs: $results$( ((keep)) || echo ' (removed; use --keep or --work to keep it)')"
