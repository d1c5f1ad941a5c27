package config

import _ "embed"

// Example is a commented sample configuration, as `kscope config example`
// prints it.
//
//go:embed example.yaml
var Example string
