package render

import (
	"github.com/consort-ssg/consort/internal/markdown"
	"github.com/consort-ssg/consort/internal/site"
)

// TOC returns the second-level headings of a page for its "On this page"
// list, or nil when it has fewer than two: a list of one is no help.
func (d *Data) TOC(p *site.Page) []markdown.Heading {
	var out []markdown.Heading
	for _, h := range p.Headings {
		if h.Level == 2 {
			out = append(out, h)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}
