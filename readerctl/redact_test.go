package readerctl

import (
	"strings"
	"testing"
)

func TestRedactURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://hooks.example.com/stripe", "https://hooks.example.com/stripe"},
		{"http://127.0.0.1:12111", "http://127.0.0.1:12111"},
		{"https://shop:s3cret@hooks.example.com/stripe", "https://[redacted]@hooks.example.com/stripe"},
		{"https://tok3n@hooks.example.com/", "https://[redacted]@hooks.example.com/"},
		{"https://hooks.example.com/in?token=abc&team=7", "https://hooks.example.com/in?token=[redacted]&team=[redacted]"},
		{"https://hooks.example.com/in?abc", "https://hooks.example.com/in?[redacted]"},
		{"https://hooks.example.com/in#access_token=abc", "https://hooks.example.com/in#[redacted]"},
		{"http://u:p@[::1]:80/x?k=v#f", "http://[redacted]@[::1]:80/x?k=[redacted]#[redacted]"},
		{"127.0.0.1:12111", "127.0.0.1:12111"},
		{"http://u:p@host:badport/x?k=v", "http://[redacted]@host:badport/[redacted]"},
		{"mailto:someone@example.com?subject=x", "mailto:[redacted]@example.com?subject=[redacted]"},
		{"not a url", "not a url"},
		{"/relative?token=x", "/[redacted]"},
		{"https://h/x?a=1&&b", "https://h/x?a=[redacted]&&[redacted]"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := RedactURL(tt.in); got != tt.want {
			t.Errorf("RedactURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if twice := RedactURL(RedactURL(tt.in)); twice != tt.want {
			t.Errorf("RedactURL twice on %q = %q, want %q", tt.in, twice, tt.want)
		}
	}
}

func TestRedactText(t *testing.T) {
	const key = "sk_test_51ABCsecretKEY"
	in := `Post "https://proxy:PASSWORD@api.example.com/v1/x?token=TOKEN": dial failed; key ` + key +
		` and rk_live_OTHER and whsec_SIGNING; see http://127.0.0.1:9/v1/readers`
	got := Redact(in, key)
	for _, secret := range []string{"PASSWORD", "TOKEN", "secretKEY", "rk_live_OTHER", "whsec_SIGNING", "proxy:"} {
		if strings.Contains(got, secret) {
			t.Errorf("%q left in %q", secret, got)
		}
	}
	for _, kept := range []string{"api.example.com/v1/x", "dial failed", "http://127.0.0.1:9/v1/readers", "[redacted key]"} {
		if !strings.Contains(got, kept) {
			t.Errorf("%q lost from %q", kept, got)
		}
	}
}
