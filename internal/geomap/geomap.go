// Package geomap draws places (latitude, longitude) on small inline SVG
// maps at build time: no tiles, no script, no other host. A map has up to
// two panels: Europe, in the Lambert azimuthal equal-area projection
// centred on 10°E 52°N that the EU's statistical maps use (ETRS89-LAEA),
// and the world in the Natural Earth projection, for the places outside
// Europe and the countries to be shaded there (target markets).
//
// Each place is a numbered marker that links to its page, with an
// accessible name; the numbers let a page list the same places beside the
// map as its text alternative. Markers that would overlap are pushed apart
// and joined to their true position by a line.
//
// The outlines are Natural Earth's 1:110m countries (public domain), kept
// as a topology in world.go (written by gen/ from testdata/), so that a
// coastline or a border shared by two countries is drawn once. Colours
// come from CSS classes (gm-*), so that a theme and dark mode set them.
package geomap

//go:generate go run ./gen -in testdata/countries-110m.json -out world.go

import (
	"fmt"
	"html"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Place is one point to draw.
type Place struct {
	Lat, Lon float64
	Name     string // the place's page title: "Lyonbiopole"
	Where    string // "Lyon, France"; may be empty
	URL      string // where the marker links to
	Current  bool   // the page the map is on: marked, aria-current="page"
	Kind     string // a class suffix for the marker: "cluster" -> gm-cluster
}

// Label is the accessible name of the place's marker: "3. Lyonbiopole, Lyon, France".
func (p Placed) Label() string {
	s := strconv.Itoa(p.Number) + ". " + p.Name
	if p.Where != "" {
		s += ", " + p.Where
	}
	return s
}

// Placed is a place as drawn: its number on the map and the panel it is in.
type Placed struct {
	Place
	Number int    // 1, 2, ... in the order given
	Panel  string // "europe" or "world"
}

// Options say what a map shows besides the places.
type Options struct {
	// EuropeLabel and WorldLabel are the accessible names of the panels.
	EuropeLabel, WorldLabel string
	// Shade are ISO 3166-1 alpha-2 codes of countries filled as members'
	// countries (class gm-member), Markets those filled as target markets
	// (gm-market); a country in both is a market.
	Shade, Markets []string
	// World draws the world panel even when every place is in Europe
	// (for the markets).
	World bool
	// Width is the width of the panels in SVG user units (400 when 0):
	// markers and numbers keep their size, so a map shown small wants
	// fewer units.
	Width float64
	// Span is the least width of Europe the Europe panel shows, in km
	// (2,400 when 0); it shows more when the places are further apart.
	Span float64
}

// Drawing is a finished map.
type Drawing struct {
	Europe, World string   // <svg> elements; "" when the panel is not drawn
	Places        []Placed // every place drawn, numbered
}

// Atlas holds the decoded outlines and the base layers already drawn. It
// is safe for concurrent use; make one per build with New.
type Atlas struct {
	arcs     [][]lonLat
	arcBox   []box // lon/lat bounds of each arc
	internal []bool

	mu      sync.Mutex
	layers  map[string]*layers // by view key
	grounds map[string]string  // ground, by its key
}

type lonLat struct{ lon, lat float64 }
type pt struct{ x, y float64 }
type box struct{ minX, minY, maxX, maxY float64 }

func (b box) intersects(c box) bool {
	return b.minX <= c.maxX && c.minX <= b.maxX && b.minY <= c.maxY && c.minY <= b.maxY
}

func (b *box) add(x, y float64) {
	b.minX, b.maxX = min(b.minX, x), max(b.maxX, x)
	b.minY, b.maxY = min(b.minY, y), max(b.maxY, y)
}

func emptyBox() box { return box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)} }

// New decodes the outlines.
func New() *Atlas {
	a := &Atlas{arcs: make([][]lonLat, len(arcs)), arcBox: make([]box, len(arcs)), internal: make([]bool, len(arcs)), layers: map[string]*layers{}, grounds: map[string]string{}}
	for i, arc := range arcs {
		pts := make([]lonLat, 0, len(arc)/2)
		var lon, lat int32
		b := emptyBox()
		for k := 0; k+1 < len(arc); k += 2 {
			lon, lat = lon+arc[k], lat+arc[k+1] // the first point is a difference from 0
			p := lonLat{float64(lon) / 100, float64(lat) / 100}
			pts = append(pts, p)
			b.add(p.lon, p.lat)
		}
		a.arcs[i], a.arcBox[i] = pts, b
	}
	// An arc that two countries use is a border between them.
	uses := make([]int, len(arcs))
	for _, c := range countries {
		for _, r := range c.rings {
			for _, ref := range r {
				uses[arcIndex(ref)]++
			}
		}
	}
	for i, n := range uses {
		a.internal[i] = n > 1
	}
	return a
}

