#pragma once

// The explorer page's files (server/web/ and cytoscape from npm), embedded
// into the binary at build time by server/web/embed_assets.cmake.

#include <string_view>

namespace steppe::server {

struct WebAsset {
  std::string_view url;  // "/", "/explorer.js", ...
  std::string_view content_type;
  std::string_view bytes;
};

// The asset served at `url`, or nullptr.
const WebAsset* FindWebAsset(std::string_view url);

}  // namespace steppe::server
