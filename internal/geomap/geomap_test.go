package geomap

import (
	"encoding/xml"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
)

// consortium is the shipped site's clusters and partners.
var consortium = []Place{
	{Lat: 45.76, Lon: 4.84, Name: "ERAI", Where: "Lyon, France", URL: "/en/clusters/erai/", Kind: "cluster"},
	{Lat: 41.39, Lon: 2.17, Name: "Biocat", Where: "Barcelona, Spain", URL: "/en/clusters/biocat/", Kind: "cluster"},
	{Lat: 48.14, Lon: 11.58, Name: "BioM", Where: "Munich, Germany", URL: "/en/clusters/biom/", Kind: "cluster"},
	{Lat: 45.43, Lon: 7.80, Name: "BioPmed", Where: "Colleretto Giacosa, Italy", URL: "/en/clusters/biopmed/", Kind: "cluster"},
	{Lat: 45.76, Lon: 4.84, Name: "Lyonbiopole", Where: "Lyon, France", URL: "/en/clusters/lyonbiopole/", Kind: "cluster"},
	{Lat: 47.22, Lon: -1.55, Name: "Atlanpole Biotherapies", Where: "Nantes, France", URL: "/en/partners/atlanpole-biotherapies/", Kind: "partner"},
	{Lat: 41.02, Lon: -74.21, Name: "Becton Dickinson (BD)", Where: "Franklin Lakes, United States", URL: "/en/partners/bd/", Kind: "partner"},
	{Lat: 45.78, Lon: 4.71, Name: "bioMérieux", Where: "Marcy-l'Étoile, France", URL: "/en/partners/biomerieux/", Kind: "partner"},
	{Lat: 50.47, Lon: 4.43, Name: "BioWin", Where: "Gosselies, Belgium", URL: "/en/partners/biowin/", Kind: "partner"},
	{Lat: 50.06, Lon: 19.94, Name: "Klaster LifeScience Kraków", Where: "Kraków, Poland", URL: "/en/partners/klaster-lifescience-krakow/", Kind: "partner"},
	{Lat: 20.37, Lon: 72.90, Name: "Meril", Where: "Vapi, India", URL: "/en/partners/meril/", Kind: "partner"},
	{Lat: 45.76, Lon: 4.84, Name: "Sanofi Pasteur", Where: "Lyon, France", URL: "/en/partners/sanofi-pasteur/", Kind: "partner"},
}

var homeOptions = Options{EuropeLabel: "Europe", WorldLabel: "World", Shade: []string{"FR", "ES", "DE", "IT"}, Markets: []string{"US", "BR", "CN"}, World: true, Span: 3200}

