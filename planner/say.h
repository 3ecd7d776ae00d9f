// planner/'s messages in English and Chinese (gis/text.h): say("...", args)
// looks the Chinese up in planner/lang/, then in gis/'s catalogue.
#pragma once

#include "gis/text.h"

namespace tuowei::planner {

using gis::as_is;
using gis::Lang;
using gis::Text;

const gis::Catalogue& catalogue();

template <class... A>
Text say(fmt::format_string<gis::detail::shown_t<A>...> en, const A&... args) {
  return gis::say_from(catalogue(), en, args...);
}

}  // namespace tuowei::planner
