package store

import (
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"sync"
)

// Sessions, journals and archived orders are kept deflated against a preset dictionary
// of what they are made of (the session's JSON names, Stripe's paths, till's key
// prefixes): a few hundred bytes each instead of most of a kilobyte. That halves them,
// and more than halves the file: bbolt splits a page of large values two to a page.
//
// A packed record is 0x00, the dictionary's version, then the deflate stream. Nothing
// else starts with 0x00 (JSON starts with '{', a codec record with a field key, never
// 0), so a record written before packing, or not worth packing, reads as it is.

const (
	packMagic   = 0x00
	packVersion = 0x01
	// maxUnpacked bounds what one record may inflate to.
	maxUnpacked = 4 << 20
)

// packDict is version 1 of the dictionary. Never change it: records written with it
// must stay readable. The strings most likely to recur come last.
var packDict = []byte(`"tipping":{"mode":"""pricing":{"tax_inclusive":true}"discount":{"percent":` +
	`"failure":{"kind":"declined","code":"card_declined","decline_code":"","message":"","request_id":"req_","http_status":402}` +
	`"read_error":{"kind":"network","message":""}"cancel_reason":"abandoned""tip":"recheck":true` +
	`"failure_code":"","failure_message":"","error_type":"card_error"` +
	`{"order_id":"ord_","phase":"paid","cart":{"currency":"usd","lines":[{"description":"","unit_price":,"quantity":1,"sku":"","tax_class":"","tax_rate":` +
	`}],"pricing":{}},"amount":{"amount":,"currency":"usd"},"reader_id":"tmr_","capture_method":"manual",` +
	`"payment_intent":"pi_","intent_status":"succeeded","action":{"type":"process_payment_intent","status":"succeeded",` +
	`"payment_intent":"pi_"},"card":{"brand":"visa","last4":""},"capture_before":"2026-","amount_received":,` +
	`"amount_capturable":,"attempts":1,"captures":1,"cancels":0,"read_failures":0,"started_at":"2026-",` +
	`"updated_at":"2026-","action_since":"2026-T::.Z"}` +
	`GET/v1/terminal/readers/tmr_/process_payment_intentPOST/v1/payment_intents/pi_/capture/cancel` +
	`beforecallafternotecreatingsendingawaitingcapturingcancelingunknownHTTP 429okreq_` +
	`till_ord__create_process_1_capture_1_cancel_1`)

var (
	packers = sync.Pool{New: func() any {
		w, _ := flate.NewWriterDict(io.Discard, flate.BestCompression, packDict) // the level is valid
		return w
	}}
	errBadPack = errors.New("unreadable packed record")
)

// pack deflates rec when that makes it smaller.
func pack(rec []byte) []byte {
	if len(rec) < 64 {
		return rec
	}
	var buf bytes.Buffer
	buf.Write([]byte{packMagic, packVersion})
	w := packers.Get().(*flate.Writer)
	defer packers.Put(w)
	w.Reset(&buf)
	if _, err := w.Write(rec); err != nil || w.Close() != nil || buf.Len() >= len(rec) {
		return rec
	}
	return buf.Bytes()
}

// unpack returns the record as it was before pack; a record that was not packed is
// returned as it is. The result never points into bbolt's memory when it was packed.
func unpack(rec []byte) ([]byte, error) {
	if len(rec) == 0 || rec[0] != packMagic {
		return rec, nil
	}
	if len(rec) < 2 || rec[1] != packVersion {
		return nil, fmt.Errorf("%w: version %v", errBadPack, rec[1:min(2, len(rec))])
	}
	r := flate.NewReaderDict(bytes.NewReader(rec[2:]), packDict)
	defer r.Close()
	out, err := io.ReadAll(io.LimitReader(r, maxUnpacked+1))
	if err != nil || len(out) > maxUnpacked {
		return nil, errBadPack
	}
	return out, nil
}
