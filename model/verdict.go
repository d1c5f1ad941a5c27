package model

import (
	"fmt"
	"strings"
	"time"
)

// Status is the verdict on a partition or a group, worst last.
type Status int

const (
	StatusOK Status = iota
	// StatusWarning: the lag never went down and went up in more than half
	// the steps of the window. The group consumes, but slower than the
	// topic is written.
	StatusWarning
	// StatusStalled: the committed offset did not move over the window
	// while there was lag. Members exist, but make no progress.
	StatusStalled
	// StatusStopped: the group has no members, there is lag, and none of
	// its commits advanced over at least 20s. Nobody is consuming; the lag
	// can only grow. (A group with no members whose commits advance is
	// consumed by assign(), outside the group protocol, and is judged on
	// its commits.)
	StatusStopped
)

var statusNames = [...]string{"OK", "WARNING", "STALLED", "STOPPED"}

func (s Status) String() string { return statusNames[s] }

// Meaning says what a verdict rests on, as one sentence.
func (s Status) Meaning() string {
	return [...]string{
		"its lag comes and goes, or it has none: a consumer keeping up",
		"its lag never went down over the window and went up in more than half the steps: it consumes slower than the topic is written",
		"its committed offset did not move over the window while there was lag: members exist, but make no progress",
		"it has no members, there is lag, and none of its commits advanced over at least 20s: nobody is consuming, and the lag can only grow",
	}[s]
}

// ParseStatus reads a status by its name, in any case.
func ParseStatus(name string) (Status, bool) {
	for i, n := range statusNames {
		if strings.EqualFold(n, strings.TrimSpace(name)) {
			return Status(i), true
		}
	}
	return 0, false
}

// The evidence a judgement of STALLED or WARNING needs: three samples show
// a direction, two only a difference; and they must span minSpan, so the
// first polls of a healthy group (a commit due any second) never read as
// a consumer in trouble.
const (
	minSamples = 3
	minSpan    = 20 * time.Second
)

// Noise bounds for the outlook: rates closer than this are a group
// keeping up, not one catching up in hours or falling behind at 0.0/s.
const (
	rateNoise         = 0.05 // records per second
	relativeRateNoise = 0.05 // of the faster rate
)

// Judge applies kscope's rules, after Burrow's, to one partition's samples
// (oldest first) within the window, in this order:
//
//  1. No lag now (or no committed offset, so no lag to speak of): OK.
//     Samples from before the first commit are no evidence, and are left
//     out of what follows.
//  2. The group has no members now, there is lag, and no commit of the
//     group advanced (moved forward after its last move back, which is a
//     reset, never consumption) over samples spanning 20s: STOPPED; over
//     less, OK for want of evidence. Commits that advance without members
//     are a consumer that assigns itself partitions (kafka-python and
//     librdkafka manual consumers, Flink, Spark, Connect sinks): judged
//     as below.
//  3. Fewer than three samples, or samples spanning less than 20s: OK,
//     for want of evidence.
//  4. The committed offset is the same in every sample, and there was lag
//     in every sample: STALLED.
//  5. The lag never went down from one sample to the next, and went up
//     in more than half of the steps (half is not enough): WARNING. A small lag that holds
//     steady (what was written since the last commit) is not falling
//     behind, however it began.
//  6. Otherwise: OK. Lag that comes and goes is a consumer keeping up.
func Judge(samples []LagSample) Status { return judge(samples, false) }

// judge is Judge for one partition of a group whose other commits
// advanced or not: a memberless group consuming some partitions is at
// work, and a partition it does not advance is judged on its commits.
func judge(samples []LagSample, groupAdvanced bool) Status {
	if len(samples) == 0 {
		return StatusOK
	}
	last := samples[len(samples)-1]
	if last.Lag() <= 0 {
		return StatusOK
	}
	samples = committedSince(samples)
	span := last.At().Sub(samples[0].At())
	if last.Members == 0 && !groupAdvanced && !advanced(samples) {
		if span < minSpan {
			return StatusOK
		}
		return StatusStopped
	}
	if len(samples) < minSamples || span < minSpan {
		return StatusOK
	}
	stalled, fell, rose := true, false, 0
	for i, s := range samples {
		if s.Lag() <= 0 || s.Committed != samples[0].Committed {
			stalled = false
		}
		if i > 0 {
			switch prev := samples[i-1].Lag(); {
			case s.Lag() < prev:
				fell = true
			case s.Lag() > prev:
				rose++
			}
		}
	}
	switch {
	case stalled:
		return StatusStalled
	case !fell && 2*rose > len(samples)-1:
		return StatusWarning
	}
	return StatusOK
}

// awaitsEvidence reports whether samples with lag now are too few, or
// span too little, for the rules to tell STALLED or WARNING from OK, and
// how much longer they must span.
func awaitsEvidence(samples []LagSample, groupAdvanced bool) (bool, time.Duration) {
	if len(samples) == 0 || samples[len(samples)-1].Lag() <= 0 {
		return false, 0
	}
	last := samples[len(samples)-1]
	s := committedSince(samples)
	span := last.At().Sub(s[0].At())
	if last.Members == 0 && !groupAdvanced && !advanced(s) {
		return span < minSpan, max(minSpan-span, 0) // STOPPED needs only the span
	}
	if len(s) >= minSamples && span >= minSpan {
		return false, 0
	}
	return true, max(minSpan-span, 0)
}

