package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, errorText(err))
	}
	os.Exit(exitCode(err))
}

// command is one subcommand: its name, a line of help and what it does.
type command struct {
	name, summary string
	run           func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"build", "build the site into public/", runBuild},
		{"check", "report broken links, untranslated and stale pages, and every content problem", runCheck},
		{"new", "start a page, a translation or a whole site", runNew},
		{"serve", "preview the site in a browser, rebuilt on every change", runServe},
		{"version", "print consort's version", runVersion},
		{"help", "explain a command or a help topic", nil},
	}
}

// run is consort: args without the program name; it returns a
// usageError for bad usage (exit 2) and any other error for failure (exit 1).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		printUsage(stderr)
		return usageError{"no command given"}
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		return runHelp(ctx, rest, stdout, stderr)
	case "-version", "--version":
		name = "version"
	}
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			err := c.run(ctx, rest, stdout, stderr)
			if errors.Is(err, errHelpShown) {
				return nil
			}
			return err
		}
	}
	return usageError{fmt.Sprintf("unknown command %q; run `consort help` for the list", name)}
}

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// errSilent is a failure already reported to the user: exit status 1,
// nothing more printed.
var errSilent = errors.New("")

func exitCode(err error) int {
	var u usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &u):
		return 2
	}
	return 1
}

func errorText(err error) string {
	if errors.Is(err, errSilent) {
		return ""
	}
	return "consort: " + err.Error()
}
