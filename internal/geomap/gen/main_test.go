package main

import (
	"bytes"
	"os"
	"testing"
)

// world.go is what gen makes of testdata/countries-110m.json.
func TestWorldIsUpToDate(t *testing.T) {
	src, err := os.ReadFile("../testdata/countries-110m.json")
	if err != nil {
		t.Fatal(err)
	}
	got, err := Generate(src)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../world.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("got a world.go that differs from internal/geomap/world.go; run go generate ./internal/geomap")
	}
}

func TestGenerateRefusesOtherJSON(t *testing.T) {
	tests := []struct{ name, src string }{
		{"not JSON", "{"},
		{"not a topology", `{"type": "FeatureCollection"}`},
		{"not quantized", `{"type": "Topology", "arcs": [], "objects": {}}`},
		{"no countries", `{"type": "Topology", "transform": {"scale": [1, 1], "translate": [0, 0]}, "arcs": [], "objects": {}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Generate([]byte(tt.src)); err == nil {
				t.Error("got no error; want one")
			}
		})
	}
}
