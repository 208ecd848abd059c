package geomap

import (
	"math"
	"strings"
)

// A view is a panel: a projection, the part of the plane it shows and the
// scale to SVG user units.
type view struct {
	name string
	// proj maps degrees to the projection's plane (y up).
	proj func(lon, lat float64) (x, y float64)
	// frame is the part of the plane shown, k the user units per plane unit.
	frame box
	k     float64
	w, h  float64
	// tolerance is how far, in user units, a simplified outline may stray.
	tolerance float64
	// interest is the lon/lat box of the rings and borders drawn.
	interest box
	// borders draws the borders between countries.
	borders bool
}

// toView maps degrees to the panel's user units (y down).
func (v *view) toView(lon, lat float64) (x, y float64) {
	px, py := v.proj(lon, lat)
	return (px - v.frame.minX) * v.k, (v.frame.maxY - py) * v.k
}

// framePad keeps markers at the frame's edge whole, in user units.
const framePad = markerR + 3

// setFrame shows b, plus framePad all round, width units wide.
func (v *view) setFrame(b box, width float64) {
	v.k = (width - 2*framePad) / (b.maxX - b.minX)
	pad := framePad / v.k
	v.frame = box{b.minX - pad, b.minY - pad, b.maxX + pad, b.maxY + pad}
	v.w = width
	v.h = math.Round((v.frame.maxY - v.frame.minY) * v.k)
}

// grow returns b grown about its centre to at least minW wide, and to a
// width between 0.8 and 1.5 times its height.
func grow(b box, minW float64) box {
	cx, cy := (b.minX+b.maxX)/2, (b.minY+b.maxY)/2
	w, h := max(b.maxX-b.minX, minW), b.maxY-b.minY
	h = max(h, w/1.5)
	w = max(w, h*0.8)
	return box{cx - w/2, cy - h/2, cx + w/2, cy + h/2}
}

const rad = math.Pi / 180

// Centre of the Europe panel's projection (ETRS89-LAEA: 10°E 52°N).
const laeaLon, laeaLat = 10.0, 52.0

// laea is the Lambert azimuthal equal-area projection on the unit sphere.
func laea(lon, lat float64) (x, y float64) {
	l, p := (lon-laeaLon)*rad, lat*rad
	p1 := laeaLat * rad
	d := 1 + math.Sin(p1)*math.Sin(p) + math.Cos(p1)*math.Cos(p)*math.Cos(l)
	k := math.Sqrt(2 / math.Max(d, 1e-9)) // d is 0 only at the antipode
	return k * math.Cos(p) * math.Sin(l), k * (math.Cos(p1)*math.Sin(p) - math.Sin(p1)*math.Cos(p)*math.Cos(l))
}

// laeaInverse is laea backwards.
func laeaInverse(x, y float64) (lon, lat float64) {
	p1 := laeaLat * rad
	rho := math.Hypot(x, y)
	if rho < 1e-12 {
		return laeaLon, laeaLat
	}
	c := 2 * math.Asin(math.Min(rho/2, 1))
	lat = math.Asin(math.Cos(c)*math.Sin(p1) + y*math.Sin(c)*math.Cos(p1)/rho)
	lon = math.Atan2(x*math.Sin(c), rho*math.Cos(p1)*math.Cos(c)-y*math.Sin(p1)*math.Sin(c))
	return laeaLon + lon/rad, lat / rad
}

// naturalEarth is the Natural Earth projection (Šavrič, Jenny, Patterson,
// Petrovič and Hurni, 2011), in the polynomial form d3-geo uses.
func naturalEarth(lon, lat float64) (x, y float64) {
	l, p := lon*rad, lat*rad
	p2 := p * p
	p4 := p2 * p2
	x = l * (0.8707 - 0.131979*p2 + p4*(-0.013791+p4*(0.003971*p2-0.001529*p4)))
	y = p * (1.007226 + p2*(0.015085+p4*(-0.044475+0.028874*p2-0.005916*p4)))
	return x, y
}

func newEurope() *view {
	return &view{name: "europe", proj: laea, tolerance: 0.7, interest: box{-40, 20, 70, 85}, borders: true}
}

// The world panel shows the land between these longitudes (measured on
// the equator: the Natural Earth projection draws Alaska and eastern
// Russia further in) and latitudes; Antarctica and most of the Pacific
// are left out.
const worldWest, worldEast, worldSouth, worldNorth = -128.0, 158.0, -50.0, 80.0

func newWorld(width float64) *view {
	v := &view{name: "world", proj: naturalEarth, tolerance: 0.6, interest: box{-180, worldSouth - 10, 180, 90}}
	w, _ := naturalEarth(worldWest, 0)
	e, _ := naturalEarth(worldEast, 0)
	_, s := naturalEarth(0, worldSouth)
	_, n := naturalEarth(0, worldNorth)
	v.setFrame(box{w, s, e, n}, width)
	return v
}

// insetOutline is the outline of the frame of inset (the Europe panel)
// drawn on v (the world), as a closed path.
func insetOutline(v, inset *view) string {
	f := inset.frame
	corners := []pt{{f.minX, f.minY}, {f.maxX, f.minY}, {f.maxX, f.maxY}, {f.minX, f.maxY}}
	var ring []pt
	const steps = 6
	for i, a := range corners {
		b := corners[(i+1)%len(corners)]
		for s := range steps {
			t := float64(s) / steps
			lon, lat := laeaInverse(a.x+(b.x-a.x)*t, a.y+(b.y-a.y)*t)
			x, y := v.toView(lon, lat)
			ring = append(ring, pt{x, y})
		}
	}
	var d strings.Builder
	writePoints(&d, ring)
	d.WriteString("z")
	return d.String()
}

