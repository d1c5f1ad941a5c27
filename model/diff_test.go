package model

import (
	"strings"
	"testing"
)

func TestDiffMarksWhatChanged(t *testing.T) {
	old := strings.Split("{\n  \"a\": 1,\n  \"b\": 2\n}", "\n")
	new := strings.Split("{\n  \"a\": 1,\n  \"c\": 3,\n  \"b\": 2\n}", "\n")
	lines, ok := Diff(old, new)
	if !ok {
		t.Fatal("not compared")
	}
	var got []string
	for _, l := range lines {
		got = append(got, string(l.Op)+l.Text)
	}
	want := " {\n   \"a\": 1,\n+  \"c\": 3,\n   \"b\": 2\n }"
	if strings.Join(got, "\n") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
	if _, ok := Diff(make([]string, 3000), make([]string, 3000)); ok {
		t.Error("compared texts past the bound")
	}
}

func TestSubjectTopic(t *testing.T) {
	for subject, want := range map[string]string{"orders-value": "orders value", "a-b-key": "a-b key", "shop.Customer": "", "-value": ""} {
		topic, part, ok := SubjectTopic(subject)
		if got := strings.TrimSpace(topic + " " + part); got != want || ok != (want != "") {
			t.Errorf("%s: %q %v", subject, got, ok)
		}
	}
}