// arcIndex is the arc a ring refers to; a negative ref -n-1 is arc n backwards.
func arcIndex(ref int32) int {
	if ref < 0 {
		return int(^ref)
	}
	return int(ref)
}

// Sizes on the panels, in SVG user units; the CSS scales the panels.
const (
	markerR     = 11.0 // radius of a numbered marker
	markerGap   = 2.0  // space kept between two markers
	edgeMargin  = 4.0  // outlines are clipped this far outside the frame
	minRingArea = 2.0  // rings smaller than this (square units) are left out

	// bruteForceMarkers is how many markers spread compares pair by
	// pair; above it, it compares neighbours on a grid.
	bruteForceMarkers = 64
)

// europeFrame is what the Europe panel shows when no place is near
// Europe (lon, lat corners and edges).
var europeFrame = []lonLat{{-10.5, 36}, {10, 34.5}, {31, 35.5}, {-10.5, 58}, {10, 61}, {31, 60}, {-6, 44}, {27, 47}}

// nearEurope is the lon/lat box of places that the Europe panel frames
// rather than leave to the world panel.
var nearEurope = box{-30, 27, 45, 72}

// earthKm is the radius of the sphere the projections are on.
const earthKm = 6371.0

// Default sizes of Options.
const (
	defaultWidth = 400.0  // user units
	defaultSpan  = 2400.0 // km
)

// frameSteps is how finely the Europe panel's frame moves: its edges
// snap to a grid of 1/frameSteps of the least width shown. Maps of
// places close to each other then share one frame, whose land and
// borders (the costly part) the Atlas draws once: a site of 10,000
// partners in a few hundred towns draws a few hundred frames, not
// 10,000. A place is at most half a step off the centre.
const frameSteps = 8

// snap grows b outwards to the grid of step g.
func snap(b box, g float64) box {
	return box{math.Floor(b.minX/g) * g, math.Floor(b.minY/g) * g, math.Ceil(b.maxX/g) * g, math.Ceil(b.maxY/g) * g}
}

// Draw draws the places. Places with a latitude or longitude out of range
// (or NaN) are left out.
func (a *Atlas) Draw(places []Place, opts Options) Drawing {
	var d Drawing
	for _, p := range places {
		if !(p.Lat >= -90 && p.Lat <= 90 && p.Lon >= -180 && p.Lon <= 180) {
			continue
		}
		d.Places = append(d.Places, Placed{Place: p, Number: len(d.Places) + 1})
	}

	width, span := opts.Width, opts.Span
	if width <= 0 {
		width = defaultWidth
	}
	if span <= 0 {
		span = defaultSpan
	}
	// The Europe frame: the places near Europe, at least span wide.
	eu := newEurope()
	fb := emptyBox()
	for _, p := range d.Places {
		if (box{p.Lon, p.Lat, p.Lon, p.Lat}).intersects(nearEurope) {
			fb.add(eu.proj(p.Lon, p.Lat))
		}
	}
	if math.IsInf(fb.minX, 1) {
		for _, c := range europeFrame {
			fb.add(eu.proj(c.lon, c.lat))
		}
	}
	eu.setFrame(grow(snap(fb, span/earthKm/frameSteps), span/earthKm), width)

	var inEU, inWorld []int
	for i, p := range d.Places {
		if x, y := eu.toView(p.Lon, p.Lat); x >= markerR && x <= eu.w-markerR && y >= markerR && y <= eu.h-markerR {
			d.Places[i].Panel = "europe"
			inEU = append(inEU, i)
		} else {
			d.Places[i].Panel = "world"
			inWorld = append(inWorld, i)
		}
	}
	shade := map[string]string{}
	for _, c := range opts.Shade {
		shade[c] = "gm-member"
	}
	for _, c := range opts.Markets {
		shade[c] = "gm-market"
	}
	if len(inEU) > 0 {
		d.Europe = a.panel(eu, d.Places, inEU, shade, opts.EuropeLabel, nil)
	}
	if len(inWorld) > 0 || opts.World {
		var inset *view // the Europe panel's frame, when there is one
		if d.Europe != "" {
			inset = eu
		}
		d.World = a.panel(newWorld(width), d.Places, inWorld, shade, opts.WorldLabel, inset)
	}
	return d
}

