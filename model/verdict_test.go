package model

import (
	"fmt"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)

// samples builds a history from (committed, end) pairs ten seconds apart.
func samples(members int, pairs ...[2]int64) []LagSample {
	out := make([]LagSample, len(pairs))
	for i, p := range pairs {
		out[i] = LagSample{Time: (t0.Add(time.Duration(i) * 10 * time.Second)).UnixNano(), Committed: p[0], End: p[1], Members: int32(members)}
	}
	return out
}

// quick builds a history from (committed, end) pairs every apart.
func quick(members int, every time.Duration, pairs ...[2]int64) []LagSample {
	out := samples(members, pairs...)
	for i := range out {
		out[i].Time = t0.Add(time.Duration(i) * every).UnixNano()
	}
	return out
}

func TestJudge(t *testing.T) {
	tests := []struct {
		name string
		in   []LagSample
		want Status
	}{
		{"no samples", nil, StatusOK},
		{"caught up", samples(1, [2]int64{10, 10}, [2]int64{20, 20}, [2]int64{30, 30}), StatusOK},
		{"no commit", samples(1, [2]int64{-1, 10}, [2]int64{-1, 20}, [2]int64{-1, 30}), StatusOK},
		// One look at a memberless group with lag cannot tell a stopped
		// consumer from one that assign()s partitions and commits: 20s of
		// commits that do not advance can.
		{"no members, lag, one look", samples(0, [2]int64{5, 10}), StatusOK},
		{"no members, lag, 20s still", samples(0, [2]int64{5, 10}, [2]int64{5, 10}, [2]int64{5, 12}), StatusStopped},
		{"no members, reset back, 20s still", samples(0, [2]int64{50, 60}, [2]int64{5, 60}, [2]int64{5, 62}), StatusStopped},
		{"no members, no lag", samples(0, [2]int64{10, 10}, [2]int64{10, 10}), StatusOK},
		{"too little evidence", samples(1, [2]int64{0, 10}, [2]int64{0, 20}), StatusOK},
		{"stalled", samples(1, [2]int64{5, 10}, [2]int64{5, 10}, [2]int64{5, 12}), StatusStalled},
		{"stalled but was caught up at first", samples(1, [2]int64{10, 10}, [2]int64{10, 11}, [2]int64{10, 12}), StatusWarning},
		{"falling behind", samples(1, [2]int64{0, 10}, [2]int64{5, 20}, [2]int64{10, 30}), StatusWarning},
		{"lag flat, moving", samples(1, [2]int64{0, 10}, [2]int64{10, 20}, [2]int64{20, 30}), StatusOK},
		{"small steady lag after a rise", samples(1, [2]int64{10, 10}, [2]int64{20, 20}, [2]int64{29, 30},
			[2]int64{37, 40}, [2]int64{47, 50}, [2]int64{57, 60}, [2]int64{67, 70}), StatusOK},
		{"rising in most steps", samples(1, [2]int64{0, 10}, [2]int64{10, 30}, [2]int64{30, 50},
			[2]int64{40, 70}, [2]int64{50, 90}), StatusWarning},
		{"lag dipped once", samples(1, [2]int64{0, 10}, [2]int64{15, 20}, [2]int64{15, 40}), StatusOK},
		{"catching up", samples(1, [2]int64{0, 100}, [2]int64{50, 110}, [2]int64{100, 120}), StatusOK},
		// Rising in exactly half the steps, flat in the rest, is not enough.
		{"rising in half the steps", samples(1, [2]int64{0, 10}, [2]int64{0, 20}, [2]int64{10, 30},
			[2]int64{10, 40}, [2]int64{20, 50}), StatusOK},
		{"rising in all but one step", samples(1, [2]int64{0, 10}, [2]int64{0, 20}, [2]int64{0, 30},
			[2]int64{10, 40}, [2]int64{10, 50}), StatusWarning},
		// Polls seconds apart are too little time to call anything but OK
		// or STOPPED: the first seconds of a healthy group show no WARNING.
		{"rising, over 6 seconds", quick(1, 2*time.Second, [2]int64{0, 10}, [2]int64{0, 20}, [2]int64{0, 30}, [2]int64{0, 40}), StatusOK},
		{"rising, over 20 seconds", quick(1, 5*time.Second, [2]int64{0, 10}, [2]int64{1, 20}, [2]int64{2, 30}, [2]int64{3, 40}, [2]int64{4, 50}), StatusWarning},
		{"stalled, over 6 seconds", quick(1, 2*time.Second, [2]int64{5, 10}, [2]int64{5, 10}, [2]int64{5, 10}, [2]int64{5, 10}), StatusOK},
		{"no members, seconds of evidence", quick(0, 2*time.Second, [2]int64{5, 10}, [2]int64{5, 10}), StatusOK},
	}
	for _, tt := range tests {
		if got := Judge(tt.in); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func group(name string, members int, parts ...PartitionLag) Group {
	g := Group{Name: name, State: "Stable", Partitions: parts}
	for range members {
		g.Members = append(g.Members, GroupMember{ID: "m"})
	}
	return g
}

func plag(p int32, committed, end int64) PartitionLag {
	lag := int64(-1)
	if committed >= 0 {
		lag = end - committed
	}
	return PartitionLag{TopicPartition: TopicPartition{"orders", p}, Committed: committed, End: end, Lag: lag}
}

func TestJudgeGroupWorstPartitionAndRates(t *testing.T) {
	h := LagHistory{Window: time.Minute}
	var g Group
	// Partition 0 keeps up; partition 1 falls behind by 10 every 10s.
	for i := range int64(4) {
		g = group("billing", 1, plag(0, 100*i, 100*i), plag(1, 50*i, 60*i))
		h.Observe([]Group{g}, t0.Add(time.Duration(i)*10*time.Second))
	}
	v := JudgeGroup(g, h.Group("billing"))
	if v.Status != StatusWarning || v.Partition(0) != StatusOK || v.Partition(1) != StatusWarning {
		t.Errorf("verdict %v, partitions %v", v.Status, v.partitions)
	}
	// Over 30s: committed 0 -> 450, end 0 -> 480.
	if v.ConsumeRate != 15 || v.ProduceRate != 16 || v.Lag != 30 {
		t.Errorf("rates %v/%v lag %d, want 15/16 and 30", v.ConsumeRate, v.ProduceRate, v.Lag)
	}
	if got := v.Outlook(); got != "falling behind at 1.0/s" {
		t.Errorf("outlook %q", got)
	}
}

// Two partitions read by turns: each one's lag dips every other sample,
// but the sum grows at every one. The group is falling behind.
func TestJudgeGroupSeesTheTotalFallBehind(t *testing.T) {
	h := LagHistory{Window: time.Minute}
	var g Group
	lags := [][2]int64{{10, 0}, {5, 10}, {15, 5}, {10, 15}, {20, 10}}
	for i, l := range lags {
		end := int64(100 * (i + 1))
		g = group("turns", 1, plag(0, end-l[0], end), plag(1, end-l[1], end))
		h.Observe([]Group{g}, t0.Add(time.Duration(i)*10*time.Second))
	}
	v := JudgeGroup(g, h.Group("turns"))
	if v.Partition(0) != StatusOK || v.Partition(1) != StatusOK || v.Status != StatusWarning {
		t.Errorf("group %v, partitions %v; want WARNING from the total", v.Status, v.partitions)
	}
}

func TestOutlook(t *testing.T) {
	tests := []struct {
		v    Verdict
		want string
	}{
		{Verdict{Lag: 0}, "caught up"},
		{Verdict{Lag: 100}, ""},
		{Verdict{Lag: 600, ConsumeRate: 12, ProduceRate: 2}, "catches up in 1m0s"},
		// Equal rates, and rates within noise, keep up: no "falling
		// behind at 0.0/s", no "catches up in 36s" from a blip.
		{Verdict{Lag: 600, ConsumeRate: 2, ProduceRate: 2}, "keeping up"},
		{Verdict{Lag: 600, ConsumeRate: 100.4, ProduceRate: 100}, "keeping up"},
		{Verdict{Lag: 600, ConsumeRate: 1000, ProduceRate: 1040}, "keeping up"},
		{Verdict{Status: StatusWarning, Lag: 600, ConsumeRate: 1000, ProduceRate: 1060}, "falling behind at 60.0/s"},
		{Verdict{Status: StatusWarning, Lag: 600, ConsumeRate: 0.5, ProduceRate: 1}, "falling behind at 0.5/s"},
		{Verdict{Status: StatusStopped, Lag: 600, ConsumeRate: 0, ProduceRate: 3}, "falling behind at 3.0/s"},
		// Lag that grew over the window of a group judged healthy: not
		// "keeping up", which the rates beside it contradict (4.8/s
		// consumed beside 8.0/s produced was shown so), nor falling behind.
		{Verdict{Status: StatusOK, Lag: 600, ConsumeRate: 1000, ProduceRate: 1060}, "consuming slower than produced"},
		{Verdict{Status: StatusOK, Lag: 600, ConsumeRate: 4.8, ProduceRate: 8}, "consuming slower than produced"},
	}
	for _, tt := range tests {
		if got := tt.v.Outlook(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestSeriesKeepsOneSamplePerInstant(t *testing.T) {
	var s Series
	s.Add(LagSample{Time: t0.UnixNano(), Committed: 1, End: 5}, time.Minute, 8)
	s.Add(LagSample{Time: t0.UnixNano(), Committed: 2, End: 5}, time.Minute, 8)
	s.Add(LagSample{Time: (t0.Add(time.Second)).UnixNano(), Committed: 3, End: 5}, time.Minute, 8)
	if got := s.Samples(); len(got) != 2 || got[0].Committed != 2 || got[1].Committed != 3 {
		t.Errorf("samples %+v, want the later look at t0 and the one after", got)
	}
}

func TestSeriesStaysBoundedAndSpansTheWindow(t *testing.T) {
	var s Series
	for i := range 1000 {
		s.Add(LagSample{Time: (t0.Add(time.Duration(i) * 2 * time.Second)).UnixNano(), Committed: int64(i), End: int64(2 * i)}, 15*time.Minute, 32)
	}
	got := s.Samples()
	if len(got) != 32 {
		t.Fatalf("%d samples held, want 32", len(got))
	}
	last := got[len(got)-1].At()
	if span := last.Sub(got[0].At()); span > 15*time.Minute || span < 14*time.Minute {
		t.Errorf("samples span %s, want about the 15m window", span)
	}
	if !last.Equal(t0.Add(999 * 2 * time.Second)) {
		t.Error("the newest sample was dropped")
	}
	for i := 1; i < len(got); i++ {
		if !got[i].At().After(got[i-1].At()) {
			t.Fatal("samples out of order")
		}
	}
}

// Groups that vanish from a listing of all groups leave the history, so
// it stays bounded however many short-lived groups come and go; a group's
// partitions that it no longer has leave it too.
func TestLagHistoryForgetsWhatIsGone(t *testing.T) {
	var h LagHistory
	for i := range 10_000 {
		ephemeral := group(fmt.Sprintf("console-consumer-%d", i), 1, plag(0, 5, 10))
		h.ObserveAll([]Group{group("billing", 1, plag(0, 1, 2)), ephemeral}, t0.Add(time.Duration(i)*time.Second))
	}
	if len(h.groups) != 2 || h.Group("billing") == nil || h.Group("console-consumer-9999") == nil {
		t.Fatalf("the history holds %d groups", len(h.groups))
	}
	// billing's topic lost partition 0 and gained 1.
	h.ObserveAll([]Group{group("billing", 1, plag(1, 0, 0))}, t0.Add(time.Hour))
	gh := h.Group("billing")
	if _, ok := gh.Partitions[TopicPartition{"orders", 0}]; ok || len(gh.Partitions) != 1 {
		t.Errorf("billing's partitions: %v", gh.Partitions)
	}
	// A poll of named groups says nothing of the others.
	h.Observe([]Group{group("other", 1, plag(0, 1, 1))}, t0.Add(2*time.Hour))
	if h.Group("billing") == nil {
		t.Error("a named poll forgot a group it did not name")
	}
}

// Found beside Burrow: verdicts that did not match what the consumer did.
func TestJudgeOnEvidenceOfCommits(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   []LagSample
		want Status
	}{
		// kafka-python and librdkafka consumers that assign() partitions
		// commit without joining: no members, but they consume.
		{"no members, commits moving", samples(0, [2]int64{0, 50}, [2]int64{10, 60}, [2]int64{20, 70}), StatusOK},
		{"no members, commits moving too slowly", samples(0, [2]int64{0, 50}, [2]int64{5, 60}, [2]int64{10, 70}), StatusWarning},
		{"no members, commits still", samples(0, [2]int64{5, 50}, [2]int64{5, 60}, [2]int64{5, 70}), StatusStopped},
		// Watched from before its first commit: the samples without one
		// are no evidence, and the stall still shows.
		{"stalled after a first commit", samples(1, [2]int64{-1, 10}, [2]int64{-1, 20}, [2]int64{5, 30}, [2]int64{5, 40}, [2]int64{5, 50}), StatusStalled},
	} {
		if got := Judge(tt.in); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// A partition's first commit adds its offsets to the group's total: the
// rates and the outlook compare like with like.
func TestRatesWhilePartitionsGetTheirFirstCommit(t *testing.T) {
	h := LagHistory{Window: time.Minute}
	var g Group
	// Nothing is produced; partition 0 is consumed at 1/s, partition 1
	// gets its first commit at the third poll.
	for i := range int64(5) {
		p1 := plag(1, -1, 1000)
		if i >= 2 {
			p1 = plag(1, 100, 1000)
		}
		g = group("late", 1, plag(0, 10*i, 500), p1)
		h.Observe([]Group{g}, t0.Add(time.Duration(i)*10*time.Second))
	}
	v := JudgeGroup(g, h.Group("late"))
	if v.ProduceRate != 0 || v.ConsumeRate != 1 {
		t.Errorf("rates: consume %v, produce %v; want 1 and 0", v.ConsumeRate, v.ProduceRate)
	}
}

func TestFormatBehind(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "-", -time.Second: "-", 42 * time.Second: "42s", 4*time.Minute + 12*time.Second: "4m12s",
		2*time.Hour + 5*time.Minute: "2h05m", 50 * time.Hour: "2d2h",
	} {
		if got := FormatBehind(d); got != want {
			t.Errorf("%s: %q, want %q", d, got, want)
		}
	}
}

// In its first seconds a group with lag is judged on no evidence: its
// verdict says it is judging, and for how much longer.
func TestJudgingUntilThereIsEvidence(t *testing.T) {
	h := LagHistory{Window: time.Minute}
	var v Verdict
	for i := range int64(3) {
		g := group("new", 1, plag(0, 10*i, 10*i+5))
		h.Observe([]Group{g}, t0.Add(time.Duration(i)*5*time.Second))
		v = JudgeGroup(g, h.Group("new"))
	}
	if v.Status != StatusOK || !v.Judging || v.JudgingText() != "judging… (needs 10s more)" {
		t.Errorf("after 10s: %+v %q", v, v.JudgingText())
	}
	for i := int64(3); i < 6; i++ {
		g := group("new", 1, plag(0, 10*i, 10*i+5))
		h.Observe([]Group{g}, t0.Add(time.Duration(i)*5*time.Second))
		v = JudgeGroup(g, h.Group("new"))
	}
	if v.Judging || v.JudgingText() != "" {
		t.Errorf("after 25s: still judging %+v", v)
	}
	// A memberless group is judged on 20s of its commits (which a
	// cluster's commit log gives at once), and a group without lag has
	// nothing to judge.
	stopped := group("gone", 0, plag(0, 5, 50))
	h.Observe([]Group{stopped}, t0)
	if v := JudgeGroup(stopped, h.Group("gone")); v.Status != StatusOK || !v.Judging || v.Needs != 20*time.Second {
		t.Errorf("stopped, one look: %+v", v)
	}
	h.Observe([]Group{stopped}, t0.Add(20*time.Second))
	if v := JudgeGroup(stopped, h.Group("gone")); v.Status != StatusStopped || v.Judging {
		t.Errorf("stopped, 20s on: %+v", v)
	}
	idle := group("idle", 1, plag(0, 50, 50))
	h.Observe([]Group{idle}, t0)
	if v := JudgeGroup(idle, h.Group("idle")); v.Judging {
		t.Errorf("idle: %+v", v)
	}
}

// However many groups and partitions there are, and however long it runs,
// the history holds no more than its budget of samples, in arrays that
// are not regrown; groups gone from the cluster leave it.
func TestLagHistoryIsBoundedInTotal(t *testing.T) {
	h := &LagHistory{Budget: 10_000}
	groups := make([]Group, 100)
	at := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	for poll := range 1_000 { // 33 minutes of polls, twice the window
		at = at.Add(2 * time.Second)
		for i := range groups {
			g := Group{Name: fmt.Sprintf("g%03d", i)}
			for p := range int32(9) {
				g.Partitions = append(g.Partitions, PartitionLag{TopicPartition: TopicPartition{Topic: "t", Partition: p}, Committed: int64(poll), End: int64(2 * poll)})
			}
			groups[i] = g
		}
		h.ObserveAll(groups, at)
	}
	held, capacity := 0, 0
	for _, gh := range h.groups {
		held += len(gh.Total.samples)
		capacity += cap(gh.Total.samples)
		for _, s := range gh.Partitions {
			held += len(s.samples)
			capacity += cap(s.samples)
		}
	}
	if h.series != 1000 || held > 10_000 || capacity > 11_000 {
		t.Errorf("%d series hold %d samples in arrays of %d, want at most the budget of 10,000 (and one spare each)", h.series, held, capacity)
	}
	h.ObserveAll(groups[:10], at.Add(2*time.Second))
	if len(h.groups) != 10 || h.series != 100 {
		t.Errorf("after 90 groups went: %d groups, %d series, want 10 and 100", len(h.groups), h.series)
	}
}

// A consumer that assign()s partitions and commits has no members: while
// any of its commits advance it is at work, not STOPPED, and a partition
// it leaves behind is STALLED. A reset back is not consumption.
func TestAMemberlessGroupWhoseCommitsAdvanceIsNotStopped(t *testing.T) {
	h := LagHistory{Window: time.Minute}
	var g Group
	for i := range int64(4) {
		g = group("flink", 0, plag(0, 100+10*i, 200+10*i), plag(1, 5, 50))
		h.Observe([]Group{g}, t0.Add(time.Duration(i)*10*time.Second))
	}
	v := JudgeGroup(g, h.Group("flink"))
	if v.Status != StatusStalled || v.Partition(0) != StatusOK || v.Partition(1) != StatusStalled {
		t.Errorf("verdict %v, partitions %v %v; want STALLED, OK and STALLED", v.Status, v.Partition(0), v.Partition(1))
	}
	// Reset back to the start, then left: stopped, once 20s show it.
	for i := int64(4); i < 7; i++ {
		g = group("flink", 0, plag(0, 0, 200+10*i), plag(1, 0, 50))
		h.Observe([]Group{g}, t0.Add(time.Duration(i)*10*time.Second))
	}
	if v := JudgeGroup(g, h.Group("flink")); v.Status != StatusStopped {
		t.Errorf("after a reset back and 20s still: %v, want STOPPED", v.Status)
	}
}
