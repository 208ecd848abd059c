package feeds

import (
	"bytes"
	"fmt"
	"html/template"
	"net/url"
	"strings"

	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/site"
)

// Robots returns robots.txt: everything may be crawled, and the sitemap
// index is named with its absolute URL.
func Robots(s *site.Site) output.File {
	u := s.Config.URLs()
	body := "User-agent: *\nAllow: /\n\nSitemap: " + u.Abs(u.SitemapIndex()) + "\n"
	return output.File{Path: u.File(u.Robots()), Data: []byte(body)}
}

var redirectPage = template.Must(template.New("redirect").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<link rel="canonical" href="{{.Abs}}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={{.Abs}}">
</head>
<body>
<p><a href="{{.Abs}}">{{.Title}}</a></p>
</body>
</html>
`))

// Redirects returns, for every alias of every page, a page at the alias
// that sends browsers and crawlers on to the page (meta refresh, canonical
// link, noindex), and the _redirects file with a permanent (301) rule per
// alias for hosts that read one. An alias that is the URL of a page, or an
// alias of two pages, is a problem of the page that names it.
func Redirects(s *site.Site, pages []output.File) ([]output.File, error) {
	u := s.Config.URLs()
	rulesFile := u.File(u.Redirects())
	taken := map[string]string{strings.ToLower(rulesFile): u.Redirects()} // file path (lower case) -> what serves it
	for _, f := range pages {
		taken[strings.ToLower(f.Path)] = u.URL(f.Path)
	}
	for _, p := range s.Pages {
		taken[strings.ToLower(u.File(p.URL))] = p.File
	}
	var problems site.Problems
	var files []output.File
	var rules bytes.Buffer
	for _, p := range s.Pages {
		for _, alias := range p.Front().Aliases {
			file := u.File(u.Alias(alias)) // site checked it is clean
			if other, ok := taken[strings.ToLower(file)]; ok {
				msg := fmt.Sprintf("%s is already the address of %s; remove the alias", alias, other)
				if strings.HasPrefix(other, "alias ") {
					msg = fmt.Sprintf("%s is also an %s; an old address can lead to one page only", alias, other)
				}
				problems = append(problems, site.Problem{File: p.File, Line: p.Line("aliases"), Field: "aliases", Msg: msg})
				continue
			}
			taken[strings.ToLower(file)] = "alias of " + p.File
			var b bytes.Buffer
			err := redirectPage.Execute(&b, struct{ Lang, Title, Abs string }{p.Lang, p.Title(), s.Config.AbsURL(p.URL)})
			if err != nil {
				return nil, err
			}
			files = append(files, output.File{Path: file, Data: b.Bytes()})
			fmt.Fprintf(&rules, "%s %s 301\n", u.AliasFrom(alias), (&url.URL{Path: p.URL}).EscapedPath())
		}
	}
	if len(problems) > 0 {
		problems.Sort()
		return nil, problems
	}
	if rules.Len() > 0 {
		files = append(files, output.File{Path: rulesFile, Data: rules.Bytes()})
	}
	return files, nil
}
