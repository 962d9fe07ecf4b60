// Overloaded{lambdas...}: one visitor for std::visit from several lambdas.
#ifndef SCALESIM_MODELS_OVERLOADED_H_
#define SCALESIM_MODELS_OVERLOADED_H_

namespace models {

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
// C++20 deduces this in g++; clang 14 still needs the guide.
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

}  // namespace models

#endif  // SCALESIM_MODELS_OVERLOADED_H_
