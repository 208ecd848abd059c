package build

import (
	"fmt"
	"strings"

	"github.com/consort-ssg/consort/internal/i18n"
	"github.com/consort-ssg/consort/internal/site"
)

// UIStringCode is the Problem.Code of the UI strings a language lacks.
const UIStringCode = "ui-string"

// uiStringWarnings reports, one line per language, the UI strings a
// language lacks and shows in the default language instead.
func uiStringWarnings(b *i18n.Bundle) site.Problems {
	keys := map[string][]string{}
	for _, m := range b.Missing() {
		keys[m.Lang] = append(keys[m.Lang], m.Key)
	}
	var ps site.Problems
	for _, m := range b.MissingIn() {
		file := "templates/i18n/" + m.Lang + ".yaml"
		strs := "UI strings"
		if m.Count == 1 {
			strs = "UI string"
		}
		var msg string
		switch {
		case m.Fallback == "":
			msg = fmt.Sprintf("%d %s that other languages have are missing (%s); they show as [missing: key]; add them to %s", m.Count, strs, someKeys(keys[m.Lang]), file)
		case !m.HasFile:
			msg = fmt.Sprintf("%s has no UI strings of its own: %d %s show in %s; run `consort new strings %s` to write %s, then translate it", m.Lang, m.Count, strs, m.Fallback, m.Lang, file)
		default:
			msg = fmt.Sprintf("%d %s missing in %s show in %s (%s); add them to %s", m.Count, strs, m.Lang, m.Fallback, someKeys(keys[m.Lang]), file)
		}
		ps = append(ps, site.Problem{File: file, Msg: msg, Severity: site.Warning, Code: UIStringCode})
	}
	return ps
}

// someKeys names the first few keys: "a, b, c and 12 more".
func someKeys(keys []string) string {
	const n = 4
	if len(keys) <= n {
		return strings.Join(keys, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(keys[:n], ", "), len(keys)-n)
}
