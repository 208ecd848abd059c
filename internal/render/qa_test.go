package render

import "testing"

func TestQAMarkup(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{
			name: "questions and answers, after an introduction",
			body: "<p>Intro.</p>\n<h2 id=\"why\">Why?</h2>\n<p>Because.</p>\n<p>And more.</p>\n<h2 id=\"how\">How <em>so</em>?</h2>\n<ul>\n<li>Thus.</li>\n</ul>\n",
			want: "<p>Intro.</p>\n<dl class=\"qa\">\n" +
				"<div class=\"qa-pair\"><dt id=\"why\">Why?</dt>\n<dd><p>Because.</p>\n<p>And more.</p></dd></div>\n" +
				"<div class=\"qa-pair\"><dt id=\"how\">How <em>so</em>?</dt>\n<dd><ul>\n<li>Thus.</li>\n</ul></dd></div>\n</dl>\n",
		},
		{
			name: "no level-2 heading: unchanged",
			body: "<p>Just text.</p>\n<h3>Aside</h3>\n",
			want: "<p>Just text.</p>\n<h3>Aside</h3>\n",
		},
		{
			name: "a heading inside a blockquote is not a question",
			body: "<blockquote>\n<h2>Quoted</h2>\n</blockquote>\n<h2>Real?</h2>\n<p>Yes.</p>\n",
			want: "<blockquote>\n<h2>Quoted</h2>\n</blockquote>\n<dl class=\"qa\">\n<div class=\"qa-pair\"><dt>Real?</dt>\n<dd><p>Yes.</p></dd></div>\n</dl>\n",
		},
		{
			name: "void elements and sub-headings stay in the answer",
			body: "<h2 id=\"q\">Q?</h2>\n<p>One<br>two<img src=\"a.png\" alt=\"\"></p>\n<h3>Detail</h3>\n<hr>\n",
			want: "<dl class=\"qa\">\n<div class=\"qa-pair\"><dt id=\"q\">Q?</dt>\n<dd><p>One<br>two<img src=\"a.png\" alt=\"\"></p>\n<h3>Detail</h3>\n<hr></dd></div>\n</dl>\n",
		},
		{
			name: "a question without an answer",
			body: "<h2>Only a question?</h2>\n",
			want: "<dl class=\"qa\">\n<div class=\"qa-pair\"><dt>Only a question?</dt>\n<dd></dd></div>\n</dl>\n",
		},
		{
			name: "unbalanced raw HTML: unchanged",
			body: "<div>\n<h2>Q?</h2>\n<p>A.</p>\n",
			want: "<div>\n<h2>Q?</h2>\n<p>A.</p>\n",
		},
		{
			name: "a stray end tag: unchanged",
			body: "</div><h2>Q?</h2><p>A.</p>",
			want: "</div><h2>Q?</h2><p>A.</p>",
		},
		{
			name: "the id is escaped again",
			body: "<h2 id=\"a&amp;b\">Q?</h2><p>A.</p>",
			want: "<dl class=\"qa\">\n<div class=\"qa-pair\"><dt id=\"a&amp;b\">Q?</dt>\n<dd><p>A.</p></dd></div>\n</dl>\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(qaMarkup([]byte(tt.body))); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
