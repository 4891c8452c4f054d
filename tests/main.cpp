// The main of every doctest binary. Beyond doctest's own main it makes sure
// every test case really runs under CTest:
//   - a test case name must not contain ';': doctest_discover_tests hands the
//     names to CMake, which splits them at ';' into several CTest entries
//     that each match no case and "pass". Such a name stops the binary
//     before anything runs or is listed, so the build's test discovery fails
//     and names the case;
//   - a run that executes no test case (a filter matching nothing) fails;
//   - with TRICOLOR_DOCTEST_RECORD=DIR, each run writes the names of the
//     cases it executed to a new file in DIR: scripts/test_counts.py
//     compares them with --count and --list-test-cases after CTest.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

bool g_runStarted = false;  // false for --count, --list-test-cases and other queries
std::vector<std::string> g_casesRun;

struct CaseRecorder : doctest::IReporter {
  explicit CaseRecorder(const doctest::ContextOptions&) {}
  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override { g_runStarted = true; }
  void test_run_end(const doctest::TestRunStats&) override {}
  void test_case_start(const doctest::TestCaseData& tc) override { g_casesRun.emplace_back(tc.m_name); }
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_end(const doctest::CurrentTestCaseStats&) override {}
  void test_case_exception(const doctest::TestCaseException&) override {}
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData&) override {}
  void log_message(const doctest::MessageData&) override {}
  void test_case_skipped(const doctest::TestCaseData&) override {}
};
REGISTER_LISTENER("tricolor_case_recorder", 1, CaseRecorder);

// Names CMake would split (see above); prints each with its place.
int badTestNames() {
  int bad = 0;
  for (const doctest::detail::TestCase& tc : doctest::detail::getRegisteredTests()) {
    if (std::string(tc.m_name).find(';') == std::string::npos) continue;
    std::fprintf(stderr,
                 "%s:%d: test case name contains ';' (CMake would split its CTest entry into ones that run "
                 "nothing): \"%s\"\n",
                 tc.m_file.c_str(), tc.m_line, tc.m_name);
    ++bad;
  }
  return bad;
}

// Writes "# binary", "# args..." and then one executed case per line to a new
// file in dir (mkstemp: CTest runs several of these binaries at once).
void record(const char* dir, int argc, char** argv) {
  std::string path = std::string(dir) + "/cases.XXXXXX";
  int fd = mkstemp(path.data());
  if (fd < 0) {
    std::perror(path.c_str());
    return;
  }
  std::string text = std::string("# ") + argv[0] + "\n#";
  for (int i = 1; i < argc; ++i) text += std::string(" ") + argv[i];
  text += "\n";
  for (const std::string& name : g_casesRun) text += name + "\n";
  if (write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size())) std::perror(path.c_str());
  close(fd);
}

}  // namespace

int main(int argc, char** argv) {
  if (badTestNames() > 0) return 2;
  doctest::Context context(argc, argv);
  int rc = context.run();
  if (context.shouldExit() || !g_runStarted) return rc;
  if (const char* dir = std::getenv("TRICOLOR_DOCTEST_RECORD")) record(dir, argc, argv);
  if (g_casesRun.empty()) {
    std::fprintf(stderr, "no test case ran: the filters match none (a CTest entry that tests nothing)\n");
    return rc == 0 ? 1 : rc;
  }
  return rc;
}
