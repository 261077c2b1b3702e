package emulator

import "crypto/rand"

var connectionTokenParams = []string{"location"}

type connectionToken struct {
	Object   string `json:"object"`
	Location string `json:"location,omitempty"`
	Secret   string `json:"secret"`
}

// createConnectionToken answers what a Terminal SDK (JavaScript, iOS, Android) asks its
// backend for. Nothing is stored: the emulator serves no SDK connection to use it with.
func (x *txn) createConnectionToken() (any, error) {
	if err := x.checkExpand(); err != nil {
		return nil, err
	}
	tok := &connectionToken{Object: "terminal.connection_token", Secret: "pst_test_" + rand.Text() + rand.Text()}
	if loc, ok := x.p.str("location"); ok && loc != "" {
		if _, err := x.location(loc, "location"); err != nil {
			return nil, err
		}
		tok.Location = loc
	}
	return tok, nil
}
