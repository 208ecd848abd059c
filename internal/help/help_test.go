package help

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

func TestTopics(t *testing.T) {
	if err := Check(); err != nil {
		t.Fatal(err)
	}
	topics := Topics()
	for i, tp := range topics {
		if i > 0 && topics[i-1].Name >= tp.Name {
			t.Errorf("topics not sorted: %q before %q", topics[i-1].Name, tp.Name)
		}
		text, ok := Text(tp.Name)
		if !ok || !strings.HasPrefix(text, "# "+tp.Title+"\n") || len(text) < 200 {
			t.Errorf("Text(%q) = %.40q, %v; want the topic, starting with its title", tp.Name, text, ok)
		}
	}
	for _, name := range []string{"", "nope", "Hosting", "hosting.md", "../help/hosting", "*"} {
		if _, ok := Text(name); ok {
			t.Errorf("Text(%q) found a topic", name)
		}
	}
}

func TestTitle(t *testing.T) {
	for in, want := range map[string]string{
		"# Hosting\nbody":    "Hosting",
		"# Hosting\r\nbody":  "Hosting",
		"#Hosting\n":         "",
		"## Hosting\n":       "",
		"Hosting\n=======\n": "",
		"":                   "",
	} {
		if got := title(in); got != want {
			t.Errorf("title(%q) = %q; want %q", in, got, want)
		}
	}
}

// The README is the front door: short, and every topic it points to exists.
func TestREADME(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	if n := strings.Count(readme, "\n"); n > 250 {
		t.Errorf("README.md has %d lines; keep it under 250 and move reference text to a topic in internal/help", n)
	}
	links := regexp.MustCompile(`\]\((internal/help/[^)#\s]*)(#[^)\s]*)?\)`).FindAllStringSubmatch(readme, -1)
	if len(links) == 0 {
		t.Fatal("README.md links to no help topic")
	}
	linked := map[string]bool{}
	for _, l := range links {
		name, ok := strings.CutSuffix(strings.TrimPrefix(l[1], "internal/help/"), ".md")
		if _, found := Text(name); !ok || !found {
			t.Errorf("README.md links to %s, which is not a help topic", l[1])
			continue
		}
		linked[name] = true
		if anchor := strings.TrimPrefix(l[2], "#"); anchor != "" {
			text, _ := Text(name)
			if !hasAnchor(text, anchor) {
				t.Errorf("README.md links to %s%s, but %s has no heading with that anchor", l[1], l[2], l[1])
			}
		}
	}
	for _, tp := range Topics() {
		if !linked[tp.Name] {
			t.Errorf("README.md does not point to the topic %s (internal/help/%s.md)", tp.Name, tp.Name)
		}
	}
}

// hasAnchor reports whether a heading of the Markdown text gets the anchor
// GitHub gives it: lower case, spaces as hyphens, punctuation dropped.
func hasAnchor(text, anchor string) bool {
	for _, line := range strings.Split(text, "\n") {
		h := strings.TrimLeft(line, "#")
		if len(h) == len(line) || !strings.HasPrefix(h, " ") {
			continue
		}
		var b strings.Builder
		for _, r := range strings.ToLower(strings.TrimSpace(h)) {
			switch {
			case r == ' ':
				b.WriteRune('-')
			case r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127:
				b.WriteRune(r)
			}
		}
		if b.String() == anchor {
			return true
		}
	}
	return false
}
