#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace steppe::testing {

struct CommandResult {
  int exit_code = -1;  // the process's exit status; 128 + n when killed by signal n
  std::string out;
  std::string err;
  double cpu_seconds = 0;  // user + system time the process used
};

// Runs the `steppe` binary (STEPPE_BINARY) with `args`, no shell in between,
// and waits for it.
CommandResult RunSteppe(const std::vector<std::string>& args);

// Starts the `steppe` binary with `args`, its output discarded, and returns
// its process id without waiting.
pid_t StartSteppe(const std::vector<std::string>& args);

// Waits for `pid`; returns its exit status as CommandResult::exit_code does,
// and the CPU time it used in `cpu_seconds` when given.
int WaitFor(pid_t pid, double* cpu_seconds = nullptr);

// The CPU time (user + system) the running process `pid` has used so far,
// from /proc in clock ticks; nullopt once it has exited.
std::optional<double> CpuSecondsSoFar(pid_t pid);

}  // namespace steppe::testing
