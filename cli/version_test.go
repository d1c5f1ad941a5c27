package cli

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// kscope version, --version and -v say the same: the version, commit and
// build date a release stamps, else what the build info knows, and the Go
// and franz-go versions.
func TestVersion(t *testing.T) {
	r := kscope(t, "", "version").want(t, 0, "kscope ", "\ngo        go1.", "\nfranz-go  ")
	for _, flag := range []string{"--version", "-v"} {
		if other := kscope(t, "", flag).want(t, 0); other.stdout != r.stdout {
			t.Errorf("%s printed %q, version %q", flag, other.stdout, r.stdout)
		}
	}
	version, commit, date = "v0.9.0", "0123abcd", "2026-12-07T08:00:00Z"
	t.Cleanup(func() { version, commit, date = "", "", "" })
	got := buildInfo().String()
	for _, want := range []string{"kscope v0.9.0\n", "commit    0123abcd", "built     2026-12-07T08:00:00Z"} {
		if !strings.Contains(got, want) {
			t.Errorf("a stamped build says\n%s\nwant %q", got, want)
		}
	}
	// Unstamped, as go install and a clone build it: from the build info.
	version, commit, date = "", "", ""
	got = buildOf(&debug.BuildInfo{Main: debug.Module{Version: "v0.8.1"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "feedbeef"}, {Key: "vcs.time", Value: "2026-12-01T10:00:00Z"}, {Key: "vcs.modified", Value: "true"}},
		Deps:     []*debug.Module{{Path: "github.com/twmb/franz-go", Version: "v1.22.3"}}}).String()
	for _, want := range []string{"kscope v0.8.1\n", "commit    feedbeef (with uncommitted changes)", "built     2026-12-01T10:00:00Z", "franz-go  v1.22.3"} {
		if !strings.Contains(got, want) {
			t.Errorf("a stamped build says\n%s\nwant %q", got, want)
		}
	}
}

// $SCHEMA_REGISTRY_URL stands for --schema-registry, as in Confluent's
// tools: with -b and no context, the demo's Avro and Protobuf values
// decode.
func TestSchemaRegistryFromTheEnvironment(t *testing.T) {
	args := []string{"-b", cluster.Addrs()[0], "tail", "payments.avro", "--from", "beginning", "-n", "1", "-o", "json"}
	kscope(t, "", args...).want(t, 0, `"value_note":"framed for a schema registry, schema id 1: set schema_registry (or --schema-registry)`)
	t.Setenv("SCHEMA_REGISTRY_URL", cluster.RegistryURL())
	kscope(t, "", args...).want(t, 0, `"value":{"payment_id":"pay-`, `"subject":"payments.avro-value"`)
	args[3] = "shipments.proto"
	kscope(t, "", args...).want(t, 0, `"value":{"shipmentId":"`, `"subject":"shipments.proto-value"`)
}

// --cpuprofile, hidden, writes a CPU profile of the command for a report
// about speed.
func TestCPUProfile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cpu.pprof")
	kscope(t, "", "--cpuprofile", path, "topics").want(t, 0, "orders")
	b, err := os.ReadFile(path)
	if err != nil || len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b { // pprof's profiles are gzipped
		t.Errorf("the profile: %d bytes, %v", len(b), err)
	}
	if help := kscope(t, "", "--help").want(t, 0); strings.Contains(help.stdout, "cpuprofile") {
		t.Error("--cpuprofile shows in help")
	}
}
