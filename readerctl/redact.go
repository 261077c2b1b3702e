package readerctl

import (
	"net/url"
	"regexp"
	"strings"
)

// Redacted stands where a secret was; redactedKey where a key was.
const (
	Redacted    = "[redacted]"
	redactedKey = "[redacted key]"
)

// keyLike matches anything shaped like a Stripe secret or restricted key, including
// Stripe's own masked echo of a wrong key ("sk_test_****1234"), and webhook signing
// secrets.
var keyLike = regexp.MustCompile(`([sr]k_(test|live)|whsec)_[A-Za-z0-9*]+`)

// urlLike matches a URL inside free text: a scheme, "://", then anything up to a space
// or a quote. It also catches the scheme-less form net/url errors quote.
var urlLike = regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.-]*://[^\s"'<>` + "`" + `]+`)

// Redact is the one function till passes text through before it prints, logs, stores or
// bundles it: the API key, anything that looks like a Stripe key or webhook secret, and
// the secrets of every URL in it (see RedactURL) are replaced.
func Redact(s, key string) string {
	if key != "" {
		s = strings.ReplaceAll(s, key, redactedKey)
	}
	s = keyLike.ReplaceAllString(s, redactedKey)
	return urlLike.ReplaceAllStringFunc(s, RedactURL)
}

// RedactURL keeps what a person needs to recognise a URL (scheme, host, port, path and
// the names of its query parameters) and replaces what may be a secret: the user info
// (user and password), every query value and the fragment. What does not parse as a URL
// keeps only its scheme and host, as far as they can be told.
func RedactURL(raw string) string {
	// A URL redacted once has brackets url.Parse refuses in its user info: read the
	// marker as a plain word, so redacting twice gives what redacting once did.
	raw = strings.ReplaceAll(raw, Redacted, markerWord)
	return strings.ReplaceAll(redactURL(raw), markerWord, Redacted)
}

// markerWord stands for Redacted while a URL is parsed and rebuilt: url.URL would
// escape the brackets.
const markerWord = "REDACTEDxMARKER"

func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme == "" && u.Host == "") {
		return redactUnparsed(raw)
	}
	if u.User != nil {
		u.User = url.User(markerWord)
	}
	u.RawQuery = redactQuery(u.RawQuery)
	if u.Fragment != "" || u.RawFragment != "" {
		u.Fragment, u.RawFragment = markerWord, ""
	}
	if u.Opaque != "" { // mailto:x@y read as scheme:opaque
		u.Opaque = redactOpaque(u.Opaque)
	}
	return u.String()
}

// redactQuery keeps each parameter's name and replaces its value; a part with no "="
// (a bare token) is replaced whole.
func redactQuery(raw string) string {
	if raw == "" {
		return ""
	}
	parts := strings.Split(raw, "&")
	for i, p := range parts {
		if name, _, ok := strings.Cut(p, "="); ok {
			parts[i] = name + "=" + markerWord
		} else if p != "" {
			parts[i] = markerWord
		}
	}
	return strings.Join(parts, "&")
}

// redactUnparsed cuts what url.Parse refused after its host: user info, path, query.
func redactUnparsed(raw string) string {
	rest, scheme := raw, ""
	if i := strings.Index(raw, "://"); i >= 0 {
		scheme, rest = raw[:i+3], raw[i+3:]
	}
	if i := strings.LastIndex(rest, "@"); i >= 0 {
		rest = markerWord + "@" + rest[i+1:]
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i] + "/" + markerWord
	}
	return scheme + rest
}

// redactOpaque replaces the user info of an opaque URL (its query is apart already).
func redactOpaque(opaque string) string {
	if i := strings.LastIndex(opaque, "@"); i >= 0 {
		opaque = markerWord + "@" + opaque[i+1:]
	}
	return opaque
}
