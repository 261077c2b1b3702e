package emulator

import (
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
