//go:build unix

package main

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/consort-ssg/consort/internal/corpus"
)

// buildBinary compiles consort into a temporary folder.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "consort")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// countFiles counts the files under dir, 0 when it cannot be read.
func countFiles(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}

// tmpFolder returns the temporary folder a build of out is writing, or "".
func tmpFolder(out string) string {
	m, _ := filepath.Glob(out + ".tmp-*")
	if len(m) == 0 {
		return ""
	}
	return m[0]
}

// TestKilledBuild runs the real consort binary on two generated sites of
// 200 pages and SIGKILLs it at several points of a build: right after it
// starts, once it holds the output lock, once its temporary folder exists,
// when that folder is half and fully written, once the new build is in
// place, and at fractions of a whole build's time. Each time public/ must be the complete previous build or
// the complete new one, never a mix; the next build, not killed, must take
// over the dead build's lock, clean its leftovers and publish.
func TestKilledBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills it many times")
	}
	bin := buildBinary(t)
	root := t.TempDir()
	sites := [2]string{filepath.Join(root, "a"), filepath.Join(root, "b")}
	for i, dir := range sites {
		if err := corpus.Write(dir, corpus.Options{Pages: 200, Seed: int64(i + 1)}); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(root, "public")
	command := func(src string) *exec.Cmd {
		return exec.Command(bin, "build", "--quiet", "--source", src, "--out", out, "--clock", "2026-01-15")
	}
	build := func(src string) {
		t.Helper()
		if b, err := command(src).CombinedOutput(); err != nil {
			t.Fatalf("consort build --source %s: %v\n%s", src, err, b)
		}
	}
	onlyOut := func() {
		t.Helper()
		entries, err := os.ReadDir(root)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if name := e.Name(); name != "a" && name != "b" && name != "public" {
				t.Errorf("got %s beside the output after a whole build; want the killed build's leftovers gone", name)
			}
		}
	}

	var trees [2]map[string]string // path -> content
	start := time.Now()
	build(sites[0])
	whole := time.Since(start)
	trees[0] = snapshot(t, out)
	build(sites[1])
	trees[1] = snapshot(t, out)
	if len(trees[0]) < 200 || equalTrees(trees[0], trees[1]) {
		t.Fatalf("got builds of %d and %d files; want two different sites", len(trees[0]), len(trees[1]))
	}
	files := len(trees[1])

	// until waits for a point of the build; it reports false when the
	// build ended first.
	type point struct {
		name  string
		until func(done <-chan struct{}) bool
	}
	poll := func(cond func() bool) func(done <-chan struct{}) bool {
		return func(done <-chan struct{}) bool {
			for !cond() {
				select {
				case <-done:
					return false
				case <-time.After(500 * time.Microsecond):
				}
			}
			return true
		}
	}
	after := func(frac float64) func(done <-chan struct{}) bool {
		return func(done <-chan struct{}) bool {
			select {
			case <-done:
				return false
			case <-time.After(time.Duration(frac * float64(whole))):
				return true
			}
		}
	}
	// only[i] is a file only build i has: once it is in public/, the
	// new build has been swapped in and the previous one is being removed.
	var only [2]string
	for i := range trees {
		for p := range trees[i] {
			if _, ok := trees[1-i][p]; !ok && (only[i] == "" || p < only[i]) {
				only[i] = p
			}
		}
	}
	current := 1 // public/ holds site b
	next := 0
	points := []point{
		{"at start", func(<-chan struct{}) bool { return true }},
		{"holding the lock", poll(func() bool { _, err := os.Stat(out + ".lock"); return err == nil })},
		{"temporary folder made", poll(func() bool { return tmpFolder(out) != "" })},
		{"temporary folder half written", poll(func() bool { d := tmpFolder(out); return d != "" && countFiles(d) >= files/2 })},
		{"temporary folder fully written", poll(func() bool { d := tmpFolder(out); return d != "" && countFiles(d) >= files })},
		{"new build swapped in", poll(func() bool { _, err := os.Stat(filepath.Join(out, filepath.FromSlash(only[next]))); return err == nil })},
		{"at 25% of a build's time", after(0.25)},
		{"at 50% of a build's time", after(0.5)},
		{"at 75% of a build's time", after(0.75)},
		{"at 95% of a build's time", after(0.95)},
	}
	for _, pt := range points {
		t.Run(pt.name, func(t *testing.T) {
			next = 1 - current
			cmd := command(sites[next])
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan struct{})
			go func() { cmd.Wait(); close(done) }()
			reached := pt.until(done)
			cmd.Process.Kill() // SIGKILL
			<-done
			if !reached {
				t.Logf("the build ended before the point was seen; checked all the same")
			}

			got := snapshot(t, out)
			switch {
			case equalTrees(got, trees[current]):
				t.Logf("public/ is the previous build")
			case equalTrees(got, trees[next]):
				t.Logf("public/ is the new build")
			default:
				t.Fatalf("got public/ with %d files; want the complete previous build (%d files) or the complete new one (%d files)", len(got), len(trees[current]), len(trees[next]))
			}

			build(sites[next])
			if got := snapshot(t, out); !equalTrees(got, trees[next]) {
				t.Fatalf("the build after the kill published %d files; want the new build's %d", len(got), len(trees[next]))
			}
			onlyOut()
			current = next
		})
	}
}

// TestBuildLocked runs consort build while another live process holds the
// output's lock: it is refused with a clear message naming that process,
// and the output is left as it was.
func TestBuildLocked(t *testing.T) {
	dir := writeSite(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, stderr, code := consort("build", "--quiet", "--source", dir, "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	before := snapshot(t, out)
	// The test process itself is alive: its PID in the lock stands for a
	// build in progress.
	pid := os.Getpid()
	if err := os.WriteFile(out+".lock", []byte(strconv.Itoa(pid)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := consort("build", "--quiet", "--source", dir, "--out", out)
	want := "another consort build is writing " + out + " (pid " + strconv.Itoa(pid) + "); wait for it or remove " + out + ".lock if no build is running"
	if code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("got exit %d, stderr %q; want 1 and %q", code, stderr, want)
	}
	if after := snapshot(t, out); !equalTrees(before, after) {
		t.Errorf("the refused build changed %s", out)
	}
}
