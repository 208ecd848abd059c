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
	stars := strings.Split(strings.TrimSuffix(emblemPath, "Z"), "Z")
	if len(stars) != 12 {
		t.Fatalf("%d stars, want 12", len(stars))
	}
	pt := regexp.MustCompile(`[ML]([0-9.]+) ([0-9.]+)`)
	for i, s := range stars {
		pts := pt.FindAllStringSubmatch(s, -1)
		if len(pts) != 10 {
			t.Fatalf("star %d has %d vertices, want 10", i, len(pts))
		}
		var cx, cy float64
		xy := make([][2]float64, len(pts))
		for j, p := range pts {
			x, _ := strconv.ParseFloat(p[1], 64)
			y, _ := strconv.ParseFloat(p[2], 64)
			xy[j] = [2]float64{x, y}
			cx += x / 10
			cy += y / 10
		}
		if d := math.Hypot(cx-405, cy-270); math.Abs(d-180) > 0.5 {
			t.Errorf("star %d is %.1f from the centre, want 180 (a third of 540)", i, d)
		}
		if d := math.Hypot(xy[0][0]-cx, xy[0][1]-cy); math.Abs(d-30) > 0.5 || math.Abs(xy[0][0]-cx) > 0.2 || xy[0][1] > cy {
			t.Errorf("star %d: first point at %.1f from its centre, want 30 (1/18 of 540), straight up", i, d)
		}
	}
}