func TestDraw(t *testing.T) {
	tests := []struct {
		name       string
		places     []Place
		opts       Options
		wantEurope bool
		wantWorld  bool
		panels     []string // Panel of each place drawn
		contains   []string // in Europe+World
		absent     []string
	}{
		{
			name:       "places in Europe draw the Europe panel only",
			places:     consortium[:2],
			opts:       Options{EuropeLabel: "Map of Europe"},
			wantEurope: true,
			panels:     []string{"europe", "europe"},
			contains: []string{
				`aria-label="Map of Europe"`,
				`<a href="/en/clusters/erai/" aria-label="1. ERAI, Lyon, France" class="gm-pin gm-cluster"><title>1. ERAI, Lyon, France</title>`,
				`aria-label="2. Biocat, Barcelona, Spain"`,
				`class="gm-border"`,
			},
			absent: []string{"gm-world", "gm-market"},
		},
		{
			name:       "a place outside Europe is on the world panel",
			places:     []Place{consortium[0], consortium[6]},
			wantEurope: true, wantWorld: true,
			panels:   []string{"europe", "world"},
			contains: []string{`class="gm gm-world"`, `aria-label="2. Becton Dickinson (BD), Franklin Lakes, United States"`, `class="gm-inset"`},
		},
		{
			name:      "only places outside Europe: no Europe panel",
			places:    []Place{consortium[10]},
			wantWorld: true,
			panels:    []string{"world"},
			absent:    []string{"gm-europe", "gm-inset"},
		},
		{
			name:   "out of range and NaN coordinates are left out",
			places: []Place{{Lat: 91, Lon: 0, Name: "north of north", URL: "/a/"}, {Lat: math.NaN(), Lon: 2, URL: "/b/"}, {Lat: 10, Lon: 181, URL: "/c/"}},
			panels: nil,
		},
		{
			name:       "markets are shaded on the world panel, members in Europe",
			places:     consortium[:1],
			opts:       Options{World: true, Shade: []string{"FR"}, Markets: []string{"BR", "FR"}},
			wantEurope: true, wantWorld: true,
			panels:   []string{"europe"},
			contains: []string{`<path class="gm-market" d="M`},
			absent:   []string{`class="gm-member"`}, // FR is a market too: markets win
		},
		{
			name:       "the current page's place is marked",
			places:     []Place{{Lat: 45.76, Lon: 4.84, Name: "Here", URL: "/here/", Current: true}},
			wantEurope: true,
			panels:     []string{"europe"},
			contains:   []string{`aria-current="page" class="gm-pin gm-current"`},
		},
		{
			name:       "names, places and links are escaped",
			places:     []Place{{Lat: 45, Lon: 5, Name: `A <b>&"Co"`, Where: "x'y", URL: `/a?b="c"&d`, Kind: `k"><script>`}},
			opts:       Options{EuropeLabel: `<Europe>`},
			wantEurope: true,
			panels:     []string{"europe"},
			contains:   []string{`aria-label="1. A &lt;b&gt;&amp;&#34;Co&#34;, x&#39;y"`, `href="/a?b=&#34;c&#34;&amp;d"`, `aria-label="&lt;Europe&gt;"`},
			absent:     []string{"<script>", "<b>"},
		},
	}
	a := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := a.Draw(tt.places, tt.opts)
			if got := d.Europe != ""; got != tt.wantEurope {
				t.Errorf("Europe panel drawn: got %v; want %v", got, tt.wantEurope)
			}
			if got := d.World != ""; got != tt.wantWorld {
				t.Errorf("World panel drawn: got %v; want %v", got, tt.wantWorld)
			}
			var panels []string
			for i, p := range d.Places {
				panels = append(panels, p.Panel)
				if p.Number != i+1 {
					t.Errorf("place %d: got number %d; want %d", i, p.Number, i+1)
				}
			}
			if strings.Join(panels, ",") != strings.Join(tt.panels, ",") {
				t.Errorf("panels: got %q; want %q", panels, tt.panels)
			}
			all := d.Europe + d.World
			for _, s := range tt.contains {
				if !strings.Contains(all, s) {
					t.Errorf("got a map without %q", s)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(all, s) {
					t.Errorf("got a map with %q; want none", s)
				}
			}
			for _, svg := range []string{d.Europe, d.World} {
				if svg != "" {
					if err := wellFormed(svg); err != nil {
						t.Errorf("not well-formed XML: %v", err)
					}
				}
			}
		})
	}
}

