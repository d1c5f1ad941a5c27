package kafka

import (
	"context"
	"fmt"

	"github.com/twmb/franz-go/pkg/sasl"
	"github.com/twmb/franz-go/pkg/sasl/aws"
	"github.com/twmb/franz-go/pkg/sasl/oauth"
	"github.com/twmb/franz-go/pkg/sasl/plain"
	"github.com/twmb/franz-go/pkg/sasl/scram"
)

// SASL says how the client authenticates.
type SASL struct {
	Mechanism string // PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER, AWS_MSK_IAM
	User      string // for AWS_MSK_IAM, the access key id
	Password  string // for AWS_MSK_IAM, the secret access key
	// Token gives an OAUTHBEARER token; it is asked for on every new
	// connection, so short-lived tokens stay fresh.
	Token        func(context.Context) (string, error)
	SessionToken string // AWS_MSK_IAM with temporary credentials
}

// mechanism is the franz-go SASL mechanism for s.
func (s *SASL) mechanism() (sasl.Mechanism, error) {
	switch s.Mechanism {
	case "PLAIN":
		return plain.Auth{User: s.User, Pass: s.Password}.AsMechanism(), nil
	case "SCRAM-SHA-256":
		return scram.Auth{User: s.User, Pass: s.Password}.AsSha256Mechanism(), nil
	case "SCRAM-SHA-512":
		return scram.Auth{User: s.User, Pass: s.Password}.AsSha512Mechanism(), nil
	case "OAUTHBEARER":
		if s.Token == nil {
			return nil, fmt.Errorf("OAUTHBEARER needs a token source")
		}
		token := s.Token
		return oauth.Oauth(func(ctx context.Context) (oauth.Auth, error) {
			t, err := token(ctx)
			return oauth.Auth{Token: t}, err
		}), nil
	case "AWS_MSK_IAM":
		return aws.ManagedStreamingIAM(func(context.Context) (aws.Auth, error) {
			return aws.Auth{AccessKey: s.User, SecretKey: s.Password, SessionToken: s.SessionToken, UserAgent: "kscope"}, nil
		}), nil
	}
	return nil, fmt.Errorf("SASL mechanism %q is not supported", s.Mechanism)
}

// who names the identity for error messages: the user, never the secret.
func (s *SASL) who() string {
	if s.User != "" {
		return fmt.Sprintf("user %q (%s)", s.User, s.Mechanism)
	}
	return s.Mechanism
}
