package render

import (
	"bytes"
	"html/template"
	"io"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/consort-ssg/consort/internal/site"
)

// QA returns an interview's body with its questions and answers marked
// up as such. The body's level-2 headings are the questions; each becomes
// the <dt> of a question-and-answer pair of a <dl> (the list HTML names
// for questions and answers), and what follows it, up to the next one,
// its <dd>:
//
//	<p>intro</p>
//	<dl class="qa"><div class="qa-pair"><dt id="...">Question?</dt><dd><p>Answer.</p></dd></div>...</dl>
//
// The heading's id stays on the <dt>, so links to a question still land.
// A body without such headings, or whose markup is not balanced (raw
// HTML), is returned as it is.
func (d *Data) QA(p *site.Page) template.HTML {
	d.readBody(p)
	return template.HTML(qaMarkup(p.HTML))
}

// qaMarkup is QA on the HTML of a body.
func qaMarkup(body []byte) []byte {
	type question struct {
		start, innerStart, innerEnd, end int // offsets in body
		id                               string
	}
	var qs []question
	z := html.NewTokenizer(bytes.NewReader(body))
	depth, off := 0, 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				return body
			}
			break
		}
		n := len(z.Raw())
		switch tt {
		case html.StartTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if depth == 0 && a == atom.H2 {
				q := question{start: off, innerStart: off + n}
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					if string(k) == "id" {
						q.id = string(v)
					}
				}
				qs = append(qs, q)
			}
			if !isVoid(a) {
				depth++
			}
		case html.EndTagToken:
			depth--
			if depth < 0 {
				return body
			}
			name, _ := z.TagName()
			if depth == 0 && atom.Lookup(name) == atom.H2 && len(qs) > 0 {
				qs[len(qs)-1].innerEnd, qs[len(qs)-1].end = off, off+n
			}
		}
		off += n
	}
	if depth != 0 || len(qs) == 0 {
		return body
	}
	for _, q := range qs {
		if q.end == 0 {
			return body
		}
	}
	var out bytes.Buffer
	out.Grow(len(body) + 64*len(qs))
	out.Write(body[:qs[0].start])
	out.WriteString(`<dl class="qa">` + "\n")
	for i, q := range qs {
		next := len(body)
		if i+1 < len(qs) {
			next = qs[i+1].start
		}
		out.WriteString(`<div class="qa-pair"><dt`)
		if q.id != "" {
			out.WriteString(` id="` + html.EscapeString(q.id) + `"`)
		}
		out.WriteString(`>`)
		out.Write(bytes.TrimSpace(body[q.innerStart:q.innerEnd]))
		out.WriteString("</dt>\n<dd>")
		out.Write(bytes.TrimSpace(body[q.end:next]))
		out.WriteString("</dd></div>\n")
	}
	out.WriteString("</dl>\n")
	return out.Bytes()
}

// isVoid reports whether an element has no end tag.
func isVoid(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img,
		atom.Input, atom.Link, atom.Meta, atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}
