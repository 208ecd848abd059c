// Command consort-corpus writes the synthetic benchmark site of
// internal/corpus: a consortium site of -pages content files in consort's
// layout, in English and French or in the languages -langs names, and
// with -hugo the Hugo configuration and theme that build the same content
// (English and French only).
//
//	consort-corpus -pages 10000 -seed 1 -hugo /tmp/corpus-10k
//	consort-corpus -pages 10000 -langs en,fr,de,pl /tmp/corpus-10k-4l
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/consort-ssg/consort/internal/corpus"
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
	langsFlag := fs.String("langs", "en,fr", "the languages, comma-separated, the default first")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: consort-corpus [-pages N] [-seed S] [-langs en,fr,...] [-hugo] DIR")
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
	langs := strings.Split(strings.ReplaceAll(*langsFlag, " ", ""), ",")
	if err := corpus.Write(dir, corpus.Options{Pages: *pages, Seed: *seed, Hugo: *hugo, Langs: langs}); err != nil {
		return err
	}
	c := corpus.PlanLangs(*pages, len(langs))
	fmt.Fprintf(stdout, "wrote %d content files in %d languages (%d per language: %d partners, %d clusters, %d missions, %d interviews, %d news) to %s\n",
		len(langs)*c.PerLang(), len(langs), c.PerLang(), c.Partners, c.Clusters, c.Missions, c.Interviews, c.News, dir)
	return nil
}
