package render

import (
	"strings"
	"testing"
)

func TestInitials(t *testing.T) {
	for name, want := range map[string]string{
		"Klaster LifeScience Kraków":        "KL",
		"BioM":                              "BM",
		"bioMérieux":                        "BM",
		"Biocat":                            "BI",
		"ERAI":                              "ER",
		"Hôpital universitaire de Varsovie": "HU",
		"L’Oréal Recherche & Innovation":    "OR",
		"3D-Bioprint Lab":                   "3B",
		"Évry":                              "ÉV",
		"X":                                 "X",
		"&":                                 "?",
		"de la":                             "DL",
	} {
		if got := Initials(name); got != want {
			t.Errorf("Initials(%q): got %q; want %q", name, got, want)
		}
	}
}

func TestMark(t *testing.T) {
	d := &Data{}
	m := string(d.Mark(`Evil <img src=x onerror=alert(1)> Labs`, false))
	if strings.Contains(m, "<img") || !strings.Contains(m, `aria-label="Evil &lt;img`) || !strings.Contains(m, `role="img"`) {
		t.Errorf("mark of a name holding markup: %s", m)
	}
	if dm := string(d.Mark("BioM", true)); !strings.Contains(dm, `aria-hidden="true"`) || strings.Contains(dm, "aria-label") {
		t.Errorf("decorative mark: %s", dm)
	}
	if string(d.Mark("BioM", true)) != string(d.Mark("BioM", true)) || markColour("BioM") == "" {
		t.Errorf("marks are not stable")
	}
}
