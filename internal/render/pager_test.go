package render_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/consort-ssg/consort/internal/render"
)

// pagerText writes links as "1 [2] 3 … 9": the current page in brackets,
// gaps as "…".
func pagerText(links []render.PagerLink) string {
	var parts []string
	for _, l := range links {
		switch {
		case l.Gap:
			parts = append(parts, "…")
		case l.Current:
			parts = append(parts, "["+strconv.Itoa(l.Number)+"]")
		default:
			parts = append(parts, strconv.Itoa(l.Number))
		}
	}
	return strings.Join(parts, " ")
}

func TestPagerLinks(t *testing.T) {
	tests := []struct {
		name     string
		n, total int
		want     string
	}{
		{name: "two pages", n: 2, total: 2, want: "1 [2]"},
		{name: "seven pages show all", n: 1, total: 7, want: "[1] 2 3 4 5 6 7"},
		{name: "middle of seven", n: 4, total: 7, want: "1 2 3 [4] 5 6 7"},
		{name: "eight pages leave some out", n: 1, total: 8, want: "[1] 2 3 … 8"},
		{name: "first of many", n: 1, total: 100, want: "[1] 2 3 … 100"},
		{name: "middle of many", n: 50, total: 100, want: "1 … 48 49 [50] 51 52 … 100"},
		{name: "last of many", n: 100, total: 100, want: "1 … 98 99 [100]"},
		{name: "gap of one page shows it", n: 5, total: 100, want: "1 2 3 4 [5] 6 7 … 100"},
		{name: "gap of one page at the end", n: 96, total: 100, want: "1 … 94 95 [96] 97 98 99 100"},
		{name: "gap of two pages", n: 6, total: 100, want: "1 … 4 5 [6] 7 8 … 100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			links := render.PagerLinks(tt.n, tt.total, func(k int) string { return "/p/" + strconv.Itoa(k) + "/" })
			if got := pagerText(links); got != tt.want {
				t.Errorf("PagerLinks(%d, %d) = %s; want %s", tt.n, tt.total, got, tt.want)
			}
			for _, l := range links {
				if !l.Gap && l.URL != "/p/"+strconv.Itoa(l.Number)+"/" {
					t.Errorf("page %d: got URL %q; want /p/%d/", l.Number, l.URL, l.Number)
				}
			}
		})
	}
}
