package site

import (
	"fmt"
	"strings"
)

// YAML that does not parse is explained in an editor's words: which line,
// what is wrong there and how to fix it. The parser's own sentence ("did
// not find expected key") often names another line than the mistake, so
// the text is read again line by line for the usual mistakes: a tab, a
// quote or bracket never closed, a colon inside a value, a line out of
// step with the others. Only when none is found is the parser's message
// used, reworded.

// explainYAML returns the line (1-based, in text) and an explanation of
// why text, which the YAML parser refused with err, is not valid.
func explainYAML(text string, err error) (int, string) {
	pline, pmsg := parserMessage(err)
	line, msg := scanYAML(text, pmsg)
	if line == 0 {
		line, msg = pline, reword(pmsg)
	}
	// The text quoted may be anything the file holds.
	return line, strings.ToValidUTF8(msg, "\uFFFD")
}

// parserMessage splits a yaml.v3 error into its line (0 when it has none)
// and its sentence.
func parserMessage(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if strings.HasPrefix(msg, "line ") {
		fmt.Sscanf(msg, "line %d:", &line)
		if i := strings.Index(msg, ":"); i >= 0 {
			msg = strings.TrimSpace(msg[i+1:])
		}
	}
	return line, msg
}

// reword puts the parser's usual sentences in plain words.
func reword(msg string) string {
	switch {
	case strings.Contains(msg, "mapping values are not allowed"):
		return "a value contains a colon followed by a space, or a line is indented more than the one above; put text with a colon between quotes, and start every field at the beginning of its line"
	case strings.Contains(msg, "did not find expected key"), strings.Contains(msg, "did not find expected '-' indicator"):
		return "the lines are not lined up; fields of one level must start in the same column, written `name: value`"
	case strings.Contains(msg, "could not find expected ':'"):
		return "a line has no colon; write every field as `name: value`"
	case strings.Contains(msg, "found unexpected end of stream"):
		return "a quote is never closed; end the text with the quote it starts with"
	case strings.Contains(msg, "did not find expected ',' or ']'"):
		return "a list opened with [ is never closed; end it with ] on the same line, e.g. [US, FR]"
	case strings.Contains(msg, "did not find expected ',' or '}'"):
		return "a set opened with { is never closed; end it with } on the same line, e.g. {lat: 45.76, lon: 4.84}"
	case strings.Contains(msg, "cannot start any token"):
		return "a value starts with a character YAML keeps for itself (@ or `); put the value between quotes"
	case strings.Contains(msg, "tab character"):
		return "a line is indented with a tab; YAML does not allow tabs: indent with spaces"
	}
	return msg + "; check the indentation, the colons and the quotes"
}

// yamlLine is a line of YAML text, split.
type yamlLine struct {
	n      int    // 1-based
	indent int    // spaces before the content
	tab    bool   // the indentation holds a tab
	body   string // the content, without indentation and comment
	item   bool   // starts with "- "
}

// scanYAML looks for the usual mistakes in text, the first on the
// earliest line; pmsg is the parser's sentence, for the mistakes only it
// can tell apart. It returns 0 when it finds none.
func scanYAML(text, pmsg string) (int, string) {
	lines := splitYAML(text)
	for _, l := range lines {
		if l.tab {
			return l.n, "this line is indented with a tab; YAML does not allow tabs for indentation: replace the tab with spaces"
		}
	}
	for _, l := range lines {
		key, val, isField := field(l.body)
		if key == "" {
			key = "name"
		}
		if !isField {
			val = strings.TrimSpace(strings.TrimPrefix(l.body, "-"))
		}
		switch {
		case val == "":
		case val[0] == '"' || val[0] == '\'':
			q := val[:1]
			end := closingQuote(val)
			if end < 0 {
				return l.n, fmt.Sprintf("the text starts with %s but does not end with one; put %s at the end of the text, on the same line", q, q)
			}
			if rest := strings.TrimSpace(val[end+1:]); rest != "" && !strings.HasPrefix(rest, "#") {
				return l.n, fmt.Sprintf("there is more after the closing %s (%s); put the whole value between quotes: %s: %s", q, rest, key, quoteYAML(unquote(val[:end+1])+" "+rest))
			}
		case val[0] == '[' || val[0] == '{':
			open, close := val[:1], map[byte]string{'[': "]", '{': "}"}[val[0]]
			if depthOf(val) > 0 {
				what := "list"
				example := "[US, FR]"
				if open == "{" {
					what, example = "set", "{lat: 45.76, lon: 4.84}"
				}
				return l.n, fmt.Sprintf("the %s opened with %s is not closed; end it with %s on the same line, e.g. %s", what, open, close, example)
			}
		case val[0] == '@' || val[0] == '`':
			return l.n, fmt.Sprintf("a value cannot start with %c in YAML; put it between quotes: %s: %s", val[0], key, quoteYAML(val))
		case val[0] == '|' || val[0] == '>':
		case isField && strings.Contains(val, ": ") && strings.Contains(pmsg, "mapping values"):
			return l.n, fmt.Sprintf("the value contains a colon followed by a space, which YAML reads as a new field; put the value between quotes: %s: %s", key, quoteYAML(val))
		}
		if !isField && !l.item && l.indent == 0 && !strings.HasPrefix(l.body, "---") {
			return l.n, "this line has no colon; write every field as `name: value` (text that goes on from the line above must be indented)"
		}
	}
	return indentMistake(lines)
}

