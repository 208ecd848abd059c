// Command consort-corpus writes the synthetic benchmark site of
// internal/corpus: a bilingual consortium site of -pages content files in
// consort's layout, and with -hugo the Hugo configuration and theme that
// build the same content.
//
//	consort-corpus -pages 10000 -seed 1 -hugo /tmp/corpus-10k
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"consort/internal/corpus"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "consort-corpus:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("consort-corpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pages := fs.Int("pages", 1000, "content files, both languages together")
	seed := fs.Int64("seed", 1, "the corpus; the same seed gives the same files")
	hugo := fs.Bool("hugo", false, "also write hugo.toml, layouts/, i18n/ and data/ for Hugo")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: consort-corpus [-pages N] [-seed S] [-hugo] DIR")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("want one folder, got %d arguments", fs.NArg())
	}
	dir := fs.Arg(0)
	if err := corpus.Write(dir, corpus.Options{Pages: *pages, Seed: *seed, Hugo: *hugo}); err != nil {
		return err
	}
	c := corpus.Plan(*pages)
	fmt.Fprintf(stdout, "wrote %d content files (%d per language: %d partners, %d clusters, %d missions, %d interviews, %d news) to %s\n",
		2*c.PerLang(), c.PerLang(), c.Partners, c.Clusters, c.Missions, c.Interviews, c.News, dir)
	return nil
}
