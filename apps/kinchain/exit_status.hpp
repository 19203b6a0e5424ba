#pragma once
// What `kinchain`'s exit status means (README "Exit status"). Scripts and the clinic server act
// on it, so every command keeps to it:
//   0  everything asked for was done and written
//   1  an input or an output could not be used: nothing was written, earlier outputs are intact
//   2  partial: a stage the user asked for failed; what could be computed was written, and
//      stderr names the stage and why
//   3  the output folder is busy: another kinchain run holds its lock; nothing was written
//  64  the command line itself is wrong (unknown option, missing argument)

#include <stdexcept>
#include <string>

namespace kinchain::cli {

enum ExitStatus : int {
  kExitSuccess = 0,
  kExitFailure = 1,
  kExitPartial = 2,
  kExitOutputBusy = 3,
  kExitUsage = 64,  // EX_USAGE of BSD sysexits.h
};

/// Thrown by a command after it has written partial results: main() prints the message and
/// exits with kExitPartial.
class PartialResults : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace kinchain::cli
