package model

import "testing"

func TestCountAndPlural(t *testing.T) {
	for got, want := range map[string]string{
		Count(1234567):           "1,234,567",
		Count(-1000):             "-1,000",
		Plural(1, "record"):      "1 record",
		Plural(30, "partition"):  "30 partitions",
		Plural(1, "match"):       "1 match",
		Plural(2_000, "match"):   "2,000 matches",
		Plural(int64(0), "box"):  "0 boxes",
		Plural(int32(3), "wish"): "3 wishes",
		Plural(2, "bus"):         "2 buses",
	} {
		if got != want {
			t.Errorf("%q, want %q", got, want)
		}
	}
}
