#include "kinchain/common/output_transaction.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <string>
#include <system_error>

#include "kinchain/common/error.hpp"

namespace kinchain {

namespace fs = std::filesystem;

namespace {

constexpr const char* kLockName = ".kinchain.lock";
constexpr const char* kManifestName = ".kinchain-files";
constexpr const char* kStagingPrefix = ".kinchain-staging-";

std::string systemMessage(int error) {
  return std::generic_category().message(error);
}

// Flushes a file's data to the disk before it is renamed over an earlier good file, so a power
// cut after the rename cannot leave the new name pointing at blocks that were never written.
void flushToDisk(const fs::path& path, bool directory) {
  const int fd = ::open(path.c_str(), (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw InputError(path.string(), "", "cannot open to flush: " + systemMessage(errno));
  const int result = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  // Some file systems cannot fsync a directory (EINVAL); the files themselves are flushed.
  if (result != 0 && !(directory && error == EINVAL))
    throw InputError(path.string(), "", "cannot flush the file to disk: " + systemMessage(error));
}

// The pid written into a lock file by the process holding it, for the "busy" message.
std::string lockHolder(const fs::path& lockFile) {
  std::ifstream file(lockFile);
  std::string pid;
  std::getline(file, pid);
  const bool digits =
      !pid.empty() && pid.size() < 12 &&
      std::all_of(pid.begin(), pid.end(), [](char c) { return c >= '0' && c <= '9'; });
  return digits ? " by process " + pid : "";
}

// A manifest entry is a bare file name; anything else (an edited manifest naming "../x" or an
// absolute path) is ignored so that clean-up can never reach outside the folder.
bool isBareFileName(const std::string& name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos &&
         name.find('\0') == std::string::npos;
}

std::set<std::string> readManifest(const fs::path& directory) {
  std::set<std::string> names;
  std::ifstream file(directory / kManifestName);
  std::string line;
  while (std::getline(file, line)) {
    if (isBareFileName(line)) names.insert(line);
  }
  return names;
}

}  // namespace

struct OutputTransaction::Folder {
  fs::path directory;
  fs::path staging;
  int lockFd = -1;
  bool owned = false;
};

OutputTransaction::OutputTransaction() = default;

OutputTransaction::~OutputTransaction() {
  if (!finished_) abandon();
}

OutputTransaction::Folder& OutputTransaction::folderFor(const fs::path& requested) {
  fs::path directory =
      fs::absolute(requested.empty() ? fs::path(".") : requested).lexically_normal();
  // "/a/b/." normalises to "/a/b/": drop the trailing separator so one folder has one key.
  if (!directory.has_filename() && directory.has_relative_path())
    directory = directory.parent_path();
  if (const auto found = folders_.find(directory); found != folders_.end()) return *found->second;

  std::error_code error;
  fs::create_directories(directory, error);
  if (error || !fs::is_directory(directory)) {
    throw InputError(directory.string(), "",
                     "cannot create the output folder: " +
                         (error ? error.message() : std::string("a file of that name exists")));
  }
  auto folder = std::make_unique<Folder>();
  folder->directory = directory;
  const fs::path lockFile = directory / kLockName;
  folder->lockFd = ::open(lockFile.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (folder->lockFd < 0) {
    throw InputError(lockFile.string(), "",
                     "cannot create the output folder's lock file: " + systemMessage(errno));
  }
  if (::flock(folder->lockFd, LOCK_EX | LOCK_NB) != 0) {
    const int lockError = errno;
    ::close(folder->lockFd);
    if (lockError == EWOULDBLOCK) {
      throw OutputBusyError(directory.string() +
                            ": another kinchain run is writing into this folder" +
                            lockHolder(lockFile) + " (lock " + lockFile.string() +
                            "); wait for it to finish or choose another output folder");
    }
    throw InputError(lockFile.string(), "",
                     "cannot lock the output folder: " + systemMessage(lockError));
  }
  // The holder's pid, for the message a second run prints.
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(folder->lockFd, 0) == 0 &&
      ::pwrite(folder->lockFd, pid.data(), pid.size(), 0) < 0) {
    // The pid only decorates the busy message; the lock itself is held.
  }

  // Staging folders left by a run that was killed: nobody holds the lock, so they are garbage.
  for (const auto& entry : fs::directory_iterator(directory, error)) {
    if (entry.path().filename().string().rfind(kStagingPrefix, 0) == 0 && entry.is_directory())
      fs::remove_all(entry.path(), error);
  }

  std::string pattern = (directory / (std::string(kStagingPrefix) + "XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    const int stagingError = errno;
    ::close(folder->lockFd);
    throw InputError(
        directory.string(), "",
        "cannot create a staging folder for the outputs: " + systemMessage(stagingError));
  }
  folder->staging = pattern;
  auto& stored = folders_[directory];
  stored = std::move(folder);
  return *stored;
}

fs::path OutputTransaction::stage(const fs::path& target) {
  if (target.filename().empty())
    throw InputError(target.string(), "", "an output file needs a file name");
  Folder& folder = folderFor(target.parent_path());
  const fs::path absolute = folder.directory / target.filename();
  if (std::find(targets_.begin(), targets_.end(), absolute) == targets_.end())
    targets_.push_back(absolute);
  return folder.staging / target.filename();
}

void OutputTransaction::ownFolder(const fs::path& directory) {
  folderFor(directory).owned = true;
}

fs::path OutputTransaction::stagingFolder(const fs::path& directory) {
  return folderFor(directory).staging;
}

std::vector<fs::path> OutputTransaction::commit() {
  if (finished_) throw std::logic_error("OutputTransaction::commit called twice");
  std::vector<fs::path> written;
  try {
    // Everything is flushed before anything is renamed: a failure here leaves every target as
    // the earlier run left it.
    std::map<Folder*, std::vector<std::string>> names;
    for (auto& [directory, folder] : folders_) {
      auto& list = names[folder.get()];
      for (const auto& entry : fs::directory_iterator(folder->staging)) {
        if (!entry.is_regular_file()) continue;
        flushToDisk(entry.path(), false);
        list.push_back(entry.path().filename().string());
      }
      std::sort(list.begin(), list.end());
    }
    for (auto& [folder, list] : names) {
      for (const auto& name : list) {
        std::error_code error;
        fs::rename(folder->staging / name, folder->directory / name, error);
        if (error) {
          throw InputError((folder->directory / name).string(), "",
                           "cannot replace the file with the new one: " + error.message());
        }
      }
      if (folder->owned) {
        const std::set<std::string> current(list.begin(), list.end());
        for (const auto& stale : readManifest(folder->directory)) {
          if (current.count(stale) == 0) {
            std::error_code error;
            fs::remove(folder->directory / stale, error);
          }
        }
        std::string manifest;
        for (const auto& name : list)
          manifest += name + "\n";
        const fs::path temporary = folder->staging / kManifestName;
        {
          std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
          file << manifest;
          file.close();
          if (!file) throw InputError(temporary.string(), "", "cannot write the output manifest");
        }
        flushToDisk(temporary, false);
        std::error_code error;
        fs::rename(temporary, folder->directory / kManifestName, error);
        if (error) {
          throw InputError((folder->directory / kManifestName).string(), "",
                           "cannot replace the output manifest: " + error.message());
        }
      }
      flushToDisk(folder->directory, true);
    }
    // Report the targets in the order they were staged, then files written straight into a
    // staging folder.
    for (const auto& target : targets_) {
      const auto& folder = folders_.at(target.parent_path());
      const auto& list = names[folder.get()];
      if (std::find(list.begin(), list.end(), target.filename().string()) != list.end())
        written.push_back(target);
    }
    for (auto& [folder, list] : names) {
      for (const auto& name : list) {
        const fs::path path = folder->directory / name;
        if (std::find(written.begin(), written.end(), path) == written.end())
          written.push_back(path);
      }
    }
  } catch (...) {
    abandon();
    throw;
  }
  abandon();  // staging folders are empty now; removes them and releases the locks
  return written;
}

void OutputTransaction::abandon() noexcept {
  finished_ = true;
  for (auto& [directory, folder] : folders_) {
    std::error_code error;
    if (!folder->staging.empty()) fs::remove_all(folder->staging, error);
    if (folder->lockFd >= 0) ::close(folder->lockFd);
    folder->lockFd = -1;
  }
}

}  // namespace kinchain
