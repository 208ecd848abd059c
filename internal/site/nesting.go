package site

import (
	"bytes"
	"fmt"
)

// Markdown parsers spend time in proportion to the nesting of quotes and
// lists on every line: goldmark takes 6.5 s for 100,000 nested quotes,
// 38 s for 100,000 nested list markers and 81 s for a 10 MB list nested by
// indentation alone. Real pages nest a few levels, so a body whose lines
// open more than maxNesting quotes and list items, or are indented more
// than maxIndent columns, is refused before it is parsed; within these
// limits a 10 MB body takes seconds, not minutes.
const (
	maxNesting = 32
	maxIndent  = 256
)

// checkNesting returns the 1-based line of body that nests too deeply and
// what is wrong with it, or 0.
func checkNesting(body []byte) (int, string) {
	for line := 1; len(body) > 0; line++ {
		text, rest, _ := bytes.Cut(body, []byte("\n"))
		body = rest
		markers, cols := lineNesting(text)
		if markers > maxNesting {
			return line, fmt.Sprintf("opens more than %d quotes (>) and list items; Markdown nested this deeply takes too long to read, make it flatter", maxNesting)
		}
		if cols > maxIndent {
			return line, fmt.Sprintf("is indented more than %d columns; Markdown nested this deeply takes too long to read, indent it less", maxIndent)
		}
	}
	return 0, ""
}

// lineNesting counts the block quote markers (>) and list markers (-, *,
// + or a number with . or ) followed by a space) that start line, and the
// columns of white space among them (a tab counts 4).
func lineNesting(line []byte) (markers, cols int) {
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c == ' ':
			cols++
			i++
		case c == '\t':
			cols += 4
			i++
		case c == '>':
			markers++
			i++
		case c == '-' || c == '*' || c == '+':
			if i+1 < len(line) && line[i+1] != ' ' && line[i+1] != '\t' {
				return markers, cols
			}
			markers++
			i++
		case '0' <= c && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && '0' <= line[j] && line[j] <= '9' {
				j++
			}
			if j >= len(line) || line[j] != '.' && line[j] != ')' || j+1 < len(line) && line[j+1] != ' ' && line[j+1] != '\t' {
				return markers, cols
			}
			markers++
			i = j + 1
		default:
			return markers, cols
		}
	}
	return markers, cols
}
