package emulator

import (
	"fmt"
	"strings"
	"time"
)

// seedLabels name the first seeded readers; the others are numbered.
var seedLabels = []string{"Front counter", "Back counter"}

// DefaultLocationName is the seeded location's display name when Options.LocationName
// is empty (till's default shop name).
const DefaultLocationName = "till demo shop"

// seed gives an account ("" = the platform) with neither locations nor readers a
// location named name (blank = DefaultLocationName) and n simulated readers (0 = 2),
// alternating WisePOS E and S700.
func seed(st *state, now time.Time, n int, name, account string) {
	if ownsAny(st, st.Locations, account) || ownsAny(st, st.Readers, account) {
		return
	}
	if name = strings.TrimSpace(name); name == "" {
		name = DefaultLocationName
	}
	own := func(id string) { st.setOwner(id, account) }
	loc := st.addLocation(now, name, address{
		Line1: strPtr("510 Townsend St"), City: strPtr("San Francisco"), State: strPtr("CA"),
		PostalCode: strPtr("94103"), Country: strPtr("US"),
	}, map[string]string{})
	own(loc)
	if n <= 0 {
		n = len(seedLabels)
	}
	for i := range n {
		code, label := "simulated-wpe", fmt.Sprintf("Reader %d", i+1)
		if i%2 == 1 {
			code = "simulated-s700"
		}
		if i < len(seedLabels) {
			label = seedLabels[i]
		}
		own(st.addReader(now, code, label, loc, map[string]string{}).Obj.ID)
	}
}

// ownsAny reports whether the account has any object in the table.
func ownsAny[T any](st *state, t *table[T], account string) bool {
	for id := range t.byID {
		if st.ownerOf(id) == account {
			return true
		}
	}
	return false
}

func (st *state) addLocation(now time.Time, name string, addr address, md map[string]string) string {
	id, seq := st.newID("tml")
	st.Locations.put(id, seq, &locationRec{Seq: seq, Obj: location{
		ID: id, Object: "terminal.location", Address: addr, DisplayName: name, Metadata: md,
	}})
	return id
}

// registrationCodes maps simulated registration codes to device types, as Stripe does.
var registrationCodes = map[string]string{
	"simulated-wpe":   "simulated_wisepos_e",
	"simulated-s700":  "simulated_stripe_s700",
	"simulated-s710":  "simulated_stripe_s710",
	"simulated-v660p": "simulated_verifone_v660p",
}

func (st *state) addReader(now time.Time, code, label, locationID string, md map[string]string) *readerRec {
	id, seq := st.newID("tmr")
	d := digest(id, 16)
	serial := fmt.Sprintf("%s-%s-%s-%s-%s", code, d[0:3], d[3:6], d[6:8], d[8:11])
	if label == "" {
		label = code // Stripe labels a reader registered without one by its registration code
	}
	rec := &readerRec{Seq: seq, Obj: reader{
		ID: id, Object: "terminal.reader", DeviceSwVersion: simulatedSoftware, DeviceType: registrationCodes[code],
		IPAddress: "0.0.0.0", Label: label, Location: idRef(locationID), Metadata: md,
		SerialNumber: serial, Status: strPtr("online"),
	}}
	st.Readers.put(id, seq, rec)
	return rec
}

// registrationCode is the simulated registration code of a device type.
func registrationCode(deviceType string) string {
	for code, t := range registrationCodes {
		if t == deviceType {
			return code
		}
	}
	return deviceType
}
