package model

import (
	"testing"
	"time"
)

var seedNow = time.Date(2026, 11, 25, 14, 0, 0, 0, time.UTC)

func oneMemberGroup(name string, committed, end int64) Group {
	m := GroupMember{ID: "m"}
	return Group{Name: name, Members: []GroupMember{m}, Partitions: []PartitionLag{LagAt(TopicPartition{Topic: "orders"}, committed, 0, end)}}
}

// seedLog is a log of commits over 15 minutes at 12 times, with the
// partition's end rising by 10 a time.
func seedLog(complete bool, commits ...Commit) CommitLog {
	times := SeedTimes(seedNow, 15*time.Minute, 12)
	ends := make([]int64, len(times))
	for i := range ends {
		ends[i] = 100 + 10*int64(i)
	}
	tp := TopicPartition{Topic: "orders"}
	log := CommitLog{Since: times[0], Complete: complete, Times: times, Ends: map[TopicPartition][]int64{tp: ends},
		Commits: map[string]map[TopicPartition][]Commit{}}
	if len(commits) > 0 {
		log.Commits["g"] = map[TopicPartition][]Commit{tp: commits}
	}
	return log
}

func verdictAfterSeed(g Group, log CommitLog) Verdict {
	var h LagHistory
	h.Seed([]Group{g}, log)
	h.Observe([]Group{g}, seedNow)
	return JudgeGroup(g, h.Group(g.Name))
}

// A group whose commit has not moved in the whole window while its lag
// grew is judged at once, from the log of commits, without waiting for
// polls (Burrow: a commit older than the window is a stop).
func TestSeededGroupThatNeverCommittedIsStalledAtOnce(t *testing.T) {
	v := verdictAfterSeed(oneMemberGroup("g", 50, 220), seedLog(true))
	if v.Status != StatusStalled || v.Judging {
		t.Fatalf("verdict %+v, want STALLED on evidence", v)
	}
}

// Commits that keep pace are a group keeping up, judged OK on evidence;
// its rates come from the seeded span.
func TestSeededGroupThatKeepsCommittingIsOK(t *testing.T) {
	times := SeedTimes(seedNow, 15*time.Minute, 12)
	var commits []Commit
	for i, at := range times {
		commits = append(commits, Commit{At: at.UnixMilli() - 1000, Offset: 95 + 10*int64(i)})
	}
	v := verdictAfterSeed(oneMemberGroup("g", 215, 220), seedLog(true, commits...))
	if v.Status != StatusOK || v.Judging {
		t.Fatalf("verdict %+v, want OK on evidence", v)
	}
	if v.ConsumeRate < 0.13 || v.ConsumeRate > 0.14 { // 10 every 75 s
		t.Errorf("consume rate %.4f/s, want 0.133/s", v.ConsumeRate)
	}
}

// Where the log was not read whole, a partition with no commit read may
// have had some: its past is unknown, so nothing is seeded and the group
// waits for evidence.
func TestIncompleteLogSeedsNothingUnknown(t *testing.T) {
	v := verdictAfterSeed(oneMemberGroup("g", 50, 220), seedLog(false))
	if v.Status != StatusOK || !v.Judging {
		t.Fatalf("verdict %+v, want judging", v)
	}
}

// Seeds older than what the history holds go before it; none replaces a
// poll.
func TestSeedsGoBeforePolls(t *testing.T) {
	var h LagHistory
	g := oneMemberGroup("g", 50, 220)
	h.Observe([]Group{g}, seedNow)
	h.Seed([]Group{g}, seedLog(true))
	s := h.Group("g").Partitions[TopicPartition{Topic: "orders"}].Samples()
	if len(s) != 13 || !s[12].At().Equal(seedNow) || s[12].End != 220 || s[0].End != 100 {
		t.Fatalf("%d samples: first %+v last %+v", len(s), s[0], s[len(s)-1])
	}
}
