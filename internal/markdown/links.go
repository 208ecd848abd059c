package markdown

import (
	"bytes"
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkRewriter is an AST transformer that points links to .md files at the
// pages they stand for, neutralises dangerous URLs, and records links,
// images and their problems in the document state.
type linkRewriter struct {
	key    parser.ContextKey
	writer html.Writer
}

// Transform implements parser.ASTTransformer.
func (l *linkRewriter) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc, l.key)
	if st == nil {
		return
	}
	source := reader.Source()
	var unsafe []*ast.AutoLink
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			line := st.nodeLine(n)
			n.Destination = l.rewrite(st, n.Destination, line, "link")
			st.res.Links = append(st.res.Links, Link{Dest: href(n.Destination), Line: line})
		case *ast.Image:
			line := st.nodeLine(n)
			alt := plainText(n, source, l.writer)
			if strings.TrimSpace(alt) == "" {
				d := resolveReferences(n.Destination)
				st.problem(line, "image %s has no alt text; write ![description](%s)", d, d)
			}
			n.Destination = l.rewrite(st, n.Destination, line, "image")
			dest := href(n.Destination)
			st.res.Links = append(st.res.Links, Link{Dest: dest, Line: line})
			st.res.Images = append(st.res.Images, Image{Dest: dest, Alt: alt, Line: line})
		case *ast.AutoLink:
			line := st.nodeLine(n)
			url := n.URL(source)
			if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(url), []byte("mailto:")) {
				url = append([]byte("mailto:"), url...)
			}
			dest := string(util.URLEscape(url, false))
			if scheme, bad := dangerousScheme(string(url)); bad {
				st.problem(line, "link to %s: %s: URLs are not allowed; use an http(s) link", url, scheme)
				unsafe = append(unsafe, n)
				dest = "#"
			}
			st.res.Links = append(st.res.Links, Link{Dest: dest, Line: line})
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unsafe {
		// Replace <javascript:...> by a harmless link showing the same text.
		a := ast.NewLink()
		a.Destination = []byte("#")
		label := ast.NewString(bytes.Clone(n.Label(source)))
		label.SetRaw(true)
		a.AppendChild(a, label)
		parent := n.Parent()
		parent.ReplaceChild(parent, n, a)
	}
}

// rewrite returns the destination a link or image should have, recording
// problems.
func (l *linkRewriter) rewrite(st *state, raw []byte, line int, what string) []byte {
	dest := resolveReferences(raw)
	if what == "link" && st.ctx.Resolve != nil && isMarkdownFile(dest) {
		url, err := st.ctx.Resolve(dest)
		if err != nil {
			st.problem(line, "link to %s: %v", dest, err)
			return []byte("#")
		}
		// The page's URL is an address already: it is not rooted again.
		return literalDestination(url)
	}
	if st.ctx.URL != "" && climbs(st.ctx.URL, dest) {
		st.problem(line, "%s to %s: the path climbs above the site's root folder; write it from the root instead, e.g. /img/photo.jpg or /en/about/", what, dest)
		return []byte("#")
	}
	if scheme, bad := dangerousScheme(dest); bad {
		st.problem(line, "%s to %s: %s: URLs are not allowed; use an http(s) link", what, dest, scheme)
		return []byte("#")
	}
	if st.ctx.Root != nil && strings.HasPrefix(dest, "/") {
		if rooted := st.ctx.Root(dest); rooted != dest {
			return literalDestination(rooted)
		}
	}
	return raw
}

// resolveReferences returns a destination as written in Markdown with
// backslash escapes and entity references resolved.
func resolveReferences(raw []byte) string {
	v := util.UnescapePunctuations(raw)
	v = util.ResolveNumericReferences(v)
	v = util.ResolveEntityNames(v)
	return string(v)
}

// literalDestination returns a Markdown destination that resolves to url.
func literalDestination(url string) []byte {
	if !strings.ContainsAny(url, `\&`) {
		return []byte(url)
	}
	r := strings.NewReplacer(`\`, `\\`, `&`, `&amp;`)
	return []byte(r.Replace(url))
}

// href returns the attribute value the renderer writes for a destination.
func href(raw []byte) string {
	return string(util.URLEscape(raw, true))
}

// isMarkdownFile reports whether dest is a relative reference (no scheme,
// not starting with / or #) whose path ends in ".md".
func isMarkdownFile(dest string) bool {
	if dest == "" || dest[0] == '/' || dest[0] == '#' || hasScheme(dest) {
		return false
	}
	path, _, _ := strings.Cut(dest, "#")
	return strings.HasSuffix(path, ".md")
}

// hasScheme reports whether s starts with an RFC 3986 scheme and ":".
func hasScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// dangerousScheme reports whether a browser would run dest as script or
// load a local or inline document from it: javascript:, vbscript:, file:
// and data: other than raster images. Like browsers, it ignores tabs and
// newlines anywhere, leading control characters and spaces, and case.
func dangerousScheme(dest string) (string, bool) {
	s := strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, dest)
	s = strings.TrimLeft(s, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	if !hasScheme(s) {
		return "", false
	}
	scheme, rest, _ := strings.Cut(s, ":")
	scheme = strings.ToLower(scheme)
	switch scheme {
	case "javascript", "vbscript", "file":
		return scheme, true
	case "data":
		rest = strings.ToLower(rest)
		for _, ok := range []string{"image/png;", "image/gif;", "image/jpeg;", "image/webp;"} {
			if strings.HasPrefix(rest, ok) {
				return "", false
			}
		}
		return scheme, true
	}
	return "", false
}

// climbs reports whether dest, a relative reference (no scheme, not
// starting with /), resolved from the page at URL pageURL, goes above the
// site's root: browsers stop at the root, so "../../../etc/passwd" from
// /en/about/ means /etc/passwd, a path nobody meant.
func climbs(pageURL, dest string) bool {
	if dest == "" || dest[0] == '/' || dest[0] == '#' || dest[0] == '?' || hasScheme(dest) {
		return false
	}
	p, _, _ := strings.Cut(dest, "#")
	p, _, _ = strings.Cut(p, "?")
	p = strings.ReplaceAll(p, "\\", "/")
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	dir := strings.Trim(pageURL[:strings.LastIndex(pageURL, "/")+1], "/")
	depth := 0
	if dir != "" {
		depth = strings.Count(dir, "/") + 1
	}
	for _, seg := range strings.Split(p, "/") {
		switch seg {
		case "..":
			if depth--; depth < 0 {
				return true
			}
		case "", ".":
		default:
			depth++
		}
	}
	return false
}
