//go:build !unix

package kb

import (
	"errors"
	"os"
)

// Without Unix ownership and O_NOFOLLOW the cache cannot be checked: it
// is neither read nor written.
func openNoFollow(string) (*os.File, error) { return nil, errors.ErrUnsupported }

func privateProblem(os.FileInfo) string { return "not used on this system" }
