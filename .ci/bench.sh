#!/usr/bin/env bash
# .ci/bench.sh: consort against Hugo and against the floor, on the same
# synthetic bilingual site (internal/corpus), on this machine, in one run.
#
# For each size it writes the corpus (consort's layout, and the same files
# as a Hugo site in hugo/), then times, alternating them in rotating order,
# a cold `consort build`, `hugo --minify`, `consort-floor` (read, front
# matter, goldmark, one template, write; in parallel) and `consort-floor
# -minify` (the same, and each page minified as consort minifies it): a
# fresh process, an empty output folder and no cache, each run (earlier
# outputs are moved aside and deleted once all runs are done: about 30
# times the corpus in disk space). It prints the medians of wall time, CPU
# time (user + sys) and peak RSS (/usr/bin/time), pages per second, the
# ratios consort/Hugo, consort/floor and consort/(floor -minify) of wall
# and of CPU time, and those ratios within each round, then which outputs
# each program made. Beside them it times `consort build` of the same
# number of pages in four languages (en, fr, de, pl: corpus -langs), and
# reports the cost per page in two and in four languages. With more than
# one size, it reports the cost per page of each against the smallest.
# And it times `consort build` of the corpus with the floor's page as its
# only template (templates/base.html: the title, the description and the
# body, as consort-floor writes them; every list, feed, calendar, sitemap
# and catalogue still made): the generator without its theme, against the
# minifying floor, which tells what the theme's templates cost.
#
# Usage: .ci/bench.sh [--sizes "1000 10000"] [--big] [--runs N] [--rev REV] [--work DIR | --ramdisk] [--keep]
#   --sizes    corpus sizes, in content files (both languages); default "1000 10000"
#   --big      add the 50,000-page size (about half an hour on 2 cores)
#   --runs     runs of each program per size (default 5 at 1,000 pages or
#              fewer, 3 up to 20,000, 1 above)
#   --rev      measure the commit REV (e.g. HEAD) instead of the working tree,
#              so that uncommitted work in progress does not count
#   --work     folder for the corpora, outputs and logs (default: a temporary
#              folder, removed at the end unless --keep); corpora already
#              there from the same generator are reused. Its file system is
#              the one measured: the report names it.
#   --ramdisk  the work folder is /dev/shm/consort-bench (tmpfs, a RAM disk),
#              kept for the next run; the same as --work /dev/shm/consort-bench
#   --keep     keep the work folder
#
# On ext4 (or whatever the disk is) and on the RAM disk, one after the other:
#   .ci/bench.sh --rev HEAD --runs 5 --work /tmp/consort-bench   # /tmp on the disk
#   .ci/bench.sh --rev HEAD --runs 5 --ramdisk                   # /dev/shm
# The RAM disk takes the disk's noise out (the kernel's file creation is
# still there); the corpora and outputs need about 3 GiB of memory at
# 10,000 pages there. Use `df -T DIR` to check what a folder is on.
#
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
	--ramdisk) work=/dev/shm/consort-bench; keep=1; shift ;;
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

