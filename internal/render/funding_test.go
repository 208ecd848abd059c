package render

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestEmblem checks the emblem against the Commission's construction: a
// 3:2 rectangle in Reflex Blue, twelve yellow five-pointed stars whose
// centres lie on a circle of a third of the height, each star's points on
// a circle of 1/18 of the height, one point straight up; and a text
// alternative.
func TestEmblem(t *testing.T) {
	svg := string(emblemSVG("Flag of the European Union", ""))
	for _, want := range []string{`role="img"`, `aria-label="Flag of the European Union"`, `<title>Flag of the European Union</title>`, `<rect width="810" height="540" fill="#039"/>`, `fill="#fc0"`} {
		if !strings.Contains(svg, want) {
			t.Errorf("emblem lacks %s:\n%s", want, svg)
		}
	}
	if strings.Contains(svg, "lang=") {
		t.Error("an alternative in the page's language has no lang attribute")
	}
	if !strings.Contains(string(emblemSVG("Flag of the European Union", "en")), `lang="en"`) {
		t.Error("an alternative in another language is not marked")
	}
	// Follow the path: M is absolute, l relative, z closes a star.
	var stars [][][2]float64
	tok := regexp.MustCompile(`([Mlz])(?:(-?[0-9.]+) (-?[0-9.]+))?`)
	var x, y float64
	for _, m := range tok.FindAllStringSubmatch(emblemPath, -1) {
		dx, _ := strconv.ParseFloat(m[2], 64)
		dy, _ := strconv.ParseFloat(m[3], 64)
		switch m[1] {
		case "M":
			x, y = dx, dy
			stars = append(stars, [][2]float64{{x, y}})
		case "l":
			x, y = x+dx, y+dy
			stars[len(stars)-1] = append(stars[len(stars)-1], [2]float64{x, y})
		}
	}
	if len(stars) != 12 {
		t.Fatalf("%d stars, want 12", len(stars))
	}
	for i, xy := range stars {
		if len(xy) != 10 {
			t.Fatalf("star %d has %d vertices, want 10", i, len(xy))
		}
		var cx, cy float64
		for _, p := range xy {
			cx += p[0] / 10
			cy += p[1] / 10
		}
		if d := math.Hypot(cx-405, cy-270); math.Abs(d-180) > 0.5 {
			t.Errorf("star %d is %.1f from the centre, want 180 (a third of 540)", i, d)
		}
		for j, p := range xy {
			want := 30.0 // 1/18 of 540
			if j%2 == 1 {
				want = 30 * math.Cos(72*math.Pi/180) / math.Cos(36*math.Pi/180)
			}
			if d := math.Hypot(p[0]-cx, p[1]-cy); math.Abs(d-want) > 0.5 {
				t.Errorf("star %d: vertex %d at %.1f from its centre, want %.1f", i, j, d, want)
			}
		}
		if math.Abs(xy[0][0]-cx) > 0.2 || xy[0][1] > cy {
			t.Errorf("star %d does not point straight up", i)
		}
	}
}
