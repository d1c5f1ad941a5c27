package model

import (
	"slices"
	"testing"
	"time"
)

func TestGroupQuery(t *testing.T) {
	var h LagHistory
	stopped := group("etl", 0, plag(0, 5, 50)) // STOPPED, lag 45
	stopped.Partitions[0].Oldest = time.Now().Add(-time.Minute).UnixMilli()
	behind := group("billing", 1, plag(0, 0, 10)) // lag 10
	fine := group("audit", 1, plag(0, 10, 10))    // lag 0
	other := Group{Name: "payments-svc", State: "Stable", Members: []GroupMember{{}},
		Partitions: []PartitionLag{{TopicPartition: TopicPartition{"payments", 0}, Committed: 0, End: 99, Lag: 99, Oldest: time.Now().Add(-time.Second).UnixMilli()}}}
	groups := []Group{fine, behind, stopped, other}
	// Two looks 20s apart: enough to call a memberless group whose
	// commits did not advance STOPPED.
	h.Observe(groups, time.Now().Add(-20*time.Second))
	h.Observe(groups, time.Now())
	names := func(js []JudgedGroup) []string {
		var out []string
		for _, j := range js {
			out = append(out, j.Name)
		}
		return out
	}
	tests := []struct {
		q    GroupQuery
		want []string
	}{
		{GroupQuery{}, []string{"etl", "payments-svc", "billing", "audit"}},
		{GroupQuery{Order: ByLag}, []string{"payments-svc", "etl", "billing", "audit"}},
		{GroupQuery{Order: ByGroupName}, []string{"audit", "billing", "etl", "payments-svc"}},
		// a minute behind beats a second behind, whatever the lag; unknown is last
		{GroupQuery{Order: ByBehind, Now: time.Now()}, []string{"etl", "payments-svc", "billing", "audit"}},
		{GroupQuery{Filter: "PAY"}, []string{"payments-svc"}},
		{GroupQuery{Filter: "orders"}, []string{"etl", "billing", "audit"}}, // by topic
		{GroupQuery{Topic: "payments"}, []string{"payments-svc"}},
	}
	for _, tt := range tests {
		if got := names(tt.q.Apply(tt.q.Judge(groups, &h))); !slices.Equal(got, tt.want) {
			t.Errorf("%+v: %v, want %v", tt.q, got, tt.want)
		}
	}
	if got := (GroupQuery{}).Apply((GroupQuery{}).Judge(groups, &h))[0].Verdict.Status; got != StatusStopped {
		t.Errorf("etl judged %v, want STOPPED", got)
	}
	// Applying a query leaves the judged groups as they were.
	judged := (GroupQuery{}).Judge(groups, &h)
	first := judged[0].Name
	GroupQuery{Order: ByLag}.Apply(judged)
	if judged[0].Name != first {
		t.Error("Apply reordered its input")
	}
}

func TestLagAtDoesNotCountRecordsRetentionDeleted(t *testing.T) {
	tp := TopicPartition{Topic: "t", Partition: 0}
	for _, tt := range []struct {
		name                  string
		committed, start, end int64
		wantLag, wantLost     int64
	}{
		{"caught up", 100, 0, 100, 0, 0},
		{"behind", 40, 0, 100, 60, 0},
		{"commit at the log start", 50, 50, 100, 50, 0},
		{"commit expired", 10, 50, 100, 50, 40},
		{"everything expired", 10, 100, 100, 0, 90},
		{"no commit", -1, 0, 100, -1, 0},
		{"end unknown", 10, 0, -1, -1, 0},
		{"start unknown", 10, -1, 100, 90, 0},
	} {
		p := LagAt(tp, tt.committed, tt.start, tt.end)
		if p.Lag != tt.wantLag || p.Lost != tt.wantLost || p.Expired() != (tt.wantLost > 0) {
			t.Errorf("%s: lag %d lost %d, want %d and %d", tt.name, p.Lag, p.Lost, tt.wantLag, tt.wantLost)
		}
	}
}

// A group's time behind is its worst partition's, and says so when that
// time is an upper bound, fetched at an earlier commit.
func TestBehindMarksAStaleTime(t *testing.T) {
	now := time.Date(2026, 11, 25, 14, 0, 0, 0, time.UTC)
	fresh := LagAt(TopicPartition{Topic: "t"}, 5, 0, 10)
	fresh.Oldest = now.Add(-2 * time.Minute).UnixMilli()
	stale := LagAt(TopicPartition{Topic: "t", Partition: 1}, 5, 0, 10)
	stale.Oldest, stale.OldestStale = now.Add(-4*time.Minute-12*time.Second).UnixMilli(), true
	g := Group{Partitions: []PartitionLag{fresh, stale}}
	if got := BehindText(g.Behind(now), g.BehindStale(now)); got != "≤4m12s" {
		t.Errorf("group behind %q, want ≤4m12s", got)
	}
	g.Partitions[1].Oldest = now.Add(-time.Minute).UnixMilli() // the fresh one is worst now
	if got := BehindText(g.Behind(now), g.BehindStale(now)); got != "2m00s" {
		t.Errorf("group behind %q, want 2m00s", got)
	}
}

// Partitions a group is assigned but never committed on are no lag, but
// what they hold is counted apart, never as zero.
func TestUncommittedPartitionsAreCountedApart(t *testing.T) {
	g := Group{Partitions: []PartitionLag{
		LagAt(TopicPartition{Topic: "t", Partition: 0}, 10, 0, 50),
		LagAt(TopicPartition{Topic: "t", Partition: 1}, -1, 5, 400),
		LagAt(TopicPartition{Topic: "t", Partition: 2}, -1, 0, 530),
		LagAt(TopicPartition{Topic: "t", Partition: 3}, -1, 0, 0), // empty: nothing to speak of
	}}
	if g.TotalLag() != 40 {
		t.Errorf("lag %d, want 40", g.TotalLag())
	}
	if records, parts := g.Uncommitted(); records != 925 || parts != 2 {
		t.Errorf("uncommitted %d records in %d partitions, want 925 in 2", records, parts)
	}
}
