// Package help holds consort's reference documentation: one Markdown file
// per topic, embedded in the binary and printed by `consort help TOPIC`,
// as `go help TOPIC` prints the go command's.
//
// A topic is a file in this folder named TOPIC.md, in lower case, whose
// first line is "# Title". Every such file is embedded: adding a topic is
// adding a file, nothing else. The same files are what the repository's
// README links to, so the reference reads the same on GitHub and in a
// terminal.
package help

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

//go:embed *.md
var files embed.FS

// Topic is one help topic: its name (the file name without .md) and its
// title (the first line without "# ").
type Topic struct {
	Name, Title string
}

// Topics returns every topic, sorted by name.
func Topics() []Topic {
	names, err := fs.Glob(files, "*.md")
	if err != nil {
		panic(err) // the pattern is constant and valid
	}
	var ts []Topic
	for _, n := range names {
		text, err := fs.ReadFile(files, n)
		if err != nil {
			panic(err) // embedded files are always readable
		}
		ts = append(ts, Topic{Name: strings.TrimSuffix(n, ".md"), Title: title(string(text))})
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].Name < ts[j].Name })
	return ts
}

// Text returns the Markdown of the topic called name, and false when there
// is no such topic.
func Text(name string) (string, bool) {
	if name == "" || name != strings.ToLower(name) || strings.ContainsAny(name, "/.") {
		return "", false
	}
	b, err := fs.ReadFile(files, name+".md")
	if err != nil {
		return "", false
	}
	return string(b), true
}

// Check reports the first topic file that breaks the rules of the package
// doc: a name that is not lower case, or a first line that is not a title.
func Check() error {
	names, err := fs.Glob(files, "*.md")
	if err != nil {
		return err
	}
	for _, n := range names {
		if n != strings.ToLower(n) {
			return fmt.Errorf("internal/help/%s: topic file names are lower case", n)
		}
		b, err := fs.ReadFile(files, n)
		if err != nil {
			return err
		}
		if title(string(b)) == "" {
			return fmt.Errorf("internal/help/%s:1: the first line must be the title, written \"# Title\"", n)
		}
	}
	return nil
}

// title is the text of a first line "# Title", or "" when the first line
// is not one.
func title(text string) string {
	first, _, _ := strings.Cut(text, "\n")
	first = strings.TrimSuffix(first, "\r")
	t, ok := strings.CutPrefix(first, "# ")
	if !ok {
		return ""
	}
	return strings.TrimSpace(t)
}
