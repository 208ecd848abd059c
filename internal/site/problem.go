package site

import (
	"fmt"
	"sort"
	"strings"
)

// Severity tells whether a problem stops the build.
type Severity int

const (
	// Error stops the build.
	Error Severity = iota
	// Warning is reported but the site is still built.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// A Problem is one thing wrong with the content, in the author's terms:
// which file, which line, which field, what is wrong and what to do.
type Problem struct {
	File     string   // "content/fr/partners/biocat.md"
	Line     int      // 1-based; 0 when the problem is about the whole file
	Field    string   // "country", "location.lat"; empty when not about a field
	Msg      string   // `"France" is not an ISO 3166 code; write FR`
	Severity Severity // Error unless said otherwise
	// Code names the kind of problem for tools (consort check --format
	// json, the serve overlay): "link", "stale-translation"...; empty for
	// content validation.
	Code string
	// Draft is set when File is a draft (consort check checks drafts
	// too, and says which problems are theirs).
	Draft bool
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Severity == Warning {
		b.WriteString("warning: ")
	}
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Problems is a list of problems; as an error it reads one problem a line,
// sorted by file and line.
type Problems []Problem

func (ps Problems) Error() string {
	var lines []string
	for _, p := range ps {
		lines = append(lines, p.String())
	}
	return strings.Join(lines, "\n")
}

// Sort orders problems by file, line, field and message.
func (ps Problems) Sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Field != b.Field {
			return a.Field < b.Field
		}
		return a.Msg < b.Msg
	})
}

// Errors returns the problems of severity Error.
func (ps Problems) Errors() Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == Error {
			out = append(out, p)
		}
	}
	return out
}

// Warnings returns the problems of severity Warning.
func (ps Problems) Warnings() Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == Warning {
			out = append(out, p)
		}
	}
	return out
}

// FieldError is what a kind's Validate method reports: a field and what is
// wrong with it. The loader adds the file and the line.
type FieldError struct {
	Field string
	Msg   string
}

func (e FieldError) Error() string { return e.Field + ": " + e.Msg }

// didYouMean returns the candidate closest to s, when it is close enough to
// be a likely typo, or "".
func didYouMean(s string, candidates []string) string {
	return DidYouMean(s, candidates, max(2, len(s)/3))
}

// DidYouMean returns the candidate closest to s (ignoring case) when at
// most limit edits away, or "".
func DidYouMean(s string, candidates []string, limit int) string {
	best, bestD := "", 1<<30
	ls := strings.ToLower(s)
	for _, c := range candidates {
		d := levenshtein(ls, strings.ToLower(c))
		if d < bestD || (d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	if bestD <= limit {
		return best
	}
	return ""
}

// levenshtein returns the edit distance of a and b, a swap of two
// neighbouring letters ("abuot") counting as one edit, as typing makes it.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1) // the row before prev
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// withArticle puts "a" or "an" before a noun, by its sound as far as its
// spelling tells: "an orgType", "a competency", "a unit", "an SME".
func withArticle(noun string) string {
	if noun == "" {
		return noun
	}
	lower := strings.ToLower(noun)
	an := strings.IndexByte("aeio", lower[0]) >= 0 ||
		strings.HasPrefix(lower, "u") && !strings.HasPrefix(lower, "uni") && !strings.HasPrefix(lower, "use") && !strings.HasPrefix(lower, "usu") ||
		len(noun) > 1 && strings.ToUpper(noun) == noun && strings.IndexByte("AEFHILMNORSX", noun[0]) >= 0
	if strings.HasPrefix(lower, "eu") || strings.HasPrefix(lower, "one") {
		an = false
	}
	if an {
		return "an " + noun
	}
	return "a " + noun
}
