package check

import (
	"fmt"
	"strings"

	"github.com/consort-ssg/consort/internal/scaffold"
	"github.com/consort-ssg/consort/internal/site"
)

// sectionOrder is the order of the translation report.
var sectionOrder = []string{"pages", "clusters", "partners", "missions", "interviews", "news"}

func bucket(p *site.Page) string {
	if p.Section == "" {
		return "pages"
	}
	return p.Section
}

// translations builds the translation report and reports pages that exist
// in one language only, stale translations and translatedFrom records that
// cannot be followed.
func (c *checker) translations() []Coverage {
	langs := c.s.Langs()
	cov := map[string]*Coverage{}
	get := func(sec, lang string) *Coverage {
		k := sec + "/" + lang
		if cov[k] == nil {
			cov[k] = &Coverage{Section: sec, Lang: lang, Only: []string{}, Stale: []string{}}
		}
		return cov[k]
	}
	hashes := map[string]string{}
	hashOf := func(p *site.Page) string {
		if h, ok := hashes[p.File]; ok {
			return h
		}
		h := p.Hash
		if data := c.readSource(p.File); data != nil {
			h = scaffold.Hash(data)
		}
		hashes[p.File] = h
		return h
	}
	for _, p := range c.s.Pages {
		if p.Synthetic || p.Unreadable { // a stand-in: its own problem is reported
			continue
		}
		cv := get(bucket(p), p.Lang)
		cv.Pages++
		var missing []string
		for _, l := range langs {
			if l == p.Lang {
				continue
			}
			if t := p.Translation(l); t == nil || t.Synthetic {
				missing = append(missing, l)
			}
		}
		if len(missing) > 0 {
			cv.Only = append(cv.Only, p.File)
			for _, l := range missing {
				c.add(site.Problem{File: p.File, Msg: c.untranslatedMsg(p, l), Severity: site.Warning, Code: CodeUntranslated})
			}
		}
		if stale := c.checkRecord(p, hashOf); stale {
			cv.Stale = append(cv.Stale, p.File)
		}
	}
	var out []Coverage
	for _, sec := range sectionOrder {
		for _, l := range langs {
			if cv := cov[sec+"/"+l]; cv != nil {
				out = append(out, *cv)
			} else if anyLang(cov, sec, langs) {
				out = append(out, Coverage{Section: sec, Lang: l, Only: []string{}, Stale: []string{}})
			}
		}
	}
	return out
}

func anyLang(cov map[string]*Coverage, sec string, langs []string) bool {
	for _, l := range langs {
		if cov[sec+"/"+l] != nil {
			return true
		}
	}
	return false
}

func (c *checker) untranslatedMsg(p *site.Page, lang string) string {
	name := lang
	if n := c.langName(lang); n != lang {
		name += " (" + n + ")"
	}
	want := "content/" + lang + "/" + p.Rel
	if why, ok := c.s.Excluded[want]; ok {
		return fmt.Sprintf("has no translation in %s published: %s is left out (%s)", name, want, why)
	}
	return fmt.Sprintf("has no translation in %s; start one with `consort new --translate %s --to %s`", name, p.File, lang)
}

func (c *checker) langName(code string) string {
	for _, l := range c.s.Config.Languages {
		if l.Code == code && l.Name != "" {
			return l.Name
		}
	}
	return code
}

// checkRecord follows p's translatedFrom and reports whether p is stale.
func (c *checker) checkRecord(p *site.Page, hashOf func(*site.Page) string) (stale bool) {
	v := p.Front().TranslatedFrom
	if v == "" {
		return false
	}
	line := p.Line("translatedFrom")
	bad := func(sev site.Severity, code, format string, args ...any) {
		c.add(site.Problem{File: p.File, Line: line, Field: "translatedFrom", Msg: fmt.Sprintf(format, args...), Severity: sev, Code: code})
	}
	rec, ok := scaffold.ParseRecord(v)
	if !ok {
		return false // site validation reported it
	}
	switch {
	case rec.Lang == p.Lang:
		bad(site.Error, CodeTranslation, "%q is this page's own language; name the language it was translated from", rec.Lang)
		return false
	case !c.isLang(rec.Lang):
		bad(site.Error, CodeTranslation, "%q is not a language of this site (%s)", rec.Lang, strings.Join(c.s.Langs(), ", "))
		return false
	}
	src := p.Translation(rec.Lang)
	if src == nil || src.Synthetic {
		bad(site.Warning, CodeTranslation, "the %s version this page was translated from no longer exists (content/%s/%s); remove translatedFrom or restore the source", rec.Lang, rec.Lang, p.Rel)
		return false
	}
	if back, ok := scaffold.ParseRecord(src.Front().TranslatedFrom); ok && back.Lang == p.Lang {
		bad(site.Error, CodeTranslation, "%s says it is translated from this page too; only the translation records translatedFrom, remove it from the source", src.File)
		return false
	}
	if rec.Hash == "" {
		bad(site.Warning, CodeTranslation, "%q does not record which version of %s was translated, so consort cannot tell when it goes stale; once the translation is up to date run `consort new --translate --update %s`", v, src.File, p.File)
		return false
	}
	if !rec.Current(hashOf(src)) {
		bad(site.Warning, CodeStale, "stale: %s changed since this page was translated from it; update the translation, then run `consort new --translate --update %s`", src.File, p.File)
		return true
	}
	return false
}
