#pragma once

#include <vector>

#include "core/facts.h"

namespace steppe::testing {

// A small corpus we wrote for resolution and loading: each article's text
// with the facts an extractor should read from it, built by hand.
//   [0] 2026-03-02  Yerlan Temirov (Deputy Minister, MFA of Kazakhstan) meets
//                   Norway's ambassador Jonas Berg in Astana.
//   [1] 2026-03-09  "Erlan Temirov" of "the Kazakh MFA" talks with Aigerim
//                   Sadykova of the Steppe Water Agency.
//   [2] 2026-03-10  Aidos Temirov, rector of Steppe University (another Temirov).
//   [3] 2026-03-12  "A. Temirov", rector of Steppe University, again.
//   [4] 2026-03-15  a contract between Steppe Rail JSC and Karachi Port Trust
//                   (Kazakhstan, Pakistan); the Mazhilis approves the beekeeping
//                   bill; a Mazhilis committee drafts amendments.
std::vector<ArticleFacts> ResolveCorpus();

}  // namespace steppe::testing
