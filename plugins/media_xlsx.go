package plugins

import "mime"

// MediaXLSX is the media type of Office Open XML spreadsheets (.xlsx).
// A file of this type may carry the sheet to read as a parameter:
// "…spreadsheetml.sheet; sheet=Training"; without it the first sheet is
// read.
const MediaXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// XLSXMediaType returns MediaXLSX with the sheet parameter set to sheet,
// or MediaXLSX alone when sheet is empty.
func XLSXMediaType(sheet string) string {
	if sheet == "" {
		return MediaXLSX
	}
	return mime.FormatMediaType(MediaXLSX, map[string]string{"sheet": sheet})
}

// ParseXLSXMediaType reports whether mediaType is MediaXLSX, with or
// without parameters, and returns its sheet parameter ("" for the first
// sheet).
func ParseXLSXMediaType(mediaType string) (sheet string, ok bool) {
	base, params, err := mime.ParseMediaType(mediaType)
	if err != nil || base != MediaXLSX {
		return "", false
	}
	return params["sheet"], true
}
