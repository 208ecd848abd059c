package cms

// SiteWith is siteWith for the browser test, in package cms_test.
var SiteWith = siteWith
