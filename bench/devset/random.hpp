// Random draws that give the same numbers on every platform: std::mt19937_64 is fully
// specified by the standard, its distributions are not, so every distribution is done here
// with integer arithmetic and exact floating-point operations (no libm).
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace bzpeer::devset {

class Random {
public:
    explicit Random(std::uint64_t seed) : engine_(seed) {}

    std::uint64_t bits() { return engine_(); }

    // Uniform in [0, n), without modulo bias. n > 0.
    std::uint64_t below(std::uint64_t n) {
        const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % n);
        for (;;) {
            std::uint64_t x = engine_();
            if (x < limit) return x % n;
        }
    }
    int between(int lo, int hi) {  // inclusive
        return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo) + 1));
    }
    // Uniform in [0, 1) with 53 random bits.
    double real() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
    double real(double lo, double hi) { return lo + (hi - lo) * real(); }
    bool chance(double p) { return real() < p; }

    // Number of failures before the first success of a trial with success probability p.
    int geometric(double p, int cap) {
        int n = 0;
        while (n < cap && !chance(p)) ++n;
        return n;
    }

    // Index drawn with probability proportional to weights[i]; weights not all zero.
    std::size_t weighted(const std::vector<double>& weights) {
        double total = 0;
        for (double w : weights) total += w;
        double x = real() * total;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (x < weights[i]) return i;
            x -= weights[i];
        }
        for (std::size_t i = weights.size(); i-- > 0;)
            if (weights[i] > 0) return i;
        return 0;
    }

    template <typename T>
    const T& pick(const std::vector<T>& items) {
        return items[below(items.size())];
    }

    template <typename T>
    void shuffle(std::vector<T>& items) {
        for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[below(i)]);
    }

private:
    std::mt19937_64 engine_;
};

}  // namespace bzpeer::devset
