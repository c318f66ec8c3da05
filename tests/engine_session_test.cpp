#include <doctest/doctest.h>

#include "library.h"
#include "recorded_session.h"
#include "test_support.h"

using namespace sigap;

TEST_CASE("the bundled scenarios load without errors or warnings") {
  ContentLibrary lib = LoadLibrary({test::SourcePath("scenarios")});
  for (const auto& f : lib.files) {
    INFO(f.path);
    for (const auto& d : f.diagnostics) INFO(FormatDiagnostic(d));
    CHECK(f.errors == 0);
    CHECK(f.warnings == 0);
  }
  CHECK(lib.Scenarios().size() >= 4);
  CHECK(lib.FindCatalogue("sop-tppo") != nullptr);
}
