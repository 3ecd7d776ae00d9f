// 2SFCA and its variants on cases small enough to compute by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "gis/error.h"
#include "gis/floating_catchment.h"
#include "gis/point_index.h"

using tuowei::gis::DistanceDecay;
using tuowei::gis::FloatingCatchment;
using tuowei::gis::Neighbour;
using tuowei::gis::PointIndex;

namespace {

// Supplies S1 = 10 at x = 0, S2 = 20 at x = 10, S3 = 5 at x = 100 (no demand
// near it); demand a = 100 at x = 1, b = 50 at x = 6, c = 30 at x = 30.
struct Line {
  std::vector<double> sx{0, 10, 100}, sy{0, 0, 0}, supply{10, 20, 5};
  std::vector<double> dx{1, 6, 30}, demand{100, 50, 30};
  PointIndex index{sx, sy};

  std::vector<double> run(const DistanceDecay& decay, FloatingCatchment& fca) {
    std::vector<Neighbour> reach;
    for (size_t i = 0; i < dx.size(); ++i) {
      index.within(dx[i], 0, decay.threshold, reach);
      fca.add_demand(demand[i], reach);
    }
    fca.finish_step1();
    std::vector<double> a;
    for (size_t i = 0; i < dx.size(); ++i) {
      index.within(dx[i], 0, decay.threshold, reach);
      a.push_back(fca.accessibility(reach));
    }
    return a;
  }
};

DistanceDecay uniform(double d0) {
  DistanceDecay d;
  d.threshold = d0;
  return d;
}

}  // namespace

TEST(FloatingCatchment, Uniform2sfcaMatchesHandComputation) {
  Line l;
  FloatingCatchment fca(l.supply, uniform(7));
  auto a = l.run(uniform(7), fca);
  // D1 = 100 + 50, D2 = 50: R1 = 10/150, R2 = 20/50.
  EXPECT_NEAR(fca.ratio()[0], 10.0 / 150, 1e-15);
  EXPECT_NEAR(fca.ratio()[1], 0.4, 1e-15);
  EXPECT_NEAR(a[0], 10.0 / 150, 1e-15);
  EXPECT_NEAR(a[1], 10.0 / 150 + 0.4, 1e-15);
}

TEST(FloatingCatchment, DemandReachingNoSupplyHasNoValueNotZero) {
  Line l;
  FloatingCatchment fca(l.supply, uniform(7));
  auto a = l.run(uniform(7), fca);
  EXPECT_TRUE(std::isnan(a[2]));
}

TEST(FloatingCatchment, SupplyWithNoDemandInReachHasNoRatio) {
  Line l;
  FloatingCatchment fca(l.supply, uniform(7));
  l.run(uniform(7), fca);
  EXPECT_TRUE(std::isnan(fca.ratio()[2]));
  EXPECT_EQ(fca.weighted_demand()[2], 0.0);
  EXPECT_EQ(fca.supply_reached(), 30.0);
}

TEST(FloatingCatchment, DemandTimesAccessEqualsSupplyReached) {
  for (auto kind : {DistanceDecay::Kind::uniform, DistanceDecay::Kind::stepwise, DistanceDecay::Kind::gaussian,
                    DistanceDecay::Kind::power}) {
    Line l;
    DistanceDecay d = uniform(7);
    d.kind = kind;
    d.steps = DistanceDecay::default_steps(7);
    d.min_cost = 0.5;
    FloatingCatchment fca(l.supply, d);
    auto a = l.run(d, fca);
    double total = 0;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!std::isnan(a[i])) total += l.demand[i] * a[i];
    }
    EXPECT_NEAR(total, fca.supply_reached(), 1e-12) << d.describe();
  }
}

