// Overloaded{lambdas...}: one visitor for std::visit from several lambdas.
#ifndef SCALESIM_MODELS_OVERLOADED_H_
#define SCALESIM_MODELS_OVERLOADED_H_

namespace models {

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};

}  // namespace models

#endif  // SCALESIM_MODELS_OVERLOADED_H_
