package markdown

import (
	"html"
	"strings"
	"unicode"
)

// Text applies the typography of lang to a line of plain text, such as a
// title or a summary from front matter: curly quotes and apostrophes,
// dashes, ellipses and, in French, guillemets and the spaces before
// ; : ! ?. Nothing else changes: Markdown syntax in s is not interpreted.
func (c *Converter) Text(s, lang string) string {
	if !needsTypography(s) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '\n' || r == '\r':
			b.WriteByte(' ')
			continue
		case r < 128 && unicode.IsPunct(r) && !strings.ContainsRune(`"'-.,;:!?()`, r),
			r == '+' || r == '=' || r == '|' || r == '~' || r == '<' || r == '>' || r == '$' || r == '^' || r == '`':
			b.WriteByte('\\')
		case i == 0 && (r == '-' || r == '+'):
			b.WriteByte('\\')
		case r == '.' && allDigits(s[:i]):
			b.WriteByte('\\') // "2020. A year" is not an ordered list
		}
		b.WriteRune(r)
	}
	res := c.Convert([]byte(b.String()), Context{Lang: lang})
	out := strings.TrimSpace(string(res.HTML))
	out = strings.TrimPrefix(out, "<p>")
	out = strings.TrimSuffix(out, "</p>")
	if strings.ContainsAny(out, "<>") {
		return s // not a single paragraph of text: leave it as written
	}
	return html.UnescapeString(out)
}

func needsTypography(s string) bool {
	return strings.ContainsAny(s, `"';:!?`) || strings.Contains(s, "--") || strings.Contains(s, "...") || digitSpaceDigit(s)
}

// digitSpaceDigit reports whether s has a digit, a space and a digit in a
// row: perhaps a number written in groups ("421 000").
func digitSpaceDigit(s string) bool {
	for i := 1; i+1 < len(s); i++ {
		if (s[i] == ' ' && isDigitByte(s[i-1]) && isDigitByte(s[i+1])) ||
			(i+2 < len(s) && s[i] == 0xC2 && s[i+1] == 0xA0 && isDigitByte(s[i-1]) && isDigitByte(s[i+2])) {
			return true
		}
	}
	return false
}

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