// committedSince is the samples from the first that has a commit on.
func committedSince(samples []LagSample) []LagSample {
	for i, s := range samples {
		if s.Committed >= 0 {
			return samples[i:]
		}
	}
	return nil
}

// advanced reports whether the committed offset moved forward after the
// last time it moved back: a consumer at work. A move back is a reset (to
// read again), never consumption, and what came before it is no evidence
// of a consumer now.
func advanced(samples []LagSample) bool {
	moved := false
	for i := 1; i < len(samples); i++ {
		switch prev, now := samples[i-1].Committed, samples[i].Committed; {
		case now < prev:
			moved = false
		case now > prev:
			moved = true
		}
	}
	return moved
}

// comparable is the newest run of a group's total samples that sum the
// same partitions: a partition's first commit adds its offsets to the
// total, which is no movement of the group's.
func comparable(samples []LagSample) []LagSample {
	i := len(samples) - 1
	for i > 0 && samples[i-1].Summed == samples[len(samples)-1].Summed {
		i--
	}
	return samples[max(i, 0):]
}

// Verdict is the judgement on a group: the worst of its partitions, and
// its rates over the window.
type Verdict struct {
	Status Status
	// ConsumeRate and ProduceRate are records per second over the window,
	// from the movement of the committed and end offsets; zero until two
	// samples are a second apart.
	ConsumeRate, ProduceRate float64
	Lag                      int64
	// Judging is set while the verdict is OK for want of evidence: there
	// is lag, and too few samples, or too short a span, to tell STALLED or
	// WARNING from OK. Needs is how much longer the samples must span
	// (zero when they span enough and only more samples are needed).
	Judging    bool
	Needs      time.Duration
	partitions []Status // by the group's partitions' order
}

// JudgingText says how long the verdict waits for evidence: "judging… (needs
// 15s more)", or "" when the verdict stands on evidence.
func (v Verdict) JudgingText() string {
	switch {
	case !v.Judging:
		return ""
	case v.Needs > 0:
		return fmt.Sprintf("judging… (needs %s more)", v.Needs.Round(time.Second))
	}
	return "judging… (needs more samples)"
}

// Partition is the verdict on the group's i-th partition.
func (v Verdict) Partition(i int) Status {
	if i < 0 || i >= len(v.partitions) {
		return StatusOK
	}
	return v.partitions[i]
}

// JudgeGroup judges a group from its history: the worst of its partitions'
// verdicts and of the verdict on its total. The total matters because a
// consumer reading partitions by turns lets each one's lag dip now and
// then while the sum only grows: falling behind shows in the total first.
func JudgeGroup(g Group, h *GroupHistory) Verdict {
	v := Verdict{Lag: g.TotalLag(), partitions: make([]Status, len(g.Partitions))}
	if h == nil {
		return v
	}
	total := comparable(h.Total.Samples())
	// Any partition's commits advancing is the group at work, members or
	// not: the total advances with them.
	groupAdvanced := advanced(committedSince(total))
	wait := func(samples []LagSample) {
		if judging, more := awaitsEvidence(samples, groupAdvanced); judging {
			v.Judging, v.Needs = true, max(v.Needs, more)
		}
	}
	for i, p := range g.Partitions {
		if s := h.Partitions[p.TopicPartition]; s != nil {
			st := judge(s.Samples(), groupAdvanced)
			v.partitions[i] = st
			v.Status = max(v.Status, st)
			wait(s.Samples())
		}
	}
	v.Status = max(v.Status, judge(total, groupAdvanced))
	wait(total)
	if v.Status != StatusOK {
		v.Judging, v.Needs = false, 0 // a verdict on evidence stands
	}
	if n := len(total); n >= 2 {
		first, last := total[0], total[n-1]
		if dt := last.At().Sub(first.At()).Seconds(); dt >= 1 && first.Committed >= 0 {
			v.ConsumeRate = max(float64(last.Committed-first.Committed)/dt, 0)
			v.ProduceRate = max(float64(last.End-first.End)/dt, 0)
		}
	}
	return v
}

// Outlook says where the lag is heading at the current rates: "caught up",
// "keeping up", "catches up in 4m10s", "falling behind at 12.0/s", or ""
// without rates. Rates that differ by no more than noise keep up: the
// difference of two noisy rates is no trend. Nor does a group judged OK
// fall behind (the verdict has weighed more than two rates): it consumes
// slower than produced.
func (v Verdict) Outlook() string {
	gain := v.ConsumeRate - v.ProduceRate
	noise := max(rateNoise, relativeRateNoise*max(v.ConsumeRate, v.ProduceRate))
	switch {
	case v.Lag == 0:
		return "caught up"
	case v.ConsumeRate == 0 && v.ProduceRate == 0:
		return ""
	case gain > -noise && gain < noise:
		return "keeping up"
	case gain < 0 && v.Status == StatusOK:
		// Slower than produced over the window, yet judged OK: its lag
		// comes and goes. Neither "keeping up" (the rates say otherwise)
		// nor "falling behind" (the verdict weighed more than two rates).
		return "consuming slower than produced"
	case gain > 0:
		eta := time.Duration(float64(v.Lag) / gain * float64(time.Second))
		return "catches up in " + eta.Round(time.Second).String()
	}
	return fmt.Sprintf("falling behind at %.1f/s", -gain)
}
