//go:build unix

package kb

import (
	"os"
	"syscall"
)

// openNoFollow opens path for reading unless it is a symlink; a FIFO
// opens without waiting for a writer (the caller then refuses anything but
// a regular file).
func openNoFollow(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
}

// privateProblem says why st is not the current user's own, writable by
// no one else ("" when it is).
func privateProblem(st os.FileInfo) string {
	sys, ok := st.Sys().(*syscall.Stat_t)
	switch {
	case !ok:
		return "ownership unknown"
	case int(sys.Uid) != os.Getuid():
		return "owned by another user"
	case st.Mode().Perm()&0o022 != 0:
		return "writable by others"
	}
	return ""
}
