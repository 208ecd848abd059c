package serve

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/consort-ssg/consort/internal/build"
	"github.com/consort-ssg/consort/internal/corpus"
)

// BenchmarkReload measures, on generated bilingual sites of 1,000 and
// 10,000 pages (the corpus as generated, maps included), the time from writing a file to the reload event reaching
// an open page, for
//
//   - body: one partner's text edited;
//   - list: one partner's title edited (its section's list, the
//     catalogue and the feeds show it);
//   - template: the footer template edited (every page again);
//
// and, after each template edit, a cold build (build.Build
// into memory, what consort build does but writing), for the ratio
// of a full rebuild to a cold build on the same machine at the same time. Each reports its median and
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
			ts := start(b, dir, Options{Build: opts})
			// The first build of a large site on a busy machine may take
			// longer than patience.
			first := &http.Client{Timeout: 30 * time.Minute}
			if resp, err := first.Get(ts.url + "/"); err != nil {
				b.Fatal(err)
			} else {
				resp.Body.Close()
			}
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
			edits := 0
			for _, sc := range scenarios {
				b.Run(sc.name, func(b *testing.B) {
					var took, cold []time.Duration
					for range b.N {
						// A new text each time, across the runs of the
						// benchmark too: saving the same bytes again
						// changes nothing, and the server does not reload.
						edits++
						t0 := time.Now()
						sc.write(edits)
						ev, ok := es.wait(gen)
						if !ok {
							b.Fatalf("%s edit %d: no event; server log:\n%s", sc.name, edits, ts.log)
						}
						gen = ev.Gen
						took = append(took, time.Since(t0))
						if sc.name == "template" {
							// A cold build after each full rebuild, so
							// that both see the same machine.
							cold = append(cold, coldBuild(b, dir, opts))
						}
					}
					med, p90 := percentiles(took)
					b.ReportMetric(ms(med), "ms-median")
					b.ReportMetric(ms(p90), "ms-p90")
					if cold != nil {
						coldMed, _ := percentiles(cold)
						b.ReportMetric(ms(coldMed), "ms-cold-median")
						b.ReportMetric(float64(med)/float64(coldMed), "x-cold")
					}
					b.ReportMetric(0, "ns/op")
				})
			}
			b.Logf("server log:\n%s", ts.log)
		})
	}
}

// coldBuild times what consort build does before writing: build.Build
// into memory, of the same site and with the same options as the
// preview (drafts shown).
func coldBuild(b *testing.B, dir string, opts build.Options) time.Duration {
	b.Helper()
	opts.Source, opts.Preview = os.DirFS(dir), true
	t0 := time.Now()
	if _, err := build.Build(context.Background(), opts, &build.Files{}); err != nil {
		b.Fatal(err)
	}
	return time.Since(t0)
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
