//go:build tools

// Package tools pins the SeaweedFS release the local stack builds; scripts/stack.sh runs
// `go build github.com/seaweedfs/seaweedfs/weed` inside this module.
//
// SeaweedFS tags its releases as "4.53", not as semver, so the Go module proxy serves them only as
// pseudo-versions: v0.0.0-20261109003541-7506e5f91cd6 is the commit whose weed/util/version says 4.53.
package tools

import _ "github.com/seaweedfs/seaweedfs/weed"
