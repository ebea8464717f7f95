#pragma once

#include <string>
#include <string_view>

namespace steppe::testing {

// A fresh folder under $TMPDIR (or /tmp), removed with everything in it when
// the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // Writes `content` to `relative` below the folder, creating folders on the way.
  void Write(std::string_view relative, std::string_view content) const;

 private:
  std::string path_;
};

}  // namespace steppe::testing
