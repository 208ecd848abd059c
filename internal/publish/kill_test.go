//go:build unix

package publish

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Environment of the child process that TestKilledWrite starts: it writes
// build "new" into childDir and stops at childStage (after childFiles files,
// for stageFile), prints "ready" and waits to be killed.
const (
	childDir    = "CONSORT_PUBLISH_CHILD_DIR"
	childStage  = "CONSORT_PUBLISH_CHILD_STAGE"
	childFiles  = "CONSORT_PUBLISH_CHILD_FILES"
	childRename = "CONSORT_PUBLISH_CHILD_RENAME"
)

func TestMain(m *testing.M) {
	if dir := os.Getenv(childDir); dir != "" {
		os.Exit(runChild(dir))
	}
	os.Exit(m.Run())
}

// runChild is the body of the child process.
func runChild(dir string) int {
	stage := os.Getenv(childStage)
	files, _ := strconv.Atoi(os.Getenv(childFiles))
	var once sync.Once
	stopped := make(chan struct{})
	opts := WriteOptions{
		renameSwap: os.Getenv(childRename) == "1",
		workers:    2,
		hook: func(s string, n int) error {
			select {
			case <-stopped: // every worker halts once the point is reached
				select {}
			default:
			}
			if s == stage && n >= files {
				once.Do(func() {
					fmt.Println("ready")
					close(stopped)
				})
				select {}
			}
			return nil
		},
	}
	if err := Write(dir, site("new", 200), opts); err != nil {
		fmt.Println("error:", err)
		return 1
	}
	fmt.Println("finished without reaching", stage)
	return 1
}

func TestKilledWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	prev, next, after := site("old", 150), site("new", 200), site("after", 50)
	tests := []struct {
		name   string
		stage  string
		files  int
		rename bool
		// want is the tree dir must hold right after the kill: prev, next,
		// or nil (dir missing: killed between the two renames, which the
		// next Write repairs).
		want []string
	}{
		{name: "holding the lock", stage: stageLocked, want: []string{"old"}},
		{name: "after the first file", stage: stageFile, files: 1, want: []string{"old"}},
		{name: "halfway through the files", stage: stageFile, files: 100, want: []string{"old"}},
		{name: "all files written, not flushed", stage: stageWritten, want: []string{"old"}},
		{name: "flushed, not swapped", stage: stageSynced, want: []string{"old"}},
		{name: "swapped, previous build not removed", stage: stageSwapped, want: []string{"new"}},
		{name: "done, lock not released", stage: stageDone, want: []string{"new"}},
		{name: "two renames: flushed", stage: stageSynced, rename: true, want: []string{"old"}},
		{name: "two renames: between the renames", stage: stageMovedOld, rename: true, want: nil},
		{name: "two renames: swapped", stage: stageSwapped, rename: true, want: []string{"new"}},
	}
	trees := map[string]map[string]string{"old": wantTree(prev), "new": wantTree(next)}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "public")
			mustWrite(t, dir, prev)

			killChild(t, dir, tt.stage, tt.files, tt.rename)

			got := tree(t, dir)
			if tt.stage != stageLocked && tt.stage != stageDone {
				// A temporary or previous-build folder is left for the next
				// Write to remove.
				if beside := siblings(t, dir); len(beside) < 3 {
					t.Errorf("got %v beside the output; want a leftover folder as well as the lock", beside)
				}
			}
			if tt.want == nil {
				if got != nil {
					t.Fatalf("got %d entries in %s; want it moved aside at this point", len(got), dir)
				}
				// The next Write puts the previous build back before it
				// does anything else, so even a failing one restores it.
				fail := WriteOptions{hook: func(stage string, n int) error {
					if stage == stageFile {
						return fmt.Errorf("injected")
					}
					return nil
				}}
				if err := Write(dir, after, fail); err == nil {
					t.Fatal("got no error; want the injected failure")
				}
				sameTree(t, "after the failed Write that followed the kill", tree(t, dir), trees["old"])
			} else {
				sameTree(t, "right after the kill", got, trees[tt.want[0]])
			}
			if _, err := os.Stat(dir + ".lock"); err != nil && tt.want != nil {
				t.Errorf("got %v for the lock; want the killed build's lock still there", err)
			}

			mustWrite(t, dir, after)
			sameTree(t, "after the next Write", tree(t, dir), wantTree(after))
			onlyDir(t, dir)
		})
	}
}

// killChild starts the test binary as a child that writes into dir and
// stops at stage; it SIGKILLs the child there and reaps it.
func killChild(t *testing.T, dir, stage string, files int, rename bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(),
		childDir+"="+dir,
		childStage+"="+stage,
		childFiles+"="+strconv.Itoa(files),
		childRename+"="+map[bool]string{true: "1", false: "0"}[rename],
	)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if strings.TrimSpace(line) != "ready" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("child said %q (%v); want \"ready\"", line, err)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait() // reap it, so its PID is no longer alive
}
