package render

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
)

// appendJSON must write what encoding/json writes, byte for byte: the
// pages' JSON-LD did not change when it stopped using Marshal.
func TestAppendJSONIsMarshal(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    any
	}{
		{"empty node", ld{}},
		{"sorted keys", ld{"name": "x", "@type": "Thing", "@id": "https://e.org/#a", "url": "https://e.org/"}},
		{"nested", ld{"a": ld{"b": ld{"c": "d"}}, "list": []ld{{"x": 1}, {"y": 2}}}},
		{"nil lists", ld{"a": []ld(nil), "b": []string(nil)}},
		{"empty lists", ld{"a": []ld{}, "b": []string{}}},
		{"strings", ld{"s": []string{"plain", "accentué", "日本", "emoji 🧬"}}},
		{"script end", ld{"name": "</script><script>alert(1)</script>"}},
		{"ampersand", ld{"name": "Research & Development"}},
		{"quotes and backslash", ld{"name": `say "hi" \ bye`}},
		{"controls", ld{"name": "a\tb\nc\rd\x00e\x1ff\bg\fh"}},
		{"line separators", ld{"name": "a\u2028b\u2029c"}},
		{"invalid UTF-8", ld{"name": "a\xffb\xc3"}},
		{"ints", ld{"position": 1, "value": -123456789}},
		{"floats", ld{"latitude": 45.269, "longitude": -0.000001, "big": 1e21, "small": 1e-7}},
		{"other kinds", ld{"b": true, "n": nil, "m": map[string]string{"z": "1", "a": "2"}}},
		{"odd keys", ld{"<k>": 1, "é": 2, "\"q\"": 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, err := json.Marshal(tc.v)
			if err != nil {
				t.Fatal(err)
			}
			got, err := appendJSON(nil, tc.v)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Errorf("got %s; want %s", got, want)
			}
		})
	}
}

func TestAppendJSONStringRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "é", "<", ">", "&", `"`, `\`, "\n", "\x01", "\x7f", "\xff", "\u2028", "€", "🧬", " "}
	for range 10000 {
		var s string
		for range r.IntN(12) {
			s += alphabet[r.IntN(len(alphabet))]
		}
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Fatalf("appendJSONString(%q) = %s; want %s", s, got, want)
		}
	}
}

func FuzzAppendJSONString(f *testing.F) {
	f.Add("Biocore Laboratories")
	f.Add("</script>")
	f.Add("a\u2028\xff")
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Fatalf("got %s; want %s", got, want)
		}
	})
}
