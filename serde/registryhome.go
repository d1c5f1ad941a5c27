package serde

import (
	"errors"
	"net/http"
	"net/url"
)

// origin is where the user said the registry is: the only scheme, host
// and port its credentials are sent to.
type origin struct{ scheme, host, port string }

// registryHome takes credentials written into the registry's URL
// (https://user:pw@host) out of it, into cfg's basic auth unless cfg has
// its own, so the URL kscope prints in notes and errors holds no secret;
// and it returns the URL's origin.
func registryHome(cfg *RegistryConfig) (origin, error) {
	u, err := url.Parse(cfg.URL)
	if err != nil || u.Host == "" || u.Scheme != "http" && u.Scheme != "https" {
		return origin{}, errors.New("schema registry URL: want http(s)://host[:port]")
	}
	if u.User != nil {
		if cfg.Username == "" && cfg.Token == "" {
			cfg.Username = u.User.Username()
			cfg.Password, _ = u.User.Password()
		}
		u.User = nil
		cfg.URL = u.String()
	}
	return originOf(u), nil
}

func originOf(u *url.URL) origin {
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	return origin{u.Scheme, u.Hostname(), port}
}

// redirect follows a registry's redirect, with its credentials only back
// to the registry's own origin: Go's client keeps Authorization for any
// port of the same host name, and a registry must not be able to send
// them to another service on its machine, or anywhere else.
func (o origin) redirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return errors.New("stopped after 10 redirects")
	}
	if originOf(req.URL) != o {
		req.Header.Del("Authorization")
	}
	return nil
}
