package render

// Dir is the writing direction of the page's language, for the dir
// attribute of <html>: "rtl" for Arabic, Hebrew, Persian, Urdu..., "ltr"
// otherwise. The theme's stylesheet uses logical properties, so that the
// layout mirrors with it.
func (d *Data) Dir() string {
	if d.Locale == nil {
		return "ltr"
	}
	return d.Locale.Dir()
}
