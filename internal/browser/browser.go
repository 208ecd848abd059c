// Package browser starts Debian's headless Chromium for tests, and runs the
// accessibility (axe-core) and HTML (Nu HTML Checker) audits on what it shows.
//
// The tools come from Debian (chromium) and from .ci/node_modules (axe-core,
// vnu-jar; `npm ci --ignore-scripts` in .ci). When one is missing the test is
// skipped, unless CONSORT_REQUIRE_BROWSER=1, as in CI, where it fails.
//
// Tests drive the page with chromedp (v0.23's generic API):
//
//	ctx := browser.New(t)
//	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL)); err != nil {
//		t.Fatal(err)
//	}
//	title, err := chromedp.Run(ctx, chromedp.Title())
package browser

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeKey holds, in the context that New returns, the path of axe-core.
type axeKey struct{}

// New starts a headless Chromium ($CONSORT_CHROMIUM, else /usr/bin/chromium,
// else chromium in PATH) with a fresh temporary profile and returns a chromedp
// context for one tab. The browser stops, and its profile is removed, when the
// test ends.
//
// New also finds axe-core for [Axe], so that Axe needs no testing.TB: without
// Chromium or axe-core the test is skipped, or fails when
// CONSORT_REQUIRE_BROWSER=1.
func New(t testing.TB) context.Context {
	t.Helper()
	chromium := find(t, "Chromium", "apt-get install chromium", "CONSORT_CHROMIUM", "/usr/bin/chromium", "chromium")
	axe := find(t, "axe-core", "npm ci --ignore-scripts in .ci", "CONSORT_AXE", moduleFile(axeFile))
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		// No user-data-dir: chromedp makes a fresh temporary one and
		// removes it once the browser has exited.
	}
	base := context.WithValue(context.Background(), axeKey{}, axe)
	actx, cancelAlloc := chromedp.NewExecAllocator(base, opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc() // waits for the process to exit
	})
	// The first action starts the browser: do it now so that a browser that
	// cannot start fails here, with its path in the message.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", chromium, err)
	}
	return ctx
}

// Violation is one axe-core rule that the page breaks.
type Violation struct {
	ID      string   `json:"id"`      // rule, e.g. "image-alt"
	Impact  string   `json:"impact"`  // minor, moderate, serious or critical
	Help    string   `json:"help"`    // one-line description of the rule
	HelpURL string   `json:"helpUrl"` // page that explains the rule
	Targets []string `json:"targets"` // CSS selector of each offending node
}

func (v Violation) String() string {
	return fmt.Sprintf("%s (%s): %s %v", v.ID, v.Impact, v.Help, v.Targets)
}

// axeRun runs axe on the document with the WCAG 2.0/2.1 A and AA rules and
// keeps the fields of Violation. A node's target has one selector per frame
// or shadow root on the way to it; they are joined with " >>> ".
const axeRun = `axe.run(document, {
	runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
	resultTypes: ["violations"],
}).then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
	targets: v.nodes.map(n => [].concat(n.target).map(s => [].concat(s).join(" ")).join(" >>> ")),
})))`

// Axe injects axe-core ($CONSORT_AXE, else
// .ci/node_modules/axe-core/axe.min.js of the module) into the current page of
// ctx, a context from [New], and returns the WCAG 2.1 A/AA violations it finds.
func Axe(ctx context.Context) ([]Violation, error) {
	path, ok := ctx.Value(axeKey{}).(string)
	if !ok {
		return nil, errors.New("browser.Axe: the context does not come from browser.New")
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](string(src))); err != nil {
		return nil, fmt.Errorf("inject axe-core: %w", err)
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]Violation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("run axe-core: %w", err)
	}
	return vs, nil
}

// VNUMessage is one error that the Nu HTML Checker reports.
type VNUMessage struct {
	File    string // path of the checked file
	Line    int    // 1-based; 0 when the message is about the whole file
	Column  int
	Message string
}

func (m VNUMessage) String() string {
	return fmt.Sprintf("%s:%d:%d: %s", m.File, m.Line, m.Column, m.Message)
}

// VNU runs the Nu HTML Checker ($CONSORT_VNU, else
// .ci/node_modules/vnu-jar/build/dist/vnu.jar of the module) with java on the
// files, or on the HTML files of the folders, and returns its errors
// (warnings are left out). Without java or the jar the test is skipped, or
// fails when CONSORT_REQUIRE_BROWSER=1.
func VNU(t testing.TB, paths ...string) ([]VNUMessage, error) {
	t.Helper()
	jar := find(t, "the Nu HTML Checker (vnu.jar)", "npm ci --ignore-scripts in .ci", "CONSORT_VNU", moduleFile(vnuFile))
	java := find(t, "java", "apt-get install default-jre-headless", "", "java")
	if len(paths) == 0 {
		return nil, errors.New("vnu: no file to check")
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil { // vnu would pass a missing file
			return nil, fmt.Errorf("vnu: %w", err)
		}
	}
	args := append([]string{"-jar", jar, "--errors-only", "--format", "json"}, paths...)
	cmd := exec.Command(java, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run() // exit status 1 means "found errors"; the JSON says which
	var report struct {
		Messages []struct {
			Type        string `json:"type"`
			URL         string `json:"url"`
			LastLine    int    `json:"lastLine"`
			FirstColumn int    `json:"firstColumn"`
			Message     string `json:"message"`
		} `json:"messages"`
	}
	// vnu writes its JSON report to stderr.
	if err := json.Unmarshal(stderr.Bytes(), &report); err != nil {
		return nil, fmt.Errorf("vnu: %v: %s%s", runErr, stdout.Bytes(), stderr.Bytes())
	}
	var msgs []VNUMessage
	for _, m := range report.Messages {
		if m.Type == "info" {
			continue
		}
		file := m.URL
		if u, err := url.Parse(m.URL); err == nil && u.Scheme == "file" {
			file = u.Path
		}
		msgs = append(msgs, VNUMessage{File: file, Line: m.LastLine, Column: m.FirstColumn, Message: m.Message})
	}
	return msgs, nil
}

// Where npm ci in .ci puts the tools, relative to the module root.
const (
	axeFile = ".ci/node_modules/axe-core/axe.min.js"
	vnuFile = ".ci/node_modules/vnu-jar/build/dist/vnu.jar"
)

// find returns the file named by the environment variable env when it is set,
// else the first of the candidates that exists (a bare name is looked up in
// PATH). When there is none, it skips the test, or fails it when
// CONSORT_REQUIRE_BROWSER=1, saying what to install.
func find(t testing.TB, what, install, env string, candidates ...string) string {
	t.Helper()
	if v := os.Getenv(env); env != "" && v != "" {
		candidates = []string{v}
	}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if !strings.Contains(c, "/") {
			if p, err := exec.LookPath(c); err == nil {
				return p
			}
			continue
		}
		if _, err := os.Stat(c); err == nil {
			return c
		}
	}
	msg := fmt.Sprintf("%s not found at %q (install: %s)", what, candidates, install)
	if os.Getenv("CONSORT_REQUIRE_BROWSER") == "1" {
		t.Fatal(msg + "; CONSORT_REQUIRE_BROWSER=1 forbids skipping")
	}
	noteSkip(t, what, install, env)
	t.Skip(msg)
	return ""
}

// moduleFile returns rel under the module root, the nearest folder above the
// working directory that holds a go.mod, or "" when there is none.
func moduleFile(rel string) string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, filepath.FromSlash(rel))
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
