// 128-bit integers, a GCC and Clang extension; __extension__ quiets -Wpedantic.
#ifndef SCALESIM_SIM_INT128_H_
#define SCALESIM_SIM_INT128_H_

namespace sim {
__extension__ typedef unsigned __int128 Uint128;
__extension__ typedef __int128 Int128;
}  // namespace sim

#endif  // SCALESIM_SIM_INT128_H_
