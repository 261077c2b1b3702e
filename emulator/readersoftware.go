package emulator

import (
	"encoding/json"
	"strconv"
	"strings"
)

// simulatedSoftware is the software version simulated readers report: the first that
// fills a failed action's api_error (Stripe's guide: "Readers running software version
// 2.42 or later include an api_error hash … Readers on software versions before 2.42
// always return api_error as null"). Stripe does not say which version its simulated
// readers report; its examples show "" and "2.37.2.0", and a reader claiming 2.37 that
// sent api_error would contradict the guide.
const simulatedSoftware = "2.42.0.0"

// reportsAPIError reports whether a reader on software version v fills api_error: 2.42
// or later, or a version not known ("", as Stripe's simulated-reader examples show).
func reportsAPIError(v string) bool {
	if v == "" {
		return true
	}
	major, rest, _ := strings.Cut(v, ".")
	minor, _, _ := strings.Cut(rest, ".")
	ma, err1 := strconv.Atoi(major)
	mi, err2 := strconv.Atoi(minor)
	if err1 != nil || err2 != nil {
		return true
	}
	return ma > 2 || ma == 2 && mi >= 42
}

// oldSimulatedSoftware is the version simulated readers reported before simulatedSoftware,
// while they filled api_error all the same.
const oldSimulatedSoftware = "2.37.2.0"

// UnmarshalJSON reads a reader from the state file. A simulated reader an older emulator
// saved as oldSimulatedSoftware reports simulatedSoftware, as if updated (Stripe updates
// readers' software): it filled api_error then and still does, where at 2.37 it would
// fall silent on a state file that worked before.
func (r *reader) UnmarshalJSON(b []byte) error {
	type plain reader // without this method
	if err := json.Unmarshal(b, (*plain)(r)); err != nil {
		return err
	}
	if r.DeviceSwVersion == oldSimulatedSoftware && strings.HasPrefix(r.DeviceType, "simulated_") {
		r.DeviceSwVersion = simulatedSoftware
	}
	return nil
}
