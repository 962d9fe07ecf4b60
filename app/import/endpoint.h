// Endpoint patterns: request paths with their identifiers replaced, so that
// "/users/42/orders/7" and "/users/9/orders/13" count as one endpoint.
#ifndef SCALESIM_APP_IMPORT_ENDPOINT_H_
#define SCALESIM_APP_IMPORT_ENDPOINT_H_

#include <string>
#include <string_view>

namespace app {

// Each path segment (between slashes; before its last dot, so "42.json" keeps
// ".json") that is an identifier becomes a placeholder:
//   all digits                                   -> {id}    "/users/42"
//   a UUID, 8-4-4-4-12 hex digits                -> {uuid}
//   16 or more hex digits, or 8 or more with at
//   least one digit and one letter a-f           -> {hex}   "/objects/5f1d7a3b9c0e4d21a8b6c3f0"
// Anything else is kept, so "/v2/feed" stays. Percent-escapes are kept as
// written. An empty path is "/".
std::string endpoint_pattern(std::string_view path);

}  // namespace app

#endif  // SCALESIM_APP_IMPORT_ENDPOINT_H_
