package model

import "fmt"

// Feature is a cluster feature (KIP-584): the level the cluster runs at,
// finalized, and the range the broker asked supports. metadata.version's
// levels are Kafka's release versions (kafka-features.sh names them).
type Feature struct {
	Name                       string
	Level                      int16 // finalized; 0 when not finalized
	SupportedMin, SupportedMax int16
}

// Quorum is the KRaft controller quorum as its leader describes it.
type Quorum struct {
	Leader        int32
	Epoch         int32
	HighWatermark int64
	Voters        []QuorumReplica
	Observers     []QuorumReplica
}

// QuorumReplica is a voter's or an observer's place in the metadata log.
type QuorumReplica struct {
	ID           int32
	LogEndOffset int64
	// Lag is how far its log end is behind the leader's high watermark.
	Lag int64
	// LastFetch and LastCaughtUp are milliseconds since the epoch; -1 when
	// unknown.
	LastFetch, LastCaughtUp int64
}

// QuorumMember is a replica of the quorum with its role: voter, or
// observer (a broker that follows the metadata log without voting); the
// leader's role says its epoch.
type QuorumMember struct {
	QuorumReplica
	Role string
}

// Members are the voters, then the observers.
func (q Quorum) Members() []QuorumMember {
	var out []QuorumMember
	for _, r := range q.Voters {
		role := "voter"
		if r.ID == q.Leader {
			role = fmt.Sprintf("voter, leader (epoch %d, high watermark %d)", q.Epoch, q.HighWatermark)
		}
		out = append(out, QuorumMember{r, role})
	}
	for _, r := range q.Observers {
		out = append(out, QuorumMember{r, "observer"})
	}
	return out
}
