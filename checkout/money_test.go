package checkout

import (
	"errors"
	"strings"
	"testing"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		text, currency string
		want           int64
		wantErr        string // substring of the error; "" means success
	}{
		{"12.34", "usd", 1234, ""},
		{"12", "usd", 1200, ""},
		{"12.3", "usd", 1230, ""},
		{".5", "usd", 50, ""},
		{" 7.00 ", "USD", 700, ""},
		{"999999.99", "usd", 99999999, ""},
		{"1200", "jpy", 1200, ""},
		{"abc", "usd", 0, "not a number"},
		{"-1", "usd", 0, "negative"},
		{"0", "usd", 0, "above zero"},
		{"0.00", "usd", 0, "above zero"},
		{"12.345", "usd", 0, "more than 2 decimal places"},
		{"99999999999", "usd", 0, "largest amount"},
		{"1000000.00", "usd", 0, "largest amount"},
		{"1.5", "jpy", 0, "no minor unit"},
		{"", "usd", 0, "enter an amount"},
		{"1,000", "usd", 0, "not a number"},
		{"1e3", "usd", 0, "not a number"},
		{".", "usd", 0, "not a number"},
		{"5", "us", 0, "currency code"},
		{"99999999999999999999999", "usd", 0, "largest amount"},
		// ISO 4217 minor units: three decimals for the dinars and the rial.
		{"12.34", "kwd", 12340, ""},
		{"12.345", "kwd", 0, "steps of 0.010"}, // Stripe wants the last digit 0
		{"12.34", "KWD", 12340, ""},
		{"1.5", "bhd", 1500, ""},
		{"0.05", "jod", 50, ""},
		{"7.25", "omr", 7250, ""},
		{"3.1", "tnd", 3100, ""},
		{"1.2345", "kwd", 0, "more than 3 decimal places"},
		{"99999.999", "kwd", 0, "steps of"},
		{"99999.99", "kwd", 99999990, ""},
		{"100000", "kwd", 0, "largest amount"},
		// Stripe's own rules on top of ISO 4217.
		{"5", "isk", 500, ""}, // ISO 0, Stripe two-decimal in whole krónur
		{"5.5", "isk", 0, "steps of 1.00"},
		{"100", "mga", 100, ""}, // ISO 2, Stripe zero-decimal
		{"1.5", "mga", 0, "no minor unit"},
		{"1000", "ugx", 1000, ""},
		{"5", "xyz", 0, "not an ISO 4217 currency"},
		{"5", "xau", 0, "not an ISO 4217 currency"}, // gold has no minor unit
	}
	for _, tt := range tests {
		t.Run(tt.text+"_"+tt.currency, func(t *testing.T) {
			got, err := ParseAmount(tt.text, tt.currency)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, ErrBadAmount) {
					t.Fatalf("ParseAmount(%q) error = %v, want one containing %q", tt.text, err, tt.wantErr)
				}
				return
			}
			if err != nil || got.Amount != tt.want || got.Currency != strings.ToLower(tt.currency) {
				t.Fatalf("ParseAmount(%q) = %+v, %v; want %d", tt.text, got, err, tt.want)
			}
		})
	}
}

func TestMoneyString(t *testing.T) {
	tests := []struct {
		m    Money
		want string
	}{
		{Money{1234, "usd"}, "$12.34"},
		{Money{5, "usd"}, "$0.05"},
		{Money{99999999, "usd"}, "$999,999.99"},
		{Money{1200, "jpy"}, "¥1,200"},
		{Money{7, "JPY"}, "¥7"},
		{Money{500, "chf"}, "CHF 5.00"},
		{Money{-250, "eur"}, "-€2.50"},
		{Money{0, "gbp"}, "£0.00"},
		{Money{1000, "krw"}, "KRW 1,000"},
		{Money{12340, "kwd"}, "KWD 12.340"},
		{Money{1500, "bhd"}, "BHD 1.500"},
		{Money{500, "isk"}, "ISK 5.00"},
		{Money{100, "mga"}, "MGA 100"},
	}
	for _, tt := range tests {
		if got := tt.m.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.m, got, tt.want)
		}
	}
}

func TestCart(t *testing.T) {
	c := Cart{Currency: "usd"}
	c, err := c.Add(Line{Description: " Coffee ", UnitPrice: 350, Quantity: 2})
	if err != nil {
		t.Fatal(err)
	}
	c, _ = c.Add(Line{Description: "Bagel", UnitPrice: 275, Quantity: 1})
	if got := c.Total(); got != (Money{975, "usd"}) {
		t.Fatalf("total = %+v", got)
	}
	if c.Lines[0].Description != "Coffee" {
		t.Fatalf("description not trimmed: %q", c.Lines[0].Description)
	}
	before := c
	after := c.Remove(0)
	if len(before.Lines) != 2 || before.Lines[0].Description != "Coffee" {
		t.Fatal("Remove changed the original cart")
	}
	if len(after.Lines) != 1 || after.Total().Amount != 275 {
		t.Fatalf("after remove: %+v", after)
	}
	if got := after.Remove(5); len(got.Lines) != 1 {
		t.Fatal("out-of-range remove changed the cart")
	}
	bad := []struct {
		l    Line
		want string
	}{
		{Line{Description: "", UnitPrice: 100, Quantity: 1}, "description"},
		{Line{Description: "x", UnitPrice: 0, Quantity: 1}, "price"},
		{Line{Description: "x", UnitPrice: 100, Quantity: 0}, "quantity"},
		{Line{Description: "x", UnitPrice: 100, Quantity: MaxQuantity + 1}, "quantity"},
		{Line{Description: "x", UnitPrice: MaxAmount, Quantity: 2}, "largest amount"},
		{Line{Description: "x", UnitPrice: MaxAmount, Quantity: 1}, "largest amount"}, // with the 975 already in the cart
	}
	for _, b := range bad {
		got, err := c.Add(b.l)
		if err == nil || !strings.Contains(err.Error(), b.want) || !errors.Is(err, ErrBadLine) {
			t.Errorf("Add(%+v) err = %v, want %q", b.l, err, b.want)
		}
		if len(got.Lines) != len(c.Lines) {
			t.Errorf("Add(%+v) changed the cart on error", b.l)
		}
	}
}
