#include "gis/atomic_file.h"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <regex>
#include <string>
#include <utility>

#include "gis/error.h"

namespace fs = std::filesystem;

namespace tuowei::gis {

namespace {

// The temporaries of this process, in a table a signal handler may read:
// fixed slots, claimed and released with atomics, unlinked by the handler.
constexpr int kSlots = 256;
constexpr size_t kPathMax = 1024;
char g_paths[kSlots][kPathMax];
std::atomic<int> g_slot_state[kSlots];  // 0 free, 1 being written, 2 in use

int claim_slot(const fs::path& p) {
  const std::string s = p.string();
  if (s.size() >= kPathMax) return -1;  // too long to track: still removed by the destructor
  for (int i = 0; i < kSlots; ++i) {
    int expected = 0;
    if (g_slot_state[i].compare_exchange_strong(expected, 1)) {
      std::memcpy(g_paths[i], s.c_str(), s.size() + 1);
      g_slot_state[i].store(2);
      return i;
    }
  }
  return -1;
}

void release_slot(int i) {
  if (i >= 0) g_slot_state[i].store(0);
}

extern "C" void remove_temporaries_and_reraise(int sig) {
  for (int i = 0; i < kSlots; ++i) {
    if (g_slot_state[i].load() == 2) ::unlink(g_paths[i]);
  }
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

std::mutex g_protect_mutex;
std::vector<fs::path> g_protected;

std::atomic<int> g_counter{0};

fs::path temp_name(const fs::path& final_path, const char* kind) {
  // Keep the extension last: drivers such as GPKG choose behaviour by it.
  return final_path.parent_path() / fmt::format(".{}.{}{}-{}{}", final_path.stem().string(), kind, ::getpid(),
                                                g_counter++, final_path.extension().string());
}

bool same_file(const fs::path& a, const fs::path& b) {
  if (fs::absolute(a).lexically_normal() == fs::absolute(b).lexically_normal()) return true;
  std::error_code ec;
  return fs::exists(a, ec) && fs::exists(b, ec) && fs::equivalent(a, b, ec);
}

}  // namespace

// The open set: its depth, and the files staged in it with their slots.
struct FileSet::State {
  std::mutex mutex;
  int depth = 0;
  struct Staged {
    fs::path temp, final;
    int slot;
  };
  std::vector<Staged> staged;
};

namespace {
FileSet::State& set_state() {
  static FileSet::State state;
  return state;
}
}  // namespace

AtomicFile::AtomicFile(fs::path final_path) : final_(std::move(final_path)) {
  {
    std::lock_guard<std::mutex> lock(g_protect_mutex);
    for (const fs::path& input : g_protected) {
      if (same_file(final_, input)) {
        throw Error(say("{}: is one of the project's inputs and would be replaced by an output; give --out "
                        "another folder",
                        final_.string()));
      }
    }
  }
  temp_ = temp_name(final_, "tmp");
  slot_ = claim_slot(temp_);
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    std::error_code ec;
    fs::remove(temp_, ec);
    release_slot(slot_);
  }
}

void AtomicFile::commit() {
  FileSet::State& set = set_state();
  {
    std::lock_guard<std::mutex> lock(set.mutex);
    if (set.depth > 0) {
      // Staged: the set moves it (and releases its slot) when it commits.
      set.staged.push_back({temp_, final_, slot_});
      committed_ = true;
      return;
    }
  }
  std::error_code ec;
  fs::rename(temp_, final_, ec);
  if (ec) {
    throw Error(say("{}: cannot move the finished output into place ({}); check that the folder is "
                    "writable",
                    final_.string(), ec.message()));
  }
  committed_ = true;
  release_slot(slot_);
}

FileSet::FileSet(const fs::path& folder) {
  State& set = set_state();
  std::lock_guard<std::mutex> lock(set.mutex);
  outermost_ = set.depth++ == 0;
  if (outermost_) remove_stale_temporaries(folder);
}

FileSet::~FileSet() {
  State& set = set_state();
  std::lock_guard<std::mutex> lock(set.mutex);
  --set.depth;
  if (!outermost_) return;
  for (const State::Staged& s : set.staged) {
    std::error_code ec;
    fs::remove(s.temp, ec);
    release_slot(s.slot);
  }
  set.staged.clear();
}

void FileSet::commit() {
  if (!outermost_) return;
  // Tests only: TUOWEI_TEST_PAUSE_BEFORE_COMMIT=FILE creates FILE and waits
  // (TUOWEI_TEST_PAUSE_SECONDS, default 60) with every file written and
  // none moved, so that a test can kill the run there.
  if (const char* marker = std::getenv("TUOWEI_TEST_PAUSE_BEFORE_COMMIT")) {
    std::ofstream(marker) << ::getpid() << '\n';
    const char* seconds = std::getenv("TUOWEI_TEST_PAUSE_SECONDS");
    std::this_thread::sleep_for(std::chrono::seconds(seconds ? std::atoi(seconds) : 60));
  }
  State& set = set_state();
  std::lock_guard<std::mutex> lock(set.mutex);
  // Keep what each file replaces (a second name for it), then move every
  // file; on a failure, put the old ones back and remove the new.
  struct Move {
    const State::Staged* file;
    fs::path backup;  // empty: nothing replaced
    bool moved = false;
  };
  std::vector<Move> moves;
  Text failure;
  for (const State::Staged& s : set.staged) {
    Move m{&s, {}};
    std::error_code ec;
    if (fs::is_regular_file(s.final, ec)) {
      m.backup = temp_name(s.final, "old");
      fs::create_hard_link(s.final, m.backup, ec);
      if (ec) {
        ec.clear();
        fs::copy_file(s.final, m.backup, ec);
      }
      if (ec) {
        failure = say("{}: cannot keep the previous file aside ({})", s.final.string(), ec.message());
        m.backup.clear();
        moves.push_back(m);
        break;
      }
    }
    moves.push_back(m);
  }
  if (failure.empty()) {
    for (Move& m : moves) {
      std::error_code ec;
      fs::rename(m.file->temp, m.file->final, ec);
      if (ec) {
        failure = say("{}: cannot move the finished output into place ({})", m.file->final.string(), ec.message());
        break;
      }
      m.moved = true;
    }
  }
  for (Move& m : moves) {
    std::error_code ec;
    if (!failure.empty()) {
      if (m.moved) {
        if (!m.backup.empty()) fs::rename(m.backup, m.file->final, ec);
        else fs::remove(m.file->final, ec);
      } else {
        fs::remove(m.file->temp, ec);
      }
    }
    if (!m.backup.empty()) fs::remove(m.backup, ec);
  }
  for (const State::Staged& s : set.staged) {
    std::error_code ec;
    if (!failure.empty()) fs::remove(s.temp, ec);
    release_slot(s.slot);
  }
  set.staged.clear();
  if (!failure.empty()) {
    throw Error(say("{}; the folder keeps the previous results; check that it is writable and has space", failure));
  }
}

void protect_inputs(const std::vector<fs::path>& inputs) {
  std::lock_guard<std::mutex> lock(g_protect_mutex);
  g_protected = inputs;
}

void remove_temporaries_on_signal() {
  struct sigaction sa {};
  sa.sa_handler = remove_temporaries_and_reraise;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESETHAND;
  ::sigaction(SIGINT, &sa, nullptr);
  ::sigaction(SIGTERM, &sa, nullptr);
}

int remove_stale_temporaries(const fs::path& folder) {
  static const std::regex pattern(R"(^\..*\.(tmp|old)(\d+)-\d+.*$)");
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return 0;
  int removed = 0;
  for (const fs::directory_entry& e : fs::directory_iterator(folder, ec)) {
    const std::string name = e.path().filename().string();
    std::smatch m;
    if (!std::regex_match(name, m, pattern)) continue;
    const long pid = std::stol(m[2].str());
    if (pid == long(::getpid())) continue;
    if (::kill(pid_t(pid), 0) == 0 || errno != ESRCH) continue;  // still running (or not ours to judge)
    std::error_code rm;
    if (fs::remove(e.path(), rm)) ++removed;
  }
  return removed;
}

}  // namespace tuowei::gis
