// Output files are all-or-nothing: staged, then moved over the earlier run's files only when
// every file is complete; an owned folder loses the earlier run's files this run did not write;
// a second writer into a locked folder is refused.

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "kinchain/common/error.hpp"
#include "kinchain/common/output_transaction.hpp"
#include "kinchain/io/text_fields.hpp"

namespace {

namespace fs = std::filesystem;
using kinchain::OutputBusyError;
using kinchain::OutputTransaction;
using kinchain::io::text::writeWholeFile;

class OutputTransactionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = fs::temp_directory_path() /
              ("kinchain-output-transaction-" + std::to_string(::getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(folder_);
  }
  void TearDown() override { fs::remove_all(folder_); }

  static std::string read(const fs::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
  }
  // Files other than the lock and the manifest (the folder's bookkeeping).
  std::vector<std::string> visibleFiles() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder_)) {
      const std::string name = entry.path().filename().string();
      if (name != ".kinchain.lock" && name != ".kinchain-files") names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  fs::path folder_;
};

TEST_F(OutputTransactionTest, FilesAppearOnlyOnCommit) {
  OutputTransaction output;
  const fs::path staged = output.stage(folder_ / "results.json");
  writeWholeFile(staged, "new");
  EXPECT_FALSE(fs::exists(folder_ / "results.json")) << "visible before the commit";
  const auto written = output.commit();
  ASSERT_EQ(written.size(), 1u);
  EXPECT_EQ(written[0], fs::absolute(folder_ / "results.json").lexically_normal());
  EXPECT_EQ(read(folder_ / "results.json"), "new");
  EXPECT_EQ(visibleFiles(), std::vector<std::string>{"results.json"}) << "staging folder left";
}

TEST_F(OutputTransactionTest, AFailedRunLeavesTheEarlierFilesIntact) {
  {
    OutputTransaction first;
    writeWholeFile(first.stage(folder_ / "results.json"), "earlier results");
    writeWholeFile(first.stage(folder_ / "report.html"), "earlier report");
    first.commit();
  }
  {
    OutputTransaction second;
    writeWholeFile(second.stage(folder_ / "report.html"), "half a new report");
    // The run fails before results.json is written: the transaction is never committed.
  }
  EXPECT_EQ(read(folder_ / "results.json"), "earlier results");
  EXPECT_EQ(read(folder_ / "report.html"), "earlier report");
  EXPECT_EQ(visibleFiles(), (std::vector<std::string>{"report.html", "results.json"}));
}

TEST_F(OutputTransactionTest, AnOwnedFolderLosesOnlyTheEarlierRunsStaleFiles) {
  fs::create_directories(folder_);
  writeWholeFile(folder_ / "notes.txt", "the user's own file");
  {
    OutputTransaction first;
    first.ownFolder(folder_);
    const fs::path staging = first.stagingFolder(folder_);
    writeWholeFile(staging / "results.json", "run 1");
    writeWholeFile(staging / "id.sto", "run 1 moments");
    first.commit();
  }
  {
    OutputTransaction second;  // inverse dynamics failed this time: no id.sto
    second.ownFolder(folder_);
    writeWholeFile(second.stagingFolder(folder_) / "results.json", "run 2");
    second.commit();
  }
  EXPECT_EQ(read(folder_ / "results.json"), "run 2");
  EXPECT_FALSE(fs::exists(folder_ / "id.sto")) << "the earlier run's id.sto was left behind";
  EXPECT_EQ(read(folder_ / "notes.txt"), "the user's own file");
}

TEST_F(OutputTransactionTest, AManifestCannotReachOutsideTheFolder) {
  fs::create_directories(folder_ / "inner");
  writeWholeFile(folder_ / "outside.txt", "keep");
  writeWholeFile(folder_ / "inner" / ".kinchain-files", "../outside.txt\n/etc/hostname\n..\n");
  OutputTransaction output;
  output.ownFolder(folder_ / "inner");
  writeWholeFile(output.stagingFolder(folder_ / "inner") / "results.json", "x");
  output.commit();
  EXPECT_EQ(read(folder_ / "outside.txt"), "keep");
}

TEST_F(OutputTransactionTest, ASecondWriterIntoALockedFolderIsRefused) {
  OutputTransaction first;
  writeWholeFile(first.stage(folder_ / "results.json"), "first");
  OutputTransaction second;
  try {
    second.stage(folder_ / "results.json");
    FAIL() << "the second writer was let in";
  } catch (const OutputBusyError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("another kinchain run"), std::string::npos) << message;
    EXPECT_NE(message.find(std::to_string(::getpid())), std::string::npos)
        << "the holder's pid is not named: " << message;
  }
  first.commit();
  // Once the first has finished the folder is free again.
  OutputTransaction third;
  writeWholeFile(third.stage(folder_ / "results.json"), "third");
  third.commit();
  EXPECT_EQ(read(folder_ / "results.json"), "third");
}

TEST_F(OutputTransactionTest, StagingLeftByAKilledRunIsCleanedByTheNextRun) {
  fs::create_directories(folder_ / ".kinchain-staging-dead01");
  writeWholeFile(folder_ / ".kinchain-staging-dead01" / "results.json", "partial");
  OutputTransaction output;
  writeWholeFile(output.stage(folder_ / "results.json"), "complete");
  output.commit();
  EXPECT_EQ(visibleFiles(), std::vector<std::string>{"results.json"});
}

// A full disk, made real with the file-size limit: the write fails with EFBIG exactly where a
// full disk fails with ENOSPC, and the earlier file must survive untouched.
TEST_F(OutputTransactionTest, AWriteThatFailsForLackOfSpaceLeavesTheEarlierFile) {
  {
    OutputTransaction first;
    writeWholeFile(first.stage(folder_ / "model_scaled.osim"), std::string(4096, 'a'));
    first.commit();
  }
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit limit{1024, 1024};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    try {
      OutputTransaction second;
      writeWholeFile(second.stage(folder_ / "model_scaled.osim"), std::string(8192, 'b'));
      second.commit();
    } catch (const std::exception&) {
      ::_exit(3);  // the expected failure
    }
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 3) << "the oversized write did not fail";
  EXPECT_EQ(read(folder_ / "model_scaled.osim"), std::string(4096, 'a'));
  EXPECT_EQ(visibleFiles(), std::vector<std::string>{"model_scaled.osim"});
}

}  // namespace
