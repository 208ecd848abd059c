package markdown

import "testing"

func TestText(t *testing.T) {
	c := New(Options{})
	tests := []struct {
		name, lang, in, want string
	}{
		{"english apostrophe", "en", "The consortium's motto", "The consortium’s motto"},
		{"english quotes and dash", "en", `"Alone we are weak" -- a motto...`, "“Alone we are weak” – a motto…"},
		{"french apostrophe", "fr", "l'un des quatre fondateurs", "l’un des quatre fondateurs"},
		{"french quotes and spaces", "fr", `"Seuls nous sommes faibles" : la devise ; vraiment ?`, "«\u202fSeuls nous sommes faibles\u202f»\u00a0: la devise\u202f; vraiment\u202f?"},
		{"markdown is not interpreted", "en", "*not emphasis* [not](a link) <b>x</b> & co's", "*not emphasis* [not](a link) <b>x</b> & co’s"},
		{"leading list markers stay", "en", "- dash 2020. isn't", "- dash 2020. isn’t"},
		{"year then dot", "en", "2020. It's", "2020. It’s"},
		{"nothing to do", "fr", "Biocat", "Biocat"},
		{"french thousands", "fr", "Un budget de 421 000 euros", "Un budget de 421\u202f000 euros"},
		{"english thousands untouched", "en", "a 421 000 budget", "a 421 000 budget"},
		{"url kept", "fr", "voir https://example.org/a?b=1 !", "voir https://example.org/a?b=1\u202f!"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.Text(tt.in, tt.lang); got != tt.want {
				t.Errorf("Text(%q): got %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}
