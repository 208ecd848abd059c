// Command consort-shots builds a site and photographs one page of each
// type in each language, at phone and desktop widths, for a person to look
// at: the home, a section list, a plain page, a cluster, a partner, a
// mission, an interview, a news item, the catalogue, a facet and its value
// page, and the 404 page.
//
//	go run ./cmd/consort-shots [-source .] [-out screenshots] [-widths 375,1280] [-dark] [-base-url URL]
//
// The site is built in memory and minified as consort build does, served
// on 127.0.0.1, and shot whole (full page) with headless Chromium
// ($CONSORT_CHROMIUM, else chromium in PATH) into OUT/<lang>-<type>-<width>.png,
// plus -dark.png copies with prefers-color-scheme: dark when -dark is set.
// Nothing is fetched from other hosts.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/consort-ssg/consort/internal/browser"
	"github.com/consort-ssg/consort/internal/build"
	"github.com/consort-ssg/consort/internal/output"
	"github.com/consort-ssg/consort/internal/site"
	"github.com/consort-ssg/consort/static"
	"github.com/consort-ssg/consort/templates"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "consort-shots:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("consort-shots", flag.ContinueOnError)
	source := fs.String("source", ".", "the site folder, holding content/")
	out := fs.String("out", "screenshots", "folder to write the PNG files to")
	widthList := fs.String("widths", "375,1280", "viewport widths in CSS pixels, comma-separated")
	dark := fs.Bool("dark", false, "also shoot each page with prefers-color-scheme: dark")
	only := fs.String("only", "", "shoot only these page types, comma-separated (e.g. home,partner)")
	baseURL := fs.String("base-url", "", "build for this address (e.g. https://example.github.io/project/) and serve the pages under its path, as that host would")
	tile := fs.Int("tile", 0, "also cut each shot into pieces this many pixels high (name-1.png, ...), for viewers that shrink long images")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var widths []int64
	for w := range strings.SplitSeq(*widthList, ",") {
		n, err := strconv.ParseInt(strings.TrimSpace(w), 10, 64)
		if err != nil || n < 200 || n > 4000 {
			return fmt.Errorf("-widths: %q is not a width between 200 and 4000", w)
		}
		widths = append(widths, n)
	}

	var built build.Files
	res, err := build.Build(context.Background(), build.Options{Source: os.DirFS(*source), Theme: templates.FS, Static: static.FS, Site: site.Options{BaseURL: *baseURL}}, &built)
	if err != nil {
		return err
	}
	files := built.Sorted()
	base, stop, err := serve(files, res.Site.Config.URLs().Prefix())
	if err != nil {
		return err
	}
	defer stop()

	chromium := os.Getenv("CONSORT_CHROMIUM")
	if chromium == "" {
		if chromium, err = exec.LookPath("chromium"); err != nil {
			return errors.New("chromium not found: apt-get install chromium, or set CONSORT_CHROMIUM")
		}
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("font-render-hinting", "none"),
	)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()

	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	want := map[string]bool{}
	for t := range strings.SplitSeq(*only, ",") {
		if t = strings.TrimSpace(t); t != "" {
			want[t] = true
		}
	}
	schemes := []string{"light"}
	if *dark {
		schemes = append(schemes, "dark")
	}
	n := 0
	for _, s := range res.Samples(files) {
		if len(want) > 0 && !want[s.Type] {
			continue
		}
		for _, w := range widths {
			for _, scheme := range schemes {
				name := fmt.Sprintf("%s-%d", s.Name(), w)
				if scheme == "dark" {
					name += "-dark"
				}
				shot, err := shoot(ctx, base+s.URL, w, scheme)
				if err != nil {
					return fmt.Errorf("%s at %d px: %w", s.URL, w, err)
				}
				path := filepath.Join(*out, name+".png")
				if err := os.WriteFile(path, shot, 0o644); err != nil {
					return err
				}
				fmt.Fprintf(stdout, "%s\t%s\n", path, s.URL)
				n++
				if *tile > 0 {
					if err := cut(shot, *tile, filepath.Join(*out, name)); err != nil {
						return fmt.Errorf("%s: %w", path, err)
					}
				}
			}
		}
	}
	fmt.Fprintf(stdout, "%d screenshots in %s\n", n, *out)
	return nil
}

// shoot loads url in a viewport width px wide with the color scheme and
// returns a PNG of the whole page.
func shoot(ctx context.Context, url string, width int64, scheme string) ([]byte, error) {
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(width, 800, chromedp.EmulateScale(1)),
		browser.ColorScheme(scheme),
		chromedp.Navigate(url),
		chromedp.WaitReady("body"),
		// Let the catalogue's script fill its results.
		chromedp.Sleep(300*time.Millisecond),
	)
	if err != nil {
		return nil, err
	}
	return chromedp.Run(ctx, chromedp.FullScreenshot(100))
}

// cut writes the PNG in pieces height pixels high, as base-1.png, base-2.png...
func cut(data []byte, height int, base string) error {
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return err
	}
	sub, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	})
	if !ok {
		return errors.New("the PNG cannot be cut")
	}
	b := img.Bounds()
	for k, y := 1, b.Min.Y; y < b.Max.Y; k, y = k+1, y+height {
		var buf bytes.Buffer
		if err := png.Encode(&buf, sub.SubImage(image.Rect(b.Min.X, y, b.Max.X, min(y+height, b.Max.Y)))); err != nil {
			return err
		}
		if err := os.WriteFile(fmt.Sprintf("%s-%d.png", base, k), buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// serve serves files on a free port of 127.0.0.1, as a static host would,
// under prefix (the base URL's path, "" at the root) and nowhere else.
func serve(files []output.File, prefix string) (base string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: http.StripPrefix(prefix, browser.Handler(files))}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), func() { srv.Close() }, nil
}
