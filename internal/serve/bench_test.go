package serve

import (
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"consort/internal/build"
	"consort/internal/corpus"
	"consort/internal/publish"
)

// BenchmarkReload measures, on generated bilingual sites of 1,000 and
// 10,000 pages, the time from writing a file to the reload event reaching
// an open page, for
//
//   - body: one partner's text edited;
//   - list: one partner's title edited (its section's list, the
//     catalogue and the feeds show it);
//   - template: the footer template edited (every page again);
//
// and, in the same run, a cold build (build.Build and publish.Minify,
// what consort build does before writing) for the ratio of the template
// edit, a full rebuild, to a cold build. Each reports its median and
// 90th percentile in ms; run with -benchtime 15x for 15 edits each:
//
//	go test ./internal/serve -run '^$' -bench Reload -benchtime 15x -timeout 60m
func BenchmarkReload(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			if err := corpus.Write(dir, corpus.Options{Pages: n, Seed: 1}); err != nil {
				b.Fatal(err)
			}
			opts := buildOptions()
			opts.Site.Clock = time.Time{}
			cold := coldBuild(b, dir, opts)
			ts := start(b, dir, Options{Build: opts})
			ts.get("/") // the first build is done
			es := ts.subscribe()
			gen := es.hello.Gen

			partner := firstFile(b, dir, "content/en/partners")
			body := readFile(b, dir, partner)
			titleRE := regexp.MustCompile(`(?m)^title: .*$`)
			scenarios := []struct {
				name  string
				write func(i int)
			}{
				{"body", func(i int) {
					writeFile(b, dir, partner, body+fmt.Sprintf("\nEdit number %d.\n", i))
				}},
				{"list", func(i int) {
					writeFile(b, dir, partner, titleRE.ReplaceAllString(body, fmt.Sprintf("title: Renamed Partner %d", i)))
				}},
				{"template", func(i int) {
					writeFile(b, dir, "templates/partials/footer.html", footer(b, i))
				}},
			}
			for _, sc := range scenarios {
				b.Run(sc.name, func(b *testing.B) {
					var took []time.Duration
					for i := 0; i < b.N; i++ {
						t0 := time.Now()
						sc.write(i)
						ev, ok := es.wait(gen)
						if !ok {
							b.Fatalf("%s edit %d: no event; server log:\n%s", sc.name, i, ts.log)
						}
						gen = ev.Gen
						took = append(took, time.Since(t0))
					}
					med, p90 := percentiles(took)
					b.ReportMetric(ms(med), "ms-median")
					b.ReportMetric(ms(p90), "ms-p90")
					if sc.name == "template" {
						b.ReportMetric(float64(med)/float64(cold), "x-cold")
					}
					b.ReportMetric(0, "ns/op")
				})
			}
			b.Logf("cold build of %d pages: %s; server log:\n%s", n, cold.Round(time.Millisecond), ts.log)
		})
	}
}

// coldBuild times what consort build does before writing, three times,
// and returns the median.
func coldBuild(b *testing.B, dir string, opts build.Options) time.Duration {
	b.Helper()
	opts.Source = os.DirFS(dir)
	var took []time.Duration
	for i := 0; i < 3; i++ {
		t0 := time.Now()
		res, err := build.Build(opts)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := publish.Minify(res.Files); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(t0))
	}
	med, _ := percentiles(took)
	return med
}

func firstFile(b testing.TB, dir, sub string) string {
	b.Helper()
	entries, err := os.ReadDir(dir + "/" + sub)
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "index.md" {
			return sub + "/" + e.Name()
		}
	}
	b.Fatalf("no file in %s", sub)
	return ""
}

func footer(b *testing.B, i int) string {
	data, err := os.ReadFile("../../templates/partials/footer.html")
	if err != nil {
		b.Fatal(err)
	}
	return strings.Replace(string(data), `class="site-footer"`, fmt.Sprintf(`class="site-footer" data-edit="%d"`, i), 1)
}

func percentiles(d []time.Duration) (median, p90 time.Duration) {
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2], s[min(len(s)-1, len(s)*9/10)]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}
