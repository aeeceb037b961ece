# The school views: self-evaluation trends, school overview.
target_sources(projections PRIVATE self_evaluation_trends.cc school_overview.cc)
endeavour_test(self_evaluation_trends_test SOURCES self_evaluation_trends_test.cc LIBS projections)
endeavour_test(school_overview_test SOURCES school_overview_test.cc LIBS projections)
