// The demo school's only source of chance: a SplitMix64 stream, written out here rather than taken
// from <random>, whose distributions differ between standard libraries. The same seed gives the
// same school on every machine, which is what makes seeding twice record nothing new.
#ifndef ENDEAVOUR_CLIENTS_DEMO_DEMO_RANDOM_H_
#define ENDEAVOUR_CLIENTS_DEMO_DEMO_RANDOM_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace endeavour::demo {

class DemoRandom {
 public:
  explicit DemoRandom(uint64_t seed) : state_(seed) {}

  // An independent stream for one part of the school (a pupil, the self-evaluation), so that
  // what one part draws never shifts another's.
  static DemoRandom For(uint64_t seed, std::string_view part, uint64_t index = 0) {
    uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a over the part's name
    for (char c : part) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    DemoRandom mix(seed ^ h ^ (index * 0x9e3779b97f4a7c15ULL));
    return DemoRandom(mix.Next());
  }

  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // From `low` to `high`, both included (`low` when high < low).
  int Between(int low, int high) {
    if (high <= low) return low;
    return low + static_cast<int>(Next() % static_cast<uint64_t>(high - low + 1));
  }

  bool Percent(int chance) { return Between(0, 99) < chance; }

  template <typename Container>
  const auto& Pick(const Container& items) {
    return items[static_cast<size_t>(Between(0, static_cast<int>(std::size(items)) - 1))];
  }

  template <typename T>
  void Shuffle(std::vector<T>& items) {
    for (size_t i = items.size(); i > 1; --i) {
      std::swap(items[i - 1], items[static_cast<size_t>(Between(0, static_cast<int>(i) - 1))]);
    }
  }

 private:
  uint64_t state_;
};

}  // namespace endeavour::demo

#endif  // ENDEAVOUR_CLIENTS_DEMO_DEMO_RANDOM_H_
