//go:build tools

// Package tools pins the FerretDB release the local stack builds; scripts/stack.sh runs
// `go build github.com/FerretDB/FerretDB/cmd/ferretdb` inside this module.
package tools

import _ "github.com/FerretDB/FerretDB/cmd/ferretdb"
