#pragma once
// Output files written all-or-nothing. A command stages every file it writes in a hidden
// folder inside each target directory, and only when every file is complete are they renamed
// over their targets (a rename within one file system replaces a file atomically, so a reader
// sees the old file or the new one, never a truncated one). If the command fails part-way —
// a stage throws, the disk fills — the staging folder is removed and the earlier run's files
// are left exactly as they were.
//
// Each target directory is locked (an flock on DIR/.kinchain.lock) for the whole transaction,
// so a second run into the same folder refuses at once instead of interleaving its files with
// the first's. The lock is released by the kernel if the process dies.
//
// A folder the command owns outright (`kinchain analyze -o DIR`) also carries a manifest of
// the files the last run wrote (DIR/.kinchain-files); on commit, files of the earlier run that
// this run did not produce are removed, so a re-run whose inverse dynamics fails does not
// leave the earlier run's id.sto beside the new results.json. Files not in the manifest (the
// user's own) are never touched.

#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace kinchain {

/// Another process holds the output folder's lock.
class OutputBusyError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class OutputTransaction {
 public:
  OutputTransaction();
  ~OutputTransaction();
  OutputTransaction(const OutputTransaction&) = delete;
  OutputTransaction& operator=(const OutputTransaction&) = delete;

  /// The path to write instead of `target`; the file moves to `target` on commit. Creates and
  /// locks the target's directory on first use. Staging one target twice gives the same path.
  /// @throws OutputBusyError when another run holds the directory's lock; InputError when the
  ///         directory cannot be created or locked.
  std::filesystem::path stage(const std::filesystem::path& target);

  /// Declares `directory` a folder this command owns: on commit, files the previous run listed
  /// in its manifest that this run did not write are removed. Locks the directory.
  void ownFolder(const std::filesystem::path& directory);

  /// The staging folder of `directory` (created and locked on first use): a command that
  /// writes a whole folder (analyze) writes straight into it.
  std::filesystem::path stagingFolder(const std::filesystem::path& directory);

  /// Moves every staged file that was written onto its target, removes the owned folders'
  /// stale files and the staging folders, and releases the locks.
  /// @throws InputError when a file cannot be flushed to disk or renamed (the files already
  ///         moved stay; the message names the file).
  /// @return the targets written, in staging order.
  std::vector<std::filesystem::path> commit();

 private:
  struct Folder;
  Folder& folderFor(const std::filesystem::path& directory);
  void abandon() noexcept;

  std::map<std::filesystem::path, std::unique_ptr<Folder>> folders_;
  std::vector<std::filesystem::path> targets_;  // absolute, in staging order
  bool finished_ = false;
};

}  // namespace kinchain
