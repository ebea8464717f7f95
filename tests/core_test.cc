#include <doctest/doctest.h>

#include "core/fold.h"
#include "core/result.h"

namespace steppe {

TEST_CASE("core: FoldName folds transliteration variants to one key") {
  CHECK(FoldName("Yerlan Akkenzhenov") == FoldName("Erlan Akkenzhenov"));
  CHECK(FoldName("Madi Takiyev") == FoldName("Madi Takiev"));
  CHECK(FoldName("Jeenbek Kulubayev") == FoldName("Zheenbek Kulubaev"));
  CHECK(FoldName("Ștefănescu-Țăranu") == "stefanescu taranu");
  CHECK(FoldName("Samruk-Kazyna JSC") == "samruk kazyna");
  CHECK(FoldName("the Republic of Kazakhstan") == "kazahstan");
  CHECK(FoldName("Kazakhstan's") == FoldName("Kazakhstan"));
  CHECK(FoldName("Cevdet Yılmaz") == "cevdet yilmaz");
}

TEST_CASE("core: Result holds a value or an error") {
  Result<int> good = 7;
  REQUIRE(good.ok());
  CHECK(*good == 7);
  Result<int> bad = Status::NotFound("node 9");
  CHECK_FALSE(bad.ok());
  CHECK(bad.status().IsNotFound());
  CHECK(bad.status().ToString() == "NotFound: node 9");
  CHECK(Status::SyntaxError("expected ')'", 1, 19).line() == 1);
}

}  // namespace steppe
