package engine

import "testing"

// A ledger written with String reads back the same, runs folded into
// ranges; what it does not know is refused.
func TestLedgerText(t *testing.T) {
	l := NewLedger(map[int32]int64{0: 120, 1: 98})
	for _, o := range []int64{100, 101, 102, 103, 104, 107, 97} {
		l.Took(1, o) // 97 is below the mark: done already
	}
	l.Refused(1, 99)
	l.Reached(1, 200) // stops at the refusal
	l.Reached(0, 130)
	const want = "0:130,1:99+100-104+107"
	if got := l.String(); got != want {
		t.Fatalf("String: %s, want %s", got, want)
	}
	back, err := ParseLedger(want)
	if err != nil || back.String() != want {
		t.Fatalf("ParseLedger(%s): %v %v", want, back, err)
	}
	for o, done := range map[int64]bool{98: true, 99: false, 100: true, 105: false, 107: true, 108: false} {
		if back.Done(1, o) != done {
			t.Errorf("Done(1, %d) = %v", o, !done)
		}
	}
	if back.Ahead() != 6 {
		t.Errorf("Ahead %d, want 6", back.Ahead())
	}
	for _, bad := range []string{"x", "0:", "0:-1", "0:5+3", "0:5+9-7", "0:5+6-99999999", "-1:3"} {
		if _, err := ParseLedger(bad); err == nil {
			t.Errorf("ParseLedger(%q) took it", bad)
		}
	}
	// A resumed run sends the refused record again; once its batch is
	// handled the mark passes it, and what was taken is forgotten.
	back.Reached(1, 108)
	if got := back.String(); got != "0:130,1:108" {
		t.Errorf("%s, want 0:130,1:108", got)
	}
	ok := NewLedger(map[int32]int64{0: 0})
	ok.Took(0, 0)
	ok.Took(0, 1)
	ok.Reached(0, 5)
	if got := ok.String(); got != "0:5" {
		t.Errorf("%s, want 0:5", got)
	}
}

// A clone changes apart from the ledger it was cloned from.
func TestLedgerClone(t *testing.T) {
	l := NewLedger(map[int32]int64{0: 5})
	l.Took(0, 7)
	c := l.Clone()
	c.Took(0, 8)
	c.Reached(0, 20)
	if l.String() != "0:5+7" || c.String() != "0:20" {
		t.Errorf("ledger %s, clone %s", l, c)
	}
}