func wellFormed(s string) error {
	dec := xml.NewDecoder(strings.NewReader(s))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// Every place has one marker, linked, whatever the panel.
func TestEveryPlaceLinkedOnce(t *testing.T) {
	d := New().Draw(consortium, homeOptions)
	all := d.Europe + d.World
	for _, p := range consortium {
		if n := strings.Count(all, `<a href="`+p.URL+`"`); n != 1 {
			t.Errorf("%s: got %d markers; want 1", p.Name, n)
		}
	}
}

// The home page must stay light: the two panels of the shipped site's
// map weigh less than this (bytes, before minifying and compression).
func TestHomeMapWeight(t *testing.T) {
	d := New().Draw(consortium, homeOptions)
	if got := len(d.Europe) + len(d.World); got > 20_000 {
		t.Errorf("got %d bytes of SVG; want at most 20000", got)
	}
}

func TestDrawIsDeterministic(t *testing.T) {
	a, b := New(), New()
	first := a.Draw(consortium, homeOptions)
	for range 3 {
		if got := b.Draw(consortium, homeOptions); got.Europe != first.Europe || got.World != first.World {
			t.Fatal("got different SVG for the same places; want the same bytes")
		}
	}
}

func TestSpreadLeavesNoOverlap(t *testing.T) {
	tests := []struct {
		name string
		pos  []pt
	}{
		{"six at one spot", []pt{{100, 100}, {100, 100}, {100, 100}, {100, 100}, {100, 100}, {100, 100}}},
		{"a chain", []pt{{50, 50}, {55, 50}, {60, 50}, {65, 50}, {70, 52}}},
		{"in a corner", []pt{{0, 0}, {1, 1}, {2, 0}}},
		{"apart already", []pt{{20, 20}, {200, 100}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := spread(tt.pos, 300, 200)
			for i := range got {
				if got[i].x < markerR || got[i].x > 300-markerR || got[i].y < markerR || got[i].y > 200-markerR {
					t.Errorf("marker %d at %v: outside the panel", i, got[i])
				}
				for j := range i {
					if d := math.Hypot(got[i].x-got[j].x, got[i].y-got[j].y); d < 2*markerR {
						t.Errorf("markers %d and %d: got %.1f apart; want at least %.1f", j, i, d, 2*markerR)
					}
				}
			}
			if tt.name == "apart already" && (got[0] != tt.pos[0] || got[1] != tt.pos[1]) {
				t.Errorf("got %v; want markers that do not overlap left where they are, %v", got, tt.pos)
			}
		})
	}
}

func TestClipRing(t *testing.T) {
	r := box{0, 0, 10, 10}
	tests := []struct {
		name     string
		ring     []pt
		wantArea float64
	}{
		{"inside", []pt{{1, 1}, {4, 1}, {4, 4}, {1, 4}}, 9},
		{"across an edge", []pt{{-5, 2}, {5, 2}, {5, 4}, {-5, 4}}, 10},
		{"around the rectangle", []pt{{-5, -5}, {15, -5}, {15, 15}, {-5, 15}}, 100},
		{"outside", []pt{{20, 20}, {30, 20}, {30, 30}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := clipRing(tt.ring, r)
			if a := math.Abs(area(got)); math.Abs(a-tt.wantArea) > 1e-9 {
				t.Errorf("got area %v; want %v", a, tt.wantArea)
			}
		})
	}
}

func TestSimplifyKeepsEnds(t *testing.T) {
	line := []pt{{0, 0}, {1, 0.1}, {2, -0.1}, {3, 5}, {4, 0}, {5, 0}}
	got := simplify(line, 0.5)
	if got[0] != line[0] || got[len(got)-1] != line[len(line)-1] {
		t.Errorf("got ends %v, %v; want %v, %v", got[0], got[len(got)-1], line[0], line[len(line)-1])
	}
	want := []pt{{0, 0}, {2, -0.1}, {3, 5}, {4, 0}, {5, 0}}
	if len(got) != len(want) {
		t.Errorf("got %v; want %v", got, want)
	}
}

func TestProjections(t *testing.T) {
	// The LAEA centre maps to the origin, and back.
	if x, y := laea(laeaLon, laeaLat); math.Abs(x) > 1e-12 || math.Abs(y) > 1e-12 {
		t.Errorf("laea(centre): got %v, %v; want 0, 0", x, y)
	}
	for _, c := range []lonLat{{4.84, 45.76}, {-74.21, 41.02}, {72.9, 20.37}, {-10, 36}} {
		lon, lat := laeaInverse(laea(c.lon, c.lat))
		if math.Abs(lon-c.lon) > 1e-9 || math.Abs(lat-c.lat) > 1e-9 {
			t.Errorf("laeaInverse(laea(%v)): got %v, %v", c, lon, lat)
		}
	}
	// Natural Earth: the equator is straight, the poles are lines.
	if _, y := naturalEarth(123, 0); y != 0 {
		t.Errorf("naturalEarth(123, 0): got y %v; want 0", y)
	}
}

// The outlines decode into closed land and countries with codes.
func TestOutlines(t *testing.T) {
	a := New()
	if len(a.arcs) != len(arcs) {
		t.Fatalf("got %d arcs; want %d", len(a.arcs), len(arcs))
	}
	codes := map[string]bool{}
	for _, c := range countries {
		codes[c.code] = true
	}
	for _, code := range []string{"FR", "DE", "ES", "IT", "BE", "PL", "US", "BR", "CN", "IN"} {
		if !codes[code] {
			t.Errorf("no country %s in the outlines", code)
		}
	}
	for _, r := range land {
		first, last := ringEnds(a, r)
		if first != last {
			t.Errorf("land ring %v: starts at %v, ends at %v; want a closed ring", r[:1], first, last)
		}
	}
}

func ringEnds(a *Atlas, r []int32) (lonLat, lonLat) {
	end := func(ref int32, start bool) lonLat {
		s := a.arcs[arcIndex(ref)]
		if (ref < 0) == start {
			return s[len(s)-1]
		}
		return s[0]
	}
	return end(r[0], true), end(r[len(r)-1], false)
}

// manyPlaces are n points at spots of a w×h panel, ten to a spot (at
// least 40 spots), as the places of a consortium are in its cities.
func manyPlaces(n int, w, h float64) []pt {
	spots := max(40, n/10)
	cols := int(math.Ceil(math.Sqrt(float64(spots))))
	rows := (spots + cols - 1) / cols
	pos := make([]pt, n)
	for i := range pos {
		s := i % spots
		pos[i] = pt{w * (0.1 + 0.8*float64(s%cols)/float64(cols)), h * (0.1 + 0.8*float64(s/cols)/float64(rows))}
	}
	return pos
}

// TestSpreadMany checks the grid that spread uses above bruteForceMarkers:
// markers still end apart, and the result is the same each time.
func TestSpreadMany(t *testing.T) {
	const w, h = 2400, 1600
	in := manyPlaces(400, w, h)
	got := spread(in, w, h)
	overlaps := 0
	for i := range got {
		for j := range i {
			if math.Hypot(got[i].x-got[j].x, got[i].y-got[j].y) < 2*markerR {
				overlaps++
			}
		}
	}
	if overlaps > 0 {
		t.Errorf("got %d overlapping pairs of %d markers; want 0", overlaps, len(in))
	}
	again := spread(in, w, h)
	for i := range got {
		if got[i] != again[i] {
			t.Fatalf("marker %d: got %v, then %v; want the same", i, got[i], again[i])
		}
	}
}

// BenchmarkSpread shows that spreading stays linear in the markers: ns/marker
// should not grow from 100 to 10,000.
func BenchmarkSpread(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			side := 60 * math.Sqrt(float64(n)) // room for them all
			in := manyPlaces(n, side, side)
			for b.Loop() {
				spread(in, side, side)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/marker")
		})
	}
}

