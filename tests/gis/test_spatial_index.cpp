// Point-in-polygon lookup through the R-tree, with its tie-breaking rule.
#include <gtest/gtest.h>
#include <ogr_geometry.h>

#include <memory>
#include <string>
#include <vector>

#include "gis/spatial_index.h"

using tuowei::gis::PolygonIndex;

namespace {

struct Polygons {
  std::vector<std::unique_ptr<OGRGeometry>> owned;
  std::vector<const OGRGeometry*> ptrs;
  explicit Polygons(const std::vector<const char*>& wkts) {
    for (const char* w : wkts) {
      if (!w) {
        ptrs.push_back(nullptr);
        continue;
      }
      OGRGeometry* g = nullptr;
      EXPECT_EQ(OGRGeometryFactory::createFromWkt(w, nullptr, &g), OGRERR_NONE) << w;
      owned.emplace_back(g);
      ptrs.push_back(g);
    }
  }
};

// Four unit squares of side 10 in a 2 x 2 block, listed clockwise from the
// bottom left, plus a square with a hole further east.
const std::vector<const char*> kBlock = {
    "POLYGON((0 0,10 0,10 10,0 10,0 0))",      // 0: bottom left
    "POLYGON((0 10,10 10,10 20,0 20,0 10))",   // 1: top left
    "POLYGON((10 10,20 10,20 20,10 20,10 10))",  // 2: top right
    "POLYGON((10 0,20 0,20 10,10 10,10 0))",   // 3: bottom right
    "POLYGON((30 0,40 0,40 10,30 10,30 0),(33 3,37 3,37 7,33 7,33 3))",  // 4: with a hole
};

}  // namespace

TEST(PolygonIndex, PointInsideIsLocated) {
  Polygons p(kBlock);
  PolygonIndex index(p.ptrs);
  EXPECT_EQ(index.locate(5, 5), 0);
  EXPECT_EQ(index.locate(5, 15), 1);
  EXPECT_EQ(index.locate(15, 15), 2);
  EXPECT_EQ(index.locate(15, 5), 3);
  EXPECT_EQ(index.locate(31, 1), 4);
}

TEST(PolygonIndex, PointOutsideEveryPolygonIsMinusOne) {
  Polygons p(kBlock);
  PolygonIndex index(p.ptrs);
  EXPECT_EQ(index.locate(25, 5), -1);   // between the block and polygon 4
  EXPECT_EQ(index.locate(-1, -1), -1);
  EXPECT_EQ(index.locate(100, 100), -1);
}

TEST(PolygonIndex, PointInAHoleIsOutside) {
  Polygons p(kBlock);
  PolygonIndex index(p.ptrs);
  EXPECT_EQ(index.locate(35, 5), -1);
}

TEST(PolygonIndex, PointInsideTheEnvelopeButOutsideThePolygonIsOutside) {
  Polygons p({"POLYGON((0 0,10 0,0 10,0 0))"});
  PolygonIndex index(p.ptrs);
  EXPECT_EQ(index.candidates(8, 8, 8, 8), std::vector<int>{0});
  EXPECT_EQ(index.locate(8, 8), -1);
  EXPECT_EQ(index.locate(2, 2), 0);
}

TEST(PolygonIndex, PointOnASharedBorderGoesToTheLowestIndex) {
  Polygons p(kBlock);
  PolygonIndex index(p.ptrs);
  EXPECT_EQ(index.locate(5, 10), 0);   // between 0 and 1
  EXPECT_EQ(index.locate(15, 10), 2);  // between 2 and 3
  EXPECT_EQ(index.locate(10, 15), 1);  // between 1 and 2
  EXPECT_EQ(index.locate(10, 10), 0);  // the corner all four share
}

TEST(PolygonIndex, LowestIndexIsByPositionNotByGeometry) {
  Polygons p({kBlock[3], kBlock[2], kBlock[1], kBlock[0]});
  PolygonIndex index(p.ptrs);
  EXPECT_EQ(index.locate(10, 10), 0);  // now the bottom-right square
  EXPECT_EQ(index.locate(5, 10), 2);   // top left (2) before bottom left (3)
}

TEST(PolygonIndex, PointOnTheOuterBoundaryIsInside) {
  Polygons p(kBlock);
  PolygonIndex index(p.ptrs);
  EXPECT_EQ(index.locate(0, 5), 0);
  EXPECT_EQ(index.locate(20, 20), 2);
}

TEST(PolygonIndex, CandidatesAreTheSortedIndicesWhoseEnvelopesMeetTheBox) {
  Polygons p(kBlock);
  PolygonIndex index(p.ptrs);
  EXPECT_EQ(index.candidates(1, 1, 2, 2), std::vector<int>{0});
  EXPECT_EQ(index.candidates(5, 5, 15, 15), (std::vector<int>{0, 1, 2, 3}));
  EXPECT_EQ(index.candidates(15, 2, 32, 3), (std::vector<int>{3, 4}));
  EXPECT_EQ(index.candidates(35, 5, 35, 5), std::vector<int>{4});  // the hole is in the envelope
  EXPECT_TRUE(index.candidates(50, 50, 60, 60).empty());
}

TEST(PolygonIndex, NullAndEmptyGeometriesAreNeverFound) {
  Polygons p({nullptr, "POLYGON EMPTY", kBlock[0]});
  PolygonIndex index(p.ptrs);
  EXPECT_EQ(index.locate(5, 5), 2);
  EXPECT_EQ(index.candidates(-100, -100, 100, 100), std::vector<int>{2});
}

TEST(PolygonIndex, MultiPolygonPartsAreAllFound) {
  Polygons p({"MULTIPOLYGON(((0 0,1 0,1 1,0 1,0 0)),((100 100,101 100,101 101,100 101,100 100)))"});
  PolygonIndex index(p.ptrs);
  EXPECT_EQ(index.locate(0.5, 0.5), 0);
  EXPECT_EQ(index.locate(100.5, 100.5), 0);
  EXPECT_EQ(index.locate(50, 50), -1);
}

TEST(PolygonIndex, SurvivesBeingMoved) {
  Polygons p(kBlock);
  PolygonIndex a(p.ptrs);
  PolygonIndex b(std::move(a));
  EXPECT_EQ(b.locate(15, 15), 2);
}
