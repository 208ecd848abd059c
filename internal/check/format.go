package check

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/consort-ssg/consort/internal/site"
)

// Line formats one problem for people: file:line: severity[code]: field: message.
func Line(p site.Problem) string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	fmt.Fprintf(&b, ": %s", p.Severity)
	if p.Code != "" {
		fmt.Fprintf(&b, "[%s]", p.Code)
	}
	b.WriteString(": ")
	if p.Draft {
		b.WriteString("(draft) ")
	}
	if p.Field != "" {
		b.WriteString(p.Field + ": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// WriteText writes the report for people: the problems, the translation
// report as a table, and a closing count.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	for _, p := range r.Problems {
		b.WriteString(Line(p) + "\n")
	}
	if len(r.Translations) > 0 {
		if len(r.Problems) > 0 {
			b.WriteString("\n")
		}
		b.WriteString(r.translationTable())
	}
	if len(r.Problems) > 0 || len(r.Translations) > 0 {
		b.WriteString("\n")
	}
	b.WriteString(r.Summary() + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// Summary is the closing line: "2 errors, 1 warning in 58 pages (en 29, fr 29; 2 drafts)".
func (r *Report) Summary() string {
	e, w := r.Errors(), r.Warnings()
	var parts []string
	langs := make([]string, 0, len(r.Pages))
	total := 0
	for l, n := range r.Pages {
		langs = append(langs, l)
		total += n
	}
	sort.Strings(langs)
	for _, l := range langs {
		parts = append(parts, fmt.Sprintf("%s %d", l, r.Pages[l]))
	}
	where := "(the site could not be built, so links and translations were not checked)"
	if total > 0 {
		drafts := ""
		if r.Drafts > 0 {
			drafts = fmt.Sprintf("; %d %s", r.Drafts, plural(r.Drafts, "draft", "drafts"))
		}
		where = fmt.Sprintf("in %d %s (%s%s)", total, plural(total, "page", "pages"), strings.Join(parts, ", "), drafts)
	}
	if e == 0 && w == 0 {
		return "no problems " + where
	}
	return fmt.Sprintf("%d %s, %d %s %s", e, plural(e, "error", "errors"), w, plural(w, "warning", "warnings"), where)
}

// translationTable renders the translation report: one row per section,
// one column per language, each cell "pages" then what is wrong.
func (r *Report) translationTable() string {
	var langs []string
	seen := map[string]bool{}
	for _, c := range r.Translations {
		if !seen[c.Lang] {
			seen[c.Lang] = true
			langs = append(langs, c.Lang)
		}
	}
	cells := map[string]map[string]string{}
	var sections []string
	for _, c := range r.Translations {
		if cells[c.Section] == nil {
			cells[c.Section] = map[string]string{}
			sections = append(sections, c.Section)
		}
		s := fmt.Sprint(c.Pages)
		var notes []string
		if n := len(c.Only); n > 0 {
			notes = append(notes, fmt.Sprintf("%d untranslated", n))
		}
		if n := len(c.Stale); n > 0 {
			notes = append(notes, fmt.Sprintf("%d stale", n))
		}
		if len(notes) > 0 {
			s += " (" + strings.Join(notes, ", ") + ")"
		}
		cells[c.Section][c.Lang] = s
	}
	width := map[string]int{}
	first := len("translations")
	for _, sec := range sections {
		first = max(first, len(sec))
		for _, l := range langs {
			width[l] = max(width[l], len(l), len(cells[sec][l]))
		}
	}
	var b strings.Builder
	row := func(head string, vals []string) {
		line := fmt.Sprintf("  %-*s", first, head)
		for i, l := range langs {
			line += fmt.Sprintf("  %-*s", width[l], vals[i])
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	row("translations", langs)
	for _, sec := range sections {
		vals := make([]string, len(langs))
		for i, l := range langs {
			vals[i] = cells[sec][l]
		}
		row(sec, vals)
	}
	return b.String()
}

// JSONVersion is the version of the JSON report's shape; it changes only
// when a field is removed or changes meaning.
const JSONVersion = 1

// JSONReport is the shape of `consort check --format json`. Every list is
// present (empty rather than null) and keys are always written.
type JSONReport struct {
	Version      int           `json:"version"`
	OK           bool          `json:"ok"` // no errors (warnings allowed)
	Summary      JSONSummary   `json:"summary"`
	Problems     []JSONProblem `json:"problems"`
	Translations []Coverage    `json:"translations"`
}

// JSONSummary counts the report.
type JSONSummary struct {
	Errors   int            `json:"errors"`
	Warnings int            `json:"warnings"`
	Pages    map[string]int `json:"pages"`  // by language
	Drafts   int            `json:"drafts"` // how many of the pages are drafts
}

// JSONProblem is one problem.
type JSONProblem struct {
	File     string `json:"file"`
	Line     int    `json:"line"` // 0: the whole file
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Field    string `json:"field"`
	Message  string `json:"message"`
	Draft    bool   `json:"draft"` // the file is a draft: consort build does not publish it
}

// JSON returns the report in its JSON shape.
func (r *Report) JSON() JSONReport {
	out := JSONReport{
		Version:      JSONVersion,
		OK:           r.Errors() == 0,
		Summary:      JSONSummary{Errors: r.Errors(), Warnings: r.Warnings(), Pages: map[string]int{}, Drafts: r.Drafts},
		Problems:     []JSONProblem{},
		Translations: []Coverage{},
	}
	for l, n := range r.Pages {
		out.Summary.Pages[l] = n
	}
	for _, p := range r.Problems {
		out.Problems = append(out.Problems, JSONProblem{File: p.File, Line: p.Line, Severity: p.Severity.String(), Code: p.Code, Field: p.Field, Message: p.Msg, Draft: p.Draft})
	}
	for _, c := range r.Translations {
		if c.Only == nil {
			c.Only = []string{}
		}
		if c.Stale == nil {
			c.Stale = []string{}
		}
		out.Translations = append(out.Translations, c)
	}
	return out
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r.JSON())
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
