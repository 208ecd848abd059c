package markdown

import (
	"bufio"
	"bytes"
	stdhtml "html"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer/html"
)

// decodeText returns the text a Text node displays: backslash escapes and
// entity references resolved exactly as the HTML renderer does.
func decodeText(t *ast.Text, source []byte, w html.Writer) string {
	v := t.Segment.Value(source)
	if t.IsRaw() {
		return string(v)
	}
	return decodeMarkdownText(v, w)
}

// decodeString returns the text a String node displays.
func decodeString(s *ast.String, w html.Writer) string {
	switch {
	case s.IsCode():
		return stdhtml.UnescapeString(string(s.Value))
	case s.IsRaw():
		return string(s.Value)
	default:
		return decodeMarkdownText(s.Value, w)
	}
}

func decodeMarkdownText(v []byte, w html.Writer) string {
	if bytes.IndexAny(v, "\\&\x00") < 0 {
		return string(v)
	}
	var buf bytes.Buffer
	buf.Grow(len(v) + len(v)/2)
	bw := bufio.NewWriterSize(&buf, 64) // not the 4 KB default: texts are short
	w.Write(bw, v)
	_ = bw.Flush()
	return stdhtml.UnescapeString(buf.String())
}

// setText makes a Text or String node display s (plain text, escaped when
// rendered).
func setText(n ast.Node, s string) {
	switch n := n.(type) {
	case *ast.String:
		n.Value = []byte(s)
		n.SetCode(false)
		n.SetRaw(true)
	case *ast.Text:
		str := ast.NewString([]byte(s))
		str.SetRaw(true)
		parent := n.Parent()
		parent.InsertBefore(parent, n, str)
		if n.SoftLineBreak() || n.HardLineBreak() {
			// Keep the node for its line break, without text.
			n.Segment = n.Segment.WithStart(n.Segment.Stop)
			n.Segment.Padding = 0
		} else {
			parent.RemoveChild(parent, n)
		}
	}
}

// plainText returns the text of n's inline children as a reader sees it:
// no markup, images and raw HTML left out, line breaks as spaces, runs of
// ASCII white space collapsed, trimmed.
func plainText(n ast.Node, source []byte, w html.Writer) string {
	var b strings.Builder
	appendPlainText(&b, n, source, w)
	return collapseSpace(b.String())
}

func appendPlainText(b *strings.Builder, n ast.Node, source []byte, w html.Writer) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.WriteString(decodeText(c, source, w))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.WriteString(decodeString(c, w))
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					b.Write(t.Segment.Value(source))
				}
			}
		case *ast.AutoLink:
			b.Write(c.Label(source))
		case *ast.RawHTML, *ast.Image:
		default:
			appendPlainText(b, c, source, w)
		}
	}
}

// collapseSpace trims s and replaces runs of ASCII white space by one space.
// No-break spaces are kept: they are typography.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			space = true
		default:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteByte(c)
		}
	}
	return b.String()
}
