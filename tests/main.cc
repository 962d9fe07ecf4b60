// The Catch2 runner, compiled once: the header is heavy.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