TEST(FloatingCatchment, StepwiseE2sfcaMatchesHandComputation) {
  Line l;
  DistanceDecay d = uniform(7);
  d.kind = DistanceDecay::Kind::stepwise;
  d.steps = {{2, 1.0}, {5, 0.5}, {7, 0.25}};
  FloatingCatchment fca(l.supply, d);
  auto a = l.run(d, fca);
  // a-S1 at 1 (w 1), b-S1 at 6 (w 0.25), b-S2 at 4 (w 0.5).
  double r1 = 10.0 / (100 * 1.0 + 50 * 0.25), r2 = 20.0 / (50 * 0.5);
  EXPECT_NEAR(a[0], r1, 1e-15);
  EXPECT_NEAR(a[1], 0.25 * r1 + 0.5 * r2, 1e-15);
}

TEST(FloatingCatchment, PairAtExactlyTheThresholdCounts) {
  std::vector<double> sx{0}, sy{0};
  PointIndex index(sx, sy);
  std::vector<Neighbour> reach;
  index.within(300, 0, 300, reach);
  ASSERT_EQ(reach.size(), 1u);
  EXPECT_EQ(reach[0].second, 300.0);
  EXPECT_EQ(uniform(300).weight(300.0), 1.0);
  EXPECT_EQ(uniform(300).weight(300.0000001), 0.0);
}

TEST(FloatingCatchment, GaussianWeightIsOneAtZeroAndZeroAtTheThreshold) {
  DistanceDecay d = uniform(300);
  d.kind = DistanceDecay::Kind::gaussian;
  EXPECT_NEAR(d.weight(0), 1.0, 1e-15);
  EXPECT_NEAR(d.weight(300), 0.0, 1e-15);
  EXPECT_GT(d.weight(150), d.weight(200));
}

TEST(FloatingCatchment, GaussianWithItsOwnBandwidthIsTheKernelUpToTheThreshold) {
  // PySAL's gaussian(500) inside a 1,000 m catchment.
  DistanceDecay d = uniform(1000);
  d.kind = DistanceDecay::Kind::gaussian;
  d.bandwidth = 500;
  EXPECT_NEAR(d.weight(0), 1.0, 1e-15);
  EXPECT_NEAR(d.weight(500), std::exp(-0.5), 1e-15);
  EXPECT_NEAR(d.weight(1000), std::exp(-2.0), 1e-15);  // not 0: the kernel is not tied to d0
  EXPECT_EQ(d.weight(1000.001), 0.0);
  d.bandwidth = -1;
  EXPECT_THROW(d.validate(), tuowei::gis::Error);
}

TEST(FloatingCatchment, PowerDecayFloorsShortDistances) {
  DistanceDecay d = uniform(1000);
  d.kind = DistanceDecay::Kind::power;
  d.beta = 2;
  d.min_cost = 50;
  EXPECT_EQ(d.weight(10), d.weight(50));
  EXPECT_NEAR(d.weight(100), 1e-4, 1e-18);
}

TEST(FloatingCatchment, BadDefinitionsAreRejected) {
  DistanceDecay d = uniform(0);
  EXPECT_THROW(d.validate(), tuowei::gis::Error);
  d = uniform(300);
  d.kind = DistanceDecay::Kind::stepwise;
  d.steps = {{200, 1.0}, {100, 0.5}};
  EXPECT_THROW(d.validate(), tuowei::gis::Error);
}

TEST(PointIndex, WithinReturnsEveryPointInTheRadiusAndNoOther) {
  std::vector<double> x, y;
  for (int i = 0; i < 100; ++i) {
    x.push_back(i % 10 * 100.0);
    y.push_back(i / 10 * 100.0);
  }
  PointIndex index(x, y);
  std::vector<Neighbour> out;
  index.within(450, 450, 150, out);
  int brute = 0;
  for (int i = 0; i < 100; ++i) brute += std::hypot(x[i] - 450, y[i] - 450) <= 150;
  EXPECT_EQ(int(out.size()), brute);
  for (const auto& [j, d] : out) EXPECT_NEAR(d, std::hypot(x[j] - 450, y[j] - 450), 1e-9);
}
