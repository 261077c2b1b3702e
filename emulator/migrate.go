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
	putAll(st.Locations, v.Locations)
	putAll(st.Readers, v.Readers)
	putAll(st.Intents, v.Intents)
	putAll(st.Charges, v.Charges)
	putAll(st.PaymentMethods, v.PaymentMethods)
	putAll(st.Refunds, v.Refunds)
	putAll(st.SetupIntents, v.SetupIntents)
	putAll(st.SetupAttempts, v.SetupAttempts)
	putAll(st.WebhookEndpoints, v.WebhookEndpoints)
	putAll(st.BalanceTransactions, v.BalanceTransactions)
	for id, r := range v.Configurations {
		st.Configurations.put(id, r.Seq, r) // an account default has no seq in its id
	}
	for _, ev := range v.Events {
		st.Events.put(ev.ID, seqOfID(ev.ID), ev)
	}
	for id, acct := range v.Owners {
		st.Owners.putNext(id, &acct)
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
	st.flushDirty(&w)
	st.savedSeq, st.savedBoots = st.Seq, st.Boots
	return appendCommit(w.buf, st.Seq, st.Boots), nil
}

// putAll stores a first-format map of objects, each at the creation order its id
// carries.
func putAll[T any](t *table[T], m map[string]*T) {
	for id, obj := range m {
		t.put(id, seqOfID(id), obj)
	}
}
