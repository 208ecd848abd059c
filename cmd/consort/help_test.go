package main

import (
	"strings"
	"testing"

	"github.com/consort-ssg/consort/internal/help"
)

func TestHelpTopics(t *testing.T) {
	topics := help.Topics()
	if len(topics) == 0 {
		t.Fatal("no help topics embedded")
	}
	list, _, code := consort("help")
	if code != 0 {
		t.Fatalf("consort help: exit %d", code)
	}
	for _, c := range commands() {
		for _, tp := range topics {
			if tp.Name == c.name {
				t.Errorf("help topic %q has the name of a command: `consort help %s` could not reach it", tp.Name, tp.Name)
			}
		}
	}
	for _, tp := range topics {
		t.Run(tp.Name, func(t *testing.T) {
			if !strings.Contains(list, "  "+tp.Name+" ") || !strings.Contains(list, tp.Title) {
				t.Errorf("consort help does not list %q (%s):\n%s", tp.Name, tp.Title, list)
			}
			stdout, stderr, code := consort("help", tp.Name)
			if code != 0 || stderr != "" {
				t.Fatalf("consort help %s: exit %d, stderr %q", tp.Name, code, stderr)
			}
			want, _ := help.Text(tp.Name)
			if stdout != want || !strings.HasPrefix(stdout, "# "+tp.Title+"\n") {
				t.Errorf("consort help %s printed %d bytes starting %.60q; want the topic file, starting with its title", tp.Name, len(stdout), stdout)
			}
		})
	}
}

func TestHelpUnknown(t *testing.T) {
	stdout, stderr, code := consort("help", "hostnig")
	if code != 2 {
		t.Errorf("exit code %d; want 2", code)
	}
	if stdout != "" {
		t.Errorf("stdout %q; want nothing", stdout)
	}
	for _, want := range []string{`no command or topic "hostnig"`, "Commands:", "  build ", "Help topics:", "  hosting "} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not hold %q:\n%s", want, stderr)
		}
	}
	if _, _, code := consort("help", "build", "check"); code != 2 {
		t.Errorf("consort help build check: exit %d; want 2", code)
	}
	if stdout, _, code := consort("help", "help"); code != 0 || !strings.Contains(stdout, "Usage: consort help") {
		t.Errorf("consort help help: exit %d, %q", code, stdout)
	}
}
