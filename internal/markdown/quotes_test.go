package markdown

import "testing"

// TestQuotesPerLanguage: each language's quotation marks, in the body and
// in plain text fields, never inside code spans, code blocks, links'
// destinations or autolinks.
func TestQuotesPerLanguage(t *testing.T) {
	const in = `"Gemeinsam" und 'innen' -- siehe ` + "`\"code\" 'x'`" + ` und [Link](https://example.org/?q="a") oder https://example.org/"b"`
	tests := []struct{ lang, want string }{
		{"de", `<p>„Gemeinsam“ und ‚innen‘ – siehe <code>&quot;code&quot; 'x'</code> und <a href="https://example.org/?q=%22a%22">Link</a> oder <a href="https://example.org/%22b%22">https://example.org/&quot;b&quot;</a></p>` + "\n"},
		{"de-AT", `<p>„Gemeinsam“ und ‚innen‘ – siehe <code>&quot;code&quot; 'x'</code> und <a href="https://example.org/?q=%22a%22">Link</a> oder <a href="https://example.org/%22b%22">https://example.org/&quot;b&quot;</a></p>` + "\n"},
		{"pl", `<p>„Gemeinsam” und «innen» – siehe <code>&quot;code&quot; 'x'</code> und <a href="https://example.org/?q=%22a%22">Link</a> oder <a href="https://example.org/%22b%22">https://example.org/&quot;b&quot;</a></p>` + "\n"},
		{"it", `<p>«Gemeinsam» und “innen” – siehe <code>&quot;code&quot; 'x'</code> und <a href="https://example.org/?q=%22a%22">Link</a> oder <a href="https://example.org/%22b%22">https://example.org/&quot;b&quot;</a></p>` + "\n"},
		{"es", `<p>«Gemeinsam» und “innen” – siehe <code>&quot;code&quot; 'x'</code> und <a href="https://example.org/?q=%22a%22">Link</a> oder <a href="https://example.org/%22b%22">https://example.org/&quot;b&quot;</a></p>` + "\n"},
		{"nl", `<p>“Gemeinsam” und ‘innen’ – siehe <code>&quot;code&quot; 'x'</code> und <a href="https://example.org/?q=%22a%22">Link</a> oder <a href="https://example.org/%22b%22">https://example.org/&quot;b&quot;</a></p>` + "\n"},
	}
	c := New(Options{})
	for _, tt := range tests {
		if got := string(c.Convert([]byte(in), Context{Lang: tt.lang}).HTML); got != tt.want {
			t.Errorf("%s:\ngot  %s\nwant %s", tt.lang, got, tt.want)
		}
	}
	block := "```\n\"code\"\n```\n"
	for _, lang := range []string{"de", "pl", "it", "es"} {
		if got := string(c.Convert([]byte(block), Context{Lang: lang}).HTML); got != "<pre><code>&quot;code&quot;\n</code></pre>\n" {
			t.Errorf("%s code block: got %q", lang, got)
		}
	}
	texts := []struct{ lang, in, want string }{
		{"de", `Das "Motto" des Projekts`, "Das „Motto“ des Projekts"},
		{"pl", `Hasło "Razem" projektu`, "Hasło „Razem” projektu"},
		{"it", `Il motto "Insieme"`, "Il motto «Insieme»"},
		{"es", `El lema "Juntos"`, "El lema «Juntos»"},
		{"de", "Martin's Labor", "Martin’s Labor"},
	}
	for _, tt := range texts {
		if got := c.Text(tt.in, tt.lang); got != tt.want {
			t.Errorf("Text(%q, %s) = %q; want %q", tt.in, tt.lang, got, tt.want)
		}
	}
}

func TestAngleQuotes(t *testing.T) {
	c := New(Options{})
	for lang, want := range map[string]string{"es": "<p>«siempre»</p>\n", "it": "<p>«sempre»</p>\n", "de": "<p>&lt;&lt;1&gt;&gt;</p>\n"} {
		word := map[string]string{"es": "siempre", "it": "sempre", "de": "1"}[lang]
		if got := string(c.Convert([]byte("<<"+word+">>"), Context{Lang: lang}).HTML); got != want {
			t.Errorf("%s: got %q; want %q", lang, got, want)
		}
	}
}
