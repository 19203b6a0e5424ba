#pragma once
// Where a tool's output files go: the path a setup file plans, optionally moved into an
// override directory (`--output-dir`), and its directory created before writing, so a fresh
// folder or a bare file name both work.

#include <filesystem>
#include <optional>

namespace kinchain {

class OutputTransaction;

/// `planned` moved into `outputDirectory` (file name kept) when one is given; an empty
/// `planned` (nothing to write) stays empty.
std::filesystem::path redirectedOutput(const std::filesystem::path& planned,
                                       const std::optional<std::filesystem::path>& outputDirectory);

/// Creates the directory that will hold `file`; a file with no directory part (written in the
/// working directory) needs none. Throws InputError naming the directory when it cannot be made.
void createParentDirectory(const std::filesystem::path& file);

/// The path to write so that `target` is produced: its staged copy while `transaction` is open
/// (the file reaches `target` when the transaction commits), else `target` itself with its
/// directory created.
std::filesystem::path writablePath(const std::filesystem::path& target,
                                   OutputTransaction* transaction);

}  // namespace kinchain
