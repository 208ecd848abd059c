package browser

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
)

// skipped records the tests of this test binary that New or VNU skipped
// for want of a tool, for Main's note.
var skipped struct {
	sync.Mutex
	tests   []string
	missing map[string]string // tool -> how to install it
}

func noteSkip(t testing.TB, what, install, env string) {
	skipped.Lock()
	defer skipped.Unlock()
	skipped.tests = append(skipped.tests, t.Name())
	if skipped.missing == nil {
		skipped.missing = map[string]string{}
	}
	how := install
	if env != "" {
		how += " or set " + env
	}
	skipped.missing[what] = how
}

// Main is the TestMain of packages with browser tests:
//
//	func TestMain(m *testing.M) { browser.Main(m) }
//
// It runs the tests and, when some were skipped because Chromium, axe-core,
// the Nu HTML Checker or java is missing, says so in one line, which tests
// and what to install. `go test ./...` shows the output of a package only
// when it fails, so the line goes to the terminal when there is one, and
// to the standard error otherwise (shown with -v).
func Main(m *testing.M) {
	code := m.Run()
	if note := skipNote(filepath.Base(os.Args[0])); note != "" {
		w := io.Writer(os.Stderr)
		if tty := terminal(); tty != nil {
			w = tty
			defer tty.Close()
		}
		fmt.Fprintln(w, note)
	}
	os.Exit(code)
}

// skipNote is Main's line for the test binary bin ("serve.test"), or "".
func skipNote(bin string) string {
	skipped.Lock()
	defer skipped.Unlock()
	if len(skipped.tests) == 0 {
		return ""
	}
	tests := append([]string{}, skipped.tests...)
	sort.Strings(tests)
	shown := tests
	if len(shown) > 3 {
		shown = append(shown[:3:3], fmt.Sprintf("%d more", len(tests)-3))
	}
	var tools []string
	for what, how := range skipped.missing {
		tools = append(tools, what+" ("+how+")")
	}
	sort.Strings(tools)
	return fmt.Sprintf("%s: %d browser %s skipped (%s): missing %s; .ci/run runs them all",
		strings.TrimSuffix(bin, ".test"), len(tests), plural(len(tests), "test", "tests"), strings.Join(shown, ", "), strings.Join(tools, ", "))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
