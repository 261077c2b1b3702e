package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
)

// stateV1 is a state file of the first format: the whole state as one JSON object,
// rewritten on every change. New converts it to the append-only format in place.
type stateV1 struct {
	Version        int                        `json:"version"`
	Seq            int64                      `json:"seq"`
	Boots          int64                      `json:"boots"`
	Locations      map[string]*locationRec    `json:"locations"`
	Readers        map[string]*readerRec      `json:"readers"`
	Intents        map[string]*intentRec      `json:"payment_intents"`
	Charges        map[string]*charge         `json:"charges"`
	PaymentMethods map[string]*paymentMethod  `json:"payment_methods"`
	Refunds        map[string]*refundRec      `json:"refunds"`
	Events         []*event                   `json:"events"`
	Idempotency    map[string]*idempotencyRec `json:"idempotency"`

	Owners              map[string]string              `json:"owners"`
	SetupIntents        map[string]*setupIntentRec     `json:"setup_intents"`
	SetupAttempts       map[string]*setupAttemptRec    `json:"setup_attempts"`
	Configurations      map[string]*configurationRec   `json:"terminal_configurations"`
	WebhookEndpoints    map[string]*webhookEndpointRec `json:"webhook_endpoints"`
	BalanceTransactions map[string]*balanceRec         `json:"balance_transactions"`
}

// isFirstFormat reports a file that starts as a JSON object but not as a state file of
// this format.
func isFirstFormat(data []byte) bool {
	d := bytes.TrimLeft(data, " \t\r\n")
	return len(d) > 0 && d[0] == '{' && !bytes.HasPrefix(d, fileHeader[:len(`{"till_emulator_state"`)])
}

// migrateFirstFormat loads a first-format state into st and returns the same state as
// a file of this format.
func migrateFirstFormat(data []byte, st *state) ([]byte, error) {
	var v stateV1
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, err
	}
	if v.Version != 1 {
		return nil, fmt.Errorf("state format version %d is unknown to this emulator", v.Version)
	}
	st.Seq, st.Boots = v.Seq, v.Boots
	for id, r := range v.Locations {
		st.Locations.put(id, r.Seq, r)
	}
	for id, r := range v.Readers {
		st.Readers.put(id, r.Seq, r)
	}
	for id, r := range v.Intents {
		st.Intents.put(id, r.Seq, r)
	}
	for id, c := range v.Charges {
		st.Charges.put(id, seqOfID(id), c)
	}
	for id, m := range v.PaymentMethods {
		st.PaymentMethods.put(id, seqOfID(id), m)
	}
	for id, r := range v.Refunds {
		st.Refunds.put(id, r.Seq, r)
	}
	for _, ev := range v.Events {
		st.Events.put(ev.ID, seqOfID(ev.ID), ev)
	}
	for id, acct := range v.Owners {
		st.Owners.putNext(id, &acct)
	}
	for id, r := range v.SetupIntents {
		st.SetupIntents.put(id, r.Seq, r)
	}
	for id, r := range v.SetupAttempts {
		st.SetupAttempts.put(id, r.Seq, r)
	}
	for id, r := range v.Configurations {
		st.Configurations.put(id, r.Seq, r)
	}
	for id, r := range v.WebhookEndpoints {
		st.WebhookEndpoints.put(id, r.Seq, r)
	}
	for id, r := range v.BalanceTransactions {
		st.BalanceTransactions.put(id, r.Seq, r)
	}
	keys := make([]string, 0, len(v.Idempotency))
	for k := range v.Idempotency {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return v.Idempotency[keys[i]].Created.Before(v.Idempotency[keys[j]].Created) })
	for _, k := range keys {
		st.Idempotency.putNext(k, v.Idempotency[k])
	}
	w := recordWriter{persist: true, buf: append([]byte(nil), fileHeader...)}
	for _, t := range st.dirty {
		t.flush(&w)
	}
	st.dirty = st.dirty[:0]
	st.savedSeq, st.savedBoots = st.Seq, st.Boots
	return appendCommit(w.buf, st.Seq, st.Boots), nil
}
