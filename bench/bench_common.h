// Helpers shared by the benchmark programs in bench/: clocks, memory, reading
// command-line flags, the deterministic data they generate, and running one
// phase of a benchmark as a child process of the same program (so that each
// phase's peak RSS is its own).
#pragma once

#include <cmath>
#include <cstdint>
#include <map>
#include <numbers>
#include <string>
#include <vector>

namespace tuowei::bench {

// ---- Clocks and memory -----------------------------------------------------------

// Wall time in seconds, from a steady clock.
double now();

// CPU time of this process in seconds: unlike wall time, barely affected by
// other work on a shared machine (the phases are single-threaded).
double cpu_now();

// A field of /proc/self/status (e.g. "VmHWM:") in bytes, or -1 when missing.
long long status_bytes(const char* field);

// Peak resident set size of this process (VmHWM), in bytes.
long long peak_rss();

// Current resident set size of this process (VmRSS), in bytes.
long long rss();

// `bytes` as whole megabytes, e.g. "71 MB".
std::string mb(double bytes);

// ---- Command line --------------------------------------------------------------

// The arguments of a benchmark program, read one flag at a time:
//   bench::Args args(argc, argv, usage);
//   while (args.next()) {
//     const std::string& a = args.flag();
//     if (a == "--size") o.size = std::stoi(args.value());
//     ...
//     else args.unmatched();
//   }
class Args {
 public:
  // Prints the program's usage (to stderr when `code` is not 0) and exits with `code`.
  using Usage = void (*)(const char* argv0, int code);

  Args(int argc, char** argv, Usage usage) : argc_(argc), argv_(argv), usage_(usage) {}
  // Steps to the next argument; false when there is none.
  bool next();
  // The current argument.
  const std::string& flag() const { return flag_; }
  // Takes the argument after the current one as its value; usage(argv[0], 2)
  // when there is none.
  std::string value();
  // For a flag no option matched: usage(argv[0], 0) for --help or -h, else
  // usage(argv[0], 2).
  [[noreturn]] void unmatched() const;

 private:
  [[noreturn]] void fail(int code) const;

  int argc_;
  char** argv_;
  Usage usage_;
  int i_ = 0;
  std::string flag_;
};

// ---- Deterministic data ------------------------------------------------------------
// Inline: generation calls these once per cell.

inline uint64_t splitmix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// Uniform in [0, 1) from a key.
inline double unit(uint64_t key) { return double(splitmix(key) >> 11) * 0x1.0p-53; }

// Standard normal from a key (Box-Muller), portable unlike std::normal_distribution.
inline double normal(uint64_t key) {
  double u1 = 1.0 - unit(key * 2 + 1), u2 = unit(key * 2 + 2);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2 * std::numbers::pi * u2);
}

// Children under 3 per 100 m cell at a point given as fractions (fx, fy) of a
// square region's side, fx east, fy south: five urban cores and thirty small
// towns, each decaying exponentially from its centre, over a thin rural floor,
// times log-normal noise per cell. Used by bench_access and bench_siting;
// inline, as generation calls at() once per cell.
class Density {
 public:
  Density() {
    cores_ = {{0.50, 0.48, 9.0, 0.050},
              {0.22, 0.70, 5.0, 0.030},
              {0.78, 0.25, 6.0, 0.035},
              {0.30, 0.20, 3.5, 0.020},
              {0.75, 0.78, 3.0, 0.025}};
    for (uint64_t t = 0; t < 30; ++t) {
      cores_.push_back({0.05 + 0.9 * unit(1000 + 4 * t), 0.05 + 0.9 * unit(1001 + 4 * t),
                        0.5 + 2.0 * unit(1002 + 4 * t), 0.004 + 0.008 * unit(1003 + 4 * t)});
    }
  }
  // `key` identifies the cell (for its noise).
  double at(double fx, double fy, uint64_t key) const {
    double d = 0.03;
    for (const Core& c : cores_) d += c.peak * std::exp(-std::hypot(fx - c.x, fy - c.y) / c.scale);
    return d * std::exp(0.6 * normal(key) - 0.18);
  }

 private:
  struct Core {
    double x, y, peak, scale;  // scale: e-folding distance, as a fraction of the side
  };
  std::vector<Core> cores_;
};

// ---- Phases in child processes --------------------------------------------------

// The key=value lines a phase prints, by key.
using KeyValues = std::map<std::string, std::string>;

// The path of the running executable (/proc/self/exe).
std::string self_exe();

// Runs `exe` with `args` (argv[0] is `exe`), its standard output to a pipe,
// waits for it and returns the key=value lines it printed. Throws
// gis::Error("<label> failed") when it does not exit with status 0.
KeyValues run_phase(const std::string& exe, const std::vector<std::string>& args, const std::string& label);

// The key=value lines of `text`; lines without '=' are skipped.
KeyValues parse_key_values(const std::string& text);

// The value of `key` as a number. Throws gis::Error("<source> output lacks
// <key>") when it is missing.
double num(const KeyValues& kv, const std::string& key, const std::string& source = "phase");

}  // namespace tuowei::bench
