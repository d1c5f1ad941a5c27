package mcpserver

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"sync"
	"time"
)

// approvalLife is how long a preview's token may execute it.
const approvalLife = 5 * time.Minute

// maxApprovals bounds the previews waiting to be executed.
const maxApprovals = 100

// approvals are the previews a write tool gave, each waiting for its
// one-time token: only the call that brings the token back, with the
// same arguments as the preview, within its life, changes the cluster,
// and exactly as previewed.
type approvals struct {
	mu      sync.Mutex
	byToken map[string]approval
}

type approval struct {
	tool    string
	args    string // the preview's arguments, as JSON, without the token
	expires time.Time
	run     func(context.Context) (string, error)
}

// issue keeps what executing a preview does, and gives its token.
func (a *approvals) issue(tool string, args any, run func(context.Context) (string, error), now time.Time) (string, error) {
	key, err := json.Marshal(args)
	if err != nil {
		return "", err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.byToken == nil {
		a.byToken = map[string]approval{}
	}
	for token, p := range a.byToken {
		if now.After(p.expires) {
			delete(a.byToken, token)
		}
	}
	if len(a.byToken) >= maxApprovals {
		return "", errors.New("too many previews wait to be executed; execute or let some expire (5 minutes)")
	}
	token := rand.Text()
	a.byToken[token] = approval{tool: tool, args: string(key), expires: now.Add(approvalLife), run: run}
	return token, nil
}

// take gives the run of the preview a token names, once: the token is
// spent whether the call matches it or not, so it cannot be guessed at.
func (a *approvals) take(tool, token string, args any, now time.Time) (func(context.Context) (string, error), error) {
	key, err := json.Marshal(args)
	if err != nil {
		return nil, err
	}
	a.mu.Lock()
	p, ok := a.byToken[token]
	delete(a.byToken, token)
	a.mu.Unlock()
	switch {
	case !ok:
		return nil, errors.New("no preview has this token, or it was used already: call without a token to preview again")
	case now.After(p.expires):
		return nil, errors.New("the preview's token expired (after 5 minutes): call without a token to preview again")
	case p.tool != tool || p.args != string(key):
		return nil, errors.New("the token is another preview's: execute with the arguments that were previewed; nothing was changed, and the token is spent")
	}
	return p.run, nil
}
