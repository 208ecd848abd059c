// Package publish is the only code that puts a built site on disk. It
// writes the bytes it is given and changes none: internal/build makes
// every final byte (minified), and a Writer is the sink a build hands
// them to as it makes them.
//
// Create, then Add from any number of goroutines, then Commit (or Abort):
// the output folder is replaced with exactly the files added, all at once
// or not at all. Write does the same for files already in memory.
//
// # Write
//
// Write(dir, files, opts) makes dir hold exactly files plus a marker file
// ".consort" (content "consort output\n") that tells later builds the folder
// is theirs. It writes everything into a fresh sibling folder
// dir.tmp-NNNN, flushes it to disk when opts.Sync asks (for a power cut;
// a killed build needs no flush), then swaps it with dir. On Linux the swap
// is a single atomic exchange (renameat2 RENAME_EXCHANGE), so dir is at every
// moment either the complete previous build or the complete new one. Where the
// exchange is not available it is two renames (dir -> dir.old-NNNN,
// dir.tmp-NNNN -> dir); if the process dies between them, the next Write puts
// the previous build back before doing anything else. The previous build is
// removed after the swap, so files of an earlier build that are not in files
// are gone.
//
// If anything fails before the swap, dir is untouched and the temporary
// folder is removed. If dir is a symbolic link, the folder it points to is
// replaced, and the temporary folder and the lock live beside that folder.
//
// Safety. Write refuses, before touching the disk:
//   - a File.Path that is not a clean relative slash path: empty, ".",
//     "/abs", "a/../b", "..", "a//b", "a/", a backslash or a NUL byte; two
//     files with the same path; a file whose path is also a folder of another
//     file ("a" and "a/b"); the path ".consort", which is the marker's;
//   - a dir that is the filesystem root, the home folder or a folder that
//     contains it, the current folder or a folder that contains it, or a
//     folder that is, contains or lies inside one of opts.Forbidden.
//
// It then refuses, with "refusing to replace DIR: it is not empty and was not
// made by consort; choose an empty --out folder or delete it", a dir that
// has entries but no ".consort" marker, and a dir that is a file.
//
// Concurrency. Write takes a lock file dir.lock beside dir, created with
// O_EXCL and holding the writer's process ID, and removes it when done. A
// second Write on the same dir while that process lives is refused with
// "another consort build is writing DIR (pid N); wait for it or remove
// DIR.lock if no build is running". A lock left by a process that is no longer
// running (a killed build) is stale and taken over. Taking the lock and
// taking over a stale one happen under a short flock on the parent folder
// (where the system has flock), so two builds that find the same stale lock
// cannot both take it.
//
// Leftovers. The dir.tmp-NNNN and dir.old-NNNN folders that a killed build
// leaves are removed at the start of the next Write, once it holds the lock.
// Only folders whose name has that exact form and that are empty or carry the
// ".consort" marker are touched; Write removes the marker last, so a folder
// whose removal was interrupted is still recognised.
//
// Files are written with mode 0644 and folders with 0755 (less the umask),
// in a deterministic layout, through an os.Root opened on the temporary
// folder so that no path can escape it. Files are written in parallel.
package publish
