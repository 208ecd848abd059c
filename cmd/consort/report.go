package main

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/consort-ssg/consort/internal/build"
	"github.com/consort-ssg/consort/internal/output"
)

// buildReport is what `consort build` made: printed as a summary on
// stdout, written as JSON with --report FILE for CI.
type buildReport struct {
	Out string `json:"out"`
	// Pages counts the content pages by language and kind
	// ("en" -> "partner" -> 8); generated pages (pagination, catalogue,
	// redirects) are files, not pages.
	Pages      map[string]map[string]int `json:"pages"`
	PagesTotal int                       `json:"pagesTotal"`
	Files      int                       `json:"files"`
	Bytes      int64                     `json:"bytes"`
	// ByType counts the published files by extension ("html", "xml", "ics").
	ByType     map[string]typeCount `json:"byType"`
	Warnings   int                  `json:"warnings"`
	DurationMS int64                `json:"durationMs"`

	mu sync.Mutex // count's
}

type typeCount struct {
	Files int   `json:"files"`
	Bytes int64 `json:"bytes"`
}

// newBuildReport starts the report of a build into out; count adds the
// files as they are published, finish the rest.
func newBuildReport(out string) *buildReport {
	return &buildReport{Out: out, Pages: map[string]map[string]int{}, ByType: map[string]typeCount{}}
}

// count adds a published file. It is safe for concurrent use.
func (r *buildReport) count(f output.File) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.Files++
	r.Bytes += int64(len(f.Data))
	ext := strings.TrimPrefix(f.Ext(), ".")
	if ext == "" {
		ext = "other"
	}
	c := r.ByType[ext]
	c.Files++
	c.Bytes += int64(len(f.Data))
	r.ByType[ext] = c
}

// finish adds what the build made besides files, and its time.
func (r *buildReport) finish(res *build.Result, took time.Duration) {
	if res.Stats.Pages != nil {
		r.Pages = res.Stats.Pages
	}
	for _, kinds := range r.Pages {
		for _, n := range kinds {
			r.PagesTotal += n
		}
	}
	r.Warnings = len(res.Warnings)
	r.DurationMS = took.Milliseconds()
}

// print writes the summary: a line with the totals, pages per kind and
// language, files per type.
func (r *buildReport) print(w io.Writer) {
	langs := slices.Sorted(maps.Keys(r.Pages))
	var parts []string
	for _, l := range langs {
		n := 0
		for _, c := range r.Pages[l] {
			n += c
		}
		parts = append(parts, fmt.Sprintf("%s %d", l, n))
	}
	fmt.Fprintf(w, "built %d pages (%s), %d files, %s in %s -> %s\n", r.PagesTotal, strings.Join(parts, ", "), r.Files, size(r.Bytes), (time.Duration(r.DurationMS) * time.Millisecond).String(), r.Out)
	kinds := map[string]bool{}
	for _, l := range langs {
		for k := range r.Pages[l] {
			kinds[k] = true
		}
	}
	width := len("pages")
	for k := range kinds {
		width = max(width, len(k))
	}
	fmt.Fprintf(w, "  %-*s", width, "pages")
	for _, l := range langs {
		fmt.Fprintf(w, " %5s", l)
	}
	fmt.Fprintln(w)
	for _, k := range slices.Sorted(maps.Keys(kinds)) {
		fmt.Fprintf(w, "  %-*s", width, k)
		for _, l := range langs {
			fmt.Fprintf(w, " %5d", r.Pages[l][k])
		}
		fmt.Fprintln(w)
	}
	var types []string
	for _, ext := range slices.Sorted(maps.Keys(r.ByType)) {
		c := r.ByType[ext]
		types = append(types, fmt.Sprintf("%d %s (%s)", c.Files, ext, size(c.Bytes)))
	}
	fmt.Fprintf(w, "  files: %s\n", strings.Join(types, ", "))
}

// write saves the report as JSON.
func (r *buildReport) write(file string) error {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(file, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("--report: %w", err)
	}
	return nil
}