// indentMistake finds the first line out of step with the lines above:
// indented more when the line above already has its value, or less, in a
// column no line above starts in.
func indentMistake(lines []yamlLine) (int, string) {
	stack := []int{0} // columns of the open levels
	opens := false    // the line above waits for an indented block
	for _, l := range lines {
		if l.body == "" {
			continue
		}
		top := stack[len(stack)-1]
		switch {
		case l.indent > top && opens:
			stack = append(stack, l.indent)
		case l.indent > top:
			return l.n, "this line is indented more than the line above, which already has its value; start it in the same column as the line above, or leave the value of the line above empty to make this line a part of it"
		case l.indent < top:
			inner := top
			for len(stack) > 1 && stack[len(stack)-1] > l.indent {
				inner = stack[len(stack)-1]
				stack = stack[:len(stack)-1]
			}
			if outer := stack[len(stack)-1]; outer != l.indent {
				return l.n, fmt.Sprintf("this line is not lined up with the lines above it: it starts after %s, the fields above after %d or %d; line it up with the ones it belongs with", spaces(l.indent), inner, outer)
			}
		}
		_, val, isField := field(strings.TrimSpace(strings.TrimPrefix(l.body, "- ")))
		opens = isField && (val == "" || val[0] == '|' || val[0] == '>')
		if l.item {
			// "- name: value": the item's other fields line up with name.
			stack = append(stack, l.indent+2)
			opens = opens || strings.TrimSpace(l.body) == "-"
		}
	}
	return 0, ""
}

// splitYAML splits text into lines, leaving out comments, blank lines
// and the lines of block scalars (| and >), whose text is free.
func splitYAML(text string) []yamlLine {
	var out []yamlLine
	block := -1 // indentation of the key of an open block scalar
	for i, raw := range strings.Split(text, "\n") {
		raw = strings.TrimRight(raw, " \r")
		content := strings.TrimLeft(raw, " \t")
		ws := raw[:len(raw)-len(content)]
		l := yamlLine{n: i + 1, indent: len(ws), tab: strings.Contains(ws, "\t")}
		if content == "" || content[0] == '#' {
			continue
		}
		if block >= 0 {
			if l.indent > block {
				continue
			}
			block = -1
		}
		l.body = stripComment(content)
		l.item = l.body == "-" || strings.HasPrefix(l.body, "- ")
		if _, val, ok := field(strings.TrimSpace(strings.TrimPrefix(l.body, "- "))); ok && val != "" && (val[0] == '|' || val[0] == '>') {
			block = l.indent
		}
		out = append(out, l)
	}
	return out
}

// field splits "name: value" (also "name:"); ok is false when s is no
// field.
func field(s string) (key, val string, ok bool) {
	if s == "" || s[0] == '"' || s[0] == '\'' || s[0] == '[' || s[0] == '{' || s[0] == '-' {
		return "", "", false
	}
	i := strings.Index(s, ": ")
	if i < 0 {
		if strings.HasSuffix(s, ":") {
			return strings.TrimSuffix(s, ":"), "", true
		}
		return "", "", false
	}
	return s[:i], strings.TrimSpace(s[i+2:]), true
}

// stripComment removes a " # comment" outside quotes.
func stripComment(s string) string {
	var q byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case q != 0:
			if c == '\\' && q == '"' {
				i++
			} else if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			if i == 0 || s[i-1] == ' ' || s[i-1] == '[' || s[i-1] == '{' || s[i-1] == ',' {
				q = c
			}
		case c == '#' && i > 0 && s[i-1] == ' ':
			return strings.TrimRight(s[:i], " ")
		}
	}
	return s
}

// closingQuote returns the index of the quote closing the one s starts
// with, or -1.
func closingQuote(s string) int {
	q := s[0]
	for i := 1; i < len(s); i++ {
		switch {
		case q == '"' && s[i] == '\\':
			i++
		case s[i] == q && q == '\'' && i+1 < len(s) && s[i+1] == '\'':
			i++ // '' is a quote inside single quotes
		case s[i] == q:
			return i
		}
	}
	return -1
}

// depthOf returns how many brackets s leaves open, outside quotes.
func depthOf(s string) int {
	depth := 0
	var q byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case q != 0:
			if c == '\\' && q == '"' {
				i++
			} else if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
		}
	}
	return depth
}

func unquote(s string) string {
	if len(s) >= 2 {
		return s[1 : len(s)-1]
	}
	return s
}

// quoteYAML writes s between double quotes, for an example to copy.
func quoteYAML(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func spaces(n int) string {
	if n == 1 {
		return "1 space"
	}
	return fmt.Sprintf("%d spaces", n)
}
