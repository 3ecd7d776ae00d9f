#include "planner/lang/catalogue.h"

#include "planner/say.h"

namespace tuowei::planner {

const gis::Catalogue& catalogue() {
  static const gis::Catalogue book(
      {lang::zh_inputs(), lang::zh_analysis(), lang::zh_siting(), lang::zh_outputs(), lang::zh_cli()},
      &gis::catalogue());
  return book;
}

}  // namespace tuowei::planner
