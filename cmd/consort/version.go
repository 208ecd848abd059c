package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

const versionHelp = `
Usage: consort version

Prints the version of consort and of the Go toolchain that built it.`

func runVersion(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("version", versionHelp)
	if err := fs.parse(args, stdout, 0); err != nil {
		return err
	}
	v := moduleVersion()
	if v == "" {
		v = "(devel)"
	}
	fmt.Fprintf(stdout, "consort %s %s %s/%s\n", v, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}

// moduleVersion is consort's module version as the go command recorded it
// ("v0.4.0" after go install ...@v0.4.0, a pseudo-version for a build
// from a checkout), or "" when it recorded none.
func moduleVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok || bi.Main.Version == "(devel)" {
		return ""
	}
	return bi.Main.Version
}
