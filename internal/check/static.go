package check

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/consort-ssg/consort/internal/site"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/xml"
)

// Codes of the checks of static/.
const (
	CodeSVGScript = "svg-script" // an SVG that holds a script
	CodeSkipped   = "skipped"    // a file left out because its name starts with a dot
)

// checkSVGs reports the SVG files of the site's static/ that hold a
// script: a <script> element, an on... event attribute, a javascript: link
// or a <foreignObject> (HTML inside the picture). An <img> does not run
// them, but a visitor who opens the file runs them as the site's own.
func (c *checker) checkSVGs() {
	src := c.opts.Source
	if src == nil {
		return
	}
	_ = fs.WalkDir(src, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.EqualFold(path.Ext(p), ".svg") || d.Type()&fs.ModeSymlink != 0 {
			return nil
		}
		data, err := site.ReadFile(src, p, 10<<20)
		if err != nil {
			return nil
		}
		if what := svgScript(data); what != "" {
			c.add(site.Problem{File: p, Msg: fmt.Sprintf("holds %s, which runs when someone opens the file; remove it (or export the picture again as a plain drawing)", what), Code: CodeSVGScript})
		}
		return nil
	})
}

// svgScript names the first script an SVG holds, or "".
func svgScript(data []byte) string {
	lx := xml.NewLexer(parse.NewInputBytes(data))
	for {
		tt, _ := lx.Next()
		switch tt {
		case xml.ErrorToken:
			return ""
		case xml.StartTagToken:
			name := strings.ToLower(localName(string(lx.Text())))
			if name == "script" || name == "foreignobject" {
				return "a <" + localName(string(lx.Text())) + "> element"
			}
		case xml.AttributeToken:
			key := strings.ToLower(localName(string(lx.Text())))
			val := strings.ToLower(strings.Trim(string(lx.AttrVal()), "\"' \t\n\r"))
			val = strings.Map(func(r rune) rune {
				if r == '\t' || r == '\n' || r == '\r' {
					return -1
				}
				return r
			}, val)
			switch {
			case strings.HasPrefix(key, "on"):
				return "an event handler (" + string(lx.Text()) + ")"
			case (key == "href" || key == "src" || key == "action" || key == "formaction") && (strings.HasPrefix(val, "javascript:") || strings.HasPrefix(val, "data:text/html")):
				return "a script link (" + string(lx.Text()) + "=" + strings.TrimSpace(strings.Trim(string(lx.AttrVal()), "\"'")) + ")"
			}
		}
	}
}

func localName(s string) string {
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// junk are dot-files every folder may hold that nobody means to publish.
var junk = map[string]bool{".DS_Store": true, ".gitkeep": true, ".keep": true, ".gitignore": true, ".gitattributes": true, ".git": true, ".svn": true, ".hg": true}

// checkSkipped notes the files of static/ that are not published because
// their names start with a dot (.htaccess, .well-known/), but for the
// usual clutter of editors and version control. (content/ notes its own,
// see site.Load.)
func (c *checker) checkSkipped() {
	src := c.opts.Source
	if src == nil {
		return
	}
	var skipped []string
	_ = fs.WalkDir(src, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == "static" {
			return nil
		}
		name := d.Name()
		if !strings.HasPrefix(name, ".") {
			return nil
		}
		if !junk[name] {
			skipped = append(skipped, p)
		}
		if d.IsDir() {
			return fs.SkipDir
		}
		return nil
	})
	sort.Strings(skipped)
	for _, p := range skipped {
		c.add(site.Problem{File: p, Msg: "is not published: consort leaves out files and folders whose names start with a dot; rename it to publish it", Severity: site.Warning, Code: CodeSkipped})
	}
}
