package config

import (
	"os"

	"golang.org/x/sys/windows"
)

// lock takes an exclusive lock beside path, held until the returned
// function runs. A lock on the file itself would not do: the rename
// replaces it.
func lock(path string) (func(), error) {
	l, err := os.OpenFile(path+".lock", os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	h := windows.Handle(l.Fd())
	whole := new(windows.Overlapped)
	if err := windows.LockFileEx(h, windows.LOCKFILE_EXCLUSIVE_LOCK, 0, 1, 0, whole); err != nil {
		l.Close()
		return nil, err
	}
	return func() {
		windows.UnlockFileEx(h, 0, 1, 0, whole)
		l.Close()
	}, nil
}

// keepOwner does nothing: a file on Windows keeps the ACL of its folder.
func keepOwner(*os.File, os.FileInfo) error { return nil }
