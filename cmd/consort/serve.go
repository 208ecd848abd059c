package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"strconv"

	"github.com/consort-ssg/consort/internal/build"
	"github.com/consort-ssg/consort/internal/check"
	"github.com/consort-ssg/consort/internal/serve"
	"github.com/consort-ssg/consort/internal/site"
)

const serveHelp = `
Usage: consort serve [flags]

Shows the site in --source in your browser while you write it. Open the
address it prints; every time you save a file in content/, templates/ or
static/, the site is built again and the open pages reload by themselves,
going to the page you edited. A stylesheet change restyles the page
without reloading it.

Pages marked draft: true are shown, with a "draft" badge (--drafts=false
hides them as consort build does). Each page has a small editor bar: the
file it comes from, the translations still missing or out of date, and
what consort check finds in it (run once your edits pause).

When a file has a mistake, the last version that worked stays up and
every page explains the problem in plain words, in the page's language:
which file, which line, which field, what to do. It goes away as soon as
the file is fixed and saved.

A site published under a path (baseURL or --base-url such as
https://example.github.io/project/) is previewed under the same path,
http://127.0.0.1:1313/project/, so that every link is tried as it will
be published; --base-url http://localhost:1313/ previews it at the root.

Nothing is written to disk; consort build publishes. Ctrl-C stops.

On 127.0.0.1 (the default) the preview answers only the names of this
machine (localhost, 127.0.0.1, [::1]) and refuses others with 421, so
that no web page can read your drafts through a name of its own. With
--bind 0.0.0.0 or a network address it answers every name.

Exit status: 0 stopped, 1 the site folder cannot be read or the port
cannot be used, 2 bad usage.`

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", serveHelp)
	var sf siteFlags
	sf.register(fs)
	// A preview shows drafts unless told otherwise.
	fs.Lookup("drafts").DefValue = "true"
	sf.drafts = true
	port := fs.Int("port", 1313, "the port to serve on; 0 takes any free port")
	bind := fs.String("bind", "127.0.0.1", "the address to listen on; 0.0.0.0 lets other machines of the network see the preview")
	noFollow := fs.Bool("no-follow", false, "do not bring up the page of the file you edit (each browser can change this in the editor bar)")
	if err := fs.parse(args, stdout, 0); err != nil {
		return err
	}
	opts, err := sf.options()
	if err != nil {
		return err
	}
	if *port < 0 || *port > 65535 {
		return usageError{fmt.Sprintf("--port %d: want a port from 1 to 65535, or 0 for any free port", *port)}
	}
	ip := net.ParseIP(*bind)
	if ip == nil && *bind != "localhost" {
		return usageError{fmt.Sprintf("--bind %q: want an IP address such as 127.0.0.1 or 0.0.0.0", *bind)}
	}
	ln, err := serve.Listen(*bind, *port)
	if err != nil {
		var taken *serve.PortTakenError
		if errors.As(err, &taken) {
			return errors.New(taken.Error())
		}
		return fmt.Errorf("cannot listen on %s: %w", net.JoinHostPort(*bind, strconv.Itoa(*port)), err)
	}
	addr := ln.Addr().(*net.TCPAddr)
	if ip != nil && !ip.IsLoopback() {
		fmt.Fprintf(stderr, "consort serve: warning: --bind %s lets every machine that can reach this one see the preview, drafts included; use it only on a network you trust\n", *bind)
	}
	host := *bind
	if ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	fmt.Fprintf(stdout, "consort serve: building %s; open http://%s%s/ (Ctrl-C to stop)\n", sf.source, net.JoinHostPort(host, strconv.Itoa(addr.Port)), sf.prefix())
	err = serve.Serve(ctx, serve.Options{Dir: sf.source, Build: opts, Listener: ln, NoFollow: *noFollow, Log: stdout, Notes: checkNotes})
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, "consort serve: stopped")
	return nil
}

// checkNotes is what the editor bar shows: consort check's report on the
// preview's build.
func checkNotes(res *build.Result, src fs.FS) site.Problems {
	return check.Run(res, check.Options{Source: src})
}
