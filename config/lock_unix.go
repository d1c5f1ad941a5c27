//go:build unix

package config

import (
	"errors"
	"os"
	"syscall"
)

// lock takes an exclusive lock beside path, held until the returned
// function runs. A lock on the file itself would not do: the rename
// replaces it.
func lock(path string) (func(), error) {
	l, err := os.OpenFile(path+".lock", os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(l.Fd()), syscall.LOCK_EX); err != nil {
		l.Close()
		return nil, err
	}
	return func() {
		syscall.Flock(int(l.Fd()), syscall.LOCK_UN)
		l.Close()
	}, nil
}

// keepOwner gives f the owner of the file it replaces when allowed to
// (root editing a user's file); otherwise the file is ours already.
func keepOwner(f *os.File, replaced os.FileInfo) error {
	st, ok := replaced.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	if err := f.Chown(int(st.Uid), int(st.Gid)); err != nil && !errors.Is(err, syscall.EPERM) {
		return err
	}
	return nil
}