// ground returns the start of a panel: the <svg> element's start tag,
// the sea, the land, the shaded countries, the borders and the inset's
// outline. It depends on the frame, the label, the shading and the inset
// only, so the pages of a language whose places share a frame share it:
// it is drawn once per Atlas, and a page draws its markers alone.
func (a *Atlas) ground(v *view, shade map[string]string, label string, inset *view) string {
	codes := slices.Sorted(maps.Keys(shade))
	var key strings.Builder
	fmt.Fprint(&key, v.name, v.frame, v.w, v.h, "\x00", label, "\x00")
	for _, code := range codes {
		key.WriteString(code + "=" + shade[code] + ";")
	}
	if inset != nil {
		fmt.Fprint(&key, "\x00", inset.frame)
	}
	k := key.String()
	a.mu.Lock()
	g, ok := a.grounds[k]
	a.mu.Unlock()
	if ok {
		return g
	}
	l := a.base(v)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="gm gm-%s" viewBox="0 0 %s %s" width="%s" height="%s" role="group" aria-label="%s">`,
		v.name, num(v.w), num(v.h), num(v.w), num(v.h), html.EscapeString(label))
	b.WriteString(`<g aria-hidden="true">`)
	fmt.Fprintf(&b, `<rect class="gm-sea" width="%s" height="%s"/>`, num(v.w), num(v.h))
	fmt.Fprintf(&b, `<path class="gm-land" d="%s"/>`, l.land)
	// Shaded countries, markets last so that they stay on top.
	for _, class := range []string{"gm-member", "gm-market"} {
		var d strings.Builder
		for _, code := range codes {
			if shade[code] == class {
				d.WriteString(l.countries[code])
			}
		}
		if d.Len() > 0 {
			fmt.Fprintf(&b, `<path class="%s" d="%s"/>`, class, d.String())
		}
	}
	if l.borders != "" {
		fmt.Fprintf(&b, `<path class="gm-border" d="%s"/>`, l.borders)
	}
	if inset != nil {
		fmt.Fprintf(&b, `<path class="gm-inset" d="%s"/>`, insetOutline(v, inset))
	}
	g = b.String()
	a.mu.Lock()
	a.grounds[k] = g
	a.mu.Unlock()
	return g
}

// panel writes one <svg>: the sea, the land, the shaded countries, the
// borders, the outline of inset (the Europe panel, on the world), and the
// markers of the places numbered in which.
func (a *Atlas) panel(v *view, places []Placed, which []int, shade map[string]string, label string, inset *view) string {
	var b strings.Builder
	b.WriteString(a.ground(v, shade, label, inset))

	// Markers: pushed apart, with a line to the true place when moved.
	truePos := make([]pt, len(which))
	for k, i := range which {
		truePos[k].x, truePos[k].y = v.toView(places[i].Lon, places[i].Lat)
	}
	pos := spread(truePos, v.w, v.h)
	for k := range which {
		if math.Hypot(pos[k].x-truePos[k].x, pos[k].y-truePos[k].y) > markerR/2 {
			fmt.Fprintf(&b, `<path class="gm-leader" d="M%s %sL%s %s"/><circle class="gm-dot" cx="%s" cy="%s" r="2.5"/>`,
				num(truePos[k].x), num(truePos[k].y), num(pos[k].x), num(pos[k].y), num(truePos[k].x), num(truePos[k].y))
		}
	}
	b.WriteString(`</g>`)
	for k, i := range which {
		p := places[i]
		cur, class := "", "gm-pin"
		if p.Kind != "" {
			class += " gm-" + html.EscapeString(p.Kind)
		}
		if p.Current {
			cur, class = ` aria-current="page"`, class+" gm-current"
		}
		name := html.EscapeString(p.Label())
		fmt.Fprintf(&b, `<a href="%s" aria-label="%s"%s class="%s"><title>%s</title><circle cx="%s" cy="%s" r="%s"/><text x="%s" y="%s">%d</text></a>`,
			html.EscapeString(p.URL), name, cur, class, name,
			num(pos[k].x), num(pos[k].y), num(markerR), num(pos[k].x), num(pos[k].y), p.Number)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// spread pushes markers apart until no two overlap, each staying as near
// its true position as it can and inside the panel. Markers at the same
// place start on a small circle around it, in their order, so that the
// result does not depend on anything but the input.
func spread(truePos []pt, w, h float64) []pt {
	n := len(truePos)
	pos := append([]pt(nil), truePos...)
	// A marker at the place of an earlier one starts beside it. For many
	// markers, "at the place" is "in the same half-unit square or a
	// neighbouring one", looked up rather than compared with each.
	atEarlier := func(i int) bool {
		for j := range i {
			if math.Hypot(pos[i].x-truePos[j].x, pos[i].y-truePos[j].y) < 0.5 {
				return true
			}
		}
		return false
	}
	if n > bruteForceMarkers {
		seen := make(map[[2]int64]bool, n)
		atEarlier = func(i int) bool {
			x, y := int64(math.Floor(truePos[i].x*2)), int64(math.Floor(truePos[i].y*2))
			found := false
			for dx := int64(-1); dx <= 1; dx++ {
				for dy := int64(-1); dy <= 1; dy++ {
					found = found || seen[[2]int64{x + dx, y + dy}]
				}
			}
			seen[[2]int64{x, y}] = true
			return found
		}
	}
	for i := range pos {
		if atEarlier(i) {
			a := float64(i) * 2.399963 // the golden angle: never twice the same
			pos[i].x += math.Cos(a) * markerR
			pos[i].y += math.Sin(a) * markerR
		}
	}
	minD := 2*markerR + markerGap
	if float64(n)*minD*minD > w*h/2 {
		// More markers than the panel holds apart: pushing them would
		// only cost time. They stay where they are; a caller with that
		// many places groups them first (render groups by country).
		return pos
	}
	clamp := func(p *pt) {
		p.x = min(max(p.x, markerR+1), w-markerR-1)
		p.y = min(max(p.y, markerR+1), h-markerR-1)
	}
	// Which pairs can touch: all of them for a few markers; for many,
	// those in the same or neighbouring cells of a grid of minD squares,
	// so that a map of thousands of places costs O(n), not O(n²), per
	// step. near appends to js the markers after i that may touch it.
	var cells map[[2]int][]int
	cell := func(p pt) [2]int { return [2]int{int(math.Floor(p.x / minD)), int(math.Floor(p.y / minD))} }
	near := func(i int, js []int) []int {
		if n <= bruteForceMarkers {
			for j := i + 1; j < n; j++ {
				js = append(js, j)
			}
			return js
		}
		c := cell(pos[i])
		for dx := -1; dx <= 1; dx++ {
			for dy := -1; dy <= 1; dy++ {
				for _, j := range cells[[2]int{c[0] + dx, c[1] + dy}] {
					if j > i {
						js = append(js, j)
					}
				}
			}
		}
		slices.Sort(js)
		return js
	}
	js := make([]int, 0, min(n, 64))
	for iter := range 200 {
		moved := false
		if n > bruteForceMarkers {
			if cells == nil {
				cells = make(map[[2]int][]int, n)
			}
			for k, v := range cells {
				cells[k] = v[:0]
			}
			for i, p := range pos {
				cells[cell(p)] = append(cells[cell(p)], i)
			}
		}
		for i := range n {
			js = near(i, js[:0])
			for _, j := range js {
				dx, dy := pos[j].x-pos[i].x, pos[j].y-pos[i].y
				d := math.Hypot(dx, dy)
				if d >= minD {
					continue
				}
				if d < 1e-6 {
					a := float64(i+j) * 2.399963
					dx, dy, d = math.Cos(a), math.Sin(a), 1
				}
				push := (minD - d) / 2 * 1.01
				pos[i].x -= dx / d * push
				pos[i].y -= dy / d * push
				pos[j].x += dx / d * push
				pos[j].y += dy / d * push
				moved = true
			}
		}
		if !moved && iter == 0 {
			break // apart already: nothing to pull back
		}
		// Pull back towards the true place, less and less.
		if iter < 100 {
			for i := range pos {
				pos[i].x += (truePos[i].x - pos[i].x) * 0.05
				pos[i].y += (truePos[i].y - pos[i].y) * 0.05
			}
		}
		for i := range pos {
			clamp(&pos[i])
		}
		if !moved && iter >= 100 {
			break
		}
	}
	return pos
}

// country is one of Natural Earth's countries: its ISO code ("" for the
// few it gives none), its English name, and its rings of arcs.
type country struct {
	code, name string
	rings      [][]int32
}

// layers are the parts of a panel that do not depend on the places.
type layers struct {
	land, borders string
	countries     map[string]string // code -> path of its rings
}

// base returns the layers of view v, drawn once per frame.
func (a *Atlas) base(v *view) *layers {
	key := v.name + fmt.Sprint(v.frame)
	a.mu.Lock()
	defer a.mu.Unlock()
	if l := a.layers[key]; l != nil {
		return l
	}
	l := &layers{countries: map[string]string{}}
	simple := make(map[int][]pt)
	arc := func(i int) []pt {
		if s, ok := simple[i]; ok {
			return s
		}
		pts := make([]pt, len(a.arcs[i]))
		for k, p := range a.arcs[i] {
			pts[k].x, pts[k].y = v.toView(p.lon, p.lat)
		}
		s := simplify(pts, v.tolerance)
		simple[i] = s
		return s
	}
	rect := box{-edgeMargin, -edgeMargin, v.w + edgeMargin, v.h + edgeMargin}
	// A ring is drawn whole when any of its arcs is in the view's
	// interest, then clipped: Russia's outline reaches the Pacific.
	ring := func(refs []int32) []pt {
		in := false
		for _, ref := range refs {
			in = in || a.arcBox[arcIndex(ref)].intersects(v.interest)
		}
		if !in {
			return nil
		}
		var out []pt
		for _, ref := range refs {
			i := arcIndex(ref)
			s := arc(i)
			if ref < 0 {
				s = reversed(s)
			}
			if len(out) > 0 {
				s = s[1:] // the point the arcs share
			}
			out = append(out, s...)
		}
		return out
	}
	// Rings and lines that cross the antimeridian (Fiji, Russia's east)
	// jump from one side of the world panel to the other: each side is
	// drawn as a piece of its own.
	jump := v.w / 2
	rings := func(refs []int32) string {
		var d strings.Builder
		for _, piece := range splitRing(ring(refs), jump) {
			writeRing(&d, clipRing(piece, rect))
		}
		return d.String()
	}
	var d strings.Builder
	for _, r := range land {
		d.WriteString(rings(r))
	}
	l.land = d.String()
	for _, c := range countries {
		if c.code == "" {
			continue
		}
		var d strings.Builder
		for _, r := range c.rings {
			d.WriteString(rings(r))
		}
		l.countries[c.code] += d.String()
	}
	d.Reset()
	if v.borders {
		for i, in := range a.internal {
			if in && a.arcBox[i].intersects(v.interest) {
				for _, piece := range splitLine(arc(i), jump) {
					for _, line := range clipLine(piece, rect) {
						writeLine(&d, line)
					}
				}
			}
		}
	}
	l.borders = d.String()
	a.layers[key] = l
	return l
}

func reversed(s []pt) []pt {
	r := make([]pt, len(s))
	for i, p := range s {
		r[len(s)-1-i] = p
	}
	return r
}

// writeRing appends a closed subpath, in whole units and relative moves,
// unless the ring is too small to see.
func writeRing(d *strings.Builder, r []pt) {
	if len(r) < 3 || math.Abs(area(r)) < minRingArea {
		return
	}
	writePoints(d, r)
	d.WriteString("z")
}

func writeLine(d *strings.Builder, r []pt) {
	if len(r) >= 2 {
		writePoints(d, r)
	}
}

func writePoints(d *strings.Builder, r []pt) {
	px, py := int(math.Round(r[0].x)), int(math.Round(r[0].y))
	d.WriteString("M" + strconv.Itoa(px) + " " + strconv.Itoa(py) + "l")
	first := true
	for _, p := range r[1:] {
		x, y := int(math.Round(p.x)), int(math.Round(p.y))
		if x == px && y == py {
			continue
		}
		pair(d, x-px, y-py, first)
		first = false
		px, py = x, y
	}
	if first { // every point rounded to the first
		pair(d, 0, 0, true)
	}
}

// pair writes "dx dy" with the fewest separators: a minus sign separates.
func pair(d *strings.Builder, dx, dy int, first bool) {
	if !first && dx >= 0 {
		d.WriteByte(' ')
	}
	d.WriteString(strconv.Itoa(dx))
	if dy >= 0 {
		d.WriteByte(' ')
	}
	d.WriteString(strconv.Itoa(dy))
}

func area(r []pt) float64 {
	var s float64
	for i := range r {
		j := (i + 1) % len(r)
		s += r[i].x*r[j].y - r[j].x*r[i].y
	}
	return s / 2
}

// num formats a coordinate with at most one decimal.
func num(f float64) string {
	return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64)
}