if [[ $work == /dev/shm/* && ! -d /dev/shm ]]; then
	echo "bench: no /dev/shm on this machine; pass --work DIR on a tmpfs instead" >&2
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
# program ran next. A tmpfs has no such allocator, and kept outputs would
# fill its memory (1.5 GiB a run at 50,000 pages, beside Hugo's 13 GiB):
# there each output is deleted once counted, outside the time measured.
trash=$work/trash
tmpfs=0
[[ $(df -T "$work" | awk 'NR==2 {print $2}') == tmpfs ]] && tmpfs=1
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
floor_usage=$("$bin/consort-floor" -h 2>&1 || true)
if [[ $floor_usage != *-minify* ]]; then
	echo "bench: the consort-floor of ${rev:-the working tree} has no -minify (it came with 41dcba2); measure a later commit" >&2
	exit 1
fi
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

# timed N TOOL ROUND: one cold run; appends "N TOOL wall cpu rssKB ROUND
# user" to results.
timed() {
	local n=$1 tool=$2 round=$3 corpus=$work/corpus-$1 out=$work/out-$2 tf=$work/time.txt log=$work/log-$2-$1.txt
	[[ $tool == consort4 ]] && corpus=$work/corpus-$1-4l
	[[ $tool == consortft ]] && corpus=$work/corpus-$1-ft
	mkdir -p "$trash"
	local d
	for d in "$out" "$work/hugo-cache"; do
		if [[ -e $d ]]; then mv "$d" "$(mktemp -u "$trash/run.XXXXXXXX")"; fi
	done
	rm -f "$out.lock"
	((tmpfs)) && rm -rf "$trash"
	sync
	local cmd
	case $tool in
	consort | consort4 | consortft) cmd=("$bin/consort" build --source "$corpus" --out "$out" --quiet --clock 2026-01-01) ;;
	hugo) cmd=(hugo --minify --quiet -s "$corpus/hugo" -d "$out" --cacheDir "$work/hugo-cache") ;;
	floor) cmd=("$bin/consort-floor" -source "$corpus" -out "$out") ;;
	floorm) cmd=("$bin/consort-floor" -minify -source "$corpus" -out "$out") ;;
	esac
	if ! /usr/bin/time -f '%e %U %S %M' -o "$tf" "${cmd[@]}" >"$log" 2>&1; then
		echo "bench: $tool failed on $n pages:" >&2
		tail -20 "$log" >&2
		exit 1
	fi
	read -r wall user sys rss <"$tf"
	awk -v n="$n" -v t="$tool" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v i="$round" \
		'BEGIN { printf "%d %s %.2f %.2f %d %d %.2f\n", n, t, w, u + s, r, i, u }' >>"$results"
	printf '  %-8s %6.2f s wall  %6.2f s cpu  %5d MiB\n' "$tool" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN{print u+s}')" $((rss / 1024))
	outputs "$out" >"$work/outputs-$tool.txt"
	((tmpfs)) && rm -rf "$out"
	return 0
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
	# The same files, hard-linked, with the floor's page as the only
	# template (the layouts of the theme are not executed).
	rm -rf "$corpus-ft"
	mkdir -p "$corpus-ft/templates"
	cp -al "$corpus/content" "$corpus/static" "$corpus-ft/" 2>/dev/null || cp -a "$corpus/content" "$corpus/static" "$corpus-ft/"
	cat >"$corpus-ft/templates/base.html" <<'HTML'
<!DOCTYPE html>
<html lang="{{.Lang}}">
<head><meta charset="utf-8"><title>{{.Title}}</title><meta name="description" content="{{.Description}}"></head>
<body><main><h1>{{.Title}}</h1>
{{with .Page}}{{$.HTML .}}{{end}}</main></body>
</html>
HTML
	r=$(runs_for "$n")
	echo
	echo "## $n pages, $r run(s) each, alternating"
	tools=(consort hugo floor floorm consort4 consortft)
	for ((i = 0; i < r; i++)); do
		for ((k = 0; k < ${#tools[@]}; k++)); do
			timed "$n" "${tools[(i + k) % ${#tools[@]}]}" "$i"
		done
	done
	echo "consort: $(<"$work/outputs-consort.txt")"
	echo "hugo:    $(<"$work/outputs-hugo.txt")"
	echo "floor:   $(<"$work/outputs-floor.txt")"
	echo "floor -minify: $(<"$work/outputs-floorm.txt")"
	echo "consort in 4 languages: $(<"$work/outputs-consort4.txt")"
	echo "consort with the floor's template: $(<"$work/outputs-consortft.txt")"
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
# perRound(n, what, a, b): the ratios a/b of measure what (wall or cpu) in
# each round of size n, comma-separated, and their median in ratioMedian.
function perRound(n, what, a, b,   m, rs, j, k, r, out) {
	m = split(rounds[n], rs, " "); out = ""; vals["r"] = ""
	for (j = 1; j <= m; j++) {
		k = n " " rs[j]
		r = meas[what " " k " " a] / meas[what " " k " " b]
		out = out sprintf("%s%.2f", j > 1 ? ", " : "", r)
		vals["r"] = vals["r"] " " r
	}
	ratioMedian = median("r")
	return out
}
{
	if (!($1 in seen)) { seen[$1] = 1; sizes[++ns] = $1 }
	vals[$1 " " $2 " wall"] = vals[$1 " " $2 " wall"] " " $3
	vals[$1 " " $2 " cpu"] = vals[$1 " " $2 " cpu"] " " $4
	vals[$1 " " $2 " rss"] = vals[$1 " " $2 " rss"] " " $5
	vals[$1 " " $2 " user"] = vals[$1 " " $2 " user"] " " $7
	meas["wall " $1 " " $6 " " $2] = $3
	meas["cpu " $1 " " $6 " " $2] = $4
	if (!(($1 " " $6) in seenRound)) { seenRound[$1 " " $6] = 1; rounds[$1] = rounds[$1] " " $6 }
}
END {
	print "Wall time, medians (\"floor -m\" is consort-floor -minify):"
	print ""
	print "| pages | consort | Hugo | floor | floor -m | consort pages/s | consort ms/page | consort/Hugo | consort/floor | consort/floor -m |"
	print "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
	for (i = 1; i <= ns; i++) {
		n = sizes[i]
		c = median(n " consort wall"); h = median(n " hugo wall"); f = median(n " floor wall"); fm = median(n " floorm wall")
		printf "| %d | %.2f s | %.2f s | %.2f s | %.2f s | %.0f | %.3f | %.2f | %.2f | %.2f |\n", n, c, h, f, fm, n / c, 1000 * c / n, c / h, c / f, c / fm
	}
	print ""
	print "CPU time (user + sys), medians:"
	print ""
	print "| pages | consort | Hugo | floor | floor -m | consort ms/page | consort/Hugo | consort/floor | consort/floor -m |"
	print "|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
	for (i = 1; i <= ns; i++) {
		n = sizes[i]
		c = median(n " consort cpu"); h = median(n " hugo cpu"); f = median(n " floor cpu"); fm = median(n " floorm cpu")
		printf "| %d | %.2f s | %.2f s | %.2f s | %.2f s | %.3f | %.2f | %.2f | %.2f |\n", n, c, h, f, fm, 1000 * c / n, c / h, c / f, c / fm
	}
	print ""
	print "Peak RSS, medians:"
	print ""
	print "| pages | consort | Hugo | floor | floor -m | consort/Hugo |"
	print "|--:|--:|--:|--:|--:|--:|"
	for (i = 1; i <= ns; i++) {
		n = sizes[i]
		rc = median(n " consort rss") / 1024; rh = median(n " hugo rss") / 1024
		printf "| %d | %.0f MiB | %.0f MiB | %.0f MiB | %.0f MiB | %.2f |\n", n, rc, rh, median(n " floor rss") / 1024, median(n " floorm rss") / 1024, rc / rh
	}
	print ""
	print "Ratios within each round (the programs run one after the other, so a"
	print "machine that slows down during the run moves them all), then their median:"
	print ""
	print "| pages | measure | consort/Hugo | median | consort/floor | median | consort/floor -m | median |"
	print "|--:|:--|:--|--:|:--|--:|:--|--:|"
	for (i = 1; i <= ns; i++) {
		n = sizes[i]
		split("wall cpu", whats, " ")
		for (w = 1; w <= 2; w++) {
			what = whats[w]
			rh = perRound(n, what, "consort", "hugo"); mh = ratioMedian
			rf = perRound(n, what, "consort", "floor"); mf = ratioMedian
			rm = perRound(n, what, "consort", "floorm"); mm = ratioMedian
			printf "| %d | %s | %s | %.2f | %s | %.2f | %s | %.2f |\n", n, what, rh, mh, rf, mf, rm, mm
		}
	}
	if (ns > 1) {
		print ""
		print "Cost per page against " sizes[1] " pages (1.00 is flat), medians; user CPU"
		print "time apart, since system time is mostly the kernel creating files:"
		print ""
		print "| pages | consort wall | consort CPU | consort user | floor -m wall | floor -m CPU | floor -m user |"
		print "|--:|--:|--:|--:|--:|--:|--:|"
		b = sizes[1]
		for (i = 2; i <= ns; i++) {
			n = sizes[i]
			printf "| %d |", n
			split("consort floorm", ts, " ")
			for (k = 1; k <= 2; k++) {
				split("wall cpu user", ms, " ")
				for (w = 1; w <= 3; w++) {
					printf " %.2f |", (median(n " " ts[k] " " ms[w]) / n) / (median(b " " ts[k] " " ms[w]) / b)
				}
			}
			printf "\n"
		}
	}
	print ""
	print "The generator without its theme: consort build with the floor'"'"'s page as"
	print "its only template (\"consort -t\"; every output still made), medians and"
	print "ratios within each round; consort/(consort -t) is what the theme costs:"
	print ""
	print "| pages | measure | consort -t | consort -t/floor -m per round | median | consort/(consort -t) per round | median |"
	print "|--:|:--|--:|:--|--:|:--|--:|"
	for (i = 1; i <= ns; i++) {
		n = sizes[i]
		split("wall cpu", whats, " ")
		for (w = 1; w <= 2; w++) {
			what = whats[w]
			rt = perRound(n, what, "consortft", "floorm"); mt = ratioMedian
			rc = perRound(n, what, "consort", "consortft"); mc = ratioMedian
			printf "| %d | %s | %.2f s | %s | %.2f | %s | %.2f |\n", n, what, median(n " consortft " what), rt, mt, rc, mc
		}
	}
	print ""
	print "Languages: consort build of the same number of pages in 2 languages (en, fr)"
	print "and in 4 (en, fr, de, pl), cost per page, medians; the ratio per round"
	print "compares the two builds of one round:"
	print ""
	print "| pages | 2 languages ms/page | 4 languages ms/page | 4/2 wall | 4/2 wall per round | 4/2 CPU | 4/2 CPU per round | RSS 2 | RSS 4 |"
	print "|--:|--:|--:|--:|:--|--:|:--|--:|--:|"
	for (i = 1; i <= ns; i++) {
		n = sizes[i]
		c = median(n " consort wall"); c4 = median(n " consort4 wall")
		lw = perRound(n, "wall", "consort4", "consort")
		lc = perRound(n, "cpu", "consort4", "consort")
		printf "| %d | %.3f | %.3f | %.2f | %s | %.2f | %s | %.0f MiB | %.0f MiB |\n", n, 1000 * c / n, 1000 * c4 / n, c4 / c, lw, median(n " consort4 cpu") / median(n " consort cpu"), lc, median(n " consort rss") / 1024, median(n " consort4 rss") / 1024
	}
}' "$results"
echo
echo "All runs: $results$( ((keep)) || echo ' (removed; use --keep or --work to keep it)')"