// simplify keeps the points of line that matter at tolerance
// (Douglas-Peucker); the ends are kept, so arcs still meet.
func simplify(line []pt, tolerance float64) []pt {
	if len(line) < 3 {
		return line
	}
	keep := make([]bool, len(line))
	keep[0], keep[len(line)-1] = true, true
	type span struct{ a, b int }
	stack := []span{{0, len(line) - 1}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		far, at := tolerance, -1
		for i := s.a + 1; i < s.b; i++ {
			if d := segmentDistance(line[i], line[s.a], line[s.b]); d > far {
				far, at = d, i
			}
		}
		if at >= 0 {
			keep[at] = true
			stack = append(stack, span{s.a, at}, span{at, s.b})
		}
	}
	out := make([]pt, 0, len(line)/4+2)
	for i, k := range keep {
		if k {
			out = append(out, line[i])
		}
	}
	return out
}

// segmentDistance is the distance from p to the segment a-b.
func segmentDistance(p, a, b pt) float64 {
	dx, dy := b.x-a.x, b.y-a.y
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return math.Hypot(p.x-a.x, p.y-a.y)
	}
	t := math.Max(0, math.Min(1, ((p.x-a.x)*dx+(p.y-a.y)*dy)/l2))
	return math.Hypot(p.x-a.x-t*dx, p.y-a.y-t*dy)
}

// clipRing clips a closed ring to the rectangle r (Sutherland-Hodgman):
// the result is still one closed ring, with edges along r where the ring
// went outside.
func clipRing(ring []pt, r box) []pt {
	if len(ring) == 0 {
		return nil
	}
	edges := []struct {
		inside func(p pt) bool
		cut    func(a, b pt) pt
	}{
		{func(p pt) bool { return p.x >= r.minX }, func(a, b pt) pt { return atX(a, b, r.minX) }},
		{func(p pt) bool { return p.x <= r.maxX }, func(a, b pt) pt { return atX(a, b, r.maxX) }},
		{func(p pt) bool { return p.y >= r.minY }, func(a, b pt) pt { return atY(a, b, r.minY) }},
		{func(p pt) bool { return p.y <= r.maxY }, func(a, b pt) pt { return atY(a, b, r.maxY) }},
	}
	out := ring
	for _, e := range edges {
		in := out
		out = nil
		for i, cur := range in {
			prev := in[(i+len(in)-1)%len(in)]
			switch ci, pi := e.inside(cur), e.inside(prev); {
			case ci && pi:
				out = append(out, cur)
			case ci:
				out = append(out, e.cut(prev, cur), cur)
			case pi:
				out = append(out, e.cut(prev, cur))
			}
		}
		if len(out) == 0 {
			return nil
		}
	}
	return out
}

func atX(a, b pt, x float64) pt {
	t := (x - a.x) / (b.x - a.x)
	return pt{x, a.y + t*(b.y-a.y)}
}

func atY(a, b pt, y float64) pt {
	t := (y - a.y) / (b.y - a.y)
	return pt{a.x + t*(b.x-a.x), y}
}

// clipLine cuts an open line to the rectangle r (Liang-Barsky on each
// segment) and returns the pieces inside.
func clipLine(line []pt, r box) [][]pt {
	var out [][]pt
	var cur []pt
	for i := 1; i < len(line); i++ {
		a, b, ok := clipSegment(line[i-1], line[i], r)
		if !ok {
			if len(cur) > 0 {
				out, cur = append(out, cur), nil
			}
			continue
		}
		if len(cur) == 0 || cur[len(cur)-1] != a {
			if len(cur) > 0 {
				out = append(out, cur)
			}
			cur = []pt{a}
		}
		cur = append(cur, b)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

func clipSegment(a, b pt, r box) (pt, pt, bool) {
	t0, t1 := 0.0, 1.0
	dx, dy := b.x-a.x, b.y-a.y
	for _, c := range [][2]float64{{-dx, a.x - r.minX}, {dx, r.maxX - a.x}, {-dy, a.y - r.minY}, {dy, r.maxY - a.y}} {
		p, q := c[0], c[1]
		if p == 0 {
			if q < 0 {
				return a, b, false
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = math.Max(t0, t)
		} else {
			t1 = math.Min(t1, t)
		}
	}
	if t0 > t1 {
		return a, b, false
	}
	return pt{a.x + t0*dx, a.y + t0*dy}, pt{a.x + t1*dx, a.y + t1*dy}, true
}

// splitLine cuts line where it jumps more than jump units across.
func splitLine(line []pt, jump float64) [][]pt {
	var out [][]pt
	start := 0
	for i := 1; i < len(line); i++ {
		if math.Abs(line[i].x-line[i-1].x) > jump {
			out = append(out, line[start:i])
			start = i
		}
	}
	return append(out, line[start:])
}

// splitRing cuts a closed ring where it jumps more than jump units
// across, into rings closed on each side of the jump.
func splitRing(ring []pt, jump float64) [][]pt {
	n := len(ring)
	first := -1 // a point that follows a jump
	for i := range n {
		if math.Abs(ring[i].x-ring[(i+n-1)%n].x) > jump {
			first = i
			break
		}
	}
	if first < 0 {
		return [][]pt{ring}
	}
	rotated := append(append([]pt{}, ring[first:]...), ring[:first]...)
	var out [][]pt
	var cur []pt
	for i, p := range rotated {
		if i > 0 && math.Abs(p.x-rotated[i-1].x) > jump {
			out = append(out, cur)
			cur = nil
		}
		cur = append(cur, p)
	}
	return append(out, cur)
}
