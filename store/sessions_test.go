package store

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
)

var t0 = time.Date(2025, 3, 14, 9, 26, 53, 589793238, time.UTC)

// sampleSession has every field set, so a round trip that drops one is caught.
func sampleSession(orderID string) checkout.Session {
	return checkout.Session{
		OrderID: orderID,
		Phase:   checkout.Declined,
		Cart: checkout.Cart{Currency: "usd", Lines: []checkout.Line{
			{Description: "Flat white", UnitPrice: 450, Quantity: 2},
			{Description: "Croissant", UnitPrice: 325, Quantity: 1},
		}},
		Amount:          checkout.Money{Amount: 1225, Currency: "usd"},
		ReaderID:        "tmr_sim1",
		CaptureMethod:   checkout.CaptureManual,
		PaymentIntentID: "pi_123",
		IntentStatus:    checkout.IntentRequiresPaymentMethod,
		Action: &checkout.ReaderAction{
			Type: "process_payment_intent", Status: checkout.ActionFailed, PaymentIntentID: "pi_123",
			FailureCode: "card_declined", FailureMessage: "Your card was declined.",
			ErrorType: "card_error", DeclineCode: "insufficient_funds",
		},
		Failure: &checkout.Failure{
			Kind: checkout.KindDeclined, Code: "card_declined", DeclineCode: "insufficient_funds",
			Message: "Your card has insufficient funds.", RequestID: "req_1", HTTPStatus: 402,
		},
		ReadError:     &checkout.Failure{Kind: checkout.KindNetwork, Message: "timeout"},
		CancelReason:  "abandoned",
		Card:          checkout.Card{Brand: "visa", Last4: "9995"},
		CaptureBefore: t0.Add(48 * time.Hour),
		Attempts:      2,
		Captures:      1,
		Cancels:       3,
		ReadFailures:  4,
		StartedAt:     t0,
		UpdatedAt:     t0.Add(time.Minute),
		ActionSince:   t0.Add(30 * time.Second),
		Held:          checkout.StepCancelIntent,
		HeldSince:     t0.Add(2 * time.Minute),
		Cash: &checkout.Cash{Due: checkout.Money{Amount: 1225, Currency: "usd"},
			Given: checkout.Money{Amount: 2000, Currency: "usd"}, Change: checkout.Money{Amount: 775, Currency: "usd"}},
	}
}

