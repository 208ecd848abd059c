package markdown

import (
	"sync"
	"unicode"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// frenchTypography is an AST transformer that adds the French spaces around
// « », ; : ! and ? in text nodes (see the package documentation). It runs
// after goldmark's typographer, which has already turned straight double
// quotes into « and ».
type frenchTypography struct {
	writer html.Writer
	flows  sync.Pool // of *flow: its rune buffers, for the next document
}

// Transform implements parser.ASTTransformer.
func (f *frenchTypography) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	source := reader.Source()
	fl, _ := f.flows.Get().(*flow)
	if fl == nil {
		fl = new(flow)
	}
	defer func() {
		fl.reset()
		clear(fl.pieces[:cap(fl.pieces)]) // no node kept alive by the pool
		f.flows.Put(fl)
	}()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Type() == ast.TypeBlock && n.FirstChild() != nil && n.FirstChild().Type() == ast.TypeInline {
			fl.reset()
			fl.collect(n, source, f.writer)
			fl.frenchify()
			fl.writeBack()
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// Characters standing for inline content that is not text.
const (
	opaqueRune = '\uFFFC' // code span, autolink, raw HTML...: counts as a word
	breakRune  = '\n'     // line break, task box: counts as a space
)

// flow is the text of one block (paragraph, heading, table cell...) as a
// sequence of runes, each owned by the text node it comes from (-1 for
// runes standing for something else), so that rules can look across node
// boundaries ("*mot* :") and the result can be written back node by node.
type flow struct {
	pieces   []piece
	in       []rune
	inOwner  []int
	out      []rune
	outOwner []int
}

type piece struct {
	node ast.Node // *ast.Text or *ast.String
	text string
}

func (f *flow) reset() {
	f.pieces = f.pieces[:0]
	f.in, f.inOwner = f.in[:0], f.inOwner[:0]
	f.out, f.outOwner = f.out[:0], f.outOwner[:0]
}

func (f *flow) addPiece(n ast.Node, s string) {
	f.pieces = append(f.pieces, piece{node: n, text: s})
	owner := len(f.pieces) - 1
	for _, r := range s {
		f.in = append(f.in, r)
		f.inOwner = append(f.inOwner, owner)
	}
}

func (f *flow) addVirtual(r rune) {
	f.in = append(f.in, r)
	f.inOwner = append(f.inOwner, -1)
}

func (f *flow) collect(n ast.Node, source []byte, w html.Writer) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			f.addPiece(c, decodeText(c, source, w))
			if c.SoftLineBreak() || c.HardLineBreak() {
				f.addVirtual(breakRune)
			}
		case *ast.String:
			f.addPiece(c, decodeString(c, w))
		case *ast.CodeSpan, *ast.AutoLink, *ast.RawHTML:
			f.addVirtual(opaqueRune)
		default:
			switch {
			case c.HasChildren():
				f.collect(c, source, w)
			case c.Kind() == east.KindTaskCheckBox:
				f.addVirtual(breakRune)
			default:
				f.addVirtual(opaqueRune)
			}
		}
	}
}

func (f *flow) emit(r rune, owner int) {
	f.out = append(f.out, r)
	f.outOwner = append(f.outOwner, owner)
}

// frenchify computes out from in.
func (f *flow) frenchify() {
	in, owner := f.in, f.inOwner
	open := false // inside « »
	for i := 0; i < len(in); i++ {
		c, o := in[i], owner[i]
		if o < 0 {
			f.emit(c, o)
			continue
		}
		if c == '"' || c == '«' {
			// Quotes typed French-style with spaces, " bonjour ", are
			// left alone by goldmark's typographer or get « at both ends.
			prev, next := f.prevRune(), f.nextRune(i)
			switch {
			case open && isSpace(prev) && (next == 0 || isSpace(next) || isClosing(next) || isPunct(next)):
				c = '»'
			case c == '"' && !open && (prev == 0 || isSpace(prev) || isOpening(prev)) && isSpace(next):
				c = '«'
			}
		}
		switch c {
		case '«':
			open = true
		case '»':
			open = false
		}
		switch c {
		case ';', '!', '?', ':':
			if f.followsOK(c, i) {
				f.spaceBefore(c, o)
			}
			f.emit(c, o)
		case '«':
			f.emit(c, o)
			if i+1 < len(in) && owner[i+1] >= 0 && isSpace(in[i+1]) {
				// Replace the typed space (and any following) by one narrow space.
				f.emit(nnbsp, owner[i+1])
				for i+1 < len(in) && owner[i+1] >= 0 && isSpace(in[i+1]) {
					i++
				}
			} else if i+1 < len(in) && !isSpace(in[i+1]) {
				f.emit(nnbsp, o)
			}
		case '»':
			k := f.trailingSpaces()
			switch {
			case k < len(f.out):
				// Typed spaces before »: one narrow space instead.
				first := f.outOwner[k]
				f.truncate(k)
				f.emit(nnbsp, first)
			case k > 0 && !isSpace(f.out[k-1]):
				f.emit(nnbsp, o)
			}
			f.emit(c, o)
		case ' ', nbsp:
			if f.groupsDigits(i) {
				c = nnbsp // "421 000 euros": the thousands, held together
			}
			f.emit(c, o)
		default:
			f.emit(c, o)
		}
	}
}

