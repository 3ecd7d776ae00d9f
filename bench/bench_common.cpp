#include "bench/bench_common.h"

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "gis/error.h"

namespace tuowei::bench {

namespace gis = tuowei::gis;

double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

double cpu_now() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

long long status_bytes(const char* field) {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind(field, 0) == 0) return std::atoll(line.c_str() + std::string(field).size()) * 1024;
  }
  return -1;
}

long long peak_rss() { return status_bytes("VmHWM:"); }

long long rss() { return status_bytes("VmRSS:"); }

std::string mb(double bytes) { return fmt::format("{:.0f} MB", bytes / (1 << 20)); }

bool Args::next() {
  if (++i_ >= argc_) return false;
  flag_ = argv_[i_];
  return true;
}

std::string Args::value() {
  if (i_ + 1 >= argc_) fail(2);
  return argv_[++i_];
}

void Args::unmatched() const { fail(flag_ == "--help" || flag_ == "-h" ? 0 : 2); }

void Args::fail(int code) const {
  usage_(argv_[0], code);
  std::exit(code);  // usage_ exits already
}

std::string self_exe() { return std::filesystem::read_symlink("/proc/self/exe").string(); }

KeyValues run_phase(const std::string& exe, const std::vector<std::string>& args, const std::string& label) {
  std::vector<std::string> argv_strings = {exe};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  int fds[2];
  if (pipe(fds) != 0) throw gis::Error(gis::as_is("pipe failed"));
  std::fflush(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    close(fds[1]);
    std::vector<char*> argv;
    for (auto& a : argv_strings) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(exe.c_str(), argv.data());
    _exit(127);
  }
  close(fds[1]);
  std::string out;
  char buf[4096];
  ssize_t got;
  while ((got = read(fds[0], buf, sizeof buf)) > 0) out.append(buf, size_t(got));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw gis::Error(gis::as_is(label + " failed"));
  return parse_key_values(out);
}

KeyValues parse_key_values(const std::string& text) {
  KeyValues kv;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    std::string line = text.substr(pos, eol - pos);
    size_t eq = line.find('=');
    if (eq != std::string::npos) kv[line.substr(0, eq)] = line.substr(eq + 1);
    pos = eol + 1;
  }
  return kv;
}

double num(const KeyValues& kv, const std::string& key, const std::string& source) {
  auto it = kv.find(key);
  if (it == kv.end()) throw gis::Error(gis::as_is(source + " output lacks " + key));
  return std::atof(it->second.c_str());
}

}  // namespace tuowei::bench
