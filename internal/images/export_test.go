package images

// HasImg is hasImg, for the external tests.
var HasImg = hasImg
