package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// flagSet is a subcommand's flags with its help text.
type flagSet struct {
	*flag.FlagSet
	help string
}

func newFlagSet(name, help string) *flagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return &flagSet{fs, help}
}

// errHelpShown ends a command after -h printed its help: exit status 0.
var errHelpShown = errors.New("help shown")

// parse parses args. -h prints the help to stdout and returns
// errHelpShown; a bad flag or an unexpected argument is a usageError.
func (fs *flagSet) parse(args []string, stdout io.Writer, maxArgs int) error {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, fs.usage())
		return errHelpShown
	}
	if err != nil {
		return usageError{fmt.Sprintf("%s: %v; run `consort help %s`", fs.Name(), err, fs.Name())}
	}
	if fs.NArg() > maxArgs {
		return usageError{fmt.Sprintf("%s: unexpected argument %q; flags go before arguments; run `consort help %s`", fs.Name(), fs.Arg(maxArgs), fs.Name())}
	}
	return nil
}

func (fs *flagSet) usage() string {
	var b bytes.Buffer
	b.WriteString(strings.TrimSpace(fs.help))
	has := false
	fs.VisitAll(func(*flag.Flag) { has = true })
	if has {
		b.WriteString("\n\nFlags:\n")
		fs.SetOutput(&b)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return strings.TrimRight(b.String(), "\n")
}
