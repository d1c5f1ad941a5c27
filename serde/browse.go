package serde

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"sync"

	"github.com/twmb/franz-go/pkg/sr"
	"google.golang.org/protobuf/encoding/prototext"

	"github.com/kscope/kscope/model"
)

// browseParallel bounds the requests listing subjects makes at once: a
// registry of hundreds of subjects answers in a few round trips, and is
// not flooded.
const browseParallel = 8

// Subjects lists the registry's subjects with their latest version's
// type and id, their version count and compatibility level. A subject
// that cannot be read carries its error; the list still comes.
func (r *Registry) Subjects(ctx context.Context) ([]model.Subject, error) {
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	names, err := r.cl.Subjects(ctx)
	if err != nil {
		return nil, r.explain(err)
	}
	global := "BACKWARD" // the registry default when it does not say
	if res := r.cl.Compatibility(ctx); len(res) == 1 && res[0].Err == nil {
		global = res[0].Level.String()
	}
	out := make([]model.Subject, len(names))
	var wg sync.WaitGroup
	sem := make(chan struct{}, browseParallel)
	for i, name := range names {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			out[i] = r.subject(ctx, name, global)
		})
	}
	wg.Wait()
	slices.SortFunc(out, func(a, b model.Subject) int {
		switch {
		case a.Name < b.Name:
			return -1
		case a.Name > b.Name:
			return 1
		}
		return 0
	})
	return out, nil
}

func (r *Registry) subject(ctx context.Context, name, global string) model.Subject {
	s := model.Subject{Name: name, Compatibility: global, Inherited: true}
	versions, err := r.cl.SubjectVersions(ctx, name)
	if err != nil {
		s.Err = r.explain(err)
		return s
	}
	s.Versions = len(versions)
	latest, err := r.cl.SchemaByVersion(ctx, name, -1)
	if err != nil {
		s.Err = r.explain(err)
		return s
	}
	s.Latest, s.LatestID, s.Type = latest.Version, latest.ID, typeName(latest.Type)
	if res := r.cl.Compatibility(ctx, name); len(res) == 1 && res[0].Err == nil {
		s.Compatibility, s.Inherited = res[0].Level.String(), false
	}
	return s
}

// Versions are every version of a subject, oldest first, with their text.
func (r *Registry) Versions(ctx context.Context, subject string) ([]model.SchemaVersion, error) {
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	all, err := r.cl.Schemas(ctx, subject)
	var re *sr.ResponseError
	if errors.As(err, &re) && re.StatusCode == http.StatusNotFound {
		return nil, errors.New("the registry has no subject " + model.Sanitize(subject))
	}
	if err != nil {
		return nil, r.explain(err)
	}
	out := make([]model.SchemaVersion, len(all))
	for i, s := range all {
		out[i] = model.SchemaVersion{Subject: s.Subject, Version: s.Version, ID: s.ID, Type: typeName(s.Type), Text: s.Schema.Schema}
		if fd := descriptorIn(s.Schema.Schema); s.Type == sr.TypeProtobuf && fd != nil {
			out[i].Text = "# a FileDescriptorProto, as the serializer registered it\n" + prototext.Format(fd)
		}
		for _, ref := range s.References {
			out[i].References = append(out[i].References, model.SchemaReference{Name: ref.Name, Subject: ref.Subject, Version: ref.Version})
		}
	}
	slices.SortFunc(out, func(a, b model.SchemaVersion) int { return a.Version - b.Version })
	return out, nil
}
