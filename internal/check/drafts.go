package check

import (
	"fmt"
	"strings"

	"github.com/consort-ssg/consort/internal/site"
)

// Drafts are checked like every other page (consort check loads them
// unless --published), and their problems are marked Draft. What a
// draft changes for the pages that are published is reported too: a
// published page that links to a draft or names one works in the check,
// but breaks once the site is built without drafts.

// markDrafts marks the problems of draft files.
func (c *checker) markDrafts(ps site.Problems) {
	for i := range ps {
		if p := c.s.Page(ps[i].File); p != nil && p.Draft || c.s.Excluded[ps[i].File] == "draft" {
			ps[i].Draft = true
		}
	}
}

// checkDraftUse reports published pages and menus that lead to drafts.
func (c *checker) checkDraftUse() {
	byURL := map[string]*site.Page{}
	any := false
	for _, p := range c.s.Pages {
		if p.Draft {
			byURL[p.URL] = p
			any = true
		}
	}
	if !any {
		return
	}
	const fix = "publish that page (remove its draft line) or this %s breaks when the site is built"
	for _, p := range c.s.Pages {
		if p.Draft || p.Synthetic || p.Unreadable {
			continue
		}
		for _, r := range c.draftRefs(p) {
			c.add(site.Problem{File: p.File, Line: p.Line(r.field), Field: r.field, Msg: fmt.Sprintf("%q names %s, which is a draft; "+fix, r.name, r.page.File, "field"), Code: CodeReference})
		}
		seen := map[string]bool{}
		for _, l := range p.Links {
			dest, _, _ := strings.Cut(l.Dest, "#")
			t := byURL[dest]
			if t == nil || seen[dest] {
				continue
			}
			seen[dest] = true
			c.add(site.Problem{File: p.File, Line: l.Line, Msg: fmt.Sprintf("link to %s: %s is a draft; "+fix, dest, t.File, "link"), Code: CodeLink})
		}
	}
	for _, lang := range c.s.Langs() {
		for _, e := range c.s.Config.Menus[lang] {
			if e.Page == "" {
				continue
			}
			if t := c.s.Page("content/" + lang + "/" + e.Page); t != nil && t.Draft {
				c.add(site.Problem{File: site.ConfigFile, Line: c.configLine(e.Page), Field: "menus." + lang, Msg: fmt.Sprintf("page %q is a draft; "+fix, e.Page, "menu entry"), Code: CodeReference})
			}
		}
	}
}

type draftRef struct {
	field, name string
	page        *site.Page
}

// draftRefs returns the drafts p's front matter names.
func (c *checker) draftRefs(p *site.Page) []draftRef {
	var out []draftRef
	look := func(field, section, name string) {
		if t := c.s.Lookup(p.Lang, section, name); t != nil && t.Draft {
			out = append(out, draftRef{field, name, t})
		}
	}
	switch v := p.Params.(type) {
	case *site.Partner:
		if v.Cluster != "" {
			look("cluster", "clusters", v.Cluster)
		}
	case *site.Mission:
		for _, n := range v.Clusters {
			look("clusters", "clusters", n)
		}
		for _, n := range v.Partners {
			look("partners", "partners", n)
		}
	case *site.Interview:
		if o := p.Organisation; o != nil && o.Draft {
			out = append(out, draftRef{"organisation", v.Organisation, o})
		}
	}
	return out
}
