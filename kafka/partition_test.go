package kafka

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"os"
	"strconv"
	"testing"
)

// Where Kafka's default partitioner puts a key is defined by the Java
// client: testdata/partitions/java.jsonl is what it said for 273 keys
// (text, UTF-8, binary, empty) at nine partition counts
// (scripts/fixtures/java-partitions.sh makes it), and kscope must agree
// on every one, in the plain go test.
func TestKeyPartitionAgreesWithTheJavaClient(t *testing.T) {
	f, err := os.Open("../testdata/partitions/java.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	lines := 0
	for sc.Scan() {
		var line struct {
			Key        string         `json:"key"`
			Partitions map[string]int `json:"partitions"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatal(err)
		}
		key, err := hex.DecodeString(line.Key)
		if err != nil {
			t.Fatal(err)
		}
		for count, want := range line.Partitions {
			n, _ := strconv.Atoi(count)
			if got := KeyPartition(key, n); int(got) != want {
				t.Errorf("key %s of %d partitions: %d, the Java client %d", line.Key, n, got, want)
			}
		}
		lines++
	}
	if lines != 273 {
		t.Errorf("read %d keys of the fixture, want 273", lines)
	}
}
