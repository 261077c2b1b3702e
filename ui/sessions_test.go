package ui

import "github.com/till-pos/till/ui/internal/fake"

// Made-up sessions, as an earlier run would have saved them, for seeding the store.
var (
	live       = fake.Live
	withIntent = fake.WithIntent
	awaiting   = fake.Awaiting
	approved   = fake.Approved
)
