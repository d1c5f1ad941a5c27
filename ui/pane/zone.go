package pane

import "time"

// Zone is where times are shown: the local zone, or UTC. Every pane
// shares the one the app made, so one toggle turns them all.
type Zone struct {
	local *time.Location
	utc   bool
}

// NewZone shows times in local, or in UTC when utc is set.
func NewZone(local *time.Location, utc bool) *Zone {
	if local == nil {
		local = time.Local
	}
	return &Zone{local: local, utc: utc}
}

// Location is the zone times are shown in now.
func (z *Zone) Location() *time.Location {
	if z.utc {
		return time.UTC
	}
	return z.local
}

// Toggle switches between local time and UTC.
func (z *Zone) Toggle() { z.utc = !z.utc }

// Name is the zone's short name at t, for a column's header: "UTC", "CET".
func (z *Zone) Name(t time.Time) string { return t.In(z.Location()).Format("MST") }

// Now is the time now in the zone shown: a time typed without a zone
// ("14:00") is read in it.
func (z *Zone) Now(now func() time.Time) time.Time { return now().In(z.Location()) }
