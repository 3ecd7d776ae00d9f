// PostGIS connection strings without a server: which sources are PostGIS,
// how a URL becomes GDAL's connection string, and that no password survives
// into anything echoed. (Against a real server: tests/postgis.)
#include <gtest/gtest.h>

#include "gis/error.h"
#include "gis/postgis.h"
#include "gis/vector.h"

namespace gis = tuowei::gis;

TEST(PostgisSource, KnowsConnectionStringsAndUrlsFromFiles) {
  EXPECT_TRUE(gis::is_postgis("PG:dbname=childcare"));
  EXPECT_TRUE(gis::is_postgis("pg:service=tuowei"));
  EXPECT_TRUE(gis::is_postgis("postgresql://planner@db/childcare"));
  EXPECT_TRUE(gis::is_postgis("postgres://db/childcare"));
  EXPECT_TRUE(gis::is_postgis("PostgreSQL://db/childcare"));
  EXPECT_FALSE(gis::is_postgis("townships.gpkg"));
  EXPECT_FALSE(gis::is_postgis("/data/postgresql/townships.shp"));
  EXPECT_FALSE(gis::is_postgis(""));
}

TEST(PostgisSource, UrlBecomesLibpqKeywords) {
  EXPECT_EQ(gis::gdal_connection("postgresql://planner@db.example:5433/childcare?sslmode=require"),
            "PG:user=planner host=db.example port=5433 dbname=childcare sslmode=require");
  EXPECT_EQ(gis::gdal_connection("postgresql:///childcare"), "PG:dbname=childcare");
  EXPECT_EQ(gis::gdal_connection("postgresql://"), "PG:");
}

TEST(PostgisSource, UrlPartsArePercentDecodedAndQuotedForLibpq) {
  // A socket folder as the host, a password with a space, a quote and an @.
  EXPECT_EQ(gis::gdal_connection("postgresql://pl%40nner:a%20b'c@%2Ftmp%2Fpg/%E6%89%98%E8%82%B2"),
            "PG:user=pl@nner password='a b\\'c' host=/tmp/pg dbname=托育");
}

TEST(PostgisSource, UrlTableParameterBecomesGdalTables) {
  EXPECT_EQ(gis::gdal_connection("postgresql://db/childcare?table=planning.no_build&application_name=tuowei"),
            "PG:host=db dbname=childcare application_name=tuowei tables=planning.no_build");
}

TEST(PostgisSource, UrlWithSeveralHostsAndIpv6) {
  EXPECT_EQ(gis::gdal_connection("postgresql://a:5432,[::1]:5433/db"), "PG:host=a,::1 port=5432,5433 dbname=db");
}

TEST(PostgisSource, PgStringsPassUnchanged) {
  EXPECT_EQ(gis::gdal_connection("PG:service=tuowei tables=base.townships"), "PG:service=tuowei tables=base.townships");
}

TEST(PostgisSource, LibpqGetsTheConnectionWithoutGdalsKeys) {
  // Results are written through libpq, which knows no tables= or schemas=.
  EXPECT_EQ(gis::libpq_connection("postgresql://db/childcare?table=planning.no_build&application_name=tuowei"),
            "host=db dbname=childcare application_name=tuowei");
  EXPECT_EQ(gis::libpq_connection("PG:service=tuowei tables=base.townships schemas=base"), "service=tuowei");
  EXPECT_EQ(gis::libpq_connection("PG:dbname='child care' password = 'a b\\'c' active_schema=x port=5433"),
            "dbname='child care' password='a b\\'c' port=5433");
  EXPECT_EQ(gis::libpq_connection("PG:"), "");
}

TEST(PostgisSource, MalformedUrlNamesTheProblemWithoutThePassword) {
  try {
    gis::gdal_connection("postgresql://planner:s3cret@db/child%zzcare");
    FAIL() << "expected an error";
  } catch (const gis::Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("two hex digits"), std::string::npos) << what;
    EXPECT_EQ(what.find("s3cret"), std::string::npos) << what;
  }
  EXPECT_THROW(gis::gdal_connection("postgresql://db/childcare?sslmode"), gis::Error);
}