func TestSessionRoundTrip(t *testing.T) {
	s, _ := openTemp(t)
	want := sampleSession("ord_1")
	if err := s.SaveSession(want); err != nil {
		t.Fatal(err)
	}
	for _, reopened := range []bool{false, true} {
		if reopened {
			s = reopen(t, s)
		}
		got, ok, err := s.Session("ord_1")
		if err != nil || !ok {
			t.Fatalf("Session (reopened %v) = ok %v, err %v", reopened, ok, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("round trip (reopened %v) changed the session:\n got %+v\nwant %+v", reopened, got, want)
		}
	}
}

func TestSessionLocalTimesKeepTheirInstant(t *testing.T) {
	s, _ := openTemp(t)
	sess := sampleSession("ord_1")
	sess.StartedAt = time.Now() // local, with a monotonic reading
	if err := s.SaveSession(sess); err != nil {
		t.Fatal(err)
	}
	got, _, err := s.Session("ord_1")
	if err != nil {
		t.Fatal(err)
	}
	if !got.StartedAt.Equal(sess.StartedAt) {
		t.Errorf("StartedAt = %v, want %v", got.StartedAt, sess.StartedAt)
	}
}

func TestSessionMissing(t *testing.T) {
	s, _ := openTemp(t)
	got, ok, err := s.Session("ord_none")
	if err != nil || ok || !reflect.DeepEqual(got, checkout.Session{}) {
		t.Errorf("Session(missing) = %+v, %v, %v; want zero, false, nil", got, ok, err)
	}
}

func TestSaveSessionRefusesBadOrderID(t *testing.T) {
	s, _ := openTemp(t)
	for _, id := range []string{"", "ord\x00x", strings.Repeat("x", maxOrderIDLen+1)} {
		sess := sampleSession(id)
		if err := s.SaveSession(sess); err == nil {
			t.Errorf("SaveSession(order %q) succeeded; want an error", id)
		}
	}
	all, err := s.Sessions(time.Time{})
	if err != nil || len(all) != 0 {
		t.Errorf("after refused saves Sessions = %d records, %v; want none", len(all), err)
	}
}

func TestSaveSessionOverwritesByOrderID(t *testing.T) {
	s, _ := openTemp(t)
	first := session("ord_1", checkout.Creating, t0)
	second := first
	second.Phase, second.PaymentIntentID, second.Attempts = checkout.Awaiting, "pi_1", 1
	for _, sess := range []checkout.Session{first, second} {
		if err := s.SaveSession(sess); err != nil {
			t.Fatal(err)
		}
	}
	got, _, err := s.Session("ord_1")
	if err != nil || !reflect.DeepEqual(got, second) {
		t.Errorf("Session = %+v, %v; want the second save", got, err)
	}
	assertOrders(t, "Sessions", sessionsSince(t, s, time.Time{}), "ord_1")
	assertOrders(t, "Unfinished", unfinishedOf(t, s), "ord_1")
}

func TestSaveSessionMovesHistoryWhenStartChanges(t *testing.T) {
	s, _ := openTemp(t)
	sess := session("ord_1", checkout.Creating, t0)
	if err := s.SaveSession(sess); err != nil {
		t.Fatal(err)
	}
	sess.StartedAt = t0.Add(time.Hour)
	if err := s.SaveSession(sess); err != nil {
		t.Fatal(err)
	}
	assertOrders(t, "Sessions(zero)", sessionsSince(t, s, time.Time{}), "ord_1")
	assertOrders(t, "Sessions(t0+1m)", sessionsSince(t, s, t0.Add(time.Minute)), "ord_1")
	assertOrders(t, "Sessions(t0+2h)", sessionsSince(t, s, t0.Add(2*time.Hour)))
}

func session(id string, phase checkout.Phase, started time.Time) checkout.Session {
	return checkout.Session{
		OrderID: id, Phase: phase, StartedAt: started, UpdatedAt: started,
		Amount: checkout.Money{Amount: 1200, Currency: "usd"},
	}
}

func sessionsSince(t *testing.T, s *Store, since time.Time) []checkout.Session {
	t.Helper()
	list, err := s.Sessions(since)
	if err != nil {
		t.Fatalf("Sessions(%v): %v", since, err)
	}
	return list
}

func unfinishedOf(t *testing.T, s *Store) []checkout.Session {
	t.Helper()
	list, err := s.Unfinished()
	if err != nil {
		t.Fatalf("Unfinished: %v", err)
	}
	return list
}

func assertOrders(t *testing.T, what string, got []checkout.Session, want ...string) {
	t.Helper()
	ids := make([]string, 0, len(got))
	for _, sess := range got {
		ids = append(ids, sess.OrderID)
	}
	if !slices.Equal(ids, want) && !(len(ids) == 0 && len(want) == 0) {
		t.Errorf("%s = %v, want %v", what, ids, want)
	}
}

func TestUnfinishedFiltersAndOrders(t *testing.T) {
	s, _ := openTemp(t)
	// Saved out of time order; the minute says when each started.
	phases := []struct {
		id     string
		phase  checkout.Phase
		minute int
	}{
		{"ord_awaiting", checkout.Awaiting, 5},
		{"ord_building", checkout.Building, 1},
		{"ord_paid", checkout.Paid, 2},
		{"ord_unknown", checkout.Unknown, 3},
		{"ord_creating", checkout.Creating, 9},
		{"ord_canceled", checkout.Canceled, 4},
		{"ord_sending", checkout.Sending, 8},
		{"ord_approved", checkout.Approved, 7},
		{"ord_capturing", checkout.Capturing, 6},
		{"ord_declined", checkout.Declined, 10},
		{"ord_canceling", checkout.Canceling, 0},
	}
	for _, p := range phases {
		if err := s.SaveSession(session(p.id, p.phase, t0.Add(time.Duration(p.minute)*time.Minute))); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"ord_canceling", "ord_unknown", "ord_awaiting", "ord_capturing", "ord_approved",
		"ord_sending", "ord_creating", "ord_declined"}
	assertOrders(t, "Unfinished", unfinishedOf(t, s), want...)

	// Finishing one, and going back to Building, take them off the list.
	for id, phase := range map[string]checkout.Phase{"ord_awaiting": checkout.Paid, "ord_declined": checkout.Canceled, "ord_creating": checkout.Building} {
		sess, _, err := s.Session(id)
		if err != nil {
			t.Fatal(err)
		}
		sess.Phase = phase
		if err := s.SaveSession(sess); err != nil {
			t.Fatal(err)
		}
	}
	want = []string{"ord_canceling", "ord_unknown", "ord_capturing", "ord_approved", "ord_sending"}
	assertOrders(t, "Unfinished after finishing some", unfinishedOf(t, reopen(t, s)), want...)
}

func TestSessionsSince(t *testing.T) {
	s, _ := openTemp(t)
	old := time.Date(1969, 7, 20, 20, 17, 0, 0, time.UTC)
	starts := map[string]time.Time{
		"ord_b": t0.Add(time.Hour),
		"ord_a": t0,
		"ord_c": t0.Add(time.Hour + time.Nanosecond),
		"ord_0": old,
		"ord_z": {},
	}
	for id, at := range starts {
		if err := s.SaveSession(session(id, checkout.Paid, at)); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		since time.Time
		want  []string
	}{
		{time.Time{}, []string{"ord_z", "ord_0", "ord_a", "ord_b", "ord_c"}},
		{old.Add(time.Nanosecond), []string{"ord_a", "ord_b", "ord_c"}},
		{t0, []string{"ord_a", "ord_b", "ord_c"}},
		{t0.Add(time.Nanosecond), []string{"ord_b", "ord_c"}},
		{t0.Add(time.Hour), []string{"ord_b", "ord_c"}},
		{t0.Add(time.Hour + time.Nanosecond), []string{"ord_c"}},
		{t0.Add(2 * time.Hour), nil},
	}
	for _, tc := range cases {
		assertOrders(t, "Sessions("+tc.since.String()+")", sessionsSince(t, s, tc.since), tc.want...)
	}
}
