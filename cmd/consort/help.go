package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/consort-ssg/consort/internal/help"
)

const helpHelp = `
Usage: consort help [command | topic]

With no argument, lists the commands and the help topics. With a command,
prints its help and flags (as consort COMMAND -h does). With a topic,
prints that part of the reference: the editors' guide, hosting, the
catalogue's JSON, checks, security, performance and more. The topics are
the Markdown files of internal/help in consort's repository.`

// runHelp is `consort help [command | topic]`.
func runHelp(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		printUsage(stdout)
		return nil
	}
	if len(args) > 1 {
		return usageError{"help: give one command or topic; run `consort help` for the list"}
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "-help" || name == "--help" {
		fmt.Fprintln(stdout, strings.TrimSpace(helpHelp))
		return nil
	}
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			if err := c.run(ctx, []string{"-h"}, stdout, stderr); !errors.Is(err, errHelpShown) {
				return err
			}
			return nil
		}
	}
	if text, ok := help.Text(name); ok {
		_, err := io.WriteString(stdout, text)
		return err
	}
	printUsage(stderr)
	return usageError{fmt.Sprintf("help: no command or topic %q; the list is above", name)}
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "consort builds a consortium's multilingual website from content/, templates/ and static/.")
	fmt.Fprintln(w, "\nUsage: consort <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-14s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun `consort help <command>` for a command's flags.")
	fmt.Fprintln(w, "\nHelp topics:")
	for _, t := range help.Topics() {
		fmt.Fprintf(w, "  %-14s %s\n", t.Name, t.Title)
	}
	fmt.Fprintln(w, "\nRun `consort help <topic>` to read one.")
}
