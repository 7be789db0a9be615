//go:build tools

// Pins the Toxiproxy server (github.com/Shopify/toxiproxy/v2/cmd/server) for `go build`.
package tools

import _ "github.com/Shopify/toxiproxy/v2/cmd/server"