TEST(PostgisMask, HidesThePasswordOfUrls) {
  EXPECT_EQ(gis::mask_password("postgresql://planner:s3cret@db:5432/childcare"),
            "postgresql://planner:***@db:5432/childcare");
  EXPECT_EQ(gis::mask_password("postgresql://planner@db/childcare?password=s3cret&sslmode=require"),
            "postgresql://planner@db/childcare?password=***&sslmode=require");
  EXPECT_EQ(gis::mask_password("postgresql://planner@db/childcare"), "postgresql://planner@db/childcare");
}

TEST(PostgisMask, HidesThePasswordOfKeywordStrings) {
  EXPECT_EQ(gis::mask_password("PG:dbname=childcare password=s3cret user=planner"),
            "PG:dbname=childcare password=*** user=planner");
  EXPECT_EQ(gis::mask_password("PG:dbname=childcare PASSWORD = 'a b\\'c' user=planner"),
            "PG:dbname=childcare PASSWORD = *** user=planner");
  EXPECT_EQ(gis::mask_password("PG:service=tuowei"), "PG:service=tuowei");
}

TEST(PostgisMask, HidesPasswordsInsideLongerMessages) {
  const std::string message =
      "townships: postgresql://planner:s3cret@db/childcare (base.townships), record 3; also PG:password=other1 x";
  const std::string masked = gis::mask_password(message);
  EXPECT_EQ(masked.find("s3cret"), std::string::npos) << masked;
  EXPECT_EQ(masked.find("other1"), std::string::npos) << masked;
  EXPECT_NE(masked.find("record 3"), std::string::npos) << masked;
  // Words merely containing "password" are left alone.
  EXPECT_EQ(gis::mask_password("check the password file"), "check the password file");
  EXPECT_EQ(gis::mask_password("my_password=x"), "my_password=x");
}

TEST(PostgisNames, PlainLowerCaseNamesOnly) {
  EXPECT_NO_THROW(gis::check_sql_name("tuowei_2025", "schema"));
  EXPECT_THROW(gis::check_sql_name("Tuowei", "schema"), gis::Error);
  EXPECT_THROW(gis::check_sql_name("a;drop", "schema"), gis::Error);
  EXPECT_THROW(gis::check_sql_name("2025", "schema"), gis::Error);
  EXPECT_THROW(gis::check_sql_name("", "schema"), gis::Error);
  EXPECT_EQ(gis::sql_literal("it's"), "'it''s'");
}

TEST(PostgisSource, UnreachableServerIsSaidWithoutThePassword) {
  // Port 1 on this machine: nothing listens there, the refusal is immediate.
  try {
    gis::read_vector({"postgresql://planner:s3cret@127.0.0.1:1/childcare", "base.townships"});
    FAIL() << "expected an error";
  } catch (const gis::Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("postgresql://planner:***@127.0.0.1:1/childcare: cannot connect to PostgreSQL"),
              std::string::npos)
        << what;
    EXPECT_NE(what.find("cannot reach the server"), std::string::npos) << what;
    EXPECT_EQ(what.find("s3cret"), std::string::npos) << what;
  }
}

TEST(PostgisWriter, UnreachableServerIsSaidWithoutThePassword) {
  try {
    gis::PostgisWriter writer("postgresql://planner:s3cret@127.0.0.1:1/childcare");
    FAIL() << "expected an error";
  } catch (const gis::Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("postgresql://planner:***@127.0.0.1:1/childcare: cannot connect to PostgreSQL"),
              std::string::npos)
        << what;
    EXPECT_NE(what.find("cannot reach the server"), std::string::npos) << what;
    EXPECT_EQ(what.find("s3cret"), std::string::npos) << what;
  }
}