// groupsDigits reports whether the space at in[i] separates groups of
// digits of one number, as French writes thousands: a group of one to
// three digits (or three after another such space) before it, exactly
// three digits after it and then no digit. "421 000", "1 500 000" are
// numbers; "en 2020 100 entreprises" and "10 1234" are not.
func (f *flow) groupsDigits(i int) bool {
	in, owner := f.in, f.inOwner
	for k := 1; k <= 3; k++ {
		if i+k >= len(in) || owner[i+k] < 0 || !isDigit(in[i+k]) {
			return false
		}
	}
	if i+4 < len(in) && isDigit(in[i+4]) {
		return false
	}
	n := 0
	for n < len(f.out) && isDigit(f.out[len(f.out)-1-n]) {
		n++
	}
	if n == 0 || n > 3 {
		return false
	}
	before := len(f.out) - 1 - n
	if before >= 0 && f.out[before] == nnbsp && before > 0 && isDigit(f.out[before-1]) {
		return n == 3 // a middle group
	}
	return true
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// spaceBefore puts the right space before punctuation c (; : ! ?) when it
// follows a word, replacing spaces typed by the author.
func (f *flow) spaceBefore(c rune, o int) {
	want := nnbsp
	if c == ':' {
		want = nbsp
	}
	k := f.trailingSpaces()
	if k == 0 || !isWordEnd(f.out[k-1]) {
		return
	}
	if k == len(f.out) {
		f.emit(want, o)
		return
	}
	existing, first := f.out[k], f.outOwner[k]
	if c == ':' && k == len(f.out)-1 && (existing == nbsp || existing == nnbsp) {
		return // the author's no-break space is fine
	}
	f.truncate(k)
	f.emit(want, first)
}

// trailingSpaces returns the index in out where the run of real (not
// virtual) spaces at its end starts.
func (f *flow) trailingSpaces() int {
	k := len(f.out)
	for k > 0 && f.outOwner[k-1] >= 0 && isSpace(f.out[k-1]) {
		k--
	}
	return k
}

func (f *flow) truncate(k int) {
	f.out, f.outOwner = f.out[:k], f.outOwner[:k]
}

func (f *flow) prevRune() rune {
	if len(f.out) == 0 {
		return 0
	}
	return f.out[len(f.out)-1]
}

func (f *flow) nextRune(i int) rune {
	if i+1 >= len(f.in) {
		return 0
	}
	return f.in[i+1]
}

// followsOK reports whether punctuation c at in[i] is followed by what
// allows a space before it: the end, a space or line break, a closing
// character, or (for ! and ?) more ! or ?.
func (f *flow) followsOK(c rune, i int) bool {
	next := f.nextRune(i)
	switch {
	case next == 0 || isSpace(next) || isClosing(next):
		return true
	case c == '!' || c == '?':
		return next == '!' || next == '?' || next == '…' || next == '.'
	}
	return false
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == breakRune || r == nbsp || r == nnbsp || r == '\u2009' || r == '\u2007'
}

func isClosing(r rune) bool {
	switch r {
	case ')', ']', '}', '»', '”', '’', '"', '\'':
		return true
	}
	return false
}

func isOpening(r rune) bool {
	switch r {
	case '(', '[', '{', '—', '–':
		return true
	}
	return false
}

func isPunct(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', '…':
		return true
	}
	return false
}

// isWordEnd reports whether r can end the word a French space goes after.
func isWordEnd(r rune) bool {
	if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == opaqueRune {
		return true
	}
	switch r {
	case ')', ']', '}', '»', '”', '’', '"', '\'', '…', '.', '%', '€', '$', '°':
		return true
	}
	return false
}

// writeBack gives every piece whose text changed its new text. Each piece's
// runes are contiguous in out (rules only insert or replace next to a
// piece's own runes), so pieces are compared range by range.
func (f *flow) writeBack() {
	if runesEqual(f.in, f.out) {
		return
	}
	i, j := 0, 0 // positions in in and out
	for p := range f.pieces {
		for i < len(f.in) && f.inOwner[i] != p {
			i++
		}
		for j < len(f.out) && f.outOwner[j] != p {
			j++
		}
		i0, j0 := i, j
		for i < len(f.in) && f.inOwner[i] == p {
			i++
		}
		for j < len(f.out) && f.outOwner[j] == p {
			j++
		}
		if !runesEqual(f.in[i0:i], f.out[j0:j]) {
			setText(f.pieces[p].node, string(f.out[j0:j]))
		}
	}
}

func runesEqual(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
