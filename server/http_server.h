#pragma once

// `steppe serve`: the HTTP endpoint (DESIGN.md, "Server"). Routes only: each
// is a short lambda that parses the request, calls one Service function and
// writes its answer; errors become {"error": {"code", "message"}} with the
// status STYLE.md gives ("Boundaries translate").

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "core/result.h"
#include "server/metrics.h"
#include "server/service.h"

namespace httplib {
class Server;
}

namespace steppe::server {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 7474;  // 0: any free port
  // The bearer token writes need; none means the server refuses writes.
  std::optional<std::string> token;
  bool read_only = false;
  size_t max_body_bytes = 8u << 20;
  size_t threads = 16;
};

class HttpServer {
 public:
  HttpServer(Service& service, ServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds the listening socket; returns the port (useful with port 0).
  // IOError when the address cannot be bound.
  Result<int> Bind();
  // Answers requests until Stop(). REQUIRES: Bind() succeeded.
  Status Serve();
  // Makes Serve() return; safe from any thread.
  void Stop();
  bool IsRunning() const;

  Metrics& metrics() { return metrics_; }

 private:
  void AddRoutes();

  Service& service_;
  ServerOptions options_;
  Metrics metrics_;
  std::unique_ptr<httplib::Server> http_;
};

}  // namespace steppe::server