// TestNearbyPlacesShareAFrame: the maps of places a few kilometres apart
// snap to the same frame, so the Atlas draws its land once for both;
// places far apart do not.
func TestNearbyPlacesShareAFrame(t *testing.T) {
	a := New()
	opts := Options{Width: 300, Span: 1800}
	lyon := a.Draw([]Place{{Lat: 45.76, Lon: 4.84, Name: "Lyon", URL: "/a/"}}, opts)
	villeurbanne := a.Draw([]Place{{Lat: 45.77, Lon: 4.88, Name: "Villeurbanne", URL: "/b/"}}, opts)
	if got := len(a.layers); got != 1 {
		t.Errorf("got %d frames drawn for two places 4 km apart; want 1", got)
	}
	land := func(svg string) string {
		_, after, _ := strings.Cut(svg, `class="gm-land" d="`)
		d, _, _ := strings.Cut(after, `"`)
		return d
	}
	if land(lyon.Europe) == "" || land(lyon.Europe) != land(villeurbanne.Europe) {
		t.Error("got different land for Lyon and Villeurbanne; want the same frame")
	}
	a.Draw([]Place{{Lat: 59.33, Lon: 18.07, Name: "Stockholm", URL: "/c/"}}, opts)
	if got := len(a.layers); got != 2 {
		t.Errorf("got %d frames after Stockholm; want 2", got)
	}
}
